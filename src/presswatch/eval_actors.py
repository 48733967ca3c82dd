"""``presswatch eval actors``: entity-linking accuracy on the hand-made gold set.

The gold set (``tests/gold/actors/*.jsonl``, guidelines in its README.md) holds
one mention a line:
``{"file": "polnear/dev/text/NAME.txt", "start": 10, "end": 16, "mention": "Lavrov",
"actor": "sergey-lavrov-rus" | "NIL", "type": "person", "published": "2016-09-12"}``.
Offsets index the article file under ``../shared/data`` (the texts are never
copied into the repository); ``published`` is the article date given to the
analyzer (PolNeAR metadata; judged from the text for PTC, which has none).

A mention counts as correct when the actor of the system mention that matches
it (largest overlap, then closest in length; a longer system mention only if
what it adds is part of a name, see :func:`predicted`) is the gold actor; no
match, or a document-local actor, counts as NIL. Reported: accuracy overall, per gold file
(``polnear_dev``, ``ptc_dev``: the development sets the rules were tuned on;
``heldout``: annotated after tuning), for in-KB and NIL mentions, and per
mention type; the gold NIL rate and the system's NIL rate. ``--speed`` also
times the actors layer against the components before it (see :func:`speed`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
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
                row.setdefault("set", path.stem)
                rows.append(row)
    return rows


def predicted(actors, start: int, end: int, text: str | None = None) -> str:
    """The actor of the system mention that matches [start, end): the largest overlap, then the
    mention closest in length.

    With ``text``, a system mention that runs past the gold mention matches only if
    what it adds is part of a name ("Donald " in "Donald Trump"): lower-case words
    other than articles make it a description ("the former mayor of New York City")
    that does not speak for the name inside it ("New York City").
    """
    best, key = "NIL", (0, 0)
    for actor in actors:
        for s, e in actor.mentions:
            o = min(end, e) - max(start, s)
            if o <= 0:
                continue
            if text is not None and (s < start or e > end):
                extra = (text[s:start] if s < start else "") + " " + (text[end:e] if e > end else "")
                if any(w.isalpha() and w.islower() and w not in {"the", "a", "an"} for w in extra.split()):
                    continue
            k = (o, -abs((e - s) - (end - start)))
            if k > key:
                best, key = ("NIL" if actor.local else actor.id), k
    return best


def _load(name: str, rows: list[dict], data_dir: Path, config: dict):
    from .ingest import load_one

    article = load_one(str(data_dir / name), config)
    if rows[0].get("published"):
        article.published = rows[0]["published"]
    return article


def _rate(c: Counter) -> dict:
    return {"n": c["n"], "accuracy": c["correct"] / max(c["n"], 1)}


def evaluate(gold: list[dict], data_dir: Path, analyzer=None) -> dict:
    from .pipeline import Analyzer

    analyzer = analyzer or Analyzer(layers=["actors"])
    by_file = defaultdict(list)
    for row in gold:
        by_file[row["file"]].append(row)
    total, errors = Counter(), []
    groups: dict[str, dict[str, Counter]] = {"type": defaultdict(Counter), "set": defaultdict(Counter),
                                             "kind": defaultdict(Counter)}
    for name, rows in sorted(by_file.items()):
        article = _load(name, rows, data_dir, analyzer.config)
        result = analyzer.analyze(article)
        for row in rows:
            if article.text[row["start"]:row["end"]] != row["mention"]:
                raise ValueError(f"{name}: gold offsets {row['start']}-{row['end']} do not give {row['mention']!r}")
            guess = predicted(result.actors, row["start"], row["end"], article.text)
            ok = guess == row["actor"]
            total["correct"] += ok
            total["n"] += 1
            total["gold_nil"] += row["actor"] == "NIL"
            total["system_nil"] += guess == "NIL"
            keys = {"type": row["type"], "set": row.get("set", "?"),
                    "kind": "NIL" if row["actor"] == "NIL" else "in KB"}
            for group, key in keys.items():
                groups[group][key]["n"] += 1
                groups[group][key]["correct"] += ok
            if not ok:
                errors.append({"file": name, "start": row["start"], "mention": row["mention"],
                               "gold": row["actor"], "system": guess})
    n = max(total["n"], 1)
    return {
        "mentions": total["n"], "articles": len(by_file), "accuracy": total["correct"] / n,
        "gold_nil_rate": total["gold_nil"] / n, "system_nil_rate": total["system_nil"] / n,
        "per_type": {t: _rate(c) for t, c in sorted(groups["type"].items())},
        "per_set": {t: _rate(c) for t, c in sorted(groups["set"].items())},
        "per_kind": {t: _rate(c) for t, c in sorted(groups["kind"].items())},
        "errors": errors,
    }


def speed(gold: list[dict], data_dir: Path, repeats: int = 5) -> dict:
    """Seconds the pipeline spends before the actors layer and in it, on the gold articles.

    Each article goes through the components up to ``presswatch_actors`` (layout,
    spaCy, entities) and then through ``presswatch_actors`` (which includes the
    coreference it asks for), timed separately; each article's best of
    ``repeats`` runs counts. Timing both on the same Doc, one right after the
    other, keeps the ratio steady when other jobs load the machine.
    """
    from .pipeline import Analyzer

    by_file = defaultdict(list)
    for row in gold:
        by_file[row["file"]].append(row)
    analyzer = Analyzer(layers=["actors"])
    articles = [_load(name, rows, data_dir, analyzer.config) for name, rows in sorted(by_file.items())]
    names = [name for name, _ in analyzer.nlp.pipeline]
    cut = names.index("presswatch_actors")
    before, actors = analyzer.nlp.pipeline[:cut], analyzer.nlp.pipeline[cut][1]
    for article in articles[:2]:  # warm-up: models, knowledge base, caches
        analyzer.analyze(article)
    base_s = actors_s = 0.0
    for article in articles:
        best_base = best_actors = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            doc = analyzer._make_doc(article)
            for _, proc in before:
                doc = proc(doc)
            t1 = time.perf_counter()
            actors(doc)
            t2 = time.perf_counter()
            best_base, best_actors = min(best_base, t1 - t0), min(best_actors, t2 - t1)
        base_s += best_base
        actors_s += best_actors
    return {"articles": len(articles), "base_s": base_s, "actors_s": base_s + actors_s,
            "ratio": (base_s + actors_s) / base_s}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="folder of gold JSONL files")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the shared data folder the gold files index")
    parser.add_argument("--errors", action="store_true", help="list the wrong links")
    parser.add_argument("--speed", action="store_true",
                        help="also time the actors layer against the components before it on the gold articles")


def run(args: argparse.Namespace) -> int:
    if not args.data.is_dir():
        print(f"presswatch: [E101] data folder not found: {args.data}", file=sys.stderr)
        return 2
    try:
        gold = read_gold(args.gold)
        report = evaluate(gold, args.data)
    except (ValueError, OSError) as exc:
        print(f"presswatch: [E101] {exc}".splitlines()[0], file=sys.stderr)
        return 2
    print(f"articles {report['articles']}  mentions {report['mentions']}  accuracy {report['accuracy']:.3f}  "
          f"gold NIL rate {report['gold_nil_rate']:.3f}  system NIL rate {report['system_nil_rate']:.3f}")
    for title, key in (("gold set", "per_set"), ("link", "per_kind"), ("mention type", "per_type")):
        print(f" by {title}:")
        for t, r in report[key].items():
            print(f"  {t:16s} n={r['n']:4d}  accuracy {r['accuracy']:.3f}")
    if args.errors:
        for e in report["errors"]:
            print(f"  x {e['file']}@{e['start']}: {e['mention']!r} gold={e['gold']} system={e['system']}")
    if args.speed:
        s = speed(gold, args.data)
        print(f"speed: {s['articles']} articles, layout+entities {s['base_s']:.2f} s, "
              f"with actors {s['actors_s']:.2f} s, ratio {s['ratio']:.3f} (best of 5 per article)")
    return 0
