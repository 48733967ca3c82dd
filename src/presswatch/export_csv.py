"""Flat CSV tables of analyses, and the read-only view of an analysis that every report shares.

:class:`AnalysisView` answers the questions all three reports ask (who is this
actor id, who is the speaker of this quote, whose voice is this technique, what
text do these offsets cover), so the terminal, HTML and CSV reports agree.

:func:`render_csv` writes one table (one header row) for the layers asked for.
With one layer the columns are that layer's; with several, a leading ``layer``
column is added and the columns are the union, in order. Event rows use
GDELT-like columns. Text cells hold the exact article characters, except that a
cell starting with ``= + - @``, a tab or a carriage return gets a leading ``'``
so that spreadsheets do not run it as a formula (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from typing import Iterable, Optional

from .errors import ConfigError
from .types import Actor, Analysis, EventArg, Quote

# Layers a report knows about, in report order. "stances" come from the events layer.
REPORT_LAYERS = ("entities", "actors", "quotes", "events", "stances", "techniques")
_PRODUCED_BY = {"stances": "events"}
_WS = re.compile(r"\s+")


def technique_label(name: str) -> str:
    """``"Name_Calling,Labeling"`` -> ``"Name calling, labeling"`` for display."""
    text = name.replace("_", " ").replace(",", ", ")
    text = _WS.sub(" ", text).strip()
    return text[:1].upper() + text[1:].lower() if text else name


class AnalysisView:
    """Lookups and display strings over one :class:`Analysis` (never modifies it).

    Offsets outside the article text are clamped, so a malformed analysis gives
    empty strings rather than errors.
    """

    def __init__(self, analysis: Analysis):
        self.analysis = analysis
        self.article = analysis.article
        self.text = analysis.article.text or ""
        self.actors: dict[str, Actor] = {a.id: a for a in analysis.actors}
        self.quotes: dict[str, Quote] = {q.id: q for q in analysis.quotes}

    # -- text ----------------------------------------------------------
    def clamp(self, start: int, end: int) -> tuple[int, int]:
        n = len(self.text)
        start = min(max(int(start), 0), n)
        return start, min(max(int(end), start), n)

    def raw(self, span: Optional[Iterable[int]]) -> str:
        """The exact characters of ``[start, end]`` (empty for None)."""
        if not span:
            return ""
        start, end = self.clamp(*list(span)[:2])
        return self.text[start:end]

    def snippet(self, span: Optional[Iterable[int]], limit: int | None = None) -> str:
        """The span's text on one line (whitespace collapsed), cut to ``limit`` characters."""
        return shorten(self.raw(span), limit)

    def quote_text(self, quote: Quote, limit: int | None = None) -> str:
        """A quote's content; discontinuous parts are joined with `` … ``."""
        parts = [self.snippet(span) for span in sorted(quote.content, key=lambda s: s[0])]
        return shorten(" … ".join(p for p in parts if p), limit)

    # -- who -----------------------------------------------------------
    def actor_name(self, actor_id: Optional[str]) -> str:
        if not actor_id:
            return ""
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def actor_country(self, actor_id: Optional[str]) -> str:
        actor = self.actors.get(actor_id or "")
        return (actor.country or "") if actor else ""

    def speaker_key(self, quote: Quote) -> str:
        """Groups quotes by speaker: the actor id, else the name, else the source mention."""
        if quote.speaker.actor:
            return "actor:" + quote.speaker.actor
        if quote.speaker.name:
            return "name:" + quote.speaker.name.casefold()
        if quote.source:
            return "source:" + self.snippet(quote.source[0]).casefold()
        return "unknown"

    def speaker_name(self, quote: Quote) -> str:
        if quote.speaker.name:
            return quote.speaker.name
        if quote.speaker.actor:
            return self.actor_name(quote.speaker.actor)
        if quote.source:
            return self.snippet(quote.source[0], 80) or "unknown speaker"
        return "unknown speaker"

    def voice_name(self, voice: str) -> str:
        """``"author"`` for the article's own narration, else the quoted speaker's name."""
        if not voice or voice == "author":
            return "author"
        quote = self.quotes.get(voice)
        return self.speaker_name(quote) if quote else voice

    def arg_name(self, arg: Optional[EventArg]) -> str:
        if arg is None:
            return ""
        if arg.actor and arg.actor in self.actors:
            return self.actors[arg.actor].name
        return shorten(arg.text or (self.raw(arg.span) if arg.span else "") or (arg.actor or ""))

    def arg_country(self, arg: Optional[EventArg]) -> str:
        return self.actor_country(arg.actor) if arg else ""

    def speakers(self) -> list[tuple[str, str, list[Quote]]]:
        """``(key, name, quotes)`` per speaker, ordered by each speaker's first quote in the text."""
        groups: dict[str, list[Quote]] = {}
        for quote in sorted(self.analysis.quotes, key=quote_start):
            groups.setdefault(self.speaker_key(quote), []).append(quote)
        return [(key, self.speaker_name(quotes[0]), quotes) for key, quotes in groups.items()]

    # -- summaries shared by the reports --------------------------------
    def entity_groups(self, max_unique: int = 10) -> list[tuple[str, int, str]]:
        """``(label, count, "Lavrov ×3, Putin, …")`` per entity type, most frequent first."""
        by_label: dict[str, Counter] = {}
        for ent in sorted(self.analysis.entities, key=lambda e: e.start):
            text = self.snippet((ent.start, ent.end)) or shorten(ent.text)
            by_label.setdefault(ent.label, Counter())[text] += 1
        out = []
        for label, texts in sorted(by_label.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            common = texts.most_common()  # ties keep first-seen order
            shown = ", ".join(f"{t} ×{n}" if n > 1 else t for t, n in common[:max_unique])
            if len(common) > max_unique:
                shown += f", +{len(common) - max_unique} more"
            out.append((label, sum(texts.values()), shown))
        return out

    def technique_counts(self) -> list[tuple[str, int, int, str]]:
        """``(technique, total, by the author, "Speaker 2, Other 1")``, most frequent first."""
        techniques = self.analysis.techniques
        out = []
        for name, total in sorted(Counter(t.technique for t in techniques).items(), key=lambda kv: (-kv[1], kv[0])):
            voices = Counter(self.voice_name(t.voice) for t in techniques if t.technique == name)
            author = voices.pop("author", 0)
            out.append((name, total, author, ", ".join(f"{s} {n}" for s, n in voices.most_common())))
        return out

    # -- which layers ran ----------------------------------------------
    def layer_ran(self, layer: str) -> bool:
        """Whether ``layer`` ran, from ``meta["layers"]``; all count as run when meta does not say."""
        ran = self.analysis.meta.get("layers")
        if ran is None:
            return True
        return layer == "entities" or _PRODUCED_BY.get(layer, layer) in ran


def quote_start(quote: Quote) -> int:
    starts = [s[0] for s in quote.content] + ([quote.cue[0]] if quote.cue else [])
    return min(starts) if starts else 0


def shorten(text: str, limit: int | None = None) -> str:
    """Collapse whitespace; cut to ``limit`` characters with an ellipsis."""
    text = _WS.sub(" ", text or "").strip()
    if limit is not None and len(text) > limit:
        return text[: max(limit - 1, 0)].rstrip() + "…"
    return text


# -- CSV -----------------------------------------------------------------

COLUMNS: dict[str, list[str]] = {
    "entities": ["article_id", "source", "entity_id", "label", "start", "end", "text",
                 "actor", "actor_name", "reading", "country"],
    "actors": ["article_id", "source", "actor_id", "name", "type", "country", "local", "roles",
               "aliases", "mentions"],
    "quotes": ["article_id", "source", "quote_id", "kind", "speaker", "speaker_actor", "parent",
               "confidence", "cue_start", "cue_end", "cue_text", "source_text", "content_start",
               "content_end", "content_spans", "content_text"],
    "events": ["article_id", "source", "date", "event_id", "source_actor", "source_text",
               "source_country", "event_type", "cameo", "target_actor", "target_text",
               "target_country", "negated", "modality", "quote_id", "cue_text", "evidence_start",
               "evidence_end", "evidence_text"],
    "stances": ["article_id", "source", "stance_source", "stance_source_country", "attitude",
                "target_actor", "target_text", "target_country", "confidence", "events",
                "evidence_count", "evidence_spans", "evidence_text"],
    "techniques": ["article_id", "source", "technique", "start", "end", "score", "voice",
                   "voice_speaker", "text"],
}
# Cells that hold numbers or ids we generate; everything else gets the formula guard.
_NUMERIC = {"start", "end", "score", "confidence", "cue_start", "cue_end", "content_start",
            "content_end", "evidence_start", "evidence_end", "evidence_count"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def render_csv(analyses: list[Analysis], layers: list[str]) -> str:
    """One CSV table (header + rows) for ``layers`` over all ``analyses``.

    Raises :class:`ConfigError` for an unknown or missing layer name.
    """
    layers = list(dict.fromkeys(layers or []))
    if not layers:
        raise ConfigError(f"no layer given for CSV; choose from {', '.join(COLUMNS)}")
    unknown = [name for name in layers if name not in COLUMNS]
    if unknown:
        raise ConfigError(f"unknown CSV layer(s) {', '.join(unknown)}; choose from {', '.join(COLUMNS)}")
    columns = list(dict.fromkeys(c for name in layers for c in COLUMNS[name]))
    if len(layers) > 1:
        columns = ["layer", *columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", restval="")
    writer.writeheader()
    for analysis in analyses:
        view = AnalysisView(analysis)
        for name in layers:
            for row in _ROWS[name](view):
                if len(layers) > 1:
                    row["layer"] = name
                writer.writerow({k: _cell(k, v) for k, v in row.items()})
    return out.getvalue()


def _cell(column: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.4g}"
    text = str(value)
    return text if column in _NUMERIC else formula_safe(text)


def formula_safe(value):
    """A string cell starting with ``= + - @``, a tab or a CR gets a leading ``'`` (OWASP "CSV
    injection"); anything else is returned unchanged. Every CSV of article text uses it."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _spans(spans) -> str:
    return ";".join(f"{s[0]}:{s[1]}" for s in spans)


def _base(view: AnalysisView) -> dict:
    return {"article_id": view.article.id, "source": view.article.source or ""}


def _entity_rows(view: AnalysisView):
    for e in view.analysis.entities:
        yield {**_base(view), "entity_id": e.id, "label": e.label, "start": e.start, "end": e.end,
               "text": view.raw((e.start, e.end)) or e.text, "actor": e.actor or "",
               "actor_name": view.actor_name(e.actor), "reading": e.reading or "", "country": e.country or ""}


def _actor_rows(view: AnalysisView):
    for a in view.analysis.actors:
        roles = "; ".join(
            ", ".join(x for x in (r.title, r.organization, r.country) if x) for r in a.roles)
        yield {**_base(view), "actor_id": a.id, "name": a.name, "type": a.type,
               "country": a.country or "", "local": a.local, "roles": roles,
               "aliases": "; ".join(a.aliases), "mentions": len(a.mentions)}


def _quote_rows(view: AnalysisView):
    for q in sorted(view.analysis.quotes, key=quote_start):
        content = sorted(q.content, key=lambda s: s[0])
        yield {**_base(view), "quote_id": q.id, "kind": q.kind, "speaker": view.speaker_name(q),
               "speaker_actor": q.speaker.actor or "", "parent": q.parent or "",
               "confidence": float(q.confidence),
               "cue_start": q.cue[0] if q.cue else "", "cue_end": q.cue[1] if q.cue else "",
               "cue_text": view.raw(q.cue), "source_text": " | ".join(view.raw(s) for s in q.source),
               "content_start": content[0][0] if content else "",
               "content_end": content[-1][1] if content else "",
               "content_spans": _spans(content), "content_text": " … ".join(view.raw(s) for s in content)}


def _event_rows(view: AnalysisView):
    for ev in view.analysis.events:
        yield {**_base(view), "date": ev.date or view.article.published or "", "event_id": ev.id,
               "source_actor": view.actor_name(ev.source.actor), "source_text": ev.source.text or view.raw(ev.source.span),
               "source_country": view.arg_country(ev.source), "event_type": ev.type, "cameo": ev.cameo or "",
               "target_actor": view.actor_name(ev.target.actor), "target_text": ev.target.text or view.raw(ev.target.span),
               "target_country": view.arg_country(ev.target), "negated": ev.negated, "modality": ev.modality,
               "quote_id": ev.quote or "", "cue_text": view.raw(ev.cue),
               "evidence_start": ev.evidence[0] if ev.evidence else "",
               "evidence_end": ev.evidence[1] if ev.evidence else "", "evidence_text": view.raw(ev.evidence)}


def _stance_rows(view: AnalysisView):
    for st in view.analysis.stances:
        yield {**_base(view), "stance_source": view.actor_name(st.source),
               "stance_source_country": view.actor_country(st.source), "attitude": st.attitude,
               "target_actor": view.actor_name(st.target.actor), "target_text": st.target.text or "",
               "target_country": view.actor_country(st.target.actor), "confidence": float(st.confidence),
               "events": ";".join(st.events), "evidence_count": len(st.evidence),
               "evidence_spans": _spans(st.evidence),
               "evidence_text": " | ".join(view.raw(s) for s in st.evidence)}


def _technique_rows(view: AnalysisView):
    for t in sorted(view.analysis.techniques, key=lambda t: (t.start, t.end)):
        yield {**_base(view), "technique": t.technique, "start": t.start, "end": t.end,
               "score": float(t.score), "voice": t.voice, "voice_speaker": view.voice_name(t.voice),
               "text": view.raw((t.start, t.end))}


_ROWS = {"entities": _entity_rows, "actors": _actor_rows, "quotes": _quote_rows, "events": _event_rows,
         "stances": _stance_rows, "techniques": _technique_rows}
