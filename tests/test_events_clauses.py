"""Round 3 of issue #6: which clause is the main event (parse depth), reported speech and its
pronouns, recipients of aid, and CAMEO dictionary patterns. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import event_code
from presswatch.eval_events import _analyse, actor_code, main_event
from presswatch.types import Article

pytestmark = pytest.mark.slow


def _main(events_analyzer, text):
    """The scorer's main event of a one-sentence record, with its analysis."""
    analysis = _analyse(events_analyzer, [{"id": "t", "text": text}])[0]
    return analysis, main_event(analysis.events)


@pytest.mark.parametrize("text,etype,source", [
    # a relative or participle clause before the main verb is not the main event
    ("Chile, which has been criticised by Lima over the fishing dispute, deployed warships to the border.",
     "MOBILIZE", "CHL"),
    ("Algeria's government, angered by Spanish remarks, recalled its ambassador from Madrid.", "SANCTION", "DZA"),
])
def test_main_event_is_the_highest_clause_not_the_first(events_analyzer, text, etype, source):
    analysis, ev = _main(events_analyzer, text)
    assert ev is not None and ev.type == etype
    assert event_code(analysis, ev.source) == source


def test_events_are_coded_governing_clause_first(events_analyzer):
    # "agreed to withdraw" is one event even when the complement's verb is coded on its own
    analysis = events_analyzer.analyze(Article(id="t", text="To end the standoff, Serbia agreed to withdraw its police."))
    assert [e.type for e in analysis.events if e.modality != "demanded"] == ["CONCEDE"]


@pytest.mark.parametrize("text,etype,source,target", [
    # a reported clause's own possessive is the reporter's
    ("Israel said Hezbollah fighters fired rockets at its northern towns.", "ASSAULT", "LBN", "ISR"),
    # a controlled clause's possessive stays the controller's own, and says nothing of the target
    ("Iran threatened to suspend its cooperation with the International Atomic Energy Agency.",
     "THREATEN", "IRN", "IGO"),
    # a threat's pronoun subject is the source again; the condition names the target
    ("Turkey warned that it would act if Greek forces entered the buffer zone.", "THREATEN", "TUR", "GRC"),
    # an announced answer is a threat
    ("India will respond to any provocation by Pakistan, the army chief said.", "THREATEN", "IND", "PAK"),
    # receiving: the giver is the source
    ("Jordan received military aid from the United States.", "AID", "USA", "JOR"),
    ("Moldova won backing from Romania for its bid to join the bloc.", "SUPPORT", "ROU", "MDA"),
    # "under pressure from X" is why, not whom
    ("Croatia, under pressure from the European Union, detained a fugitive general near Zagreb.",
     "COERCE", "HRV", "HRV"),
    # a passive's agent misparsed under the object
    ("Ukraine was granted a loan by the International Monetary Fund.", "AID", "IGO", "UKR"),
    # cues from the CAMEO dictionary's object patterns, added to the curated list
    ("Denmark slashed its funding to Tanzania.", "SANCTION", "DNK", "TZA"),
    ("Finland extended an invitation to Estonia to join the talks.", "REQUEST", "FIN", "EST"),
])
def test_reported_received_and_patterned_events(events_analyzer, text, etype, source, target):
    analysis, ev = _main(events_analyzer, text)
    assert ev is not None and ev.type == etype, [(e.type, e.cue) for e in analysis.events]
    assert event_code(analysis, ev.source) == source
    assert event_code(analysis, ev.target) == target


@pytest.mark.parametrize("text", [
    "The ministry will respond to the letter next week.",
    "Kenya responded to the earthquake with rescue teams.",
])
def test_an_answer_to_a_question_or_an_asserted_answer_is_no_threat(events_analyzer, text):
    analysis = events_analyzer.analyze(Article(id="t", text=text))
    assert "THREATEN" not in {e.type for e in analysis.events}


def test_a_received_event_needs_an_aid_or_support_noun(events_analyzer):
    analysis = events_analyzer.analyze(Article(id="t", text="Peru received the Chilean president in Lima."))
    assert not any(e.type == "AID" for e in analysis.events)


def test_cameo_patterns_prefer_content_words_to_prepositions():
    from presswatch.event_lexicon import load_lexicon

    lex = load_lexicon()
    after = [{"relief", "relief"}, {"supply", "supplies"}, {"to", "to"}, {"indonesia", "indonesia"}]
    assert lex.plover(lex.cameo_code("rush", "", [], after)) == "AID"
    assert lex.plover(lex.cameo_code("rush", "", [], [{"to", "to"}, {"capital", "capital"}])) == "CONSULT"


def test_heldout_batch_8_is_well_formed():
    from presswatch.eval_events import load_dev

    path = Path(__file__).parent / "data" / "events" / "dev_heldout_b8.jsonl"
    records = load_dev(path)
    assert len(records) == 55 and all(r["event"] and r["source"] for r in records)


def test_mechanisms_count_reported_speech_and_clause_choice(events_analyzer):
    from presswatch.eval_events import error_mechanisms, main_event_facts, score_gsr

    records = [
        # the gold source here is the reporter, so the miss is counted as reported with reporter_is_gold
        {"id": "1", "text": "Ghana said Togolese troops attacked a border post.", "event": "ASSAULT",
         "source": ["GHA"], "target": ["GHA"]},
        {"id": "2", "text": "Chile, which has been criticised by Lima over the fishing dispute, deployed warships "
                            "to the border.", "event": "MOBILIZE", "source": ["CHL"], "target": []},
    ]
    facts, analyses = [], []
    for doc in events_analyzer.nlp.pipe(events_analyzer._make_doc(Article(id=r["id"], text=r["text"])) for r in records):
        analyses.append(_analyse_doc(events_analyzer, doc))
        facts.append(main_event_facts(doc, analyses[-1]))
    _, rows = score_gsr(records, analyses)
    counts = error_mechanisms(records, rows, facts)
    assert counts["source_miss reported"] == 1
    assert counts["source_miss reported reporter_is_gold=True"] == 1
    assert counts["main_not_first_cue"] == 1 and counts["main_not_first_cue type_ok=True"] == 1
    words = {w.lower().strip(".,") for r in records for w in r["text"].split()}
    for key in counts:
        assert not set(key.lower().replace("=", " ").replace("->", " ").split()) & words, key


def _analyse_doc(events_analyzer, doc):
    from presswatch.eval_events import _cue_depth

    analysis = events_analyzer.to_analysis(doc)
    analysis.events.sort(key=lambda e: (e.modality == "demanded", _cue_depth(doc, e), e.cue[0]))
    return analysis


@pytest.mark.parametrize("text,etype,source,target", [
    ("Greek border posts came under fire from Turkish troops overnight.", "ASSAULT", "TUR", "GRC"),
    ("Hungary faced sharp criticism from Sweden over the media law.", "ACCUSE", "SWE", "HUN"),
])
def test_received_hostility_is_the_giver_s_act(events_analyzer, text, etype, source, target):
    analysis, ev = _main(events_analyzer, text)
    assert ev is not None and ev.type == etype, [(e.type, e.cue) for e in analysis.events]
    assert event_code(analysis, ev.source) == source
    assert event_code(analysis, ev.target) == target


def test_hostility_received_from_nobody_named_keeps_its_subject_as_source(events_analyzer):
    analysis = events_analyzer.analyze(Article(id="t", text="Hungary faced growing criticism over the media law."))
    assert not any(e.type == "ACCUSE" and actor_code(analysis, e.source.actor) == "HUN" for e in analysis.events)
