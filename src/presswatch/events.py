"""``presswatch_events``: code "who does what to whom" per clause, in PLOVER, and the stances they add up to.

For every sentence in the analysed regions, each verb, predicate adjective
("unacceptable", "ready to"), predicate "against" and event noun
("inadmissibility of", "readiness to") found in the event lexicon
(:mod:`presswatch.event_lexicon`) becomes an :class:`~presswatch.types.Event`:

- source: the clause subject; for passives the "by" agent (agentless repression: the state where
  it happens; agentless mobilisation: the subject's side); for clauses without
  a subject the controlling clause's subject (or, after "urge/call on X to",
  X); "we"/"I" inside a quote is the quote's speaker; relative pronouns are
  their head noun; "it/they/he" without a coreference from the actors layer
  is the subject of the reporting clause above. Event nouns take their
  possessor, else the subject of the verb that governs them.
- target: the object, the addressee ("call on X", "told X"), the "against/
  with/to" object, the complement's object for "agree to/refuse to/ready to",
  the subject of a passive or of "demanded that X ...".
- negation flips cooperation into REJECT ("did not agree", "does not accept",
  "will not allow", "not ready to"), modality says asserted, intended
  ("will", "ready to", "promised to"), refused, demanded (what a REQUEST asks
  for, "X must ...") or hypothetical ("could", "if").
- date: the resolved date expression of the clause (:mod:`presswatch.dates`),
  else the article date; quote: the innermost quote whose content holds the cue.

Actors come from the actors layer (entity and mention actor ids); where it
leaves a gap the layer scans for country, group and organisation names
(:mod:`presswatch.event_actors`), reads nationality from modifiers and
appositions, gives "police"/"rebels"/"protesters" and unknown officials the
sentence's country, and places targets of material acts where they happen
(PLOVER coding conventions; details in ``docs/events.md``). Actors found that
way are appended to ``doc._.pw_actors``. Plain statements ("said") are not
events (CAMEO 01 has no PLOVER type). Limits: one parse per sentence, no
event coreference, no cross-sentence arguments except through pronouns.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import congo_is_republic, possessor_country
from .dates import resolve_date
from .event_actors import CROWD_HEADS, FORCE_HEADS, GENERIC_HEADS, LOCATIVE_PREPS, Name, scan
from .errors import ConfigError
from .event_lexicon import Lexicon, load_lexicon
from .extensions import analysed_regions, register_extensions
from .stances import Claim, build_stances
from .types import Actor, Event, EventArg, Quote

# Material conflict that is only intended or possible is a threat (PLOVER manual 2.3).
MATERIAL_CONFLICT = {"ASSAULT", "COERCE", "SANCTION"}
THREAT_CODES = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131"}
# Material acts: their target is where they happen when no one is named; DOMESTIC ones are done at home.
MATERIAL = {"ASSAULT", "COERCE", "RETREAT", "AID", "MOBILIZE", "SANCTION", "PROTEST", "COOPERATE"}
DOMESTIC = {"COERCE", "ASSAULT", "SANCTION", "PROTEST", "THREATEN"}
# Types whose recipient is where something goes ("to X") rather than what is moved.
TRANSFER = {"AID", "COOPERATE", "RETREAT"}
HELP_VERBS = {"help", "assist", "support", "aid", "protect", "rescue", "rebuild", "reconstruct", "train",
              "evacuate", "deliver", "distribute", "relieve", "shelter", "feed"}
# Collective decisions to act are the act ("ministers agreed to freeze assets"); promises are intent.
DECIDE_VERBS = {"agree", "decide", "vote", "resolve"}
# Retreats of one's own forces or captives ("promised to withdraw"), not "to disarm the militias".
OWN_RETREAT = {"withdraw", "pull", "retreat", "release", "free", "return", "cede", "evacuate", "resign",
               "repatriate", "step"}
# Passives whose subject is what its own side sends: "troops were deployed".
SENT_VERBS = {"send", "deploy", "dispatch", "station", "move", "mass", "mobilize", "mobilise", "airlift", "fly",
              "position"}
# Words of office: an unknown person with one of them speaks for a state.
TITLE_WORDS = {"president", "minister", "premier", "prime", "chancellor", "secretary", "spokesman", "spokeswoman",
               "spokesperson", "ambassador", "envoy", "general", "gen.", "commander", "chief", "leader", "king",
               "queen", "prince", "emir", "sheikh", "governor", "deputy", "official", "negotiator", "diplomat",
               "delegate", "representative", "colonel", "col.", "marshal", "admiral", "vice", "speaker", "head"}
# Types whose conjoined actors act together, so that each is the other's target.
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
# Violence with two sides: "Indian and Pakistani troops exchanged fire", "clashed", "fought".
TWO_SIDED = {"clash", "fight", "exchange", "battle", "skirmish"}
COOPERATIVE = {"AGREE", "SUPPORT", "CONSULT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
# Types that state an attitude toward their target (material acts such as ASSAULT do not).
ATTITUDE = {
    "AGREE": "support", "SUPPORT": "support", "COOPERATE": "support", "AID": "support",
    "REJECT": "oppose", "ACCUSE": "oppose", "PROTEST": "oppose", "SANCTION": "oppose",
}
SUBJ = {"nsubj", "csubj", "expl"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj", "dative", "attr", "oprd"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our", "ours", "myself", "ourselves"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "hers", "theirs"}
REL_PRONOUNS = {"which", "who", "that", "whom", "whose"}
WH_SUBJECTS = {"who", "what", "which"}
INDEFINITE = {"everything", "anything", "something", "nothing", "everyone", "anyone", "someone", "nobody",
              "everybody", "anybody", "somebody", "all", "none"}
# Opening and closing quotation marks: an argument that opens one ends after its close.
QUOTE_PAIRS = (("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"))
FUTURE = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL = {"could", "might", "may", "would"}
OBLIGATION = {"must", "should"}
REPORTING = {
    "say", "announce", "state", "declare", "tell", "note", "add", "stress", "reiterate", "insist", "conclude",
    "claim", "confirm", "emphasize", "emphasise", "write", "report", "explain", "indicate", "remind", "recall",
}
# Verbs whose object is who must act in their infinitive ("urged X to ...", "called on X to ...").
OBJECT_CONTROL = {"urge", "call", "ask", "press", "persuade", "tell", "order", "force", "appeal", "implore",
                  "request", "demand", "invite", "encourage", "pressure", "remind", "allow", "let", "permit"}
TARGET_PREPS = ("on", "to", "with", "against", "for", "at", "into", "from", "toward", "towards", "over", "upon", "of")
SPEECH_NOUNS = {"call", "demand", "appeal", "warning", "threat", "ultimatum", "accusation", "condemnation",
                "criticism", "statement", "support"}
MAX_ARG_TOKENS = 25
# Prepositions of circumstance whose object is no target ("under pressure from X"); not "after"/"during",
# whose act is often the one answered ("sent warships after the Turkish incursion").
CIRCUMSTANCE_PREPS = {"under", "despite", "as", "like", "than", "without"}
# Verbs that answer an act: a future or conditional answer is a threat ("Moscow will respond to any ...").
RESPONSE_VERBS = {"respond", "react", "answer", "retaliate", "reply"}
# Verbs whose subject receives what its object names from someone else ("received aid from Canada").
RECEIVE_VERBS = {"receive", "get", "obtain", "secure", "win", "accept", "face", "draw", "suffer", "earn", "attract",
                 "come"}
RECEIVED_TYPES = {"AID", "SUPPORT"}
# Received only when a giver is named: "came under attack from X", "faced criticism from X".
RECEIVED_FROM_TYPES = {"ACCUSE", "THREATEN", "ASSAULT", "SANCTION"}
# What one answers without threatening: "will respond to the letter".
NEUTRAL_STIMULI = {"question", "letter", "request", "proposal", "offer", "invitation", "call", "inquiry", "query",
                   "email", "message", "concern", "survey", "appeal", "demand", "need", "crisis", "pandemic",
                   "outbreak", "disaster", "emergency", "criticism", "comment", "report", "note"}
# Where a dictionary (CAMEO) verb heads a clause; participles used as modifiers are not events.
CLAUSE_DEPS = {"ROOT", "ccomp", "xcomp", "conj", "advcl", "relcl", "pcomp", "parataxis"}
# Verbs that take their meaning from an event noun: "held talks", "imposed a curfew", "went on strike".
LIGHT_VERBS = {"hold", "conduct", "stage", "carry", "launch", "begin", "start", "issue", "make", "give", "express",
               "voice", "declare", "announce", "impose", "have", "go", "organize", "organise", "mount", "open",
               "file", "lodge", "extend", "take", "pay", "resume", "return", "join", "attend", "enter", "grant",
               "order", "deliver", "send", "complete", "initiate", "signal", "reaffirm", "renew"}
PHRASE_DEPS = {"prt", "prep", "dobj", "advmod", "pobj", "acomp", "pcomp"}
PARTICLES = {"over", "out", "down", "up", "off", "back", "on", "in", "away"}
# Definite nouns that refer back to the reporter in a reported clause, and what the reporter must be.
ANAPHORIC_NOUNS = {"alliance": "body", "bloc": "body", "organisation": "body", "organization": "body",
                   "movement": "body", "group": "body", "country": "state", "government": "state"}
# Verbs by which a person's relative clause names the body they lead or speak for.
LEAD_VERBS = {"head", "lead", "chair", "represent", "command"}
ROLE_WORDS = {"official", "spokesman", "spokeswoman", "spokesperson", "minister", "envoy", "negotiator", "diplomat",
              "commander", "leader", "aide", "adviser", "advisor", "man", "woman"}
# Nouns a "to" clause tells the purpose of: the stance is toward the purpose ("a way to gain a foothold").
PURPOSE_NOUNS = {"way", "means", "opportunity", "chance", "pretext", "excuse"}
CAMEO_FALLBACKS = {"sibling_object", "sibling_default", "majority"}
# Verbs the CAMEO dictionary lists that are prepositions or discourse markers in news prose.
NOT_EVENT_VERBS = {"accord", "regard", "concern", "follow", "base", "include", "say"}


@Language.factory(
    "presswatch_events",
    default_config={"noun_cues": True, "stances": True, "official_to_state": True, "max_sentence_tokens": 150,
                    "wordnet_fallback": "synonym,hypernym", "cameo_fallback": "sibling_default"},
)
def make_events(nlp: Language, name: str, noun_cues: bool, stances: bool, official_to_state: bool,
                max_sentence_tokens: int, wordnet_fallback: str, cameo_fallback: str) -> "EventsComponent":
    register_extensions()
    return EventsComponent(noun_cues=noun_cues, stances=stances, official_to_state=official_to_state,
                           max_sentence_tokens=max_sentence_tokens, wordnet_fallback=wordnet_fallback,
                           cameo_fallback=cameo_fallback)


@dataclass
class _Cue:
    type: str
    cameo: Optional[str]
    attitude: Optional[str]
    modality: str
    kind: str  # verb | adj | prep | noun | modal
    tokens: list[Token]
    curated: bool
    origin: str = "curated"  # curated | light | modal | cameo | wordnet: which lexicon coded it
    recipient: bool = False  # the subject receives: "Haiti received aid from Canada" is Canada's act


@dataclass
class _Coded:
    event: Event
    token: Token
    depth: int
    attitude: Optional[str]
    stance_target: Optional[EventArg]
    curated: bool
    parent: Optional["_Coded"] = None
    origin: str = "curated"
    children: list["_Coded"] = field(default_factory=list)


class EventsComponent:
    def __init__(self, noun_cues: bool = True, stances: bool = True, official_to_state: bool = True,
                 max_sentence_tokens: int = 150, wordnet_fallback: str = "synonym,hypernym",
                 cameo_fallback: str = "sibling_default"):
        self.noun_cues = noun_cues
        # which WordNet relations to a curated verb code a verb neither dictionary has ("" for none)
        self.wordnet_relations = tuple(r.strip() for r in wordnet_fallback.split(",") if r.strip())
        if not set(self.wordnet_relations) <= {"synonym", "hypernym"}:
            raise ConfigError(f"[events] wordnet_fallback: {wordnet_fallback!r} (use \"synonym\", \"synonym,hypernym\" or \"\")")
        # how a CAMEO dictionary verb no pattern matches is coded (see docs/events.md, "Lexicon")
        self.cameo_fallback = tuple(m.strip() for m in cameo_fallback.split(",") if m.strip())
        if not set(self.cameo_fallback) <= CAMEO_FALLBACKS:
            raise ConfigError(f"[events] cameo_fallback: {cameo_fallback!r} (use a comma list of "
                              f"{', '.join(sorted(CAMEO_FALLBACKS))}, or \"\")")
        self.stances = stances
        self.official_to_state = official_to_state
        self.max_sentence_tokens = max_sentence_tokens
        self.lex: Lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        ctx = _DocContext(doc)
        coded: list[_Coded] = []
        for sent in doc.sents:
            if len(sent) > self.max_sentence_tokens or not ctx.sentence_in_regions(sent):
                continue
            coded.extend(_SentenceCoder(self, ctx, sent).code())
        for i, item in enumerate(coded):
            item.event.id = f"ev{i}"
        doc._.pw_events = [item.event for item in coded]
        # which lexicon coded each event, for error analysis (eval events --mechanisms)
        doc.user_data["presswatch.event_origin"] = {item.event.id: item.origin for item in coded}
        doc._.pw_stances = self._stances(coded, ctx) if self.stances else []
        ctx.publish()
        return doc

    def _stances(self, coded: list[_Coded], ctx: "_DocContext"):
        claims = []
        for item in coded:
            ev = item.event
            source = ev.source.actor
            if item.parent is not None:
                # What a request asks for is the requester's stance: "called on X to prevent Y".
                source = item.parent.event.source.actor
            if not item.attitude or not source or item.stance_target is None or ev.negated and ev.type != "REJECT":
                continue
            tgt = item.stance_target
            if tgt.actor and tgt.actor == source:
                continue  # "Russia ... its own territory": not a stance toward oneself
            key = _target_key(tgt, ctx)
            if not key:
                continue
            conf = (0.8 if item.curated else 0.6) * (0.8 if ev.modality == "hypothetical" else 1.0)
            claims.append(Claim(source, item.attitude, tgt.actor, tgt.text, key, list(ev.evidence),
                                ev.id, conf))
        states: dict[str, str] = {}  # state id -> ISO3, for the states officials speak for

        def state_for(iso3: str) -> Optional[str]:
            states[ctx.state_id(iso3)] = iso3
            return ctx.state_id(iso3)

        stances = build_stances(claims, ctx.actors, ctx.article_date, state_for, self.official_to_state)
        for stance in stances:  # a state the article never names ("the NYPD" speaks for the US) is listed
            if stance.source in states:
                ctx.state_actor(states[stance.source])
        return stances


# -- document context: actors, quotes, regions ---------------------------------
@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Lower-cased country names, demonyms and capitals -> ISO3 (fallback only)."""
    names: dict[str, str] = {}
    with resources.files("presswatch").joinpath("data", "events", "countries.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            names.setdefault(row["name"].lower(), row["iso3"])
    states = resources.files("presswatch").joinpath("data", "kb", "curated", "states.csv")
    if states.is_file():
        with states.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                iso3 = row.get("iso3") or ""
                for col in ("demonyms", "aliases", "capital"):
                    for name in (row.get(col) or "").split("|"):
                        if name.strip():
                            names.setdefault(name.strip().lower(), iso3)
    return names


@lru_cache(maxsize=1)
def _kb():
    """The actor knowledge base when :mod:`presswatch.kb` is installed, else None."""
    try:
        from . import kb
        return kb.load_kb()
    except Exception:  # noqa: BLE001 - the fallback must never break event coding
        return None


@lru_cache(maxsize=1)
def _kb_states() -> dict[str, str]:
    base = _kb()
    if base is None:
        return {}
    return {e.country: e.id for e in base.entries.values() if e.type == "state" and e.country}


def _fallback_actor(text: str, label: str) -> Optional[Actor]:
    """A knowledge-base actor for an entity's text (used only without the actors layer)."""
    base = _kb()
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    if base is not None:
        if label == "PERSON":
            hits = base.lookup_person(text) or (base.lookup_surname(text) if " " not in text else [])
            if len(hits) == 1:
                return hits[0].to_actor()
            return None
        hits = base.lookup(text)
        if hits:
            return hits[0].to_actor()
        iso3 = base.country_of(text)
        if iso3:
            entry = base.get(_kb_states().get(iso3, ""))
            return entry.to_actor() if entry else Actor(id=iso3, name=iso3, type="state", country=iso3)
    if label == "PERSON":
        return None
    iso3 = _guess_country(text)
    if iso3:
        entry = base.get(_kb_states().get(iso3, "")) if base is not None else None
        return entry.to_actor() if entry else Actor(id=iso3, name=iso3, type="state", country=iso3)
    return None


def _tok_range(r: range) -> tuple[int, int]:
    return (r.start, r.stop) if len(r) else (0, 1)


def _name_actor(name: Name) -> Optional[Actor]:
    """The actor a scanned name stands for: a knowledge-base entry, a state, or a group located in a country."""
    base = _kb()
    if name.actor_id and base is not None:
        entry = base.get(name.actor_id)
        if entry is not None:
            return entry.to_actor()
    slug = re.sub(r"[^a-z0-9]+", "-", name.name.lower()).strip("-")
    if name.kind == "state":
        entry = base.get(_kb_states().get(name.code, "")) if base is not None else None
        return entry.to_actor() if entry else Actor(id=name.code, name=name.code, type="state", country=name.code)
    if name.kind == "group":
        return Actor(id=f"group:{slug}", name=name.name, type="group", country=name.code, local=True)
    if name.kind in ("igo", "ngo"):
        return Actor(id=f"{name.kind}:{slug}", name=name.name, type="organization", local=True)
    return None


def _guess_country(text: str) -> Optional[str]:
    names = _country_names()
    t = re.sub(r"^(the)\s+", "", text.strip().lower())
    t = re.sub(r"[’']s$", "", t)
    return names.get(t) or names.get(t.rstrip("s"))


def possessor_state(span: Span, base, congo_republic: bool) -> Optional[str]:
    """:func:`presswatch.actors.possessor_country` with the actors layer's Congo rule: in an article
    where a bare "Congo" is the Republic (``congo_republic``), "Congo's" is COG, not the base's COD."""
    owner = possessor_country(span, base)
    return "COG" if owner == "COD" and congo_republic else owner


class _DocContext:
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.article = doc._.pw_article
        self.article_date = getattr(self.article, "published", None)
        self.regions = analysed_regions(doc)
        self.actors: dict[str, Actor] = {a.id: a for a in (doc._.pw_actors or [])}
        self.token_actor: dict[int, str] = {}
        self.token_place: dict[int, str] = {}  # places read as locations ("protested in Minsk")
        self.guessed: dict[str, Actor] = {}  # actors found here that the actors layer did not list
        self.implied: set[str] = set()  # actors events refer to without a mention
        self.congo_republic = congo_is_republic(self.text)
        self._index_actors(doc)
        self._congo()
        for actor_id, actor in self.guessed.items():
            self.actors.setdefault(actor_id, actor)
        self.quotes: list[Quote] = list(doc._.pw_quotes or [])

    def _span_tokens(self, start: int, end: int) -> range:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    def _guess(self, actor: Actor, start: int, end: int) -> str:
        known = self.actors.get(actor.id) or self.guessed.setdefault(actor.id, actor)
        if self.doc._.pw_actors is not None and actor.id not in self.actors:
            known.mentions.append([self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)])
        return known.id

    def weak(self, actor_id: str) -> bool:
        return self._weak(actor_id)

    def _weak(self, actor_id: str) -> bool:
        """A document-local actor without a country: the actors layer's guess for a name it did not know."""
        actor = self.actors.get(actor_id)
        # an IGO or NGO the name scan found ("Amnesty International") has no country but says whose
        return actor is not None and actor.local and not actor.country and actor.type == "person"

    def _index_actors(self, doc: Doc) -> None:
        for actor in self.actors.values():
            for start, end in actor.mentions:
                for i in self._span_tokens(start, end):
                    self.token_actor.setdefault(i, actor.id)
        layer = doc._.pw_actors is not None
        for ent in doc._.pw_entities or []:
            actor_id = ent.actor
            if actor_id is None and not layer and ent.label in ("GPE", "NORP", "ORG", "LOC", "PERSON", "FAC"):
                actor = _fallback_actor(ent.text, ent.label)
                if actor is not None:
                    actor_id = self._guess(actor, *_tok_range(self._span_tokens(ent.start, ent.end)))
            if not actor_id:
                continue
            target = self.token_place if ent.reading == "place" else self.token_actor
            for i in self._span_tokens(ent.start, ent.end):
                if ent.reading == "place" or i not in self.token_actor or self._weak(self.token_actor[i]):
                    target[i] = actor_id
        # Names the NER or the actors layer missed or misread ("Nepal" as a person, "Lithuanian").
        for start, end, name in scan(doc, self.text):
            if all(i in self.token_actor and not self._weak(self.token_actor[i]) for i in range(start, end)):
                continue
            actor = _name_actor(name)
            if actor is None or self._other_states_body(actor, doc[start:end]):
                continue
            actor_id = self._guess(actor, start, end)
            longer = any(i not in self.token_actor and i not in self.token_place for i in range(start, end))
            for i in range(start, end):
                if i in self.token_place:
                    self.token_place[i] = actor_id  # "Guinea-Bissau", not the "Guinea" in it
                    if longer and i in self.token_actor:
                        del self.token_actor[i]
                elif longer or i not in self.token_actor or self._weak(self.token_actor[i]):
                    self.token_actor[i] = actor_id
        self._located_places(doc)
        # People the NER missed: runs of proper nouns that name one person in the knowledge base.
        base = _kb()
        if base is None:
            return
        run: list[Token] = []
        for tok in list(doc) + [None]:
            if tok is not None and tok.pos_ == "PROPN" and tok.i not in self.token_actor:
                run.append(tok)
                continue
            if len(run) >= 2:
                hits = base.lookup_person(" ".join(t.text for t in run))
                if len(hits) == 1:
                    actor_id = self._guess(hits[0].to_actor(), run[0].i, run[-1].i + 1)
                    for t in run:
                        self.token_actor[t.i] = actor_id
            run = []

    def _other_states_body(self, actor: Actor, span: Span) -> bool:
        """"Pakistan's Supreme Court": the name a knowledge-base body of another state has."""
        base = _kb() if actor.type == "government_body" and actor.country else None
        owner = possessor_state(span, base, self.congo_republic) if base is not None else None
        return owner is not None and owner != actor.country

    def _located_places(self, doc: Doc) -> None:
        """Places the actors layer located but linked to no actor (cities, capitals used as places:
        "in Lagos", "in Tripoli" of an article about Lebanon) name their country as places, so that
        "police" or an agentless arrest there takes it. The entity's country overrides the scan's
        reading of a capital, which knows no article context."""
        for ent in doc._.pw_entities or []:
            if ent.actor is not None or ent.reading != "place" or not ent.country:
                continue
            actor_id = self.state_actor(ent.country, implied=False)
            for i in self._span_tokens(ent.start, ent.end):
                if i in self.token_actor and not self._weak(self.token_actor[i]) and \
                        self.country(self.token_actor[i]) == ent.country:
                    continue  # the scan's capital already says the same
                self.token_actor.pop(i, None)
                self.token_place[i] = actor_id

    def _congo(self) -> None:
        """A bare "Congo" or "Congolese" is the Democratic Republic (the knowledge base's default),
        unless the article names the Republic of the Congo ("Congo-Brazzaville", "Brazzaville",
        "Republic of the Congo") and nothing of the other."""
        if not self.congo_republic:
            return
        states = _kb_states()
        base = _kb()
        cod, cog = states.get("COD"), base.get(states.get("COG", "")) if base is not None else None
        if cog is None:
            return
        for table in (self.token_actor, self.token_place):
            for i, actor_id in list(table.items()):
                if actor_id == cod and self.doc[i].lower_ in ("congo", "congolese"):
                    table[i] = self._guess(cog.to_actor(), i, i + 1)

    def publish(self) -> None:
        """List the actors found here in ``doc._.pw_actors`` so every event's actor id resolves."""
        if self.doc._.pw_actors is None:
            return
        listed = {a.id for a in self.doc._.pw_actors}
        used = {i for i in self.token_actor.values()} | set(self.token_place.values()) | self.implied
        self.doc._.pw_actors.extend(a for i, a in self.guessed.items() if i not in listed and i in used)

    def sentence_in_regions(self, sent: Span) -> bool:
        return any(s < sent.end_char and sent.start_char < e for s, e in self.regions)

    def actor_at(self, tok: Token) -> Optional[str]:
        return self.token_actor.get(tok.i)

    def place_at(self, tok: Token) -> Optional[str]:
        """The actor of a token that names a place, or that actor_at gives."""
        return self.token_actor.get(tok.i) or self.token_place.get(tok.i)

    def country(self, actor_id: Optional[str]) -> Optional[str]:
        if not actor_id:
            return None
        actor = self.actors.get(actor_id)
        return actor.country if actor is not None else None

    def state_id(self, iso3: str) -> Optional[str]:
        """The id of the state actor for ``iso3``: this article's, the knowledge base's, else the ISO3 code."""
        for actor in self.actors.values():
            if actor.type == "state" and actor.country == iso3:
                return actor.id
        return _kb_states().get(iso3, iso3)

    def state_actor(self, iso3: str, implied: bool = True) -> str:
        """Like :meth:`state_id`, but makes sure the state is known to the article's actors; ``implied``:
        the text implies it without naming it (the authorities behind an agentless arrest)."""
        actor_id = self.state_id(iso3)
        if actor_id not in self.actors:
            base = _kb()
            entry = base.get(actor_id) if base is not None else None
            actor = entry.to_actor() if entry is not None else Actor(id=iso3, name=iso3, type="state", country=iso3)
            self.actors[actor.id] = self.guessed[actor.id] = actor
            actor_id = actor.id
        if implied:
            self.implied.add(actor_id)
        return actor_id

    def speaker_actor(self, quote: Quote) -> Optional[str]:
        """The quote speaker's actor id; without the actors layer, a knowledge-base guess from the name."""
        if quote.speaker is None:
            return None
        if quote.speaker.actor or self.doc._.pw_actors is not None or not quote.speaker.name:
            return quote.speaker.actor
        actor = _fallback_actor(quote.speaker.name, "PERSON")
        if actor is None:
            return None
        self.actors.setdefault(actor.id, actor)
        return actor.id

    def quote_at(self, char: int) -> Optional[Quote]:
        best, best_len = None, None
        for q in self.quotes:
            for start, end in q.content:
                if start <= char < end and (best_len is None or end - start < best_len):
                    best, best_len = q, end - start
        return best


def _target_key(arg: EventArg, ctx: _DocContext) -> Optional[str]:
    if not arg.text and not arg.actor:
        return None
    if arg.span is not None and arg.actor:
        span = ctx.doc.char_span(arg.span[0], arg.span[1], alignment_mode="expand")
        if span is not None and ctx.actor_at(span.root) == arg.actor:
            return f"actor:{arg.actor}"
    head = ""
    if arg.span is not None:
        span = ctx.doc.char_span(arg.span[0], arg.span[1], alignment_mode="expand")
        if span is not None:
            head = span.root.lemma_.lower()
    return f"{arg.actor or ''}:{head or (arg.text or '').lower()}"


# -- per-sentence coding ---------------------------------------------------------
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
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no longer") for c in tok.children):
        return True
    # "is not ready/against/unacceptable": the negation sits on the copula.
    if tok.dep_ in ("acomp", "attr", "prep", "oprd") and tok.head.lemma_ == "be":
        return any(c.dep_ == "neg" for c in tok.head.children)
    return False


class _SentenceCoder:
    def __init__(self, comp: EventsComponent, ctx: _DocContext, sent: Span):
        self.comp, self.ctx, self.sent, self.lex = comp, ctx, sent, comp.lex
        self.heads: dict[tuple[int, int], Token] = {}  # argument span -> its head token
        self._dates: Optional[list[Span]] = None
        self._resolving: set[str] = set()  # quote ids whose speaker is being resolved (cycle guard)

    # cue detection
    def cue_for(self, tok: Token) -> Optional[_Cue]:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            if tok.dep_ in ("ccomp", "conj", "xcomp", "advcl", "ROOT", "relcl", "pcomp") and any(
                    c.dep_ == "aux" and c.lower_ in OBLIGATION for c in tok.children):
                head = tok.head if tok.dep_ != "conj" else tok.head.head
                if tok.dep_ == "ccomp" and head.lemma_.lower() in REPORTING:
                    aux = next(c for c in tok.children if c.dep_ == "aux" and c.lower_ in OBLIGATION)
                    return _Cue("REQUEST", "100", None, "asserted", "modal", [aux], False, "modal")
            if _test_prefix(tok):
                return _Cue("MOBILIZE", "150", None, "asserted", "verb", [tok], True)  # "test-fired a missile"
            # "the detained journalists", "boats seized last year": participles that describe, not report;
            # a past tense read as a modifier ("Turkey trained [Azerbaijani officers]") is a misparsed verb
            if tok.dep_ in ("amod", "compound") and not _misparsed_verb(tok) or tok.dep_ == "acl" and tok.tag_ == "VBN":
                return None
            if tok.dep_ == "relcl" and lemma in LEAD_VERBS and any(c.lower_ == "who" for c in tok.children):
                return None  # "X, who heads the Sudanese delegation,": who X is, not what X did
            cue = self._received(tok, lemma) or self._verb_cue(tok, lemma) or self._response_threat(tok, lemma)
            if cue is not None:
                return cue
            if tok.dep_ not in CLAUSE_DEPS or lemma in NOT_EVENT_VERBS:
                return None
            particle = " ".join(c.lower_ for c in tok.children if c.dep_ == "prt")
            after = [{t.lemma_.lower(), t.lower_} for t in tok.subtree if t.i > tok.i][:15]
            before = [{t.lemma_.lower(), t.lower_} for c in _children(tok, *SUBJ) for t in c.subtree][:8]
            modes = self.comp.cameo_fallback
            cue = self._sibling_cue(tok, lemma, specific=True) if "sibling_object" in modes else None
            if cue is not None:
                return cue
            code = self.lex.cameo_code(lemma, particle, before, after, default=False)
            if code is None:
                cue = self._sibling_cue(tok, lemma, specific=False) if "sibling_default" in modes else None
                if cue is not None:
                    return cue
                code = self.lex.cameo_code(lemma, particle, (), (), default=True)
                if "majority" in modes:
                    plover = self.lex.majority_type(lemma, particle)
                    if plover and plover != self.lex.plover(code):
                        return _Cue(plover, None, ATTITUDE.get(plover), "asserted", "verb", [tok], False, "cameo")
            plover = self.lex.plover(code)
            if plover:
                return _Cue(plover, code, ATTITUDE.get(plover), "asserted", "verb", [tok], False, "cameo")
            # a verb neither dictionary has: the type of the curated verb WordNet relates it to
            plover = self.lex.wordnet_type(lemma, particle, self.comp.wordnet_relations)
            if plover:
                return _Cue(plover, None, ATTITUDE.get(plover), "asserted", "verb", [tok], False, "wordnet")
            return None
        if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "ccomp", "conj", "oprd", "amod", "xcomp"):
            for cue in self.lex.curated_cues(lemma, "adj"):
                if cue.modality == "intended" and not _children(tok, "xcomp"):
                    continue  # "ready" alone is no intent; "ready to X" is
                if tok.dep_ == "amod" and cue.modality == "intended":
                    continue
                return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "adj", [tok], True)
        if tok.pos_ == "ADP" and tok.lower_ == "against" and tok.head.lemma_ == "be":
            for cue in self.lex.curated_cues("against", "prep"):
                return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "prep", [tok], True)
        if self.comp.noun_cues and tok.pos_ == "NOUN" and tok.dep_ not in ("compound", "nsubj", "nsubjpass"):
            for cue in self.lex.curated_cues(lemma, "noun"):
                if self._noun_fits(tok, cue):
                    return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "noun", [tok], True)
        return None

    def _verb_cue(self, tok: Token, lemma: str) -> Optional[_Cue]:
        """Curated verb cues: phrases and constrained cues, then a light verb's event noun ("held talks",
        "imposed a curfew"), then the verb's own default."""
        lemma = self._known_lemma(tok, lemma)
        cues = self.lex.curated_cues(lemma, "verb")
        words = None
        light = lemma in LIGHT_VERBS
        for pass_ in ("specific", "default"):
            for cue in cues:
                specific = len(cue.words) > 1 or cue.object or cue.subject
                if (pass_ == "specific") != bool(specific):
                    continue
                toks = self._match_phrase(tok, cue.words)
                if not toks:
                    continue
                if cue.object:
                    if words is None:
                        words = _object_words(tok)
                        # "suspended Nigeria": a state as the object
                        if any(self.ctx.country(self.ctx.actor_at(o)) and self.ctx.actors[self.ctx.actor_at(o)].type
                               == "state" for o in _children(tok, "dobj")):
                            words.add("@state")
                    if not cue.object & words:
                        continue
                if cue.subject and not self._subject_is(tok, cue.subject):
                    continue
                return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "verb", toks, True)
            if pass_ == "specific" and light:
                noun_cue = self._light_noun(tok)
                if noun_cue is not None:
                    return noun_cue
        return None

    def _sibling_cue(self, tok: Token, lemma: str, specific: bool) -> Optional[_Cue]:
        """A dictionary verb coded like the curated verbs of its CAMEO synonym block: ``specific``, their
        cues whose object words the clause has ("reimposed sanctions", "levied tariffs" as "impose"; "ousted
        the ambassador" as "expel"); else their one shared default type, when they agree."""
        siblings = self.lex.siblings(lemma)
        if not siblings:
            return None
        words = None
        defaults = set()
        found = None
        for other in siblings:
            if specific and other in LIGHT_VERBS:
                cue = self._light_noun(tok)
                if cue is not None:
                    return replace(cue, origin="sibling")
            for cue in self.lex.curated_cues(other, "verb"):
                if len(cue.words) > 1 or cue.subject:
                    continue
                if not cue.object:
                    defaults.add(cue.type)
                    found = found or cue
                    continue
                if not specific:
                    continue
                if words is None:
                    words = _object_words(tok)
                if cue.object & words:
                    return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "verb", [tok], False, "sibling")
        if not specific and len(defaults) == 1 and found is not None:
            return _Cue(found.type, found.cameo, found.attitude, "asserted", "verb", [tok], False, "sibling")
        return None

    def _received(self, verb: Token, lemma: str) -> Optional[_Cue]:
        """"received/won/secured aid, support, a loan from X", "came under attack from X", "faced criticism
        from X": the noun's event, done by the giver (CAMEO's swapped-actor patterns for RECEIVE)."""
        if lemma not in RECEIVE_VERBS:
            return None
        nouns = _children(verb, "dobj", "nsubjpass") if lemma != "come" else \
            [p for c in _children(verb, "prep") if c.lower_ == "under" for p in _children(c, "pobj")]
        for noun in nouns:
            given = any(c.lower_ in ("from", "by") for b in (verb, noun) for c in _children(b, "prep", "agent"))
            for cue in self.lex.curated_cues(noun.lemma_.lower(), "lnoun") + \
                    self.lex.curated_cues(noun.lemma_.lower(), "noun"):
                if (cue.type in RECEIVED_TYPES or cue.type in RECEIVED_FROM_TYPES and given) and \
                        self._noun_fits(noun, cue):
                    return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "verb", [verb, noun], True, "light",
                                recipient=True)
        return None

    @staticmethod
    def _response_threat(verb: Token, lemma: str) -> Optional[_Cue]:
        """"Moscow will respond to any deployment", "would react firmly if ...": an answer that is only
        announced is a threat (PLOVER manual 3.13), unless it answers a question or a letter."""
        if lemma not in RESPONSE_VERBS:
            return None
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        if not aux & (FUTURE | HYPOTHETICAL):
            return None
        stimuli = {p.lemma_.lower() for c in _children(verb, "prep") for p in _children(c, "pobj")}
        if stimuli & NEUTRAL_STIMULI:
            return None
        return _Cue("THREATEN", "130", "oppose", "intended", "verb", [verb], True)

    def _known_lemma(self, tok: Token, lemma: str) -> str:
        """The lemma, or a form the lexicon knows when the lemmatizer errs ("staged" -> "stag")."""
        if lemma in LIGHT_VERBS or self.lex.curated_cues(lemma, "verb"):
            return lemma
        low = tok.lower_
        for form in (low, low[:-1], low[:-2], low[:-3], low[:-3] + "y" if low.endswith("ied") else ""):
            if form and (form in LIGHT_VERBS or self.lex.curated_cues(form, "verb")) and len(form) >= len(low) - 3:
                return form
        return lemma

    def _light_noun(self, verb: Token) -> Optional[_Cue]:
        """The event noun a light verb carries: its object ("staged a protest"), a passive subject ("talks
        were held") or a prepositional object ("went on strike", "returned to talks")."""
        nouns = _children(verb, "dobj", "nsubjpass", "attr")
        nouns += [p for c in _children(verb, "prep") if c.lower_ in ("on", "to", "into", "in")
                  for p in _children(c, "pobj")]
        for noun in nouns:
            # "a fifth round of talks", "a series of strikes"
            if noun.lemma_.lower() in ("round", "series", "wave", "spate", "number", "string", "set", "day", "week"):
                inner = [p for c in _children(noun, "prep") if c.lower_ == "of" for p in _children(c, "pobj")]
                noun = inner[0] if inner else noun
            lemma = noun.lemma_.lower()
            for cue in self.lex.curated_cues(lemma, "lnoun") + self.lex.curated_cues(lemma, "noun"):
                if self._noun_fits(noun, cue):
                    return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "verb", [verb, noun], True, "light")
        return None

    @staticmethod
    def _noun_fits(noun: Token, cue) -> bool:
        if not cue.object:
            return True
        mods = {c.lemma_.lower() for c in noun.children}
        mods |= {p.lemma_.lower() for c in _children(noun, "prep") for p in _children(c, "pobj")}
        mods |= {t.lemma_.lower() for t in noun.lefts}
        return bool(cue.object & mods)

    def _subject_is(self, verb: Token, kind: str) -> bool:
        """The subject is a crowd ("protesters", "thousands of people", "Palestinians") or armed forces
        ("troops", "jets")."""
        heads = CROWD_HEADS if kind == "crowd" else FORCE_HEADS
        subj = _children(verb, *SUBJ) or [s for s in [self._controller(verb)] if s is not None]
        for s in subj:
            for t in [s] + [p for c in _children(s, "prep") if c.lower_ == "of" for p in _children(c, "pobj")]:
                if t.lower_ in heads or t.lemma_.lower() in heads:
                    return True
                if kind == "crowd" and t.tag_ in ("NNPS", "NNS") and t.ent_type_ == "NORP":
                    return True  # "Palestinians demonstrated"
        return False

    @staticmethod
    def _controller(verb: Token) -> Optional[Token]:
        node = verb
        for _ in range(3):
            if node.dep_ not in ("xcomp", "advcl", "conj") or node.head.i == node.i:
                return None
            node = node.head
            subj = _children(node, *SUBJ)
            if subj:
                return subj[0]
        return None

    @staticmethod
    def _match_phrase(tok: Token, words: tuple[str, ...]) -> Optional[list[Token]]:
        """The tokens of a phrase cue: each further word a particle, preposition, object or adverb of the
        verb or of the previous word ("call on", "go on strike", "take to the streets")."""
        if len(words) == 1:
            return [tok]
        toks = [tok]
        for word in words[1:]:
            nxt = None
            for base in (toks[-1], tok):
                nxt = next((c for c in base.children if c.i > tok.i and c.dep_ in PHRASE_DEPS
                            and (c.lemma_.lower() == word or c.lower_ == word)), None)
                if nxt is not None:
                    break
            if nxt is None and len(toks) == 1 and word in PARTICLES and tok.i + 1 < len(tok.doc) \
                    and tok.doc[tok.i + 1].lower_ == word:
                nxt = tok.doc[tok.i + 1]  # "handed over 1,000 weapons": the particle misparsed
            if nxt is None:
                return None
            toks.append(nxt)
        return toks

    def code(self) -> list[_Coded]:
        cues = {}
        for tok in self.sent:
            cue = self.cue_for(tok)
            if cue is not None:
                cues[tok.i] = (tok, cue)
        for tok, cue in list(cues.values()):
            for t in cue.tokens[1:]:
                if t.i != tok.i:
                    cues.pop(t.i, None)  # the noun of "held talks" is part of that cue
            if not cue.curated and tok.lemma_.lower() in REPORTING and any(
                    c.i in cues for c in _children(tok, "ccomp")):
                cues.pop(tok.i, None)  # "announced that it would withdraw": the report is not the act
        self.cues = cues
        coded: dict[int, _Coded] = {}
        consumed: dict[int, Optional[_Coded]] = {}
        for i, (tok, cue) in sorted(cues.items(), key=lambda kv: (_depth(kv[1][0]), kv[0])):
            parent = None
            if i in consumed:
                parent = consumed[i]
                if parent is None or parent.event.type != "REQUEST":
                    continue  # subsumed: "agreed to withdraw" is one AGREE event
            comp = self._complement(tok, cue)
            item = self._code_one(tok, cue, comp, parent)
            if comp is not None and comp.i in cues:
                consumed[comp.i] = item
            if item is None:
                continue
            if parent is not None:
                parent.children.append(item)
            coded[i] = item
        out = sorted(coded.values(), key=lambda c: c.event.cue[0])
        return out

    def _complement(self, tok: Token, cue: _Cue) -> Optional[Token]:
        if cue.kind == "modal":
            return None
        if cue.kind == "noun":
            acl = [c for c in tok.children if c.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in c.children)]
            return acl[0] if acl else None
        xcomp = _children(tok, "xcomp")
        if xcomp:
            return xcomp[0]
        if cue.type == "REQUEST":  # "called on X to V" is often parsed as a purpose clause
            advcl = [c for c in _children(tok, "advcl")
                     if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
            if advcl:
                return advcl[0]
        if cue.type == "REQUEST":
            ccomp = _children(tok, "ccomp")
            if ccomp:
                return ccomp[0]
        # "called on X to V": the infinitive hangs off the object or the preposition.
        for c in tok.children:
            if c.dep_ in ("dobj", "prep"):
                for g in c.subtree:
                    if g.dep_ in ("xcomp", "acl", "relcl") and g.head.i in (c.i, *[p.i for p in c.children]) \
                            and any(a.lower_ == "to" for a in g.children) and cue.type == "REQUEST":
                        return g
        return None

    def _code_one(self, tok: Token, cue: _Cue, comp: Optional[Token], parent: Optional[_Coded]) -> Optional[_Coded]:
        ctx = self.ctx
        if not any(s <= tok.idx < e for s, e in ctx.regions):
            return None
        negated = _negated(tok)
        etype, cameo, attitude, modality = cue.type, cue.cameo, cue.attitude, cue.modality
        if cue.kind == "verb" and cue.modality not in ("intended",):
            modality = "asserted" if cue.modality != "demanded" else "asserted"
        aux = {c.lower_ for c in (tok.children if cue.kind in ("verb", "modal") else tok.head.children)
               if c.dep_ in ("aux", "auxpass")}
        if cue.kind == "modal":
            modality = "asserted"  # the demand itself is asserted: "X said Y must ..."
        elif aux & FUTURE:
            modality = "intended"
        elif aux & HYPOTHETICAL:
            reported = tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING
            modality = "intended" if reported and "would" in aux else "hypothetical"
        elif any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            modality = "hypothetical"
        elif cue.modality in ("refused", "intended") and cue.kind != "verb":
            modality = cue.modality
        elif cue.kind == "verb" and cue.modality in ("intended", "refused"):
            modality = cue.modality
        if parent is not None:
            modality = "demanded"
        if negated and etype in COOPERATIVE:
            etype, cameo, attitude, modality = "REJECT", "120", "oppose", "refused"
        elif not negated and modality == "intended" and etype in COOPERATIVE - {"AGREE", "RETREAT", "CONCEDE"}:
            etype, cameo = "AGREE", "03" + (cameo[2:] if cameo and len(cameo) > 2 else "0")
        elif negated:
            attitude = None  # "did not reject": no stance either way
        if modality == "refused" and etype != "REJECT":
            etype, cameo, attitude = "REJECT", "120", "oppose"
        if parent is None and not negated:
            etype, cameo, attitude = self._by_mode(tok, cue, comp, etype, cameo, attitude, modality)

        source = EventArg() if _asks_who(tok) else self._source(tok, cue, parent)
        if source is None or (source.actor is None and not source.text):
            if cue.kind != "verb":
                return None  # an event noun or adjective with no one behind it is no event
            source = EventArg()  # "was killed in a bombing": the act is coded, its author unknown
        target = self._target(tok, cue, comp, source, etype)
        if target is not None and source.span and target.span and target.span == source.span:
            target = None
        source = self._in_context(source, target, is_target=False)
        if target is not None:
            target = self._in_context(target, source, is_target=True, etype=etype)
        if not cue.curated and not (source.actor or (target is not None and target.actor)):
            return None  # as in PETRARCH: a dictionary verb is an event only between actors
        if not source.actor and not source.text and cue.kind == "verb":
            source = self._passive_source(tok, etype, target) or source
        stance_target = self._stance_target(tok, cue, etype, target)
        target = self._reciprocal(source, target, etype, tok.lemma_.lower())
        if target is None or not target.actor:
            target = self._nearest_actor(tok, cue, source) or target
        if target is not None and not target.actor and etype in MATERIAL:
            target = self._located(target, source, etype)
        elif target is None and etype == "PROTEST":
            # a protest is directed at the authorities where it happens
            located = self._located(EventArg(), source, etype)
            target = located if located.actor else None
        quote = ctx.quote_at(tok.idx)
        if quote is not None:  # an argument of a quoted clause ends where the quote does
            segment = next(((a, b) for a, b in quote.content if a <= tok.idx < b), None)
            source, target, stance_target = (self._clipped(arg, segment) for arg in (source, target, stance_target))
        event = Event(
            id="",
            type=etype,
            cameo=cameo,
            source=source,
            target=target or EventArg(),
            cue=[min(t.idx for t in cue.tokens), max(t.idx + len(t.text) for t in cue.tokens)],
            negated=negated,
            modality=modality,
            date=self._date(tok, comp, modality == "intended"),
            quote=quote.id if quote else None,
            evidence=[self.sent.start_char, self.sent.start_char + len(self.sent.text.rstrip())],
        )
        return _Coded(event, tok, _depth(tok), attitude if etype in ATTITUDE or cue.curated else None,
                      stance_target, cue.curated, parent, origin=cue.origin)

    def _clipped(self, arg: Optional[EventArg], segment: Optional[tuple[int, int]]) -> Optional[EventArg]:
        """``arg`` cut at the end of the quote ``segment`` it starts in ("against so that you try ...,"
        must not run on into "Lavrov said on the air of ...")."""
        if arg is None or segment is None or not arg.span or not segment[0] <= arg.span[0] < segment[1] \
                or arg.span[1] <= segment[1]:
            return arg
        text = self.ctx.text
        end = segment[1]
        while end > arg.span[0] and (text[end - 1].isspace() or text[end - 1] in ",.;:!?\"'“”‘’«»"):
            end -= 1
        if end <= arg.span[0]:
            return arg
        same = arg.text is not None and text[arg.span[0]:arg.span[1]].startswith(arg.text)
        return EventArg(actor=arg.actor, text=text[arg.span[0]:end][:300] if same else arg.text,
                        span=[arg.span[0], end])

    # arguments
    def _arg(self, tok: Token, *, head_only: bool = False) -> EventArg:
        """An argument from a noun phrase headed by ``tok``."""
        ctx = self.ctx
        if tok.lower_ in REL_PRONOUNS and tok.head.dep_ == "relcl":
            tok = tok.head.head
        cut = {"relcl", "acl", "appos", "advcl", "punct", "cc", "mark", "parataxis", "ccomp"}
        toks = [tok]
        stack = [c for c in tok.children if c.dep_ not in cut]
        while stack:
            c = stack.pop()
            toks.append(c)
            stack.extend(g for g in c.children if g.dep_ not in ("relcl", "parataxis", "advcl"))
        toks.sort(key=lambda t: t.i)
        while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
            toks.pop()
        while toks and toks[0].is_punct:
            toks.pop(0)
        if not toks:
            toks = [tok]
        if len(toks) > MAX_ARG_TOKENS:
            toks = [t for t in toks if abs(t.i - tok.i) < MAX_ARG_TOKENS // 2] or [tok]
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        for opening, closing in QUOTE_PAIRS:  # 'the “corridor of peace”', not 'the “corridor of peace'
            if ctx.text.count(opening, start, end) > ctx.text.count(closing, start, end) and \
                    ctx.text[end:end + 1] == closing and not ctx.text[end + 1:end + 2].isalpha():
                end += 1  # (a closing mark followed by a letter is an apostrophe: "Russia\u2019s")
        text = ctx.text[start:end]
        # A country or capital as subject or object stands for its government ("Jakarta was ready").
        actor = ctx.actor_at(tok) or (ctx.place_at(tok) if tok.pos_ == "PROPN" else None)
        if actor is None and tok.lower_ in FIRST_PERSON:
            q = ctx.quote_at(tok.idx)
            if q is not None and q.speaker is not None:
                actor = self._speaker_actor(q)
                text = q.speaker.name or text
        if actor is None and tok.lower_ in PRONOUNS:
            actor = self._antecedent(tok)
        if actor is None and self._anaphoric_noun(tok):
            found = self._antecedent(tok, resolve=True)  # "NATO's spokesman said the alliance would deploy"
            kind = ANAPHORIC_NOUNS[tok.lemma_.lower()]
            if found and (self.ctx.country(found) if kind == "state" else self._is_body(found)):
                actor = found
        if not head_only and (actor is None or ctx.weak(actor)):
            actor = self._modifier_actor(tok, toks) or actor
        elif not head_only and self._foreign_body(actor):
            # "Pakistan's Supreme Court": the possessor says whose, whatever body of that name the base knows
            mod = self._modifier_actor(tok, [t for t in toks if ctx.actor_at(t) != actor])
            if mod and ctx.country(mod) and ctx.country(mod) != ctx.country(actor):
                actor = mod
        arg = EventArg(actor=actor, text=text, span=[start, end])
        self.heads[(start, end)] = tok
        return arg

    def _anaphoric_noun(self, tok: Token) -> bool:
        """"the alliance", "the country": a definite noun naming nobody, in a reported clause."""
        return tok.lemma_.lower() in ANAPHORIC_NOUNS and tok.pos_ == "NOUN" and \
            [c.lower_ for c in tok.children if c.dep_ != "punct"] == ["the"] and self._reported(tok)

    def _is_body(self, actor_id: str) -> bool:
        found = self.ctx.actors.get(actor_id)
        return found is not None and found.type in ("organization", "alliance", "group")

    def _foreign_body(self, actor: Optional[str]) -> bool:
        """A knowledge-base body of one state ("Supreme Court", "Interior Ministry") whose phrase may name
        another."""
        found = self.ctx.actors.get(actor) if actor else None
        return found is not None and found.type == "government_body" and bool(found.country)

    def _modifier_actor(self, head: Token, toks: list[Token]) -> Optional[str]:
        """The actor a modifier names: "Russian officials", "the head of the Russian Foreign Ministry",
        "police in Kenya"; nearer and non-locative modifiers first."""
        ctx = self.ctx
        ranked: list[tuple[int, int, int, str]] = []
        people = _generic(head)
        for t in toks:
            if t.i == head.i:
                continue
            path, node = [], t
            while node.i != head.i and node.head.i != node.i and len(path) < 8:
                path.append(node)
                node = node.head
            locative = any(p.dep_ == "prep" and p.lower_ in LOCATIVE_PREPS for p in path)
            if locative and not people:
                continue  # "talks in Baghdad" are not Iraq's; "police in Kenya" are Kenya's
            direct = len(path) <= 2 and path[-1].dep_ in ("amod", "compound", "nmod", "npadvmod", "nummod", "poss")
            # "US envoys": a country name as a direct modifier is a nationality even if read as a place
            actor = ctx.place_at(t) if locative or direct else ctx.actor_at(t)
            # the head's own possessor in a reported clause: "said Y attacked its positions"
            if actor is None and t.dep_ == "poss" and t.head.i == head.i and t.lower_ in PRONOUNS \
                    and self._reported(t):
                actor = self._antecedent(t)
            if not actor or ctx.weak(actor):
                continue  # the head's own unknown name ("Slobodan" of "Slobodan Milosevic") says nothing
            direct = len(path) <= 2 and path[-1].dep_ in ("amod", "compound", "nmod", "npadvmod", "nummod")
            rank = 0 if direct else 1 if path[-1].dep_ == "poss" else 3 if locative else 2
            if t.lower_ in PRONOUNS:
                rank += 1  # "his Omani counterpart": the demonym says more than the pronoun
            ranked.append((rank, len(path), t.i, actor))
        # "Kofi Annan, the U.N. secretary-general,": the apposition says whose
        for ap in _children(head, "appos"):
            for t in ap.subtree:
                actor = ctx.actor_at(t) or (ctx.place_at(t) if t.dep_ in ("compound", "amod", "poss") else None)
                if actor and not ctx.weak(actor):
                    ranked.append((1, 1, t.i, actor))
                    break
        # "X, who heads the Sudanese delegation,": the body a person leads says whose
        if head.ent_type_ == "PERSON" or _generic(head) or head.lemma_.lower() in ROLE_WORDS:
            for rc in _children(head, "relcl"):
                if rc.lemma_.lower() in LEAD_VERBS and any(c.lower_ in ("who", "that") for c in rc.children):
                    for o in _children(rc, "dobj"):
                        found = ctx.actor_at(o) or self._modifier_actor(o, list(o.subtree))
                        if found and not ctx.weak(found):
                            ranked.append((1, 2, o.i, found))
        if ranked:
            return min(ranked)[3]
        # An acted-on thing names its author: "the attacks launched by Palestinian militants".
        for c in head.children:
            if c.dep_ == "acl":
                for a in _children(c, "agent"):
                    for p in _children(a, "pobj"):
                        found = ctx.actor_at(p) or self._modifier_actor(p, list(p.subtree))
                        if found:
                            return found
        return None

    def _by_mode(self, tok: Token, cue: _Cue, comp: Optional[Token], etype: str, cameo: Optional[str],
                 attitude: Optional[str], modality: str) -> tuple[str, Optional[str], Optional[str]]:
        """PLOVER's single-category rules for intent and purpose (manual 2.3, 3.1, 3.4, 3.14)."""
        comp_type = self.cues[comp.i][1].type if comp is not None and comp.i in self.cues else None
        if etype in MATERIAL_CONFLICT and modality in ("intended", "hypothetical"):
            return "THREATEN", THREAT_CODES[etype], "oppose"  # "could strike", "will impose sanctions"
        if etype == "AGREE" and comp_type in MATERIAL_CONFLICT and cue.tokens[0].lemma_.lower() in DECIDE_VERBS:
            return comp_type, self.cues[comp.i][1].cameo, "oppose"  # "agreed to freeze assets": the decision is the act
        if etype == "AGREE" and cue.modality == "intended" and comp_type in MATERIAL_CONFLICT:
            return "THREATEN", THREAT_CODES[comp_type], "oppose"  # "vowed to retaliate"
        own_retreat = comp_type == "CONCEDE" or comp_type == "RETREAT" and comp.lemma_.lower() in OWN_RETREAT
        if etype == "RETREAT" and modality == "intended" or etype == "AGREE" and own_retreat:
            return "CONCEDE", "080", None  # "said it would withdraw", "promised to free the prisoners"
        if etype in ("MOBILIZE", "CONSULT") and any(c.lemma_.lower() in HELP_VERBS for c in tok.children
                                                    if c.dep_ in ("xcomp", "advcl") and _children(c, "aux")):
            return "AID", "074", "support"  # "sent troops to help", "rescue teams arrived to help"
        return etype, cameo, attitude

    def _passive_source(self, tok: Token, etype: str, target: Optional[EventArg]) -> Optional[EventArg]:
        """The unnamed author of a passive: "Lebanon's army was placed on alert" is mobilised by its own side;
        "opposition leaders were arrested in Minsk" by the state where it happens (as PLOVER codes
        repression by the authorities): the place the sentence names as a location, else the target's
        country ("two American journalists were arrested in Moscow" is Russia's act, not America's)."""
        if not (_children(tok, *PASS_SUBJ) or any(c.dep_ == "auxpass" for c in tok.children)):
            return None
        if etype == "MOBILIZE":
            subj = _children(tok, *PASS_SUBJ)
            arg = self._arg(subj[0]) if subj else None
            return arg if arg is not None and arg.actor and self.ctx.country(arg.actor) else None
        if etype != "COERCE" or target is None:
            return None
        in_target = {t.i for t in self.sent if target.span and target.span[0] <= t.idx < target.span[1]
                     and not self._locative(t)}
        place = self._sentence_country(in_target, locative_only=True)
        if place:
            iso3 = self.ctx.country(place)
        elif target.actor and self.ctx.actors[target.actor].type in ("state", "person", "group", "government_body"):
            iso3 = self.ctx.country(target.actor)
        else:
            iso3 = None
        return EventArg(actor=self.ctx.state_actor(iso3), text=None, span=None) if iso3 else None

    def _nearest_actor(self, tok: Token, cue: _Cue, source: EventArg) -> Optional[EventArg]:
        """Last resort for a target: the nearest actor below the cue ("spoke by telephone with X",
        "deployed along the border with X"), outside the source and other clauses."""
        ctx = self.ctx
        skip = set()
        if source.span:
            skip = {t.i for t in self.sent if source.span[0] <= t.idx < source.span[1]}
        # "warned that they would retaliate if Pakistan attacked": a threat's or charge's clause names its object
        into_clause = cue.type in ("THREATEN", "ACCUSE", "REQUEST")
        blocked = SUBJ | {"parataxis", "conj", "cc", "punct", "mark", "aux", "neg"}
        if not into_clause:
            blocked = blocked | {"ccomp"}
        frontier = [c for t in cue.tokens for c in t.children if c.dep_ not in blocked]
        for _ in range(4):
            nxt = []
            for t in frontier:
                if t.i in skip:
                    continue
                actor = ctx.actor_at(t) or (ctx.place_at(t) if t.pos_ == "PROPN" else None)
                if t.dep_ == "prep" and t.lower_ in CIRCUMSTANCE_PREPS:
                    continue  # "arrested a suspect under pressure from the EU": why or when, not whom
                if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPS:
                    actor = None  # "resumed talks in Doha": where, not with whom
                if actor and into_clause and actor == source.actor:
                    actor = None  # "they" in "warned that they would retaliate" is the source again
                if actor:  # may be the source's own country: "students marched through Santiago"
                    end = t.idx + len(t.text)
                    return EventArg(actor=actor, text=ctx.text[t.idx:end], span=[t.idx, end])
                nxt.extend(c for c in t.children if c.dep_ not in ("relcl", "ccomp", "parataxis"))
            frontier = nxt
        return None

    def _in_context(self, arg: EventArg, other: Optional[EventArg], is_target: bool, etype: str = "") -> EventArg:
        """"Police", "rebels", "protesters" with no country of their own get the sentence's country."""
        head = self.heads.get(tuple(arg.span)) if arg.span else None
        if head is None:
            return arg
        # an official the knowledge base does not know speaks for the country the sentence is about
        titled = arg.actor and self.ctx.weak(arg.actor) and self.ctx.actors[arg.actor].type == "person" and any(
            t.lower_ in TITLE_WORDS for t in self.sent if arg.span[0] <= t.idx < arg.span[1])
        if arg.actor and not titled:
            return arg
        # an organisation the knowledge base does not know acts for the country the sentence is about
        unknown_org = not is_target and not arg.actor and head.ent_type_ == "ORG"
        if not _generic(head) and not titled and not unknown_org:
            # "the release of detained journalists": whose release says who is acted on
            of = [p for c in _children(head, "prep") if c.lower_ == "of" for p in _children(c, "pobj")]
            if not (of and _generic(of[0])):
                return arg
        skip: set[int] = set()
        other_head = self.heads.get(tuple(other.span)) if other is not None and other.span else None
        if other is not None and other.actor and other.span and not is_target:
            # not the other side's own country ("officials accused Pakistan"), unless both are
            # people of one place ("rebels killed two Colombian soldiers")
            if other_head is None or not _generic(other_head):
                skip = {t.i for t in self.sent if other.span[0] <= t.idx < other.span[1]
                        and self.ctx.place_at(t) == other.actor}
        if is_target and other is not None and other.span:
            # the target's place, not the source's country named in the source ("Liberia's government
            # called on the peacekeeping force"), unless the act is domestic (below)
            skip = {t.i for t in self.sent if other.span[0] <= t.idx < other.span[1]
                    and not self._locative(t)}
        # a target's country is where things happen, not any country named ("under a deal brokered by Moscow")
        actor = self._sentence_country(skip, locative_only=is_target)
        if actor is None and is_target and other is not None and etype in DOMESTIC:
            actor = other.actor if self.ctx.country(other.actor) else None
        if actor is None:
            return arg
        return EventArg(actor=actor, text=arg.text, span=arg.span)

    def _located(self, arg: EventArg, source: EventArg, etype: str) -> EventArg:  # noqa: C901
        """The target of a material act is where it happens when nobody is named: "bombed rebel bases in
        northern Iraq", "raided the offices of a radio station in Belgrade"; repression at home is of the
        source's own country ("banned the opposition movement")."""
        toks = [t for t in self.sent if arg.span and arg.span[0] <= t.idx < arg.span[1]]
        for t in toks:
            if self._locative(t) and self.ctx.place_at(t) and self.ctx.country(self.ctx.place_at(t)):
                return EventArg(actor=self.ctx.place_at(t), text=arg.text, span=arg.span)
        for t in toks:  # "shelled the city of Kharkiv": the phrase names the place itself
            if t.i in self.ctx.token_place and self.ctx.country(self.ctx.token_place[t.i]):
                return EventArg(actor=self.ctx.token_place[t.i], text=arg.text, span=arg.span)
        skip = {t.i for t in self.sent if source.span and source.span[0] <= t.idx < source.span[1]
                and not self._locative(t)}
        actor = self._sentence_country(skip, locative_only=True)
        if actor is None and etype in DOMESTIC and self.ctx.country(source.actor):
            actor = source.actor
        return EventArg(actor=actor, text=arg.text, span=arg.span) if actor else arg

    @staticmethod
    def _locative(t: Token) -> bool:
        node = t
        for _ in range(3):
            if node.head.i == node.i:
                return False
            node = node.head
            if node.dep_ == "prep":
                return node.lower_ in LOCATIVE_PREPS
        return False

    def _sentence_country(self, skip: set[int], locative_only: bool = False) -> Optional[str]:
        """The actor of the place where the sentence happens ("in Kenya", "in Minsk"), else of the first
        country named in it."""
        ctx = self.ctx
        first = None
        for t in self.sent:
            if t.i in skip:
                continue
            actor = ctx.place_at(t)
            if not actor or not ctx.country(actor):
                continue
            node, locative = t, t.i in ctx.token_place
            for _ in range(3):
                if node.head.i == node.i:
                    break
                node = node.head
                if node.dep_ == "prep" and node.lower_ in LOCATIVE_PREPS:
                    locative = True
                    break
            if locative:
                return actor
            first = first or actor
        return None if locative_only else first

    def _reciprocal(self, source: EventArg, target: Optional[EventArg], etype: str,
                    cue_lemma: str = "") -> Optional[EventArg]:
        """"Armenia and Azerbaijan agreed", "Greek and Turkish officials met": each side is the other's target."""
        head = self.heads.get(tuple(source.span)) if source.span else None
        if head is None or not source.actor:
            return target
        two_sided = etype == "ASSAULT" and cue_lemma in TWO_SIDED
        if target is not None and (target.actor or target.text) and not (
                (etype in RECIPROCAL or two_sided) and not target.actor):
            return target
        sides = list(head.conjuncts)
        for c in head.children:
            if c.dep_ in ("amod", "compound", "nmod"):
                sides.extend(c.conjuncts)
        # "Representatives of the Afghan Taliban and US envoys": a conjunct deeper in the phrase
        sides.extend(t for t in head.subtree if t.dep_ == "conj" and t not in sides)
        for t in sides:
            actor = self.ctx.actor_at(t) or self._modifier_actor(t, list(t.subtree))
            if actor and actor != source.actor:
                end = t.idx + len(t.text)
                return EventArg(actor=actor, text=self.ctx.text[t.idx:end], span=[t.idx, end])
        return target

    @staticmethod
    def _reported(tok: Token) -> bool:
        """The token is in a reported clause ("X said [Y attacked its positions]"), not in one whose
        subject is the controller's ("X threatened [to end its cooperation]")."""
        node = tok
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX"):
                return node.dep_ == "ccomp"
            if node.head.i == node.i:
                return False
            node = node.head
        return False

    def _antecedent(self, tok: Token, resolve: bool = False) -> Optional[str]:
        """A pronoun subject of a reported clause refers to the reporter: "Tashkent announced that it ...";
        so does a possessive in it ("Armenia said Azerbaijani troops attacked its positions")."""
        node = tok.head
        for _ in range(4):  # from a possessive up to its clause's verb
            if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
                break
            node = node.head
        for _ in range(6):
            if node.dep_ in ("ccomp", "xcomp", "conj", "advcl") and node.head.i != node.i:
                node = node.head
                for s in _children(node, "nsubj"):
                    if s.i != tok.i:
                        actor = None if resolve else self.ctx.actor_at(s)
                        actor = actor or (self._arg(s).actor if s.lower_ not in PRONOUNS else None)
                        if actor:
                            return actor
            else:
                break
        return None

    def _subject_of(self, verb: Token, depth: int = 0) -> Optional[EventArg]:
        if depth > 5:
            return None
        if _misparsed_verb(verb):
            return self._arg(verb.doc[verb.i - 3 if _test_prefix(verb) else verb.i - 1])
        if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.pos_ in ("NOUN", "PROPN"):
            # "Ana Torrico, Bolivia's foreign minister, criticised Chile": a past tense is no reduced relative
            return self._arg(verb.head)
        subj = _children(verb, *SUBJ)
        if subj and subj[0].dep_ != "expl":
            # Two subjects happen on bad parses of long sentences: the nearer one is the verb's.
            before = [t for t in subj if t.i < verb.i]
            arg = self._arg(before[-1] if before else subj[0])
            if arg.actor is None and len(before) > 1:
                # "Kenyan President Daniel arap Moi" parsed as two subjects: take the one that names someone
                for other in reversed(before[:-1]):
                    alt = self._arg(other)
                    if alt.actor:
                        return alt
            return arg
        agents = _children(verb, "agent")
        if agents:
            pobj = [c for c in agents[0].children if c.dep_ == "pobj"]
            return self._arg(pobj[0]) if pobj else None
        if _children(verb, *PASS_SUBJ) or verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
            # "was granted a loan by the World Bank": the agent misparsed as the object's modifier
            for obj in _children(verb, "dobj"):
                for c in _children(obj, "prep"):
                    pobj = _children(c, "pobj") if c.lower_ == "by" else []
                    if pobj and self.ctx.actor_at(pobj[0]):
                        return self._arg(pobj[0])
            return None  # passive without agent: the actor is not named
        head = verb.head
        if head.i == verb.i:
            return None
        infinitive = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if verb.dep_ == "xcomp" or infinitive:
            if head.lemma_.lower() in OBJECT_CONTROL:
                obj = _children(head, "dobj") or [p for c in _children(head, "prep") if c.lower_ in ("on", "upon")
                                                  for p in _children(c, "pobj")]
                if obj:
                    return self._arg(obj[0])
            return self._subject_of(head, depth + 1)
        if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            if verb.dep_ == "relcl":
                return self._arg(head)
            return None
        if verb.dep_ in ("conj", "advcl", "ccomp", "pcomp") or (verb.dep_ == "acl" and head.pos_ == "VERB"):
            if verb.dep_ == "ccomp":
                return None
            return self._subject_of(head, depth + 1)
        return None

    def _source(self, tok: Token, cue: _Cue, parent: Optional[_Coded]) -> Optional[EventArg]:
        ctx = self.ctx
        if cue.kind == "modal":  # "X said Y must ...": X demands of Y (tok is Y's verb)
            reporter = tok.head if tok.dep_ != "conj" else tok.head.head
            return self._subject_of(reporter)
        if cue.recipient:
            return self._giver(tok, cue)
        if cue.kind == "verb":
            src = self._subject_of(tok)
            if src is None and tok.lemma_.lower() in SENT_VERBS:
                # "Turkish rescue teams were sent", "Armenian soldiers were deployed": the sender is theirs
                subj = _children(tok, *PASS_SUBJ)
                arg = self._arg(subj[0]) if subj else None
                if arg is not None and arg.actor:
                    return arg
            return src
        if cue.kind in ("adj", "prep"):
            if cue.attitude == "oppose" and cue.kind == "adj":
                # "X is unacceptable for/to Russia": the experiencer judges.
                for c in list(tok.children) + list(tok.head.children):
                    if c.dep_ == "prep" and c.lower_ in ("for", "to"):
                        pobj = _children(c, "pobj")
                        if pobj and ctx.actor_at(pobj[0]):
                            return self._arg(pobj[0])
                return self._speaker(tok)
            verb = tok.head if tok.dep_ in ("acomp", "prep", "attr", "oprd") else tok
            src = self._subject_of(verb)
            return src if src is not None else self._speaker(tok)
        # noun cue: possessor, speech-noun "of X", the governing verb's subject
        poss = _children(tok, "poss")
        if poss:
            arg = self._arg(poss[0])
            if arg.actor is None and poss[0].lower_ in PRONOUNS:
                gov = self._governing_verb(tok)
                sub = self._subject_of(gov) if gov is not None else None
                if sub is not None and sub.actor:
                    return sub
                return None
            return arg
        if tok.lemma_.lower() in SPEECH_NOUNS:
            for c in _children(tok, "prep"):
                if c.lower_ in ("of", "by"):
                    pobj = _children(c, "pobj")
                    if pobj and ctx.actor_at(pobj[0]):
                        return self._arg(pobj[0])
        gov = self._governing_verb(tok)
        if gov is not None and gov.lemma_.lower() in RECEIVE_VERBS:
            return None  # "faced criticism": the subject is criticised, by someone not named
        if gov is not None:
            src = self._subject_of(gov)
            if src is not None:
                return src
        return self._speaker(tok)

    def _giver(self, verb: Token, cue: _Cue) -> EventArg:
        """Who gave what a receiving verb's subject got: the "from"/"by" object of the verb or of the noun."""
        for base in (verb, *cue.tokens[1:]):
            for c in _children(base, "prep", "agent"):
                if c.lower_ in ("from", "by"):
                    pobj = _children(c, "pobj")
                    if pobj:
                        return self._arg(pobj[0])
        return EventArg()

    def _speaker(self, tok: Token) -> Optional[EventArg]:
        q = self.ctx.quote_at(tok.idx)
        if q is None or q.speaker is None or not (q.speaker.actor or q.speaker.name):
            return None
        span = q.source[0] if q.source else None
        return EventArg(actor=self._speaker_actor(q), text=q.speaker.name, span=list(span) if span else None)

    def _speaker_actor(self, q: Quote) -> Optional[str]:
        """The speaker's actor; for a speaker the actors layer does not know, what the attribution says
        ("Iraqi Foreign Minister Tariq Aziz said": Iraq)."""
        actor = self.ctx.speaker_actor(q)
        # The guard stops a cycle: a source that is itself "we" inside a quote leads back here.
        resolving = self._resolving
        if (actor is None or self.ctx.weak(actor)) and q.source and q.id not in resolving:
            span = self.ctx.doc.char_span(q.source[0][0], q.source[0][1], alignment_mode="expand")
            if span is not None:
                resolving.add(q.id)
                try:
                    found = self._arg(span.root)
                    found = self._in_context(found, None, is_target=False)
                finally:
                    resolving.discard(q.id)
                if found.actor and not self.ctx.weak(found.actor):
                    return found.actor
        return actor

    @staticmethod
    def _governing_verb(tok: Token) -> Optional[Token]:
        node = tok
        for _ in range(5):
            if node.head.i == node.i:
                return None
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return node
        return None

    def _target(self, tok: Token, cue: _Cue, comp: Optional[Token],
                source: Optional[EventArg] = None, etype: str = "") -> Optional[EventArg]:
        if cue.kind == "modal":
            subj = _children(tok, *SUBJ, *PASS_SUBJ)
            return self._arg(subj[0]) if subj else None
        if cue.recipient:
            return self._subject_of(tok)
        if cue.kind == "adj" and cue.attitude == "oppose":
            verb = tok.head if tok.dep_ in ("acomp", "attr", "oprd") else tok
            subj = _children(verb, *SUBJ, *PASS_SUBJ)
            if subj:
                return self._arg(subj[0])
            return None
        if cue.kind == "prep":
            pobj = _children(tok, "pobj", "pcomp")
            if pobj:
                return self._arg(pobj[0])
            rest = [t for t in tok.sent if t.i > tok.i and not t.is_punct]
            if rest:
                start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
                actor = next((self.ctx.actor_at(t) for t in rest if self.ctx.actor_at(t)), None)
                return EventArg(actor=actor, text=self.ctx.text[start:end][:300], span=[start, end])
            return None
        cands: list[Token] = []
        if cue.kind == "noun":
            for c in _children(tok, "prep"):
                if c.lower_ in ("of", "on", "to", "for", "against", "with", "about"):
                    cands.extend(_children(c, "pobj", "pcomp"))
        else:
            if _misparsed_verb(tok):
                cands.append(tok.head)  # "trained [Azerbaijani army officers]"
            cands.extend(_children(tok, *PASS_SUBJ))
            cands.extend(_children(tok, "dative"))
            cands.extend(_children(tok, "dobj", "obj", "attr"))
            if len(cue.tokens) > 1:  # "call on X": the phrase's preposition takes the addressee
                for t in cue.tokens[1:]:
                    cands[:0] = _children(t, "pobj")
                    if t.pos_ == "NOUN":  # "held talks with X", "imposed sanctions on X"
                        cands[:0] = [p for c in _children(t, "prep") if c.lower_ in TARGET_PREPS
                                     for p in _children(c, "pobj", "pcomp")]
            for c in _children(tok, "prep", "agent"):
                if c.lower_ in TARGET_PREPS and c not in cue.tokens:
                    cands.extend(_children(c, "pobj", "pcomp"))
            if cue.type in ("REQUEST", "ACCUSE", "THREATEN") or tok.lemma_.lower() in OBJECT_CONTROL:
                # "demanded that Belgrade pull out", "allowed U.N. inspectors to enter" (parsed as a clause)
                for cc in _children(tok, "ccomp"):
                    # "warned that it would respond if Japan ...": "it" is the source again
                    cands.extend(s for s in _children(cc, *SUBJ, *PASS_SUBJ)
                                 if not (cue.type == "THREATEN" and s.lower_ in PRONOUNS | FIRST_PERSON))
            if etype in TRANSFER:
                # what is handed over goes *to* someone: "extradited a Colombian to the United States",
                # "sent trainers to help the Ukrainian army", "pulled out of the Georgian village"
                to = [p for c in _children(tok, "prep", "dative") if c.lower_ in ("to", "for", "from", "of", "into")
                      for p in _children(c, "pobj")] + _children(tok, "dative")
                purpose = [o for c in _children(tok, "xcomp", "advcl") if _children(c, "aux")
                           for o in _children(c, "dobj")]
                cands[:0] = to + purpose
        if comp is not None and cue.type != "REQUEST":
            cands.extend(_children(comp, "dative", "dobj", "obj"))
            for c in _children(comp, "prep"):
                if c.lower_ in TARGET_PREPS:
                    cands.extend(_children(c, "pobj"))
        if comp is not None and cue.type == "REQUEST" and not cands:
            cands.extend(_children(comp, *SUBJ))
        in_cue = {t.i for t in cue.tokens}
        cands = [c for c in cands if c.lower_ not in REL_PRONOUNS and not c.is_punct and c.i not in in_cue
                 and not (source is not None and source.span and source.span[0] <= c.idx < source.span[1])]
        if not cands:
            if comp is not None:
                return self._clause_arg(comp)
            return None
        args = [self._arg(c) for c in cands]
        own = source.actor if source is not None else None
        for a in args:
            if a.actor and not self.ctx.weak(a.actor) and a.actor != own:
                return a
        for a in args:
            if a.actor and a.actor != own:
                return a
        for c, a in zip(cands, args):
            if _generic(c):
                return a  # "used tear gas against garment workers": the people, not the means
        return args[0]

    def _clause_arg(self, verb: Token) -> EventArg:
        toks = sorted(verb.subtree, key=lambda t: t.i)
        toks = [t for t in toks if not (t.dep_ == "aux" and t.lower_ == "to" and t.i < verb.i)]
        while toks and toks[-1].is_punct:
            toks.pop()
        toks = toks[: MAX_ARG_TOKENS * 2]
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        actor = next((self.ctx.actor_at(t) for t in toks if self.ctx.actor_at(t)), None)
        return EventArg(actor=actor, text=self.ctx.text[start:end], span=[start, end])

    def _stance_target(self, tok: Token, cue: _Cue, etype: str, target: Optional[EventArg]) -> Optional[EventArg]:
        # "warned X against Y", "made a statement against Y": the stance is toward Y.
        for c in _children(tok, "prep"):
            if c.lower_ == "against" and c not in cue.tokens:
                pobj = _children(c, "pobj", "pcomp")
                if pobj:
                    return self._arg(pobj[0])
        if etype == "THREATEN" and tok.lemma_.lower() != "threaten" and cue.kind == "verb":
            return None  # a warning without "against" names no object of opposition
        if target is not None and not target.actor and target.text.lower() in INDEFINITE:
            return None  # "promised everything to everyone": no stance toward anything in particular
        return self._purpose(target) or target

    def _purpose(self, target: Optional[EventArg]) -> Optional[EventArg]:
        """"looking for a way to gain a foothold in Central Asia": the stance is toward what the way is
        for ("gain a foothold in Central Asia"), not toward "a way"."""
        if target is None or target.actor or not target.span:
            return None
        span = self.ctx.doc.char_span(target.span[0], target.span[1], alignment_mode="expand")
        if span is None or span.root.lemma_.lower() not in PURPOSE_NOUNS:
            return None
        for clause in _children(span.root, "relcl", "acl"):
            if clause.pos_ == "VERB" and any(c.lower_ == "to" for c in _children(clause, "aux")):
                words = [t for t in clause.subtree if not (t.head.i == clause.i and t.dep_ == "aux" and t.lower_ == "to")]
                start, end = words[0].idx, max(t.idx + len(t.text) for t in words)
                actor = next((self.ctx.actor_at(t) for t in words if self.ctx.actor_at(t)), None)
                return EventArg(actor=actor, text=self.ctx.text[start:end][:300], span=[start, end])
        return None

    def _date(self, tok: Token, comp: Optional[Token], future: bool) -> Optional[str]:
        article_date = self.ctx.article_date
        nodes = {tok.i}
        scope = [tok] + ([comp] if comp is not None else [])
        for node in scope:
            for c in node.children:
                if c.dep_ in ("ccomp", "xcomp", "relcl", "advcl", "parataxis", "conj"):
                    continue
                nodes.update(t.i for t in c.subtree)
        if self._dates is None:
            self._dates = [e for e in self.sent.ents if e.label_ == "DATE"]
        for ent in self._dates:
            if any(t.i in nodes for t in ent):
                value = resolve_date(ent.text, article_date, future=future)
                if value:
                    return value
        return article_date


__all__ = ["EventsComponent", "make_events"]
