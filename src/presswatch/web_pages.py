"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same queries as the API.

Pages: home (analyse box, latest articles, counts), articles, article, actors,
actor, stance graph, search, login, API docs. Article text and every other
stored string reach the page through Jinja2's autoescaping; the only
pre-built HTML is the highlighted article text from
:func:`presswatch.report_html.render_marked`, which escapes each piece itself.
"""

from __future__ import annotations

import functools
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from . import store_query as sq
from .errors import PresswatchError
from .store_query import HL_END, HL_START, Filters
from .web import TOKEN_COOKIE, NotFound, WebState, package_dir
from .web_api import MAX_QUERY, AnalyzeRequest, to_article
from .report_html import no_bidi_controls
from .web_article import ArticleView, actor_href

router = APIRouter(include_in_schema=False)
PAGE = 20


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` string loses bidi controls before escaping, so an article's RLO cannot
    reverse the page around it; ready markup (the highlighted article text) is left as it is."""
    import markupsafe

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return no_bidi_controls(value)
    return value


@functools.lru_cache(maxsize=1)
def environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(package_dir("templates", "web"))),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, finalize=_finalize)
    env.globals["actor_href"] = actor_href
    return env


def render(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    from . import __version__

    st: WebState = request.app.state.pw
    context.setdefault("title", "presswatch")
    html = environment().get_template(name).render(
        request=request, path=request.url.path, version=__version__, can_write=st.can_write(request),
        writes_enabled=bool(st.token), **context)
    return HTMLResponse(html, status_code=code)


def error_page(request: Request, exc: PresswatchError, status: int) -> HTMLResponse:
    return render(request, "error.html", code=status, title=f"Error {status}", error=exc, status=status)


def reader(request: Request) -> WebState:
    st: WebState = request.app.state.pw
    st.check_read(request)
    return st


def _text():
    return Query(None, max_length=MAX_QUERY)  # a fresh Query per parameter: FastAPI binds each to one name




def _blank(value: Optional[str]) -> Optional[str]:
    """Empty form fields mean "no filter"."""
    return value.strip() or None if value else None


def pager(total: Optional[int], limit: int, offset: int, params: dict[str, Any], count: int) -> dict[str, Any]:
    keep = {k: v for k, v in params.items() if v not in (None, "")}
    prev_q = urlencode({**keep, "offset": max(0, offset - limit)}) if offset > 0 else None
    more = (offset + limit < total) if total is not None else count == limit
    next_q = urlencode({**keep, "offset": offset + limit}) if more else None
    return {"total": total, "first": offset + 1 if count else 0, "last": offset + count, "prev": prev_q,
            "next": next_q}


# -- home and analysis -------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(request: Request, st: WebState = Depends(reader)):
    with st.db_lock:
        counts = sq.corpus_counts(st.corpus.store)
        _, latest = sq.list_articles(st.corpus.store, limit=8)
        _, actors = sq.list_actors(st.corpus.store, limit=8)
    return render(request, "home.html", counts=counts, latest=latest, actors=actors)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_form(request: Request):
    st: WebState = request.app.state.pw
    st.check_read(request)
    form = await request.form()
    raw = str(form.get("input") or "")
    store = form.get("store") == "on"
    if store:
        st.check_write(request)
    one_line = raw.strip()
    is_url = one_line.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in one_line)
    req = AnalyzeRequest(url=one_line) if is_url else AnalyzeRequest(text=raw)
    from starlette.concurrency import run_in_threadpool

    article = await run_in_threadpool(to_article, req, st.config)
    analysis = await run_in_threadpool(st.analyze, article)
    if store:
        with st.db_lock:
            st.corpus.add([analysis])
        return RedirectResponse(f"/articles/{article.id}", status_code=303)
    return render(request, "article.html", title=_title(analysis), view=ArticleView(analysis), stored=False)


def _title(analysis) -> str:
    a = analysis.article
    return (a.title or a.source or "Article")[:120]


# -- articles ---------------------------------------------------------------------------

@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, outlet: Optional[str] = _text(), since: Optional[str] = Query(None),
             until: Optional[str] = Query(None), actor: Optional[str] = _text(), technique: Optional[str] = _text(),
             offset: int = Query(0, ge=0, le=10**7), st: WebState = Depends(reader)):
    params = {"outlet": _blank(outlet), "since": _blank(since), "until": _blank(until), "actor": _blank(actor),
              "technique": _blank(technique)}
    with st.db_lock:
        total, items = sq.list_articles(st.corpus.store, Filters(**params), limit=PAGE, offset=offset)
    return render(request, "articles.html", title="Articles", items=items, params=params,
                  page=pager(total, PAGE, offset, params, len(items)))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, st: WebState = Depends(reader)):
    with st.db_lock:
        analysis = st.corpus.analysis(article_id) if len(article_id) <= 128 else None
        if analysis is None:
            raise NotFound(f"no analysed article with id {article_id[:80]}")
        keys = sq.article_keys(st.corpus.store, article_id)
    return render(request, "article.html", title=_title(analysis), view=ArticleView(analysis, keys), stored=True)


# -- actors -----------------------------------------------------------------------------

@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, q: Optional[str] = _text(), offset: int = Query(0, ge=0, le=10**7),
           st: WebState = Depends(reader)):
    params = {"q": _blank(q)}
    with st.db_lock:
        total, items = sq.list_actors(st.corpus.store, params["q"], limit=PAGE * 2, offset=offset)
    return render(request, "actors.html", title="Actors", items=items, params=params,
                  page=pager(total, PAGE * 2, offset, params, len(items)))


@router.get("/actors/{key:path}", response_class=HTMLResponse)
def actor(request: Request, key: str, st: WebState = Depends(reader)):
    with st.db_lock:
        profile = sq.actor_by_key(st.corpus.store, key, limit=50) if 0 < len(key) <= MAX_QUERY else None
    if profile is None:
        raise NotFound(f"no actor with key {key[:80]!r}")
    return render(request, "actor.html", title=profile["actor"]["name"], p=profile,
                  chart=timeline(profile["quotes_by_month"]))


def timeline(by_month: list[dict[str, Any]], width: int = 640, height: int = 160) -> dict[str, Any]:
    """Bars for quotes per month (months without quotes included), as SVG coordinates."""
    counts = {r["month"]: int(r["quotes"]) for r in by_month if r.get("month")}
    if not counts:
        return {"bars": [], "width": width, "height": height, "ticks": []}
    months = _month_range(min(counts), max(counts))
    if len(months) > 120:  # beyond ten years, bars per year read better
        years: dict[str, int] = {}
        for m, n in counts.items():
            years[m[:4]] = years.get(m[:4], 0) + n
        counts = years
        months = [str(y) for y in range(int(min(years)), int(max(years)) + 1)]
    peak = max(counts.values())
    left, bottom, top = 34, 22, 10
    step = (width - left - 6) / len(months)
    bars = []
    for i, m in enumerate(months):
        n = counts.get(m, 0)
        h = (height - bottom - top) * n / peak
        w = min(max(step * 0.76, 1.5), 48)  # one month alone should not fill the chart
        bars.append({"x": round(left + i * step + (step - w) / 2, 1), "w": round(w, 1),
                     "y": round(height - bottom - h, 1), "h": round(h, 1), "label": m, "n": n})
    every = max(1, len(months) // 6)
    ticks = [{"x": b["x"] + b["w"] / 2, "label": b["label"]} for i, b in enumerate(bars) if i % every == 0]
    return {"bars": bars, "width": width, "height": height, "peak": peak, "left": left, "base": height - bottom,
            "top": top, "ticks": ticks}


def _month_range(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while (y, m) <= (int(last[:4]), int(last[5:7])) and len(out) < 2000:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# -- stance graph and search ----------------------------------------------------------------

@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, actor: Optional[str] = _text(), since: Optional[str] = Query(None),
          until: Optional[str] = Query(None), attitude: Optional[str] = Query(None, pattern="^(support|oppose|)$"),
          st: WebState = Depends(reader)):
    params = {"actor": _blank(actor), "since": _blank(since), "until": _blank(until), "attitude": _blank(attitude)}
    with st.db_lock:
        network = sq.stance_network(st.corpus.store, **params, limit=500)
    api = "/api/v1/stances?" + urlencode({"format": "graph", "limit": 500, **{k: v for k, v in params.items() if v}})
    return render(request, "graph.html", title="Stance graph", network=network, params=params, api=api)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Optional[str] = _text(), speaker: Optional[str] = _text(), actor: Optional[str] = _text(),
           technique: Optional[str] = _text(), outlet: Optional[str] = _text(), since: Optional[str] = Query(None),
           until: Optional[str] = Query(None), offset: int = Query(0, ge=0, le=10**6), st: WebState = Depends(reader)):
    params = {"q": _blank(q), "speaker": _blank(speaker), "actor": _blank(actor), "technique": _blank(technique),
              "outlet": _blank(outlet), "since": _blank(since), "until": _blank(until)}
    hits: list[dict[str, Any]] = []
    if params["q"]:
        filters = {k: v for k, v in params.items() if k != "q"}
        with st.db_lock:
            hits = st.corpus.search(params["q"], **filters, limit=PAGE, offset=offset)
        for hit in hits:
            hit["parts"] = snippet_parts(hit["snippet"])
    return render(request, "search.html", title=f"Search: {params['q']}" if params["q"] else "Search",
                  hits=hits, params=params, page=pager(None, PAGE, offset, params, len(hits)))


def snippet_parts(snippet: Optional[str]) -> list[tuple[str, bool]]:
    """``[(text, is_match)]`` from the store's marked snippet, for the template to escape and wrap."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate((snippet or "").split(HL_START)):
        if i == 0:
            parts.append((chunk, False))
            continue
        match, _, rest = chunk.partition(HL_END)
        parts += [(match, True), (rest, False)]
    return [(t.replace(HL_END, ""), m) for t, m in parts if t]


# -- login and docs ------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request):
    return render(request, "login.html", title="Log in", failed=False)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request):
    st: WebState = request.app.state.pw
    form = await request.form()
    token = str(form.get("token") or "")
    if not st.token_ok(token):
        return render(request, "login.html", code=401, title="Log in", failed=True)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout():
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(TOKEN_COOKIE)
    return response


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request):
    return render(request, "docs.html", title="API documentation")
