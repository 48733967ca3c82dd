"""``presswatch eval actors``: entity-linking accuracy on the hand-made gold set.

The gold set (``tests/gold/actors/*.jsonl``) holds one mention a line:
``{"file": "polnear/dev/text/NAME.txt", "start": 10, "end": 16, "mention": "Lavrov",
"actor": "sergey-lavrov-rus" | "NIL", "type": "person", "published": "2016-09-12"}``.
Offsets index the article file under ``../shared/data`` (the texts are never
copied into the repository). A mention counts as correct when the actor whose
mention overlaps it most (ties: the mention closest in length) is the gold
actor; no actor, or a document-local one, counts as NIL. Reported: accuracy overall and per gold type, the gold NIL rate
and the system's NIL rate.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "gold" / "actors"
DATA_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def read_gold(folder: Path) -> list[dict]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                missing = {"file", "start", "end", "mention", "actor", "type"} - set(row)
                if missing:
                    raise ValueError(f"{path.name}:{n}: missing {sorted(missing)}")
                rows.append(row)
    return rows


def predicted(actors, start: int, end: int) -> str:
    """The actor whose mention overlaps [start, end) most; ties go to the mention closest in length.

    The tie-break matters when a long mention (a description such as "the heads
    of the Senate committees") contains the gold mention ("Senate").
    """
    best, key = "NIL", (0, 0)
    for actor in actors:
        for s, e in actor.mentions:
            o = min(end, e) - max(start, s)
            k = (o, -abs((e - s) - (end - start)))
            if o > 0 and k > key:
                best, key = ("NIL" if actor.local else actor.id), k
    return best


def evaluate(gold: list[dict], data_dir: Path, analyzer=None) -> dict:
    from .ingest import load_one
    from .pipeline import Analyzer

    analyzer = analyzer or Analyzer(layers=["actors"])
    by_file = defaultdict(list)
    for row in gold:
        by_file[row["file"]].append(row)
    total, per_type, errors = Counter(), defaultdict(Counter), []
    for name, rows in sorted(by_file.items()):
        article = load_one(str(data_dir / name), analyzer.config)
        if rows[0].get("published"):
            article.published = rows[0]["published"]
        result = analyzer.analyze(article)
        for row in rows:
            if article.text[row["start"]:row["end"]] != row["mention"]:
                raise ValueError(f"{name}: gold offsets {row['start']}-{row['end']} do not give {row['mention']!r}")
            guess = predicted(result.actors, row["start"], row["end"])
            ok = guess == row["actor"]
            total["correct"] += ok
            total["n"] += 1
            total["gold_nil"] += row["actor"] == "NIL"
            total["system_nil"] += guess == "NIL"
            per_type[row["type"]]["n"] += 1
            per_type[row["type"]]["correct"] += ok
            if not ok:
                errors.append({"file": name, "mention": row["mention"], "gold": row["actor"], "system": guess})
    n = max(total["n"], 1)
    return {
        "mentions": total["n"], "articles": len(by_file), "accuracy": total["correct"] / n,
        "gold_nil_rate": total["gold_nil"] / n, "system_nil_rate": total["system_nil"] / n,
        "per_type": {t: {"n": c["n"], "accuracy": c["correct"] / max(c["n"], 1)} for t, c in sorted(per_type.items())},
        "errors": errors,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold JSONL files")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the shared data folder the gold files index")
    parser.add_argument("--errors", action="store_true", help="list the wrong links")


def run(args: argparse.Namespace) -> int:
    if not args.data.is_dir():
        print(f"presswatch: [E101] data folder not found: {args.data}", file=sys.stderr)
        return 2
    try:
        report = evaluate(read_gold(args.gold), args.data)
    except (ValueError, OSError) as exc:
        print(f"presswatch: [E101] {exc}".splitlines()[0], file=sys.stderr)
        return 2
    print(f"articles {report['articles']}  mentions {report['mentions']}  accuracy {report['accuracy']:.3f}  "
          f"gold NIL rate {report['gold_nil_rate']:.3f}  system NIL rate {report['system_nil_rate']:.3f}")
    for t, r in report["per_type"].items():
        print(f"  {t:16s} n={r['n']:4d}  accuracy {r['accuracy']:.3f}")
    if args.errors:
        for e in report["errors"]:
            print(f"  x {e['file']}: {e['mention']!r} gold={e['gold']} system={e['system']}")
    return 0
