"""The JSON endpoints under ``/api/v1`` (see :mod:`presswatch.web` for the security rules).

Every list endpoint is paginated with ``limit``/``offset`` and returns
``{"total", "limit", "offset", "items"}``; ``search`` returns ``{"limit",
"offset", "items"}`` (ranked hits have no cheap total). Filters are those of the
CLI: ``outlet`` (substring), ``since``/``until`` (YYYY[-MM[-DD]]), ``actor``
(name substring or id), ``technique``, ``speaker`` (search only).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from typing import Any, Literal, Optional

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator

from . import store_query as sq
from . import web_queries as wq
from .errors import EmptyInput
from .store_export import network_graphml
from .store_query import HL_END, HL_START, Filters
from .web import BadRequest, NotFound, WebState

router = APIRouter()
MAX_URL = 2048
MAX_QUERY = 500  # characters of a search query or filter value
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def state(request: Request) -> WebState:
    return request.app.state.pw


def reader(request: Request) -> WebState:
    st = state(request)
    st.check_read(request)
    return st


class AnalyzeRequest(BaseModel):
    """Exactly one of ``text``, ``url`` or ``html``; the metadata fields are optional."""

    model_config = ConfigDict(extra="forbid")
    text: Optional[str] = Field(None, description="the article as plain text")
    url: Optional[str] = Field(None, max_length=MAX_URL, description="an http(s) URL to fetch (public addresses only)")
    html: Optional[str] = Field(None, description="an HTML page; its main text is extracted")
    title: Optional[str] = Field(None, max_length=1000)
    source: Optional[str] = Field(None, max_length=1000, description="where the text comes from (stored as source)")
    published: Optional[str] = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")
    outlet: Optional[str] = Field(None, max_length=300)

    @field_validator("published")
    @classmethod
    def _calendar_date(cls, value: Optional[str]) -> Optional[str]:
        # the pattern lets 2021-02-30 through; the stored date must be a real one (as JSONL input's is)
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value} is not a calendar date") from None
        return value


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:  # "http://[::1" and other unparseable hosts
        return None


def to_article(req: AnalyzeRequest, config: dict):
    """An Article from the request; URLs go through :func:`presswatch.ingest.load_one` and its fetch guard."""
    from . import ingest
    from .types import Article

    given = [name for name in ("text", "url", "html") if getattr(req, name) is not None]
    if len(given) != 1:
        raise BadRequest("give exactly one of text, url or html")
    settings = ingest.IngestSettings.from_config(config)
    source = req.source
    if req.url is not None:
        url = req.url.strip()
        if not ingest.is_url(url) or any(c.isspace() for c in url) or not _host(url):
            raise BadRequest("url must be one http:// or https:// URL")  # a client's mistake: 400, not 502
        article = ingest.load_one(url, config)
    elif req.html is not None:
        article = ingest.article_from_html(req.html, source=source or "<html>", settings=settings)
    else:
        # Raw text is never taken for a file name (load_one would read an existing path).
        text = req.text or ""
        if not text.strip():
            raise EmptyInput("document is empty or only whitespace", source=source or "<text>")
        ingest.check_size(text, source or "<text>", config)
        article = Article(id=ingest.text_id(text), text=text, source=source or "<text>")
    article.title = req.title or article.title
    article.published = req.published or article.published
    article.outlet = req.outlet or article.outlet
    if source:
        article.source = source
    return article


@router.get("/health", tags=["meta"], summary="Liveness, version and corpus counts")
def health(st: WebState = Depends(reader)) -> dict[str, Any]:
    from . import __version__

    with st.db_lock:
        counts = sq.corpus_counts(st.corpus.store)
    return {"status": "ok", "version": __version__, "database": st.corpus.store.dialect,
            "schema_version": st.corpus.store.schema_version(), "counts": counts,
            "analyzer_loaded": st.analyzer is not None, "writes": bool(st.token)}


@router.post("/analyze", tags=["analysis"], summary="Analyse text, a URL or HTML; ?store=true also ingests",
             responses={200: {"description": "the presswatch/1 analysis JSON (see docs/schema.md)"}})
def analyze(body: AnalyzeRequest, request: Request, response: Response,
            store: bool = Query(False, description="also store the analysis in the corpus (needs the token)"),
            st: WebState = Depends(reader)) -> dict[str, Any]:
    if store:
        st.check_write(request)
    article = to_article(body, st.config)
    analysis = st.analyze(article)
    if store:
        with st.db_lock:
            outcome = next(k for k, v in st.corpus.add([analysis]).items() if v)
        response.headers["X-Presswatch-Store"] = outcome
        response.headers["Location"] = f"{request.scope.get('root_path', '')}/api/v1/articles/{article.id}"
    return analysis.to_dict()


def _filters(outlet: str | None, since: str | None, until: str | None, actor: str | None,
             technique: str | None, speaker: str | None = None) -> Filters:
    return Filters(speaker=speaker, actor=actor, technique=technique, outlet=outlet, since=since, until=until)


def _text():
    return Query(None, max_length=MAX_QUERY)  # a fresh Query per parameter: FastAPI binds each to one name


def _date():
    return Query(None, pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")


@router.get("/articles", tags=["corpus"], summary="Analysed articles, newest first, with filters")
def articles(outlet: Optional[str] = _text(), since: Optional[str] = _date(), until: Optional[str] = _date(),
             actor: Optional[str] = _text(), technique: Optional[str] = _text(),
             limit: int = Query(20, ge=1, le=wq.MAX_PAGE), offset: int = Query(0, ge=0, le=10**7),
             st: WebState = Depends(reader)) -> dict[str, Any]:
    with st.db_lock:
        total, items = sq.list_articles(st.corpus.store, _filters(outlet, since, until, actor, technique),
                                        limit=limit, offset=offset)
    return wq.json_safe({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/articles/{article_id}", tags=["corpus"], summary="One stored article's presswatch/1 analysis")
def article(article_id: str, st: WebState = Depends(reader)) -> dict[str, Any]:
    _check_id(article_id)
    with st.db_lock:
        analysis = st.corpus.analysis(article_id)
    if analysis is None:
        raise NotFound(f"no analysed article with id {article_id}")
    return analysis.to_dict()


@router.delete("/articles/{article_id}", tags=["corpus"], summary="Delete an article and its linked copies (token)")
def delete(article_id: str, request: Request, st: WebState = Depends(reader)) -> dict[str, Any]:
    st.check_write(request)
    _check_id(article_id)
    with st.db_lock:
        removed = st.corpus.store.delete_article(article_id)
    if not removed:
        raise NotFound(f"no article with id {article_id}")
    return {"deleted": article_id, "articles_removed": removed}


def _check_id(article_id: str) -> None:
    if not (0 < len(article_id) <= 128 and all(c in "0123456789abcdef" for c in article_id)):
        raise NotFound("article ids are lower-case hexadecimal (the sha256 of the text)")


@router.get("/search", tags=["corpus"], summary="Full-text search over articles and quotes")
def search(q: str = Query(..., min_length=1, max_length=MAX_QUERY, description='words, "a phrase", OR, -excluded'),
           speaker: Optional[str] = _text(), actor: Optional[str] = _text(), technique: Optional[str] = _text(),
           outlet: Optional[str] = _text(), since: Optional[str] = _date(), until: Optional[str] = _date(),
           limit: int = Query(20, ge=1, le=wq.MAX_PAGE), offset: int = Query(0, ge=0, le=10**6),
           highlight: Literal["mark", "none"] = Query("mark", description="snippet matches as <mark>…</mark> "
                                                                          "(text escaped) or plain text"),
           st: WebState = Depends(reader)) -> dict[str, Any]:
    with st.db_lock:
        hits = st.corpus.search(q, speaker=speaker, actor=actor, technique=technique, outlet=outlet,
                                since=since, until=until, limit=limit, offset=offset)
    for hit in hits:
        hit["snippet"] = snippet_html(hit["snippet"]) if highlight == "mark" else strip_marks(hit["snippet"])
    return wq.json_safe({"limit": limit, "offset": offset, "items": hits})


def snippet_html(snippet: str | None) -> str:
    """The snippet as safe HTML: the text escaped, the store's match markers turned into ``<mark>``."""
    import html

    return html.escape(snippet or "", quote=True).replace(HL_START, "<mark>").replace(HL_END, "</mark>")


def strip_marks(snippet: str | None) -> str:
    return (snippet or "").replace(HL_START, "").replace(HL_END, "")


@router.get("/actors", tags=["corpus"], summary="Actors and quoted speakers, most covered first")
def actors(q: Optional[str] = Query(None, max_length=MAX_QUERY, description="name substring or exact key"),
           limit: int = Query(50, ge=1, le=wq.MAX_PAGE), offset: int = Query(0, ge=0, le=10**7),
           st: WebState = Depends(reader)) -> dict[str, Any]:
    with st.db_lock:
        total, items = sq.list_actors(st.corpus.store, q, limit=limit, offset=offset)
    return wq.json_safe({"total": total, "limit": limit, "offset": offset, "items": items})


@router.get("/actors/{key:path}", tags=["corpus"], summary="An actor's profile by its key (from /actors)")
def actor(key: str, limit: int = Query(20, ge=1, le=wq.MAX_PAGE), st: WebState = Depends(reader)) -> dict[str, Any]:
    if not 0 < len(key) <= MAX_QUERY:
        raise NotFound("no such actor")
    with st.db_lock:
        profile = sq.actor_by_key(st.corpus.store, key, limit=limit)
    if profile is None:
        raise NotFound(f"no actor with key {key!r}")
    return wq.json_safe(profile)


@router.get("/stances", tags=["corpus"], summary="Aggregated stance edges; ?format=graph or graphml for a network",
            responses={200: {"content": {"application/json": {}, "application/graphml+xml": {}}}})
def stance_edges(source: Optional[str] = _text(), target: Optional[str] = _text(), actor: Optional[str] = _text(),
                 attitude: Optional[Literal["support", "oppose"]] = None, since: Optional[str] = _date(),
                 until: Optional[str] = _date(), limit: int = Query(100, ge=1, le=sq.MAX_EDGES),
                 examples: int = Query(1, ge=0, le=10),
                 format: Literal["json", "graph", "graphml"] = Query("json", description=(
                     "json: edges per (source, attitude, target); graph: nodes and edges (the graph page's data); "
                     "graphml: the same network for Gephi. graph and graphml filter with actor (either end).")),
                 st: WebState = Depends(reader)):
    if format == "json":
        if actor:
            raise BadRequest("actor filters the network formats; with format=json use source and target")
        with st.db_lock:
            edges = st.corpus.stances(source, target, attitude=attitude, since=since, until=until, limit=limit,
                                      examples=examples)
        return wq.json_safe({"limit": limit, "items": edges})
    if source or target:
        raise BadRequest("the network formats filter with actor (either end), not source/target")
    with st.db_lock:
        network = sq.stance_network(st.corpus.store, actor=actor, since=since, until=until, attitude=attitude,
                                    limit=limit)
    if format == "graphml":
        return Response(network_graphml(network), media_type="application/graphml+xml",
                        headers={"Content-Disposition": 'attachment; filename="presswatch-stances.graphml"'})
    return JSONResponse(wq.json_safe(network))
