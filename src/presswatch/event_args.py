"""Noun-phrase arguments and sources of events: the phrase and its actor, subjects through control and
relative clauses, pronouns and quote speakers."""

from __future__ import annotations

from typing import Optional, TYPE_CHECKING

from spacy.tokens import Token

from .event_actors import LOCATIVE_PREPS
from .event_cues import _Cue
from .event_parse import _children, _generic, _misparsed_verb, _test_prefix
from .event_vocab import (
    ANAPHORIC_NOUNS, FIRST_PERSON, LEAD_VERBS, MAX_ARG_TOKENS, OBJECT_CONTROL, PASS_SUBJ, PRONOUNS, QUOTE_PAIRS,
    RECEIVE_VERBS, REL_PRONOUNS, ROLE_WORDS, SENT_VERBS, SPEECH_NOUNS, SUBJ,
)
from .types import EventArg, Quote

# Nouns that frame an event noun as done to the clause's subject: "was the target of criticism from France".
TARGETED_NOUNS = {"target", "victim", "object", "subject", "focus", "butt"}

if TYPE_CHECKING:  # only for annotations: events imports this module
    from .events import _Coded


class ArgumentFinder:
    """The argument and source methods of :class:`presswatch.events._SentenceCoder` (uses its ``ctx``, ``sent``,
    ``heads`` and the other mixins' methods)."""

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

    def _arg(self, tok: Token, *, head_only: bool = False) -> EventArg:
        """An argument from a noun phrase headed by ``tok``."""
        ctx = self.ctx
        if tok.lower_ in REL_PRONOUNS and tok.head.dep_ == "relcl":
            tok = self._relative_head(tok.head)
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
            elif q is None:  # an official's op-ed or speech: "we" is its author
                actor = ctx.author_official()
        if actor is None and tok.lower_ in PRONOUNS:
            actor = self._antecedent(tok)
        if actor is None and (tok.lemma_.lower() in ANAPHORIC_NOUNS or _generic(tok)):
            actor = self._our(tok)
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

    @staticmethod
    def _relative_head(verb: Token) -> Token:
        """The noun a relative clause is about: its parse head, unless the clause's verb is plural and the
        head singular ("the troops on their territory, which are planning to move": the troops)."""
        head = verb.head
        plural = any(t.tag_ == "VBP" or t.lower_ in ("are", "were") for t in [verb, *_children(verb, "aux")])
        if not plural or head.tag_ not in ("NN", "NNP") or any(c.dep_ == "conj" for c in head.children):
            return head
        for t in reversed(head.doc[head.sent.start:head.i]):
            if t.tag_ in ("NNS", "NNPS") and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "conj"):
                return t
        return head

    def _our(self, tok: Token) -> Optional[str]:
        """"our country", "our government", "our diplomats" inside a quote: the speaker's state ("our
        alliance": the speaker's organisation); outside quotes, the author's when an official wrote."""
        if not any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in tok.children):
            return None
        q = self.ctx.quote_at(tok.idx)
        if q is None:
            speaker = self.ctx.author_official()
        elif q.speaker is None or q.id in self._resolving:
            return None
        else:
            speaker = self._speaker_actor(q)
        if not speaker or self.ctx.weak(speaker):
            return None
        if ANAPHORIC_NOUNS.get(tok.lemma_.lower()) == "body":
            return speaker if self._is_body(speaker) else None
        iso3 = self.ctx.country(speaker)
        return self.ctx.state_actor(iso3) if iso3 else None

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
                        if not actor and s.lower_ not in PRONOUNS:
                            found = self._arg(s)  # "Police said they ...": a generic reporter's country
                            actor = found.actor or self._in_context(found, None, is_target=False).actor
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
                return self._arg(self._relative_head(verb))
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                # "Oslo's decision to expel our diplomats", "the refusal of Iran to ...": whose decision acts
                owner = _children(head, "poss") or [p for c in _children(head, "prep") if c.lower_ == "of"
                                                    for p in _children(c, "pobj") if self.ctx.actor_at(p)]
                if owner and owner[0].lower_ not in PRONOUNS | FIRST_PERSON:
                    return self._arg(owner[0])
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
        if self._frame_noun(tok) is not None:
            # "Syria was the target of criticism from France": the giver acts, the subject is acted on
            giver = self._giver(tok, cue)
            return giver if giver.actor or giver.text else None
        gov = self._governing_verb(tok)
        if gov is not None and gov.lemma_.lower() in RECEIVE_VERBS:
            return None  # "faced criticism": the subject is criticised, by someone not named
        if gov is not None:
            src = self._subject_of(gov)
            if src is not None:
                return src
        return self._speaker(tok)

    def _giver(self, verb: Token, cue: _Cue) -> EventArg:
        """Who gave what a receiving verb's subject got: the "from"/"by" object of the verb or of the noun,
        else an actor the noun's "of" names ("won the backing of Pakistan")."""
        bases = [verb, *cue.tokens[1:]]
        frame = self._frame_noun(verb)
        if frame is not None:
            bases.append(frame)
        for base in bases:
            for c in _children(base, "prep", "agent"):
                if c.lower_ in ("from", "by"):
                    pobj = _children(c, "pobj")
                    if pobj:
                        return self._arg(pobj[0])
        for base in bases[1:]:
            for c in _children(base, "prep"):
                pobj = _children(c, "pobj")
                if c.lower_ == "of" and pobj and self.ctx.actor_at(pobj[0]) and pobj[0].i not in self._frame_of(base):
                    return self._arg(pobj[0])
        return EventArg()

    @staticmethod
    def _frame_noun(tok: Token) -> Optional[Token]:
        """The noun framing an event noun as something done to the clause's subject: "the target of
        criticism", "the victim of an attack", "the object of threats"; None otherwise."""
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in TARGETED_NOUNS \
                and tok.head.head.dep_ in ("attr", "dobj", "pobj", "oprd"):
            return tok.head.head
        return None

    @staticmethod
    def _frame_of(noun: Token) -> set[int]:
        """Token indices of the event noun a frame noun holds (not its giver)."""
        return {p.i for c in _children(noun, "prep") if c.lower_ == "of" for p in _children(c, "pobj")} \
            if noun.lemma_.lower() in TARGETED_NOUNS else set()

    def _frame_subject(self, tok: Token) -> Optional[EventArg]:
        """Who "was the target of" the event noun ``tok``: the subject of the clause the frame noun is in."""
        frame = self._frame_noun(tok)
        if frame is None:
            return None
        gov = frame.head if frame.dep_ != "pobj" else frame.head.head
        return self._subject_of(gov) if gov.pos_ in ("VERB", "AUX") else None

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
