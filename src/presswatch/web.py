"""``presswatch serve``: the REST API (``/api/v1``) and the web UI over a corpus, as one FastAPI app.

:func:`create_app` builds the application; :mod:`presswatch.web_api` holds the
JSON endpoints and :mod:`presswatch.web_pages` the server-rendered pages.

Security rules (see ``docs/web.md``):

- reading is open when the server is bound to loopback (``open_reads=True``);
  otherwise every request needs the token;
- every write (``POST /api/v1/analyze?store=true``, ``DELETE /api/v1/articles/{id}``)
  needs the token, and writes are refused outright when no token is set;
- the token comes from ``--token`` or ``$PRESSWATCH_TOKEN`` and is sent as
  ``Authorization: Bearer TOKEN``, ``X-Presswatch-Token: TOKEN`` or the cookie
  that ``/login`` sets; it is compared in constant time;
- request bodies are bounded (``max_request_bytes``), documents by
  ``[ingest] max_chars``; URLs go through the fetcher's private-address guard;
- state-changing requests from another origin are refused (CSRF), and every
  page carries a Content-Security-Policy that allows nothing from elsewhere.

Errors are JSON ``{"error": {"code", "message", "status"}}`` under ``/api/``
and an HTML page elsewhere; bad input never gives a 500.
"""

from __future__ import annotations

import argparse
import hmac
import ipaddress
import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from . import __version__
from .errors import (  # noqa: F401  (web errors re-exported for callers of this module)
    BadRequest, BlockedAddress, ConfigError, FetchError, Forbidden, InputError, ModelError, NotFound,
    PayloadTooLarge, PresswatchError, TooLarge, Unauthorized, Unavailable, WebError,
)

log = logging.getLogger("presswatch.web")

MAX_REQUEST_BYTES = 5_000_000  # a 1M-character document as JSON, with room for escapes
TOKEN_COOKIE = "pw_token"
API_PREFIX = "/api/v1"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Swagger UI sets inline styles; only the /docs page gets this relaxed policy.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def http_status(exc: PresswatchError) -> int:
    """The HTTP status for any presswatch error (input problems are 4xx, never 500)."""
    from .store import QueryError, StoreError

    if isinstance(exc, WebError):
        return exc.status
    if isinstance(exc, TooLarge):
        return 413
    if isinstance(exc, BlockedAddress):
        return 403
    if isinstance(exc, FetchError):
        return 502
    if isinstance(exc, (InputError, QueryError)):
        return 422 if isinstance(exc, InputError) else 400
    if isinstance(exc, (ModelError, StoreError)):
        return 503
    return 500


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (``127.0.0.0/8``, ``::1``)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class WebState:
    """What the endpoints share: the corpus, the lazily loaded analyzer, the security settings."""

    corpus: Any
    config: dict
    token: str | None
    open_reads: bool
    model: str | None = None
    analyzer: Any = None
    analyzer_factory: Callable[[], Any] | None = None
    db_lock: threading.RLock = field(default_factory=threading.RLock)
    nlp_lock: threading.Lock = field(default_factory=threading.Lock)

    def get_analyzer(self):
        """The Analyzer, loaded on first use (models load once per app); 503 when it cannot load."""
        with self.nlp_lock:
            if self.analyzer is None:
                from .pipeline import Analyzer

                try:
                    factory = self.analyzer_factory or (lambda: Analyzer(self.config, model=self.model))
                    self.analyzer = factory()
                except (ModelError, ConfigError) as exc:
                    raise Unavailable(f"the analysis pipeline cannot be loaded: {exc}") from None
            return self.analyzer

    def analyze(self, article):
        analyzer = self.get_analyzer()
        with self.nlp_lock:  # spaCy pipelines are not safe to call from two threads at once
            return analyzer.analyze(article)

    # -- tokens -------------------------------------------------------------
    def given_token(self, request) -> str | None:
        auth = request.headers.get("authorization", "")
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip()
        return request.headers.get("x-presswatch-token") or request.cookies.get(TOKEN_COOKIE)

    def token_ok(self, given: str | None) -> bool:
        if not self.token or not given:
            return False
        return hmac.compare_digest(given.encode("utf-8"), self.token.encode("utf-8"))

    def check_write(self, request) -> None:
        if not self.token:
            raise Forbidden("writes are disabled: start the server with --token or $PRESSWATCH_TOKEN")
        if not self.token_ok(self.given_token(request)):
            raise Unauthorized("this request changes the corpus and needs the server's token "
                               "(Authorization: Bearer TOKEN)")

    def check_read(self, request) -> None:
        if not self.open_reads and not self.token_ok(self.given_token(request)):
            raise Unauthorized("this server is not on loopback: every request needs the token "
                               "(Authorization: Bearer TOKEN, or log in at /login)")

    def can_write(self, request) -> bool:
        return bool(self.token) and self.token_ok(self.given_token(request))


def package_dir(*parts: str) -> Path:
    return Path(str(resources.files("presswatch").joinpath(*parts)))


def create_app(db_url: str | None = None, token: str | None = None, *, config: dict | str | Path | None = None,
               model: str | None = None, analyzer: Any = None, analyzer_factory: Callable[[], Any] | None = None,
               open_reads: bool = True, max_request_bytes: int = MAX_REQUEST_BYTES, corpus: Any = None):
    """The FastAPI application over the corpus at ``db_url`` (default ``sqlite:///presswatch.db``).

    ``analyzer`` (an :class:`~presswatch.Analyzer`) or ``analyzer_factory`` lets a
    caller share loaded models; otherwise one is loaded on the first analysis.
    ``open_reads=False`` makes reading need the token too (for non-loopback binds).
    """
    from fastapi import FastAPI
    from fastapi.staticfiles import StaticFiles

    from . import web_api, web_pages
    from .config import load_config
    from .corpus import Corpus

    cfg = load_config(None, config) if isinstance(config, dict) else load_config(config)  # a dict may be partial
    if token is not None and len(token) < 8:
        raise ConfigError("the token must be at least 8 characters long")
    state = WebState(corpus=corpus or Corpus(db_url, config=cfg, model=model), config=cfg, token=token or None,
                     open_reads=open_reads, model=model, analyzer=analyzer, analyzer_factory=analyzer_factory)
    app = FastAPI(
        title="presswatch", version=__version__, docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        description="Evidence-linked facts from news articles: analyse text, URLs or HTML, and query a corpus "
                    "(articles, full-text search, actors, stances). Writes need the server's token "
                    "(`Authorization: Bearer TOKEN`). Errors are `{\"error\": {\"code\", \"message\", \"status\"}}`.",
    )
    app.state.pw = state
    app.state.max_request_bytes = max_request_bytes
    # The more specific mount first: routes match in order.
    app.mount("/static/docs", StaticFiles(directory=_swagger_dir()), name="docs-static")
    app.mount("/static", StaticFiles(directory=package_dir("static", "web")), name="static")
    app.include_router(web_api.router, prefix=API_PREFIX)
    app.include_router(web_pages.router)
    _install_error_handlers(app)
    app.add_middleware(_Guard, max_bytes=max_request_bytes)
    app.router.on_shutdown.append(lambda: state.corpus.close())
    return app


def _swagger_dir() -> str:
    """Swagger UI's files as shipped by fastapi-offline (MIT), so /docs needs no CDN."""
    import fastapi_offline

    return str(Path(fastapi_offline.__file__).parent / "static")


# -- middleware and error handlers ------------------------------------------------------

class _Guard:
    """ASGI middleware: bounds request bodies, refuses cross-origin writes, adds security headers."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and _cross_origin(headers):
            return await _send_error(scope, send, Forbidden("cross-origin request refused"))
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            return await _send_error(scope, send, PayloadTooLarge(
                f"request body of {int(declared)} bytes is over the limit of {self.max_bytes}"))
        body_receive = receive
        if scope["method"] in ("POST", "PUT", "PATCH", "DELETE"):
            # Read the body here (bounded), then replay it: a chunked upload cannot slip past the limit.
            chunks, size, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    break
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_bytes:
                    return await _send_error(scope, send, PayloadTooLarge(
                        f"request body is over the limit of {self.max_bytes} bytes"))
                chunks.append(chunk)
                more = message.get("more_body", False)
            body = b"".join(chunks)
            sent = False

            async def body_receive():
                nonlocal sent
                if sent:
                    return await receive()
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, body_receive, send_with_headers)


def _cross_origin(headers: dict[str, str]) -> bool:
    """True for a request another site made the browser send (CSRF); clients without these headers pass."""
    site = headers.get("sec-fetch-site")
    if site:  # browsers say it outright; "none" is the user typing the URL
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != headers.get("host", "").lower()


def error_body(exc: PresswatchError, status: int) -> dict[str, Any]:
    return {"error": {"code": exc.code, "message": exc.message, "status": status}}


async def _send_error(scope, send, exc: WebError) -> None:
    import json

    body = json.dumps(error_body(exc, exc.status)).encode()
    await send({"type": "http.response.start", "status": exc.status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff")]})
    await send({"type": "http.response.body", "body": body})


def _wants_html(request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi")) and "text/html" in request.headers.get("accept", "")


def _install_error_handlers(app) -> None:
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from starlette.exceptions import HTTPException

    def respond(request, exc: PresswatchError, status: int):
        if _wants_html(request):
            from .web_pages import error_page

            return error_page(request, exc, status)
        return JSONResponse(error_body(exc, status), status_code=status)

    @app.exception_handler(PresswatchError)
    async def presswatch_error(request, exc: PresswatchError):
        status = http_status(exc)
        if status >= 500:
            log.error("%s %s: %s", request.method, request.url.path, exc)
        return respond(request, exc, status)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request, exc: RequestValidationError):
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            problems.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return respond(request, BadRequest("invalid request: " + "; ".join(problems)), 422)

    @app.exception_handler(HTTPException)
    async def http_error(request, exc: HTTPException):
        kinds = {404: NotFound, 401: Unauthorized, 403: Forbidden, 413: PayloadTooLarge}
        cls = kinds.get(exc.status_code, BadRequest if exc.status_code < 500 else WebError)
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path[:200]}"
        return respond(request, cls(message), exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        err = WebError(f"internal error ({type(exc).__name__}); see the server log")
        err.code = "E399"
        return respond(request, err, 500)


# -- command line ----------------------------------------------------------------------

def add_serve_arguments(p: argparse.ArgumentParser) -> None:
    from .store import DEFAULT_URL

    p.add_argument("--db", metavar="URL", default=os.environ.get("PRESSWATCH_DB", DEFAULT_URL),
                   help="sqlite:///FILE.db (default: sqlite:///presswatch.db, or $PRESSWATCH_DB) or postgresql://...")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need a token)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token", metavar="TOKEN",
                   help="token for writes (and for all requests off loopback); prefer $PRESSWATCH_TOKEN, "
                        "which other users cannot see in the process list")
    p.add_argument("--config", metavar="FILE", help="TOML configuration file")
    p.add_argument("--model", metavar="NAME", help="spaCy pipeline for analysis (default from config)")
    p.add_argument("--max-request-bytes", type=int, default=MAX_REQUEST_BYTES, metavar="N",
                   help=f"largest request body (default {MAX_REQUEST_BYTES})")
    p.add_argument("--allow-private", action="store_true",
                   help="let URL analysis fetch loopback, private, link-local or reserved addresses")


def _check_port(host: str, port: int) -> None:
    """A port that is taken (or an address that is not ours) is one line and status 2 before
    "serving ..." is printed; uvicorn would log its own error after it and exit with 3."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, _, _, _, address = infos[0]
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            sock.bind(address)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .config import load_config

    token = args.token or os.environ.get("PRESSWATCH_TOKEN") or None
    loopback = is_loopback(args.host)
    if not loopback and not token:
        raise ConfigError(f"binding to {args.host} (not loopback) needs a token: set $PRESSWATCH_TOKEN or --token")
    if not 0 < args.port < 65536:
        raise ConfigError(f"bad port {args.port}")
    if args.max_request_bytes < 1024:
        raise ConfigError("--max-request-bytes must be at least 1024")
    _check_port(args.host, args.port)
    config = load_config(args.config, {"ingest": {"allow_private": True} if args.allow_private else {}})
    app = create_app(args.db, token, config=config, model=args.model, open_reads=loopback,
                     max_request_bytes=args.max_request_bytes)
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"presswatch: serving {args.db} at http://{host}:{args.port}/  (API docs: http://{host}:{args.port}/docs; "
          f"writes {'need the token' if token else 'disabled: no token'})", file=sys.stderr, flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0
