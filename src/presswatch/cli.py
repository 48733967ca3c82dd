"""The ``presswatch`` command line: a thin layer over the Python API.

Exit status: 0 all inputs done, 1 some inputs failed, 2 usage or configuration error.
Errors are one line on stderr (``presswatch: SOURCE: [CODE] reason``); ``--debug``
shows tracebacks. Subcommands other than ``analyze`` live in their own modules
and are listed in ``COMMANDS``; each module defines ``add_arguments(parser)``
and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Iterable

from . import __version__
from .errors import AnalysisFailed, ConfigError, InputError, ModelError, OutputError, PresswatchError

# name -> (module, help). Groups ("eval", "train") hold one entry per target.
COMMANDS: dict[str, tuple[str, str]] = {
    "ingest": ("presswatch.cli_corpus", "analyse inputs into a corpus database"),
    "search": ("presswatch.cli_corpus", "full-text search over a corpus"),
    "actor": ("presswatch.cli_corpus", "an actor's profile in a corpus"),
    "stances": ("presswatch.cli_corpus", "aggregated stance edges of a corpus"),
    "export": ("presswatch.cli_corpus", "export analyses or the stance graph"),
    "serve": ("presswatch.web", "REST API and web UI over a corpus"),
}
GROUPS: dict[str, dict[str, tuple[str, str]]] = {
    "eval": {
        "quotes": ("presswatch.eval_quotes", "quote attribution on PolNeAR"),
        "techniques": ("presswatch.eval_techniques", "persuasion techniques on PTC"),
        "events": ("presswatch.eval_events", "event coding on PLOVER/PETRARCH2 gold"),
        "actors": ("presswatch.eval_actors", "entity linking on the gold set"),
        "ner": ("presswatch.eval_ner", "NER on CoNLL-2003"),
    },
    "train": {
        "techniques": ("presswatch.train_techniques", "train the persuasion-technique model on PTC"),
        "quotes": ("presswatch.train_quotes", "train the quote model on PolNeAR"),
    },
    "kb": {
        "build": ("presswatch.kb_build", "rebuild the actor knowledge base from gazetteers"),
    },
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: one line, status 2
        self.exit(2, f"presswatch: error: {message}\n")


def _present(name: str) -> bool:
    """Whether a command's module is installed, without importing it."""
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _chosen(argv: list[str] | None) -> tuple[str | None, str | None] | None:
    """(command, target) named in ``argv``; None means "build every subcommand" (docs, tests)."""
    if argv is None:
        return None
    words = [a for a in argv if not a.startswith("-")]
    return (words[0] if words else None), (words[1] if len(words) > 1 else None)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole CLI; with ``argv``, only the subcommand it names gets its arguments and its
    module imported (the others are listed with their help), so ``--help`` and the corpus
    queries do not pay for loading spaCy and torch."""
    chosen = _chosen(argv)
    parser = _Parser(prog="presswatch", description="Evidence-linked facts from news articles.")
    parser.add_argument("--version", action="version", version=f"presswatch {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("analyze", help="analyse articles and print or write a report",
                       description="Analyse articles (files, folders, globs, URLs, .jsonl, - for stdin).")
    add_analyze_arguments(p)
    p.set_defaults(func=run_analyze)

    for name, (module_name, help_text) in COMMANDS.items():
        if not _present(module_name):
            continue
        p = sub.add_parser(name, help=help_text, description=help_text)
        if chosen is None or chosen[0] == name:
            module = importlib.import_module(module_name)
            getattr(module, f"add_{name}_arguments")(p)
            p.set_defaults(func=getattr(module, f"run_{name}"))

    for group, targets in GROUPS.items():
        present = {t: (m, h) for t, (m, h) in targets.items() if _present(m)}
        if not present:
            continue
        gp = sub.add_parser(group, help=f"{group}: " + ", ".join(present))
        gsub = gp.add_subparsers(dest="target", metavar="TARGET", parser_class=_Parser)
        gsub.required = True
        for target, (module_name, help_text) in present.items():
            tp = gsub.add_parser(target, help=help_text, description=help_text)
            if chosen is None or chosen == (group, target):
                module = importlib.import_module(module_name)
                module.add_arguments(tp)
                tp.set_defaults(func=module.run)
    return parser


def add_analyze_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="file, folder, glob, URL, .json or .jsonl file, or - (stdin)")
    p.add_argument("--format", choices=["text", "json", "jsonl", "html", "csv"], default=None,
                   help="report format (default: text on a terminal, else json)")
    p.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline to use (default from config)")
    p.add_argument("--config", metavar="FILE", help="TOML configuration file")
    p.add_argument("--layer", action="append", metavar="LAYER",
                   help="CSV table of this layer (entities, actors, quotes, events, stances, techniques); "
                        "repeat for several; implies --format csv")
    p.add_argument("--max-chars", type=int, metavar="N", help="refuse documents longer than N characters")
    p.add_argument("--allow-private", action="store_true",
                   help="allow fetching URLs on loopback, private, link-local or reserved addresses")


def _progress(items: list, enabled: bool):
    """Wrap an iterable with a rich progress bar on stderr when it is a terminal."""
    if not enabled:
        yield from items
        return
    from rich.progress import Progress

    from rich.console import Console

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("analysing", total=len(items))
        for item in items:
            yield item
            progress.advance(task)


def run_analyze(args: argparse.Namespace) -> int:
    from .config import load_config
    from .ingest import read_inputs
    from .pipeline import Analyzer

    overrides = {"ingest": {}}
    if args.max_chars is not None:
        overrides["ingest"]["max_chars"] = args.max_chars
    if args.allow_private:
        overrides["ingest"]["allow_private"] = True
    config = load_config(args.config, overrides)
    check_output(args.output, args.inputs)  # before the analysis, not after minutes of it
    if args.layer:  # checked first too: an ignored --layer would hand over the wrong table
        from .export_csv import COLUMNS

        if args.format not in (None, "csv"):
            raise ConfigError(f"--layer only applies to --format csv, not --format {args.format}")
        unknown = [name for name in args.layer if name not in COLUMNS]
        if unknown:
            raise ConfigError(f"unknown CSV layer(s) {', '.join(unknown)}; choose from {', '.join(COLUMNS)}")
    fmt = args.format or ("csv" if args.layer else "text" if sys.stdout.isatty() and not args.output else "json")

    failures = 0

    def report(source: str, exc: PresswatchError) -> None:
        nonlocal failures
        failures += 1
        print(f"presswatch: {source}: {exc}", file=sys.stderr)

    articles = []
    for item in read_inputs(args.inputs, config):
        if isinstance(item, InputError):
            report(item.source or "?", item)
        else:
            articles.append(item)
    analyses = []
    if articles:
        analyzer = Analyzer(config, model=args.model)
        show = len(articles) > 1 and sys.stderr.isatty()
        for article in _progress(articles, show):
            source = article.source or "?"
            try:
                analysis = analyzer.analyze(article)
            except InputError as exc:
                report(source, exc)
                continue
            except Exception as exc:  # one document must not sink the batch
                if args.debug:
                    raise
                report(source, AnalysisFailed(f"analysis failed: {type(exc).__name__}: {exc}".splitlines()[0]))
                continue
            analyses.append(analysis)
            for warning in analysis.meta.get("warnings", []):
                if warning.startswith("W001"):
                    print(f"presswatch: {source}: warning: {warning}", file=sys.stderr)
    if failures and not analyses and args.output:
        # a report of nothing must not replace what -o held (a previous run's report)
        print(f"presswatch: every input failed; {args.output} left as it was", file=sys.stderr)
        return 1
    write_report(analyses, fmt, args.output, layers=args.layer)
    return 1 if failures else 0


def write_report(analyses: list, fmt: str, output: str | None, layers: Iterable[str] | None = None) -> None:
    if fmt == "html":
        from .report_html import render_html

        _write(render_html(analyses), output)
    elif fmt == "text":
        from .report_text import render_text

        if output:
            from rich.console import Console

            try:
                with open(output, "w", encoding="utf-8") as fh:
                    render_text(analyses, Console(file=fh, width=110, color_system=None))
            except OSError as exc:
                raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
        else:
            render_text(analyses)
    elif fmt == "csv":
        from .export_csv import render_csv

        _write(render_csv(analyses, layers or ["entities"]), output)
    elif fmt == "jsonl":
        _write("".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in analyses), output)
    else:  # json: one object for one document, a list for several
        data = analyses[0].to_dict() if len(analyses) == 1 else [a.to_dict() for a in analyses]
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)


def check_output(output: str | None, inputs: Iterable[str] = ()) -> None:
    """Refuse an ``-o`` path that cannot be written, or that is one of the ``inputs`` files
    (the report would replace the article; OutputError, exit status 2)."""
    if not output:
        return
    path = Path(output)
    for item in inputs:
        try:
            same = Path(item).is_file() and path.exists() and path.samefile(item)
        except OSError:
            same = False
        if same:
            raise OutputError(f"cannot write {output}: it is an input (the report would replace it)")
    if path.is_dir():
        raise OutputError(f"cannot write {output}: it is a folder")
    if not path.parent.is_dir():
        raise OutputError(f"cannot write {output}: folder {path.parent} does not exist")
    if not os.access(path if path.exists() else path.parent, os.W_OK):
        raise OutputError(f"cannot write {output}: permission denied")


def _write(text: str, output: str | None) -> None:
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:  # the checks above passed, but the write failed (disk full, races)
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    else:
        sys.stdout.write(text)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except BrokenPipeError:  # a closed stdout (``| head``) ends any command quietly, not with a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (ConfigError, ModelError) as exc:
        if args.debug:
            raise
        print(f"presswatch: error: {exc}", file=sys.stderr)
        return 2
    except PresswatchError as exc:
        if args.debug:
            raise
        print(f"presswatch: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
