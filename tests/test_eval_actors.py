"""eval actors / eval ner: scoring logic on small hand-made inputs, and the shipped gold set."""

from __future__ import annotations

import argparse
import json

import pytest

from presswatch import eval_actors, eval_ner
from presswatch.types import Actor
from conftest import shared_path


def test_predicted_takes_largest_overlap_and_local_is_nil():
    actors = [Actor(id="a", name="A", type="person", mentions=[[0, 5]]),
              Actor(id="local:b", name="B", type="person", local=True, mentions=[[10, 20]]),
              Actor(id="c", name="C", type="state", mentions=[[3, 12]])]
    assert eval_actors.predicted(actors, 0, 5) == "a"
    assert eval_actors.predicted(actors, 12, 20) == "NIL"
    assert eval_actors.predicted(actors, 30, 40) == "NIL"


def test_read_gold_rejects_incomplete_rows(tmp_path):
    (tmp_path / "g.jsonl").write_text(json.dumps({"file": "x", "start": 0}) + "\n")
    with pytest.raises(ValueError):
        eval_actors.read_gold(tmp_path)


def test_predicted_prefers_the_mention_closest_in_length_on_ties():
    actors = [Actor(id="local:x", name="X", type="person", local=True, mentions=[[0, 40]]),
              Actor(id="us-senate", name="Senate", type="government_body", mentions=[[17, 23]])]
    assert eval_actors.predicted(actors, 17, 23) == "us-senate"
    assert eval_actors.predicted(list(reversed(actors)), 17, 23) == "us-senate"


def test_shipped_gold_set_size_and_coverage():
    rows = eval_actors.read_gold(eval_actors.GOLD_DIR)
    assert all(r["end"] > r["start"] and r["mention"] for r in rows)
    assert len({r["file"] for r in rows}) >= 20 and len(rows) >= 300
    assert any(r["file"].startswith("ptc-") for r in rows) and any(r["file"].startswith("polnear/dev/") for r in rows)
    types = {r["type"] for r in rows}
    assert {"person", "state", "organization", "government_body", "media", "metonym", "demonym", "place"} <= types
    assert sum(r["actor"] == "NIL" for r in rows) >= 50
    dates = {}
    for r in rows:  # one publication date per article, and no polnear test files
        assert dates.setdefault(r["file"], r.get("published")) == r.get("published")
        assert not r["file"].startswith("polnear/test/")
    spans = [(r["file"], r["start"], r["end"]) for r in rows]
    assert len(spans) == len(set(spans))


def test_gold_actor_ids_exist_in_the_knowledge_base():
    from presswatch.kb import load_kb

    kb = load_kb()
    missing = sorted({r["actor"] for r in eval_actors.read_gold(eval_actors.GOLD_DIR)
                      if r["actor"] != "NIL" and kb.get(r["actor"]) is None})
    assert missing == []


def test_evaluate_counts_per_set_kind_and_type(tmp_path):
    from types import SimpleNamespace

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text("Putin met Smith in Moscow.", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    rows = [{"file": "a.txt", "start": 0, "end": 5, "mention": "Putin", "actor": "Q7747", "type": "person"},
            {"file": "a.txt", "start": 10, "end": 15, "mention": "Smith", "actor": "NIL", "type": "person"},
            {"file": "a.txt", "start": 19, "end": 25, "mention": "Moscow", "actor": "NIL", "type": "place"}]
    (gold / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    actors = [Actor(id="Q7747", name="Putin", type="person", mentions=[[0, 5]]),
              Actor(id="Q159", name="Russia", type="state", mentions=[[19, 25]])]
    stub = SimpleNamespace(config={}, analyze=lambda article: SimpleNamespace(actors=actors))
    report = eval_actors.evaluate(eval_actors.read_gold(gold), tmp_path / "data", analyzer=stub)
    assert report["mentions"] == 3 and abs(report["accuracy"] - 2 / 3) < 1e-9
    assert report["per_set"]["dev"]["n"] == 3
    assert report["per_kind"]["NIL"] == {"n": 2, "accuracy": 0.5}
    assert report["per_type"]["place"]["accuracy"] == 0.0
    assert abs(report["gold_nil_rate"] - 2 / 3) < 1e-9 and abs(report["system_nil_rate"] - 1 / 3) < 1e-9
    assert report["errors"] == [{"file": "a.txt", "start": 19, "mention": "Moscow", "gold": "NIL", "system": "Q159"}]


def test_evaluate_rejects_offsets_that_do_not_match(tmp_path):
    from types import SimpleNamespace

    (tmp_path / "a.txt").write_text("Putin met Smith.", encoding="utf-8")
    row = {"file": "a.txt", "start": 1, "end": 6, "mention": "Putin", "actor": "Q7747", "type": "person", "set": "x"}
    stub = SimpleNamespace(config={}, analyze=lambda article: SimpleNamespace(actors=[]))
    with pytest.raises(ValueError):
        eval_actors.evaluate([row], tmp_path, analyzer=stub)


def test_gold_offsets_match_the_texts():
    data = shared_path("data")
    for row in eval_actors.read_gold(eval_actors.GOLD_DIR):
        text = (data / row["file"]).read_text(encoding="utf-8")
        assert text[row["start"]:row["end"]] == row["mention"]


def test_conll_spans_iob1_and_iob2():
    assert eval_ner.spans(["I-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-ORG"]) == {(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG")}
    assert eval_ner.spans(["I-LOC", "B-LOC"]) == {(0, 1, "LOC"), (1, 2, "LOC")}


def test_read_conll_documents(tmp_path):
    path = tmp_path / "eng.testb"
    path.write_text("-DOCSTART- -X- -X- O\n\nJAPAN NNP I-NP I-LOC\nwins VBZ I-VP O\n\n-DOCSTART- -X- -X- O\n\nJohn NNP I-NP I-PER\n")
    docs = eval_ner.read_conll(path)
    assert docs == [(["JAPAN", "wins"], {(0, 1, "LOC")}), (["John"], {(0, 1, "PER")})]


def test_eval_commands_report_missing_data(tmp_path, capsys):
    p = argparse.ArgumentParser()
    eval_ner.add_arguments(p)
    assert eval_ner.run(p.parse_args(["--conll", str(tmp_path)])) == 2
    p = argparse.ArgumentParser()
    eval_actors.add_arguments(p)
    assert eval_actors.run(p.parse_args(["--data", str(tmp_path / "none")])) == 2
    assert "E101" in capsys.readouterr().err


def test_speed_times_the_actors_layer_against_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("Moscow warned Kyiv. Sergei Lavrov said the talks would go on.", encoding="utf-8")
    row = {"file": "a.txt", "start": 0, "end": 6, "mention": "Moscow", "actor": "Q159", "type": "metonym"}
    s = eval_actors.speed([row], tmp_path, repeats=1)
    assert s["articles"] == 1 and 0 < s["base_s"] <= s["actors_s"] and s["ratio"] >= 1.0


def test_predicted_ignores_descriptions_around_a_name():
    text = "Rudy Giuliani is the former mayor of New York City. Donald Trump agreed."
    nyc = text.index("New York City")
    desc = text.index("the former mayor")
    trump = text.index("Trump")
    actors = [Actor(id="rudy-giuliani-usa", name="Rudy Giuliani", type="person", mentions=[[desc, nyc + 13]]),
              Actor(id="Q22686", name="Donald Trump", type="person", mentions=[[trump - 7, trump + 5]])]
    assert eval_actors.predicted(actors, nyc, nyc + 13, text) == "NIL"
    assert eval_actors.predicted(actors, nyc, nyc + 13) == "rudy-giuliani-usa"  # without the text: plain overlap
    assert eval_actors.predicted(actors, trump, trump + 5, text) == "Q22686"  # a first name is part of the name
