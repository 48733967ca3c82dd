"""Ingestion throughput: `presswatch ingest` with 1 and N workers against single-process analyze.

    .venv/bin/python bench/ingest.py [--limit 200] [--workers 1,2] [--config FILE] [--layers L1,L2]
                                     [--keep-db DIR]

Reads the UN General Debate speeches (../shared/data/ungdc-speeches-2014-2023,
1,941 files) or --data DIR; --limit N takes N files spread evenly over the
sorted list (every k-th file), so every session is represented. All runs see the
same articles. The baseline is ``Analyzer.pipe_articles`` over them in this
process (no store); each ingest run writes a fresh SQLite database. Every timing
includes loading the models, as a user's run does. Prints docs/s and the ratios
(ingest N workers / analyze, N workers / 1 worker), and a JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ungdc-speeches-2014-2023"


def pick_files(data: Path, limit: int | None) -> list[Path]:
    files = sorted(data.rglob("*.txt"))
    if limit and limit < len(files):
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    return files


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--limit", type=int, default=200, help="number of files (0 = all)")
    p.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    p.add_argument("--config", help="presswatch TOML config (default: the packaged one)")
    p.add_argument("--layers", help="comma-separated layers (default: those in the config)")
    p.add_argument("--batch-size", type=int, default=8)
    p.add_argument("--keep-db", type=Path, help="keep the databases in this folder (for bench/search.py)")
    args = p.parse_args()
    if not args.data.is_dir():
        print(f"bench/ingest.py: no data at {args.data}", file=sys.stderr)
        return 2

    from presswatch.config import load_config
    from presswatch.corpus import Corpus
    from presswatch.ingest import read_inputs
    from presswatch.ingest_batch import layers_for
    from presswatch.pipeline import Analyzer

    config = load_config(args.config, {"pipeline": {"layers": args.layers.split(",")}} if args.layers else None)
    files = pick_files(args.data, args.limit or None)
    articles = [a for a in read_inputs([str(f) for f in files], config) if not isinstance(a, Exception)]
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars / 1e6:.1f} M chars, layers {layers_for(config)}, cpus {os.cpu_count()}")

    t0 = time.perf_counter()
    analyzer = Analyzer(config)
    n = sum(1 for _ in analyzer.pipe_articles(articles))
    base_s = time.perf_counter() - t0
    del analyzer
    results = {"articles": n, "analyze_docs_per_s": n / base_s}
    print(f"analyze (1 process, no store): {n / base_s:.3f} docs/s")

    out_dir = args.keep_db or Path(tempfile.mkdtemp(prefix="pw-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for workers in [int(w) for w in args.workers.split(",")]:
        db = out_dir / f"ingest-w{workers}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        t0 = time.perf_counter()
        with Corpus(f"sqlite:///{db}", config=config) as corpus:
            summary = corpus.ingest([str(f) for f in files], workers=workers, batch_size=args.batch_size)
        secs = time.perf_counter() - t0
        rate = (summary.ingested + summary.duplicates) / secs  # documents stored
        results[f"ingest_w{workers}_docs_per_s"] = rate
        results[f"ingest_w{workers}_vs_analyze"] = rate / results["analyze_docs_per_s"]
        print(f"ingest --workers {workers}: {rate:.3f} docs/s ({summary.ingested} ingested, "
              f"{summary.duplicates} duplicates, {summary.failed} failed), "
              f"{rate / results['analyze_docs_per_s']:.2f}x analyze")
    if "ingest_w1_docs_per_s" in results:
        for key in [k for k in results if k.startswith("ingest_w") and k.endswith("_docs_per_s")]:
            w = key[len("ingest_w"):-len("_docs_per_s")]
            if w != "1":
                results[f"w{w}_vs_w1"] = results[key] / results["ingest_w1_docs_per_s"]
                print(f"{w} workers / 1 worker: {results[f'w{w}_vs_w1']:.2f}x")
    if not args.keep_db:
        shutil.rmtree(out_dir, ignore_errors=True)
    print(json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
