"""In-document mention resolution for speakers and actors: cheap rules over the parse.

:func:`resolve_mentions` maps mentions that do not name their referent in full
to the mention that does, both as ``(start_char, end_char)`` pairs:

- surnames and partial names after (or, failing that, before) a full mention:
  "Lavrov" -> "Sergei Lavrov";
- personal pronouns (he, him, his, she, her): the nearest person mention in the
  same or the previous three sentences, subjects first;
- definite descriptions headed by a role noun ("the Russian Foreign Minister",
  "the head of this department", "the official representative of the
  ministry"): an apposed name when there is one ("the head of this department,
  Sergei Lavrov"); else the person whose title words (premodifiers such as
  "Russian President", appositions, "head of ...") share most words with the
  description, nearest first; else the nearest person that was a subject in
  the last three sentences;
- acronyms introduced in brackets, "The Wall Street Journal (WSJ)": later
  "WSJ" -> "The Wall Street Journal".

Limits: no gender or number agreement, "it"/"they" are not resolved, no
knowledge outside the document; the actors layer links mentions to its
knowledge base separately. Only mentions inside the analysed regions are used.
"""

from __future__ import annotations

import functools

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .extensions import analysed_regions

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
ROLE_NOUNS = {
    "minister", "president", "leader", "head", "chief", "spokesman", "spokeswoman", "spokesperson",
    "representative", "secretary", "chairman", "chairwoman", "chair", "official", "ambassador", "senator",
    "governor", "candidate", "nominee", "director", "envoy", "diplomat", "premier", "chancellor", "king",
    "queen", "mayor", "general", "commander", "congressman", "congresswoman", "lawmaker", "prosecutor",
    "judge", "counterpart", "deputy", "adviser", "advisor", "aide", "manager", "founder", "ceo", "owner",
    "businessman", "billionaire", "speaker", "strategist", "pollster", "analyst", "expert", "professor",
    "author", "lawyer", "attorney", "mogul", "magnate", "host", "anchor", "reporter", "correspondent",
}
# Role nouns that name the same office loosely ("the Russian leader" -> "Russian President ...").
ROLE_SYNONYMS = {
    "leader": {"president", "premier", "chancellor", "king", "queen", "head", "chairman", "leader"},
    "head": {"minister", "director", "chief", "chairman", "head", "president", "secretary", "leader"},
    "chief": {"head", "director", "chairman", "chief"},
    "spokesman": {"spokeswoman", "spokesperson", "representative", "spokesman"},
    "spokeswoman": {"spokesman", "spokesperson", "representative", "spokeswoman"},
    "representative": {"spokesman", "spokeswoman", "spokesperson", "representative"},
    "ministry": {"minister", "ministry"},
    "department": {"ministry", "minister", "department", "secretary"},
}
DEFINITE = {"the", "this", "that", "these", "those"}
_STOP = {"the", "this", "that", "of", "a", "an", "and", "'s", "’s", "these", "those", ",", "-", "–"}

Pair = tuple[int, int]


@dataclass
class Person:
    """A person mention: a PERSON entity, with the words of its title around it."""

    start: int  # token indices
    end: int
    sent: int
    subject: bool
    title: set[str] = field(default_factory=set)
    canonical: "Person | None" = None

    @property
    def full(self) -> bool:
        return self.end - self.start >= 2


def _sent_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        for t in range(sent.start, sent.end):
            index[t] = i
    return index


def _words(tokens) -> set[str]:
    return {t.lower_ for t in tokens if t.lower_ not in _STOP and not (t.is_punct or t.is_space or t.like_num)}


def _title_words(ent: Span) -> set[str]:
    """Words that describe the person: premodifiers, appositions, the noun the name is apposed to."""
    doc = ent.doc
    words: set[str] = set()
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i].ent_type_ != "PERSON" and ent.start - i <= 6:
        words.add(doc[i].lower_)
        i -= 1
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN") and not (ent.start <= child.i < ent.end):
            sub = list(child.subtree)
            if len(sub) <= 8:
                words |= _words(sub)
    if root.dep_ == "appos" or (root.dep_ == "compound" and root.head.i >= ent.end):
        head = root.head
        if not (ent.start <= head.i < ent.end):
            words |= _words(t for t in head.subtree if not (ent.start <= t.i < ent.end))
    # "the official representative of the Russian Foreign Ministry Maria Zakharova"
    if root.dep_ in ("pobj", "compound") and root.head.dep_ == "prep":
        noun = root.head.head
        if noun.lower_ in ROLE_NOUNS or noun.lemma_.lower() in ROLE_NOUNS:
            words |= _words(t for t in noun.subtree if not (ent.start <= t.i < ent.end))
    return words


def _expand(words: set[str]) -> set[str]:
    out = set(words)
    for w in words:
        out |= ROLE_SYNONYMS.get(w, set())
    return out


def description_span(tok: Token) -> tuple[int, int] | None:
    """Token range of a definite role description headed by ``tok``, or None."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ not in ROLE_NOUNS and tok.lemma_.lower() not in ROLE_NOUNS:
        return None
    if tok.ent_type_ == "PERSON" or tok.dep_ == "compound":
        return None
    if any(c.ent_type_ == "PERSON" and c.dep_ in ("compound", "appos", "flat") for c in tok.children):
        return None
    left = tok.left_edge
    if left.lower_ not in DEFINITE and not (left.tag_ == "PRP$"):
        return None
    end = tok.i + 1
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            end = child.right_edge.i + 1
            break
    return left.i, end


class Resolver:
    """Resolves mentions of one Doc; build once per Doc, query many times."""

    def __init__(self, doc: Doc, regions: list[tuple[int, int]] | None = None):
        self.doc = doc
        # computed once: doc.text is rebuilt on every access
        self.regions = analysed_regions(doc) if regions is None else regions
        self.sent_of = _sent_index(doc)
        self.persons: list[Person] = []
        self.acronyms: dict[str, Span] = {}
        self.by_token: dict[int, Person] = {}
        for ent in doc.ents:
            if not self.inside(ent.start_char, ent.end_char):
                continue
            if ent.label_ == "PERSON":
                p = Person(ent.start, ent.end, self.sent_of[ent.start], ent.root.dep_ in ("nsubj", "nsubjpass"),
                           _title_words(ent))
                self.persons.append(p)
                for t in range(ent.start, ent.end):
                    self.by_token[t] = p
            elif ent.label_ in ("ORG", "NORP", "GPE", "FAC", "WORK_OF_ART") and ent.end + 2 < len(doc):
                nxt, acro, close = doc[ent.end], doc[ent.end + 1], doc[ent.end + 2]
                if nxt.text == "(" and close.text == ")" and acro.is_upper and len(acro) >= 2:
                    self.acronyms[acro.text] = ent
        self._link_names()

    def inside(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.regions)

    # -- names ----------------------------------------------------------
    def _link_names(self) -> None:
        fulls = [p for p in self.persons if p.full]
        for p in self.persons:
            words = [t.text.casefold() for t in self.doc[p.start:p.end]]  # "WALLACE" is Chris Wallace too
            best = None
            for f in fulls:
                if f is p:
                    continue
                fwords = [t.text.casefold() for t in self.doc[f.start:f.end]]
                same = fwords == words and f.start < p.start  # repeated full name: the first is canonical
                if same or len(fwords) > len(words) and words[-1] == fwords[-1] or (len(words) == 1 and words[0] in fwords):
                    # before the mention wins; the nearest one of those
                    key = (f.start > p.start, not same, abs(p.start - f.start) if not same else f.start)
                    if best is None or key < best[0]:
                        best = (key, f)
            p.canonical = best[1] if best else None
        for p in self.persons:  # titles gathered on any mention help the description match
            root = self.root(p)
            if root is not p:
                root.title |= p.title

    def root(self, p: Person) -> Person:
        seen = 0
        while p.canonical is not None and seen < 5:
            p, seen = p.canonical, seen + 1
        return p

    def span(self, p: Person) -> Pair:
        return self.doc[p.start].idx, self.doc[p.end - 1].idx + len(self.doc[p.end - 1])

    def name(self, p: Person) -> str:
        return self.doc[p.start:p.end].text

    # -- queries ----------------------------------------------------------
    def by_surname(self, word: str) -> Person | None:
        """The first full-name person whose last word is ``word`` in any case (``PENCE`` -> Mike Pence)."""
        key = word.casefold()
        for p in self.persons:
            if p.full and self.doc[p.end - 1].text.casefold() == key:
                return self.root(p)
        return None

    def person_at(self, i: int) -> Person | None:
        return self.by_token.get(i)

    def resolve_token(self, tok: Token) -> Person | None:
        """The person a token refers to (name, pronoun or role description head), or None."""
        p = self.person_at(tok.i)
        if p is not None:
            return self.root(p)
        if tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON":
            return self._pronoun(tok)
        if description_span(tok) is not None:
            return self._description(tok)
        return None

    def _before(self, i: int, window: int = 3) -> list[Person]:
        s = self.sent_of[i]
        return [p for p in self.persons if p.end <= i and s - p.sent <= window]

    def _pronoun(self, tok: Token) -> Person | None:
        cands = self._before(tok.i)
        if not cands:
            return None
        s = self.sent_of[tok.i]
        best = min(cands, key=lambda p: (s - p.sent, not p.subject, -p.start))
        return self.root(best)

    def _description(self, tok: Token) -> Person | None:
        for child in tok.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON" and self.person_at(child.i):
                return self.root(self.person_at(child.i))
        if tok.dep_ == "appos" and self.person_at(tok.head.i):
            return self.root(self.person_at(tok.head.i))
        span = description_span(tok)
        if span:  # "the official representative of the ministry Maria Zakharova"
            for i in range(span[1] - 1, span[0] - 1, -1):
                if self.person_at(i) is not None:
                    return self.root(self.person_at(i))
        desc = _expand(_words(self.doc[span[0]:span[1]])) if span else set()
        # nationality words of the description ("the Sri Lankan president") rule out people of another;
        # a word of a longer place name is none ("New" of "New York" in "the new president")
        nations = self._nation_words
        desc_nat = desc & nations
        scored, allowed = [], []
        for p in self.persons:
            if p.start >= tok.i or self._coargument(p, tok):
                continue  # "X received the president": the object is not its own subject
            title = self.root(p).title
            if desc_nat and title & nations and not desc_nat & title:
                continue
            allowed.append(p)
            shared = len(desc & title)
            if shared:
                scored.append((shared, p.start, p))
        if scored:
            return self.root(max(scored, key=lambda x: (x[0], x[1]))[2])
        subjects = [p for p in self._before(tok.i) if p.subject and p in allowed]
        if subjects:
            return self.root(max(subjects, key=lambda p: p.start))
        return None

    @functools.cached_property
    def _nation_words(self) -> frozenset[str]:
        """Nationality words of the document, read once per Doc (every description asks)."""
        return frozenset({t.lower_ for t in self.doc if t.ent_type_ == "NORP"} | {
            e.text.lower() for e in self.doc.ents if e.label_ == "GPE" and len(e) == 1})

    def _coargument(self, p: Person, tok: Token) -> bool:
        """``p`` and the description are subject and object of one verb."""
        root = self.doc[p.start:p.end].root
        return root.head.i == tok.head.i and root.dep_ in ("nsubj", "nsubjpass") and tok.dep_ in ("dobj", "obj", "dative")

    def acronym(self, tok: Token) -> Span | None:
        ent = self.acronyms.get(tok.text)
        if ent is not None and ent.start != tok.i - 1 and ent.end <= tok.i:
            return ent
        return None

    def mapping(self) -> dict[Pair, Pair]:
        out: dict[Pair, Pair] = {}
        for p in self.persons:
            r = self.root(p)
            if r is not p:
                out[self.span(p)] = self.span(r)
        for tok in self.doc:
            if not self.inside(tok.idx, tok.idx + len(tok)):
                continue
            if tok.lower_ in PERSON_PRONOUNS and tok.pos_ == "PRON":
                r = self._pronoun(tok)
                if r is not None:
                    out[(tok.idx, tok.idx + len(tok))] = self.span(r)
            elif (span := description_span(tok)) is not None:
                r = self._description(tok)
                if r is not None:
                    a, b = self.doc[span[0]], self.doc[span[1] - 1]
                    out[(a.idx, b.idx + len(b))] = self.span(r)
            elif (ent := self.acronym(tok)) is not None:
                out[(tok.idx, tok.idx + len(tok))] = (ent.start_char, ent.end_char)
        return out


def resolve_mentions(doc: Doc) -> dict[Pair, Pair]:
    """Map pronoun, description, surname and acronym mentions to their antecedent's full mention.

    Keys and values are ``(start_char, end_char)`` pairs into ``doc.text``;
    mentions that cannot be resolved are left out. Needs the parser and NER.
    """
    return Resolver(doc).mapping()
