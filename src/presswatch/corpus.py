"""``presswatch.Corpus``: the Python API of the corpus commands (ingest, search, actor, stances, export).

>>> with Corpus("sqlite:///news.db") as corpus:             # doctest: +SKIP
...     summary = corpus.ingest(["articles/"], workers=2)
...     for hit in corpus.search("grain corridor", speaker="Lavrov", since="2022"):
...         print(hit["rank"], hit["snippet"])
...     corpus.export("graph.graphml", format="graphml")

The database is SQLite by default (one file, no set-up) or PostgreSQL
(``postgresql://user@host/db``); see :mod:`presswatch.store`.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, Iterable, Mapping

from .config import Config, load_config
from .errors import PresswatchError
from .ingest_batch import IngestOptions, IngestSummary, current_pipeline
from .ingest_batch import ingest as _ingest
from .store import Store, open_store
from .store_export import export as _export
from .store_query import Filters, actor_profile, search as _search, stances as _stances
from .types import Analysis, Article


class Corpus:
    """A corpus database; ``url`` is ``sqlite:///file.db`` (default ``presswatch.db``) or ``postgresql://...``.

    ``config`` (path or dict) and ``model`` choose the pipeline used by :meth:`ingest`.
    """

    def __init__(self, url: str | None = None, *, config: Config | str | Path | None = None,
                 model: str | None = None):
        # a dict may be partial (``{"pipeline": {"layers": [...]}}``): the defaults fill the rest
        self.config = load_config(None, config) if isinstance(config, Mapping) else load_config(config)
        self.model = model
        self.store: Store = open_store(url)

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- writing ----------------------------------------------------------------
    def ingest(self, inputs: Iterable[str | Path | Article], *, workers: int = 1, executor: str = "local",
               ray_address: str | None = None, reanalyze: bool = False, batch_size: int = 8,
               progress: str = "none", log_every: float = 10.0, command: str = "") -> IngestSummary:
        """Analyse and store files, folders, globs, URLs, ``.jsonl`` files or Article objects.

        Already stored articles (same content hash, same pipeline) are skipped;
        ``reanalyze=True`` redoes those made by another pipeline version. Bad
        inputs and failed analyses are recorded in the ``errors`` table and
        counted in ``summary.failed``; they never stop the run.
        """
        if executor not in ("local", "ray"):
            raise PresswatchError(f"unknown executor {executor!r}; use 'local' or 'ray'")
        items = list(_read(inputs, self.config))
        opts = IngestOptions(workers=workers, executor=executor, ray_address=ray_address, reanalyze=reanalyze,
                             batch_size=batch_size, progress=progress, log_every=log_every,
                             command=command or "Corpus.ingest")
        return _ingest(self.store, items, self.config, self.model, opts)

    def add(self, analyses: Iterable[Analysis], reanalyze: bool = False) -> dict[str, int]:
        """Store analyses made elsewhere (e.g. by :meth:`presswatch.Analyzer.pipe`); returns outcome counts."""
        counts = {"ingested": 0, "skipped": 0, "duplicate": 0}
        for analysis in analyses:
            meta = analysis.meta
            pipeline = f"{meta.get('version', '')}|{meta.get('model', '')}|{','.join(meta.get('layers', []))}"
            counts[self.store.write_analysis(analysis, pipeline, None, reanalyze)] += 1
        return counts

    def pipeline(self) -> str:
        """The pipeline id that :meth:`ingest` stores with each analysis (version|model|layers)."""
        return current_pipeline(self.config, self.model)

    # -- reading ----------------------------------------------------------------
    def analysis(self, article_id: str) -> Analysis | None:
        return self.store.load_analysis(article_id)

    def search(self, query: str, *, speaker: str | None = None, actor: str | None = None,
               technique: str | None = None, outlet: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Ranked hits (articles and quotes) with snippet, speaker and article; see :mod:`presswatch.store_query`."""
        filters = Filters(speaker=speaker, actor=actor, technique=technique, outlet=outlet, since=since, until=until)
        return _search(self.store, query, filters, limit=limit, offset=offset)

    def actor(self, name: str, limit: int = 20) -> dict[str, Any] | None:
        """An actor's profile, or None when no stored actor matches ``name``."""
        return actor_profile(self.store, name, limit=limit)

    def stances(self, source: str | None = None, target: str | None = None, *, attitude: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 100,
                examples: int = 1) -> list[dict[str, Any]]:
        return _stances(self.store, source, target, attitude=attitude, since=since, until=until, limit=limit,
                        examples=examples)

    def export(self, out: str | Path | IO, format: str = "jsonl", table: str = "analyses") -> int:
        """Write analyses or a table (jsonl, csv, parquet) or the stance graph (graphml); returns the count."""
        return _export(self.store, format, str(out) if isinstance(out, Path) else out, table)


def _read(inputs: Iterable[str | Path | Article], config: Config) -> Iterable[Article | PresswatchError]:
    from .ingest import read_inputs

    pending: list[str] = []
    for item in inputs:
        if isinstance(item, Article):
            if pending:
                yield from read_inputs(pending, config)
                pending = []
            yield item
        else:
            pending.append(str(item))
    if pending:
        yield from read_inputs(pending, config)
