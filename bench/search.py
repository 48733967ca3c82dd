"""Search latency (p50, p95) over an ingested corpus, against a naive LIKE scan in the same run.

    .venv/bin/python bench/search.py --db sqlite:///bench-out/ingest-w2.db [--repeat 5]

Build the database first, e.g. ``bench/ingest.py --limit 0 --workers 2 --keep-db
bench-out`` (all 1,941 UN General Debate speeches). Runs a fixed list of 40 queries
(words, phrases, OR, exclusions; a third of them with a date or speaker filter),
each ``--repeat`` times after one warm-up, through ``Corpus.search`` (top 20 hits
with snippets), and the baseline: ``SELECT ... WHERE text LIKE '%word%' LIMIT 20``
with the first word of each query. Prints p50/p95 in ms and the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

QUERIES = [
    "climate change", '"sustainable development"', "nuclear weapons", "terrorism", "Security Council reform",
    "refugees OR migrants", "pandemic vaccine", "Palestine", '"two-State solution"', "sanctions -Iran",
    "human rights", "small island developing States", "Sahel", "Ukraine", "Syria ceasefire", "multilateralism",
    "poverty eradication", "gender equality", "cyber", "ocean plastic", "Paris Agreement", "debt relief",
    "peacekeeping operations", "Afghanistan", "Korean peninsula", "water", "food security", "Agenda 2030",
    "disarmament", "sovereignty", "Africa", "youth", "digital divide", "extremism", "Venezuela", "oil",
    "independence", "democracy", "corruption", "COVID-19",
]
FILTERS = [{}, {}, {"since": "2020"}]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", required=True)
    p.add_argument("--repeat", type=int, default=5)
    args = p.parse_args()

    from presswatch.corpus import Corpus

    with Corpus(args.db) as corpus:
        n_articles = corpus.store.scalar("SELECT COUNT(*) FROM analyses")
        n_quotes = corpus.store.scalar("SELECT COUNT(*) FROM quotes")
        speakers = [r["speaker_name"] for r in corpus.store.query(
            "SELECT speaker_name, COUNT(*) AS n FROM quotes WHERE speaker_name IS NOT NULL "
            "GROUP BY speaker_name ORDER BY n DESC LIMIT 3")]
        filters = FILTERS + ([{"speaker": s} for s in speakers[:1]])
        lat, base, hits = [], [], 0
        for i, q in enumerate(QUERIES):
            f = filters[i % len(filters)]
            corpus.search(q, **f)  # warm-up
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                hits += len(corpus.search(q, **f))
                lat.append((time.perf_counter() - t0) * 1000)
            word = q.strip('"').split()[0]
            corpus.store.query("SELECT id FROM articles WHERE text LIKE ? LIMIT 20", [f"%{word}%"])
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                corpus.store.query("SELECT id, title FROM articles WHERE text LIKE ? LIMIT 20", [f"%{word}%"])
                base.append((time.perf_counter() - t0) * 1000)
    res = {"db": corpus.store.dialect, "articles": n_articles, "quotes": n_quotes, "queries": len(lat),
           "p50_ms": statistics.median(lat), "p95_ms": percentile(lat, 0.95),
           "like_p50_ms": statistics.median(base), "like_p95_ms": percentile(base, 0.95)}
    res["p50_vs_like"] = res["p50_ms"] / res["like_p50_ms"]
    print(f"{n_articles} articles, {n_quotes} quotes, {len(lat)} searches ({hits / len(lat):.1f} hits each)")
    print(f"search p50 {res['p50_ms']:.1f} ms, p95 {res['p95_ms']:.1f} ms; "
          f"LIKE scan p50 {res['like_p50_ms']:.1f} ms, p95 {res['like_p95_ms']:.1f} ms; "
          f"search/LIKE p50 ratio {res['p50_vs_like']:.2f}")
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in res.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
