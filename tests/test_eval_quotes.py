"""The PolNeAR reader and the quote-attribution scorer, on hand-made cases."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from presswatch.errors import InputError
from presswatch.eval_quotes import (
    Counts, add_arguments, max_pairs, positions, quote_relations, run, score_document,
)
from presswatch.polnear import parse_ann, read_split
from presswatch.types import Quote, Speaker

from conftest import ROOT, shared_path

TEXT = "Smith said that taxes will rise. “We have no choice,” Jones added. Brown left."
#       0         1         2         3         4         5         6         7
SMITH = {"cue": [(6, 10)], "source": [(0, 5)], "content": [(11, 31)]}
JONES = {"cue": [(60, 65)], "source": [(54, 59)], "content": [(33, 52)]}


def span(text, s):
    start = TEXT.index(s)
    return (start, start + len(s))


def test_fixture_offsets():
    assert TEXT[6:10] == "said" and TEXT[11:31] == "that taxes will rise"
    assert TEXT[54:59] == "Jones" and TEXT[60:65] == "added" and TEXT[33:52] == "“We have no choice,"


def test_positions_ignore_whitespace_quotes_punctuation():
    assert positions(TEXT, [(32, 53)]) == positions(TEXT, [span(TEXT, "We have no choice")])
    assert positions(TEXT, [(0, 0)]) == frozenset()
    assert positions(TEXT, [(-5, 3)]) == frozenset({0, 1, 2})


def test_perfect_prediction():
    scores = score_document(TEXT, [SMITH, JONES], [SMITH, JONES])
    for mode in ("exact", "overlap"):
        for part in ("cue", "source", "content", "attribution"):
            c = scores[mode][part]
            assert (c.tp, c.pred, c.gold) == (2, 2, 2) and c.f1 == 1.0


def test_trimming_makes_exact_match():
    pred = dict(JONES, content=[(32, 53)])  # with the quotation marks and a space
    scores = score_document(TEXT, [pred], [JONES])
    assert scores["exact"]["content"].tp == 1 and scores["exact"]["attribution"].tp == 1


def test_partial_content_overlaps_but_is_not_exact():
    pred = dict(SMITH, content=[span(TEXT, "taxes will rise")])
    scores = score_document(TEXT, [pred], [SMITH])
    assert scores["exact"]["content"].tp == 0 and scores["overlap"]["content"].tp == 1
    assert scores["exact"]["attribution"].tp == 0 and scores["overlap"]["attribution"].tp == 1
    assert scores["exact"]["cue"].tp == 1  # parts are scored separately


def test_wrong_source_breaks_attribution_only():
    pred = dict(SMITH, source=[span(TEXT, "Brown")])
    scores = score_document(TEXT, [pred], [SMITH])
    assert scores["overlap"]["source"].tp == 0
    assert scores["overlap"]["content"].tp == 1 and scores["overlap"]["attribution"].tp == 0


def test_empty_parts():
    gold = dict(SMITH, source=[])  # an attribution without a source
    assert score_document(TEXT, [dict(SMITH, source=[])], [gold])["overlap"]["attribution"].tp == 1
    scores = score_document(TEXT, [SMITH], [gold])
    assert scores["overlap"]["attribution"].tp == 0
    assert (scores["overlap"]["source"].pred, scores["overlap"]["source"].gold) == (1, 0)


def test_one_to_one_pairing():
    # two predictions overlapping one gold relation: only one can pair
    twice = [SMITH, dict(SMITH, content=[span(TEXT, "taxes")])]
    c = score_document(TEXT, twice, [SMITH])["overlap"]["attribution"]
    assert (c.tp, c.pred, c.gold) == (1, 2, 1) and c.precision == 0.5 and c.recall == 1.0


def test_max_pairs_finds_the_maximum():
    # greedy would pair 0-0 and leave 1 unpaired; the maximum is 2
    ok = {(0, 0), (0, 1), (1, 0)}
    assert max_pairs(2, 2, lambda i, j: (i, j) in ok) == 2
    assert max_pairs(0, 3, lambda i, j: True) == 0


def test_counts_arithmetic():
    c = Counts(3, 4, 6)
    assert c.precision == 0.75 and c.recall == 0.5 and abs(c.f1 - 0.6) < 1e-9
    assert Counts().f1 == 0.0


def test_quote_relations_conversion():
    quotes = [
        Quote(id="q0", kind="direct", content=[[33, 52]], cue=[60, 65], source=[[54, 59]], speaker=Speaker("Jones")),
        Quote(id="q1", kind="direct", content=[[67, 78]], speaker=Speaker("Jones")),  # follow-on
        Quote(id="q2", kind="direct", content=[[11, 20]], cue=[6, 10], source=[[0, 5]], parent="q0"),  # nested
    ]
    rels = quote_relations(quotes)
    assert rels == [{"cue": [[60, 65]], "source": [[54, 59]], "content": [[33, 52], [67, 78]]}]
    # a cue-less quote of another speaker stays a relation of its own
    quotes[1].speaker = Speaker("Brown")
    assert len(quote_relations(quotes)) == 2


ANN = (
    "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;21 31\tthat taxes will rise\n"
    "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 60 65\tadded\nT6\tContent 33 52\t“We have no choice,”\nT7\tAttribution-no-source 60 65\tadded\n"
    "E2\tAttribution-no-source:T7 Content:T6 Cue:T5\n"
    "T8\tDiscard 67 78\tBrown left.\n#1\tAnnotatorNotes T1\tnote\n"
)


def test_parse_ann():
    rels = parse_ann(ANN, TEXT)
    assert [r.id for r in rels] == ["E1", "E2"]
    assert rels[0].content == [(11, 20), (21, 31)] and rels[0].source == [(0, 5)] and rels[0].cue == [(6, 10)]
    assert rels[1].source == []


def test_parse_ann_rejects_bad_offsets():
    with pytest.raises(InputError):
        parse_ann("T1\tCue 6 x\tsaid\n")
    with pytest.raises(InputError):
        parse_ann("T1\tCue 6 500\tsaid\n", TEXT)


def test_read_split_picks_one_annotation_per_article(tmp_path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "art.txt").write_text(TEXT, "utf-8")
    (tmp_path / "dev" / "attributions" / "art_b222.ann").write_text("", "utf-8")
    (tmp_path / "dev" / "attributions" / "art_a111.ann").write_text(ANN, "utf-8")
    docs = list(read_split(tmp_path, "dev"))
    assert len(docs) == 1 and docs[0].annotator == "a111" and len(docs[0].relations) == 2
    with pytest.raises(InputError):
        list(read_split(tmp_path, "test"))


def test_run_reports_bad_folder(tmp_path, capsys):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    assert run(parser.parse_args(["--polnear", str(tmp_path), "--split", "dev"])) == 1
    assert "not a PolNeAR split" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_on_polnear_dev_subset():
    data = shared_path("data", "polnear")
    out = subprocess.run(
        [sys.executable, "-m", "presswatch.cli", "eval", "quotes", "--polnear", str(data), "--split", "dev",
         "--limit", "3", "--json"],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["documents"] == 3
    attribution = result["scores"]["overlap"]["attribution"]
    assert attribution["gold"] > 0 and 0.0 <= attribution["f1"] <= 1.0
    assert attribution["tp"] <= min(attribution["pred"], attribution["gold"])
