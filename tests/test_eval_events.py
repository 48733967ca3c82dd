"""The event evaluation: readers and scorers on hand-made records, the CLI, and a smoke run on the GSR."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, shared_path
from presswatch.eval_events import (
    actor_code,
    code_text,
    gold_type,
    load_actor_dictionary,
    load_dev,
    load_gsr,
    load_petrarch,
    main_event,
    score_gsr,
    score_petrarch,
)
from presswatch.types import Actor, Analysis, Article, Event, EventArg


def _analysis(events, actors=()):
    return Analysis(article=Article(id="a", text="x"), events=list(events), actors=list(actors))


def _ev(type_, src=None, tgt=None, modality="asserted", start=0):
    return Event(id=f"ev{start}", type=type_, source=EventArg(actor=src), target=EventArg(actor=tgt),
                 cue=[start, start + 1], modality=modality)


def test_old_plover_names_are_mapped():
    assert gold_type("DEMAND") == "REQUEST"
    assert gold_type("DISAPPROVE") == "ACCUSE"
    assert gold_type("INVESTIGATE") == "ACCUSE"
    assert gold_type("FIGHT") == "ASSAULT"
    assert gold_type("AGREE") == "AGREE"


def test_load_gsr_skips_the_document_header(tmp_path):
    data = [
        {"id": "D", "event": "DOCUMENT", "eventText": "header"},
        {"id": "R1", "date": "2000-01-01", "event": "DEMAND", "text": "{A demanded B.}",
         "source": [{"actorText": "A", "code": "AAA"}], "target": ""},
        {"id": "R2", "date": "20000102", "event": "FIGHT", "text": "C fought D.",
         "source": [{"actorText": "C", "code": "CCC"}], "target": [{"actorText": "D", "code": "DDD"}]},
    ]
    (tmp_path / "PLOVER_GSR_CAMEO.txt").write_text(json.dumps(data), encoding="utf-8")
    recs = load_gsr(tmp_path)
    assert [r["id"] for r in recs] == ["R1", "R2"]
    assert recs[0]["text"] == "A demanded B." and recs[0]["event"] == "REQUEST" and recs[0]["target"] == []
    assert recs[1]["date"] == "2000-01-02" and recs[1]["target"] == ["DDD"]


def test_main_event_skips_demanded_complements():
    evs = [_ev("REJECT", modality="demanded", start=0), _ev("REQUEST", start=5)]
    assert main_event(evs).type == "REQUEST"
    assert main_event([]) is None


def test_score_gsr_counts_type_source_and_target():
    recs = [
        {"id": "1", "event": "REQUEST", "source": ["USA"], "target": ["PRK"]},
        {"id": "2", "event": "ASSAULT", "source": ["IGO"], "target": []},
        {"id": "3", "event": "AGREE", "source": [], "target": []},
    ]
    nato = Actor(id="nato", name="NATO", type="alliance")
    analyses = [
        _analysis([_ev("REQUEST", "USA", "CHN")]),
        _analysis([_ev("ASSAULT", "nato")], [nato]),
        _analysis([]),
    ]
    scores, rows = score_gsr(recs, analyses)
    assert scores["event_type_accuracy"] == pytest.approx(2 / 3)
    assert scores["source_country_accuracy"] == 1.0  # USA and NATO as IGO; record 3 has no gold source
    assert scores["target_country_accuracy"] == 0.0
    assert scores["records_with_event"] == pytest.approx(2 / 3)
    assert [r["ok"] for r in rows] == [True, True, False]


def test_load_dev_reads_jsonl_and_rejects_bad_records(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps({"id": 7, "text": "A met B.", "event": "CONSULT", "source": ["AAA"]}) + "\n\n"
                    + json.dumps({"id": "x", "text": "C fought D.", "event": "FIGHT", "date": "20010203",
                                  "source": ["CCC"], "target": ["DDD"]}) + "\n", encoding="utf-8")
    recs = load_dev(path)
    assert [r["id"] for r in recs] == ["7", "x"]
    assert recs[0]["target"] == [] and recs[1]["event"] == "ASSAULT" and recs[1]["date"] == "2001-02-03"
    path.write_text('{"id": "y", "event": "AGREE"}\n', encoding="utf-8")  # no text
    with pytest.raises(ValueError, match=r"dev.jsonl:1: bad dev record"):
        load_dev(path)


def test_actor_codes_for_organisations():
    eu = Actor(id="eu", name="European Union", type="organization")
    commission = Actor(id="ec", name="European Commission", type="government_body")
    an = _analysis([], [eu, commission])
    assert actor_code(an, "eu") == "IGO" and actor_code(an, "ec") == "IGO"
    assert actor_code(an, "ngo:human-rights-watch") == "NGO"
    assert actor_code(an, None) is None


def test_dev_set_is_well_formed():
    from presswatch.event_lexicon import PLOVER_TYPES

    recs = load_dev(ROOT / "tests" / "data" / "events" / "dev_sentences.jsonl")
    assert len(recs) >= 150 and len({r["id"] for r in recs}) == len(recs)
    assert {r["event"] for r in recs} == set(PLOVER_TYPES)
    assert all(r["source"] and all(len(c) == 3 for c in r["source"] + r["target"]) for r in recs)


@pytest.mark.slow
def test_dev_set_scores():
    """The written dev set (tuned on, so this guards against regressions, not a measure of accuracy)."""
    proc = subprocess.run([sys.executable, "-m", "presswatch.cli", "eval", "events", "--dev",
                           str(ROOT / "tests" / "data" / "events" / "dev_sentences.jsonl"), "--json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(proc.stdout)["dev"]
    assert scores["event_type_accuracy"] >= 0.95
    assert scores["source_country_accuracy"] >= 0.95
    assert scores["target_country_accuracy"] >= 0.85


PETR_XML = """<Validation><Sentences>
<Sentence date="19950101" id="T-1" category="DEMO" sentence="true">
<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="111"></EventCoding>
<Text>Arnor criticized Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="T-2" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
</Sentences></Validation>"""

ACTORS = """<!-- test dictionary -->
ARNOR_  [ARN]
GONDOR [GON]
+MINAS_TIRITH

GOLLUM  # comment
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
BOROMIR  [---]
"""


def test_petrarch_reader_and_actor_dictionary(tmp_path):
    (tmp_path / "PETR.UnitTest.records.xml").write_text(PETR_XML, encoding="utf-8")
    (tmp_path / "PETR.Validate.actors.txt").write_text(ACTORS, encoding="utf-8")
    recs = load_petrarch(tmp_path)
    assert recs[0]["codings"] == [("ARNGOV", "GON", "111")] and recs[0]["date"] == "1995-01-01"
    assert recs[1]["none"] and recs[1]["codings"] == []
    names = load_actor_dictionary(tmp_path / "PETR.Validate.actors.txt")
    assert names[("ARNOR",)] == "ARN"
    assert names[("MINAS", "TIRITH")] == "GON"
    assert names[("SMEAGOL",)] == "HOB"  # first code block of a dated entry
    assert ("BOROMIR",) not in names  # [---]: no code
    assert code_text("the government of Minas Tirith", names) == "GON"
    assert code_text("Gondorian troops", names) == "GON"  # a long last word also matches as a prefix
    assert code_text("nobody", names) is None and code_text(None, names) is None


def test_score_petrarch_type_and_actor_recall():
    names = {("ARNOR",): "ARN", ("GONDOR",): "GON"}
    recs = [{"id": "1", "codings": [("ARNGOV", "GON", "111"), ("ARN", "GON", "010")], "none": False},
            {"id": "2", "codings": [], "none": True}]
    good = Event(id="e", type="ACCUSE", source=EventArg(text="Arnor"), target=EventArg(text="Gondor"))
    scores, _ = score_petrarch(recs, [_analysis([good]), _analysis([_ev("ASSAULT")])], names)
    assert scores["gold_triples_with_plover_type"] == 1  # 010 (statement) has no PLOVER type
    assert scores["triple_recall"] == 1.0 and scores["source_target_pair_recall"] == 1.0
    assert scores["no_event_records_correct"] == 0.0


def test_cli_needs_a_data_set():
    proc = subprocess.run([sys.executable, "-m", "presswatch.cli", "eval", "events"], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 2 and "--plover" in proc.stderr and "--speed" in proc.stderr and "--dev" in proc.stderr


def test_cli_reports_a_missing_folder(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "presswatch.cli", "eval", "events", "--plover",
                           str(tmp_path / "nope")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1


@pytest.mark.slow
def test_gsr_smoke_run(tmp_path):
    folder = shared_path("data", "plover-gsr")
    out = tmp_path / "rows.jsonl"
    proc = subprocess.run([sys.executable, "-m", "presswatch.cli", "eval", "events", "--plover", str(folder),
                           "--limit", "40", "--json", "--errors", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    scores = json.loads(proc.stdout)["plover_gsr"]
    assert scores["records"] == 40
    # The first 40 records are AGREE and SUPPORT; a working coder gets most of them.
    assert scores["event_type_accuracy"] > 0.5
    assert len(out.read_text().splitlines()) == 40
