"""Targets of events and the countries arguments get from where things happen: objects, addressees,
complements, reciprocal sides, stance targets, the state behind an agentless act."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .event_actors import (
    AREA_NOUNS, BORDER_NOUNS, ENVOY_HEADS, INTERACTION_NOUNS, LOCATIVE_PREPS, STATE_GROUP_NOUNS, UNPLACED_HEADS,
    UNPLACED_MODIFIERS,
)
from .event_cues import _Cue
from .event_parse import _children, _generic, _misparsed_verb
from .event_vocab import (
    CIRCUMSTANCE_PREPS, DEMONSTRATIVES, DOMESTIC, FIRST_PERSON, INDEFINITE, MATERIAL, MAX_ARG_TOKENS, OBJECT_CONTROL, PASS_SUBJ,
    PRONOUNS, PURPOSE_NOUNS, RECIPROCAL, REL_PRONOUNS, SUBJ, TARGET_PREPS, TITLE_WORDS, TRANSFER, TWO_SIDED,
)
from .types import EventArg


# Agentless passives whose author is the state where they happen when a place is named ("was summoned
# in Tokyo", "were kidnapped in Chechnya"); repression (COERCE) has its own rule below.
PLACED_PASSIVE_TYPES = {"ACCUSE", "SUPPORT", "ASSAULT"}


class TargetFinder:
    """The target and place methods of :class:`presswatch.events._SentenceCoder` (uses its ``ctx``, ``sent``,
    ``heads`` and the other mixins' methods)."""

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
        if etype in ("SANCTION", "REJECT", "COERCE", "REQUEST") and target is not None:
            # "a Russian diplomat was expelled from Poland", "pilgrims were barred from entering Saudi Arabia",
            # "diplomats were ordered out of Syria": the state left or kept out acts
            iso3 = self._state_left(tok, target)
            if iso3:
                return EventArg(actor=self.ctx.state_actor(iso3), text=None, span=None)
        if etype in PLACED_PASSIVE_TYPES and target is not None:
            # "the ambassador was summoned to the foreign ministry in Tokyo", "the release was welcomed in
            # Baghdad", "aid workers were kidnapped in Chechnya": the state where it happens, only as a place
            in_target = {t.i for t in self.sent if target.span and target.span[0] <= t.idx < target.span[1]}
            place = self._sentence_country(in_target, locative_only=True, borders=False)
            iso3 = self.ctx.country(place) if place else None
            if iso3 and iso3 != self.ctx.country(target.actor):
                return EventArg(actor=self.ctx.state_actor(iso3), text=None, span=None)
            return None
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

    def _state_left(self, tok: Token, target: EventArg) -> Optional[str]:
        """The country of the state a passive's subject is sent from or kept out of ("from X", "out of X",
        "from entering X"), when it is not the subject's own."""
        objs: list[Token] = []
        for c in _children(tok, "prep"):
            if c.lower_ == "from":
                objs += _children(c, "pobj") + [o for g in _children(c, "pcomp") for o in _children(g, "dobj")]
            elif c.lower_ == "out":
                objs += [p for o in _children(c, "prep") if o.lower_ == "of" for p in _children(o, "pobj")]
        for o in objs:
            iso3 = self.ctx.country(self.ctx.place_at(o))
            found = self.ctx.actors.get(self.ctx.place_at(o) or "")
            if iso3 and iso3 != self.ctx.country(target.actor) and found is not None and found.type == "state":
                return iso3
        return None

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
                if actor and cue.type in MATERIAL and t.dep_ in ("amod", "compound", "poss") and \
                        t.head.dep_ == "pobj" and t.head.head.lower_ in LOCATIVE_PREPS and \
                        t.head.lemma_.lower() in AREA_NOUNS and ctx.place_at(t.head) != actor:
                    # "shelled positions in Sudan near the Ugandan border": where too, and a material act's
                    # place is read later (not "outside the Turkish embassy", not "Ivory Coast")
                    actor = None
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
            # people, not a mass noun: "the exchange of intelligence" is information, not a service
            if not (of and _generic(of[0]) and (of[0].tag_ in ("NNS", "NNPS") or _children(of[0], "det", "amod",
                                                                                           "compound", "poss"))):
                return arg
        if self._says_whom(head, arg):
            return arg
        skip: set[int] = set()
        other_head = self.heads.get(tuple(other.span)) if other is not None and other.span else None
        if other is not None and other.actor and other.span and not is_target:
            # not the other side's own country ("officials accused Pakistan"), unless both are
            # people of one place ("rebels killed two Colombian soldiers")
            if other_head is None or not _generic(other_head) or other_head.lower_ in ENVOY_HEADS:
                skip = {t.i for t in self.sent if other.span[0] <= t.idx < other.span[1]
                        and self.ctx.place_at(t) == other.actor}
        if is_target and other is not None and other.span:
            # the target's place, not the source's country named in the source ("Liberia's government
            # called on the peacekeeping force"), unless the act is domestic (below)
            skip = {t.i for t in self.sent if other.span[0] <= t.idx < other.span[1]
                    and not self._locative(t)}
        # a target's country is where things happen, not any country named ("under a deal brokered by Moscow")
        if is_target:
            actor = self._sentence_country(skip, locative_only=True)
        else:
            # where it happens ("in Lagos"; "near the Somali border" is not in Somalia), else whose officials
            # report it ("Kenyan officials said troops killed ..."), else the first country named, a border's
            # country only when no other comes first ("rebels ambushed Colombia's troops near the Venezuelan border")
            actor = self._sentence_country(skip, locative_only=True, borders=False) or \
                self._reporter_country(head) or self._sentence_country(skip, borders=False)
        if actor is None and is_target and other is not None and etype in DOMESTIC:
            actor = other.actor if self.ctx.country(other.actor) else None
        if actor is None and is_target and other is not None and self._at_home(other, other_head):
            actor = other.actor
        if actor is None:
            return arg
        return EventArg(actor=actor, text=arg.text, span=arg.span)

    def _says_whom(self, head: Token, arg: EventArg) -> bool:
        """The phrase says whom it means without naming a country the sentence has: "the leadership of the
        Central Asian states", "the African countries", "foreign military"; it takes no other country."""
        if head.lower_ in UNPLACED_HEADS and any(c.lower_ in UNPLACED_MODIFIERS for c in head.children
                                                 if c.dep_ in ("amod", "compound")):
            return True  # not "the foreign minister": a title
        for t in head.subtree:
            if arg.span and not arg.span[0] <= t.idx < arg.span[1]:
                continue
            if t.lower_ in STATE_GROUP_NOUNS and t.tag_ in ("NNS", "NNPS") and any(
                    c.dep_ in ("amod", "compound", "nmod") for c in t.children):
                return True
        return False

    def _at_home(self, source: EventArg, source_head: Optional[Token]) -> bool:
        """A state's own institution ("Zimbabwe's Supreme Court", "the Philippine government") acting on
        people it names without saying whose ("the government", "rebels") acts at home, when the sentence
        names no other country."""
        iso3 = self.ctx.country(source.actor)
        if not iso3 or source_head is None or not source.span:
            return False
        found = self.ctx.actors.get(source.actor)
        if not (_generic(source_head) or found is not None and found.type == "government_body"):
            return False
        for t in self.sent:  # the source's own phrase included: "French and Malian forces"
            other = self.ctx.place_at(t)
            if other and self.ctx.country(other) and self.ctx.country(other) != iso3:
                return False
        return True

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
        head = self.heads.get(tuple(arg.span)) if arg.span else None
        if head is not None and self._says_whom(head, arg):
            return arg  # "collaborated with foreign military": not of the place the sentence goes on to name
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

    def _reporter_country(self, head: Token) -> Optional[str]:
        """The state of whoever reports the clause ``head`` is in: "Kenyan officials said [troops killed
        ...]", "Bahrain's news agency said [authorities expelled ...]"."""
        node = head
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
                break
            node = node.head
        if node.dep_ != "ccomp" or node.head.i == node.i:
            return None
        subj = _children(node.head, "nsubj")
        if not subj or subj[0].lower_ in PRONOUNS | FIRST_PERSON or subj[0].i > node.head.i + 8:
            return None
        found = self._arg(subj[0]).actor
        iso3 = self.ctx.country(found) if found and not self.ctx.weak(found) else None
        return self.ctx.state_actor(iso3) if iso3 else None

    def _sentence_country(self, skip: set[int], locative_only: bool = False, borders: bool = True) -> Optional[str]:
        """The actor of the place where the sentence happens ("in Kenya", "in Minsk"), else of the first
        country named in it; ``borders=False``: a country whose border is the place ("near the Somali
        border") is not where it happens."""
        ctx = self.ctx
        first = None
        for t in self.sent:
            if t.i in skip:
                continue
            actor = ctx.place_at(t)
            if not actor or not ctx.country(actor):
                continue
            node, locative = t, t.i in ctx.token_place
            if not borders and t.dep_ in ("amod", "compound", "poss") and t.head.lemma_.lower() in BORDER_NOUNS:
                first = first or actor
                continue
            for _ in range(3):
                if node.head.i == node.i:
                    break
                node = node.head
                if node.dep_ == "prep" and node.lower_ in LOCATIVE_PREPS:
                    locative = True
                    break
                if node.dep_ == "prep" and node.head.lemma_.lower() in INTERACTION_NOUNS:
                    break  # "said in an interview with X", "in talks with X": X is met, not where it happens
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
        if head.dep_ == "conj" and any(c.dep_ == "relcl" for c in head.children):
            return target  # "Russian troops and Afghan refugees who cooperated with ...": only the refugees did
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

    def _target(self, tok: Token, cue: _Cue, comp: Optional[Token],
                source: Optional[EventArg] = None, etype: str = "") -> Optional[EventArg]:
        if cue.kind == "modal":
            subj = _children(tok, *SUBJ, *PASS_SUBJ)
            return self._arg(subj[0]) if subj else None
        if cue.recipient:
            return self._subject_of(tok)
        if cue.kind == "noun" and self._frame_noun(tok) is not None:
            return self._frame_subject(tok)  # "Syria was the target of criticism from France"
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
            # "granted amnesty to 1,000 rebels": a dative "to" stands for its object
            cands.extend(p for d in _children(tok, "dative") for p in (_children(d, "pobj") or [d]))
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
            if etype in TRANSFER or cue.type in TRANSFER:
                # what is handed over goes *to* someone: "extradited a Colombian to the United States",
                # "sent trainers to help the Ukrainian army", "pulled out of the Georgian village"
                to = [p for c in _children(tok, "prep", "dative") if c.lower_ in ("to", "for", "from", "of", "into")
                      for p in _children(c, "pobj")] + [d for d in _children(tok, "dative") if not _children(d, "pobj")]
                # "pull its forces out of southern Lebanon": the territory left
                to += [p for c in _children(tok, "prep", "prt") if c.lower_ == "out"
                       for o in _children(c, "prep") if o.lower_ == "of" for p in _children(o, "pobj")]
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
        for c in cands:  # "ready to resume negotiations with the rebels": the other side
            if c.lemma_.lower() in INTERACTION_NOUNS:
                partner = [p for x in _children(c, "prep") if x.lower_ == "with" for p in _children(x, "pobj")]
                if partner and (self.ctx.actor_at(partner[0]) or _generic(partner[0])):
                    return self._arg(partner[0])
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
                if pobj:  # "warned against attempts to create bases": against what the attempts are for
                    against = self._arg(pobj[0])
                    return self._purpose(against) or against
        if etype == "THREATEN" and tok.lemma_.lower() != "threaten" and cue.kind == "verb":
            return None  # a warning without "against" names no object of opposition
        if target is not None and not target.actor and (target.text.lower() in INDEFINITE or
                                                        target.text.lower() in PRONOUNS | DEMONSTRATIVES):
            return None  # "promised everything to everyone", "will never accept it": no stance toward anything named
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
