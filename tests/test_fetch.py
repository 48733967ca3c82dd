"""The URL guard and fetcher, against a real HTTP server on 127.0.0.1.

Public hosts are simulated: ``resolve`` is replaced to give DNS answers, and
``_pool`` routes the simulated public address to the local server, so the
guard itself runs unchanged.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from presswatch import fetch as fetch_mod
from presswatch.config import load_config
from presswatch.errors import BlockedAddress, FetchError
from presswatch.fetch import blocked_reason, fetch
from presswatch.ingest import read_inputs
from presswatch.types import Article

PUBLIC = "93.184.215.14"  # a simulated public address, routed to the local server
PRIVATE = "10.20.30.40"

PAGE = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Port talks stall</title>
<meta property="og:site_name" content="Harbour Times">
<meta name="author" content="Lena Ortiz">
<meta property="article:published_time" content="2023-06-14T08:00:00Z"></head>
<body><article><h1>Port talks stall</h1>
<p>Negotiations over the future of the northern port stalled on Wednesday after the transport minister said the
union's demands were "simply unaffordable" for a city still paying off the last expansion.</p>
<p>Union leader Carla Pinto told reporters that workers would not accept a deal that cut night-shift pay, and
that a strike next month was "more likely than ever" unless the ministry returned to the table.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status, body=b"", ctype="text/html; charset=utf-8", length=True, headers=()):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for key, value in headers:
            self.send_header(key, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        self.server.hits.append(self.path)
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        route = url.path
        if route == "/article":
            self._send(200, PAGE)
        elif route == "/plain":
            self._send(200, "Café owners protest “unfair” rents.".encode("latin-1", "replace").replace(b"?", b"'"),
                       ctype="text/plain; charset=ISO-8859-1")
        elif route == "/pdf":
            self._send(200, b"%PDF-1.7 ...", ctype="application/pdf")
        elif route == "/nocontenttype":
            self._send(200, b"hello", ctype=None)
        elif route == "/big":
            self._send(200, b"x" * 5000, ctype="text/plain")
        elif route == "/big-unsized":  # no Content-Length: the limit must bite while streaming
            self._send(200, b"y" * 50_000, ctype="text/plain", length=False)
        elif route == "/slow":
            time.sleep(2)
            self._send(200, b"late")
        elif route == "/trickle":
            self._send(200, b"", ctype="text/plain", length=False)
            try:
                for _ in range(40):
                    self.wfile.write(b"z")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif route == "/echo":
            body = f"Host: {self.headers['Host']}\nUser-Agent: {self.headers['User-Agent']}\n".encode()
            self._send(200, body, ctype="text/plain")
        elif route == "/redirect":
            self._send(int(query.get("status", 302)), headers=[("Location", query["to"])], ctype=None)
        elif route == "/loop":
            self._send(302, headers=[("Location", "/loop")], ctype=None)
        else:
            self._send(404, b"not found")


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # clients that give up early (size limit, timeout) break the pipe on purpose


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    httpd.hits = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def port(server):
    server.hits.clear()
    return server.server_address[1]


@pytest.fixture()
def fake_dns(monkeypatch):
    """news.example -> PUBLIC (served locally), intranet.example -> PRIVATE, mixed.example -> both."""
    answers = {"news.example": [PUBLIC], "intranet.example": [PRIVATE], "mixed.example": [PUBLIC, PRIVATE]}
    calls = []

    def resolve(host, port):
        calls.append(host)
        if host in answers:
            return list(answers[host])
        return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]

    real_pool = fetch_mod._pool

    def pool(target, address, timeout):
        return real_pool(target, "127.0.0.1" if address == PUBLIC else address, timeout)

    monkeypatch.setattr(fetch_mod, "resolve", resolve)
    monkeypatch.setattr(fetch_mod, "_pool", pool)
    return calls


# -- the address guard -------------------------------------------------------------


@pytest.mark.parametrize(
    "address, reason",
    [
        ("127.0.0.1", "loopback"),
        ("127.5.6.7", "loopback"),
        ("::1", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata endpoint
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "not globally routable"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2001:db8::1", "private"),  # documentation range
    ],
)
def test_blocked_addresses(address, reason):
    assert blocked_reason(address) == reason


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8",
                                     "64:ff9b::808:808"])
def test_public_addresses_pass(address):
    assert blocked_reason(address) is None


def test_local_server_refused_by_default(server, port):
    with pytest.raises(BlockedAddress, match="loopback address 127.0.0.1"):
        fetch(f"http://127.0.0.1:{port}/article")
    assert server.hits == []  # refused before connecting


def test_local_server_served_with_allow_private(port):
    result = fetch(f"http://127.0.0.1:{port}/article", allow_private=True)
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert result.data == PAGE
    assert result.url == f"http://127.0.0.1:{port}/article"


def test_localhost_name_and_ipv6_literal_refused(port):
    with pytest.raises(BlockedAddress, match="loopback"):
        fetch(f"http://localhost:{port}/article")
    with pytest.raises(BlockedAddress, match="loopback"):
        fetch(f"http://[::1]:{port}/article")


def test_decimal_ip_literal_is_resolved_then_refused(port):
    # 2130706433 == 127.0.0.1: the check runs on the resolved address, not the spelling.
    with pytest.raises(BlockedAddress, match="127.0.0.1"):
        fetch(f"http://2130706433:{port}/article")


def test_host_with_any_private_address_refused(fake_dns, server, port):
    with pytest.raises(BlockedAddress, match="mixed.example resolves to private address 10.20.30.40"):
        fetch(f"http://mixed.example:{port}/article")
    assert server.hits == []


def test_public_host_is_fetched_from_the_vetted_address(fake_dns, port):
    # The request goes to the resolved IP while Host still names the site, and DNS is asked once.
    result = fetch(f"http://news.example:{port}/echo", user_agent="presswatch-test/1")
    assert result.data.decode() == f"Host: news.example:{port}\nUser-Agent: presswatch-test/1\n"
    assert fake_dns == ["news.example"]


def test_redirect_to_private_address_refused(fake_dns, server, port):
    url = f"http://news.example:{port}/redirect?to=http://intranet.example:{port}/secret"
    with pytest.raises(BlockedAddress, match="intranet.example resolves to private address"):
        fetch(url)
    assert fake_dns == ["news.example", "intranet.example"]
    assert [h.split("?")[0] for h in server.hits] == ["/redirect"]


def test_redirect_to_loopback_literal_refused(fake_dns, server, port):
    url = f"http://news.example:{port}/redirect?to=http://127.0.0.1:{port}/article&status=307"
    with pytest.raises(BlockedAddress, match="loopback"):
        fetch(url)
    assert "/article" not in server.hits


def test_redirect_between_public_hosts_followed(fake_dns, port):
    result = fetch(f"http://news.example:{port}/redirect?to=/article&status=301")
    assert result.url == f"http://news.example:{port}/article"
    assert result.data == PAGE


def test_redirects_are_bounded(fake_dns, server, port):
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch(f"http://news.example:{port}/loop", max_redirects=3)
    assert server.hits == ["/loop"] * 4


def test_redirect_to_other_scheme_refused(fake_dns, port):
    with pytest.raises(FetchError, match="unsupported URL scheme 'file'"):
        fetch(f"http://news.example:{port}/redirect?to=file:///etc/passwd")


def test_content_type_refused(fake_dns, port):
    with pytest.raises(FetchError, match="refused content type 'application/pdf'") as info:
        fetch(f"http://news.example:{port}/pdf")
    assert not isinstance(info.value, BlockedAddress)
    with pytest.raises(FetchError, match="no Content-Type"):
        fetch(f"http://news.example:{port}/nocontenttype")


def test_size_limit_from_content_length(fake_dns, port):
    with pytest.raises(FetchError, match="5000 bytes, over the limit of 1000"):
        fetch(f"http://news.example:{port}/big", max_bytes=1000)
    assert len(fetch(f"http://news.example:{port}/big", max_bytes=5000).data) == 5000


def test_size_limit_while_streaming(fake_dns, port):
    with pytest.raises(FetchError, match="exceeds the limit of 1000 bytes"):
        fetch(f"http://news.example:{port}/big-unsized", max_bytes=1000)


def test_timeout_waiting_for_response(fake_dns, port):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.3 s"):
        fetch(f"http://news.example:{port}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.5


def test_timeout_on_a_trickling_body(fake_dns, port):
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.5 s reading"):
        fetch(f"http://news.example:{port}/trickle", timeout=0.5)
    assert time.monotonic() - started < 2.0  # the body alone would take 4 s


def test_http_error_status(fake_dns, port):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"http://news.example:{port}/missing")


@pytest.mark.parametrize(
    "url, message",
    [
        ("ftp://news.example/a", "unsupported URL scheme"),
        ("http://user:secret@news.example/a", "credentials"),
        ("http:///nohost", "no host"),
        ("http://news.example:99999/", "invalid URL"),
    ],
)
def test_bad_urls(fake_dns, url, message):
    with pytest.raises(FetchError, match=message) as info:
        fetch(url)
    assert "\n" not in str(info.value)


def test_unresolvable_host(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(fetch_mod.socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="cannot resolve host 'nowhere.example'"):
        fetch("http://nowhere.example/")


def test_slow_resolver_is_bounded_by_the_timeout(monkeypatch):
    release = threading.Event()

    def hang(*args, **kwargs):  # a resolver that answers only after the test is over
        release.wait(10)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PUBLIC, 80))]

    monkeypatch.setattr(fetch_mod.socket, "getaddrinfo", hang)
    start = time.monotonic()
    try:
        with pytest.raises(FetchError) as info:
            fetch("http://slow.example/a", timeout=0.3)
    finally:
        release.set()
    assert time.monotonic() - start < 2.0
    assert info.value.message == "timed out after 0.3 s resolving slow.example" and info.value.code == "E006"


def test_resolver_answer_within_the_timeout(monkeypatch):
    def slow_but_in_time(host, port, **kwargs):
        time.sleep(0.05)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (PRIVATE, port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", (PRIVATE, port))]

    monkeypatch.setattr(fetch_mod.socket, "getaddrinfo", slow_but_in_time)
    assert fetch_mod.resolve_within("intranet.example", 80, 2.0) == [PRIVATE]
    with pytest.raises(BlockedAddress, match="private address 10.20.30.40"):  # still vetted after the thread
        fetch("http://intranet.example/", timeout=2.0)


def test_resolver_error_in_the_thread_keeps_its_message(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(fetch_mod.socket, "getaddrinfo", fail)
    with pytest.raises(FetchError, match="cannot resolve host 'nowhere.example'"):
        fetch_mod.resolve_within("nowhere.example", 80, 1.0)


def test_slow_resolver_on_a_redirect_hop(fake_dns, port, monkeypatch):
    """Every hop's resolution is bounded, not just the first one."""
    resolve_fake = fetch_mod.resolve

    def resolve(host, port_):
        if host == "slow.example":
            time.sleep(2.0)
            return [PUBLIC]
        return resolve_fake(host, port_)

    monkeypatch.setattr(fetch_mod, "resolve", resolve)
    with pytest.raises(FetchError, match="timed out after 0.5 s resolving slow.example"):
        fetch(f"http://news.example:{port}/redirect?to=http://slow.example/article", timeout=0.5)
    assert fake_dns == ["news.example"]  # the first hop resolved through the same bounded path


# -- through read_inputs, as the CLI uses it -------------------------------------------


def test_read_inputs_refuses_then_serves_with_allow_private(port):
    url = f"http://127.0.0.1:{port}/article"
    (refused,) = read_inputs([url], load_config())
    assert isinstance(refused, BlockedAddress)
    assert refused.source == url
    assert refused.code == "E007"

    (article,) = read_inputs([url], load_config(overrides={"ingest": {"allow_private": True}}))
    assert isinstance(article, Article)
    assert article.source == url
    assert article.url == url  # no canonical link on the page: the fetched URL
    assert article.title == "Port talks stall"
    assert article.outlet == "Harbour Times"
    assert article.authors == ["Lena Ortiz"]
    assert article.published == "2023-06-14"
    assert "simply unaffordable" in article.text
    assert "\n\nUnion leader Carla Pinto" in article.text


def test_read_inputs_plain_text_url_uses_declared_charset(fake_dns, port):
    (article,) = read_inputs([f"http://news.example:{port}/plain"], load_config())
    assert isinstance(article, Article)
    assert article.text == "Café owners protest 'unfair' rents."
    assert article.encoding == "iso8859-1"
    assert article.url == f"http://news.example:{port}/plain"


def test_read_inputs_failure_keeps_going(fake_dns, port):
    items = list(read_inputs([f"http://news.example:{port}/pdf", f"http://news.example:{port}/article"],
                             load_config()))
    assert isinstance(items[0], FetchError) and items[0].source.endswith("/pdf")
    assert isinstance(items[1], Article)


def test_load_one_fetches_urls(port):
    from presswatch.ingest import load_one

    url = f"http://127.0.0.1:{port}/article"
    with pytest.raises(BlockedAddress):
        load_one(url, load_config())
    article = load_one(url, load_config(overrides={"ingest": {"allow_private": True}}))
    assert article.title == "Port talks stall"
