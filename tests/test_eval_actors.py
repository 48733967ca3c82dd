"""eval actors / eval ner: scoring logic on small hand-made inputs, and the shipped gold set."""

from __future__ import annotations

import argparse
import json

import pytest

from presswatch import eval_actors, eval_ner
from presswatch.types import Actor
from conftest import shared_path


def test_predicted_takes_largest_overlap_and_local_is_nil():
    actors = [Actor(id="a", name="A", type="person", mentions=[[0, 5]]),
              Actor(id="local:b", name="B", type="person", local=True, mentions=[[10, 20]]),
              Actor(id="c", name="C", type="state", mentions=[[3, 12]])]
    assert eval_actors.predicted(actors, 0, 5) == "a"
    assert eval_actors.predicted(actors, 12, 20) == "NIL"
    assert eval_actors.predicted(actors, 30, 40) == "NIL"


def test_read_gold_rejects_incomplete_rows(tmp_path):
    (tmp_path / "g.jsonl").write_text(json.dumps({"file": "x", "start": 0}) + "\n")
    with pytest.raises(ValueError):
        eval_actors.read_gold(tmp_path)


def test_shipped_gold_rows_are_well_formed():
    rows = eval_actors.read_gold(eval_actors.GOLD_DIR)
    assert rows and all(r["end"] > r["start"] and r["mention"] for r in rows)
    assert {"person", "media", "party", "place"} <= {r["type"] for r in rows}


def test_gold_offsets_match_the_texts():
    data = shared_path("data")
    for row in eval_actors.read_gold(eval_actors.GOLD_DIR):
        text = (data / row["file"]).read_text(encoding="utf-8")
        assert text[row["start"]:row["end"]] == row["mention"]


def test_conll_spans_iob1_and_iob2():
    assert eval_ner.spans(["I-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-ORG"]) == {(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "ORG")}
    assert eval_ner.spans(["I-LOC", "B-LOC"]) == {(0, 1, "LOC"), (1, 2, "LOC")}


def test_read_conll_documents(tmp_path):
    path = tmp_path / "eng.testb"
    path.write_text("-DOCSTART- -X- -X- O\n\nJAPAN NNP I-NP I-LOC\nwins VBZ I-VP O\n\n-DOCSTART- -X- -X- O\n\nJohn NNP I-NP I-PER\n")
    docs = eval_ner.read_conll(path)
    assert docs == [(["JAPAN", "wins"], {(0, 1, "LOC")}), (["John"], {(0, 1, "PER")})]


def test_eval_commands_report_missing_data(tmp_path, capsys):
    p = argparse.ArgumentParser()
    eval_ner.add_arguments(p)
    assert eval_ner.run(p.parse_args(["--conll", str(tmp_path)])) == 2
    p = argparse.ArgumentParser()
    eval_actors.add_arguments(p)
    assert eval_actors.run(p.parse_args(["--data", str(tmp_path / "none")])) == 2
    assert "E101" in capsys.readouterr().err
