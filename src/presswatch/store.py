"""The corpus store: one schema on SQLite (default, a single file) and PostgreSQL.

``open_store(url)`` accepts ``sqlite:///relative.db``, ``sqlite:////abs/path.db``,
``sqlite:///:memory:``, a bare file path, or ``postgresql://...`` (psycopg 3).
Opening applies missing migrations (:mod:`presswatch.store_migrations`) under a
lock, so several processes may open a fresh database at once.

Writes are crash-safe: :meth:`Store.write_analysis` stores an article, its
analysis JSON, its fact rows and its search-index rows in one transaction, so
a killed process leaves each article either complete or absent. Writers are
serialised (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL transaction-level advisory
lock), which makes the "already stored?" and "near-duplicate of?" checks
race-free between concurrent ingest processes. SQLite runs in WAL mode with
``synchronous=NORMAL``: a killed process loses nothing committed; a power cut
may lose the last commits, never consistency.
"""

from __future__ import annotations

import abc

import contextlib
import json
import re
import sqlite3
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from . import store_dedup
from .errors import ConfigError, PresswatchError, QueryError, StoreError  # noqa: F401  (re-exported)
from .store_migrations import LATEST, MIGRATIONS
from .store_rows import FACT_TABLES, analysis_json, article_row, fact_rows
from .types import Analysis, Article

DEFAULT_URL = "sqlite:///presswatch.db"
_PG_LOCK = 7_310_477_015  # advisory lock key shared by all presswatch writers




def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_id() -> str:
    return uuid.uuid4().hex


def pipeline_id(version: str, model: str, layers: Sequence[str]) -> str:
    """What an analysis was made by; with the content hash it makes ingestion idempotent."""
    return f"{version}|{model}|{','.join(layers)}"


def sqlite_path(url: str | None) -> str | None:
    """The file (or ``:memory:``) of a SQLite URL or bare path; None for PostgreSQL."""
    url = url or DEFAULT_URL
    if url.startswith(("postgresql://", "postgres://")):
        return None
    if url.startswith("sqlite:"):
        m = re.fullmatch(r"sqlite:///(.+)", url)
        if not m:
            raise ConfigError(f"bad SQLite URL {url!r}; use sqlite:///relative.db or sqlite:////absolute/path.db")
        return m.group(1)
    if "://" in url:
        raise ConfigError(f"unsupported database URL {url.split('://')[0]}://...; use sqlite:/// or postgresql://")
    return url


def open_store(url: str | None = None) -> "Store":
    path = sqlite_path(url)
    return PostgresStore(url or DEFAULT_URL) if path is None else SQLiteStore(path)


class Store(abc.ABC):
    """Connection, migrations and the write path; queries live in :mod:`presswatch.store_query`."""

    dialect = ""
    lower = "lower"  # SQL function that case-folds text

    def __init__(self) -> None:
        self.migrate()

    # -- dialect hooks ------------------------------------------------------
    @abc.abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Implemented by each dialect."""

    @abc.abstractmethod
    def _begin(self, write: bool) -> None:
        """Implemented by each dialect."""

    @abc.abstractmethod
    def _index_search(self, article: Article, quote_rows: list[dict]) -> None:
        """Implemented by each dialect."""

    @abc.abstractmethod
    def _unindex_search(self, article_id: str) -> None:
        """Implemented by each dialect."""

    @abc.abstractmethod
    def close(self) -> None:
        """Implemented by each dialect."""

    # -- basics -------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._execute(sql, params).fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self._execute(sql, params).fetchone()
        return None if row is None else list(dict(row).values())[0]

    def iter_query(self, sql: str, params: Sequence[Any] = (), size: int = 500) -> Iterator[dict[str, Any]]:
        cur = self._execute(sql, params)
        while rows := cur.fetchmany(size):
            for r in rows:
                yield dict(r)

    @contextlib.contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        self._begin(write)
        try:
            yield
        except BaseException:
            self._execute("ROLLBACK")
            raise
        self._execute("COMMIT")

    def insert(self, table: str, row: dict[str, Any], conflict: str = "") -> None:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._execute(f"INSERT INTO {table} ({cols}) VALUES ({marks}) {conflict}", list(row.values()))

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        cols = list(rows[0])
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
        self._executemany(sql, [[r[c] for c in cols] for r in rows])

    def _executemany(self, sql: str, rows: list[list[Any]]) -> None:
        for r in rows:
            self._execute(sql, r)

    # -- migrations ---------------------------------------------------------
    def schema_version(self) -> int:
        return int(self.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") or 0)

    def migrate(self) -> list[int]:
        """Apply missing migrations in order; returns the versions applied now."""
        applied = []
        with self.transaction():
            self._execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                          "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            current = self.schema_version()
            if current > LATEST:
                raise StoreError(f"database schema version {current} is newer than this presswatch "
                                 f"supports ({LATEST}); upgrade presswatch")
            for m in MIGRATIONS:
                if m.version <= current:
                    continue
                for statement in m.statements(self.dialect):
                    self._execute(statement)
                self.insert("schema_migrations", {"version": m.version, "name": m.name, "applied_at": now()})
                applied.append(m.version)
        return applied

    # -- runs and errors ----------------------------------------------------
    def begin_run(self, command: str, executor: str, workers: int, pipeline: str, n_inputs: int = 0) -> str:
        run_id = new_id()
        with self.transaction():
            self.insert("runs", {"id": run_id, "started_at": now(), "status": "running", "command": command[:2000],
                                 "executor": executor, "workers": workers, "pipeline": pipeline,
                                 "n_inputs": n_inputs})
        return run_id

    def finish_run(self, run_id: str, status: str, counts: dict[str, int]) -> None:
        with self.transaction():
            self._execute(
                "UPDATE runs SET finished_at = ?, status = ?, n_inputs = ?, n_ingested = ?, n_skipped = ?, "
                "n_duplicates = ?, n_failed = ? WHERE id = ?",
                [now(), status, counts.get("inputs", 0), counts.get("ingested", 0), counts.get("skipped", 0),
                 counts.get("duplicates", 0), counts.get("failed", 0), run_id])

    def record_error(self, run_id: str, source: str | None, code: str, message: str,
                     article_id: str | None = None) -> None:
        with self.transaction():
            seq = int(self.scalar("SELECT COALESCE(MAX(seq), 0) FROM errors WHERE run_id = ?", [run_id])) + 1
            self.insert("errors", {"run_id": run_id, "seq": seq, "source": source, "article_id": article_id,
                                   "code": code, "message": message[:2000], "at": now()})

    # -- reading stored state ------------------------------------------------
    def state(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """For the ids already stored: ``{id: {"pipeline": str|None, "duplicate_of": str|None}}``."""
        out: dict[str, dict[str, Any]] = {}
        ids = list(dict.fromkeys(ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ", ".join("?" for _ in chunk)
            for r in self.query(f"SELECT a.id, a.duplicate_of, an.pipeline FROM articles a "
                                f"LEFT JOIN analyses an ON an.article_id = a.id WHERE a.id IN ({marks})", chunk):
                out[r["id"]] = {"pipeline": r["pipeline"], "duplicate_of": r["duplicate_of"]}
        return out

    def find_near_duplicate(self, fingerprint: int, exclude: str | None = None) -> tuple[str, int] | None:
        """The closest stored canonical article within the simhash distance, as (id, distance)."""
        keys = store_dedup.bands(fingerprint)
        where = " OR ".join("(b.band = ? AND b.value = ?)" for _ in keys)
        params = [x for k in keys for x in k]
        best = None
        for r in self.query(f"SELECT DISTINCT a.id, a.simhash FROM simhash_bands b JOIN articles a "
                            f"ON a.id = b.article_id WHERE ({where})", params):
            if r["id"] == exclude:
                continue
            d = store_dedup.distance(fingerprint, store_dedup.from_signed(r["simhash"]))
            if d <= store_dedup.MAX_DISTANCE and (best is None or d < best[1]):
                best = (r["id"], d)
        return best

    def load_analysis(self, article_id: str) -> Analysis | None:
        rows = self.query("SELECT an.analysis, a.text FROM analyses an JOIN articles a ON a.id = an.article_id "
                          "WHERE an.article_id = ?", [article_id])
        return analysis_from_row(rows[0]) if rows else None

    def counts(self) -> dict[str, int]:
        tables = ["articles", "analyses", "article_sources", *FACT_TABLES, "runs", "errors"]
        out = {t: int(self.scalar(f"SELECT COUNT(*) FROM {t}")) for t in tables}
        out["duplicates"] = int(self.scalar("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL"))
        return out

    # -- writing --------------------------------------------------------------
    def add_source(self, article_id: str, source: str | None, run_id: str | None) -> None:
        if not source:
            return
        conflict = "ON CONFLICT (article_id, source) DO NOTHING"
        self.insert("article_sources", {"article_id": article_id, "source": source, "run_id": run_id,
                                        "seen_at": now()}, conflict)

    def link_source(self, article_id: str, source: str | None, run_id: str | None) -> None:
        with self.transaction():
            self.add_source(article_id, source, run_id)

    def _insert_article(self, article: Article, run_id: str | None, fingerprint: int | None,
                        duplicate_of: str | None = None, distance: int | None = None) -> None:
        row = article_row(article)
        row.update({"simhash": None if fingerprint is None else store_dedup.to_signed(fingerprint),
                    "duplicate_of": duplicate_of, "distance": distance, "run_id": run_id, "added_at": now()})
        self.insert("articles", row)
        self.add_source(article.id, article.source, run_id)
        if fingerprint is not None and duplicate_of is None:
            self.insert_many("simhash_bands", [{"band": b, "value": v, "article_id": article.id}
                                               for b, v in store_dedup.bands(fingerprint)])

    def write_duplicate(self, article: Article, run_id: str | None, fingerprint: int | None = None) -> str:
        """Store ``article`` as a near-duplicate if it still is one; see :meth:`write_analysis` for results."""
        with self.transaction():
            return self._write(article, None, "", run_id, False, fingerprint)

    def write_analysis(self, analysis: Analysis, pipeline: str, run_id: str | None = None,
                       reanalyze: bool = False, fingerprint: int | None | bool = True) -> str:
        """Store one analysed article in one transaction.

        Returns ``"ingested"`` (new or re-analysed), ``"skipped"`` (already
        analysed by this pipeline, or by another one without ``reanalyze``)
        or ``"duplicate"`` (the article, or a near-duplicate of it, is stored:
        only the link is recorded). ``fingerprint=True`` computes the simhash.
        """
        with self.transaction():
            return self._write(analysis.article, analysis, pipeline, run_id, reanalyze, fingerprint)

    def _write(self, article: Article, analysis: Analysis | None, pipeline: str, run_id: str | None,
               reanalyze: bool, fingerprint: int | None | bool) -> str:
        known = self.state([article.id]).get(article.id)
        if known is not None:
            self.add_source(article.id, article.source, run_id)
            if known["duplicate_of"]:
                return "duplicate"
            if analysis is None:
                return "duplicate"  # asked to store a duplicate whose text is already here in full
            if known["pipeline"] == pipeline or (known["pipeline"] and not reanalyze):
                return "skipped"
            self._delete_facts(article.id)
            meta = article_row(article)
            meta.pop("id")
            self._execute(f"UPDATE articles SET {', '.join(f'{k} = ?' for k in meta)} WHERE id = ?",
                          [*meta.values(), article.id])
            self._insert_facts(analysis, pipeline, run_id)
            return "ingested"
        if fingerprint is True:
            fingerprint = store_dedup.simhash(article.text)
        fingerprint = fingerprint if isinstance(fingerprint, int) and not isinstance(fingerprint, bool) else None
        near = self.find_near_duplicate(fingerprint) if fingerprint is not None else None
        if near is not None:
            self._insert_article(article, run_id, fingerprint, duplicate_of=near[0], distance=near[1])
            return "duplicate"
        if analysis is None:
            raise StoreError(f"{article.source or article.id}: not a near-duplicate any more and no analysis given")
        self._insert_article(article, run_id, fingerprint)
        self._insert_facts(analysis, pipeline, run_id)
        return "ingested"

    def _insert_facts(self, analysis: Analysis, pipeline: str, run_id: str | None) -> None:
        meta = analysis.meta
        self.insert("analyses", {
            "article_id": analysis.article.id, "version": str(meta.get("version", "")),
            "model": str(meta.get("model", "")), "layers": ",".join(meta.get("layers", [])),
            "pipeline": pipeline, "schema": analysis.schema, "analysis": analysis_json(analysis),
            "run_id": run_id, "analysed_at": now()})
        rows = fact_rows(analysis)
        for table in FACT_TABLES:
            self.insert_many(table, rows[table])
        self._index_search(analysis.article, rows["quotes"])

    def delete_article(self, article_id: str) -> int:
        """Delete an article with its analysis, facts, search rows, sources and the copies linked to it.

        Returns the number of article rows removed (0 when the id is unknown); one transaction.
        """
        with self.transaction():
            ids = [r["id"] for r in self.query("SELECT id FROM articles WHERE id = ? OR duplicate_of = ?",
                                               [article_id, article_id])]
            if article_id not in ids:
                return 0
            for one in ids:
                self._delete_facts(one)
            marks = ", ".join("?" for _ in ids)
            for table in ("simhash_bands", "article_sources"):
                self._execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", ids)
            copies = [i for i in ids if i != article_id]
            if copies:  # the copies first: they reference the original through duplicate_of
                self._execute(f"DELETE FROM articles WHERE id IN ({', '.join('?' for _ in copies)})", copies)
            self._execute("DELETE FROM articles WHERE id = ?", [article_id])
        return len(ids)

    def _delete_facts(self, article_id: str) -> None:
        self._unindex_search(article_id)
        for table in (*FACT_TABLES, "analyses"):
            key = "article_id"
            self._execute(f"DELETE FROM {table} WHERE {key} = ?", [article_id])


def analysis_from_row(row: dict[str, Any]) -> Analysis:
    data = json.loads(row["analysis"])
    data["article"]["text"] = row["text"]
    return Analysis.from_dict(data)


class SQLiteStore(Store):
    dialect = "sqlite"
    lower = "pw_lower"  # SQLite's lower() folds ASCII only

    def __init__(self, path: str):
        self.path = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot open SQLite database {path}: folder {parent} does not exist")
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=60, check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.create_function("pw_lower", 1, lambda s: s.casefold() if isinstance(s, str) else s,
                                      deterministic=True)
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {path}: {exc}") from None
        super().__init__()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            if "fts5: syntax error" in str(exc) or "no such column" in str(exc) and "MATCH" in sql:
                raise QueryError(f"bad search query: {exc}") from None
            raise

    def _executemany(self, sql: str, rows: list[list[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def _begin(self, write: bool) -> None:
        self._execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def _index_search(self, article: Article, quote_rows: list[dict]) -> None:
        cur = self._execute("INSERT INTO search_index (title, body, article_id, quote_position) VALUES (?, ?, ?, NULL)",
                            [article.title or "", article.text, article.id])
        mapping = [(article.id, cur.lastrowid)]
        for q in quote_rows:
            cur = self._execute("INSERT INTO search_index (title, body, article_id, quote_position) VALUES ('', ?, ?, ?)",
                                [q["text"], article.id, q["position"]])
            mapping.append((article.id, cur.lastrowid))
        self.conn.executemany("INSERT INTO search_rowids (article_id, fts_rowid) VALUES (?, ?)", mapping)

    def _unindex_search(self, article_id: str) -> None:
        self._execute("DELETE FROM search_index WHERE rowid IN "
                      "(SELECT fts_rowid FROM search_rowids WHERE article_id = ?)", [article_id])
        self._execute("DELETE FROM search_rowids WHERE article_id = ?", [article_id])

    def close(self) -> None:
        self.conn.close()


class PostgresStore(Store):
    dialect = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise StoreError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from None
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split())
            raise StoreError(f"cannot connect to PostgreSQL: {reason}") from None
        self.url = url
        super().__init__()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        sql = sql.replace("%", "%%").replace("?", "%s") if params else sql
        try:
            return self.conn.execute(sql, params or None)
        except self._psycopg.errors.SyntaxError as exc:
            if "tsquery" in str(exc):
                raise QueryError(f"bad search query: {exc}") from None
            raise

    def _executemany(self, sql: str, rows: list[list[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(sql.replace("%", "%%").replace("?", "%s"), rows)

    def _begin(self, write: bool) -> None:
        self._execute("BEGIN")
        if write:
            self._execute("SELECT pg_advisory_xact_lock(?)", [_PG_LOCK])

    def _index_search(self, article: Article, quote_rows: list[dict]) -> None:
        rows = [[article.id, None, article.title or "", article.text]]
        rows += [[article.id, q["position"], "", q["text"]] for q in quote_rows]
        self._executemany("INSERT INTO search_index (article_id, quote_position, title, body) VALUES (?, ?, ?, ?)",
                          rows)

    def _unindex_search(self, article_id: str) -> None:
        self._execute("DELETE FROM search_index WHERE article_id = ?", [article_id])

    def close(self) -> None:
        self.conn.close()
