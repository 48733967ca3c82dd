"""Round 3 of issue #6: which clause is the main event (parse depth), reported speech and its
pronouns, recipients of aid, and CAMEO dictionary patterns. Sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.eval_events import _analyse, actor_code, main_event
from presswatch.types import Article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from presswatch import Analyzer

    return Analyzer(layers=["quotes", "actors", "events"])


def _main(analyzer, text):
    """The scorer's main event of a one-sentence record, with its analysis."""
    analysis = _analyse(analyzer, [{"id": "t", "text": text}])[0]
    return analysis, main_event(analysis.events)


def _code(analysis, arg):
    return actor_code(analysis, arg.actor)


@pytest.mark.parametrize("text,etype,source", [
    # a relative or participle clause before the main verb is not the main event
    ("Chile, which has been criticised by Lima over the fishing dispute, deployed warships to the border.",
     "MOBILIZE", "CHL"),
    ("Algeria's government, angered by Spanish remarks, recalled its ambassador from Madrid.", "SANCTION", "DZA"),
])
def test_main_event_is_the_highest_clause_not_the_first(analyzer, text, etype, source):
    analysis, ev = _main(analyzer, text)
    assert ev is not None and ev.type == etype
    assert _code(analysis, ev.source) == source


def test_events_are_coded_governing_clause_first(analyzer):
    # "agreed to withdraw" is one event even when the complement's verb is coded on its own
    analysis = analyzer.analyze(Article(id="t", text="To end the standoff, Serbia agreed to withdraw its police."))
    assert [e.type for e in analysis.events if e.modality != "demanded"] == ["CONCEDE"]
