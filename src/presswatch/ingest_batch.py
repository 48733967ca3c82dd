"""Batch ingestion into a corpus store: in-process, N local worker processes, or Ray.

The parent process reads the inputs, drops what the store already has (same
content hash analysed by the same pipeline), links exact and near duplicates,
and hands the rest in small batches to an executor. Every executor runs the
same :func:`analyse_batch` in a process that loaded the models once, and
yields results back to the parent, which alone writes to the store: one
transaction per document, so a killed run loses at most the documents in
flight and the next run continues where it stopped.

Executors: ``local`` with ``workers=1`` analyses in this process; with
``workers=N`` it starts N processes (``forkserver``: no database handles or
threads are inherited). ``ray`` starts N Ray actors, each holding an
:class:`~presswatch.pipeline.Analyzer`, on a local Ray (``ray.init`` with
``num_cpus=N``) or on the cluster at ``ray_address``; see docs/corpus.md for the
limits (the driver reads inputs and writes the store).

Ctrl-C (SIGINT) and SIGTERM stop a run the same way: the documents in flight are
dropped, what is stored stays, and the run's row gets status ``interrupted``
(SIGTERM raises :class:`Terminated`, a ``KeyboardInterrupt``). The SIGTERM
handler is installed only while a run is going on in the main thread, and the
previous one is restored afterwards. SIGKILL cannot be caught: a killed run
stays ``running``.

Limit: the inputs still to analyse are read into memory before analysis
starts (that gives the progress bar its total); ingest a very large corpus in
several runs, folder by folder.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Iterator

from . import store_dedup
from .errors import ANALYSIS_FAILED, STORE_FAILED, WORKER_DIED, ConfigError, ModelError, PresswatchError
from .store import Store, pipeline_id
from .types import Analysis, Article

# A result of one document: (article id, analysis or None, (code, message) or None).
Result = tuple[str, "Analysis | None", "tuple[str, str] | None"]



@dataclass
class IngestSummary:
    run_id: str = ""
    inputs: int = 0
    ingested: int = 0
    skipped: int = 0
    duplicates: int = 0
    failed: int = 0
    seconds: float = 0.0
    stale: int = 0  # skipped although analysed by another pipeline version (use reanalyze)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (source, code, message), first 100

    @property
    def rate(self) -> float:
        return self.ingested / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "rate": round(self.rate, 3)}

    def line(self) -> str:
        text = (f"ingested {self.ingested}, skipped {self.skipped}, duplicates {self.duplicates}, "
                f"failed {self.failed} of {self.inputs} inputs in {self.seconds:.1f} s ({self.rate:.2f} docs/s)")
        if self.stale:
            text += f"; {self.stale} were analysed by another pipeline version (use --reanalyze to redo them)"
        return text


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived during an ingest run; handled like Ctrl-C (the run is marked interrupted)."""


@contextlib.contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` inside the block; the previous handler comes back after.

    Only the main thread may set signal handlers, so elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        # a second SIGTERM must not cut short the cleanup that records the interrupted run
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated(f"terminated by signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        # None: the previous handler was not set from Python; the default is the closest equivalent
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


# -- the batch function every executor runs -------------------------------------------

def analyse_batch(analyzer: Any, articles: list[Article]) -> list[Result]:
    """Analyse a batch with ``nlp.pipe``; if the batch fails, redo it one by one to isolate the failure."""
    try:
        return [(a.article.id, a, None) for a in analyzer.pipe_articles(articles)]
    except Exception:
        if len(articles) == 1:
            return [_analyse_one(analyzer, articles[0])]
    return [_analyse_one(analyzer, article) for article in articles]


def _analyse_one(analyzer: Any, article: Article) -> Result:
    try:
        return (article.id, analyzer.analyze(article), None)
    except PresswatchError as exc:
        return (article.id, None, (exc.code, exc.message))
    except Exception as exc:  # a bug in a layer must not stop the batch
        message = " ".join(f"analysis failed: {type(exc).__name__}: {exc}".split())
        return (article.id, None, (ANALYSIS_FAILED, message[:500]))


# -- executors ------------------------------------------------------------------------

_WORKER_ANALYZER = None
_WORKER_ERROR: tuple[str, str] | None = None


def _exit_with(parent_pid: int) -> None:
    """Watchdog thread: a worker whose ingest process was killed must not live on."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the pid was reused by another user's process: ours is gone
            os._exit(1)


def _init_worker(config: dict, model: str | None, parent_pid: int | None = None) -> None:
    global _WORKER_ANALYZER, _WORKER_ERROR
    from .pipeline import Analyzer

    if parent_pid is not None:
        threading.Thread(target=_exit_with, args=(parent_pid,), daemon=True).start()

    try:
        _WORKER_ANALYZER = Analyzer(config, model=model)
    except PresswatchError as exc:  # e.g. a model that cannot be loaded: reported per batch
        _WORKER_ERROR = (exc.code, exc.message)


def _worker_batch(articles: list[Article]) -> list[Result]:
    if _WORKER_ERROR is not None:
        return [(a.id, None, _WORKER_ERROR) for a in articles]
    return analyse_batch(_WORKER_ANALYZER, articles)


def run_in_process(batches: list[list[Article]], config: dict, model: str | None) -> Iterator[list[Result]]:
    from .pipeline import Analyzer

    analyzer = Analyzer(config, model=model)
    for batch in batches:
        yield analyse_batch(analyzer, batch)


def run_processes(batches: list[list[Article]], config: dict, model: str | None,
                  workers: int) -> Iterator[list[Result]]:
    """N worker processes, each loading the models once; at most 2N batches in flight."""
    ctx = multiprocessing.get_context("forkserver")
    pool = cf.ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                 initargs=(config, model, os.getpid()))
    todo = iter(batches)
    in_flight: dict[cf.Future, list[Article]] = {}
    try:
        for batch in todo:
            in_flight[pool.submit(_worker_batch, batch)] = batch
            if len(in_flight) >= 2 * workers:
                break
        while in_flight:
            done, _ = cf.wait(in_flight, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                batch = in_flight.pop(fut)
                try:
                    yield fut.result()
                except cf.process.BrokenProcessPool:
                    # the pool is unusable: report this batch, those in flight and those not sent
                    # as failed, so the exit status says so and the next run retries them
                    died = "a worker process died (out of memory or killed?); not analysed"
                    for lost in [batch, *in_flight.values(), *todo]:
                        yield [(a.id, None, (WORKER_DIED, died)) for a in lost]
                    in_flight.clear()
                    return
                nxt = next(todo, None)
                if nxt is not None:
                    in_flight[pool.submit(_worker_batch, nxt)] = nxt
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _RayAnalyzer:
    """A Ray actor holding one Analyzer (models loaded once per actor)."""

    def __init__(self, config: dict, model: str | None):
        from .pipeline import Analyzer

        self.analyzer = Analyzer(config, model=model)

    def analyse(self, articles: list[Article]) -> list[Result]:
        return analyse_batch(self.analyzer, articles)


def run_ray(batches: list[list[Article]], config: dict, model: str | None, workers: int,
            address: str | None) -> Iterator[list[Result]]:
    """N Ray actors on a local Ray (no address) or an existing cluster (``ray://`` or ``host:port``)."""
    try:
        import ray
        from ray.util import ActorPool
    except ImportError:
        raise PresswatchError("the Ray executor needs ray: pip install 'ray==2.60.0'") from None
    started = False
    if not ray.is_initialized():
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
        started = True
    try:
        actor_cls = ray.remote(num_cpus=1)(_RayAnalyzer)
        pool = ActorPool([actor_cls.remote(config, model) for _ in range(workers)])
        yield from pool.map_unordered(lambda actor, batch: actor.analyse.remote(batch), batches)
    finally:
        if started:
            ray.shutdown()


# -- progress ------------------------------------------------------------------------

class Progress:
    """A rich progress bar on a terminal, else a log line every ``every`` seconds (on stderr)."""

    def __init__(self, total: int, mode: str = "auto", every: float = 10.0, stream: Any = None):
        self.stream = stream or sys.stderr
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self.every = every
        self.last_log = self.start
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "log"
        self.mode = mode
        self._bar = None
        if mode == "bar" and total:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            self._bar = RichProgress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
                                     TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                     TimeRemainingColumn(), console=Console(file=self.stream), transient=True)
            self._task = self._bar.add_task("ingest", total=total, rate="")
            self._bar.start()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        rate = self.done / (now - self.start) if now > self.start else 0.0
        if self._bar is not None:
            self._bar.update(self._task, advance=n, rate=f"{rate:.2f} docs/s")
        elif self.mode == "log" and (now - self.last_log >= self.every or self.done == self.total):
            self.last_log = now
            eta = (self.total - self.done) / rate if rate > 0 else float("inf")
            eta_text = "?" if eta == float("inf") else time.strftime("%H:%M:%S", time.gmtime(eta))
            print(f"presswatch ingest: {self.done}/{self.total} ({100 * self.done / max(self.total, 1):.0f}%), "
                  f"{rate:.2f} docs/s, ETA {eta_text}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


# -- the ingest run -----------------------------------------------------------------

@dataclass
class IngestOptions:
    workers: int = 1
    executor: str = "local"  # local | ray
    ray_address: str | None = None
    reanalyze: bool = False
    batch_size: int = 8  # documents per task sent to a worker
    progress: str = "auto"  # auto | bar | log | none
    log_every: float = 10.0
    command: str = ""


def layers_for(config: dict) -> list[str]:
    """The layers an Analyzer built from ``config`` will run, without loading the model."""
    from .pipeline import ALWAYS_ON, LAYERS, _available

    wanted = list(dict.fromkeys([*ALWAYS_ON, *config.get("pipeline", {}).get("layers", [])]))
    return [layer for layer in LAYERS if layer in wanted and _available(LAYERS[layer][1])]


def current_pipeline(config: dict, model: str | None) -> str:
    from . import __version__

    return pipeline_id(__version__, model or config["pipeline"]["model"], layers_for(config))


class _Run:
    def __init__(self, store: Store, config: dict, model: str | None, opts: IngestOptions):
        self.store = store
        self.config = config
        self.model = model
        self.opts = opts
        self.pipeline = current_pipeline(config, model)
        self.summary = IngestSummary()
        self.run_id = ""

    def fail(self, source: str | None, code: str, message: str, article_id: str | None = None) -> None:
        self.summary.failed += 1
        if len(self.summary.errors) < 100:
            self.summary.errors.append((source or "?", code, message))
        self.store.record_error(self.run_id, source, code, message, article_id)

    def classify(self, items: Iterable[Article | PresswatchError]) -> tuple[list[Article], list[Article]]:
        """Record bad inputs, skip and link what is stored; returns (to analyse, in-run near-duplicates)."""
        articles: list[Article] = []
        for item in items:
            self.summary.inputs += 1
            if isinstance(item, PresswatchError):
                self.fail(item.source, item.code, item.message)
            else:
                articles.append(item)
        state = self.store.state(a.id for a in articles)
        seen: dict[str, Article] = {}
        index = store_dedup.NearDuplicateIndex()
        todo: list[Article] = []
        near_in_run: list[Article] = []
        pending: set[str] = set()  # analysed in this run: extra sources are linked once it is stored
        stored: set[str] = set()  # already stored (skipped or linked as a duplicate)
        for art in articles:
            if art.id in seen:  # same text twice in this run: one analysis, two sources
                self.summary.duplicates += 1
                if art.id in pending:
                    self.extra_sources.setdefault(art.id, []).append(art.source)
                elif art.id in stored:
                    self.store.link_source(art.id, art.source, self.run_id)
                continue
            seen[art.id] = art
            known = state.get(art.id)
            if known is not None:
                stored.add(art.id)
                if known["duplicate_of"]:
                    self.summary.duplicates += 1
                    self.store.link_source(art.id, art.source, self.run_id)
                    continue
                if known["pipeline"] == self.pipeline or not self.opts.reanalyze:
                    self.summary.skipped += 1
                    self.summary.stale += known["pipeline"] != self.pipeline
                    self.store.link_source(art.id, art.source, self.run_id)
                    continue
                todo.append(art)  # re-analyse: the stored text is the same, so no near-duplicate check
                pending.add(art.id)
                continue
            fingerprint = store_dedup.simhash(art.text)
            self.fingerprints[art.id] = fingerprint
            if fingerprint is not None:
                if self.store.find_near_duplicate(fingerprint) is not None:
                    self._count(self.store.write_duplicate(art, self.run_id, fingerprint))
                    stored.add(art.id)
                    continue
                if index.find(fingerprint) is not None:
                    near_in_run.append(art)
                    continue
                index.add(art.id, fingerprint)
            todo.append(art)
            pending.add(art.id)
        return todo, near_in_run

    def _count(self, outcome: str) -> None:
        """Count a store outcome: "ingested", "skipped" or "duplicate"."""
        name = {"duplicate": "duplicates"}.get(outcome, outcome)
        setattr(self.summary, name, getattr(self.summary, name) + 1)

    def analyse_and_write(self, articles: list[Article], progress: Progress) -> None:
        if not articles:
            return
        by_id = {a.id: a for a in articles}
        size = max(1, self.opts.batch_size)
        batches = [articles[i:i + size] for i in range(0, len(articles), size)]
        workers = max(1, self.opts.workers)
        if self.opts.executor == "ray":
            results = run_ray(batches, self.config, self.model, workers, self.opts.ray_address)
        elif workers == 1:
            results = run_in_process(batches, self.config, self.model)
        else:
            results = run_processes(batches, self.config, self.model, workers)
        for batch in results:
            for article_id, analysis, error in batch:
                article = by_id[article_id]
                if error is not None and error[0] in (ModelError.code, ConfigError.code):
                    raise (ModelError if error[0] == ModelError.code else ConfigError)(error[1])
                if error is not None:
                    self.fail(article.source, error[0], error[1], article_id)
                else:
                    self.write(article, analysis)
                progress.advance()

    def write(self, article: Article, analysis: Analysis) -> None:
        # the worker's copy of the article carries what the layout layer filled in (title, date, ...)
        try:
            outcome = self.store.write_analysis(analysis, self.pipeline, self.run_id, self.opts.reanalyze,
                                                self.fingerprints.get(article.id, True))
            for source in self.extra_sources.get(article.id, []):
                self.store.link_source(article.id, source, self.run_id)
        except PresswatchError:
            raise
        except Exception as exc:  # one document the database refuses must not stop the run
            self.fail(article.source, STORE_FAILED, " ".join(f"cannot store: {exc}".split())[:500], article.id)
            return
        self._count(outcome)

    def run(self, items: Iterable[Article | PresswatchError]) -> IngestSummary:
        start = time.monotonic()
        self.extra_sources: dict[str, list[str | None]] = {}
        self.fingerprints: dict[str, int | None] = {}
        executor = "ray" if self.opts.executor == "ray" else ("process" if self.opts.workers > 1 else "local")
        self.run_id = self.store.begin_run(self.opts.command, executor, self.opts.workers, self.pipeline)
        self.summary.run_id = self.run_id
        status = "failed"
        try:
            with sigterm_interrupts():
                self._classify_analyse_write(items)
            status = "completed"
        except KeyboardInterrupt:  # Ctrl-C, or SIGTERM as Terminated
            status = "interrupted"
            raise
        finally:
            self.summary.seconds = time.monotonic() - start
            counts = {k: getattr(self.summary, k) for k in ("inputs", "ingested", "skipped", "duplicates", "failed")}
            try:
                self.store.finish_run(self.run_id, status, counts)
            except Exception:
                if status == "completed":
                    raise
        return self.summary

    def _classify_analyse_write(self, items: Iterable[Article | PresswatchError]) -> None:
        todo, near_in_run = self.classify(items)
        mode = "none" if self.opts.progress == "none" else self.opts.progress
        progress = Progress(len(todo) + len(near_in_run), mode, self.opts.log_every)
        try:
            self.analyse_and_write(todo, progress)
            # near-duplicates of articles of this run: linked now that those are stored,
            # analysed after all when their original failed
            leftovers = []
            for art in near_in_run:
                fp = self.fingerprints.get(art.id)
                if fp is not None and self.store.find_near_duplicate(fp) is not None:
                    self._count(self.store.write_duplicate(art, self.run_id, fp))
                    progress.advance()
                else:
                    leftovers.append(art)
            self.analyse_and_write(leftovers, progress)
        finally:
            progress.close()


def ingest(store: Store, items: Iterable[Article | PresswatchError], config: dict, model: str | None = None,
           options: IngestOptions | None = None) -> IngestSummary:
    """Analyse and store ``items`` (Articles, or input errors to record); returns the summary."""
    return _Run(store, config, model, options or IngestOptions()).run(items)


__all__ = ["IngestOptions", "IngestSummary", "Terminated", "analyse_batch", "ingest", "Progress", "current_pipeline",
           "sigterm_interrupts"]
