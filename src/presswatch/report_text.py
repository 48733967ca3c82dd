"""The terminal report: one readable rich report per analysis.

Metadata first, then one section per layer: entities by type, quotes by
speaker, actors, events ("who does what to whom"), the stance summary and
persuasion techniques (counts per technique and voice, strongest examples).
A layer that ran without results shows "none"; a layer that did not run
(``Analysis.meta["layers"]``) is left out. All article text goes to rich as
:class:`rich.text.Text`, never as markup, so brackets in an article print as
they are. Long texts are shortened to one line; the JSON output has them whole.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .export_csv import AnalysisView, shorten, technique_label
from .types import Analysis


class StdoutConsole(Console):
    """A rich console whose closed output raises :class:`BrokenPipeError`.

    rich's own handler exits with status 1; raising instead lets
    ``presswatch.cli.main`` end every command the same quiet way (status 0).
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError("stdout closed")

LAYOUT_ORDER = ("title", "dateline", "byline", "body", "boilerplate")
MAX_UNIQUE = 10  # unique entity texts listed per type
MAX_QUOTE = 300  # characters of quote content shown
MAX_EXAMPLES = 5  # strongest technique examples


def render_text(analyses: list[Analysis], console: Optional[Console] = None) -> None:
    """Print a report for each analysis to ``console`` (stdout by default)."""
    console = console or StdoutConsole()
    if not analyses:
        console.print(Text("No articles were analysed.", style="dim"))
        return
    for i, analysis in enumerate(analyses):
        if i:
            console.print()
        _report(console, AnalysisView(analysis))


def layout_summary(analysis: Analysis) -> str:
    """``"title 1 · dateline 1 · body 9 · boilerplate 1"`` (kinds in reading order)."""
    counts = Counter(span.kind for span in analysis.article.layout)
    kinds = [k for k in LAYOUT_ORDER if k in counts] + sorted(k for k in counts if k not in LAYOUT_ORDER)
    return " · ".join(f"{k} {counts[k]}" for k in kinds) or "not detected"


def _report(console: Console, view: AnalysisView) -> None:
    article = view.article
    heading = article.title or article.source or article.id[:12] or "untitled article"
    console.rule(Text(shorten(heading, 100), style="bold"))
    console.print(_metadata(view))
    sections = [
        ("entities", "Entities", len(view.analysis.entities), _entities),
        ("quotes", "Quotes by speaker", len(view.analysis.quotes), _quotes),
        ("actors", "Actors", len(view.analysis.actors), _actors),
        ("events", "Who does what to whom", len(view.analysis.events), _events),
        ("stances", "Stances", len(view.analysis.stances), _stances),
        ("techniques", "Persuasion techniques", len(view.analysis.techniques), _techniques),
    ]
    for layer, title, count, build in sections:
        if not view.layer_ran(layer):
            continue
        console.print()
        console.print(Text.assemble((title, "bold cyan"), (f"  {count}", "dim")))
        if count == 0:
            console.print(Text("  none found", style="dim"))
        else:
            for renderable in build(view):
                console.print(renderable)


def _metadata(view: AnalysisView) -> Table:
    article, meta = view.article, view.analysis.meta
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    rows = [
        ("Source", article.source),
        ("Outlet", article.outlet),
        ("URL", article.url),
        ("Published", article.published or "unknown"),
        ("Authors", ", ".join(article.authors) or "none found"),
        ("Language", article.language or "unknown"),
        ("Encoding", article.encoding),
        ("Layout", layout_summary(view.analysis)),
        ("Characters", f"{len(view.text):,}"),
        ("Model", " ".join(x for x in (meta.get("model"), f"presswatch {meta['version']}" if meta.get("version") else None) if x)),
        ("Layers", ", ".join(meta["layers"]) if meta.get("layers") else None),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, Text(str(value)))
    for warning in meta.get("warnings", []):
        grid.add_row(Text("Warning", style="bold yellow"), Text(str(warning), style="yellow"))
    return grid


def _table(*columns: str, **kwargs) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, header_style="bold", **kwargs)
    for column in columns:
        table.add_column(column)
    return table


def _share(table: Table, ratios: dict[int, int]) -> None:
    """Let the given columns share the width by ratio; the others keep their natural width."""
    table.expand = True
    for i, column in enumerate(table.columns):
        if i in ratios:
            column.ratio = ratios[i]
        else:
            column.no_wrap = True


def _entities(view: AnalysisView):
    table = _table("Type", "Count", "Unique texts")
    table.columns[1].justify = "right"
    for label, count, shown in view.entity_groups(MAX_UNIQUE):
        table.add_row(label, str(count), Text(shown))
    yield table


def _quotes(view: AnalysisView):
    table = _table("Speaker", "Kind", "Cue", "Quote", "Inside quote by")
    _share(table, {0: 2, 2: 2, 3: 6, 4: 2})
    groups = view.speakers()
    for g, (_, name, quotes) in enumerate(groups):
        for i, quote in enumerate(quotes):
            parent = view.quotes.get(quote.parent or "")
            inside = view.speaker_name(parent) if parent else (quote.parent or "")
            table.add_row(
                Text(name, style="bold") if i == 0 else "",
                quote.kind,
                Text(view.snippet(quote.cue, 40)),
                Text(view.quote_text(quote, MAX_QUOTE)),
                Text(inside),
                end_section=(i == len(quotes) - 1 and g < len(groups) - 1),
            )
    yield table


def _actors(view: AnalysisView):
    table = _table("Name", "Type", "Country", "Roles", "Known", "Mentions")
    table.columns[5].justify = "right"
    for actor in sorted(view.analysis.actors, key=lambda a: (-len(a.mentions), a.name)):
        roles = "; ".join(", ".join(x for x in (r.title, r.organization) if x) for r in actor.roles[:3])
        table.add_row(Text(actor.name, style="bold"), actor.type, actor.country or "",
                      Text(shorten(roles, 80)), "local" if actor.local else "KB", str(len(actor.mentions)))
    yield table


def _events(view: AnalysisView):
    table = _table("Source", "Event", "Target", "Negated", "Modality", "Date", "Said by")
    _share(table, {0: 2, 2: 3, 6: 2})
    for event in sorted(view.analysis.events, key=lambda e: (e.evidence or e.cue or [0])[0]):
        label = event.type + (f" ({event.cameo})" if event.cameo else "")
        quote = view.quotes.get(event.quote or "")
        table.add_row(
            Text(view.arg_name(event.source) or "?"),
            Text(label, style="bold"),
            Text(shorten(view.arg_name(event.target), 80) or "?"),
            Text("not", style="red") if event.negated else "",
            event.modality,
            event.date or "",
            Text(view.speaker_name(quote)) if quote else (event.quote or ""),
        )
    yield table


def _stances(view: AnalysisView):
    table = _table("Source", "Attitude", "Target", "Evidence", "Confidence")
    table.columns[3].justify = table.columns[4].justify = "right"
    for stance in sorted(view.analysis.stances, key=lambda s: (view.actor_name(s.source), s.attitude)):
        target = view.actor_name(stance.target.actor) or shorten(stance.target.text or "", 80)
        style = {"support": "green", "oppose": "red"}.get(stance.attitude, "")
        table.add_row(Text(view.actor_name(stance.source), style="bold"), Text(stance.attitude, style=style),
                      Text(target or "?"), str(len(stance.evidence)), f"{stance.confidence:.2f}")
    yield table


def _techniques(view: AnalysisView):
    table = _table("Technique", "Total", "Author", "Quoted speakers")
    table.columns[1].justify = table.columns[2].justify = "right"
    for name, total, author, quoted in view.technique_counts():
        table.add_row(technique_label(name), str(total), str(author), Text(quoted))
    yield table
    yield Text("Strongest examples", style="bold")
    examples = _table("Score", "Technique", "Voice", "Text")
    _share(examples, {2: 1, 3: 4})
    for t in sorted(view.analysis.techniques, key=lambda t: (-t.score, t.start))[:MAX_EXAMPLES]:
        examples.add_row(f"{t.score:.2f}", technique_label(t.technique), Text(view.voice_name(t.voice)),
                         Text(view.snippet((t.start, t.end), 160)))
    yield examples


__all__ = ["render_text", "layout_summary"]
