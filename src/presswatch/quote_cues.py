"""Learned cue model of the quotes layer: which predicates report speech or thought.

PolNeAR annotates a long tail of attribution cues ("voted against", "brags
about", "was quoted as saying", "the claim that") that no hand lexicon covers.
This module scores every candidate predicate of a parsed sentence (a verb, or a
noun with a complement) with a logistic regression over sparse string
features of the dependency parse: the lemma, its dependency pattern
(clause/infinitive/object/preposition complements, passive, negation), the kind
of its subject (person, pronoun, organisation, none) and the words around it.
The weights are trained by ``presswatch train quotes`` on PolNeAR **train**
and stored as plain JSON (feature -> weight): no pickle, no scikit-learn at
run time, and scoring is a dictionary look-up per feature.

Limits: English; the features follow the spaCy parse, so a misparsed sentence
loses its cue; the probabilities are calibrated on US election news of
2015-2016 (PolNeAR).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Iterable

from spacy.tokens import Token

from .errors import ModelError

MODEL_DIR = Path(__file__).resolve().parent / "models" / "quotes"
NOUN_COMPLEMENTS = ("acl", "prep", "ccomp", "relcl")
QUOTE_MARKS = set("\"“”«»‘’'`")
_ENT_KIND = {"PERSON": "per", "ORG": "org", "NORP": "org", "GPE": "org", "FAC": "org", "WORK_OF_ART": "work"}


def is_candidate(tok: Token) -> bool:
    """Predicates the model scores: verbs, and nouns with a complement or possessor."""
    if tok.pos_ == "VERB":
        return True
    if tok.pos_ == "AUX" and tok.dep_ in ("ROOT", "ccomp", "conj") and any(
            c.dep_ in ("acomp", "attr") for c in tok.children):
        return True
    if tok.pos_ == "NOUN":
        return any(c.dep_ in NOUN_COMPLEMENTS or c.dep_ == "poss" for c in tok.children)
    return False


_CLIMB = ("xcomp", "conj", "advcl", "pcomp", "prep", "ccomp", "acl", "relcl")


def _agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def subject_of(tok: Token) -> tuple[Token | None, str]:
    """Who a predicate's report is attributed to, and where it was found.

    ``nsubj``; the ``agent`` of a passive (``was endorsed by X``; a passive with
    no agent has no source: ``is expected to``); the possessor of a noun
    (``Trump's claim``); else, up to three steps up the tree, the subject of the
    governing verb (``tweeted, saying ...``, ``steered clear of criticizing``)
    or the noun a participle hangs on (``one saying that``): ``up:<dep>``; failing
    all, a name before the main verb in a phrase hanging on it, which the parser
    took for something else (``By the way, earlier Sergei Lavrov, ..., said``): ``near``.
    """
    agent = _agent(tok)
    if agent is not None:
        return agent, "agent"
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:  # two subjects come from a misparse ("X, which reported ..., Y told"): the nearer one
        c = min(subjects, key=lambda c: abs(c.i - tok.i))
        return c, c.dep_
    for c in tok.children:
        if c.dep_ == "nsubjpass" and tok.lemma_.lower() == "quote":  # "X was quoted as saying"
            return c, "quoted"
        if c.dep_ in ("nsubjpass", "auxpass"):
            return None, "passive"
        if c.dep_ == "poss" and tok.pos_ == "NOUN":
            return c, "poss"
    t = tok
    for _ in range(3):
        head = t.head
        if head.i == t.i or t.dep_ not in _CLIMB:
            break
        if t.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return head, "up:" + tok.dep_
        if head.pos_ in ("VERB", "AUX"):
            agent = _agent(head)
            if agent is not None:
                return agent, "up:" + tok.dep_
            for c in head.children:
                if c.dep_ == "nsubj" and c.i != t.i:
                    return c, "up:" + tok.dep_
                if c.dep_ == "nsubjpass" and c.i != t.i:
                    # "X was quoted as saying": X; "X is expected to ...": nobody named
                    keep = tok.dep_ in ("conj", "advcl") or head.lemma_.lower() == "quote"
                    return (c, "up:" + tok.dep_) if keep else (None, "passive")
        t = head
    root = t if t.dep_ == "ROOT" else None
    if root is not None and root.pos_ == "VERB":
        # a misparsed subject ("By the way, earlier Sergei Lavrov, disclosing ..., said"): the nearest name
        # before the main verb, in a phrase hanging on it
        for n in reversed(tok.doc[tok.sent.start:min(tok.i, root.i)]):
            if n.ent_type_ in ("PERSON", "ORG") and n.dep_ in ("pobj", "npadvmod", "nsubj", "dobj") and (
                    n.head.i == root.i or n.head.head.i == root.i):
                return n, "near"
    return None, "none"


def subject_kind(subj: Token | None) -> str:
    if subj is None:
        return "none"
    if subj.pos_ == "PRON":
        return "pron:" + subj.lower_
    if subj.ent_type_ in _ENT_KIND:
        return _ENT_KIND[subj.ent_type_]
    if subj.pos_ == "PROPN":
        return "propn"
    return "noun"


def features(tok: Token, quoted: bool = False) -> list[str]:
    """Sparse string features of one candidate predicate."""
    lemma = tok.lemma_.lower()
    kids = list(tok.children)
    deps = {c.dep_ for c in kids}
    subj, where = subject_of(tok)
    skind = subject_kind(subj)
    f = [
        "bias", "pos=" + tok.pos_, "tag=" + tok.tag_, "dep=" + tok.dep_, "lem=" + lemma,
        f"lem|pos={lemma}|{tok.pos_}", f"lem|dep={lemma}|{tok.dep_}",
        "subj=" + skind.split(":")[0], "subjw=" + where, f"lem|subj={lemma}|{skind.split(':')[0]}",
        "skind=" + skind, f"dep|subj={tok.dep_}|{skind.split(':')[0]}",
    ]
    if subj is not None:
        f.append("slem=" + subj.lemma_.lower())
    if quoted:
        f += ["quoted", "quoted|lem=" + lemma]
    for d in sorted(deps - {"punct"}):
        f += ["has=" + d, f"lem|has={lemma}|{d}"]
    if "ccomp" in deps:
        comp = next(c for c in kids if c.dep_ == "ccomp")
        mark = next((g.lower_ for g in comp.children if g.dep_ == "mark"), "-")
        f += ["ccomp_mark=" + mark, f"lem|ccomp_mark={lemma}|{mark}", "ccomp_tag=" + comp.tag_,
              "ccomp_lem=" + comp.lemma_.lower()]
    if tok.pos_ == "NOUN" and tok.head.i != tok.i:
        f.append(f"noun|gov={lemma}|{tok.head.lemma_.lower()}|{tok.dep_}")
    if len(lemma) > 4:
        f.append("suffix=" + lemma[-3:])
    sent = tok.sent
    near = tok.doc[max(sent.start, tok.i - 3):min(sent.end, tok.i + 4)]
    if any(t.text in QUOTE_MARKS for t in near):
        f += ["near_quote", "near_quote|lem=" + lemma]
    for c in kids:
        if c.dep_ == "prep":
            f += ["prep=" + c.lower_, f"lem|prep={lemma}|{c.lower_}"]
        elif c.dep_ == "xcomp":
            to = any(g.lower_ == "to" for g in c.children)
            f += [f"xcomp_to={to}", f"lem|xcomp_to={lemma}|{to}", f"lem|xcomp={lemma}|{c.lemma_.lower()}"]
        elif c.dep_ == "dobj":
            f += ["dobj=" + subject_kind(c).split(":")[0], f"lem|dobj={lemma}|{c.lemma_.lower()}"]
        elif c.dep_ in ("advmod", "neg", "aux") and c.i < tok.i:
            f.append(f"{c.dep_}={c.lower_}")
    if tok.dep_ not in ("ROOT",) and tok.head.i != tok.i:
        f += ["head=" + tok.head.lemma_.lower(), f"lem|head={lemma}|{tok.head.lemma_.lower()}",
              f"dep|headpos={tok.dep_}|{tok.head.pos_}"]
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    f.append("prev=" + (prev.lower_ if prev is not None and (prev.is_punct or prev.pos_ in ("ADP", "PART")) else "_"))
    f.append("next=" + (nxt.lower_ if nxt is not None and (nxt.is_punct or nxt.pos_ in ("ADP", "PART", "SCONJ")) else "_"))
    if prev is not None and prev.text == "," and nxt is not None and nxt.text in ",.":
        f += ["parenthetical", "parenthetical|lem=" + lemma]
    return f


class LinearModel:
    """A logistic regression stored as ``{"bias": b, "weights": {feature: w}, ...}`` JSON."""

    def __init__(self, weights: dict[str, float], bias: float = 0.0, meta: dict | None = None):
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}

    def prob(self, feats: Iterable[str]) -> float:
        w = self.weights
        z = self.bias + sum(w.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: dict) -> "LinearModel":
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["bias"]))


def load_models(name: str | Path) -> tuple[dict[str, LinearModel], dict]:
    """The ``cue``, ``content`` and ``source`` models of a ``cue_model.json`` file, and its other fields.

    ``name`` is a file in ``presswatch/models/quotes/`` or a path.
    """
    path = Path(name)
    if not path.is_absolute() and not path.exists():
        path = MODEL_DIR / name
    try:
        data = json.loads(path.read_text("utf-8"))
        models = {k: LinearModel.from_dict(data[k]) for k in ("cue", "content", "source")}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"cannot read the quote model {path}: {exc}".splitlines()[0]) from None
    return models, {k: v for k, v in data.items() if k not in models}


# -- arguments: what was reported, and by whom ------------------------------------------
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "advcl", "acl", "nsubjpass", "relcl")
Spans = list[tuple[int, int]]


def _char_span(first: Token, last: Token) -> tuple[int, int]:
    return first.idx, last.idx + len(last)


def _trimmed(tokens: list[Token]) -> Spans:
    """Char spans of a token list (consecutive runs), without edge punctuation."""
    toks = [t for t in tokens if not t.is_space]
    while toks and toks[0].is_punct and toks[0].text not in "\"“'‘«":
        toks.pop(0)
    while toks and toks[-1].is_punct and toks[-1].text not in "\"”'’»":
        toks.pop()
    spans: Spans = []
    last = -2
    for t in toks:
        if t.i == last + 1:
            spans[-1] = (spans[-1][0], t.idx + len(t))
        else:
            spans.append((t.idx, t.idx + len(t)))
        last = t.i
    return spans


def _subtree(tok: Token) -> list[Token]:
    return list(tok.doc[tok.left_edge.i:tok.right_edge.i + 1])


def _infinitive(c: Token) -> bool:
    return any(g.lower_ == "to" and g.dep_ == "aux" for g in c.children)


def _without_tail(c: Token) -> Spans | None:
    """The subtree of ``c`` without a trailing comma-separated participle, adverbial clause or
    prepositional phrase ("that paying no taxes was smart, although he ...")."""
    tail = [g for g in c.rights if g.dep_ in ("advcl", "prep", "npadvmod", "conj", "cc", "punct")]
    cut = None
    for g in tail:
        if g.dep_ in ("advcl", "prep", "npadvmod", "conj") and g.i > 0 and c.doc[g.left_edge.i - 1].text == ",":
            cut = g.left_edge.i - 1
            break
    if cut is None or cut <= c.left_edge.i:
        return None
    return _trimmed(list(c.doc[c.left_edge.i:cut]))


def content_candidates(v: Token) -> list[tuple[str, Spans]]:
    """Possible reported contents of predicate ``v``: ``(kind, char spans)`` pairs."""
    doc = v.doc
    out: list[tuple[str, Spans]] = []
    kids = list(v.children)
    for c in kids:
        if c.dep_ in CONTENT_DEPS:
            kind = c.dep_
            if c.dep_ in ("xcomp", "advcl") and _infinitive(c):
                kind = c.dep_ + "_to"
            out.append((kind, _trimmed(_subtree(c))))
            short = _without_tail(c)
            if short is not None:
                out.append((kind + "-tail", short))
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    out.append(("prep:" + c.lower_, _trimmed(_subtree(g))))
                    short = _without_tail(g)
                    if short is not None:
                        out.append(("prep-tail", short))
            if any(g.dep_ == "conj" for g in c.children):  # "supporter of NATO and of U.S. solidarity"
                out.append(("prep+conj", _trimmed([t for t in _subtree(c) if t.i != c.i])))
    subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
    xcomp = next((c for c in kids if c.dep_ == "xcomp"), None)
    if subj is not None and xcomp is not None:
        # "Melania seems to have vanished": the report is about the subject; nobody is its source
        out.append(("subj+xcomp", _trimmed(_subtree(subj)) + _trimmed(_subtree(xcomp))))
    for c in kids:  # "called on Afghanistan's neighbors to prevent ...": the addressee and the request
        pobj = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" else None
        comp = next((k for k in kids if k.i > c.i and (k.dep_ in ("xcomp", "ccomp") or
                                                      k.dep_ == "advcl" and _infinitive(k))), None)
        if pobj is not None and comp is not None:
            out.append(("prep+comp", _trimmed(list(doc[pobj.left_edge.i:comp.right_edge.i + 1]))))
    dobj = next((c for c in kids if c.dep_ == "dobj"), None)
    if dobj is not None:
        tail = [c for c in kids if c.i > dobj.i and c.dep_ in ("prep", "oprd", "xcomp", "ccomp")]
        if tail:
            last = max(c.right_edge.i for c in tail)
            out.append(("dobj+", _trimmed(list(doc[dobj.left_edge.i:last + 1]))))
    # a that-clause the parser hung elsewhere ("said during a news conference that ...")
    for t in doc[v.i + 1:min(v.sent.end, v.i + 12)]:
        if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i and t.head.head.i != v.i:
            out.append(("that", _trimmed(list(doc[t.i:t.head.right_edge.i + 1]))))
            break
        if t.text in ".;:\"“”":
            break
    # parenthetical cue ("The museum, Mr. Obama said, would ..."): the governing clause without the cue
    if v.dep_ in ("parataxis", "ccomp", "advcl") and v.head.i != v.i and v.i > v.head.left_edge.i:
        own = set(range(v.left_edge.i, v.right_edge.i + 1))
        rest = [t for t in _subtree(v.head) if t.i not in own]
        while rest and (rest[0].dep_ == "cc" or rest[0].is_punct):  # "But in recent days, ..."
            rest.pop(0)
        spans = [s for s in _trimmed(rest)]
        if spans:
            out.append(("head", spans))
    # the rest of the sentence after the cue ("X: ...", "X argues in ...")
    after = [t for t in doc[v.right_edge.i + 1:v.sent.end]]
    if v.dep_ == "ROOT" and after and len(after) > 3:
        out.append(("rest", _trimmed(after)))
    seen = set()
    uniq = []
    for kind, spans in out:
        key = tuple(spans)
        if spans and key not in seen and not any(a <= v.idx < b for a, b in spans):
            seen.add(key)
            uniq.append((kind, spans))
    return uniq


def content_features(v: Token, kind: str, spans: Spans, kinds: set[str]) -> list[str]:
    lemma = v.lemma_.lower()
    doc = v.doc
    first = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    first_word = first[0].lower_ if first is not None and len(first) else "_"
    n = sum(b - a for a, b in spans)
    size = "s" if n < 15 else "m" if n < 60 else "l" if n < 200 else "xl"
    base = kind.split(":")[0]
    f = ["bias", "k=" + kind, "kb=" + base, f"lem|k={lemma}|{kind}", f"lem|kb={lemma}|{base}",
         f"dep|k={v.dep_}|{base}", f"pos|k={v.pos_}|{base}", f"k|first={base}|{first_word}",
         f"k|size={base}|{size}", f"k|before={base}|{spans[0][0] < v.idx}", f"k|nspans={base}|{len(spans)}"]
    f += [f"k|other={base}|{o.split(':')[0]}" for o in sorted(kinds) if o != kind]
    return f


def source_features(v: Token, subj: Token, where: str) -> list[str]:
    """Features for: is ``subj`` (found by :func:`subject_of`) the source of ``v``'s report?"""
    lemma = v.lemma_.lower()
    kind = subject_kind(subj)
    base = kind.split(":")[0]
    deps = sorted({c.dep_ for c in v.children} - {"punct"})
    f = ["bias", "w=" + where, "sk=" + kind, "sb=" + base, f"lem|w={lemma}|{where}", f"lem|sb={lemma}|{base}",
         "lem=" + lemma, f"dep|w={v.dep_}|{where}", "slem=" + subj.lemma_.lower(), f"pos|w={v.pos_}|{where}"]
    f += [f"has|w={d}|{where}" for d in deps]
    return f
