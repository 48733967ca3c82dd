"""Versioned schema migrations of the corpus store, one list for SQLite and PostgreSQL.

Each migration has SQL that both databases run unchanged (plain tables with text
keys, so no dialect-specific auto-increment) and, where they must differ, SQL per
dialect (the full-text index: FTS5 on SQLite, a ``tsvector`` column on PostgreSQL).
:func:`presswatch.store.Store.migrate` applies the missing ones in order, each in
its own transaction, and records them in ``schema_migrations``. Released
migrations are never edited: a schema change is a new entry at the end.

Offsets are stored as ``start_char``/``end_char`` (``end`` is reserved in SQL).
Every fact table is keyed by ``(article_id, position)`` and rewritten as a whole
when an article is re-analysed.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    common: str
    dialect: dict[str, str] = field(default_factory=dict)

    def statements(self, dialect: str) -> list[str]:
        """The SQL statements, comments removed (the DDL here has no ';' or '--' inside strings)."""
        sql = re.sub(r"--[^\n]*", "", self.common + ";\n" + self.dialect.get(dialect, ""))
        return [s.strip() for s in sql.split(";") if s.strip()]


_CORE = """
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,            -- running | completed | failed (a killed run stays 'running')
    command TEXT,
    executor TEXT,
    workers INTEGER,
    pipeline TEXT,
    n_inputs INTEGER DEFAULT 0,
    n_ingested INTEGER DEFAULT 0,
    n_skipped INTEGER DEFAULT 0,
    n_duplicates INTEGER DEFAULT 0,
    n_failed INTEGER DEFAULT 0
);

CREATE TABLE articles (
    id TEXT PRIMARY KEY,             -- sha256 of the text
    source TEXT,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,                  -- ISO date, compared as text
    authors TEXT,                    -- JSON list
    language TEXT,
    encoding TEXT,
    n_chars INTEGER NOT NULL,
    text TEXT NOT NULL,
    simhash BIGINT,                  -- 64-bit simhash, stored signed
    duplicate_of TEXT REFERENCES articles(id),
    distance INTEGER,                -- Hamming distance to duplicate_of
    run_id TEXT,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id),
    source TEXT NOT NULL,
    run_id TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, source)
);

CREATE TABLE simhash_bands (
    band INTEGER NOT NULL,
    value INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (band, value, article_id)
);

CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    version TEXT NOT NULL,
    model TEXT NOT NULL,
    layers TEXT NOT NULL,            -- comma-separated, in pipeline order
    pipeline TEXT NOT NULL,          -- version/model/layers: the idempotency key with article_id
    schema TEXT NOT NULL,
    analysis TEXT NOT NULL,          -- full analysis JSON without article.text (kept in articles)
    run_id TEXT,
    analysed_at TEXT NOT NULL
);
CREATE INDEX analyses_pipeline ON analyses(pipeline);

CREATE TABLE layout (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    entity_id TEXT,
    label TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT,
    actor_id TEXT,
    reading TEXT,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE actors (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    actor_key TEXT NOT NULL,         -- id for knowledge-base actors, 'local:<name>' otherwise
    name TEXT NOT NULL,
    type TEXT,
    country TEXT,
    is_local INTEGER NOT NULL,
    aliases TEXT,                    -- JSON list
    roles TEXT,                      -- JSON list of Role
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX actors_key ON actors(actor_key);
CREATE INDEX actors_article_actor ON actors(article_id, actor_id);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    quote_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text TEXT NOT NULL,              -- content spans joined with ' ... '
    spans TEXT NOT NULL,             -- JSON list of [start, end]
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_actor TEXT,
    speaker_key TEXT,
    speaker_name TEXT,
    parent TEXT,
    confidence REAL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    cameo TEXT,
    source_actor TEXT,
    source_key TEXT,
    source_name TEXT,
    target_actor TEXT,
    target_key TEXT,
    target_name TEXT,
    negated INTEGER NOT NULL,
    modality TEXT,
    event_date TEXT,
    quote_id TEXT,
    evidence_start INTEGER,
    evidence_end INTEGER,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX events_source_key ON events(source_key);
CREATE INDEX events_target_key ON events(target_key);

CREATE TABLE stances (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    source_actor TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source_name TEXT NOT NULL,
    attitude TEXT NOT NULL,
    target_actor TEXT,
    target_key TEXT NOT NULL,
    target_name TEXT NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence TEXT,
    confidence REAL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX stances_edge ON stances(source_key, attitude, target_key);

CREATE TABLE techniques (
    article_id TEXT NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    technique TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    score REAL,
    voice TEXT,
    text TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX techniques_technique ON techniques(technique);

CREATE TABLE errors (
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    source TEXT,
    article_id TEXT,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
)
"""

# Full-text index over article title/text and quote text; one row per article or quote.
_SEARCH_SQLITE = """
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, article_id UNINDEXED, quote_position UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- FTS5 cannot look rows up by an UNINDEXED column; this maps articles to their index rows.
CREATE TABLE search_rowids (
    article_id TEXT NOT NULL REFERENCES articles(id),
    fts_rowid INTEGER NOT NULL
);
CREATE INDEX search_rowids_article ON search_rowids(article_id)
"""

_SEARCH_POSTGRESQL = """
CREATE TABLE search_index (
    article_id TEXT NOT NULL REFERENCES articles(id),
    quote_position INTEGER,
    title TEXT,
    body TEXT NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', body), 'D')
    ) STORED
);
CREATE INDEX search_index_tsv ON search_index USING GIN (tsv);
CREATE INDEX search_index_article ON search_index(article_id)
"""

MIGRATIONS: list[Migration] = [
    Migration(1, "core tables", _CORE),
    Migration(2, "full-text search", "", {"sqlite": _SEARCH_SQLITE, "postgresql": _SEARCH_POSTGRESQL}),
    # ISO3 of the country a place entity lies in or names (Entity.country); rows stored before
    # this migration keep NULL until their article is re-analysed (the analysis JSON has it).
    Migration(3, "entity country", "ALTER TABLE entities ADD COLUMN country TEXT"),
]

LATEST = MIGRATIONS[-1].version
