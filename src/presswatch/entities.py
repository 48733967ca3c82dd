"""``presswatch_entities``: spaCy NER entities in the analysed regions, as result objects.

Adds one in-document rule on top of the statistical NER: once a full name
("Sergei Lavrov") is tagged PERSON, later bare mentions of its last token
("Lavrov") are tagged PERSON too, since small NER models often miss surnames
standing alone; and a capitalised proper noun right before a one-word PERSON
that is no title, honorific or date word joins it as the first name the NER
missed ("Mehmet Yilmaz"); an English noun (the lemmatizer's WordNet noun index:
"Analyst", "Economist") does only when it is a person's first name in the
knowledge base ("Ali"). Limits: no cross-document knowledge; a first name that
is also a title word or a noun no known person bears stays out; entity linking
to actors is the actors layer's job.
"""

from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import in_regions, register_extensions
from .types import Entity


@Language.factory("presswatch_entities", default_config={"propagate_surnames": True})
def make_entities(nlp: Language, name: str, propagate_surnames: bool) -> "EntitiesComponent":
    register_extensions()
    return EntitiesComponent(propagate_surnames, nouns=_noun_index(nlp))


class EntitiesComponent:
    def __init__(self, propagate_surnames: bool = True, nouns: frozenset[str] = frozenset()):
        self.propagate_surnames = propagate_surnames
        self.nouns = nouns  # lower-case English nouns: capitalised, they are titles more often than first names

    def __call__(self, doc: Doc) -> Doc:
        _trim_entities(doc)
        _extend_first_names(doc, self.nouns)
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


# Capitalised words before a name that are titles, honorifics or dates, not a missed first name.
_NOT_FIRST_NAMES = {
    "president", "minister", "premier", "prime", "chancellor", "secretary", "spokesman", "spokeswoman", "ambassador",
    "envoy", "general", "commander", "chief", "leader", "king", "queen", "prince", "princess", "emir", "sultan",
    "sheikh", "crown", "governor", "deputy", "colonel", "marshal", "admiral", "vice", "speaker", "head", "senator",
    "congressman", "congresswoman", "representative", "mayor", "judge", "justice", "pope", "cardinal", "archbishop",
    "bishop", "rabbi", "imam", "ayatollah", "mullah", "professor", "doctor", "dr", "mr", "mrs", "ms", "miss", "sir",
    "dame", "lord", "lady", "captain", "lieutenant", "sergeant", "major", "corporal", "private", "chairman",
    "chairwoman", "director", "commissioner", "inspector", "detective", "officer", "agent", "coach", "president-elect",
    "secretary-general", "attorney", "counsel", "reverend", "father", "brother", "sister", "saint", "st", "uncle",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "but", "and", "or",
    "then", "now", "when", "while", "if", "as", "so", "yet", "still", "also", "meanwhile", "however", "thus",
    "emperor", "empress", "tsar", "czar", "shah", "spokesperson", "patriarch",
}


def _noun_index(nlp: Language) -> frozenset[str]:
    """The nouns of the English rule lemmatizer's tables (WordNet's noun lemmas), empty without one."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("noun", ()))


@functools.lru_cache(maxsize=1)
def _known_first_names() -> frozenset[str]:
    """Lower-case first words of the knowledge base's people ("ali", "john"), read once."""
    from .kb import load_kb, norm

    kb = load_kb()
    return frozenset(words[0] for e in kb.entries.values() if e.type == "person"
                     for words in (norm(n).split() for n in (e.name, *e.aliases)) if len(words) > 1)


def _title_noun(word: str, nouns: frozenset[str]) -> bool:
    """"Analyst", "Economists" before a surname: an English noun that no known person has as first name."""
    if not nouns:
        return False
    lower = word.lower()
    singular = lower[:-1] if lower.endswith("s") and lower[:-1] in nouns else lower
    return singular in nouns and lower not in _known_first_names()


def _extend_first_names(doc: Doc, nouns: frozenset[str] = frozenset()) -> None:
    """"Mehmet Yilmaz": the small NER often tags only the surname of a name it does not know, which
    then links to a namesake ("Cevdet Yılmaz"). A capitalised proper noun right before a one-word
    PERSON, outside any entity and not a title, honorific or date word, is taken as its first name."""
    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    changed, ents = False, []
    for ent in doc.ents:
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if (ent.label_ == "PERSON" and len(ent) == 1 and prev is not None and prev.i not in taken
                and prev.is_alpha and prev.is_title and prev.tag_ == "NNP" and len(prev) > 1
                and prev.lower_ not in _NOT_FIRST_NAMES and not prev.whitespace_ == ""
                and not _title_noun(prev.text, nouns)):
            ents.append(Span(doc, ent.start - 1, ent.end, label="PERSON"))
            changed = True
        else:
            ents.append(ent)
    if changed:
        doc.ents = ents


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
