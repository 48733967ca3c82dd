"""Does rescoring the shipped network's span probabilities raise span identification (SI) F1?

An experiment behind docs/benchmarks.md (persuasion techniques), not part of the package.
On the 37 held-out PTC *train* articles the training command sets aside (seed 13, share 0.1),
two second-stage rescorers are fitted with 5-fold cross-validation by article and compared with
the network's own probabilities, each at its best seed/extension thresholds on those articles:

- ``piece``: logistic regression per word piece over the piece's logit, its neighbours' logits,
  the local and line maximum/mean, function word, punctuation, capital, inside quotation marks;
- ``span``: candidate spans decoded at the shipped thresholds, kept or dropped by a logistic
  regression over their max/mean/min probability, length, function-word share, line maximum,
  share of the line, a quotation mark before, capitalised inner words.

Usage: python scripts/si_rescoring.py --ptc ../shared/data/ptc-semeval2020-task11
"""

from __future__ import annotations

import argparse
import math
import re

import numpy as np
import torch
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from sklearn.linear_model import LogisticRegression

from presswatch.eval_techniques import _overlap, si_scores
from presswatch.ptc import read_split
from presswatch.techniques import decode_spans, line_segments, load_model
from presswatch.train_techniques import heldout_ids

WORD = re.compile(r"[\w'’-]+")
GRID = [(hi / 100, lo / 100) for hi in range(15, 65, 5) for lo in range(10, hi + 1, 5)]
FOLDS = 5


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def line_of(text: str, start: int) -> tuple[int, int]:
    end = text.find("\n", start)
    return text.rfind("\n", 0, start) + 1, len(text) if end < 0 else end


def piece_features(text, offsets, probs) -> np.ndarray:
    n, lg = len(probs), [logit(p) for p in probs]
    by_line: dict[int, list[float]] = {}
    starts = [line_of(text, s)[0] for s, _ in offsets]
    for ls, p in zip(starts, probs):
        by_line.setdefault(ls, []).append(p)
    rows = []
    for i, (s, e) in enumerate(offsets):
        piece, before = text[s:e], text[starts[i]:s]
        line = by_line[starts[i]]
        rows.append([lg[i]] + [lg[j] if 0 <= j < n else -9.2 for j in (i - 2, i - 1, i + 1, i + 2)]
                    + [max(probs[max(0, i - 4): i + 5]), max(line), sum(line) / len(line),
                       float(piece.lower() in ENGLISH_STOP_WORDS), float(not WORD.fullmatch(piece or " ")),
                       float(piece[:1].isupper()), float((before.count('"') + before.count("“")
                                                          - before.count("”")) % 2)])
    return np.array(rows, dtype=np.float32)


def span_candidates(text, offsets, probs, hi, lo):
    out = []
    for s, e, _ in decode_spans(text, offsets, probs, hi, lo):
        ps = [p for (a, b), p in zip(offsets, probs) if a < e and s < b]
        words = WORD.findall(text[s:e]) or [""]
        ls, le = line_of(text, s)
        line = [p for (a, _), p in zip(offsets, probs) if ls <= a < le] or [0.0]
        out.append(((s, e), [max(ps), sum(ps) / len(ps), min(ps), math.log(1 + len(words)),
                             sum(w.lower() in ENGLISH_STOP_WORDS for w in words) / len(words), max(line),
                             (e - s) / max(1, le - ls), float(text[max(0, s - 2):s].strip() in ('"', "“")),
                             float(any(w[:1].isupper() for w in words[1:]))]))
    return out


def best_thresholds(arts, probs):
    gold = {a.id: a.si for a in arts}

    def at(hi, lo):
        return si_scores({a.id: [(s, e) for s, e, _ in decode_spans(a.text, *probs[a.id], hi, lo)]
                          for a in arts}, gold)

    t = max(GRID, key=lambda t: at(*t).f1)
    return t, at(*t)


def cross_fitted(arts, features, targets, predict):
    """Out-of-fold predictions: fit on four fifths of the articles, predict the fifth."""
    out = {}
    folds = [arts[k::FOLDS] for k in range(FOLDS)]
    for k in range(FOLDS):
        train = [a for j, f in enumerate(folds) if j != k for a in f]
        X = np.vstack([features[a.id] for a in train if len(features[a.id])])
        y = np.concatenate([targets[a.id] for a in train if len(features[a.id])])
        clf = LogisticRegression(C=1.0, max_iter=3000).fit(X, y)
        for a in folds[k]:
            out[a.id] = predict(a, clf)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ptc", required=True)
    args = ap.parse_args()
    model = load_model()
    train = read_split(args.ptc, "train")
    held = heldout_ids([a.id for a in train], 0.1, 13)
    arts, probs = [], {}
    for a in (a for a in train if a.id in held):
        states, offsets = model.encode(a.text, line_segments(a.text))
        if offsets:
            with torch.inference_mode():
                probs[a.id] = (offsets, torch.sigmoid(model.si_head(states)).squeeze(-1).tolist())
            arts.append(a)
    t, base = best_thresholds(arts, probs)
    print(f"network alone     SI F1 {base.f1:.4f} (thresholds {t[0]:.2f}/{t[1]:.2f}, {len(arts)} articles)")

    feats = {a.id: piece_features(a.text, *probs[a.id]) for a in arts}
    inside = {a.id: np.array([any(_overlap(o, g) for g in a.si) for o in probs[a.id][0]], dtype=float)
              for a in arts}
    piece = cross_fitted(arts, feats, inside,
                         lambda a, clf: (probs[a.id][0], clf.predict_proba(feats[a.id])[:, 1].tolist()))
    t, res = best_thresholds(arts, piece)
    print(f"piece rescoring   SI F1 {res.f1:.4f} (thresholds {t[0]:.2f}/{t[1]:.2f})")

    cands = {a.id: span_candidates(a.text, *probs[a.id], model.threshold, model.extend_threshold) for a in arts}
    cfeat = {k: np.array([f for _, f in v], dtype=np.float32).reshape(len(v), 9) for k, v in cands.items()}
    ctarget = {a.id: np.array([sum(_overlap(sp, g) for g in a.si) / (sp[1] - sp[0]) > 0.5 for sp, _ in cands[a.id]])
               for a in arts}
    kept = cross_fitted(arts, cfeat, ctarget,
                        lambda a, clf: clf.predict_proba(cfeat[a.id])[:, 1] if len(cfeat[a.id]) else [])
    gold = {a.id: a.si for a in arts}
    res, cut = max(((si_scores({a.id: [sp for (sp, _), p in zip(cands[a.id], kept[a.id]) if p >= c] for a in arts},
                               gold), c) for c in np.arange(0.1, 0.8, 0.05)), key=lambda x: x[0].f1)
    print(f"span reranking    SI F1 {res.f1:.4f} (keep at >= {cut:.2f})")


if __name__ == "__main__":
    main()
