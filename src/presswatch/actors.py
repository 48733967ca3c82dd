"""``presswatch_actors``: link entity mentions to actors of the knowledge base.

Runs after ``presswatch_entities``. For every entity (and for knowledge-base
names the NER missed, such as "the Kremlin" or "State Department") it decides
which actor is meant, sets ``Entity.actor`` and, for places, ``Entity.reading``
(``"government"`` when the place acts, ``"place"`` otherwise), and fills
``doc._.pw_actors`` with the actors of the article and their mentions.

Rules, in order:

- full person names first, then everything else in text order, so that a
  surname may come before its full name ("Bush-era ... George W. Bush");
- person names and their variants through the name index (transliteration
  folded, initials, middle names dropped only when the text gives none that
  disagree, the first of two Spanish surnames); a partial name goes to the full
  name seen in the article ("Suu Kyi", "Guajardo Villarreal"); a bare surname
  goes to the person named in full in the text (family name first for Chinese
  and Korean names), else to the one person of the base with that surname in
  office on the article date, else to the one notable holder from a country the
  article names ("Trump" in 2016); a title before a surname takes it back from
  a document-local name ("Derelict Obama" in a headline, then "President Obama");
- namesakes are ranked by the title before the name, office on the date and the
  countries the article names; a minor official from the generated lists, out
  of office and from a country the article never names, is not linked;
- the longest knowledge-base name wins ("Russian government", "Russia Today",
  "Trump administration"); "<head of state or government> administration /
  government" is that country's executive body; a short form of a long name
  links when the article names its owner or the long name ("the Security
  Council" with the United Nations), and "the Council" goes to the last
  "... Council" linked;
- party names also match their adjective and singular ("Democratic", "Democrat");
- a name that actors of several countries share ("Labour Party", "Congress", "PRI": Puerto
  Rico's code and Mexico's party) goes to the candidate whose country the article names, else
  to none (:meth:`_Resolution.one_country`);
- titles and descriptions ("the Uzbek Foreign Minister", "US Deputy Secretary
  of State", "the Russian leader") go to whoever held the office on the
  article date (``article.published``, else today); a bare "the president" goes
  to the holder named most in the article before it, else to the holder in the
  country the article names most; when the year or month precision of role dates
  makes two holders match (the year of a change), :func:`pick_holders` keeps the
  ones certainly in office, else the one most likely in office on the date;
- a bare word for an international body ("the Commission president", "the
  alliance's secretary general", "the NATO chief") names the body the article
  named last that the word can stand for (a short alias such as "the Alliance"
  or the last word of a name); without such a mention it names none;
- demonyms ("Russian", "Americans", each word of "Lithuanian Americans") go to
  their country;
- capitals and seats of power ("Moscow", "the Kremlin") go to the government
  they stand for when they act (subject of a verb other than hosting verbs,
  possessor of statements, object of political verbs, "pro-Moscow", a seat of
  power modifying a noun: "White House aides") and stay places when they are
  places ("in Moscow", "Dushanbe hosted a meeting", "a voice on Capitol Hill",
  "the White House lawn");
- surnames of people named in the article are linked where the NER missed or
  mislabelled them;
- pronouns and definite descriptions follow :func:`presswatch.coref.resolve_mentions`
  when that module is installed, unless the mention contains a name already linked;
- people not in the base become document-local actors (``local=True``) with the
  title and country the text gives them; so do the article's authors.
- NER places (GPE, LOC, FAC) nothing above resolves that name a city of the GeoNames
  gazetteer or a US state (:mod:`presswatch.cities`) are places with ``Entity.country``
  and no actor; states, capitals and seats of power carry ``Entity.country`` too.

Limits: the metonymy rule reads one dependency arc and misreads parse errors;
role look-ups need a curated office holder (see ``docs/actors.md`` for the
coverage); a surname shared by two active office holders stays unresolved;
headline words the NER takes into a name ("Derelict Obama") make a local actor.
Accuracy on the hand-made gold set: ``presswatch eval actors``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections import Counter
from typing import Optional

from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_TITLE, IS_UPPER, LENGTH, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import cities
from .extensions import in_regions, register_extensions
from .kb import Entry, KnowledgeBase, fold, load_kb, name_key, norm, role_active, title_function, today
from .types import Actor, Entity, Role

log = logging.getLogger("presswatch")

ROLE_HEADS = {"minister", "president", "secretary", "spokesman", "spokeswoman", "spokesperson", "chancellor",
              "premier", "leader", "representative", "king", "queen", "emir", "head", "chief", "ambassador",
              "general"}  # "Secretary General", "Attorney General"
# Verbs whose subject is a place, not an agent ("Dushanbe hosted a meeting").
PLACE_VERBS = {"host", "welcome", "witness", "see", "experience", "house", "lie", "sit", "border", "be", "become",
               "remain", "boast", "attract", "suffer", "flood", "swelter", "shiver", "locate", "situate", "hit",
               "strike", "shake", "celebrate", "gather"}
PASSIVE_PLACE_VERBS = {"hit", "strike", "attack", "bomb", "shell", "flood", "locate", "situate", "visit", "host",
                       "capture", "occupy", "liberate", "surround", "damage", "destroy", "evacuate"}
PLACE_OBJ_VERBS = {"visit", "reach", "enter", "leave", "access", "attack", "bomb", "shell", "capture", "occupy", "liberate",
                   "tour", "arrive", "surround", "storm", "evacuate", "fly", "travel", "return"}
SPATIAL_PREPS = {"in", "at", "to", "from", "near", "into", "around", "outside", "across", "through", "via",
                 "within", "inside", "throughout", "along", "onto", "beyond", "off", "past"}
PLACE_NOUNS = {"streets", "street", "center", "centre", "outskirts", "suburb", "suburbs", "mayor", "residents",
               "resident", "airport", "population", "skyline", "district", "districts", "metro", "citizens",
               "heart", "downtown", "people", "city", "region", "territory", "soil", "border", "borders",
               "hotel", "hotels", "square", "university", "stadium", "area", "province", "capital", "map",
               "weather", "economy", "north", "south", "east", "west", "part", "parts", "cities", "towns",
               "lawn", "ground", "grounds", "gate", "gates", "garden", "roof", "room", "wing", "tour", "wall",
               "walls", "building", "fence", "podium", "balcony", "visit", "visitor"}
# Words after a short form shared with an international body that make it the international one
# ("a Security Council resolution", "Security Council members").
INTERNATIONAL_AFTER = {"resolution", "member", "seat", "mandate", "veto", "sanction", "presidency", "chamber"}
GOV_NOUNS = {"authorities", "officials", "government", "regime", "leadership", "administration", "establishment"}
# People who work for a seat of power: "White House aides", "Kremlin staff".
STAFF_NOUNS = {"aide", "adviser", "advisor", "lawyer", "staff", "staffer", "official", "counsel", "counselor",
               "intern", "insider", "source", "team", "officer"}
# Verbs whose "on" object is a location: "worked on Capitol Hill" (but "relied on Washington").
ON_PLACE_VERBS = {"work", "serve", "live", "be", "sit", "stand", "speak", "testify", "arrive", "land", "walk",
                  "rally", "protest", "gather", "meet", "appear", "spend"}
# Nouns whose "on" object is a target, not a location: "pressure on Moscow".
ON_TARGET_NOUNS = {"pressure", "sanction", "attack", "influence", "focus", "reliance", "dependence", "criticism",
                   "call", "demand", "effect", "impact", "war", "ban", "embargo", "stance", "position", "view",
                   "policy", "deal", "agreement", "talk", "negotiation", "dependency"}
# Parliamentary systems: their "leader" is the head of government.
HOG_LEADS = {"GBR", "DEU", "JPN", "IND", "ITA", "CAN", "AUS", "ESP", "NLD", "BEL", "ISR", "PAK", "IRQ", "NOR", "SWE",
             "DNK", "GRC", "HUN", "POL", "CZE", "SVK", "ARM", "GEO", "NZL", "IRL", "AUT", "PRT", "BGD", "THA", "MYS"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
GENERATED_SOURCES = {"people.jsonl", "countries.jsonl"}
ORG_TYPES = {"organization", "alliance", "government_body", "media", "party", "group"}
# Family name first: "Ban" is Ban Ki-moon, "Xi" is Xi Jinping.
FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "KOR", "PRK"}
# Head words that name an organisation's top office ("the NATO chief", "the head of the Alliance").
TOP_WORDS = {"chief", "head", "leader"}
# "a spokesman", "another minister": one of several, not the office holder
INDEFINITE = {"a", "an", "another", "one", "some", "any"}
NOTABLE_FUNCTIONS = {"head_of_state", "head_of_government", "vice_president", "foreign_minister", "defence_minister",
                     "secretary_general"}


@Language.factory(
    "presswatch_actors",
    default_config={"extra_files": [], "use_coref": True, "local_actors": True, "scan_aliases": True},
)
def make_actors(nlp: Language, name: str, extra_files: list, use_coref: bool, local_actors: bool,
                scan_aliases: bool) -> "ActorsComponent":
    register_extensions()
    return ActorsComponent(load_kb(extra_files), use_coref=use_coref, local_actors=local_actors,
                           scan_aliases=scan_aliases)


class ActorsComponent:
    def __init__(self, kb: KnowledgeBase, use_coref: bool = True, local_actors: bool = True, scan_aliases: bool = True):
        self.kb = kb
        self.use_coref = use_coref
        self.local_actors = local_actors
        self.scan_aliases = scan_aliases

    def __call__(self, doc: Doc) -> Doc:
        _Resolution(self, doc).run()
        return doc


def _coref_mapping(doc: Doc) -> dict:
    try:
        from .coref import resolve_mentions
    except ImportError:
        return {}
    try:
        return resolve_mentions(doc)
    except Exception as exc:  # a coref bug must not cost the actors layer
        log.warning("coref failed: %s", exc)
        return {}


_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_LEADING_POS = {"VERB", "AUX", "INTJ", "SCONJ", "CCONJ", "ADV"}


def _strip(span: Span) -> Span:
    """Drop leading determiners, verbs and "pro-"/"anti-", and a trailing possessive or punctuation.

    The NER sometimes takes a word in: "Say Mexico", "this White House", "pro-Russian".
    """
    doc, start, end = span.doc, span.start, span.end
    while start < end:
        tok = doc[start]
        if tok.lower_ in _DETERMINERS or (tok.pos_ in _LEADING_POS and start + 1 < end and doc[start + 1].is_title):
            start += 1
        elif tok.lower_ in {"pro", "anti"} and start + 2 < end and doc[start + 1].text == "-":
            start += 2
        else:
            break
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end] if end > start else span


def _possessive_split(span: Span) -> Optional[tuple[Span, Span]]:
    """("Trump", "White House") for "Trump's White House": an entity the NER ran over a possessive."""
    for tok in span[1:-1]:
        if tok.tag_ == "POS" or tok.lower_ in {"'s", "’s"}:
            return span.doc[span.start:tok.i], span.doc[tok.i + 1:span.end]
    return None


def _trim_common_nouns(span: Span) -> Optional[Span]:
    """"E.U. nations" -> "E.U.": the name without the lower-case nouns the NER took in."""
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].is_lower:
        end -= 1
    return span.doc[span.start:end] if end < span.end else None


_NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT", "LAW", "LANGUAGE"}
# Titles that name one office without a country: "the president said" (see salient_holder).
_BARE_TITLES = {"president", "prime minister", "premier", "chancellor", "foreign minister", "defence minister",
                "defense minister", "secretary of state", "foreign secretary", "vice president"}


def _bare_title(span: Span) -> bool:
    words = [t.lower_ for t in span
             if t.lower_ not in _DETERMINERS and not t.is_punct and t.tag_ != "POS" and t.pos_ != "ADV"]
    return " ".join(words) in _BARE_TITLES


def _minor_generated(entry: Entry) -> bool:
    """True for people known only from the generated lists (UN speakers, Phoenix leaders) who never
    held an office of note there (Phoenix's generic "government (ISO3)" entries, e.g. "government (HRV)")."""
    return all(src in GENERATED_SOURCES for src in entry.sources) and not any(
        title_function(r.title) in NOTABLE_FUNCTIONS for r in entry.roles)


def _caps_context(doc: Doc, i: int) -> bool:
    """True when token i sits in an all-capitals line, where "IS" or "AP" are ordinary words."""
    near = [doc[j] for j in (i - 1, i + 1) if 0 <= j < len(doc) and doc[j].is_alpha]
    return any(t.is_upper and len(t) > 1 for t in near)


def _clean_name_text(text: str) -> str:
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


class _Resolution:
    """State of one document's resolution."""

    def __init__(self, comp: ActorsComponent, doc: Doc):
        self.comp, self.kb, self.doc = comp, comp.kb, doc
        article = doc._.pw_article
        self.article = article
        # Doc.text rebuilds the string from its tokens on every access; the article holds it already.
        end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        self.text = article.text if article is not None and len(article.text) == end else doc.text
        self.date = (article.published if article is not None and article.published else None) or today()
        self.mentions: dict[str, list[tuple[int, int]]] = {}
        self.local: dict[str, Actor] = {}
        self.surnames: dict[str, str] = {}  # name key of a surname -> actor id seen in full
        self.span_actor: dict[tuple[int, int], str] = {}
        self.countries_seen: set[str] = set()
        self.country_count: Counter[str] = Counter()  # mentions per country, for names countries share
        self.full_names: list[tuple[tuple[str, ...], str]] = []  # name-key words of full names seen -> actor
        self.org_heads: dict[str, str] = {}  # last word of an organisation's name -> the last one linked
        self._org_words: dict[str, set[str]] = {}
        self.congo_republic = congo_is_republic(self.text)

    # -- bookkeeping ----------------------------------------------------
    def link(self, actor_id: str, start: int, end: int) -> str:
        spans = self.mentions.setdefault(actor_id, [])
        if (start, end) not in spans:
            spans.append((start, end))
        self.span_actor[(start, end)] = actor_id
        entry = self.kb.get(actor_id)
        if entry is not None and entry.country:
            self.countries_seen.add(entry.country)
            self.country_count[entry.country] += 1
        if entry is not None and entry.type in ORG_TYPES:
            words = self.text[start:end].split()
            if len(words) > 1 and words[-1][:1].isupper():
                self.org_heads[norm(words[-1])] = actor_id
        return actor_id

    def unlink(self, start: int, end: int) -> None:
        """Forget the links of mentions inside [start, end) (a longer name replaces them)."""
        for (a, b), actor in list(self.span_actor.items()):
            if start <= a and b <= end:
                del self.span_actor[(a, b)]
                spans = self.mentions.get(actor, [])
                if (a, b) in spans:
                    spans.remove((a, b))
                if not spans:
                    self.mentions.pop(actor, None)

    def overlaps(self, start: int, end: int, named: bool = False) -> bool:
        """True when a person mention already overlaps [start, end).

        With ``named``, any linked mention other than a state counts too: a coreference
        mention such as "the heads of the Senate committees" must not swallow "Senate".
        Places and demonyms inside titles ("the Russian Foreign Minister") never count.
        """
        for (a, b), actor in self.span_actor.items():
            if a < end and start < b:
                entry = self.kb.get(actor)
                if actor in self.local or (entry is not None and entry.type == "person"):
                    return True
                if named and entry is not None and entry.type != "state":
                    return True
        return False

    def run(self) -> None:
        doc = self.doc
        entities: list[Entity] = list(doc._.pw_entities or [])
        spans = [doc.char_span(e.start, e.end, alignment_mode="expand") for e in entities]
        for ent, span in zip(entities, spans):  # countries first: they disambiguate people
            if span is not None and ent.label in PLACE_LABELS | {"NORP"}:
                iso = self.country_of(_strip(span).text)
                if iso:
                    self.countries_seen.add(iso)
                    self.country_count[iso] += 1
            elif span is not None and ent.label == "ORG":  # "CNN", "the DNC": a US article
                found = {e.country for e in self.kb.lookup(_strip(span).text)} - {None}
                if len(found) == 1:  # a name several countries share ("Labour Party") names none of them
                    self.countries_seen.update(found)
                    self.country_count.update(found)
        # Full names first, so that a surname before its full name ("Bush-era ... George W. Bush") resolves.
        order = sorted(range(len(entities)), key=lambda i: not (
            spans[i] is not None and entities[i].label == "PERSON" and len(_strip(spans[i])) > 1))
        for i in order:
            if spans[i] is not None:
                self.resolve_entity(entities[i], spans[i])
        if self.comp.scan_aliases:
            entities.extend(self.scan(entities, start_id=len(entities)))
        self.surname_scan(entities)
        self.republic_of_congo(entities)
        self.descriptions()
        if self.comp.use_coref:
            for mention, antecedent in _coref_mapping(doc).items():
                actor = self.span_actor.get(tuple(antecedent))
                if actor and not self.overlaps(*mention, named=True):
                    self.link(actor, *mention)
        self.authors()
        doc._.pw_entities = entities
        doc._.pw_actors = self.actors()

    def republic_of_congo(self, entities: list[Entity]) -> None:
        """A bare "Congo" or "Congolese" is the Democratic Republic (the base's default) unless the
        article names the Republic of the Congo and nothing of the other (:func:`congo_is_republic`).
        Titles and possessors ("Congo's president", "the Congolese foreign minister") follow the
        same rule through :meth:`country_of` and :meth:`possessor`."""
        cod, cog = self.kb.state_of_iso.get("COD"), self.kb.state_of_iso.get("COG")
        if not (cod and cog) or not self.congo_republic:
            return
        for e in entities:
            if e.text.lower().removeprefix("the ").strip() not in ("congo", "congolese"):
                continue
            if e.actor == cod:
                self.unlink(e.start, e.end)
                e.actor = cog
                self.link(cog, e.start, e.end)
            if e.country == "COD":
                e.country = "COG"

    def country_of(self, text: str) -> Optional[str]:
        """The base's country of a name or demonym, with the Congo rule of :meth:`republic_of_congo`."""
        iso = self.kb.country_of(text)
        if iso == "COD" and self.congo_republic and _BARE_CONGO.fullmatch(text.strip()):
            return "COG"
        return iso

    def possessor(self, span: Span) -> Optional[str]:
        """:func:`possessor_country` with the Congo rule ("Congo's Supreme Court")."""
        owner = possessor_country(span, self.kb)
        # no DR Congo name is in an article where the rule holds, so its code came from a bare "Congo"
        return "COG" if owner == "COD" and self.congo_republic else owner

    # -- entities -------------------------------------------------------
    def resolve_entity(self, ent: Entity, span: Span) -> None:
        core = _strip(span)
        if not core.text:
            return
        parts = _possessive_split(core)
        if parts is not None and (self.kb.lookup(core.text) or self.kb.lookup_person(core.text)):
            parts = None  # a name with a possessive inside: "Democratic People's Republic of Korea"
        if parts is not None:  # "Trump's White House": link the possessor, resolve the rest
            owner = self.any_actor(_strip(parts[0]))
            if owner:
                self.link(owner, parts[0].start_char, parts[0].end_char)
            core = _strip(parts[1])
            label = "PERSON" if ent.label == "PERSON" and len(core) > 1 else "ORG"
        else:
            label = ent.label
        start, end = core.start_char, core.end_char
        actor: Optional[str] = None
        if label == "PERSON":
            actor = self.person(core)
            if actor is None:
                actor = self.named(core, ORG_TYPES)
            if actor is None and len(core) == 1:  # the NER calls some countries people ("called Burma a ...")
                actor = next((e.id for e in self.kb.lookup(core.text, {"state"})), None)
            if actor is None and self.comp.local_actors:
                actor = self.local_person(core)
        elif label in PLACE_LABELS | {"ORG", "NORP"}:
            actor, reading = self.place_or_org(core, label)
            if actor is None and reading is None:
                trimmed = _trim_common_nouns(core)  # "E.U. nations", "Kremlin officials"
                if trimmed is not None:
                    actor, reading = self.place_or_org(trimmed, label)
                    if actor:
                        start, end = trimmed.start_char, trimmed.end_char
            ent.reading = reading
            if actor is None and reading is None and label == "NORP" and len(core) > 1:
                self.norp_parts(core)  # "Lithuanian Americans": each demonym to its country
            if actor is None and reading is None and label != "NORP":
                tok = core[0]
                single = len(core) == 1 and tok.pos_ == "PROPN" and not tok.is_upper
                actor = self.person(core, only_known=not single)  # the NER calls some people ORG
            if label in PLACE_LABELS and actor is None and reading is None:
                ent.country = self.city_country(core)  # "in Lagos": a place, not an actor
                ent.reading = "place" if ent.country else None
            elif label in PLACE_LABELS and reading is not None:
                ent.country = self.place_country(core, actor)
        if actor:
            actor, end = self.executive_of(actor, core, end)
            ent.actor = actor
            self.link(actor, start, end)

    def any_actor(self, span: Span) -> Optional[str]:
        """Whatever a short span names: a person, else a state, organisation or outlet."""
        if not span.text:
            return None
        actor = self.person(span)
        if actor is None:
            actor, _ = self.place_or_org(span, "ORG")
        return actor

    def executive_of(self, actor: str, span: Span, end: int) -> tuple[str, int]:
        """"the Obama administration" / "the Merkel government": the executive body, not the person."""
        doc = self.doc
        if span.end >= len(doc) or doc[span.end].lower_ not in {"administration", "government"}:
            return actor, end
        entry = self.kb.get(actor)
        if entry is None or entry.type != "person" or not entry.country:
            return actor, end
        if not any(title_function(r.title) in {"head_of_state", "head_of_government"} for r in entry.roles):
            return actor, end
        body = self.kb.executive.get((entry.country, doc[span.end].lower_))
        return (body, doc[span.end].idx + len(doc[span.end].text)) if body else (actor, end)

    def norp_parts(self, span: Span) -> None:
        for tok in span:
            iso = self.country_of(tok.text) if tok.is_title else None
            state = self.kb.state_of_iso.get(iso) if iso else None
            if state:
                self.link(state, tok.idx, tok.idx + len(tok.text))

    def person(self, span: Span, only_known: bool = False) -> Optional[str]:
        while len(span) > 1 and span[-1].pos_ in {"VERB", "AUX"}:  # "Obama Seeks" in a headline
            span = span[:-1]
        while len(span) > 1 and span[0].pos_ == "ADJ":  # "Derelict Obama" in a headline
            span = span[1:]
        text = _clean_name_text(span.text)
        words = text.split()
        cands = self.kb.lookup_person(text)
        if len(words) == 1:
            if text.endswith("."):  # "Ky.", "Wash.": abbreviations, not surnames
                return None
            key = norm(text)
            if key in self.surnames:
                known = self.surnames[key]
                if known in self.local:  # "Derelict Obama" in a headline, then "President Obama"
                    holder = self.titled_namesake(span, text)
                    if holder:
                        self.surnames[key] = holder
                        return holder
                return known
            if only_known:
                return None
            cands = cands or self.kb.lookup_surname(text)
            active = [c for c in cands if c.roles_at(self.date)]
            # nobody of that name in office: a notable one from a country the article names
            # ("Trump" in September 2016, "Bush" in 2018)
            cands = active or [c for c in cands if c.country in self.countries_seen and not _minor_generated(c)
                                and (c.years_from_office(self.date) or 0) <= 10]
        best = self.choose(cands, span)
        if best is None and len(words) > 1:
            best = self.seen_suffix(text) or self.surname_fallback(span, words)
        if best and len(words) > 1:
            self.surnames.setdefault(norm(words[-1]), best)
            entry = self.kb.get(best)
            if entry is not None and entry.country in FAMILY_NAME_FIRST:  # "Ban" after "Ban Ki-moon"
                self.surnames.setdefault(norm(words[0]), best)
            self.full_names.append((tuple(name_key(text).split()), best))
        elif best:
            self.surnames.setdefault(norm(text), best)
        return best

    def titled_namesake(self, span: Span, surname: str) -> Optional[str]:
        """The one person in office with this surname whose office the title before it names."""
        function, country = self.title_before(span)
        if not function:
            return None
        found = [c.id for c in self.kb.lookup_surname(surname)
                 if (country is None or c.country == country)
                 and any(title_function(r.title) == function for r in c.roles_at(self.date))]
        return found[0] if len(found) == 1 else None

    def seen_suffix(self, text: str) -> Optional[str]:
        """"Suu Kyi" after "Aung San Suu Kyi", "Pena Nieto" after "Enrique Pena Nieto"."""
        words = tuple(name_key(text).split())
        for full, actor in self.full_names:
            if len(full) > len(words) and full[-len(words):] == words:
                return actor
        return None

    def surname_fallback(self, span: Span, words: list[str]) -> Optional[str]:
        """An unknown spelling of a known office holder's first name: the surname decides, if the
        initial agrees and exactly one holder of that surname is in office ("Francois"/"Fran\u00e7ois")."""
        initial = fold(words[0])[:1]
        cands = [c for c in self.kb.lookup_surname(words[-1])
                 if c.roles_at(self.date) and fold(c.name)[:1] == initial]
        return cands[0].id if len(cands) == 1 else None

    def choose(self, cands: list[Entry], span: Span) -> Optional[str]:
        if not cands:
            return None
        function, country = self.title_before(span)
        # A minor official from the generated lists, out of office and from a country the article
        # never names, is someone else ("John Delaney" the US congressman, not the Bahamian official).
        cands = [e for e in cands if e.roles_at(self.date) or e.country in self.countries_seen
                 or (country is not None and e.country == country) or not _minor_generated(e)]
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0].id

        def score(e: Entry) -> tuple:
            active = e.roles_at(self.date)
            fn = any(title_function(r.title) == function for r in active) if function else False
            return (fn, country is not None and e.country == country, bool(active),
                    e.country in self.countries_seen, len(e.roles))

        ranked = sorted(cands, key=score, reverse=True)
        if score(ranked[0])[:4] == score(ranked[1])[:4] and not score(ranked[0])[2]:
            return None  # several inactive namesakes and nothing to tell them apart
        return ranked[0].id
    def title_before(self, span: Span) -> tuple[Optional[str], Optional[str]]:
        """(function, ISO3) of a title written before a name: "Russian President Vladimir Putin"."""
        doc = self.doc
        i = span.start
        words = []
        while i > 0 and i > span.start - 8:
            tok = doc[i - 1]
            if tok.is_punct or tok.lower_ in {"the", "a", "said", "says", "by", "and", "with"} or tok.pos_ == "VERB":
                break
            words.insert(0, tok)
            i -= 1
        if not words:
            return None, None
        country = None
        rest = []
        for tok in words:
            iso = self.country_of(tok.text) if tok.is_title or tok.is_upper else None
            if iso and country is None:
                country = iso
            else:
                rest.append(tok.text)
        return (title_function(" ".join(rest)) if rest else None), country

    def named(self, span: Span, types: set[str]) -> Optional[str]:
        cands = self.one_country(self.kb.lookup(span.text, types))
        if not cands:
            return None
        cands.sort(key=lambda e: (e.country in self.countries_seen, e.type == "media"), reverse=True)
        return cands[0].id

    def place_or_org(self, span: Span, label: str) -> tuple[Optional[str], Optional[str]]:
        kb, key = self.kb, norm(span.text)
        if key in kb.buildings or key in kb.capitals:
            target = kb.buildings.get(key) or kb.capitals[key]
            if agentive(span, building=key in kb.buildings):
                return target, "government"
            return None, "place"
        states = kb.lookup(span.text, {"state"})
        if states and span.text.isupper():  # a state's code an organisation shares ("PRI", "PAN")
            rivals = [e for e in kb.lookup(span.text, ORG_TYPES) if e.country != states[0].country]
            if rivals:
                picked = self.one_country(states + rivals)
                if not picked:
                    return None, None
                if picked[0].type != "state":
                    return picked[0].id, None
        if states:
            reading = None
            if label in PLACE_LABELS:
                reading = "government" if agentive(span) else "place"
            return states[0].id, reading
        iso = kb.demonyms.get(key)
        if iso:
            return kb.state_of_iso.get(iso), None
        others = kb.lookup(span.text, ORG_TYPES)
        if others and len(span) == 1 and not span[0].is_upper:
            # A bare word ("the Commission", "the Alliance") names an international body only in an
            # article that has named it before; else it may be any commission or alliance.
            others = [e for e in others if norm(e.name) == key or not self.international(e.id)
                      or self.mentioned_before(e.id, span.start_char)]
        owner = self.possessor(span)
        if owner:  # "Pakistan's Supreme Court", "the Pakistani Supreme Court": not the US one
            others = [e for e in others if e.country in (None, owner)]
        others = self.one_country(others)
        if others:
            others.sort(key=lambda e: (e.country in self.countries_seen, e.type != "government_body"), reverse=True)
            return others[0].id, None
        if len(span) == 1 and not span[0].is_upper:  # "the Organisation" after "the CSTO"
            return self.country_scoped(span) or self.short_form(span) or self.org_in_context(span[0]), None
        return self.country_scoped(span) or self.short_form(span), None

    def one_country(self, cands: list[Entry]) -> list[Entry]:
        """Candidates of a name that actors of several countries share ("Labour Party", "Justice and
        Development Party", "Congress"): those of the one candidate country the article names (a
        place, a demonym, a linked person or a name only that country's actor has, such as "AKP");
        when it names several, those of the one it names more than twice as often as any other (an
        American article that mentions Italy once keeps "Democratic" American); else none, so a
        shared name is never linked blindly. Candidates of one country (or none) pass unchanged."""
        if len({e.country for e in cands}) <= 1:
            return cands
        named = sorted({e.country for e in cands if e.country in self.countries_seen},
                       key=lambda c: self.country_count[c], reverse=True)
        if len(named) > 1 and self.country_count[named[0]] <= 2 * self.country_count[named[1]]:
            return []
        return [e for e in cands if named and e.country == named[0]]

    # -- places that are not actors ----------------------------------------
    def city_country(self, span: Span) -> Optional[str]:
        """ISO3 of the city a place name names ("Lagos", "Kharkov"): see :func:`presswatch.cities.pick`.
        Asked only for NER places the base leaves unresolved, written with a capital."""
        if not span.text[:1].isupper():
            return None
        return cities.country_of(span.text, self.countries_seen)

    def place_country(self, span: Span, actor: Optional[str]) -> Optional[str]:
        """ISO3 of a state, capital or seat of power read as a place or as its government. A capital
        read as a place is a namesake city instead when the article names that city's country and
        not the capital's ("Tripoli" in an article about Lebanon)."""
        key = norm(span.text)
        target = actor or self.kb.buildings.get(key) or self.kb.capitals.get(key)
        entry = self.kb.get(target) if target else None
        iso = entry.country if entry is not None else None
        if actor is None and key in self.kb.capitals and iso not in self.countries_seen:
            city = cities.pick(cities.lookup(span.text), self.countries_seen)
            if city is not None and city.country in self.countries_seen:
                return city.country
        if iso is None and actor is None:  # "met in Brussels": the EU's seat is a Belgian city
            return cities.country_of(span.text, self.countries_seen)
        return iso

    def short_form(self, span: Span) -> Optional[str]:
        """"the Security Council" in an article about the United Nations: a long name whose
        first words name an actor this article already mentions (most mentioned wins)."""
        key = norm(span.text)
        if len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ == "the":
            head = self.org_heads.get(key)  # "the Council" after "the Security Council"
            if head:
                return head
        cands = self.kb.by_suffix.get(key, [])
        intl = next((a for a, _ in cands if self.international(a)), None)
        if intl is not None:
            return self._international_short_form(span, intl, [a for a, _ in cands])
        best, count = None, 0
        for actor_id, prefix in cands:
            owners = set(self.kb.by_alias.get(prefix, []))
            iso = self.kb.demonyms.get(prefix)
            if iso and iso in self.kb.state_of_iso:
                owners.add(self.kb.state_of_iso[iso])
            # its own earlier full mentions count most ("the Security Council" after "the United Nations
            # Security Council"), then those of the actor its first words name
            n = 2 * len(self.mentions.get(actor_id, [])) + sum(len(self.mentions.get(o, [])) for o in owners)
            if n > count:
                best, count = actor_id, n
        return best

    def _international_short_form(self, span: Span, intl: str, cands: list[str]) -> Optional[str]:
        """A short form shared by an international body and national ones ("the Security Council": the
        UN's, Russia's, the US National Security Council). The national one needs its state named just
        before ("Russia's Security Council") or its own full name earlier in the article; UN wording
        around it ("a Security Council resolution", "members of the Security Council") or nothing at
        all makes it the international one. Mentions of the state alone do not count: "the Security
        Council imposed sanctions on Russia" is the UN's."""
        doc = span.doc
        after = doc[span.end].lemma_.lower() if span.end < len(doc) else ""
        before = doc[max(span.start - 3, 0):span.start].text.lower()
        if after in INTERNATIONAL_AFTER or re.search(r"\b(members? of( the)?|permanent)\s*$", before):
            return intl
        owner = self.possessor(span)
        national = [a for a in dict.fromkeys(cands) if a != intl]
        if owner:
            for actor_id in national:
                entry = self.kb.get(actor_id)
                if entry is not None and entry.country == owner:
                    return actor_id
        best, count = intl, len(self.mentions.get(intl, []))
        for actor_id in national:
            n = len(self.mentions.get(actor_id, []))
            if n > count:
                best, count = actor_id, n
        return best

    def country_scoped(self, span: Span) -> Optional[str]:
        """"the Kazakh Foreign Ministry" -> the foreign ministry of Kazakhstan, via its country word."""
        words = span.text.split()
        for n in (1, 2):
            if len(words) > n:
                iso = self.country_of(" ".join(words[:n]))
                if iso:
                    rest = " ".join(words[n:])
                    for e in self.kb.lookup(rest, {"government_body", "party", "media"}):
                        if e.country == iso:
                            return e.id
        return None

    # -- knowledge-base names the NER missed ----------------------------
    def scan(self, entities: list[Entity], start_id: int) -> list[Entity]:
        doc, kb, text = self.doc, self.kb, self.text
        taken = {}
        for e in entities:
            for c in range(e.start, e.end):
                taken[c] = e
        new = []
        # Token attributes as plain lists: creating spaCy Token objects is the costly part.
        title, upper, punct, alpha, idx, length = (col.tolist() for col in doc.to_array(
            [IS_TITLE, IS_UPPER, IS_PUNCT, IS_ALPHA, IDX, LENGTH]).reshape(-1, 6).T)
        first_words = kb.scan_first_words
        i = 0
        n = len(doc)
        types = ORG_TYPES
        while i < n:
            if not (title[i] or upper[i]) or punct[i] or \
                    (norm(text[idx[i]:idx[i] + length[i]]).split() or [""])[0] not in first_words:
                i += 1
                continue
            hit = None
            for size in range(min(6, n - i), 0, -1):
                j = i + size - 1
                if not alpha[j] and not title[j]:
                    continue
                key = norm(text[idx[i]:idx[j] + length[j]])
                if size == 1 and key not in kb.buildings and not (
                        upper[i] and (len(key) >= 3 or (len(key) == 2 and not _caps_context(doc, i)))):
                    continue  # single words: acronyms and seats of power only ("NATO", "RT", "Kremlin")
                target = kb.buildings.get(key)
                if not target and key in kb.by_alias:
                    # a state whose code the acronym is counts as a rival ("PRI": Puerto Rico, Mexico's party)
                    cands = self.one_country([x for x in map(kb.entries.get, kb.by_alias[key]) if x.type in types
                                              or (x.type == "state" and size == 1 and upper[i])])
                    target = cands[0].id if cands and cands[0].type in types else None
                if target:
                    hit = (doc[i:i + size], target)
                    break
            if hit is None:
                i += 1
                continue
            span, target = hit
            s, e = span.start_char, span.end_char
            owner = kb.entries[target].country if target in kb.entries else None
            if not in_regions(doc, s, e) or (owner and self.possessor(span) not in (None, owner)):
                i = span.end  # "Pakistan's Supreme Court" is not the US one
                continue
            inside = {id(taken[c]): taken[c] for c in range(s, e) if c in taken}
            overhang = any(x.start < s or x.end > e for x in inside.values())
            # The longest name wins: "Russian government" over "Russian", "Russia Today" over "Russia".
            shorter = all(x.end - x.start < e - s for x in inside.values())
            if overhang or (not shorter and any(x.actor for x in inside.values())):
                i = span.end
                continue
            for x in inside.values():
                if x.actor:
                    self.unlink(x.start, x.end)
            reading = None
            key = norm(span.text)
            place_iso = None
            if key in kb.buildings:
                reading = "government" if agentive(span, building=True) else "place"
                entry = kb.get(kb.buildings[key])
                place_iso = entry.country if entry is not None else None
                if reading == "place":
                    target = None
            for x in inside.values():
                x.actor, x.reading, x.country = target, reading, place_iso
            if not inside:
                new.append(Entity(id=f"e{start_id + len(new)}", label="ORG" if reading is None else "FAC",
                                  start=s, end=e, text=span.text, actor=target, reading=reading,
                                  country=place_iso))
            if target:
                self.link(target, s, e)
            i = span.end
        return new

    # -- titles without names -------------------------------------------
    def descriptions(self) -> None:
        """"the Russian Foreign Minister said" -> whoever held the office on the article date."""
        doc = self.doc
        heads = {doc.vocab.strings.add(w) for w in ROLE_HEADS}
        for i, lower in enumerate(doc.to_array(LOWER).tolist()):
            if lower not in heads:
                continue
            tok = doc[i]
            if tok.pos_ not in {"NOUN", "PROPN"}:
                continue
            hyphenated = tok.i > 1 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_
            if tok.ent_type_ == "PERSON" or (hyphenated and doc[tok.i - 2].lower_ != "secretary"):
                continue  # "co-president", but "Secretary-General" is one title
            left = tok.left_edge.i
            right = tok.i + 1
            if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":  # "head of the White House"
                pobj = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
                if pobj:
                    right = pobj[0].right_edge.i + 1
            span = doc[left:right]
            if any(t.ent_type_ == "PERSON" for t in span) or (right < len(doc) and doc[right].ent_type_ == "PERSON"):
                continue  # a title before or around a name: the name decides
            if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
                continue
            if any(c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE for c in tok.children):
                continue  # "a Kremlin spokesman said": someone unnamed, not Peskov
            s, e = _strip(span).start_char, _strip(span).end_char
            if self.overlaps(s, e) or not in_regions(doc, s, e):
                continue
            function, country, body = self.description(span, tok)
            if function and not country and _bare_title(span):
                holder = self.salient_holder(function, s)  # "the president said"
                if holder:
                    self.link(holder, s, e)
                continue
            if not function or not country:
                continue
            holders = self.holders(function, country, body)
            if len(holders) == 1:
                self.link(holders[0], s, e)

    def salient_holder(self, function: str, start: int) -> Optional[str]:
        """Who "the president" at ``start`` is: of the people named before it who hold that office
        on the article date, the one named most (then first); else the holder of that office in
        the country the article names most."""
        best, best_key = None, None
        for actor, spans in self.mentions.items():
            entry = None if actor in self.local else self.kb.get(actor)
            if entry is None or not any(title_function(r.title) == function for r in entry.roles_at(self.date)):
                continue
            before = [a for a, _ in spans if a < start]
            key = (len(before), -min(before)) if before else None  # most mentioned, then first mentioned
            if key and (best_key is None or key > best_key):
                best, best_key = actor, key
        if best:
            return best
        counts: dict[str, int] = {}
        for actor, spans in self.mentions.items():
            entry = self.kb.get(actor)
            if entry is not None and entry.type == "state" and entry.country:
                counts[entry.country] = counts.get(entry.country, 0) + len(spans)
        if not counts:
            return None
        ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            return None
        holders = self.holders(function, ranked[0][0])
        return holders[0] if len(holders) == 1 else None

    def surname_scan(self, entities: list[Entity]) -> None:
        """Surnames of people named in the article that the NER missed or mislabelled
        ("Bush-era", "Notice Trump sniffing", "Putin and Lavrov" as one ORG)."""
        if not self.surnames:
            return
        doc, text = self.doc, self.text
        by_start = {e.start: e for e in entities}
        title, idx, length = (col.tolist() for col in doc.to_array([IS_TITLE, IDX, LENGTH]).reshape(-1, 3).T)
        for i in range(len(doc)):
            if not title[i]:
                continue
            s, e = idx[i], idx[i] + length[i]
            actor = self.surnames.get(norm(text[s:e]))
            if actor is None:
                continue
            tok = doc[i]
            if tok.pos_ != "PROPN" or tok.ent_type_ in _NOT_NAMES:
                continue
            if any(a < e and s < b for (a, b) in self.span_actor) or not in_regions(doc, s, e):
                continue
            ent = by_start.get(s)
            if ent is not None and ent.end == e and ent.actor is None:
                ent.actor, ent.reading, ent.country = actor, None, None  # a person, not the town "Jackson"
            self.link(actor, s, e)

    def description(self, span: Span, head: Token) -> tuple[Optional[str], Optional[str], Optional[str]]:
        """(function, ISO3 or organisation id, national body id) of a title without a name:
        "the Russian Foreign Minister" -> ("foreign_minister", "RUS", None); "a Pentagon
        spokesman" -> ("spokesperson", "USA", "us-dod")."""
        country = None
        national_body = None
        words = []
        for t in span:
            if t.lower_ in {"the", "this", "that", "a", "an"} or t.is_punct:
                continue
            iso = body = None
            if t.is_title or t.is_upper:
                iso = self.country_of(t.text)
                if iso is None and self.span_actor:
                    for (a, b), actor in self.span_actor.items():
                        if a <= t.idx < b:
                            entry = self.kb.get(actor)
                            iso = entry.country if entry is not None else None
                            if iso is None and self.international(actor):
                                iso = actor  # "the NATO Secretary General": posts are filed under the organisation
                            body = actor
                            break
            if iso is None and t.i != head.i and t.pos_ in {"NOUN", "PROPN"} and (t.idx, t.idx + len(t)) not in self.span_actor:
                iso = body = self.org_in_context(t)  # "the Commission president" after "the European Commission"
            if iso and body and head.lower_ in TOP_WORDS and iso == body and self.international(body):
                return self.top_office(body), body, None  # "the Alliance chief", "the head of NATO"
            if iso and head.lower_ == "head" and body:
                return _head_function(body), iso, None
            if iso:
                country = country or iso
                if body and body != iso and not self.international(body):
                    national_body = national_body or body
                continue
            words.append(t.text)
        title = " ".join(words)
        function = title_function(title)
        if function == "leader":  # "the Russian leader", not "the Senate majority leader"
            function = "head_of_government" if country in HOG_LEADS else "head_of_state"
        if function == norm(title):  # no known office
            return None, None, None
        return function, country, national_body

    # -- organisations named by a bare word ---------------------------------
    def international(self, actor_id: str) -> bool:
        """True for organisations, alliances and government bodies without a country (posts filed under them)."""
        entry = self.kb.get(actor_id)
        return entry is not None and self.kb.international_body(entry.name) == actor_id

    def org_words(self, actor_id: str) -> set[str]:
        """Bare words that name an organisation once the article has named it: its short aliases
        written with "the" ("the Alliance", "the Commission") and the last word of its longer names
        ("Union", "Council", "Organisation")."""
        if actor_id not in self._org_words:
            entry = self.kb.get(actor_id)
            found = set()
            for alias in [entry.name, *entry.aliases] if entry is not None else []:
                key = norm(alias).split()
                if len(key) == 1 and fold(alias).startswith("the "):
                    found.add(key[0])
                elif len(key) > 1:
                    found.add(key[-1])
            self._org_words[actor_id] = found
        return self._org_words[actor_id]

    def org_in_context(self, tok: Token) -> Optional[str]:
        """The international organisation a bare word names: of those the article named before the
        word and that the word can stand for (:meth:`org_words`), the one named last."""
        word = norm(tok.text)
        best, best_start = None, -1
        for actor, spans in self.mentions.items():
            before = [a for a, _ in spans if a < tok.idx]
            if before and max(before) > best_start and self.international(actor) and word in self.org_words(actor):
                best, best_start = actor, max(before)
        return best

    def mentioned_before(self, actor_id: str, start: int) -> bool:
        return any(a < start for a, _ in self.mentions.get(actor_id, ()))

    def top_office(self, org_id: str) -> Optional[str]:
        """The function of an organisation's head: its secretary general, else its president."""
        for function in ("secretary_general", "head_of_state"):
            if self.kb.holders(function, org_id, self.date):
                return function
        return None

    def holders(self, function: str, country: str, body: Optional[str] = None) -> list[str]:
        """Who holds ``function`` in ``country`` on the article date; with ``body`` (a national
        body's id), only roles at that body ("Pentagon spokesman" is not the White House's)."""
        found = self.kb.holders(function, country, self.date)
        entry = self.kb.get(body) if body is not None else None
        if entry is not None and entry.type != "state":
            # the body decides among offices of one kind: a bare "spokesman" defaults to the
            # president's, but "the Pentagon spokesman" is the defence ministry's
            kind = function.rsplit("_", 1)[-1]
            names = {norm(n) for n in (entry.name, *entry.aliases)}
            found = [(e, r) for f in self.kb.functions() if f == function or f.rsplit("_", 1)[-1] == kind
                     for e, r in self.kb.holders(f, country, self.date)
                     if r.organization and norm(r.organization) in names]
        return pick_holders(found, self.date)

    # -- people outside the base ----------------------------------------
    def local_person(self, span: Span) -> Optional[str]:
        text = _clean_name_text(span.text).strip()
        words = text.split()
        if not words or not any(w[:1].isupper() for w in words):
            return None
        if len(words) == 1:
            return self.surnames.get(norm(text))
        seen = self.seen_suffix(text)  # "Guajardo Villarreal" after "Ildefonso Guajardo Villarreal"
        if seen:
            return seen
        actor_id = "local:" + norm(text).replace(" ", "-")
        if actor_id not in self.local:
            title, country = self.local_role(span)
            roles = [Role(title=title, country=country)] if title else []
            self.local[actor_id] = Actor(id=actor_id, name=text, type="person", country=country, roles=roles, local=True)
        self.surnames.setdefault(norm(words[-1]), actor_id)
        self.full_names.append((tuple(name_key(text).split()), actor_id))
        return actor_id

    def local_role(self, span: Span) -> tuple[Optional[str], Optional[str]]:
        """Title and country the text gives: an apposition or a title before the name."""
        doc = self.doc
        root = span.root
        for child in root.children:
            if child.dep_ == "appos" and child.i >= span.end:
                first = child.left_edge.i
                while first < child.i and doc[first].lower_ in {"a", "an", "the"}:
                    first += 1
                words = doc[first:child.right_edge.i + 1]
                return words.text.strip(" ,"), self._country_in(words)
        for prep in root.children:  # "X of the ruling Justice and Development Party"
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == span.end:
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                words = doc[objs[0].left_edge.i:objs[0].right_edge.i + 1] if objs else None
                iso = self._country_in(words) if words is not None and words.ents else None
                if iso:
                    return None, iso
        start = span.start
        i = start
        while i > 0 and i > start - 10:
            tok = doc[i - 1]
            if tok.is_punct or tok.pos_ in {"VERB", "AUX", "ADP"} and tok.lower_ != "of" or tok.lower_ in {"said", "says"}:
                break
            i -= 1
        while i < start and doc[i].lower_ in {"the", "a", "an"}:
            i += 1
        if i < start and any(t.lower_ in ROLE_HEADS or t.lower_ in {"deputy", "director", "observer", "analyst", "expert", "chairman",
                                                    "chairwoman"} for t in doc[i:start]):
            words = doc[i:start]
            return words.text, self._country_in(words)
        return None, None

    def _country_in(self, span: Span) -> Optional[str]:
        """The country a title names: a country or demonym word, else the country of a national
        body linked inside it ("White House spokesman", "a Pentagon official")."""
        for t in span:
            if t.is_title or t.is_upper:
                iso = self.country_of(t.text)
                if iso:
                    return iso
        for ent in span.ents:  # people are resolved before bodies, so look the body up here
            if ent.label_ in ("ORG", "FAC", "GPE"):
                found = [e.country for e in self.one_country([e for e in self.kb.lookup(_strip(ent).text) if e.type != "person"])
                         if e.country]
                if len(set(found)) == 1:
                    return found[0]
        return None

    def authors(self) -> None:
        article = self.article
        if article is None or not self.comp.local_actors:
            return
        text = article.text
        for name in article.authors or []:
            cands = self.kb.lookup_person(name)
            actor_id = cands[0].id if len(cands) == 1 else "local:" + norm(name).replace(" ", "-")
            if actor_id.startswith("local:") and actor_id not in self.local:
                title = None
                byline = [s for s in article.layout if s.kind == "byline"]
                for s in byline:
                    line = text[s.start:s.end]
                    if name in line and "," in line.split(name, 1)[1]:
                        title = line.split(name, 1)[1].split(",", 1)[1].strip() or None
                self.local[actor_id] = Actor(id=actor_id, name=name, type="person",
                                             roles=[Role(title=title or "author")], local=True)
            pos = text.find(name)
            if pos >= 0:
                self.link(actor_id, pos, pos + len(name))
            else:
                self.mentions.setdefault(actor_id, [])

    # -- output ---------------------------------------------------------
    def actors(self) -> list[Actor]:
        out = []
        for actor_id, spans in self.mentions.items():
            if actor_id in self.local:
                actor = self.local[actor_id]
            else:
                entry = self.kb.get(actor_id)
                if entry is None:
                    continue
                actor = entry.to_actor()
                actor.roles = _roles_for(entry, self.date)
            actor.mentions = [list(p) for p in sorted(spans)]
            out.append(actor)
        out.sort(key=lambda a: a.mentions[0] if a.mentions else [len(self.text), 0])
        return out


_BARE_CONGO = re.compile(r"(?:the\s+)?congo(?:lese|leses)?(?:['\u2019]s?)?", re.IGNORECASE)
_COG_CUES = re.compile(r"(?<!Democratic )\bRepublic of (?:the )?Congo\b|\bCongo[- ]Brazzaville\b|\bBrazzaville\b")
_COD_CUES = re.compile(r"\bDemocratic Republic of (?:the )?Congo\b|\bD\.?R\.? ?Congo\b|\bDRC\b|\bCongo[- ]Kinshasa\b"
                       r"|\bKinshasa\b|\bZaire")


def congo_is_republic(text: str) -> bool:
    """True when a bare "Congo" in ``text`` is the Republic of the Congo: the text names it
    ("Republic of the Congo", "Congo-Brazzaville", "Brazzaville") and nothing of the DR Congo."""
    return "Congo" in text and bool(_COG_CUES.search(text)) and not _COD_CUES.search(text)


def possessor_country(span: Span, kb: KnowledgeBase) -> Optional[str]:
    """The state an organisation's name is qualified by just before it: "Pakistan's", "South
    Korea's" or a demonym ("the Pakistani Supreme Court"); None when there is none."""
    doc, i = span.doc, span.start
    if i > 0 and doc[i - 1].lower_ in {"'s", "\u2019s", "'"}:
        i -= 1
    elif not (i > 0 and doc[i - 1].is_title):
        return None
    owner = None
    for n in (1, 2, 3):  # the longest state name or demonym ending just before
        if i - n < 0:
            break
        words = doc[i - n: i]
        if not all(t.is_title or t.is_upper for t in words):
            break
        iso = kb.country_of(words.text)
        if iso:
            owner = iso
    return owner


def _window(value: str) -> tuple[dt.date, dt.date]:
    """First and last day an ISO date of any precision can stand for ('2018' -> Jan 1, Dec 31)."""
    year = int(value[:4])
    if len(value) >= 10:
        day = dt.date.fromisoformat(value[:10])
        return day, day
    if len(value) >= 7:
        month = int(value[5:7])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def in_office_share(role: Role, date: str) -> float:
    """How likely ``role`` is held on ``date`` when each imprecise bound lies anywhere in its window.

    1.0 when the date falls inside the role even at the narrowest reading of its bounds; a role
    ending "2018" holds on 2018-03-01 with about 0.84, one starting "2018" with about 0.16.
    """
    day = _window(date)[0]
    share = 1.0
    if role.start:
        lo, hi = _window(role.start)
        share *= 1.0 if day >= hi else 0.0 if day < lo else ((day - lo).days + 1) / ((hi - lo).days + 1)
    if role.end:
        lo, hi = _window(role.end)
        share *= 1.0 if day <= lo else 0.0 if day > hi else ((hi - day).days + 1) / ((hi - lo).days + 1)
    return share


def pick_holders(found: list[tuple[Entry, Role]], date: str) -> list[str]:
    """Who held an office on ``date``, from the roles :meth:`KnowledgeBase.holders` found active.

    Dates of year or month precision make the outgoing and incoming holder both active in the
    year (or month) of a change. The people certainly in office on the date win (all of them: two
    certain holders are concurrent posts, and the caller leaves the mention unresolved); if none is
    certain, the one most likely in office wins, so a date early in the change-over year goes to the
    outgoing holder and a late one to the incoming; ties go to the later start, then the id.
    """
    share: dict[str, tuple[float, str]] = {}
    try:
        for entry, role in found:
            key = (in_office_share(role, date), role.start or "")
            if key > share.get(entry.id, (-1.0, "")):
                share[entry.id] = key
    except ValueError:  # a date that is not ISO (a user's file): every active holder, as found
        return list(dict.fromkeys(e.id for e, _ in found))
    certain = [i for i, (p, _) in share.items() if p >= 1.0]
    if certain or not share:
        return certain
    return [max(share, key=lambda i: (*share[i], i))]


def _roles_for(entry: Entry, date: str) -> list[Role]:
    """Roles held on ``date``; else the latest earlier one (people only)."""
    active = [r for r in entry.roles if role_active(r, date)]
    if active or entry.type != "person":
        curated = [r for r in active if r.organization not in {"UN General Debate speaker", "Phoenix/CountryInfo"}]
        return curated or active
    past = sorted((r for r in entry.roles if (r.start or "") <= date), key=lambda r: r.end or "")
    return past[-1:]


def _head_function(body_id: str) -> str:
    """The office that heads a body: "head of the White House" is the president."""
    if any(k in body_id for k in ("mfa", "state-department", "fcdo", "mea", "mofa")):
        return "foreign_minister"
    if any(k in body_id for k in ("-mod", "dod")):
        return "defence_minister"
    if "downing" in body_id or "government" in body_id:
        return "head_of_government"
    return "head_of_state"


def agentive(span: Span, building: bool = False) -> bool:
    """True when a place name stands for its government here (metonymy), by its dependency arc.

    ``building``: a seat of power ("the White House", "the Kremlin"), whose noun modifiers
    are institutional ("White House aides", "Kremlin threats") unless the head is a place noun.
    """
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text == "-" and doc[span.start - 2].lower_ in {"pro", "anti"}:
        return True  # "pro-Moscow advisers"
    tok = span.root
    seen = 0
    while tok.dep_ == "conj" and seen < 5:  # "not on Washington or Brussels": read the first conjunct
        tok = tok.head
        seen += 1
    dep, head = tok.dep_, tok.head
    if dep == "nsubj":
        return head.lemma_.lower() not in PLACE_VERBS
    if dep == "nsubjpass":
        return head.lemma_.lower() not in PASSIVE_PLACE_VERBS
    if dep == "poss":
        return head.lemma_.lower() not in PLACE_NOUNS and head.lower_ not in PLACE_NOUNS
    if dep == "pobj":
        prep = head.lower_
        if prep in SPATIAL_PREPS:
            return False
        if prep == "on":  # "pressure on Moscow" acts on a government; "a voice on Capitol Hill" is a place
            gov = head.head
            if gov.pos_ in {"NOUN", "PROPN"}:
                return gov.lemma_.lower() in ON_TARGET_NOUNS
            return gov.lemma_.lower() not in ON_PLACE_VERBS
        if prep == "of":
            return head.head.lower_ not in PLACE_NOUNS and head.head.lemma_.lower() not in PLACE_NOUNS
        return True
    if dep in {"dobj", "obj"}:
        return head.lemma_.lower() not in PLACE_OBJ_VERBS
    if dep in {"compound", "amod", "nmod"}:  # "Moscow authorities", "US Secretary of State"
        lemma = head.lemma_.lower()
        if lemma in GOV_NOUNS or head.lower_ in ROLE_HEADS or lemma in STAFF_NOUNS:
            return True
        return building and lemma not in PLACE_NOUNS and head.lower_ not in PLACE_NOUNS
    if dep in {"agent"}:
        return True
    return False
