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

The work is split over small modules: event_vocab (word sets), event_context (which actor
or place each token names), event_parse (parse helpers), and event_cues, event_args and
event_targets (the sentence coder's mixins).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .dates import resolve_date
from .errors import ConfigError
from .event_args import ArgumentFinder
from .event_context import _DocContext, _target_key
from .event_cues import CueFinder, _Cue
from .event_lexicon import Lexicon, load_lexicon
from .event_parse import _asks_who, _children, _depth, _negated
from .event_targets import TargetFinder
from .event_vocab import (
    ATTITUDE, CAMEO_FALLBACKS, COOPERATIVE, DECIDE_VERBS, FUTURE, GATHERING_NOUNS, HELP_VERBS, HYPOTHETICAL, MATERIAL,
    MATERIAL_CONFLICT, OBLIGATION, OWN_RETREAT, PASS_SUBJ, POLITE_VERBS, RECEIVE_VERBS, RECEIVED_TYPES, REPORTING,
    THREAT_CODES,
)
from .extensions import register_extensions
from .stances import Claim, build_stances
from .types import Event, EventArg

# Re-exported: other modules and tests import these from here.
from .event_context import possessor_state  # noqa: F401
from .event_vocab import PRONOUNS, TITLE_WORDS  # noqa: F401


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


def _obliged(tok: Token) -> bool:
    """The act is only said to be owed: "Europe should sanction Russia", "Africa needs to invest", "has to
    withdraw" (present tense: "had to withdraw" usually reports that it happened)."""
    if any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in ("need", "have") and head.tag_ in ("VBZ", "VBP") and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


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
            elif ev.modality == "demanded":
                continue  # "Europe should sanction Russia": the writer's demand, not Europe's stance
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


class _SentenceCoder(CueFinder, ArgumentFinder, TargetFinder):
    """Codes the events of one sentence; finding cues, sources and targets comes from the mixins."""

    def __init__(self, comp: EventsComponent, ctx: _DocContext, sent: Span):
        self.comp, self.ctx, self.sent, self.lex = comp, ctx, sent, comp.lex
        self.heads: dict[tuple[int, int], Token] = {}  # argument span -> its head token
        self._dates: Optional[list[Span]] = None
        self._resolving: set[str] = set()  # quote ids whose speaker is being resolved (cycle guard)

    def code(self) -> list[_Coded]:
        cues = {}
        for tok in self.sent:
            cue = self.cue_for(tok)
            if cue is not None:
                cues[tok.i] = (tok, self._received_from(tok, cue))
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
            if comp is not None and item is not None and item.event.type == "REQUEST":
                # "called on X to assume ..., take ... and provide ...": every action asked for is asked for
                # (a bare "release" after "called on X to withdraw," is often parsed as a conjunct of "called")
                also = [c for c in tok.conjuncts if c.tag_ == "VB" and c.i > comp.i]
                for conj in [*comp.conjuncts, *also, *(g for c in also for g in c.conjuncts)]:
                    if conj.i in cues and conj.i not in consumed and conj.tag_ == "VB" \
                            and not _children(conj, "nsubj", "nsubjpass") \
                            and all(a.lower_ == "to" for a in _children(conj, "aux")):  # "and will lift": its own
                        consumed[conj.i] = item
            if item is None:
                continue
            if parent is not None:
                parent.children.append(item)
            coded[i] = item
        out = sorted(coded.values(), key=lambda c: c.event.cue[0])
        return out

    @staticmethod
    def _received_from(tok: Token, cue: _Cue) -> _Cue:
        """A receiving verb coded as giving ("Georgia received two patrol boats from the United States", a
        dictionary AID or SUPPORT cue on "receive") is the giver's act, as with the curated received nouns."""
        if cue.kind != "verb" or cue.recipient or cue.type not in RECEIVED_TYPES \
                or tok.lemma_.lower() not in RECEIVE_VERBS or _children(tok, *PASS_SUBJ):
            return cue
        if not any(c.lower_ == "from" and _children(c, "pobj") for c in _children(tok, "prep")):
            return cue
        return replace(cue, recipient=True)

    def _complement(self, tok: Token, cue: _Cue) -> Optional[Token]:
        if cue.kind == "modal":
            return None
        if cue.kind == "noun":
            acl = [c for c in tok.children if c.dep_ in ("acl", "relcl") and any(a.lower_ == "to" for a in c.children)]
            if acl:
                return acl[0]
        if cue.type == "REQUEST":  # "(renewed its) calls for lifting the embargo": asked for, not done
            # the event noun's own "for" first; an ordered dedupe, as a set of tokens iterates in a different
            # order each run (a token hashes by its doc's id)
            asked = [g for t in dict.fromkeys((*cue.tokens[1:], tok)) for p in _children(t, "prep") if p.lower_ == "for"
                     for g in _children(p, "pcomp", "pobj") if g.pos_ == "VERB"]
            if asked:
                return asked[0]
        if cue.kind == "noun":
            return None
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
        elif aux & HYPOTHETICAL and etype == "REQUEST" and aux <= {"would"} and \
                tok.lemma_.lower() in POLITE_VERBS and not any(  # "would demand" stays hypothetical or intended
                c.dep_ in ("advcl", "mark") and c.lower_ in ("if", "unless") or
                any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children) for c in tok.children):
            modality = "asserted"  # "would appreciate/welcome your support": a polite request is still made
        elif aux & HYPOTHETICAL:
            reported = tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING
            modality = "intended" if reported and "would" in aux else "hypothetical"
        elif any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            modality = "hypothetical"
        elif cue.modality in ("refused", "intended") and cue.kind != "verb":
            modality = cue.modality
        elif cue.kind == "verb" and cue.modality in ("intended", "refused"):
            modality = cue.modality
        if parent is not None or cue.kind != "modal" and _obliged(tok):
            modality = "demanded"  # what a request asks for; also "Europe should sanction Russia": not done
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
            if not source.actor and negated and etype == "REJECT":
                source = self._speaker(tok) or source  # '"... is not discussed," said X': X's refusal
            if target is not None and source.span and target.span == source.span:
                target = None  # "Japanese rice was shipped to X": the passive subject is the sender's side
        stance_target = self._stance_target(tok, cue, etype, target)
        target = self._reciprocal(source, target, etype, tok.lemma_.lower())
        if target is None or not target.actor:
            target = self._nearest_actor(tok, cue, source) or target
        if cameo == "043" and source.actor and target is not None and self._visitor(tok, target):
            source, target = target, source  # PLOVER 3.2: the visitor is the actor, the host the recipient
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

    @staticmethod
    def _visitor(verb: Token, target: EventArg) -> bool:
        """The hosted party is a visitor (an actor the verb's object names), not a gathering
        ("hosted talks between ...", "received a delegation's letter")."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        return bool(target.actor and target.span and objs and objs[0].lemma_.lower() not in GATHERING_NOUNS
                    and target.span[0] <= objs[0].idx < target.span[1])

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
