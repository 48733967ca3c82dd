"""The article page's data: highlighted text, details per highlight, legend and panels.

The text is split and nested by :func:`presswatch.report_html.render_marked`
(the HTML report's code, which escapes every piece of article text); this module
only decides the marks and the details shown when a highlight is clicked. Details
are plain data rendered by the autoescaping template, with links to actor pages
when the article is stored (``keys`` from :func:`presswatch.store_query.article_keys`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Optional

from markupsafe import Markup

from .export_csv import AnalysisView, shorten, technique_label
from .report_html import Mark, render_marked
from .types import Analysis

N_SPEAKER, N_TECHNIQUE, N_ENTITY = 10, 16, 8  # palette sizes; must match static/web/app.css
LAYERS = (("quotes", "Quotes"), ("cues", "Cues & sources"), ("entities", "Entities"),
          ("events", "Events"), ("techniques", "Techniques"))
RANK = {"layout": 0, "evidence": 1, "quotes": 2, "cues": 3, "entities": 4, "techniques": 5, "events": 6}
PREFIX = "a"


@dataclass
class Line:
    """One line of a highlight's details: ``label: text``, linked to ``href`` when set."""

    label: str
    text: str
    href: Optional[str] = None


@dataclass
class Detail:
    title: str
    lines: list[Line] = field(default_factory=list)
    swatch: str = ""


def actor_href(key: Optional[str]) -> Optional[str]:
    from urllib.parse import quote

    return f"/actors/{quote(key, safe='')}" if key else None


class ArticleView:
    """Everything the article template shows for one analysis."""

    def __init__(self, analysis: Analysis, keys: Optional[dict[str, dict]] = None):
        self.analysis = analysis
        self.view = AnalysisView(analysis)
        self.keys = keys or {"actors": {}, "quotes": {}, "events": {}, "stances": {}}
        self.stored = keys is not None
        v = self.view
        self.speakers = [{"key": key, "name": name, "quotes": qs, "colour": i % N_SPEAKER,
                          "href": actor_href(self.keys["quotes"].get(qs[0].id))}
                         for i, (key, name, qs) in enumerate(v.speakers())]
        self.speaker_colour = {s["key"]: s["colour"] for s in self.speakers}
        names = sorted({t.technique for t in analysis.techniques})
        self.technique_colour = {n: i % N_TECHNIQUE for i, n in enumerate(names)}
        labels = sorted({e.label for e in analysis.entities})
        self.entity_colour = {n: i % N_ENTITY for i, n in enumerate(labels)}
        self.marks: list[Mark] = []
        self.details: dict[int, Detail] = {}
        self._build()

    # -- helpers ---------------------------------------------------------------
    def actor_link(self, actor_id: Optional[str]) -> Optional[str]:
        if not self.stored or not actor_id:
            return None
        return actor_href(self.keys["actors"].get(actor_id, actor_id))

    def _add(self, mark: Mark, detail: Optional[Detail] = None) -> int:
        if detail is not None:
            mark.tip = "details"  # render_marked only checks that a tip exists (focusable + described)
            self.details[len(self.marks)] = detail
        self.marks.append(mark)
        return len(self.marks) - 1

    # -- marks -----------------------------------------------------------------
    def _build(self) -> None:
        v, a = self.view, self.analysis
        for span in a.article.layout:
            self._add(Mark(span.start, span.end, "layout", f"rg rg-{_slug(span.kind)}", tag="span"))
        if v.layer_ran("entities"):
            for ent in a.entities:
                actor = v.actors.get(ent.actor or "")
                lines = [Line("Text", v.snippet((ent.start, ent.end), 120))]
                if actor:
                    lines.append(Line("Actor", _join(actor.name, actor.type, actor.country), self.actor_link(actor.id)))
                if ent.reading:
                    lines.append(Line("Reading", ent.reading))
                if ent.country and not actor:  # a city or a capital read as a place
                    lines.append(Line("Country", ent.country))
                self._add(Mark(ent.start, ent.end, "entities", f"hl hl-ent en{self.entity_colour[ent.label]}"),
                          Detail(f"Entity · {ent.label}", lines, f"en{self.entity_colour[ent.label]}"))
        if v.layer_ran("quotes"):
            for quote in a.quotes:
                self._quote(quote)
        if v.layer_ran("techniques"):
            for t in a.techniques:
                voice = v.voice_name(t.voice)
                colour = f"tq{self.technique_colour[t.technique]}"
                self._add(Mark(t.start, t.end, "techniques", f"hl hl-tq {colour}"),
                          Detail(f"Technique · {technique_label(t.technique)}",
                                 [Line("Score", f"{t.score:.2f}"),
                                  Line("Voice", "author" if voice == "author" else f"quoted: {voice}"),
                                  Line("Text", v.snippet((t.start, t.end), 160))], colour))
        if v.layer_ran("events"):
            for pos, ev in enumerate(a.events):
                if not ev.cue:
                    continue
                src_key, tgt_key = self.keys["events"].get(pos, (None, None))
                lines = [Line("Who", v.arg_name(ev.source) or "?", actor_href(src_key) if ev.source.actor else None),
                         Line("To whom", shorten(v.arg_name(ev.target), 100) or "?",
                              actor_href(tgt_key) if ev.target.actor else None)]
                flags = _join("negated" if ev.negated else "", ev.modality if ev.modality != "asserted" else "")
                if flags:
                    lines.append(Line("Mode", flags))
                if ev.date:
                    lines.append(Line("Date", ev.date))
                said = v.quotes.get(ev.quote or "")
                if said:
                    lines.append(Line("Said by", v.speaker_name(said), self.quote_href(said)))
                self._add(Mark(ev.cue[0], ev.cue[1], "events", "hl hl-ev"),
                          Detail(f"Event · {ev.type}" + (f" (CAMEO {ev.cameo})" if ev.cameo else ""), lines))

    def quote_href(self, quote) -> Optional[str]:
        return actor_href(self.keys["quotes"].get(quote.id)) if self.stored else None

    def _quote(self, quote) -> None:
        v = self.view
        colour = self.speaker_colour.get(v.speaker_key(quote), 0)
        speaker = v.speaker_name(quote)
        href = self.quote_href(quote)
        lines = [Line("Speaker", speaker, href)]
        if quote.cue:
            lines.append(Line("Cue", v.snippet(quote.cue, 40)))
        parent = v.quotes.get(quote.parent or "")
        if parent:
            lines.append(Line("Inside a quote by", v.speaker_name(parent)))
        lines.append(Line("Confidence", f"{quote.confidence:.2f}"))
        for span in quote.content:
            self._add(Mark(span[0], span[1], "quotes", f"hl hl-q sp{colour} k-{_slug(quote.kind)}"),
                      Detail(f"Quote · {quote.kind}", lines, f"sp{colour}"))
        if quote.cue:
            self._add(Mark(quote.cue[0], quote.cue[1], "cues", "hl hl-cue"),
                      Detail("Quote cue", [Line("Speaker", speaker, href),
                                           Line("Quote", v.quote_text(quote, 200))]))
        for span in quote.source:
            self._add(Mark(span[0], span[1], "cues", "hl hl-src"),
                      Detail("Quote source", [Line("Speaker", speaker, href)]))

    # -- what the template reads -------------------------------------------------
    def text_html(self) -> Markup:
        """The article text with nested marks; render_marked escapes every piece of text."""
        return Markup(render_marked(self.view.text, self.marks, PREFIX))

    def toggles(self) -> list[dict[str, Any]]:
        a, v = self.analysis, self.view
        counts = {"quotes": len(a.quotes), "cues": sum(bool(q.cue) + len(q.source) for q in a.quotes),
                  "entities": len(a.entities), "events": sum(1 for e in a.events if e.cue),
                  "techniques": len(a.techniques)}
        ran = {"cues": v.layer_ran("quotes")}
        return [{"layer": layer, "label": label, "count": counts[layer]}
                for layer, label in LAYERS if ran.get(layer, v.layer_ran(layer))]

    def legend(self) -> dict[str, list[dict[str, Any]]]:
        a = self.analysis
        techniques = Counter(t.technique for t in a.techniques)
        entities = Counter(e.label for e in a.entities)
        return {
            "speakers": [{"name": s["name"], "swatch": f"sp{s['colour']}", "count": len(s["quotes"]),
                          "href": s["href"]} for s in self.speakers],
            "techniques": [{"name": technique_label(n), "swatch": f"tq{self.technique_colour[n]}", "count": c}
                           for n, c in sorted(techniques.items(), key=lambda kv: (-kv[1], kv[0]))],
            "entities": [{"name": n, "swatch": f"en{self.entity_colour[n]}", "count": c}
                         for n, c in sorted(entities.items(), key=lambda kv: (-kv[1], kv[0]))],
        }

    def first_mark(self, layer: str, start: int, end: int) -> Optional[str]:
        for i, m in enumerate(self.marks):
            if m.layer == layer and m.start == start and m.end == end:
                return f"{PREFIX}-s{i}"
        return None

    def who_said_what(self) -> list[dict[str, Any]]:
        v = self.view
        out = []
        for s in self.speakers:
            items = []
            for q in s["quotes"]:
                content = sorted(q.content, key=lambda sp: sp[0])
                items.append({"kind": q.kind, "text": v.quote_text(q, 400),
                              "anchor": self.first_mark("quotes", *content[0][:2]) if content else None,
                              "cue": v.snippet(q.cue, 40) if q.cue else ""})
            out.append({**s, "items": items})
        return out

    def actors(self) -> list[dict[str, Any]]:
        return [{"name": x.name, "facts": _join(x.type, x.country, "local" if x.local else "knowledge base",
                                                f"{len(x.mentions)} mention{'s' if len(x.mentions) != 1 else ''}"),
                 "roles": shorten("; ".join(_join(r.title, r.organization) for r in x.roles[:3]), 160),
                 "href": self.actor_link(x.id)}
                for x in sorted(self.analysis.actors, key=lambda x: (-len(x.mentions), x.name))]

    def events(self) -> list[dict[str, Any]]:
        v = self.view
        rows = []
        for pos, ev in enumerate(self.analysis.events):
            src_key, tgt_key = self.keys["events"].get(pos, (None, None))
            said = v.quotes.get(ev.quote or "")
            rows.append({"who": v.arg_name(ev.source) or "?", "who_href": actor_href(src_key) if ev.source.actor else None,
                         "type": ev.type, "cameo": ev.cameo, "negated": ev.negated,
                         "modality": ev.modality if ev.modality != "asserted" else "",
                         "whom": shorten(v.arg_name(ev.target), 100) or "?",
                         "whom_href": actor_href(tgt_key) if ev.target.actor else None,
                         "date": ev.date, "said_by": v.speaker_name(said) if said else "",
                         "anchor": self.first_mark("events", *ev.cue[:2]) if ev.cue else None,
                         "order": (ev.evidence or ev.cue or [0])[0]})
        return sorted(rows, key=lambda r: r["order"])

    def stances(self) -> list[dict[str, Any]]:
        v = self.view
        rows = []
        for pos, st in enumerate(self.analysis.stances):
            src_key, tgt_key = self.keys["stances"].get(pos, (None, None))
            rows.append({"source": v.actor_name(st.source), "source_href": actor_href(src_key),
                         "attitude": st.attitude,
                         "target": v.actor_name(st.target.actor) or shorten(st.target.text or "", 100) or "?",
                         "target_href": actor_href(tgt_key) if st.target.actor else None,
                         "confidence": st.confidence,
                         "evidence": [v.snippet(s, 220) for s in st.evidence[:2]]})
        return sorted(rows, key=lambda r: (r["source"], r["attitude"]))

    def techniques(self) -> list[dict[str, Any]]:
        return [{"name": technique_label(n), "swatch": f"tq{self.technique_colour[n]}", "total": total,
                 "author": author, "quoted": quoted}
                for n, total, author, quoted in self.view.technique_counts()]

    def entity_groups(self) -> list[tuple[str, int, str]]:
        return self.view.entity_groups(12)

    def layer_ran(self, layer: str) -> bool:
        return self.view.layer_ran(layer)


def _join(*parts: Optional[str]) -> str:
    return " · ".join(p for p in parts if p)


def _slug(value: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in (value or "x").lower())[:24]
