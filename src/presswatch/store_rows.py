"""Flatten an :class:`~presswatch.types.Analysis` into the rows of the store's fact tables.

Pure functions, no database: :mod:`presswatch.store` writes what these return.
Actors are keyed across articles by ``actor_key``: the knowledge-base id when
the actor is in the KB, ``local:<case-folded name>`` for document-local actors
(their ids only mean something inside one article), ``text:<case-folded text>``
for an event or stance argument that names no actor.
"""

from __future__ import annotations

import json
from typing import Any

from .types import Analysis, Article

MAX_FIELD_CHARS = 2000  # evidence and technique text kept in the tables (full text stays in articles)


def _clip(text: str | None) -> str | None:
    return text if text is None or len(text) <= MAX_FIELD_CHARS else text[:MAX_FIELD_CHARS - 1] + "…"


class _Actors:
    """Resolve an article's actor ids to (key, name)."""

    def __init__(self, analysis: Analysis):
        self.by_id = {a.id: a for a in analysis.actors}

    def key(self, actor_id: str | None, text: str | None = None) -> str | None:
        if actor_id:
            actor = self.by_id.get(actor_id)
            if actor is not None and actor.local:
                return "local:" + actor.name.casefold()
            return actor_id
        if text:
            return "text:" + " ".join(text.split()).casefold()
        return None

    def name(self, actor_id: str | None, text: str | None = None) -> str | None:
        if actor_id and actor_id in self.by_id:
            return self.by_id[actor_id].name
        return text or actor_id


def article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "authors": json.dumps(article.authors, ensure_ascii=False),
        "language": article.language,
        "encoding": article.encoding,
        "n_chars": len(article.text),
        "text": article.text,
    }


def analysis_json(analysis: Analysis) -> str:
    """The analysis JSON without ``article.text`` (the articles table holds it once)."""
    data = analysis.to_dict()
    data["article"] = {**data["article"], "text": None}
    return json.dumps(data, ensure_ascii=False)


def quote_text(text: str, spans: list) -> str:
    return " … ".join(text[s:e] for s, e in spans)


def fact_rows(analysis: Analysis) -> dict[str, list[dict[str, Any]]]:
    """Rows per fact table (layout, entities, actors, quotes, events, stances, techniques)."""
    art = analysis.article
    text = art.text
    actors = _Actors(analysis)
    aid = art.id
    rows: dict[str, list[dict[str, Any]]] = {}
    rows["layout"] = [
        {"article_id": aid, "position": i, "kind": s.kind, "start_char": s.start, "end_char": s.end}
        for i, s in enumerate(art.layout)
    ]
    rows["entities"] = [
        {"article_id": aid, "position": i, "entity_id": e.id, "label": e.label, "start_char": e.start,
         "end_char": e.end, "text": e.text, "actor_id": e.actor, "reading": e.reading,
         "country": e.country}
        for i, e in enumerate(analysis.entities)
    ]
    rows["actors"] = [
        {"article_id": aid, "position": i, "actor_id": a.id, "actor_key": actors.key(a.id), "name": a.name,
         "type": a.type, "country": a.country, "is_local": int(bool(a.local)),
         "aliases": json.dumps(a.aliases, ensure_ascii=False),
         "roles": json.dumps([r.to_dict() for r in a.roles], ensure_ascii=False), "n_mentions": len(a.mentions)}
        for i, a in enumerate(analysis.actors)
    ]
    rows["quotes"] = []
    for i, q in enumerate(analysis.quotes):
        spans = [list(s) for s in q.content]
        rows["quotes"].append({
            "article_id": aid, "position": i, "quote_id": q.id, "kind": q.kind,
            "start_char": min((s[0] for s in spans), default=None),
            "end_char": max((s[1] for s in spans), default=None),
            "text": quote_text(text, spans), "spans": json.dumps(spans),
            "cue_start": q.cue[0] if q.cue else None, "cue_end": q.cue[1] if q.cue else None,
            "speaker_actor": q.speaker.actor, "speaker_key": actors.key(q.speaker.actor, q.speaker.name),
            "speaker_name": q.speaker.name or actors.name(q.speaker.actor),
            "parent": q.parent, "confidence": q.confidence,
        })
    rows["events"] = [
        {"article_id": aid, "position": i, "event_id": ev.id, "type": ev.type, "cameo": ev.cameo,
         "source_actor": ev.source.actor, "source_key": actors.key(ev.source.actor, ev.source.text),
         "source_name": actors.name(ev.source.actor, ev.source.text),
         "target_actor": ev.target.actor, "target_key": actors.key(ev.target.actor, ev.target.text),
         "target_name": actors.name(ev.target.actor, ev.target.text),
         "negated": int(bool(ev.negated)), "modality": ev.modality, "event_date": ev.date, "quote_id": ev.quote,
         "evidence_start": ev.evidence[0] if ev.evidence else None,
         "evidence_end": ev.evidence[1] if ev.evidence else None}
        for i, ev in enumerate(analysis.events)
    ]
    rows["stances"] = []
    for i, st in enumerate(analysis.stances):
        ev = st.evidence[0] if st.evidence else None
        rows["stances"].append({
            "article_id": aid, "position": i, "source_actor": st.source,
            "source_key": actors.key(st.source), "source_name": actors.name(st.source),
            "attitude": st.attitude, "target_actor": st.target.actor,
            "target_key": actors.key(st.target.actor, st.target.text) or "text:",
            "target_name": actors.name(st.target.actor, st.target.text) or "",
            "evidence_start": ev[0] if ev else None, "evidence_end": ev[1] if ev else None,
            "evidence": _clip(text[ev[0]:ev[1]]) if ev else None, "confidence": st.confidence,
        })
    rows["techniques"] = [
        {"article_id": aid, "position": i, "technique": t.technique, "start_char": t.start, "end_char": t.end,
         "score": t.score, "voice": t.voice, "text": _clip(text[t.start:t.end])}
        for i, t in enumerate(analysis.techniques)
    ]
    return rows


FACT_TABLES = ("layout", "entities", "actors", "quotes", "events", "stances", "techniques")
