"""``presswatch eval techniques``: score the technique model on PTC with the task's metric.

The metric is that of Da San Martino et al. (EMNLP 2019; SemEval-2020 Task 11
overview): partial overlap between a predicted span ``s`` and a gold span ``t``
is credited as ``C(s, t, h) = |s ∩ t| / h`` (times 1 when their labels agree,
0 otherwise), and

    P(S, T) = 1/|S| · Σ_{s∈S, t∈T} C(s, t, |s|)
    R(S, T) = 1/|T| · Σ_{s∈S, t∈T} C(s, t, |t|)

summed over the articles, F1 the harmonic mean. ``S`` and ``T`` are the
predicted and gold spans.

- Span identification (SI): labels ignored; overlapping spans of one article
  are merged first on each side (as the task's SI scorer does), so a gold
  stretch annotated twice is not counted twice.
- Full task (spans and labels): the same formula with the label check;
  overlapping spans are merged per article and label.
- Technique classification (TC): one predicted label per gold span; micro
  P/R/F1 over the gold instances (a span annotated with k techniques is k
  instances and may receive k distinct predictions), plus per-technique F1.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable

Span = tuple[int, int]


@dataclass
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, p: float, r: float) -> "PRF":
        return cls(p, r, 2 * p * r / (p + r) if p + r > 0 else 0.0)

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Union of overlapping spans (touching spans stay apart); empty spans are dropped."""
    out: list[list[int]] = []
    for s, e in sorted((s, e) for s, e in spans if e > s):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def span_scores(pred: dict[str, list[Span]], gold: dict[str, list[Span]]) -> PRF:
    """Partial-overlap P/R/F1 over articles; spans are already merged as wanted.

    ``pred`` and ``gold`` map a document key to its spans; keys missing on one
    side have no spans there.
    """
    p_sum = r_sum = 0.0
    n_pred = n_gold = 0
    for key in set(pred) | set(gold):
        S = [s for s in pred.get(key, []) if s[1] > s[0]]
        T = [t for t in gold.get(key, []) if t[1] > t[0]]
        n_pred += len(S)
        n_gold += len(T)
        for s in S:
            for t in T:
                inter = _overlap(s, t)
                if inter:
                    p_sum += inter / (s[1] - s[0])
                    r_sum += inter / (t[1] - t[0])
    return PRF.of(p_sum / n_pred if n_pred else 0.0, r_sum / n_gold if n_gold else 0.0)


def si_scores(pred: dict[str, list[Span]], gold: dict[str, list[Span]]) -> PRF:
    """Span identification: labels ignored, overlapping spans merged per article on each side."""
    return span_scores({k: merge_spans(v) for k, v in pred.items()}, {k: merge_spans(v) for k, v in gold.items()})


def full_scores(pred: dict[str, list[tuple[str, int, int]]], gold: dict[str, list[tuple[str, int, int]]]) -> PRF:
    """Spans and labels together: C is credited only between spans of the same technique."""

    def by_label(rows: dict[str, list[tuple[str, int, int]]]) -> dict[tuple[str, str], list[Span]]:
        out: dict[tuple[str, str], list[Span]] = defaultdict(list)
        for aid, items in rows.items():
            for label, s, e in items:
                out[(aid, label)].append((s, e))
        return {k: merge_spans(v) for k, v in out.items()}

    return span_scores(by_label(pred), by_label(gold))


def tc_scores(pred: Iterable[tuple[str, str, int, int]], gold: Iterable[tuple[str, str, int, int]]):
    """Technique classification on gold spans: ``(micro PRF, {technique: PRF})``.

    Rows are ``(article_id, technique, start, end)``. Predictions and gold are
    matched per identical span, so a span annotated with two techniques gets
    credit for each of two predictions that names one of them.
    """
    gold_by: dict[tuple, Counter] = defaultdict(Counter)
    pred_by: dict[tuple, Counter] = defaultdict(Counter)
    for aid, label, s, e in gold:
        gold_by[(aid, s, e)][label] += 1
    for aid, label, s, e in pred:
        pred_by[(aid, s, e)][label] += 1
    tp: Counter = Counter()
    n_pred: Counter = Counter()
    n_gold: Counter = Counter()
    for key in set(gold_by) | set(pred_by):
        g, p = gold_by.get(key, Counter()), pred_by.get(key, Counter())
        tp.update(g & p)
        n_pred.update(p)
        n_gold.update(g)
    total_tp, total_p, total_g = sum(tp.values()), sum(n_pred.values()), sum(n_gold.values())
    micro = PRF.of(total_tp / total_p if total_p else 0.0, total_tp / total_g if total_g else 0.0)
    per = {}
    for label in sorted(set(n_pred) | set(n_gold)):
        per[label] = PRF.of(tp[label] / n_pred[label] if n_pred[label] else 0.0,
                            tp[label] / n_gold[label] if n_gold[label] else 0.0)
    return micro, per


# -- CLI ---------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ptc", required=True, metavar="DIR", help="PTC folder (SemEval-2020 Task 11 layout)")
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="split with gold labels (default dev)")
    parser.add_argument("--model", metavar="DIR", help="technique model folder (default: the shipped one)")
    parser.add_argument("--threshold", type=float, help="span threshold (default: the model's)")
    parser.add_argument("--limit", type=int, metavar="N", help="score only the first N articles")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def evaluate(articles, model, threshold: float | None = None) -> dict:
    """All three scores of ``model`` (a :class:`~presswatch.techniques.TechniqueModel`) on PTC articles
    (parsed by the base spaCy pipeline first when the model's text classifier uses syntax)."""
    from .techniques import parse_texts

    pred_si: dict[str, list[Span]] = {}
    pred_full: dict[str, list[tuple[str, int, int]]] = {}
    gold_si: dict[str, list[Span]] = {}
    gold_full: dict[str, list[tuple[str, int, int]]] = {}
    tc_pred: list[tuple[str, str, int, int]] = []
    tc_gold: list[tuple[str, str, int, int]] = []
    docs = parse_texts(a.text for a in articles) if model.uses_syntax else (None for _ in articles)
    for art, doc in zip(articles, docs):
        spans = sorted(Counter((s, e) for _, s, e in art.tc).items())
        found, ranked = model.predict_and_classify(art.text, [span for span, _ in spans], threshold, doc)
        pred_si[art.id] = [(t.start, t.end) for t in found]
        pred_full[art.id] = [(t.technique, t.start, t.end) for t in found]
        gold_si[art.id] = list(art.si)
        gold_full[art.id] = list(art.tc)
        for (span, k), labels in zip(spans, ranked):
            tc_pred.extend((art.id, label, *span) for label, _ in labels[:k])
        tc_gold.extend((art.id, label, s, e) for label, s, e in art.tc)
    micro, per = tc_scores(tc_pred, tc_gold)
    return {
        "articles": len(gold_si),
        "si": si_scores(pred_si, gold_si).as_dict(),
        "tc": {"micro": micro.as_dict(), "per_technique": {k: v.as_dict() for k, v in per.items()}},
        "full": full_scores(pred_full, gold_full).as_dict(),
        "threshold": threshold if threshold is not None else model.threshold,
    }


def run(args: argparse.Namespace) -> int:
    from .ptc import read_split
    from .techniques import load_model

    articles = read_split(args.ptc, args.split, limit=args.limit)
    model = load_model(args.model)
    res = evaluate(articles, model, args.threshold)
    res["split"] = args.split
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    out = sys.stdout
    out.write(f"PTC {args.split}: {res['articles']} articles, span threshold {res['threshold']:.2f}\n")
    for name, key in (("span identification (SI)", "si"), ("full task (spans+labels)", "full")):
        r = res[key]
        out.write(f"{name:<28} P {r['precision']:.4f}  R {r['recall']:.4f}  F1 {r['f1']:.4f}\n")
    m = res["tc"]["micro"]
    out.write(f"{'technique classification':<28} micro-F1 {m['f1']:.4f} (on gold spans)\n")
    for label, r in res["tc"]["per_technique"].items():
        out.write(f"  {label:<36} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}\n")
    return 0
