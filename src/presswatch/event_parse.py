"""Small dependency-parse helpers of the events layer (depth, children by label, negation, misparsed verbs)."""

from __future__ import annotations

from spacy.tokens import Token

from .event_actors import GENERIC_HEADS
from .event_vocab import WH_SUBJECTS


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _object_words(verb: Token) -> set[str]:
    """Lemmas and forms of a verb's objects, particles, prepositions and their objects and modifiers."""
    out: set[str] = set()
    for c in verb.children:
        if c.dep_ not in ("dobj", "nsubjpass", "attr", "oprd", "dative", "prt", "prep", "pcomp", "xcomp", "acomp",
                          "npadvmod", "advmod", "agent", "ccomp", "quantmod"):
            continue
        for t in [c, *c.children]:
            out.update((t.lemma_.lower(), t.lower_))
            if c.dep_ == "xcomp" or t.dep_ == "nsubj":
                out.update(g.lemma_.lower() for g in t.children if g.dep_ in ("compound", "amod"))
            if t.dep_ in ("pobj", "pcomp", "dobj"):
                out.update(g.lemma_.lower() for g in t.children if g.dep_ in ("compound", "amod", "prep", "dobj"))
                out.update(p.lemma_.lower() for g in _children(t, "prep") for p in _children(g, "pobj"))
    return out


def _test_prefix(tok: Token) -> bool:
    """"test-fired", "test-launched"."""
    return tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and tok.doc[tok.i - 2].lower_ == "test"


def _misparsed_verb(tok: Token) -> bool:
    """A past-tense verb the parser attached as a modifier of its own object, after a subject-like noun
    ("Turkey trained [Azerbaijani officers]", "Iran test-fired [two missiles]")."""
    if tok.tag_ != "VBD" or tok.dep_ != "amod":
        return False
    i = tok.i - 3 if _test_prefix(tok) else tok.i - 1
    if i < tok.sent.start:
        return False
    prev = tok.doc[i]
    return prev.pos_ in ("PROPN", "NOUN") and prev.dep_ in ("nsubj", "npadvmod", "compound", "poss", "amod", "ROOT")


def _generic(tok: Token) -> bool:
    """A noun for people or forces that does not say whose ("police", "rebels", "protesters")."""
    return tok.lower_ in GENERIC_HEADS or tok.lemma_.lower() in GENERIC_HEADS


def _asks_who(verb: Token) -> bool:
    """"Who will guard the corridor?", "asked who would guard it": the clause asks for its subject,
    so the event's source is unknown (not the noun before a misparsed "who"). A relative pronoun right after its noun ("the country which attacked")
    does not ask; after a colon or at the start of the sentence it does (headlines get misparsed)."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in WH_SUBJECTS and c.tag_ in ("WP", "WDT"):
            prev = c.doc[c.i - 1] if c.i > c.sent.start else None
            return verb.dep_ != "relcl" or prev is None or prev.text in {":", "?", "\u2014", "\u2013", "-"}
    return False


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ == "never" or c.lower_ == "longer" and c.i > 0 and c.nbor(-1).lower_ == "no"
           for c in tok.children):
        return True
    # "did not back down or apologize": a verb joined by "or"/"nor" without a subject of its own shares the "not"
    if tok.dep_ == "conj" and tok.pos_ == "VERB" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) \
            and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in tok.head.children):
        return any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.head.children)
    # "is not ready/against/unacceptable": the negation sits on the copula.
    if tok.dep_ in ("acomp", "attr", "prep", "oprd") and tok.head.lemma_ == "be":
        return any(c.dep_ == "neg" for c in tok.head.children)
    return False
