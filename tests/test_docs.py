"""Docs that must stay true: the CLI reference matches --help; the README starts with the two commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_matches_help():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "cli_docs.py"), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_readme_starts_with_demo_and_test_commands():
    head = (ROOT / "README.md").read_text("utf-8").splitlines()[:8]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


def test_every_layer_and_command_is_documented():
    from presswatch.cli import COMMANDS, GROUPS
    from presswatch.pipeline import LAYERS

    readme = (ROOT / "README.md").read_text("utf-8")
    for component, _module, _where in LAYERS.values():
        assert f"`{component}`" in readme
    cli_doc = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for name in COMMANDS:
        assert f"## `presswatch {name}`" in cli_doc
    for group, targets in GROUPS.items():
        for target in targets:
            assert f"## `presswatch {group} {target}`" in cli_doc


def test_api_reference_names_exist():
    import re

    import presswatch
    from presswatch.ingest import read_inputs  # noqa: F401 - the page imports it

    doc = (ROOT / "docs" / "api.md").read_text("utf-8")
    for name in set(re.findall(r"presswatch\.([A-Za-z_]\w*)\b(?!\.)", doc)) - {"ingest"}:
        assert hasattr(presswatch, name), name
    methods = set(re.findall(r"`\.(\w+)\(", doc))  # `.pipe(items)`, not file suffixes like `.html`
    assert methods, "the page lists no methods"
    for method in methods:
        assert any(hasattr(cls, method) for cls in (presswatch.Analyzer, presswatch.Corpus)), method
