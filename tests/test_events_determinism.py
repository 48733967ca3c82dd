"""The events layer gives the same events for the same text on every run (no iteration over sets of
tokens, whose order follows the doc's id). Sentences written for these tests."""

from __future__ import annotations

import pytest

from presswatch.types import Article

pytestmark = pytest.mark.slow


def test_a_call_with_two_for_phrases_asks_for_the_nouns_own_one_every_run(events_analyzer):
    # "made" and "call" each have a "for" + verb: the call's own ("for lifting sanctions") is what is asked
    text = "Iran made a call for lifting sanctions, for ending the war."
    seen = set()
    for _ in range(12):  # a fresh doc each time, so token hashes differ between runs
        analysis = events_analyzer.analyze(Article(id="t", text=text))
        seen.add(tuple((e.type, text[e.cue[0]:e.cue[1]], e.modality) for e in analysis.events))
    assert len(seen) == 1, seen
    events = {cue: modality for _, cue, modality in seen.pop()}
    assert events["lifting"] == "demanded"
