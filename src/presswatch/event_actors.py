"""Country and group guesses for event arguments where the actors layer leaves a gap.

The events layer reads actors from the actors layer first. This module fills
the gaps event coding cares about, inside the events layer only:

- :func:`scan` finds names of states (country names, demonyms, capitals and
  other metonyms from ``data/events/countries.tsv`` and the knowledge base),
  of international organisations and of armed groups and NGOs the knowledge
  base lacks (``data/events/extra_names.tsv``: historic and regional names
  such as "Yugoslav" or "Gaza", groups such as "Boko Haram" with the country
  they operate in). It needs no NER: spaCy's small model often tags "Nepal"
  or "Sri Lanka" as a person or misses "Lithuanian".
- :data:`GENERIC_HEADS`: nouns that name someone without saying whose
  ("police", "rebels", "protesters", "authorities"); the events layer gives
  them the country where the sentence happens, as event coders do.
- :data:`CROWD_HEADS`: nouns for people acting collectively, which tell a
  street protest (PROTEST) from a diplomatic one (ACCUSE); :data:`FORCE_HEADS`:
  armed forces and their weapons ("troops left", "jets hit").

Limits: names match case-sensitively on their first letter ("Chad" but not
"chad"), the longest name wins, and a match inside a longer person name (the
"Jordan" of "Michael Jordan") is ignored. Group-to-country links are a
hand-written table of well-known groups, not a knowledge base.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.attrs import IDX, LENGTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

MAX_NAME_TOKENS = 6
KB_TYPES = {"state", "organization", "alliance", "group", "government_body"}

GENERIC_HEADS = {
    "police", "policeman", "policemen", "officer", "officers", "troops", "soldier", "soldiers", "army", "military",
    "forces", "rebel", "rebels", "militant", "militants", "insurgent", "insurgents", "guerrilla",
    "guerrillas", "gunman", "gunmen", "fighter", "fighters", "militia", "militias", "militiamen", "bomber",
    "attacker", "attackers", "protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators",
    "student", "students", "worker", "workers", "farmer", "farmers", "people", "residents", "civilians",
    "villagers", "citizens", "crowd", "crowds", "mob", "activist", "activists", "opposition", "supporters",
    "journalist", "journalists", "authorities", "government", "officials", "official", "leaders", "leader",
    "ministry", "minister", "president", "parliament", "lawmakers", "legislators", "court", "judge", "prosecutor",
    "prosecutors", "party", "parties", "refugees", "prisoners", "hostages", "detainees", "worshippers",
    "security", "guards", "commandos", "separatists", "extremists", "terrorists", "thousands", "hundreds",
    "dozens", "junta", "regime", "cabinet", "spokesman", "spokeswoman", "spokesperson", "envoy", "delegation",
    "negotiators", "representatives", "group", "unions", "union", "dockworkers", "miners", "teachers", "doctors",
    "nurses", "drivers", "traders", "youths", "men", "women", "chief", "commission", "agency", "navy",
    "victims", "survivors", "migrants", "inhabitants", "population", "police officers", "peacekeepers", "settlers",
}
# Institutions and bodies named without saying whose ("state television", "the army command in Bangkok");
# like GENERIC_HEADS they take a country from their modifiers or the sentence.
INSTITUTION_HEADS = {
    "television", "radio", "broadcaster", "media", "newspaper", "command", "coalition", "council", "assembly",
    "senate", "congress", "administration", "committee", "tribunal", "embassy", "consulate", "ministers",
    "diplomats", "generals", "commanders", "mediators", "investigators", "inspectors", "legislature", "judiciary",
    "prosecution", "department", "office", "bureau", "service", "services", "intelligence", "coastguard",
    "guard", "gendarmerie", "movement", "front", "bloc", "faction", "presidency", "palace", "monarchy",
    "leadership", "establishment", "nationalists", "islamists", "loyalists", "royalists", "hardliners",
    "conservatives", "liberals", "communists", "socialists", "paramilitaries", "sailors", "marines", "pilots",
}
GENERIC_HEADS |= INSTITUTION_HEADS

CROWD_HEADS = {
    "protester", "protesters", "protestor", "protestors", "demonstrator", "demonstrators", "student", "students",
    "worker", "workers", "farmers", "people", "residents", "villagers", "citizens", "crowd", "crowds", "mob",
    "activists", "supporters", "thousands", "hundreds", "dozens", "unions", "union", "dockworkers", "miners",
    "teachers", "doctors", "nurses", "drivers", "traders", "youths", "men", "women", "pensioners", "employees",
    "opposition", "nationalists", "marchers", "strikers", "truckers", "taxi", "staff",
}
# Nouns for armed forces and their weapons: "troops left Chechnya", "jets hit the bases".
FORCE_HEADS = {
    "troop", "troops", "forces", "force", "army", "soldier", "soldiers", "unit", "units", "garrison", "peacekeepers",
    "militia", "militias", "militiamen", "rebel", "rebels", "fighter", "fighters", "guerrilla", "guerrillas",
    "insurgent", "insurgents", "jet", "jets", "warplane", "warplanes", "aircraft", "artillery", "gunboat", "gunboats",
    "warship", "warships", "tank", "tanks", "navy", "gunman", "gunmen", "militant", "militants", "commandos",
    "helicopter", "helicopters", "gunships", "drone", "drones", "missile", "missiles", "bomber", "bombers", "marines",
    "paratroopers", "police", "division", "divisions", "battalion", "battalions", "brigade", "brigades",
}
# Prepositions whose object says where something happens, not who acts.
LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "around", "along", "within"}
# Plural nouns for several states: a phrase holding one with a modifier ("the leadership of the Central Asian
# states", "the African countries") says whom it means, so it takes no other country of the sentence.
STATE_GROUP_NOUNS = {"states", "countries", "nations", "republics", "governments", "monarchies", "neighbours",
                     "neighbors", "members"}
# Nouns for areas: a demonym modifying one after a locative preposition says where ("near the Ugandan border").
AREA_NOUNS = {"border", "frontier", "coast", "shore", "waters", "territory", "side", "region", "province",
              "town", "city", "village", "area", "airspace", "soil", "mainland", "countryside"}
BORDER_NOUNS = {"border", "frontier", "boundary"}
# Nouns for meeting someone: a country after them ("in an interview with X", "in talks with X") is met, not a place.
INTERACTION_NOUNS = {"interview", "talk", "talks", "meeting", "conversation", "call", "agreement", "deal",
                     "negotiation", "negotiations", "summit", "consultation", "consultations", "contact", "contacts",
                     "discussion", "discussions", "briefing", "exchange", "visit"}
# Modifiers that say armed forces are of no country the sentence names ("foreign troops"; a "foreign
# minister" is a title).
UNPLACED_MODIFIERS = {"foreign", "international", "outside", "overseas", "western", "multinational"}
UNPLACED_HEADS = FORCE_HEADS | {"military", "mercenaries", "powers", "contractors", "advisers", "instructors"}
# People who stand for a state abroad: a generic source is not of their country ("authorities expelled two
# Iranian diplomats"), unlike people of one place ("rebels killed two Colombian soldiers").
ENVOY_HEADS = {"diplomat", "diplomats", "ambassador", "ambassadors", "envoy", "envoys", "consul", "attache",
               "attaché", "embassy", "consulate", "delegation", "delegate", "delegates"}


@dataclass(frozen=True)
class Name:
    """A name the events layer can resolve: ``kind`` state | group | igo | ngo | kb."""

    name: str
    code: str  # ISO3, IGO or NGO
    kind: str
    actor_id: Optional[str] = None  # knowledge-base id (kind kb, or a state's entry)


def key(text: str) -> str:
    if "’" in text or "‘" in text or "`" in text:
        text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    if "-" in text:
        text = re.sub(r"\s*-\s*", "-", text)
    if "  " in text or "\n" in text or "\t" in text:
        text = re.sub(r"\s+", " ", text)
    return text.strip().lower()


_PREFIX = re.compile(r"[a-z0-9]+")


def _prefix(text: str) -> str:
    m = _PREFIX.match(text.lower())
    return m.group(0) if m else ""


def _kb():
    try:
        from . import kb
        return kb.load_kb()
    except Exception:  # noqa: BLE001 - the events layer works without the knowledge base
        return None


def _read(name: str) -> list[dict[str, str]]:
    path = resources.files("presswatch").joinpath("data", "events", name)
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@lru_cache(maxsize=1)
def name_table() -> dict[str, Name]:
    """Normalised name -> :class:`Name`. Earlier sources win: the knowledge base, extra names, OWID names."""
    table: dict[str, Name] = {}

    def add(name: str, value: Name) -> None:
        name = name.strip()
        if name and not name.lower().startswith("the ") and len(name) > 1:
            table.setdefault(key(name), value)
            if "ization" in name or "isation" in name:  # British and American spellings of one name
                table.setdefault(key(name.replace("ization", "isation") if "ization" in name
                                     else name.replace("isation", "ization")), value)

    base = _kb()
    if base is not None:
        for e in base.entries.values():
            if e.type not in KB_TYPES:
                continue
            code = e.country or ("IGO" if e.type in ("organization", "alliance", "government_body") else "")
            if not code:
                continue
            value = Name(e.name, code, "kb", e.id)
            for n in [e.name, *e.aliases]:
                add(n, value)
            if e.type == "state":
                for d in e.demonyms:
                    add(d, value)
                    add(d + "s", value)
                if e.capital:
                    add(e.capital, value)
        for norm_name, actor_id in list(base.capitals.items()) + list(base.buildings.items()):
            entry = base.get(actor_id)
            if entry is not None and entry.country:
                table.setdefault(key(norm_name), Name(norm_name, entry.country, "kb", entry.id))
    for row in _read("extra_names.tsv"):
        add(row["name"], Name(row["name"], row["code"], row["kind"]))
    for row in _read("countries.tsv"):
        if re.fullmatch(r"[A-Z]{3}", row["iso3"]):
            add(row["name"], Name(row["name"], row["iso3"], "state"))
    return table


@lru_cache(maxsize=1)
def _prefixes() -> frozenset:
    """First alphanumeric run of every name: tokens without one of these start no name."""
    return frozenset(_prefix(k) for k in name_table())


def _case_ok(text: str, name: Name) -> bool:
    """Proper names start upper-case in the text; acronyms must match exactly; a word that is also a
    function word ("Who" opening a question, "Us") names something only in capitals ("WHO", "US")."""
    if not text[:1].isupper() and text != name.name:
        return False
    if " " not in text and text.lower() in STOP_WORDS and not text.isupper():
        return False
    if len(name.name) <= 4 and name.name.isupper():
        return text == name.name
    return True


def token_texts(doc: Doc, text: Optional[str] = None) -> tuple[list[str], list[str]]:
    """Token texts and trailing whitespace, read from offsets (cheaper than creating Token objects)."""
    text = doc.text if text is None else text  # Doc.text rebuilds the string on every access
    if not len(doc):
        return [], []
    arr = doc.to_array([IDX, LENGTH])
    starts = arr[:, 0].tolist()
    ends = [a + b for a, b in arr.tolist()]
    texts = [text[a:b] for a, b in zip(starts, ends)]
    spaces = [text[b:a] for b, a in zip(ends, starts[1:] + [len(text)])]
    return texts, spaces


def scan(doc: Doc, text: Optional[str] = None) -> list[tuple[int, int, Name]]:
    """Longest non-overlapping name matches as (start token, end token, name); ``text`` is ``doc.text``."""
    table = name_table()
    prefixes = _prefixes()
    texts, spaces = token_texts(doc, text)
    # Only person names hide the names inside them; "the Philippine Senate" is Philippine.
    ent_of: dict[int, tuple[int, int]] = {}
    for e in doc.ents:
        if e.label_ == "PERSON":
            start = e.start + (1 if texts[e.start].lower() == "the" else 0)
            ent_of.update((i, (start, e.end)) for i in range(start, e.end))
    out: list[tuple[int, int, Name]] = []
    i, n = 0, len(texts)
    while i < n:
        first = texts[i]
        if not first[:1].isalpha() or _prefix(first) not in prefixes:
            i += 1
            continue
        best = None
        stop = min(n, i + MAX_NAME_TOKENS)
        parts = [first]
        candidates = [(i + 1, first)]
        for j in range(i + 1, stop):
            parts.append(spaces[j - 1] + texts[j])
            candidates.append((j + 1, "".join(parts)))
        for j, text in reversed(candidates):
            if j - 1 > i and not texts[j - 1][:1].isalnum() and texts[j - 1] not in ("-", "."):
                continue
            value = table.get(key(text))
            if value is not None and _case_ok(text, value):
                best = (j, value)
                break
        if best is None:
            i += 1
            continue
        j, value = best
        # A name inside a longer entity ("Michael Jordan") is not that name.
        inside = [ent_of[k] for k in range(i, j) if k in ent_of]
        # "the Philippine Senate" is not the body the bare word "Senate" names in the knowledge base
        after_state = bool(out) and out[-1][1] == i and out[-1][2].code != value.code and len(value.code) == 3 \
            and value.code != "IGO" and _is_state(out[-1][2])
        if all(s >= i and e <= j for s, e in inside) and not after_state:
            out.append((i, j, value))
        i = j
    return out


def _is_state(name: Name) -> bool:
    if name.kind == "state":
        return True
    base = _kb() if name.kind == "kb" else None
    entry = base.get(name.actor_id) if base is not None and name.actor_id else None
    return entry is not None and entry.type == "state"


__all__ = ["Name", "scan", "name_table", "key", "GENERIC_HEADS", "CROWD_HEADS", "FORCE_HEADS", "LOCATIVE_PREPS",
           "STATE_GROUP_NOUNS", "UNPLACED_MODIFIERS", "UNPLACED_HEADS", "ENVOY_HEADS",
           "AREA_NOUNS", "BORDER_NOUNS", "INTERACTION_NOUNS"]
