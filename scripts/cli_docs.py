"""Write docs/cli.md from the CLI's own --help output (the docs test compares them).

    python scripts/cli_docs.py            # rewrite docs/cli.md
    python scripts/cli_docs.py --check    # exit 1 when docs/cli.md is out of date
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
INTRO = """# Command line reference

Generated from the CLI's `--help` output by `python scripts/cli_docs.py`; the test suite checks
that this page matches the installed CLI. Exit status everywhere: 0 success, 1 when some input or
document failed (each reported on stderr in one line), 2 for usage and configuration errors.
"""


def _parsers():
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal width
    from presswatch.cli import build_parser

    root = build_parser()
    yield "presswatch", root
    sub = next(a for a in root._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, parser in sub.choices.items():
        yield f"presswatch {name}", parser
        nested = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
        for action in nested:
            for target, child in action.choices.items():
                yield f"presswatch {name} {target}", child


def render() -> str:
    parts = [INTRO]
    for title, parser in _parsers():
        parser.prog = title
        parts.append(f"\n## `{title}`\n\n```text\n{parser.format_help().rstrip()}\n```\n")
    return "".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render()
    if args.check:
        if DOC.read_text("utf-8") != text:
            print("docs/cli.md is out of date: run python scripts/cli_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
