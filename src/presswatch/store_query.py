"""Queries over the corpus store: full-text search, actor profiles, stance edges and graphs,
article and actor listings with pagination, table rows. The CLI, the Python API and the web
API and pages all read the store through these functions.

Search takes web-search syntax on both databases: words (all must match, stemmed
with the English Porter stemmer), ``"a phrase"``, ``OR`` between alternatives and
``-word`` to exclude. PostgreSQL parses it with ``websearch_to_tsquery``; for
SQLite :func:`fts5_query` translates it to an FTS5 expression, so user input can
never inject FTS5 syntax. Ranking is BM25 on SQLite (title weighted 2:1) and
``ts_rank_cd`` on PostgreSQL (title weight A), so scores differ between the two
and only order matters. Name filters match case-insensitively on a substring of
the name, or exactly on the actor id/key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Iterator

from .store import QueryError, Store, analysis_from_row

HL_START, HL_END = "\x02", "\x03"  # snippet highlight markers, replaced by the caller's
MAX_SNIPPET_CHARS = 400
MAX_QUOTE_CHARS = 1000
MAX_LIMIT = 1000
MAX_EDGES = 2000  # aggregated stance edges in one web graph
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_CONTROL = re.compile(r"[\x00-\x01\x04-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean(text: str | None, limit: int) -> str | None:
    """Drop control characters (terminal escapes) and bound the length of untrusted text."""
    if text is None:
        return None
    text = _CONTROL.sub("", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_date(value: str | None, upper: bool = False) -> str | None:
    """Validate YYYY, YYYY-MM or YYYY-MM-DD; an upper bound is padded to the period's end."""
    if value is None:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise QueryError(f"bad date {value!r}; use YYYY, YYYY-MM or YYYY-MM-DD") from None
    if upper and len(value) == 4:
        return value + "-12-31"
    if upper and len(value) == 7:
        return value + "-31"
    return value


def fts5_query(text: str) -> str:
    """Translate web-search syntax to a safe FTS5 expression (every term quoted)."""
    tokens = re.findall(r'-?"[^"]*"?|\S+', text)
    groups: list[list[str]] = [[]]  # OR-separated groups of AND-ed terms
    negated: list[str] = []
    for tok in tokens:
        if tok == "OR":
            groups.append([])
            continue
        neg = tok.startswith("-") and len(tok) > 1
        body = tok[1:] if neg else tok
        words = re.findall(r"\w+", body.strip('"'))
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        (negated if neg else groups[-1]).append(term)
    groups = [g for g in groups if g]
    if not groups:
        raise QueryError(f"search query {text!r} has no words to look for")
    expr = " OR ".join("(" + " AND ".join(g) + ")" for g in groups)
    for term in negated:
        expr = f"({expr}) NOT {term}"
    return expr


def _like(value: str) -> str:
    return "%" + value.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _norm_technique(value: str) -> str:
    return re.sub(r"[\s_\-]+", " ", value.strip()).casefold()


@dataclass
class Filters:
    speaker: str | None = None
    actor: str | None = None
    technique: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None

    def sql(self, store: Store) -> tuple[list[str], list[Any]]:
        """WHERE clauses over aliases s (search row), a (articles), q (quotes, may be NULL)."""
        low = store.lower
        where: list[str] = []
        params: list[Any] = []
        if self.speaker:
            where.append(f"(q.position IS NOT NULL AND (q.speaker_key = ? OR q.speaker_actor = ? "
                         f"OR {low}(q.speaker_name) LIKE ? ESCAPE '\\'))")
            params += [self.speaker, self.speaker, _like(self.speaker)]
        if self.actor:
            where.append(f"EXISTS (SELECT 1 FROM actors ac WHERE ac.article_id = a.id AND (ac.actor_key = ? "
                         f"OR ac.actor_id = ? OR {low}(ac.name) LIKE ? ESCAPE '\\'))")
            params += [self.actor, self.actor, _like(self.actor)]
        if self.technique:
            where.append(f"EXISTS (SELECT 1 FROM techniques t WHERE t.article_id = a.id AND "
                         f"replace(replace({low}(t.technique), '_', ' '), '-', ' ') = ? "
                         f"AND (q.position IS NULL OR t.voice = q.quote_id))")
            params.append(_norm_technique(self.technique))
        if self.outlet:
            where.append(f"{low}(a.outlet) LIKE ? ESCAPE '\\'")
            params.append(_like(self.outlet))
        if self.since:
            where.append("a.published >= ?")
            params.append(check_date(self.since))
        if self.until:
            where.append("a.published <= ?")
            params.append(check_date(self.until, upper=True))
        return where, params


def _article(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["article_id"], "source": row["source"], "title": clean(row["title"], 500),
            "published": row["published"], "outlet": row["outlet"]}


def search(store: Store, query: str, filters: Filters | None = None, limit: int = 20,
           offset: int = 0) -> list[dict[str, Any]]:
    """Ranked hits over article text and quotes; see the module docstring for the syntax."""
    filters = filters or Filters()
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise QueryError("offset must be >= 0")
    where, params = filters.sql(store)
    extra = "".join(f" AND {w}" for w in where)
    cols = ("s.article_id, s.quote_position, a.source, a.title, a.published, a.outlet, "
            "q.quote_id, q.kind AS quote_kind, q.text AS quote_text, q.speaker_name, q.speaker_actor, "
            "q.start_char AS quote_start, q.end_char AS quote_end")
    joins = ("JOIN articles a ON a.id = s.article_id "
             "LEFT JOIN quotes q ON q.article_id = s.article_id AND q.position = s.quote_position")
    if store.dialect == "sqlite":
        expr = fts5_query(query)
        sql = (f"SELECT {cols}, s.rowid AS fts_rowid, bm25(search_index, 2.0, 1.0) AS score "
               f"FROM search_index s {joins} WHERE search_index MATCH ?{extra} "
               f"ORDER BY score LIMIT ? OFFSET ?")
        rows = store.query(sql, [expr, *params, limit, offset])
        # snippets only for the hits shown: computing them for every match costs 10x the ranking
        if rows:
            ids = [r["fts_rowid"] for r in rows]
            snips = {r["rowid"]: r["snippet"] for r in store.query(
                f"SELECT rowid, snippet(search_index, -1, '{HL_START}', '{HL_END}', '…', 24) AS snippet "
                f"FROM search_index WHERE search_index MATCH ? AND rowid IN ({', '.join('?' for _ in ids)})",
                [expr, *ids])}
            for r in rows:
                r["snippet"] = snips.get(r["fts_rowid"])
    else:
        if not store.scalar("SELECT numnode(websearch_to_tsquery('english', ?))", [query]):
            raise QueryError(f"search query {query!r} has no words to look for (stop words only?)")
        sql = (f"WITH hits AS (SELECT {cols}, s.body, ts_rank_cd(s.tsv, tq) AS score "
               f"FROM search_index s CROSS JOIN websearch_to_tsquery('english', ?) tq {joins} "
               f"WHERE s.tsv @@ tq{extra} ORDER BY score DESC LIMIT ? OFFSET ?) "
               f"SELECT hits.*, ts_headline('english', hits.body, websearch_to_tsquery('english', ?), "
               f"'StartSel={HL_START}, StopSel={HL_END}, MaxWords=35, MinWords=15, MaxFragments=1, "
               f"FragmentDelimiter=…') AS snippet FROM hits ORDER BY score DESC")
        rows = store.query(sql, [query, *params, limit, offset, query])
    hits = []
    for rank, r in enumerate(rows, start=offset + 1):
        quote = None
        if r["quote_position"] is not None:
            quote = {"id": r["quote_id"], "kind": r["quote_kind"], "text": clean(r["quote_text"], MAX_QUOTE_CHARS),
                     "start": r["quote_start"], "end": r["quote_end"],
                     "speaker": {"name": r["speaker_name"], "actor": r["speaker_actor"]}}
        hits.append({
            "rank": rank, "score": round(abs(float(r["score"])), 6), "kind": "quote" if quote else "article",
            "snippet": clean(r["snippet"], MAX_SNIPPET_CHARS), "speaker": r["speaker_name"] if quote else None,
            "article": _article(r), "quote": quote,
        })
    return hits


# -- actor profile ------------------------------------------------------------------

def match_actor(store: Store, name: str) -> list[dict[str, Any]]:
    """Actor keys matching ``name``: exact id/key/name/alias first, else a name substring.

    Returns ``[{"key", "name", "articles"}]``, most frequent first. An empty name is a
    QueryError: as a substring it would match every actor.
    """
    name = " ".join((name or "").split())
    if not name:
        raise QueryError("actor name is empty")
    low = store.lower
    base = (f"SELECT actor_key AS key, MIN(name) AS name, COUNT(DISTINCT article_id) AS articles FROM actors "
            f"WHERE {{}} GROUP BY actor_key ORDER BY articles DESC, key LIMIT 20")
    alias = '%"' + json.dumps(name.casefold(), ensure_ascii=False)[1:-1].replace("%", "\\%").replace("_", "\\_") + '"%'
    exact = store.query(base.format(f"actor_key = ? OR actor_id = ? OR {low}(name) = ? "
                                    f"OR {low}(aliases) LIKE ? ESCAPE '\\'"),
                        [name, name, name.casefold(), alias])
    if exact:
        return exact
    return store.query(base.format(f"{low}(name) LIKE ? ESCAPE '\\'"), [_like(name)])


def actor_profile(store: Store, name: str, limit: int = 20) -> dict[str, Any] | None:
    """Roles, quotes over time, events as source and target, stances, techniques in quotes."""
    matches = match_actor(store, name)
    if not matches:
        return None
    key = matches[0]["key"]
    rows = store.query("SELECT ac.*, a.published FROM actors ac JOIN articles a ON a.id = ac.article_id "
                       "WHERE ac.actor_key = ?", [key])
    names: dict[str, int] = {}
    aliases: set[str] = set()
    roles: list[dict] = []
    for r in rows:
        names[r["name"]] = names.get(r["name"], 0) + 1
        aliases.update(json.loads(r["aliases"] or "[]"))
        for role in json.loads(r["roles"] or "[]"):
            if role not in roles:
                roles.append(role)
    dates = [r["published"] for r in rows if r["published"]]
    first = rows[0]
    profile: dict[str, Any] = {
        "actor": {"key": key, "id": first["actor_id"], "name": max(names, key=names.get), "type": first["type"],
                  "country": first["country"], "local": bool(first["is_local"]),
                  "aliases": sorted(aliases), "roles": roles},
        "articles": len({r["article_id"] for r in rows}),
        "mentions": sum(r["n_mentions"] for r in rows),
        "first": min(dates, default=None), "last": max(dates, default=None),
        "other_matches": matches[1:],
    }
    qjoin = "FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.speaker_key = ?"
    profile["quotes_total"] = int(store.scalar(f"SELECT COUNT(*) {qjoin}", [key]))
    profile["quotes_by_month"] = store.query(
        f"SELECT substr(a.published, 1, 7) AS month, COUNT(*) AS quotes {qjoin} AND a.published IS NOT NULL "
        f"GROUP BY substr(a.published, 1, 7) ORDER BY month", [key])
    profile["quotes"] = [
        {"article": _article(r), "id": r["quote_id"], "kind": r["kind"], "text": clean(r["text"], MAX_QUOTE_CHARS),
         "start": r["start_char"], "end": r["end_char"]}
        for r in store.query(f"SELECT q.*, a.source, a.title, a.published, a.outlet {qjoin} "
                             f"ORDER BY a.published, q.article_id, q.position LIMIT ?", [key, limit])]
    for side, other in (("source", "target"), ("target", "source")):
        profile[f"events_as_{side}"] = store.query(
            f"SELECT e.type, COUNT(*) AS count, MIN(a.published) AS first, MAX(a.published) AS last "
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE e.{side}_key = ? "
            f"GROUP BY e.type ORDER BY count DESC, e.type", [key])
        profile[f"event_examples_as_{side}"] = [
            {"type": r["type"], "cameo": r["cameo"], f"{other}": r[f"{other}_name"], "negated": bool(r["negated"]),
             "modality": r["modality"], "article": _article(r)}
            for r in store.query(
                f"SELECT e.*, a.source, a.title, a.published, a.outlet FROM events e JOIN articles a "
                f"ON a.id = e.article_id WHERE e.{side}_key = ? ORDER BY a.published DESC LIMIT ?", [key, limit])]
    profile["stances_as_source"] = stances(store, source_key=key, limit=limit)
    profile["stances_as_target"] = stances(store, target_key=key, limit=limit)
    profile["techniques_in_quotes"] = store.query(
        "SELECT t.technique, COUNT(*) AS count FROM techniques t JOIN quotes q "
        "ON q.article_id = t.article_id AND q.quote_id = t.voice WHERE q.speaker_key = ? "
        "GROUP BY t.technique ORDER BY count DESC, t.technique", [key])
    return profile


# -- stances --------------------------------------------------------------------------

def stances(store: Store, source: str | None = None, target: str | None = None, *,
            source_key: str | None = None, target_key: str | None = None, attitude: str | None = None,
            since: str | None = None, until: str | None = None, limit: int = 100,
            examples: int = 1) -> list[dict[str, Any]]:
    """Stance edges aggregated over articles: count, first and last date, example evidence."""
    low = store.lower
    where, params = [], []
    for side, value in (("source", source), ("target", target)):
        if value:
            where.append(f"(s.{side}_key = ? OR {low}(s.{side}_name) LIKE ? ESCAPE '\\')")
            params += [value, _like(value)]
    for side, value in (("source", source_key), ("target", target_key)):
        if value:
            where.append(f"s.{side}_key = ?")
            params.append(value)
    if attitude:
        where.append("s.attitude = ?")
        params.append(attitude)
    if since:
        where.append("a.published >= ?")
        params.append(check_date(since))
    if until:
        where.append("a.published <= ?")
        params.append(check_date(until, upper=True))
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    edges = store.query(
        f"SELECT s.source_key, MIN(s.source_name) AS source_name, s.attitude, s.target_key, "
        f"MIN(s.target_name) AS target_name, COUNT(*) AS count, COUNT(DISTINCT s.article_id) AS articles, "
        f"MIN(a.published) AS first, MAX(a.published) AS last "
        f"FROM stances s JOIN articles a ON a.id = s.article_id {cond} "
        f"GROUP BY s.source_key, s.attitude, s.target_key ORDER BY count DESC, s.source_key, s.target_key "
        f"LIMIT ?", [*params, limit])
    # MIN(name) can be a bare id where one article's stance names an actor missing from its actor
    # list; the stance graph's names (commonest stored actor name, else the KB's) win
    names = display_names(store, sorted({e[f"{side}_key"] for e in edges for side in ("source", "target")
                                         if e[f"{side}_key"]}))
    for e in edges:
        for side in ("source", "target"):
            e[f"{side}_name"] = names.get(e[f"{side}_key"]) or e[f"{side}_name"]
    if not edges or examples <= 0:
        return edges
    found: dict[tuple, list] = {}
    for r in store.query(
            f"SELECT * FROM (SELECT s.source_key, s.attitude, s.target_key, s.evidence, s.evidence_start, "
            f"s.evidence_end, s.article_id, a.source, a.title, a.published, a.outlet, ROW_NUMBER() OVER "
            f"(PARTITION BY s.source_key, s.attitude, s.target_key ORDER BY s.confidence DESC, a.published DESC, "
            f"s.article_id) AS rn FROM stances s JOIN articles a ON a.id = s.article_id {cond}) x "
            f"WHERE rn <= ?", [*params, examples]):
        found.setdefault((r["source_key"], r["attitude"], r["target_key"]), []).append(
            {"evidence": clean(r["evidence"], MAX_QUOTE_CHARS), "start": r["evidence_start"],
             "end": r["evidence_end"], "article": _article(r)})
    for e in edges:
        e["examples"] = found.get((e["source_key"], e["attitude"], e["target_key"]), [])
    return edges


# -- listings and lookups by key (the web API and pages) ------------------------------------

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


def corpus_counts(store: Store) -> dict[str, int]:
    """Headline counts for the home page and ``/health``."""
    counts = store.counts()
    keys = int(store.scalar("SELECT COUNT(*) FROM (SELECT actor_key FROM actors UNION "
                            "SELECT speaker_key FROM quotes WHERE speaker_key IS NOT NULL) k") or 0)
    return {"articles": counts["articles"] - counts["duplicates"], "duplicates": counts["duplicates"],
            "actors": keys, "quotes": counts["quotes"], "events": counts["events"], "stances": counts["stances"],
            "techniques": counts["techniques"]}


# -- exports ----------------------------------------------------------------------------

TABLES = ("articles", "entities", "actors", "quotes", "events", "stances", "techniques", "layout", "edges", "errors")


def iter_analyses(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored analysis as its ``presswatch/1`` JSON dict, in article id order."""
    for row in store.iter_query("SELECT an.analysis, a.text FROM analyses an JOIN articles a "
                                "ON a.id = an.article_id ORDER BY an.article_id"):
        yield analysis_from_row(row).to_dict()


def iter_table(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """Rows of one table; ``edges`` are the aggregated stance edges (without examples)."""
    if table not in TABLES:
        raise QueryError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    if table == "edges":
        yield from stances(store, limit=10**9, examples=0)
        return
    order = "id" if table == "articles" else ("run_id, seq" if table == "errors" else "article_id, position")
    yield from store.iter_query(f"SELECT * FROM {table} ORDER BY {order}")


EDGE_ATTRS = ("support", "oppose", "weight", "articles", "first", "last", "attitude", "sign")
"""The attributes of a stance-graph edge, as GraphML writes them."""


def _edge_totals(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """One edge per (source, target) from :func:`stances` rows (one per source, attitude, target).

    Each has ``support``/``oppose`` counts, ``weight`` (all stances), ``articles``,
    ``first``/``last`` dates, ``attitude`` (majority, or ``mixed``), ``sign`` =
    (support - oppose) / weight, and ``example`` (the first row's first example, or None).
    """
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for e in rows:
        edge = edges.setdefault((e["source_key"], e["target_key"]), {
            "support": 0, "oppose": 0, "weight": 0, "articles": 0, "first": "", "last": "", "example": None})
        if e["attitude"] in ("support", "oppose"):
            edge[e["attitude"]] += int(e["count"])
        edge["weight"] += int(e["count"])
        edge["articles"] += int(e["articles"])
        if e["first"] and (not edge["first"] or e["first"] < edge["first"]):
            edge["first"] = e["first"]
        edge["last"] = max(edge["last"], e["last"] or "")
        if edge["example"] is None and e.get("examples"):
            edge["example"] = e["examples"][0]
    for edge in edges.values():
        edge["attitude"] = ("support" if edge["support"] > edge["oppose"] else
                            "oppose" if edge["oppose"] > edge["support"] else "mixed")
        edge["sign"] = round((edge["support"] - edge["oppose"]) / edge["weight"], 4) if edge["weight"] else 0.0
    return edges


@dataclass
class StanceGraph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def stance_graph(store: Store) -> StanceGraph:
    """The whole corpus: every actor as a node, one directed edge per (source, target) with :data:`EDGE_ATTRS`."""
    graph = StanceGraph()
    for r in store.query("SELECT actor_key, MIN(name) AS name, MIN(type) AS type, MIN(country) AS country, "
                         "COUNT(DISTINCT article_id) AS articles FROM actors GROUP BY actor_key"):
        graph.nodes[r["actor_key"]] = {"label": r["name"], "type": r["type"] or "", "country": r["country"] or "",
                                       "articles": int(r["articles"])}
    rows = stances(store, limit=10**9, examples=0)
    for e in rows:
        for key, name in ((e["source_key"], e["source_name"]), (e["target_key"], e["target_name"])):
            graph.nodes.setdefault(key, {"label": name or key, "type": "" if not key.startswith("text:") else "text",
                                         "country": "", "articles": 0})
    graph.edges = {pair: {k: edge[k] for k in EDGE_ATTRS} for pair, edge in _edge_totals(rows).items()}
    return graph


def stance_network(store: Store, actor: str | None = None, since: str | None = None, until: str | None = None,
                   attitude: str | None = None, limit: int = MAX_EDGES) -> dict[str, Any]:
    """Nodes and directed edges of the stance graph, filtered by actor (either end), dates and attitude.

    Unlike :func:`stance_graph`, only actors on an edge are nodes (``id``, ``label``,
    ``weight`` = stances at either end, ``actor`` = not a ``text:`` key). Each edge has
    ``source``, ``target``, :data:`EDGE_ATTRS` and one ``example``; at most ``limit``
    (source, attitude, target) rows are aggregated.
    """
    check_date(since)
    check_date(until)
    rows = []
    sides = [{"source": actor}, {"target": actor}] if actor else [{}]
    for side in sides:
        rows += stances(store, **side, attitude=attitude, since=since, until=until, limit=limit, examples=1)
    unique: dict[tuple, dict[str, Any]] = {}
    for e in rows:  # an edge between two matches of ``actor`` comes back from both sides
        unique.setdefault((e["source_key"], e["attitude"], e["target_key"]), e)
    nodes: dict[str, dict[str, Any]] = {}
    for e in unique.values():
        for key, name in ((e["source_key"], e["source_name"]), (e["target_key"], e["target_name"])):
            node = nodes.setdefault(key, {"id": key, "label": clean(name, 120) or key, "weight": 0,
                                          "actor": not key.startswith("text:")})
            node["weight"] += int(e["count"])
    for key, name in display_names(store, list(nodes)).items():
        nodes[key]["label"] = clean(name, 120) or nodes[key]["label"]
    edges = [{"source": s, "target": t, **edge} for (s, t), edge in _edge_totals(unique.values()).items()]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"])),
            "edges": sorted(edges, key=lambda e: (-e["weight"], e["source"], e["target"]))}
