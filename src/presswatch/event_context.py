"""The document context of the events layer: which actor or place each token names (actors layer, then
fallbacks), the article's quotes, regions and date."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .actors import congo_is_republic, possessor_country
from .event_actors import Name, scan
from .extensions import analysed_regions
from .types import Actor, EventArg, Quote


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

    def author_official(self) -> Optional[str]:
        """The single author of the article when the knowledge base knows them with a country (an
        official's op-ed or speech): whom "we" and "I" outside quotes stand for. None otherwise, as
        a journalist's or editorial "we" names no actor."""
        authors = getattr(self.article, "authors", None) or []
        base = _kb() if len(authors) == 1 else None
        if base is None:
            return None
        date = self.article_date or ""
        # an office holder, in office at the article's date when it has one (not a journalist the base knows)
        found = [e for e in base.lookup_person(authors[0]) if e.country and (e.roles_at(date) if date else e.roles)]
        if len(found) != 1:
            return None
        if found[0].id not in self.actors:
            self.actors[found[0].id] = self.guessed.setdefault(found[0].id, found[0].to_actor())
        self.implied.add(found[0].id)  # listed in doc._.pw_actors (publish) though the text never names them
        return found[0].id

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
