"""``presswatch_entities``: spaCy NER entities in the analysed regions, as result objects.

Adds one in-document rule on top of the statistical NER: once a full name
("Sergei Lavrov") is tagged PERSON, later bare mentions of its last token
("Lavrov") are tagged PERSON too, since small NER models often miss surnames
standing alone. Limits: no cross-document knowledge; entity linking to actors
is the actors layer's job.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import in_regions, register_extensions
from .types import Entity


@Language.factory("presswatch_entities", default_config={"propagate_surnames": True})
def make_entities(nlp: Language, name: str, propagate_surnames: bool) -> "EntitiesComponent":
    register_extensions()
    return EntitiesComponent(propagate_surnames)


class EntitiesComponent:
    def __init__(self, propagate_surnames: bool = True):
        self.propagate_surnames = propagate_surnames

    def __call__(self, doc: Doc) -> Doc:
        _trim_entities(doc)
        if self.propagate_surnames:
            _propagate_surnames(doc)
        doc._.pw_entities = [
            Entity(id=f"e{i}", label=ent.label_, start=ent.start_char, end=ent.end_char, text=ent.text)
            for i, ent in enumerate(e for e in doc.ents if in_regions(doc, e.start_char, e.end_char))
        ]
        return doc


_TRAILING = {"'s", "’s", "'", "’", "s", ",", ".", ";", ":"}
_EDGE_PUNCT = {'"', "“", "”", "«", "»", "'", "‘", "’", "(", ")", "[", "]"}


def _trim_entities(doc: Doc) -> None:
    """Drop possessive endings and stray quotation marks the NER sometimes includes."""
    trimmed = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while end - start > 1 and (doc[end - 1].text in _TRAILING or doc[end - 1].text in _EDGE_PUNCT):
            end -= 1
        while end - start > 1 and doc[start].text in _EDGE_PUNCT:
            start += 1
        trimmed.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_))
    doc.ents = trimmed


def _propagate_surnames(doc: Doc) -> None:
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title}
    if not surnames:
        return
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    new = []
    for tok in doc:
        if tok.text in surnames and tok.i not in taken:
            new.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
    if new:
        # Also retag a surname the NER labelled as something else (e.g. ORG "Lavrov").
        doc.ents = list(doc.ents) + new
    relabel = []
    for ent in doc.ents:
        if len(ent) == 1 and ent.text in surnames and ent.label_ != "PERSON":
            relabel.append(Span(doc, ent.start, ent.end, label="PERSON"))
        else:
            relabel.append(ent)
    doc.ents = relabel
