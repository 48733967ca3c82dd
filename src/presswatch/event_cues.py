"""Finding the event cue of a token: the curated lexicon's verb, adjective, preposition and noun cues, light
verbs, then the CAMEO dictionary and WordNet fallbacks."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Token

from .event_actors import CROWD_HEADS, FORCE_HEADS
from .event_parse import _children, _misparsed_verb, _object_words, _test_prefix
from .event_vocab import (
    ABSTRACT_FOES, ABSTRACT_SUBJECTS, ACT_COMPLEMENT_VERBS, ASIDE_VERBS, ATTITUDE, CLAUSE_DEPS, DICTIONARY_EXCLUDES,
    DICTIONARY_REQUIRES, FORCE_ONLY_VERBS, FORCE_TYPES, FRAME_NOUNS, FUTURE, HYPOTHETICAL, INSTEAD_HEADS,
    JUDGED_ADJS, LEAD_VERBS, LIGHT_VERBS, NEUTRAL_STIMULI, NON_ACT_NOUNS, NON_EVENT_OBJECTS, NOT_EVENT_VERBS,
    OBLIGATION, PARTICLES, PHRASE_DEPS, PLAN_VERBS, POLITE_VERBS, RECEIVED_FROM_TYPES, RECEIVED_TYPES,
    RECEIVE_VERBS, REPORTING, RESCUER_HEADS, RESPONSE_VERBS, RIOT_HEADS, SHOW_VERBS, SUBJ, TOUGH_ADJS,
    WORD_INSTRUMENTS,
)


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


class CueFinder:
    """The cue methods of :class:`presswatch.events._SentenceCoder`, which sets ``comp``, ``ctx``, ``sent``, ``lex``."""

    def cue_for(self, tok: Token) -> Optional[_Cue]:
        cue = self._cue_for(tok)
        if cue is not None and cue.type in FORCE_TYPES and tok.pos_ == "VERB" and _figurative_force(tok, cue.type):
            return None
        return cue

    def _cue_for(self, tok: Token) -> Optional[_Cue]:
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
            if _aside(tok, lemma) or _not_done(tok, lemma) or _abstract_subject(tok):
                return None
            if _polite_request(tok):
                # "we would appreciate the support of ...": asking for it, not praising it
                return _Cue("REQUEST", "020", None, "demanded", "verb", [tok], True)
            if lemma in SHOW_VERBS and _children(tok, "dobj", "ccomp") and not self._subject_is(tok, "crowd"):
                return None  # "Damascus demonstrated its ability to ...": showed, no protest
            cue = self._received(tok, lemma) or self._verb_cue(tok, lemma) or self._response_threat(tok, lemma)
            if cue is not None and lemma in PLAN_VERBS and cue.modality == "intended":
                # "planning to move there": a plan is a commitment only to an act that is an event itself
                comps = [c for c in _children(tok, "xcomp") if c.pos_ in ("VERB", "AUX")]
                if comps and all(self.cue_for(c) is None for c in comps):
                    return None
            if cue is not None:
                return cue
            if tok.dep_ not in CLAUSE_DEPS or lemma in NOT_EVENT_VERBS:
                return None
            if lemma in RECEIVE_VERBS and any(self.lex.curated_cues(o.lemma_.lower(), "noun")
                                              for o in _children(tok, "dobj")):
                return None  # "faced criticism over X" from nobody named: no giver, and no meeting either
            if lemma in DICTIONARY_REQUIRES and not DICTIONARY_REQUIRES[lemma] & _object_words(tok):
                return None
            if lemma in DICTIONARY_EXCLUDES and DICTIONARY_EXCLUDES[lemma] & _object_words(tok):
                return None
            if lemma in FORCE_ONLY_VERBS and not self._subject_is(tok, "forces"):
                return None
            if lemma in ACT_COMPLEMENT_VERBS and not any(
                    c.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and c.pos_ == "VERB" and c.lemma_ != "be"
                    for c in tok.children):
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
                if cue.modality == "intended" and _conditional(tok) and \
                        all(self.cue_for(c) is None for c in _children(tok, "xcomp")):
                    continue  # "if they're prepared to lie": a condition, and what it would be ready for is no event
                return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "adj", [tok], True)
        if tok.pos_ == "ADP" and tok.lower_ == "against" and tok.head.lemma_ == "be" and _predicate_against(tok):
            for cue in self.lex.curated_cues("against", "prep"):
                return _Cue(cue.type, cue.cameo, cue.attitude, cue.modality, "prep", [tok], True)
        if self.comp.noun_cues and tok.pos_ == "NOUN" and tok.dep_ not in ("compound", "nsubj", "nsubjpass") \
                and not (tok.dep_ == "dobj" and _polite_request(tok.head)):  # what a polite request asks for
            # "a phone call from X": the noun in the sense a light verb gives it ("had a phone call"), no appeal
            light_senses = {c.type for c in self.lex.curated_cues(lemma, "lnoun") if c.object and self._noun_fits(tok, c)}
            for cue in self.lex.curated_cues(lemma, "noun"):
                if light_senses and cue.type not in light_senses:
                    continue
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
            # "will face consequences if ...": a threat whose author the clause does not name
            given = given or lemma == "face" and any(c.dep_ == "aux" and c.lower_ in FUTURE | HYPOTHETICAL
                                                     for c in verb.children)
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
                if cue.type == "THREATEN" and verb.lemma_.lower() == "have" and not any(
                        c.dep_ == "aux" and c.lower_ in FUTURE | HYPOTHETICAL for c in verb.children):
                    continue  # "That has had dire consequences": a result, not a threat ("will have consequences")
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
        """The subject is a crowd ("protesters", "thousands of people", "Palestinians"), a crowd that riots
        ("demonstrators", "a mob"), rescuers ("police") or armed forces ("troops", "jets")."""
        heads = {"crowd": CROWD_HEADS, "rioters": RIOT_HEADS, "rescuers": RESCUER_HEADS}.get(kind, FORCE_HEADS)
        subj = _children(verb, *SUBJ) or [s for s in [self._controller(verb)] if s is not None]
        for s in subj:
            if kind == "rioters" and any(c.dep_ == "amod" and c.lower_ == "armed" for c in s.children):
                continue  # "armed supporters of the militia attacked the village": an armed attack, no riot
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


def _aside(verb: Token, lemma: str) -> bool:
    """A parenthetical "as we have heard", "as is known", "as Reuters reported": a reporting or perception verb
    under "as" with no object of its own is a comment on the sentence, not an event."""
    if lemma not in ASIDE_VERBS or verb.dep_ not in ("advcl", "parataxis", "ccomp", "ROOT"):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        if not (verb.i > verb.sent.start and verb.doc[verb.sent.start].lower_ == "as"):
            return False
        under = {c.i for c in verb.subtree}  # once, not per token: long sentences
        if not all(t.i in under for t in verb.doc[verb.sent.start:verb.i]):
            return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in verb.children)


def _not_done(verb: Token, lemma: str) -> bool:
    """Verbs whose clause says the act is not done or only could be: "instead of committing to talks", "two days
    away from filing", "their right to veto any action", "a licence to kill", "failure to undertake", "it is
    harder to prosecute her", a serial "go check this out" (no visit), a website's "you agree to the privacy
    policy", and curated verbs whose object makes them a publication or a financial act ("released records",
    "mobilizing our share of the $100 billion")."""
    if verb.dep_ == "pcomp" and any((verb.head.lower_, w.lower_) in INSTEAD_HEADS
                                    for w in [verb.head.head, *verb.head.children]):
        return True  # the parser hangs "instead" on "of" or "of" on "instead"
    if verb.dep_ in ("xcomp", "advcl", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        head = verb.head
        adj = head if head.pos_ == "ADJ" and head.lower_ in JUDGED_ADJS else next(
            (c for c in head.children if c.dep_ == "acomp" and c.lower_ in JUDGED_ADJS), None)
        clause = adj.head if adj is not None and adj.dep_ == "acomp" else adj
        if adj is not None and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in clause.children):
            return True  # "it is harder (for X) to prosecute her": how hard the act would be, not the act
        if adj is head and adj.lower_ in TOUGH_ADJS and not _children(verb, "dobj"):
            return True  # "the general is harder to prosecute": the subject is what it would be done to
    if verb.dep_ in ("acl", "relcl") and verb.head.lemma_.lower() in NON_ACT_NOUNS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    if lemma == "go" and verb.i + 1 < verb.sent.end and verb.doc[verb.i + 1].tag_ == "VB":
        return True
    if lemma == "agree" and any(_site_terms(p) for c in _children(verb, "prep") if c.lower_ == "to"
                                for p in _children(c, "pobj")):
        return True  # "you agree to this site's privacy policy": boilerplate, no agreement between actors
    objects = NON_EVENT_OBJECTS.get(lemma)
    return bool(objects and {o.lemma_.lower() for o in _children(verb, "dobj", "nsubjpass")} & objects)


def _site_terms(noun: Token) -> bool:
    """A website's terms: "privacy policy", "cookie policy", "terms of use/service"."""
    lemma = noun.lemma_.lower()
    mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
    if lemma == "policy":
        return bool(mods & {"privacy", "cookie", "cookies"})
    if lemma in ("term", "terms"):
        return any(p.lemma_.lower() in ("use", "service") for c in _children(noun, "prep") if c.lower_ == "of"
                   for p in _children(c, "pobj"))
    return False


def _conditional(tok: Token) -> bool:
    """The word's clause is an "if"/"unless" condition ("if they're prepared to": the mark hangs on the copula)."""
    heads = [tok, tok.head] if tok.dep_ in ("acomp", "xcomp", "oprd") else [tok]
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for h in heads for c in h.children)


def _abstract_subject(verb: Token) -> bool:
    """"The public interest supports disclosure", "this poll grants you access": an idea, text or process as the
    active subject does nothing (a named one, "the Minsk process", still may: a proper noun is kept)."""
    subj = _children(verb, "nsubj")
    # "Completing this poll grants you access": an activity on one of them as subject
    subj = subj or [o for c in _children(verb, "csubj") for o in _children(c, "dobj")]
    return bool(subj) and subj[0].lemma_.lower() in ABSTRACT_SUBJECTS and subj[0].pos_ == "NOUN" and not any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in subj[0].children)


def _polite_request(verb: Token) -> bool:
    """"We would appreciate / welcome your support": a conditional appreciation of something not yet given is a
    polite request for it (PLOVER manual 3.8), not praise."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in POLITE_VERBS:
        return False
    # not "should": "Germany should welcome more refugees" says what Germany ought to do, and asks nothing
    if not any(c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children):
        return False
    objs = _children(verb, "dobj")
    if any(o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") for o in objs):
        return False  # "Japan would welcome Ukraine into the G7": a party welcomed, nothing asked for
    return bool(objs or _children(verb, "xcomp", "ccomp"))


def _figurative_force(verb: Token, etype: str) -> bool:
    """Force against an idea or with words: "fight terrorism ideologically", "combat poverty", "gunned down his
    critics with lying propaganda". PLOVER's ASSAULT and COERCE are physical (manual 3.15-3.16)."""
    objects = list(_children(verb, "dobj"))
    objects += [p for c in _children(verb, "prep") if c.lower_ in ("against", "on") for p in _children(c, "pobj")]
    # only a fight is waged on an idea: "arrested a war crimes suspect" keeps its (misparsed) object "crimes"
    if etype == "ASSAULT" and objects and all(o.lemma_.lower() in ABSTRACT_FOES or o.lower_ in ABSTRACT_FOES
                                              for o in objects):
        return True
    heads = [verb, *[t for t in verb.children if t.dep_ in ("dobj", "prt")]]
    tools = [p for h in heads for c in _children(h, "prep") if c.lower_ == "with" for p in _children(c, "pobj")]
    # "with a barrage of tweets", "with a torrent of lies": the words are inside the measure noun
    tools += [p for t in tools for c in _children(t, "prep") if c.lower_ == "of" for p in _children(c, "pobj")]
    return any(p.lemma_.lower() in WORD_INSTRUMENTS or p.lower_ in WORD_INSTRUMENTS for p in tools)


def _predicate_against(prep: Token) -> bool:
    """"X is categorically against Y": the predicate follows its copula. A fronted "Against the backdrop of
    ..., it is vital" frames the sentence."""
    if prep.i < prep.head.i:
        return False
    return not any(p.lemma_.lower() in FRAME_NOUNS for p in prep.children if p.dep_ == "pobj")
