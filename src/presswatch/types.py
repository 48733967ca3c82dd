"""Result types of an analysis: small dataclasses that round-trip through JSON.

Every fact carries character offsets into ``Article.text`` (Python ``str``
indices, end exclusive). Offsets are stored as ``[start, end]`` pairs in JSON.
``to_dict()`` gives JSON-ready dicts; ``from_dict()`` rebuilds the objects,
so ``T.from_dict(x.to_dict()) == x`` for every type here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Optional

SCHEMA_VERSION = "presswatch/1"

Offsets = list  # [start, end], end exclusive


class _Record:
    """Mixin: generic (de)serialisation driven by the dataclass type hints."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _dump(getattr(self, f.name)) for f in dataclasses.fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        hints = typing.get_type_hints(cls)
        kwargs = {}
        for f in dataclasses.fields(cls):
            if f.name in data:
                kwargs[f.name] = _load(hints[f.name], data[f.name])
        return cls(**kwargs)


def _dump(value: Any) -> Any:
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value


def _load(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _load(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        return [_load(args[0], v) for v in value] if args else list(value)
    if origin is dict:
        return {k: _load(args[1], v) for k, v in value.items()} if args else dict(value)
    if isinstance(hint, type) and issubclass(hint, _Record):
        return hint.from_dict(value)
    return value


@dataclass
class LayoutSpan(_Record):
    """A region of the article: ``title``, ``dateline``, ``byline``, ``body`` or ``boilerplate``."""

    kind: str
    start: int
    end: int


@dataclass
class Article(_Record):
    id: str
    text: str
    source: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None  # ISO 8601 date (YYYY-MM-DD)
    authors: list[str] = field(default_factory=list)
    language: Optional[str] = None
    layout: list[LayoutSpan] = field(default_factory=list)
    url: Optional[str] = None
    outlet: Optional[str] = None
    encoding: Optional[str] = None
    external_id: Optional[str] = None  # the caller's own id (JSONL "id"), kept as given

    def regions(self, *kinds: str) -> list[LayoutSpan]:
        return [s for s in self.layout if s.kind in kinds]


@dataclass
class Span(_Record):
    """A labelled stretch of ``Article.text``."""

    start: int
    end: int
    text: str = ""


@dataclass
class Entity(_Record):
    id: str
    label: str
    start: int
    end: int
    text: str
    actor: Optional[str] = None
    # "government" when a place name acts (metonymy), "place" otherwise; None when not a place.
    reading: Optional[str] = None
    # ISO 3166-1 alpha-3 of the country a place name lies in or names (a state, a capital, a city);
    # None when not a place or not located.
    country: Optional[str] = None


@dataclass
class Role(_Record):
    title: str
    organization: Optional[str] = None
    country: Optional[str] = None
    start: Optional[str] = None
    end: Optional[str] = None


@dataclass
class Actor(_Record):
    id: str
    name: str
    type: str  # person, state, organization, alliance, government_body, media, party, group
    country: Optional[str] = None  # ISO 3166-1 alpha-3
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    local: bool = False  # True when not in the knowledge base (document-local actor)
    mentions: list[Offsets] = field(default_factory=list)


@dataclass
class Speaker(_Record):
    name: Optional[str] = None
    actor: Optional[str] = None


@dataclass
class Quote(_Record):
    id: str
    kind: str  # direct | indirect | mixed
    content: list[Offsets]
    cue: Optional[Offsets] = None
    source: list[Offsets] = field(default_factory=list)
    speaker: Speaker = field(default_factory=Speaker)
    parent: Optional[str] = None
    confidence: float = 1.0


@dataclass
class EventArg(_Record):
    actor: Optional[str] = None
    text: Optional[str] = None
    span: Optional[Offsets] = None


@dataclass
class Event(_Record):
    id: str
    type: str  # PLOVER event type
    cameo: Optional[str] = None
    source: EventArg = field(default_factory=EventArg)
    target: EventArg = field(default_factory=EventArg)
    cue: Optional[Offsets] = None
    negated: bool = False
    modality: str = "asserted"  # asserted, intended, refused, demanded, hypothetical
    date: Optional[str] = None
    quote: Optional[str] = None
    evidence: Optional[Offsets] = None


@dataclass
class StanceTarget(_Record):
    actor: Optional[str] = None
    text: Optional[str] = None


@dataclass
class Stance(_Record):
    source: str
    attitude: str  # support | oppose
    target: StanceTarget = field(default_factory=StanceTarget)
    evidence: list[Offsets] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Technique(_Record):
    technique: str
    start: int
    end: int
    score: float
    voice: str = "author"  # "author" or the id of the quote the span lies in


@dataclass
class Analysis(_Record):
    article: Article
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    techniques: list[Technique] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # pipeline version, model, layers, warnings
    schema: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        data = super().to_dict()
        # Key order as documented in docs/schema.md: schema first.
        return {"schema": data.pop("schema"), **data}

    def snippet(self, start: int, end: int) -> str:
        return self.article.text[start:end]
