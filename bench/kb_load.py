"""Knowledge-base load time, an earlier revision against the working tree, in one process.

    .venv/bin/python bench/kb_load.py --before REV

Reads ``src/presswatch/kb.py`` and ``data/kb/generated/*.jsonl`` of git revision REV into a
temporary folder and times loading them (with the working tree's curated files) against the
working tree's kb.py and generated files: best of N runs each, interleaved, caches cleared.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATED = "src/presswatch/data/kb/generated"


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _old_module(rev: str, folder: Path):
    src = _git("show", f"{rev}:src/presswatch/kb.py")
    path = folder / "kb_before.py"
    path.write_text(src.replace("from .errors", "from presswatch.errors").replace("from .types", "from presswatch.types"))
    spec = importlib.util.spec_from_file_location("kb_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["kb_before"] = module
    spec.loader.exec_module(module)
    gen = folder / "generated"
    gen.mkdir()
    for name in _git("ls-tree", "--name-only", f"{rev}:{GENERATED}").split():
        if name.endswith(".jsonl"):
            (gen / name).write_text(_git("show", f"{rev}:{GENERATED}/{name}"), encoding="utf-8")
    module.GENERATED = gen
    return module


def _time(kb) -> tuple[float, int]:
    for f in ("norm", "_tok_key", "title_function"):
        getattr(kb, f).cache_clear()
    kb._load.cache_clear()
    t = time.perf_counter()
    base = kb._load(())
    return time.perf_counter() - t, len(base.entries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, metavar="REV", help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from presswatch import kb as after

    with tempfile.TemporaryDirectory() as tmp:
        before = _old_module(args.before, Path(tmp))
        before.CURATED = after.CURATED
        tb, ta = [], []
        for _ in range(args.runs):
            tb.append(_time(before))
            ta.append(_time(after))
    (b, nb), (a, na) = min(tb), min(ta)
    print(f"before ({args.before}) {b:.3f} s, {nb} actors; after {a:.3f} s, {na} actors; after/before {a / b:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
