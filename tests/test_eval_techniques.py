"""The PTC scorer (Da San Martino et al. 2020) on hand-made cases, and the eval command."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from presswatch.eval_techniques import full_scores, merge_spans, si_scores, span_scores, tc_scores
from presswatch.ptc import TECHNIQUES

from conftest import ROOT, shared_path


def test_merge_spans_unions_overlaps_keeps_touching_and_drops_empty():
    assert merge_spans([(5, 15), (0, 10), (20, 25), (25, 30), (40, 40)]) == [(0, 15), (20, 25), (25, 30)]
    assert merge_spans([(0, 10), (2, 3)]) == [(0, 10)]
    assert merge_spans([]) == []


def test_exact_match_scores_one():
    res = span_scores({"a": [(0, 10)]}, {"a": [(0, 10)]})
    assert (res.precision, res.recall, res.f1) == (1.0, 1.0, 1.0)


def test_partial_overlap_is_normalised_by_each_side():
    # |s ∩ t| = 5; precision divides by |s| = 20, recall by |t| = 5.
    res = span_scores({"a": [(0, 20)]}, {"a": [(5, 10)]})
    assert res.precision == pytest.approx(0.25)
    assert res.recall == pytest.approx(1.0)
    assert res.f1 == pytest.approx(0.4)


def test_two_predictions_covering_one_gold_span_sum_their_credit():
    res = span_scores({"a": [(0, 5), (5, 10)]}, {"a": [(0, 10)]})
    assert res.precision == pytest.approx(1.0)  # (1 + 1) / 2
    assert res.recall == pytest.approx(1.0)  # (0.5 + 0.5) / 1


def test_spans_of_different_articles_never_match():
    res = span_scores({"a": [(0, 10)]}, {"b": [(0, 10)]})
    assert (res.precision, res.recall, res.f1) == (0.0, 0.0, 0.0)


def test_no_predictions_gives_zero_not_an_error():
    res = span_scores({}, {"a": [(0, 10)]})
    assert (res.precision, res.recall, res.f1) == (0.0, 0.0, 0.0)


def test_si_merges_overlapping_gold_before_scoring():
    # Without merging, the doubly annotated stretch would count twice in recall's denominator.
    res = si_scores({"a": [(0, 15)]}, {"a": [(0, 10), (5, 15)]})
    assert res.precision == pytest.approx(1.0)
    assert res.recall == pytest.approx(1.0)


def test_full_task_credits_only_matching_labels():
    gold = {"a": [("Doubt", 0, 10), ("Loaded_Language", 20, 30)]}
    pred = {"a": [("Doubt", 0, 10), ("Slogans", 20, 30)]}
    res = full_scores(pred, gold)
    assert res.precision == pytest.approx(0.5)
    assert res.recall == pytest.approx(0.5)
    # The same spans scored for SI are all right.
    assert si_scores({"a": [(0, 10), (20, 30)]}, {"a": [(0, 10), (20, 30)]}).f1 == pytest.approx(1.0)


def test_tc_micro_and_per_technique_with_a_doubly_labelled_span():
    gold = [("a", "Doubt", 0, 10), ("a", "Loaded_Language", 0, 10), ("a", "Slogans", 20, 30)]
    pred = [("a", "Loaded_Language", 0, 10), ("a", "Doubt", 0, 10), ("a", "Doubt", 20, 30)]
    micro, per = tc_scores(pred, gold)
    assert micro.f1 == pytest.approx(2 / 3)
    assert per["Loaded_Language"].f1 == pytest.approx(1.0)
    assert per["Doubt"].precision == pytest.approx(0.5)
    assert per["Doubt"].recall == pytest.approx(1.0)
    assert per["Slogans"].f1 == 0.0


def test_tc_repeated_label_on_a_double_span_counts_once():
    gold = [("a", "Doubt", 0, 10), ("a", "Loaded_Language", 0, 10)]
    pred = [("a", "Doubt", 0, 10), ("a", "Doubt", 0, 10)]
    micro, _ = tc_scores(pred, gold)
    assert micro.f1 == pytest.approx(0.5)


@pytest.mark.slow
def test_eval_command_prints_scores_as_json():
    ptc = shared_path("data", "ptc-semeval2020-task11")
    proc = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "eval", "techniques", "--ptc", str(ptc), "--split", "dev",
         "--limit", "4", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    res = json.loads(proc.stdout)
    assert res["articles"] == 4 and res["split"] == "dev"
    for key in ("si", "full"):
        assert 0.0 <= res[key]["precision"] <= 1.0 and 0.0 <= res[key]["recall"] <= 1.0
    micro = res["tc"]["micro"]
    assert micro["precision"] == pytest.approx(micro["recall"])  # one prediction per gold instance
    assert set(res["tc"]["per_technique"]) <= set(TECHNIQUES)
    assert 0.0 < res["threshold"] < 1.0


def test_eval_command_names_a_missing_folder(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "eval", "techniques", "--ptc", str(tmp_path / "nope")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert proc.returncode == 1
    assert "E001" in proc.stderr and "nope" in proc.stderr
    assert "Traceback" not in proc.stderr
