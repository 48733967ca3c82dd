"""The web UI in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright; no browser download).

A real server (uvicorn, loopback, random port) over a corpus holding the example
article and an article full of HTML/JS injection attempts. Every test fails on
a JavaScript error, a CSP violation or any request that leaves the server.
Screenshots of each page, at laptop and phone widths, go to
``test-artifacts/screenshots/`` for review. Skips with a message when Chromium
or Playwright is missing (``.ci/browser.sh`` installs both).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = os.environ.get("PRESSWATCH_CHROMIUM", "/usr/bin/chromium")
if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"browser tests need Chromium at {CHROMIUM} (run .ci/browser.sh to install it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (run .ci/browser.sh)")
uvicorn = pytest.importorskip("uvicorn")

from test_web_api import AUTH, SECOND, TOKEN, XSS_TEXT, load_analyzer  # noqa: E402

from presswatch.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots"
EXAMPLE = ROOT / "examples" / "kabul-corridor.txt"
FALLBACK = Path(__file__).parent / "data" / "web" / "harbour-talks.txt"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Base URL of a live server, and the ids of its two stored articles."""
    from fastapi.testclient import TestClient

    db = tmp_path_factory.mktemp("browser") / "corpus.db"
    app = create_app(f"sqlite:///{db}", TOKEN, analyzer=load_analyzer())
    example = EXAMPLE if EXAMPLE.exists() else FALLBACK  # the team's example once it is in examples/
    client = TestClient(app)  # not as a context manager: its shutdown would close the corpus
    first = client.post("/api/v1/analyze?store=true", headers=AUTH, json={
        "text": example.read_text("utf-8"), "published": "2022-03-14", "outlet": "Presswatch Test Wire"})
    xss = client.post("/api/v1/analyze?store=true", headers=AUTH, json={
        "text": XSS_TEXT + " " + SECOND, "title": '<img src=x onerror="alert(7)"><script>alert(8)</script>',
        "published": "2022-06-03", "outlet": "<svg onload=alert(9)>"})
    assert first.status_code == xss.status_code == 200
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.05)
    words = Counter(w.lower() for w in re.findall(r"[A-Za-z]{7,}", example.read_text("utf-8")))
    yield {"base": f"http://127.0.0.1:{port}", "article": first.json()["article"]["id"],
           "xss": xss.json()["article"]["id"], "word": words.most_common(1)[0][0]}
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server):
    """A fresh page that records errors, dialogs and any request leaving the server."""
    context = browser.new_context(viewport=LAPTOP)
    pg = context.new_page()
    pg.problems = []
    pg.dialogs = []
    base = server["base"]

    def route(r):
        if r.request.url.startswith(base + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            pg.problems.append(f"external request: {r.request.url}")
            r.abort()

    pg.route("**/*", route)
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    problems, dialogs = list(pg.problems), list(pg.dialogs)
    context.close()
    assert not problems, problems
    assert not dialogs, f"a dialog opened: {dialogs}"


def shoot(pg, name: str, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def open_page(pg, server, path: str):
    response = pg.goto(server["base"] + path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    pg.wait_for_load_state("networkidle")
    return response


def test_quote_highlight_shows_the_speaker_and_links_to_the_actor(page, server):
    open_page(page, server, f"/articles/{server['article']}")
    shoot(page, "article-laptop")
    quote_mark = page.locator("#art-text .hl-q[tabindex]").first
    quote_mark.click()
    details = page.locator("#details")
    details.wait_for(state="visible")
    speaker_row = details.locator(".tip-item", has_text="Quote").locator("dd a.actor-link").first
    speaker = speaker_row.inner_text().strip()
    assert speaker and "Speaker" in details.inner_text()
    shoot(page, "article-details", full_page=False)  # what the reader sees after the click
    with page.expect_navigation():
        speaker_row.click()
    assert "/actors/" in page.url
    assert page.locator("h1").inner_text().strip()
    assert page.locator("h2", has_text="Quotes over time").count() == 1
    assert page.locator("svg.timeline rect.bar").count() >= 1
    shoot(page, "actor-laptop")


def test_highlights_work_from_the_keyboard_and_toggle_per_layer(page, server):
    open_page(page, server, f"/articles/{server['article']}")
    first_mark = page.locator("#art-text [tabindex]").first
    first_mark.focus()
    page.keyboard.press("Enter")
    page.locator("#details").wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.locator("#details").is_hidden()
    mark = page.locator("#art-text .hl-q").first
    colour_on = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    page.locator("label.toggle", has_text="Quotes").locator("input").uncheck()
    assert "off-quotes" in page.locator("#article").get_attribute("class")
    colour_off = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour_on != colour_off and colour_off in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("#art-text .hl-q[tabindex='0']").count() == 0  # hidden layer leaves the tab order


def test_search_from_the_top_bar_highlights_matches(page, server):
    open_page(page, server, "/")
    shoot(page, "home-laptop")
    word = server["word"]  # the example's commonest long word
    page.fill("#qs", word)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"/search?q={word}" in page.url
    assert page.locator(".hit").count() >= 1
    assert page.locator(".snippet mark").first.inner_text().lower().startswith(word[:5])
    shoot(page, "search-laptop")
    with page.expect_navigation():
        page.locator(".hit-head a").first.click()
    assert f"/articles/{server['article']}" in page.url


def test_stance_graph_is_interactive_and_links_to_actors(page, server):
    open_page(page, server, "/graph")
    page.locator("#graph[data-ready]").wait_for(state="attached")
    assert page.locator("#graph .node").count() >= 2
    assert page.locator("#graph path.edge").count() >= 1
    assert page.locator("#graph path.edge.support, #graph path.edge.oppose").count() >= 1
    shoot(page, "graph-laptop")
    node = page.locator("#graph a.node").first
    node.hover()
    assert "focused" in page.locator("#graph").get_attribute("class")
    with page.expect_navigation():
        node.click()
    assert "/actors/" in page.url and page.locator("h1").inner_text().strip()


def test_graph_filters_by_actor(page, server):
    open_page(page, server, "/graph")
    page.locator("#graph[data-ready]").wait_for(state="attached")
    edges_before = page.locator("#graph path.edge").count()
    label = page.locator("#graph a.node text").first.text_content()
    page.fill("input[name=actor]", label)
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    assert "actor=" in page.url
    page.locator("#graph[data-ready]").wait_for(state="attached")
    labels = page.locator("#graph .node text").all_text_contents()
    assert label in labels and len(labels) >= 2
    assert 1 <= page.locator("#graph path.edge").count() <= edges_before


def test_injected_html_and_scripts_stay_inert(page, server):
    page.add_init_script("window.__pwned = 0; window.alert = function () { window.__pwned += 1; };")
    for path in (f"/articles/{server['xss']}", "/", "/articles", "/search?q=news", "/actors"):
        open_page(page, server, path)
        assert page.evaluate("window.__pwned") == 0, path
        assert page.locator("main script, main img[src='x'], main svg[onload], main [onerror], "
                            "main [onmouseover]").count() == 0, path
    open_page(page, server, f"/articles/{server['xss']}")
    assert "<script>" in page.locator("#art-text").inner_text()  # shown as text
    assert "<img src=x" in page.locator("h1").inner_text()
    page.locator("#art-text [tabindex]").first.click()
    assert page.evaluate("window.__pwned") == 0
    shoot(page, "article-xss")


def test_analyse_box_previews_an_article(page, server):
    open_page(page, server, "/")
    page.fill("#input", SECOND)
    with page.expect_navigation(timeout=120_000):
        page.locator("form.analyse button[type=submit]").click()
    assert "Preview: this analysis is not stored" in page.inner_text("main")
    assert page.locator("#art-text .hl-q").count() >= 1


@pytest.mark.parametrize("name, path", [("home", "/"), ("article", "/articles/{article}"), ("actors", "/actors"),
                                        ("graph", "/graph"), ("search", "/search?q=plan"), ("docs", "/docs")])
def test_pages_fit_a_phone(browser, server, name, path):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(server["base"] + path.format(**server))
        pg.wait_for_load_state("networkidle")
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        shoot(pg, f"{name}-phone", full_page=False)
        shoot(pg, f"{name}-phone-full")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px at phone width"
        assert not errors, errors
    finally:
        context.close()
