"""The HTML report: one self-contained page (inline CSS and JS, no external requests).

For each analysis: the metadata, the article text with highlighted spans
(entities, quote contents in one colour per speaker, cues and sources
underlined, techniques in one colour per technique, event cues), layer toggles
(checkboxes), a legend with counts, details on hover or keyboard focus, and side
panels (who said what, actors, who does what to whom, stances, techniques,
entities).

Spans overlap and nest, so the text is split at every span boundary
(:func:`segments`) and each piece is wrapped in the marks that cover it,
outermost first; a mark stays open across pieces while it can, and is closed
and reopened only where spans cross. Every article-derived string is escaped
with :func:`html.escape`; the page embeds no data in scripts. Details on hover
need JavaScript; without it the highlights, legend and panels still show.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Optional

from .export_csv import AnalysisView, shorten, technique_label
from .report_text import layout_summary
from .types import Analysis, Quote

# Nesting preference when two spans cover the same characters (lower = outer).
RANK = {"layout": 0, "evidence": 1, "quotes": 2, "cues": 3, "entities": 4, "techniques": 5, "events": 6}
# Layers with a toggle, in toolbar order, with their label.
TOGGLES = (("quotes", "Quotes"), ("cues", "Cues & sources"), ("entities", "Entities"),
           ("events", "Event cues"), ("techniques", "Techniques"))
# Palette sizes; must match the classes in static/report.css.
N_SPEAKER, N_TECHNIQUE, N_ENTITY = 10, 16, 8
MAX_TIP = 240  # characters of quoted text in a tooltip
MAX_PANEL = 400  # characters of quoted text in a panel
MAX_UNIQUE = 12  # unique entity texts listed per type


# Bidi embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def no_bidi_controls(text: str) -> str:
    """``text`` without bidi embedding, override and isolate controls.

    An article's unmatched RIGHT-TO-LEFT OVERRIDE would otherwise reverse what
    follows it in a panel, legend or tooltip (closing quotation marks, counts,
    other fields). The article text itself keeps them: it is shown as it is.
    """
    return _BIDI_CONTROLS.sub("", text)


def _e(value) -> str:
    """Escape for text and for quoted attribute values (bidi controls dropped, see above)."""
    return html.escape(no_bidi_controls("" if value is None else str(value)), quote=True)


# -- splitting overlapping spans -------------------------------------------

@dataclass
class Mark:
    """One highlighted span of the article; ``tip`` is ready (escaped) HTML."""

    start: int
    end: int
    layer: str
    classes: str = ""
    tip: str = ""
    tag: str = "mark"


def segments(length: int, spans: Iterable[tuple[int, int]], ranks: Optional[list[int]] = None):
    """Split ``[0, length)`` at every span boundary.

    Yields ``(start, end, active)`` for consecutive pieces covering the whole
    range, where ``active`` lists the indices of the spans covering that piece,
    outermost first: earlier start, then longer, then lower rank, then input
    order. Empty or out-of-range spans are clipped or ignored.
    """
    spans = [(max(0, s), min(length, e)) for s, e in spans]
    ranks = ranks or [0] * len(spans)
    key = {i: (s, -e, ranks[i], i) for i, (s, e) in enumerate(spans)}
    bounds = sorted({0, length, *(b for s, e in spans if s < e for b in (s, e))})
    starts: dict[int, list[int]] = {}
    for i, (s, e) in enumerate(spans):
        if s < e:
            starts.setdefault(s, []).append(i)
    active: list[int] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [i for i in active if spans[i][1] > a] + starts.get(a, [])
        active.sort(key=key.__getitem__)
        yield a, b, list(active)


def render_marked(text: str, marks: list[Mark], prefix: str) -> str:
    """The escaped article text with ``marks`` nested around every piece.

    A span's first element gets ``id="{prefix}-s{i}"``; tip-bearing spans are
    focusable and described by their hidden tip ``{prefix}-t{i}``.
    """
    out: list[str] = []
    stack: list[int] = []
    seen: set[int] = set()
    pieces = segments(len(text), [(m.start, m.end) for m in marks], [RANK.get(m.layer, 9) for m in marks])
    for a, b, active in pieces:
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] == active[keep]:
            keep += 1
        for i in reversed(stack[keep:]):
            out.append(f"</{marks[i].tag}>")
        for i in active[keep:]:
            out.append(_open(marks[i], i, prefix, first=i not in seen))
            seen.add(i)
        stack = active
        out.append(html.escape(text[a:b], quote=False))
    for i in reversed(stack):
        out.append(f"</{marks[i].tag}>")
    return "".join(out)


def _open(mark: Mark, i: int, prefix: str, first: bool) -> str:
    attrs = [f'class="{_e(mark.classes)}"', f'data-l="{_e(mark.layer)}"', f'data-s="{i}"']
    if first:
        attrs.append(f'id="{prefix}-s{i}"')
        if mark.tip:
            attrs.append(f'tabindex="0" aria-describedby="{prefix}-t{i}"')
    return f"<{mark.tag} {' '.join(attrs)}>"


# -- page ------------------------------------------------------------------

class _Palette:
    """Colour classes shared by all analyses on a page, so a technique looks the same everywhere."""

    def __init__(self, analyses: list[Analysis]):
        names = sorted({t.technique for a in analyses for t in a.techniques})
        self.technique = {n: i % N_TECHNIQUE for i, n in enumerate(names)}
        labels = sorted({e.label for a in analyses for e in a.entities})
        self.entity = {n: i % N_ENTITY for i, n in enumerate(labels)}


def render_html(analyses: list[Analysis]) -> str:
    """The whole report page for ``analyses`` as one HTML string."""
    palette = _Palette(analyses)
    title = "presswatch report"
    if len(analyses) == 1:
        title = f"{analyses[0].article.title or analyses[0].article.source or 'article'} · presswatch"
    body = [_section(AnalysisView(a), f"a{i}", palette) for i, a in enumerate(analyses)]
    toc = ""
    if len(analyses) > 1:
        items = "".join(f'<li><a href="#a{i}">{_e(_heading(a))}</a></li>' for i, a in enumerate(analyses))
        toc = f'<nav class="pw-toc" aria-label="Articles"><h2>{len(analyses)} articles</h2><ol>{items}</ol></nav>'
    if not analyses:
        body = ['<p class="pw-none">No articles were analysed.</p>']
    css = _static("report.css")
    js = _static("report.js")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No network at all: the page may only use what it carries inline.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{_e(shorten(title, 120))}</title><style>{css}</style></head>"
        '<body><header class="pw-bar"><span class="pw-brand">presswatch</span>'
        f'<span class="pw-bar-note">{len(analyses)} article{"s" if len(analyses) != 1 else ""} analysed</span></header>'
        f'<main class="pw-main">{toc}{"".join(body)}</main>'
        '<div id="pw-tip" class="pw-tip" role="tooltip" hidden></div>'
        f"<script>{js}</script></body></html>\n"
    )


def _static(name: str) -> str:
    return resources.files("presswatch").joinpath("static", name).read_text("utf-8")


def _heading(analysis: Analysis) -> str:
    a = analysis.article
    return shorten(a.title or a.source or a.id[:12] or "untitled article", 160)


def _section(view: AnalysisView, prefix: str, palette: _Palette) -> str:
    speakers = {key: i % N_SPEAKER for i, (key, _, _) in enumerate(view.speakers())}
    marks, anchors = _marks(view, palette, speakers)
    text_html = render_marked(view.text, marks, prefix)
    first: dict[tuple, int] = {}  # (layer, start, end) -> index of the first such mark, for links
    for i, m in enumerate(marks):
        first.setdefault((m.layer, m.start, m.end), i)
    tips = "".join(f'<div id="{prefix}-t{i}">{m.tip}</div>' for i, m in enumerate(marks) if m.tip)
    return (
        f'<section class="pw-analysis" id="{prefix}" aria-labelledby="{prefix}-h">'
        f"{_meta(view, prefix)}{_controls(view, prefix, palette, speakers)}"
        '<div class="pw-grid">'
        f'<div class="pw-col-text"><a class="pw-skip" href="#{prefix}-panels">Skip to panels</a>'
        f'<article class="pw-text" aria-label="Article text">{text_html}</article></div>'
        f'<aside class="pw-panels" id="{prefix}-panels" aria-label="Findings">'
        f"{_panels(view, prefix, palette, speakers, anchors, first)}</aside></div>"
        f'<div class="pw-tips" hidden>{tips}</div></section>'
    )


def _meta(view: AnalysisView, prefix: str) -> str:
    a, meta = view.article, view.analysis.meta
    kicker = " · ".join(x for x in (a.outlet, a.source) if x)
    byline = " · ".join(x for x in (
        ("By " + ", ".join(a.authors)) if a.authors else None, a.published, a.language and f"language: {a.language}") if x)
    facts = [
        ("URL", a.url), ("Layout", layout_summary(view.analysis)), ("Encoding", a.encoding),
        ("Characters", f"{len(view.text):,}"), ("Model", meta.get("model")),
        ("Version", meta.get("version") and f"presswatch {meta['version']}"),
        ("Layers", ", ".join(meta["layers"]) if meta.get("layers") else None), ("Article id", a.id[:16] or None),
    ]
    dl = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in facts if v)
    warnings = "".join(f'<li>{_e(w)}</li>' for w in meta.get("warnings", []))
    return (
        '<header class="pw-meta">'
        + (f'<p class="pw-kicker">{_e(kicker)}</p>' if kicker else "")
        + f'<h1 id="{prefix}-h">{_e(_heading(view.analysis))}</h1>'
        + (f'<p class="pw-byline">{_e(byline)}</p>' if byline else "")
        + f'<dl class="pw-facts">{dl}</dl>'
        + (f'<ul class="pw-warnings" aria-label="Warnings">{warnings}</ul>' if warnings else "")
        + "</header>"
    )


# -- marks -----------------------------------------------------------------

def _tip(title: str, *lines: str) -> str:
    """A tooltip block: ``title`` and ``lines`` are escaped here."""
    rows = "".join(f"<span>{_e(line)}</span>" for line in lines if line)
    return f'<div class="pw-tip-item"><b>{_e(title)}</b>{rows}</div>'


def _marks(view: AnalysisView, palette: _Palette, speakers: dict[str, int]):
    """Marks for every layer that ran, and ``anchors``: evidence span -> mark index."""
    marks: list[Mark] = []
    for span in view.article.layout:
        marks.append(Mark(span.start, span.end, "layout", f"pw-r rg-{_slug(span.kind)}", tag="span"))
    anchors: dict[tuple[int, int], int] = {}
    evidence = [tuple(ev.evidence) for ev in view.analysis.events if ev.evidence] if view.layer_ran("events") else []
    evidence += [tuple(s) for st in view.analysis.stances for s in st.evidence] if view.layer_ran("stances") else []
    for span in dict.fromkeys(tuple(s[:2]) for s in evidence):
        anchors[span] = len(marks)
        marks.append(Mark(span[0], span[1], "evidence", "pw-r pw-ev", tag="span"))
    if view.layer_ran("entities"):
        for ent in view.analysis.entities:
            actor = view.actors.get(ent.actor or "")
            actor_line = f"Actor: {actor.name} · {actor.type}" + (f" · {actor.country}" if actor.country else "") if actor else ""
            marks.append(Mark(ent.start, ent.end, "entities", f"l-entities en{palette.entity.get(ent.label, 0)}",
                              _tip(f"Entity · {ent.label}", view.snippet((ent.start, ent.end), 80), actor_line,
                                   ent.reading and f"Reading: {ent.reading}")))
    if view.layer_ran("quotes"):
        for quote in view.analysis.quotes:
            marks.extend(_quote_marks(view, quote, speakers.get(view.speaker_key(quote), 0)))
    if view.layer_ran("techniques"):
        for t in view.analysis.techniques:
            voice = view.voice_name(t.voice)
            marks.append(Mark(t.start, t.end, "techniques", f"l-techniques tq{palette.technique.get(t.technique, 0)}",
                              _tip(f"Technique · {technique_label(t.technique)}", f"Score {t.score:.2f}",
                                   "Voice: author" if voice == "author" else f"Voice: quoted, {voice}")))
    if view.layer_ran("events"):
        for ev in view.analysis.events:
            if not ev.cue:
                continue
            flags = ", ".join(x for x in ("negated" if ev.negated else "", ev.modality if ev.modality != "asserted" else "") if x)
            said = view.quotes.get(ev.quote or "")
            marks.append(Mark(ev.cue[0], ev.cue[1], "events", "l-events",
                              _tip(f"Event · {ev.type}" + (f" (CAMEO {ev.cameo})" if ev.cameo else ""),
                                   f"{view.arg_name(ev.source) or '?'} → {shorten(view.arg_name(ev.target), 80) or '?'}",
                                   flags, ev.date and f"Date: {ev.date}",
                                   said and f"In a quote by {view.speaker_name(said)}")))
    return marks, anchors


def _quote_marks(view: AnalysisView, quote: Quote, colour: int) -> list[Mark]:
    speaker = view.speaker_name(quote)
    parent = view.quotes.get(quote.parent or "")
    info = [f"Speaker: {speaker}", quote.cue and f"Cue: {view.snippet(quote.cue, 40)}",
            parent and f"Inside a quote by {view.speaker_name(parent)}", f"Confidence {quote.confidence:.2f}"]
    marks = [Mark(s[0], s[1], "quotes", f"l-quotes sp{colour} k-{_slug(quote.kind)}",
                  _tip(f"Quote · {quote.kind}", *info)) for s in quote.content]
    if quote.cue:
        marks.append(Mark(quote.cue[0], quote.cue[1], "cues", "l-cues pw-cue",
                          _tip("Quote cue", f"Speaker: {speaker}", view.quote_text(quote, MAX_TIP))))
    for s in quote.source:
        actor = view.actors.get(quote.speaker.actor or "")
        marks.append(Mark(s[0], s[1], "cues", "l-cues pw-src",
                          _tip("Quote source", f"Speaker: {speaker}",
                               actor and f"Actor: {actor.name} · {actor.type}" + (f" · {actor.country}" if actor.country else ""))))
    return marks


def _slug(value: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in (value or "x").lower())[:24]


# -- controls and panels ---------------------------------------------------

def _controls(view: AnalysisView, prefix: str, palette: _Palette, speakers: dict[str, int]) -> str:
    a = view.analysis
    counts = {"quotes": len(a.quotes), "cues": sum(bool(q.cue) + len(q.source) for q in a.quotes),
              "entities": len(a.entities), "events": sum(1 for e in a.events if e.cue),
              "techniques": len(a.techniques)}
    ran = {"cues": view.layer_ran("quotes")}
    boxes = []
    for layer, label in TOGGLES:
        if not ran.get(layer, view.layer_ran(layer)):
            continue
        boxes.append(
            f'<label class="pw-toggle sw-{layer}"><input type="checkbox" checked value="{layer}" '
            f'data-section="{prefix}"> {_e(label)} <span class="pw-count">{counts[layer]}</span></label>')
    legend = []
    if view.layer_ran("quotes") and a.quotes:
        items = "".join(f'<li><span class="pw-sw sp{speakers[key]}"></span>{_e(name)} <span class="pw-count">{len(qs)}</span></li>'
                        for key, name, qs in view.speakers())
        legend.append(f'<div><h3>Speakers</h3><ul>{items}</ul></div>')
    if view.layer_ran("techniques") and a.techniques:
        counts_t = Counter(t.technique for t in a.techniques)
        items = "".join(f'<li><span class="pw-sw tq{palette.technique[n]}"></span>{_e(technique_label(n))} '
                        f'<span class="pw-count">{c}</span></li>' for n, c in sorted(counts_t.items(), key=lambda kv: (-kv[1], kv[0])))
        legend.append(f'<div><h3>Techniques</h3><ul>{items}</ul></div>')
    if a.entities and view.layer_ran("entities"):
        counts_e = Counter(e.label for e in a.entities)
        items = "".join(f'<li><span class="pw-sw en{palette.entity[n]}"></span>{_e(n)} <span class="pw-count">{c}</span></li>'
                        for n, c in sorted(counts_e.items(), key=lambda kv: (-kv[1], kv[0])))
        legend.append(f'<div><h3>Entities</h3><ul>{items}</ul></div>')
    marks = []
    if view.layer_ran("quotes"):
        marks.append('<li><span class="pw-cue">cue</span> reporting verb</li>'
                     '<li><span class="pw-src">source</span> speaker mention</li>')
    if view.layer_ran("events"):
        marks.append('<li><span class="l-events">cue</span> event</li>')
    if marks:
        legend.append(f'<div><h3>Marks</h3><ul>{"".join(marks)}</ul></div>')
    # The toggles are a direct child of the section so that they can stay in view (sticky) while reading.
    return (
        f'<div class="pw-toggles" role="group" aria-labelledby="{prefix}-hl">'
        f'<span class="pw-label" id="{prefix}-hl">Highlight</span>{"".join(boxes)}</div>'
        + (f'<details class="pw-legend" open><summary>Legend</summary><div class="pw-legend-grid">{"".join(legend)}</div></details>'
           if legend else "")
    )


def _panel(title: str, count: int, body: str, cls: str) -> str:
    content = body if count else '<p class="pw-none">None found.</p>'
    return f'<section class="pw-panel {cls}"><h2>{_e(title)} <span class="pw-count">{count}</span></h2>{content}</section>'


def _link(prefix: str, index: Optional[int], label: str, cls: str = "") -> str:
    if index is None:
        return _e(label)
    return f'<a class="{cls}" href="#{prefix}-s{index}">{_e(label)}</a>'


def _panels(view: AnalysisView, prefix: str, palette: _Palette, speakers: dict[str, int],
            anchors: dict, first: dict) -> str:
    a = view.analysis
    parts = []
    if view.layer_ran("quotes"):
        parts.append(_panel("Who said what", len(a.quotes), _who_said_what(view, prefix, speakers, first), "pn-quotes"))
    if view.layer_ran("actors"):
        parts.append(_panel("Actors", len(a.actors), _actors(view), "pn-actors"))
    if view.layer_ran("events"):
        parts.append(_panel("Who does what to whom", len(a.events), _events(view, prefix, anchors), "pn-events"))
    if view.layer_ran("stances"):
        parts.append(_panel("Stances", len(a.stances), _stances(view, prefix, anchors), "pn-stances"))
    if view.layer_ran("techniques"):
        parts.append(_panel("Persuasion techniques", len(a.techniques), _techniques(view, prefix, palette, first), "pn-techniques"))
    parts.append(_panel("Entities", len(a.entities), _entities(view), "pn-entities"))
    return "".join(parts)


def _who_said_what(view: AnalysisView, prefix: str, speakers: dict[str, int], first: dict) -> str:
    out = []
    for key, name, quotes in view.speakers():
        items = []
        for q in quotes:
            content = sorted(q.content, key=lambda s: s[0])
            target = first.get(("quotes", *content[0][:2])) if content else None
            parent = view.quotes.get(q.parent or "")
            notes = " · ".join(x for x in (
                q.cue and f"cue “{view.snippet(q.cue, 40)}”",
                parent and f"inside a quote by {view.speaker_name(parent)}") if x)
            items.append(
                f'<li><span class="pw-badge k-{_slug(q.kind)}">{_e(q.kind)}</span> '
                f'{_link(prefix, target, "“" + view.quote_text(q, MAX_PANEL) + "”", "pw-quote")}'
                + (f'<span class="pw-note">{_e(notes)}</span>' if notes else "") + "</li>")
        out.append(f'<div class="pw-speaker"><h3><span class="pw-sw sp{speakers[key]}"></span>{_e(name)} '
                   f'<span class="pw-count">{len(quotes)}</span></h3><ol>{"".join(items)}</ol></div>')
    return "".join(out)


def _actors(view: AnalysisView) -> str:
    items = []
    for actor in sorted(view.analysis.actors, key=lambda x: (-len(x.mentions), x.name)):
        facts = " · ".join(x for x in (actor.type, actor.country, "local" if actor.local else "knowledge base",
                                       f"{len(actor.mentions)} mention{'s' if len(actor.mentions) != 1 else ''}") if x)
        roles = "; ".join(", ".join(x for x in (r.title, r.organization) if x) for r in actor.roles[:3])
        items.append(f"<li><b>{_e(actor.name)}</b> <span class=\"pw-note\">{_e(facts)}</span>"
                     + (f'<span class="pw-note">{_e(shorten(roles, 160))}</span>' if roles else "") + "</li>")
    return f'<ul class="pw-actors">{"".join(items)}</ul>'


def _events(view: AnalysisView, prefix: str, anchors: dict) -> str:
    rows = []
    for ev in sorted(view.analysis.events, key=lambda e: (e.evidence or e.cue or [0])[0]):
        flags = "".join((' <span class="pw-badge neg">not</span>' if ev.negated else "",
                         f' <span class="pw-badge">{_e(ev.modality)}</span>' if ev.modality != "asserted" else ""))
        said = view.quotes.get(ev.quote or "")
        link = _link(prefix, anchors.get(tuple(ev.evidence[:2])), "evidence") if ev.evidence else ""
        notes = " · ".join(x for x in (_e(ev.date or ""), said and _e(f"said by {view.speaker_name(said)}"), link) if x)
        rows.append(
            f"<tr><td>{_e(view.arg_name(ev.source) or '?')}</td>"
            f"<td><b>{_e(ev.type)}</b>{f' <small>{_e(ev.cameo)}</small>' if ev.cameo else ''}{flags}</td>"
            f"<td>{_e(shorten(view.arg_name(ev.target), 100) or '?')}"
            + (f'<span class="pw-note">{notes}</span>' if notes else "") + "</td></tr>")
    return _table(["Who", "Does what", "To whom"], rows)


def _stances(view: AnalysisView, prefix: str, anchors: dict) -> str:
    items = []
    for st in sorted(view.analysis.stances, key=lambda s: (view.actor_name(s.source), s.attitude)):
        target = view.actor_name(st.target.actor) or shorten(st.target.text or "", 100) or "?"
        links = " ".join(_link(prefix, anchors.get(tuple(s[:2])), f"[{n}]", "pw-ev-link")
                         for n, s in enumerate(st.evidence, 1))
        items.append(
            f'<li><b>{_e(view.actor_name(st.source))}</b> <span class="pw-att att-{_slug(st.attitude)}">{_e(st.attitude)}s</span> '
            f'{_e(target)} <span class="pw-note">confidence {st.confidence:.2f} · evidence {links}</span></li>')
    return f'<ul class="pw-stances">{"".join(items)}</ul>'


def _techniques(view: AnalysisView, prefix: str, palette: _Palette, first: dict) -> str:
    rows = [f'<tr><th scope="row"><span class="pw-sw tq{palette.technique[name]}"></span>{_e(technique_label(name))}</th>'
            f'<td class="num">{total}</td><td class="num">{author}</td><td>{_e(quoted)}</td></tr>'
            for name, total, author, quoted in view.technique_counts()]
    table = _table(["Technique", "Total", "Author", "Quoted speakers"], rows)
    examples = []
    for t in sorted(view.analysis.techniques, key=lambda t: (-t.score, t.start))[:8]:
        target = first.get(("techniques", t.start, t.end))
        examples.append(
            f'<li><span class="pw-sw tq{palette.technique[t.technique]}"></span>'
            f'{_link(prefix, target, "“" + view.snippet((t.start, t.end), 160) + "”")} '
            f'<span class="pw-note">{_e(technique_label(t.technique))} · {t.score:.2f} · {_e(view.voice_name(t.voice))}</span></li>')
    return f'{table}<h3>Strongest examples</h3><ol class="pw-examples">{"".join(examples)}</ol>'


def _entities(view: AnalysisView) -> str:
    rows = [f'<tr><th scope="row">{_e(label)}</th><td class="num">{count}</td><td>{_e(shown)}</td></tr>'
            for label, count, shown in view.entity_groups(MAX_UNIQUE)]
    return _table(["Type", "Count", "Unique texts"], rows)


def _table(headers: list[str], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    return f'<div class="pw-table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


__all__ = ["render_html", "segments", "render_marked", "Mark"]
