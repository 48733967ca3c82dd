"""Real ingestion through the `presswatch` CLI and the Corpus API: resumability after SIGKILL,
worker processes, concurrent writers on PostgreSQL, failures, and the query commands.

The articles are generated here (made-up names and places) so that no third-party text
is needed; the pipeline runs with the layout and entities layers only, to stay fast.
"""

from __future__ import annotations

import csv
import io
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from presswatch.store import open_store
from presswatch.store_dedup import MAX_DISTANCE, distance, simhash

from test_store import PgSchema

PEOPLE = ["Marta Kovalenko", "Idris Baptiste", "Helen Okafor", "Tomas Rynkiewicz", "Aiko Tanabe", "Samuel Oyelaran",
          "Lucia Ferreira", "Dmitri Volkan", "Grace Mbeki", "Oskar Lindqvist", "Priya Raman", "Jonas Weller"]
PLACES = ["Tashkent", "Nairobi", "Lisbon", "Manila", "Quito", "Tbilisi", "Accra", "Hanoi", "Oslo", "Lima"]
ORGS = ["the World Bank", "the African Union", "the European Commission", "the Red Cross", "UNICEF", "OPEC"]
VERBS = ["warned", "said", "argued", "insisted", "announced", "claimed", "stressed", "noted"]
TOPICS = ["grain exports", "water rights", "a fishing treaty", "border crossings", "vaccine deliveries",
          "energy prices", "rail freight", "student visas", "mining licences", "flood relief"]


def make_article(rng: random.Random, n: int) -> str:
    """A short news-like article; every one gets its own mix of words, so none is a near-duplicate."""
    topic = rng.choice(TOPICS)
    lines = [f"Talks on {topic} stall in {rng.choice(PLACES)} (report {n})", "", f"Published: 2022-{1 + n % 12:02d}-{1 + n % 27:02d}", ""]
    for _ in range(7):
        who, where, org = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(ORGS)
        amount = rng.randint(2, 900)
        lines.append(rng.choice([
            f"{who} {rng.choice(VERBS)} in {where} that {org} would review {topic} within {amount} days.",
            f"\u201cWe will not accept {amount} more delays,\u201d {who} {rng.choice(VERBS)} after meeting {org}.",
            f"Officials from {org} met {who} in {where} on day {amount} to discuss {rng.choice(TOPICS)}.",
            f"According to {who}, {org} has spent {amount} million dollars on {rng.choice(TOPICS)} near {where}.",
        ]))
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    texts = [make_article(rng, i) for i in range(n)]
    prints = [simhash(t) for t in texts]
    for i in range(n):  # the generator must not make near-duplicates by chance
        assert all(distance(prints[i], prints[j]) > MAX_DISTANCE for j in range(i))
    paths = []
    for i, text in enumerate(texts):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def small_config(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cfg") / "small.toml"
    path.write_text('[pipeline]\nlayers = ["layout", "entities"]\nbatch_size = 4\n', encoding="utf-8")
    return path


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "presswatch.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout)


def check_consistent(db_path: Path) -> int:
    """Every stored article is complete: analysis, facts and index rows match its JSON. Returns the count."""
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    articles = conn.execute("SELECT id, duplicate_of FROM articles").fetchall()
    analysed = 0
    for art in articles:
        rows = conn.execute("SELECT analysis FROM analyses WHERE article_id = ?", [art["id"]]).fetchall()
        if art["duplicate_of"]:
            assert rows == []
            continue
        assert len(rows) == 1, f"article {art['id']} has no analysis: half-written"
        data = json.loads(rows[0]["analysis"])
        n_ent = conn.execute("SELECT COUNT(*) FROM entities WHERE article_id = ?", [art["id"]]).fetchone()[0]
        n_lay = conn.execute("SELECT COUNT(*) FROM layout WHERE article_id = ?", [art["id"]]).fetchone()[0]
        n_idx = conn.execute("SELECT COUNT(*) FROM search_rowids WHERE article_id = ?", [art["id"]]).fetchone()[0]
        assert (n_ent, n_lay, n_idx) == (len(data["entities"]), len(data["article"]["layout"]), 1 + len(data["quotes"]))
        analysed += 1
    orphans = conn.execute("SELECT COUNT(*) FROM entities WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()
    assert orphans[0] == 0
    conn.close()
    return analysed


@pytest.mark.slow
def test_ingest_cli_records_failures_and_is_idempotent(tmp_path, small_config):
    paths = write_corpus(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.txt").write_text("   \n", encoding="utf-8")
    db = tmp_path / "c.db"
    first = cli("ingest", tmp_path / "in", tmp_path / "missing.txt", "--db", f"sqlite:///{db}",
                "--config", small_config, "--summary-json")
    assert first.returncode == 1, first.stderr
    summary = json.loads(first.stdout)
    assert (summary["ingested"], summary["failed"], summary["inputs"]) == (4, 2, 6)
    assert "ingested 4, skipped 0, duplicates 0, failed 2 of 6 inputs" in first.stderr
    assert "empty.txt" in first.stderr and "missing.txt" in first.stderr and "Traceback" not in first.stderr
    with open_store(f"sqlite:///{db}") as s:
        errors = s.query("SELECT source, code FROM errors ORDER BY seq")
        assert len(errors) == 2 and any(e["source"].endswith("empty.txt") for e in errors)
        assert s.query("SELECT status, n_ingested, n_failed FROM runs")[0] == {
            "status": "completed", "n_ingested": 4, "n_failed": 2}
    # same inputs again: nothing to do; a copy under another name is linked, not analysed
    (tmp_path / "in" / "empty.txt").unlink()
    (tmp_path / "copy.txt").write_text(paths[0].read_text(encoding="utf-8"), encoding="utf-8")
    second = cli("ingest", tmp_path / "in", tmp_path / "copy.txt", "--db", f"sqlite:///{db}",
                 "--config", small_config, "--summary-json")
    assert second.returncode == 0, second.stderr
    again = json.loads(second.stdout)
    assert (again["skipped"], again["duplicates"], again["ingested"]) == (4, 1, 0)
    assert check_consistent(db) == 4
    with open_store(f"sqlite:///{db}") as s:
        linked = s.query("SELECT source FROM article_sources WHERE article_id = "
                         "(SELECT article_id FROM article_sources WHERE source = ?)", [str(paths[0])])
        assert sorted(r["source"] for r in linked) == sorted([str(paths[0]), str(tmp_path / "copy.txt")])
    # the query commands over what was ingested
    hits = cli("search", "delays OR officials", "--db", f"sqlite:///{db}", "--format", "jsonl")
    assert hits.returncode == 0, hits.stderr
    lines = [json.loads(line) for line in hits.stdout.splitlines()]
    assert lines and all(set(h["article"]) >= {"id", "source", "title", "published"} for h in lines)
    assert all("quote" in h for h in lines)
    assert all(h["article"]["title"].startswith("Talks on") for h in lines)
    as_json = cli("search", "delays OR officials", "--db", f"sqlite:///{db}", "--format", "json")
    assert [h["rank"] for h in json.loads(as_json.stdout)] == [h["rank"] for h in lines]
    as_csv = list(csv.DictReader(io.StringIO(cli("search", "delays OR officials", "--db", f"sqlite:///{db}",
                                                 "--format", "csv").stdout)))
    assert len(as_csv) == len(lines) and "**" in " ".join(r["snippet"] for r in as_csv)
    bad = cli("search", "x", "--db", f"sqlite:///{db}", "--since", "yesterday")
    assert bad.returncode == 2 and "bad date" in bad.stderr
    out = tmp_path / "g.graphml"
    exported = cli("export", "--db", f"sqlite:///{db}", "--format", "graphml", "-o", out)
    assert exported.returncode == 0 and out.read_text(encoding="utf-8").startswith("<?xml")
    rows = cli("export", "--db", f"sqlite:///{db}", "--format", "csv", "--table", "articles")
    assert rows.returncode == 0
    assert sorted(r["source"] for r in csv.DictReader(io.StringIO(rows.stdout))) == sorted(map(str, paths))
    nobody = cli("actor", "Nobody Atall", "--db", f"sqlite:///{db}")
    assert nobody.returncode == 1 and "no actor matches" in nobody.stderr


def _wait_for_rows(proc, db, at_least: int, timeout: float) -> None:
    """Poll the SQLite store of a running ingest until it holds ``at_least`` analyses (or the
    process ends, or ``timeout`` seconds pass)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
                    if conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0] >= at_least:
                        return
            except sqlite3.OperationalError:  # tables not created yet
                pass
        time.sleep(0.02)


@pytest.mark.slow
def test_sigkill_mid_run_then_resume(tmp_path, small_config):
    n = 120
    write_corpus(tmp_path / "in", n, seed=11)
    db = tmp_path / "kill.db"
    args = [sys.executable, "-m", "presswatch.cli", "ingest", str(tmp_path / "in"), "--db", f"sqlite:///{db}",
            "--config", str(small_config), "--batch-size", "2", "--progress", "none"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_rows(proc, db, 10, 120)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-3000:]
    done = check_consistent(db)
    assert 10 <= done < n, "the run must be killed part-way through"
    with open_store(f"sqlite:///{db}") as s:
        assert s.query("SELECT status FROM runs") == [{"status": "running"}]  # the killed run shows as such
    resumed = cli("ingest", tmp_path / "in", "--db", f"sqlite:///{db}", "--config", small_config, "--summary-json")
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert (summary["skipped"], summary["ingested"], summary["failed"]) == (done, n - done, 0)
    assert check_consistent(db) == n


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_mid_run_marks_it_interrupted(tmp_path, small_config, workers):
    n = 120
    write_corpus(tmp_path / "in", n, seed=13)
    db = tmp_path / "term.db"
    args = [sys.executable, "-m", "presswatch.cli", "ingest", str(tmp_path / "in"), "--db", f"sqlite:///{db}",
            "--config", str(small_config), "--batch-size", "2", "--progress", "none", "--workers", str(workers)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_rows(proc, db, 6, 180)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = err.decode()
    assert proc.returncode == 128 + signal.SIGTERM, err[-3000:]
    assert "terminated (SIGTERM)" in err and "Traceback" not in err
    done = check_consistent(db)
    assert 6 <= done < n, "the run must be stopped part-way through"
    with open_store(f"sqlite:///{db}") as s:
        run = s.query("SELECT status, finished_at, n_ingested FROM runs")
        assert len(run) == 1 and run[0]["status"] == "interrupted" and run[0]["finished_at"]
        assert run[0]["n_ingested"] == done
    resumed = cli("ingest", tmp_path / "in", "--db", f"sqlite:///{db}", "--config", small_config, "--summary-json")
    assert resumed.returncode == 0, resumed.stderr
    summary = json.loads(resumed.stdout)
    assert (summary["skipped"], summary["ingested"], summary["failed"]) == (done, n - done, 0)
    assert check_consistent(db) == n


@pytest.mark.slow
def test_worker_processes_match_in_process(tmp_path, small_config):
    from presswatch.corpus import Corpus

    paths = write_corpus(tmp_path / "in", 10, seed=3)
    results = {}
    for workers in (1, 2):
        with Corpus(f"sqlite:///{tmp_path / f'w{workers}.db'}", config=str(small_config)) as corpus:
            summary = corpus.ingest(paths, workers=workers, batch_size=2)
            assert (summary.ingested, summary.failed) == (10, 0)
            results[workers] = {r["article_id"]: r["analysis"] for r in corpus.store.query(
                "SELECT article_id, analysis FROM analyses")}
    assert results[1].keys() == results[2].keys()
    for key in results[1]:
        one, two = json.loads(results[1][key]), json.loads(results[2][key])
        assert one["entities"] == two["entities"] and one["article"] == two["article"]


def test_failed_analysis_is_recorded_and_the_batch_goes_on(tmp_path):
    from presswatch.ingest_batch import analyse_batch
    from presswatch.types import Analysis, Article

    class Flaky:
        def pipe_articles(self, articles):
            for a in articles:
                if "poison" in a.text:
                    raise ValueError("layer crashed\non two lines")
                yield Analysis(article=a)

        def analyze(self, article):
            return next(self.pipe_articles([article]))

    arts = [Article(id=str(i), text=t) for i, t in enumerate(["fine one", "poison pill", "fine two"])]
    results = analyse_batch(Flaky(), arts)
    assert [r[0] for r in results] == ["0", "1", "2"]
    assert results[0][1] is not None and results[2][1] is not None
    code, message = results[1][2]
    assert code == "E203" and "ValueError: layer crashed on two lines" in message


@pytest.mark.slow
def test_two_concurrent_ingests_on_postgres(tmp_path, small_config):
    schema = PgSchema()
    try:
        n = 24
        write_corpus(tmp_path / "in", n, seed=5)
        args = [sys.executable, "-m", "presswatch.cli", "ingest", str(tmp_path / "in"), "--db", schema.url,
                "--config", str(small_config), "--batch-size", "2", "--summary-json", "--progress", "none"]
        procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outs = [p.communicate(timeout=300) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [o[1][-2000:] for o in outs]
        summaries = [json.loads(o[0]) for o in outs]
        # each article analysed and stored by exactly one of the two processes
        assert sum(s["ingested"] for s in summaries) == n
        assert all(s["ingested"] + s["skipped"] == n for s in summaries)
        with open_store(schema.url) as s:
            counts = s.counts()
            assert counts["articles"] == counts["analyses"] == n
            assert s.scalar("SELECT COUNT(*) FROM search_index WHERE quote_position IS NULL") == n
            assert s.scalar("SELECT COUNT(DISTINCT source) FROM article_sources") == n
            assert [r["status"] for r in s.query("SELECT status FROM runs")] == ["completed", "completed"]
    finally:
        schema.drop()


@pytest.mark.slow
def test_ray_executor_local(tmp_path, small_config):
    pytest.importorskip("ray")
    from presswatch.corpus import Corpus

    paths = write_corpus(tmp_path / "in", 6, seed=9)
    with Corpus(f"sqlite:///{tmp_path / 'ray.db'}", config=str(small_config)) as corpus:
        summary = corpus.ingest(paths, executor="ray", workers=1, batch_size=3)
        assert (summary.ingested, summary.failed) == (6, 0)
        assert corpus.store.query("SELECT executor FROM runs") == [{"executor": "ray"}]
    assert check_consistent(tmp_path / "ray.db") == 6


def test_query_command_csv_defuses_spreadsheet_formulas(tmp_path, capsys):
    # search/stances --format csv print article text: a cell starting with = + - @ gets a leading '
    from presswatch import cli
    from test_store import PIPE, make_analysis

    db = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(db) as s:
        s.write_analysis(make_analysis(title="=cmd|' /C calc'!A0 grain corridor"), PIPE)
    assert cli.main(["search", "grain", "--db", db, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    titles = {r["title"] for r in rows}
    assert titles == {"'=cmd|' /C calc'!A0 grain corridor"}, titles


def test_actor_text_says_undated_instead_of_question_marks(tmp_path, capsys):
    from presswatch import cli
    from test_store import PIPE, make_analysis

    db = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(db) as s:
        a = make_analysis(published=None)
        a.events[0].date = None
        s.write_analysis(a, PIPE)
    assert cli.main(["actor", "Sergey Lavrov", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "1 articles, 1 mentions, no dated article" in out and "? to ?" not in out
    assert "by month:" not in out and "  undated [direct] The expansion of NATO" in out
    with open_store(db) as s:
        s.write_analysis(make_analysis(title="Dated copy of the talks", published="2022-03-01",
                                       filler="Another sentence makes this a different article. "), PIPE)
    assert cli.main(["actor", "Sergey Lavrov", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "2022-03-01 to 2022-03-01" in out and "by month: 2022-03: 1" in out
