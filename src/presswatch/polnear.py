"""Read PolNeAR (Newell et al., LREC 2018): articles with gold attribution relations.

PolNeAR ships brat standoff files: ``<split>/text/<article>.txt`` and
``<split>/attributions/<article>_<annotator>.ann``. ``T`` lines are spans
(``Source``, ``Cue``, ``Content``, ``Attribution`` anchors, plus ``Discard``
and ``Discuss`` notes we ignore); ``E`` lines tie them into one relation::

    E1	Attribution:T4 Content:T3 Cue:T2 Source:T1

A span may be discontinuous (``Content 728 767;784 1029``), a relation may lack
a source (``Attribution-no-source``) and rarely has a second content
(``Content2``, merged into the content here).

Some articles were annotated by several annotators; :func:`read_split` keeps one
annotation per article, the one whose annotator id sorts first, so every
article counts once. The data has no licence: read it from ``../shared/data``,
never copy it into the repository.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .errors import InputError

Spans = list[tuple[int, int]]


@dataclass
class Relation:
    """One gold attribution: each part is a list of ``(start, end)`` spans (maybe empty)."""

    id: str
    cue: Spans = field(default_factory=list)
    source: Spans = field(default_factory=list)
    content: Spans = field(default_factory=list)


@dataclass
class Document:
    name: str
    text: str
    relations: list[Relation]
    annotator: str = ""


def parse_ann(ann: str, text: str | None = None) -> list[Relation]:
    """Relations from the text of one ``.ann`` file.

    With ``text`` given, a span reaching past the end of the text raises
    :class:`InputError`. (The stored surface strings are not compared: a few
    files break a multi-line span's string across lines.)
    """
    spans: dict[str, tuple[str, Spans]] = {}
    relations: list[Relation] = []
    events: list[tuple[str, list[str]]] = []
    for lineno, line in enumerate(ann.splitlines(), 1):
        parts = line.split("\t")
        if not parts[0]:
            continue
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            try:
                pieces = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
                pieces = [(a, b) for a, b in pieces]
            except ValueError:
                raise InputError(f"line {lineno}: bad offsets {offsets!r}") from None
            if text is not None and any(not 0 <= a <= b <= len(text) for a, b in pieces):
                raise InputError(f"line {lineno}: span {parts[0]} lies outside the text")
            spans[parts[0]] = (label, pieces)
        elif parts[0].startswith("E") and len(parts) >= 2:
            events.append((parts[0], parts[1].split()))
    for eid, args in events:
        rel = Relation(id=eid)
        for arg in args:
            role, _, ref = arg.partition(":")
            if ref not in spans:
                continue
            pieces = spans[ref][1]
            if role == "Cue":
                rel.cue.extend(pieces)
            elif role == "Source":
                rel.source.extend(pieces)
            elif role.startswith("Content"):
                rel.content.extend(pieces)
        for part in (rel.cue, rel.source, rel.content):
            part.sort()
        if rel.cue or rel.content:
            relations.append(rel)
    return relations


def split_dir(root: str | Path, split: str) -> Path:
    """``root/split`` after checking it has ``text`` and ``attributions``."""
    base = Path(root) / split
    if not (base / "text").is_dir() or not (base / "attributions").is_dir():
        raise InputError(f"{base} is not a PolNeAR split (needs text/ and attributions/)")
    return base


def read_split(root: str | Path, split: str, limit: int | None = None) -> Iterator[Document]:
    """Documents of one split (``train``, ``dev`` or ``test``), sorted by name."""
    base = split_dir(root, split)
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        article, _, _annotator = ann.stem.rpartition("_")
        chosen.setdefault(article, ann)  # sorted: the first annotator id wins
    for i, (article, ann) in enumerate(sorted(chosen.items())):
        if limit is not None and i >= limit:
            break
        txt = base / "text" / f"{article}.txt"
        if not txt.exists():
            continue
        text = txt.read_text("utf-8")
        yield Document(
            name=article,
            text=text,
            relations=parse_ann(ann.read_text("utf-8"), text),
            annotator=ann.stem.rpartition("_")[2],
        )
