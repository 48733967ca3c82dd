"""Result types: round-trip, schema validity of real output, offsets that index the text."""

from __future__ import annotations

import json

import jsonschema
import pytest

from presswatch.schema import validate
from presswatch.types import (
    Actor, Analysis, Article, Entity, Event, EventArg, LayoutSpan, Quote, Role, Speaker,
    Stance, StanceTarget, Technique,
)

TEXT = "Lavrov said: “We are against it.” The Kremlin agreed."


def full_analysis() -> Analysis:
    article = Article(id="a" * 64, text=TEXT, source="<text>", title=None, published="2021-12-20",
                      authors=["X Y"], language="en", layout=[LayoutSpan("body", 0, len(TEXT))])
    return Analysis(
        article=article,
        entities=[Entity("e0", "PERSON", 0, 6, "Lavrov", actor="Q1", reading=None)],
        actors=[Actor("Q1", "Sergey Lavrov", "person", "RUS", ["Sergei Lavrov"],
                      [Role("Minister of Foreign Affairs", "Ministry of Foreign Affairs of Russia", "RUS", "2004-03-09", None)],
                      mentions=[[0, 6]])],
        quotes=[Quote("q0", "direct", [[14, 32]], cue=[7, 11], source=[[0, 6]],
                      speaker=Speaker("Sergey Lavrov", "Q1"), parent=None, confidence=0.9)],
        events=[Event("v0", "REJECT", "120", EventArg("Q1", "Lavrov", [0, 6]), EventArg(None, "it", [29, 31]),
                      cue=[22, 29], evidence=[0, 33], date="2021-12-20", quote="q0")],
        stances=[Stance("Q1", "oppose", StanceTarget(None, "it"), [[0, 33]], ["v0"], 0.8)],
        techniques=[Technique("Loaded_Language", 14, 32, 0.7, voice="q0")],
        meta={"version": "0", "model": "m", "layers": [], "warnings": []},
    )


def test_round_trip_is_identity():
    analysis = full_analysis()
    data = json.loads(json.dumps(analysis.to_dict()))
    assert Analysis.from_dict(data) == analysis
    assert isinstance(Analysis.from_dict(data).quotes[0].speaker, Speaker)
    assert isinstance(Analysis.from_dict(data).actors[0].roles[0], Role)


def test_top_level_keys_present_even_when_empty():
    data = Analysis(article=Article(id="b" * 64, text="x")).to_dict()
    assert list(data)[:1] == ["schema"]
    for key in ("schema", "article", "entities", "actors", "quotes", "events", "stances", "techniques"):
        assert key in data
    assert data["schema"] == "presswatch/1"
    for key in ("id", "source", "title", "published", "authors", "language", "layout", "text"):
        assert key in data["article"]


def test_hand_made_analysis_is_schema_valid():
    validate(full_analysis().to_dict())


@pytest.mark.parametrize("mutate", [
    lambda d: d.pop("quotes"),
    lambda d: d.update(schema="presswatch/2"),
    lambda d: d["quotes"][0].update(kind="rumour"),
    lambda d: d["techniques"][0].update(technique="Loaded language"),
    lambda d: d["entities"][0].update(start=-1),
    lambda d: d["article"].update(id="not-a-hash"),
    lambda d: d["events"][0].update(type="HUG"),
])
def test_schema_rejects_invalid_output(mutate):
    data = full_analysis().to_dict()
    mutate(data)
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def _pairs(data):
    """Every [start, end] offset pair in an analysis dict (entities, quotes, events, ...)."""
    for ent in data["entities"]:
        yield ent["start"], ent["end"], ent["text"]
    for q in data["quotes"]:
        for s, e in q["content"] + q["source"] + ([q["cue"]] if q["cue"] else []):
            yield s, e, None
    for t in data["techniques"]:
        yield t["start"], t["end"], None
    for a in data["actors"]:
        for s, e in a["mentions"]:
            yield s, e, None
    for ev in data["events"]:
        for pair in (ev["cue"], ev["evidence"], ev["source"].get("span"), ev["target"].get("span")):
            if pair:
                yield pair[0], pair[1], None


def test_real_output_is_schema_valid_and_offsets_index_the_text(central_asia):
    data = json.loads(json.dumps(central_asia.to_dict()))
    validate(data)
    text = data["article"]["text"]
    assert data["article"]["id"] == __import__("hashlib").sha256(text.encode("utf-8")).hexdigest()
    for start, end, expected in _pairs(data):
        assert 0 <= start < end <= len(text)
        if expected is not None:
            assert text[start:end] == expected
    assert Analysis.from_dict(data).to_dict() == data
