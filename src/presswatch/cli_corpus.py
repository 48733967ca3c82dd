"""Corpus subcommands: ``presswatch ingest | search | actor | stances | export``.

Each has ``add_<name>_arguments(parser)`` and ``run_<name>(args) -> int``
(wired by :mod:`presswatch.cli`). All take ``--db URL`` (default
``sqlite:///presswatch.db``, or ``$PRESSWATCH_DB``). Exit status: 0 success, 1
when some input failed (ingest) or nothing matched (actor), 2 usage errors, 143 when ingest was
stopped by SIGTERM (130 for Ctrl-C).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape

from .ingest_batch import Terminated
from .store import DEFAULT_URL
from .store_query import HL_END, HL_START, TABLES

_OUT_FORMATS = ["text", "json", "jsonl", "csv"]


def _db_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", default=os.environ.get("PRESSWATCH_DB", DEFAULT_URL),
                   help="sqlite:///FILE.db (default: sqlite:///presswatch.db, or $PRESSWATCH_DB) "
                        "or postgresql://USER@HOST/DB")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return n


def _corpus(args: argparse.Namespace, **kwargs: Any):
    """The corpus of a query or export command. A SQLite file that does not exist is an error:
    opening it would create an empty store, and a misspelt --db would answer "no hits"."""
    from pathlib import Path

    from .corpus import Corpus
    from .errors import StoreError
    from .store import sqlite_path

    path = sqlite_path(args.db)
    if path is not None and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no corpus at {path}; create one with: presswatch ingest INPUT... --db {args.db}")
    return Corpus(args.db, **kwargs)


def _marks(text: str | None, start: str, end: str) -> str:
    return (text or "").replace(HL_START, start).replace(HL_END, end)


def _console() -> Console:
    from .report_text import StdoutConsole

    return StdoutConsole(highlight=False, soft_wrap=True)


# -- ingest ---------------------------------------------------------------------------

def add_ingest_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="file, folder, glob, URL, .json or .jsonl file, or - (stdin)")
    _db_argument(p)
    p.add_argument("--workers", type=_positive, default=1, metavar="N",
                   help="analyse in N processes (or N Ray actors), each loading the models once")
    p.add_argument("--executor", choices=["local", "ray"], default="local",
                   help="local processes (default) or Ray")
    p.add_argument("--ray-address", metavar="ADDR", help="Ray cluster to join (default: start a local Ray)")
    p.add_argument("--reanalyze", action="store_true",
                   help="redo articles analysed by another pipeline version")
    p.add_argument("--batch-size", type=_positive, default=8, metavar="N", help="documents per task (default 8)")
    p.add_argument("--progress", choices=["auto", "bar", "log", "none"], default="auto",
                   help="progress bar on a terminal, log lines otherwise (auto)")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default from config)")
    p.add_argument("--config", metavar="FILE", help="TOML configuration file")
    p.add_argument("--max-chars", type=int, metavar="N", help="refuse documents longer than N characters")
    p.add_argument("--allow-private", action="store_true",
                   help="allow fetching URLs on loopback, private, link-local or reserved addresses")
    p.add_argument("--log-every", type=float, default=10.0, metavar="SECONDS",
                   help="seconds between progress log lines when not on a terminal (default 10)")
    p.add_argument("--summary-json", action="store_true", help="print the summary as JSON on stdout")


def run_ingest(args: argparse.Namespace) -> int:
    from .config import load_config
    from .corpus import Corpus

    if args.ray_address and args.executor != "ray":
        from .errors import ConfigError

        raise ConfigError("--ray-address needs --executor ray")
    overrides: dict[str, Any] = {"ingest": {}}
    if args.max_chars is not None:
        overrides["ingest"]["max_chars"] = args.max_chars
    if args.allow_private:
        overrides["ingest"]["allow_private"] = True
    config = load_config(args.config, overrides)
    try:
        with Corpus(args.db, config=config, model=args.model) as corpus:
            summary = corpus.ingest(args.inputs, workers=args.workers, executor=args.executor,
                                    ray_address=args.ray_address, reanalyze=args.reanalyze,
                                    batch_size=args.batch_size, progress=args.progress, log_every=args.log_every,
                                    command="presswatch " + " ".join(sys.argv[1:]))
    except Terminated:
        print("presswatch ingest: terminated (SIGTERM); the run is marked interrupted, what was stored stays; "
              "run the same command again to continue", file=sys.stderr)
        return 128 + signal.SIGTERM
    for source, code, message in summary.errors:
        print(f"presswatch: {source}: [{code}] {message}", file=sys.stderr)
    if summary.failed > len(summary.errors):
        print(f"presswatch: ... {summary.failed - len(summary.errors)} more failures in the errors table "
              f"(run {summary.run_id})", file=sys.stderr)
    print(f"presswatch ingest: {summary.line()}", file=sys.stderr)
    if args.summary_json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
    return 1 if summary.failed else 0


# -- search ---------------------------------------------------------------------------

def add_search_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY", help='words, "a phrase", OR, -excluded')
    _db_argument(p)
    p.add_argument("--speaker", metavar="NAME", help="only quotes by this speaker")
    p.add_argument("--actor", metavar="NAME", help="only articles that mention this actor")
    p.add_argument("--technique", metavar="T", help="only articles (or quotes) with this persuasion technique")
    p.add_argument("--outlet", metavar="X", help="only articles of this outlet")
    p.add_argument("--since", metavar="DATE", help="published on or after (YYYY[-MM[-DD]])")
    p.add_argument("--until", metavar="DATE", help="published on or before (YYYY[-MM[-DD]])")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="hits to show (default 20, max 1000)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N hits")
    p.add_argument("--format", choices=_OUT_FORMATS, default="text")


def _hit_row(hit: dict[str, Any]) -> dict[str, Any]:
    art, quote = hit["article"], hit["quote"] or {}
    return {"rank": hit["rank"], "score": hit["score"], "kind": hit["kind"], "speaker": hit["speaker"] or "",
            "snippet": _marks(hit["snippet"], "**", "**"), "article_id": art["id"], "source": art["source"],
            "title": art["title"], "published": art["published"], "outlet": art["outlet"],
            "quote_id": quote.get("id", ""), "quote": quote.get("text", "")}


def run_search(args: argparse.Namespace) -> int:
    with _corpus(args) as corpus:
        hits = corpus.search(args.query, speaker=args.speaker, actor=args.actor, technique=args.technique,
                             outlet=args.outlet, since=args.since, until=args.until, limit=args.limit,
                             offset=args.offset)
    for hit in hits:
        hit["snippet"] = _marks(hit["snippet"], "**", "**") if args.format != "text" else hit["snippet"]
    if not _emit(args.format, hits, _hit_row):
        console = _console()
        if not hits:
            console.print("no hits")
        for hit in hits:
            art = hit["article"]
            who = f" [bold]{escape(hit['speaker'] or '?')}[/]:" if hit["kind"] == "quote" else ""
            console.print(f"{hit['rank']:>3}. [dim]{hit['kind']}[/]{who} "
                          + _marks(escape(hit["snippet"] or ""), "[bold yellow]", "[/]"))
            meta = " · ".join(escape(x) for x in (art["title"], art["published"], art["outlet"], art["source"]) if x)
            console.print(f"     [dim]{meta}[/]")
    return 0


def _emit(fmt: str, items: list[dict[str, Any]], csv_row) -> bool:
    """Print ``items`` as json, jsonl or csv (``csv_row`` flattens one item); False for "text"."""
    if fmt == "json":
        print(json.dumps(items, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for item in items:
            print(json.dumps(item, ensure_ascii=False))
    elif fmt == "csv":
        _csv([csv_row(item) for item in items])
    else:
        return False
    return True


def _csv(rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    from .export_csv import formula_safe

    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows({k: formula_safe(v) for k, v in row.items()} for row in rows)


# -- actor --------------------------------------------------------------------------------

def add_actor_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", metavar="NAME", help="actor name, alias or id")
    _db_argument(p)
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="quotes and examples to list")
    p.add_argument("--format", choices=["text", "json"], default="text")


def run_actor(args: argparse.Namespace) -> int:
    with _corpus(args) as corpus:
        profile = corpus.actor(args.name, limit=args.limit)
    if profile is None:
        print(f"presswatch: no actor matches {args.name!r}", file=sys.stderr)
        return 1
    if args.format == "json":
        print(json.dumps(profile, ensure_ascii=False, indent=2))
        return 0
    c = _console()
    a = profile["actor"]
    c.print(f"[bold]{escape(a['name'])}[/] [dim]({escape(a['key'])}; {escape(a['type'] or '?')}"
            f"{'; ' + escape(a['country']) if a['country'] else ''}{'; local' if a['local'] else ''})[/]")
    when = f"{profile['first']} to {profile['last']}" if profile["first"] else "no dated article"
    c.print(f"{profile['articles']} articles, {profile['mentions']} mentions, {when}")
    for role in a["roles"]:
        span = " - ".join(x for x in (role.get("start"), role.get("end")) if x)
        c.print("  role: " + escape(", ".join(x for x in (role.get("title"), role.get("organization"),
                                                           role.get("country"), span) if x)))
    if profile["other_matches"]:
        c.print("[dim]also matches: " + escape(", ".join(f"{m['name']} ({m['key']})"
                                                         for m in profile["other_matches"])) + "[/]")
    c.print(f"\n[bold]Quotes[/] ({profile['quotes_total']})")
    if profile["quotes_by_month"]:
        c.print("  by month: " + ", ".join(f"{m['month']}: {m['quotes']}" for m in profile["quotes_by_month"]))
    for q in profile["quotes"]:
        # escaped: rich took "[direct]" for a style tag and printed nothing
        c.print(f"  {q['article']['published'] or 'undated'} " + escape(f"[{q['kind']}] {q['text'] or ''}"))
    for side in ("source", "target"):
        c.print(f"\n[bold]Events as {side}[/]: " + ", ".join(f"{e['type']} {e['count']}"
                                                            for e in profile[f"events_as_{side}"]))
        stance_list = profile[f"stances_as_{side}"]
        c.print(f"[bold]Stances as {side}[/]:")
        for e in stance_list:
            c.print(f"  {escape(e['source_name'])} {e['attitude']} {escape(e['target_name'])} x{e['count']}")
    c.print("\n[bold]Techniques in their quotes[/]: "
            + ", ".join(f"{t['technique']} {t['count']}" for t in profile["techniques_in_quotes"]))
    return 0


# -- stances -------------------------------------------------------------------------------

def add_stances_arguments(p: argparse.ArgumentParser) -> None:
    _db_argument(p)
    p.add_argument("--source", metavar="X", help="stance holder (name substring or actor id)")
    p.add_argument("--target", metavar="Y", help="stance target (name substring or actor id)")
    p.add_argument("--attitude", choices=["support", "oppose"])
    p.add_argument("--since", metavar="DATE")
    p.add_argument("--until", metavar="DATE")
    p.add_argument("--limit", type=_positive, default=50, metavar="N")
    p.add_argument("--examples", type=int, default=1, metavar="K", help="example evidence per edge (default 1)")
    p.add_argument("--format", choices=_OUT_FORMATS, default="text")


def run_stances(args: argparse.Namespace) -> int:
    with _corpus(args) as corpus:
        edges = corpus.stances(args.source, args.target, attitude=args.attitude, since=args.since,
                               until=args.until, limit=args.limit, examples=args.examples)
    if not _emit(args.format, edges, lambda e: {**{k: v for k, v in e.items() if k != "examples"},
                                                 "example": (e.get("examples") or [{}])[0].get("evidence", "")}):
        c = _console()
        if not edges:
            c.print("no stances")
        for e in edges:
            c.print(f"[bold]{escape(e['source_name'])}[/] {e['attitude']} [bold]{escape(e['target_name'])}[/]: "
                    f"{e['count']} in {e['articles']} articles, {e['first'] or '?'} to {e['last'] or '?'}")
            for ex in e.get("examples", []):
                c.print(f"    \u201c{escape(ex['evidence'] or '')}\u201d [dim]{escape(ex['article']['title'] or '')}"
                        f" {ex['article']['published'] or ''}[/]")
    return 0


# -- export ---------------------------------------------------------------------------------

def add_export_arguments(p: argparse.ArgumentParser) -> None:
    _db_argument(p)
    p.add_argument("--format", choices=["jsonl", "csv", "parquet", "graphml"], default="jsonl")
    p.add_argument("--table", choices=["analyses", *TABLES], default=None,
                   help="what to export (default: analyses for jsonl, articles for csv/parquet); "
                        "graphml always writes the actor-stance graph")
    p.add_argument("-o", "--output", metavar="PATH", help="write here (default stdout; required for parquet)")


def run_export(args: argparse.Namespace) -> int:
    from .cli import check_output
    from .errors import ConfigError

    table = args.table or ("analyses" if args.format == "jsonl" else "articles")
    if args.format == "parquet" and not args.output:
        raise ConfigError("--format parquet needs -o FILE")
    check_output(args.output)
    with _corpus(args) as corpus:
        out = args.output if args.output else (sys.stdout.buffer if args.format == "graphml" else sys.stdout)
        n = corpus.export(out, format=args.format, table=table)
    what = "stance edges" if args.format == "graphml" else f"{table} rows"
    print(f"presswatch export: {n} {what}" + (f" to {args.output}" if args.output else ""), file=sys.stderr)
    return 0
