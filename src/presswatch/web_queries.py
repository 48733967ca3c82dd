"""Corpus queries the web API needs and :mod:`presswatch.store_query` does not (yet) offer.

Built only on the store's public surface (``query``, ``scalar``, ``transaction``,
``dialect``) and on :class:`presswatch.store_query.Filters`, so that the API's
filters mean exactly what the CLI's mean:

- :func:`list_articles`: analysed articles with filters and pagination;
- :func:`list_actors`: actors and quoted speakers with article and quote counts;
- :func:`actor_by_key`: the CLI's actor profile for one exact key, with a
  fallback profile for speakers that only appear in quotes (no actors layer);
- :func:`stance_network`: stance edges with date and actor filters, as nodes and
  edges for the graph page and GraphML;
- :func:`delete_article`: remove an article, its facts and linked copies.
"""

from __future__ import annotations

import io
import json
from typing import Any

from .store import Store
from .store_query import Filters, actor_profile, check_date, clean, stances
from .store_rows import FACT_TABLES

MAX_PAGE = 200  # rows per page of a list endpoint
MAX_EDGES = 2000  # aggregated stance edges in one graph


def _article_filters(store: Store, filters: Filters) -> tuple[str, list[Any]]:
    # Filters.sql expects a quote alias ``q``; joining none (``ON 1 = 0``) makes its
    # technique clause mean "anywhere in the article", as in the CLI's article hits.
    where, params = Filters(actor=filters.actor, technique=filters.technique, outlet=filters.outlet,
                            since=filters.since, until=filters.until).sql(store)
    cond = " AND ".join(["a.duplicate_of IS NULL", *where])
    return cond, params


def list_articles(store: Store, filters: Filters | None = None, limit: int = 20,
                  offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """``(total, page)``: analysed articles, newest publication date first, with fact counts."""
    cond, params = _article_filters(store, filters or Filters())
    base = (f"FROM articles a JOIN analyses an ON an.article_id = a.id "
            f"LEFT JOIN quotes q ON 1 = 0 WHERE {cond}")
    total = int(store.scalar(f"SELECT COUNT(*) {base}", params) or 0)
    counts = ", ".join(f"(SELECT COUNT(*) FROM {t} x WHERE x.article_id = a.id) AS n_{t}"
                       for t in ("quotes", "actors", "events", "stances", "techniques"))
    rows = store.query(
        f"SELECT a.id, a.source, a.url, a.outlet, a.title, a.published, a.n_chars, a.added_at, an.layers, "
        f"{counts} {base} ORDER BY a.published IS NULL, a.published DESC, a.added_at DESC, a.id "
        f"LIMIT ? OFFSET ?", [*params, limit, offset])
    for r in rows:
        r["title"] = clean(r["title"], 500)
        r["layers"] = [x for x in (r["layers"] or "").split(",") if x]
    return total, rows


def article_keys(store: Store, article_id: str) -> dict[str, dict]:
    """Corpus-wide actor keys of one stored article, for links to actor pages.

    ``{"actors": {actor_id: key}, "quotes": {quote_id: key}, "events": {position: (source_key,
    target_key)}, "stances": {position: (source_key, target_key)}}``; positions index the
    analysis lists.
    """
    q = store.query
    return {
        "actors": {r["actor_id"]: r["actor_key"] for r in q(
            "SELECT actor_id, actor_key FROM actors WHERE article_id = ?", [article_id])},
        "quotes": {r["quote_id"]: r["speaker_key"] for r in q(
            "SELECT quote_id, speaker_key FROM quotes WHERE article_id = ? AND speaker_key IS NOT NULL", [article_id])},
        "events": {r["position"]: (r["source_key"], r["target_key"]) for r in q(
            "SELECT position, source_key, target_key FROM events WHERE article_id = ?", [article_id])},
        "stances": {r["position"]: (r["source_key"], r["target_key"]) for r in q(
            "SELECT position, source_key, target_key FROM stances WHERE article_id = ?", [article_id])},
    }


def display_names(store: Store, keys: list[str]) -> dict[str, str]:
    """Names for actor keys: the commonest stored name, else the knowledge base's, else nothing."""
    out: dict[str, str] = {}
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        marks = ", ".join("?" for _ in chunk)
        for r in store.query(f"SELECT actor_key, MIN(name) AS name FROM actors WHERE actor_key IN ({marks}) "
                             f"GROUP BY actor_key", chunk):
            out[r["actor_key"]] = r["name"]
    missing = [k for k in keys if k not in out and ":" not in k]
    if missing:
        try:
            from .kb import load_kb

            kb = load_kb()
        except Exception:  # the KB is optional here: labels fall back to what the stances table has
            return out
        for key in missing:
            entry = kb.get(key)
            if entry is not None:
                out[key] = entry.name
    return out


def list_actors(store: Store, name: str | None = None, limit: int = 50,
                offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """``(total, page)``: actors and quoted speakers, most widely covered first.

    Speakers whose quotes name no actor (their key starts with ``text:``) are
    listed too, so a corpus analysed without the actors layer still has people.
    """
    low = store.lower
    keys = ("WITH k AS (SELECT actor_key AS key, name, name AS actor_name, type, country, article_id, "
            "n_mentions AS mentions FROM actors "
            "UNION ALL SELECT speaker_key, speaker_name, NULL, NULL, NULL, article_id, 0 FROM quotes "
            "WHERE speaker_key IS NOT NULL AND speaker_name IS NOT NULL) ")
    where, params = "", []
    if name:
        pattern = "%" + name.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where, params = f"WHERE {low}(k.name) LIKE ? ESCAPE '\\' OR k.key = ?", [pattern, name]
    total = int(store.scalar(f"{keys}SELECT COUNT(DISTINCT k.key) FROM k {where}", params) or 0)
    rows = store.query(
        f"{keys}SELECT k.key, COALESCE(MIN(k.actor_name), MIN(k.name)) AS name, MAX(k.type) AS type, MAX(k.country) AS country, "
        f"COUNT(DISTINCT k.article_id) AS articles, SUM(k.mentions) AS mentions, "
        f"(SELECT COUNT(*) FROM quotes q WHERE q.speaker_key = k.key) AS quotes "
        f"FROM k {where} GROUP BY k.key ORDER BY articles DESC, quotes DESC, k.key LIMIT ? OFFSET ?",
        [*params, limit, offset])
    for r in rows:
        r["name"] = clean(r["name"], 300)
        r["mentions"] = int(r["mentions"] or 0)
    return total, rows


def actor_by_key(store: Store, key: str, limit: int = 20) -> dict[str, Any] | None:
    """The profile of the actor with exactly this key (see :func:`presswatch.store_query.actor_profile`)."""
    profile = actor_profile(store, key, limit=limit)
    if profile is not None and profile["actor"]["key"] == key:
        return profile
    return _speaker_profile(store, key, limit)


def _speaker_profile(store: Store, key: str, limit: int) -> dict[str, Any] | None:
    """The same shape as an actor profile, for a key known only from quotes, events or stances."""
    names = store.query(
        "SELECT speaker_name AS name, COUNT(*) AS n FROM quotes WHERE speaker_key = ? AND speaker_name IS NOT NULL "
        "GROUP BY speaker_name UNION ALL SELECT source_name, COUNT(*) FROM stances WHERE source_key = ? "
        "GROUP BY source_name UNION ALL SELECT target_name, COUNT(*) FROM stances WHERE target_key = ? "
        "GROUP BY target_name", [key, key, key])
    if not names:
        return None
    name = display_names(store, [key]).get(key) or max(names, key=lambda r: r["n"])["name"] or key
    qjoin = "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_key = ?"
    quotes = store.query(f"SELECT q.*, a.source, a.title, a.published, a.outlet {qjoin} "
                         f"ORDER BY a.published, q.article_id, q.position LIMIT ?", [key, limit])
    dates = store.query(
        "SELECT MIN(a.published) AS first, MAX(a.published) AS last, COUNT(DISTINCT a.id) AS articles FROM articles a "
        "WHERE a.id IN (SELECT article_id FROM quotes WHERE speaker_key = ? UNION SELECT article_id FROM stances "
        "WHERE source_key = ? OR target_key = ?)", [key, key, key])[0]
    return {
        "actor": {"key": key, "id": None, "name": clean(name, 300), "type": None, "country": None, "local": True,
                  "aliases": [], "roles": []},
        "articles": int(dates["articles"] or 0), "mentions": 0, "first": dates["first"], "last": dates["last"],
        "other_matches": [],
        "quotes_total": int(store.scalar(f"SELECT COUNT(*) {qjoin}", [key]) or 0),
        "quotes_by_month": store.query(
            f"SELECT substr(a.published, 1, 7) AS month, COUNT(*) AS quotes {qjoin} AND a.published IS NOT NULL "
            f"GROUP BY substr(a.published, 1, 7) ORDER BY month", [key]),
        "quotes": [{"article": {"id": r["article_id"], "source": r["source"], "title": clean(r["title"], 500),
                                "published": r["published"], "outlet": r["outlet"]},
                    "id": r["quote_id"], "kind": r["kind"], "text": clean(r["text"], 1000),
                    "start": r["start_char"], "end": r["end_char"]} for r in quotes],
        "events_as_source": [], "events_as_target": [], "event_examples_as_source": [],
        "event_examples_as_target": [],
        "stances_as_source": stances(store, source_key=key, limit=limit),
        "stances_as_target": stances(store, target_key=key, limit=limit),
        "techniques_in_quotes": store.query(
            "SELECT t.technique, COUNT(*) AS count FROM techniques t JOIN quotes q ON q.article_id = t.article_id "
            "AND q.quote_id = t.voice WHERE q.speaker_key = ? GROUP BY t.technique ORDER BY count DESC, t.technique",
            [key]),
    }


def stance_network(store: Store, actor: str | None = None, since: str | None = None, until: str | None = None,
                   attitude: str | None = None, limit: int = MAX_EDGES) -> dict[str, Any]:
    """Nodes and directed edges of the stance graph, filtered by actor (either end), dates and attitude.

    One edge per (source, target) with ``support``/``oppose`` counts, ``weight``
    (all stances), ``attitude`` (majority, or ``mixed``), ``first``/``last``
    dates and one example; attributes as in ``presswatch export --format graphml``.
    """
    check_date(since)
    check_date(until)
    rows = []
    sides = [{"source": actor}, {"target": actor}] if actor else [{}]
    for side in sides:
        rows += stances(store, **side, attitude=attitude, since=since, until=until, limit=limit, examples=1)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    nodes: dict[str, dict[str, Any]] = {}
    seen: set[tuple] = set()
    for e in rows:
        ident = (e["source_key"], e["attitude"], e["target_key"])
        if ident in seen:
            continue
        seen.add(ident)
        for key, name in ((e["source_key"], e["source_name"]), (e["target_key"], e["target_name"])):
            node = nodes.setdefault(key, {"id": key, "label": clean(name, 120) or key, "weight": 0,
                                          "actor": not key.startswith("text:")})
            node["weight"] += int(e["count"])
        edge = edges.setdefault((e["source_key"], e["target_key"]), {
            "source": e["source_key"], "target": e["target_key"], "support": 0, "oppose": 0, "weight": 0,
            "articles": 0, "first": "", "last": "", "example": None})
        if e["attitude"] in ("support", "oppose"):
            edge[e["attitude"]] += int(e["count"])
        edge["weight"] += int(e["count"])
        edge["articles"] += int(e["articles"])
        firsts = [x for x in (edge["first"], e["first"]) if x]
        edge["first"] = min(firsts) if firsts else ""
        edge["last"] = max(edge["last"], e["last"] or "")
        if edge["example"] is None and e.get("examples"):
            edge["example"] = e["examples"][0]
    for key, name in display_names(store, list(nodes)).items():
        nodes[key]["label"] = clean(name, 120) or nodes[key]["label"]
    for edge in edges.values():
        edge["attitude"] = ("support" if edge["support"] > edge["oppose"] else
                            "oppose" if edge["oppose"] > edge["support"] else "mixed")
        edge["sign"] = round((edge["support"] - edge["oppose"]) / edge["weight"], 4) if edge["weight"] else 0.0
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"])),
            "edges": sorted(edges.values(), key=lambda e: (-e["weight"], e["source"], e["target"]))}


def network_graphml(network: dict[str, Any]) -> bytes:
    """GraphML (networkx) of a :func:`stance_network`, with the attributes Gephi reads."""
    import networkx as nx

    g = nx.DiGraph(name="presswatch stance graph")
    for n in network["nodes"]:
        g.add_node(n["id"], label=n["label"], weight=n["weight"])
    for e in network["edges"]:
        attrs = {k: e[k] for k in ("support", "oppose", "weight", "articles", "first", "last", "attitude", "sign")}
        g.add_edge(e["source"], e["target"], **attrs)
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


def delete_article(store: Store, article_id: str) -> int:
    """Delete an article with its analysis, facts, search rows and the copies linked to it.

    Returns the number of article rows removed (0 when the id is unknown).
    Runs in one transaction, like every store write.
    """
    with store.transaction():
        ids = [r["id"] for r in store.query("SELECT id FROM articles WHERE id = ? OR duplicate_of = ?",
                                            [article_id, article_id])]
        if article_id not in ids:
            return 0
        marks = ", ".join("?" for _ in ids)
        if store.dialect == "sqlite":
            _delete(store, f"DELETE FROM search_index WHERE rowid IN (SELECT fts_rowid FROM search_rowids "
                           f"WHERE article_id IN ({marks}))", ids)
            _delete(store, f"DELETE FROM search_rowids WHERE article_id IN ({marks})", ids)
        else:
            _delete(store, f"DELETE FROM search_index WHERE article_id IN ({marks})", ids)
        for table in (*FACT_TABLES, "analyses", "simhash_bands", "article_sources"):
            _delete(store, f"DELETE FROM {table} WHERE article_id IN ({marks})", ids)
        copies = [i for i in ids if i != article_id]
        if copies:
            _delete(store, f"DELETE FROM articles WHERE id IN ({', '.join('?' for _ in copies)})", copies)
        _delete(store, "DELETE FROM articles WHERE id = ?", [article_id])
    return len(ids)


def _delete(store: Store, sql: str, params: list[Any]) -> None:
    # store.query reads rows back: psycopg needs a row-returning statement for that, while
    # SQLite reads an empty result (and refuses RETURNING on its FTS5 virtual table).
    store.query(sql if store.dialect == "sqlite" else sql + " RETURNING 1", params)


def corpus_counts(store: Store) -> dict[str, int]:
    """Headline counts for the home page and ``/health``."""
    counts = store.counts()
    keys = int(store.scalar("SELECT COUNT(*) FROM (SELECT actor_key FROM actors UNION "
                            "SELECT speaker_key FROM quotes WHERE speaker_key IS NOT NULL) k") or 0)
    return {"articles": counts["articles"] - counts["duplicates"], "duplicates": counts["duplicates"],
            "actors": keys, "quotes": counts["quotes"], "events": counts["events"], "stances": counts["stances"],
            "techniques": counts["techniques"]}


def json_safe(data: Any) -> Any:
    """Round-trip through JSON so database types (e.g. Decimal from PostgreSQL) become plain numbers."""
    return json.loads(json.dumps(data, default=float))
