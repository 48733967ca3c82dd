"""Fetch one web page with a guard against server-side request forgery.

:func:`fetch` downloads an ``http``/``https`` URL with urllib3 and refuses
anything that should not leave a news-analysis tool:

* every host is resolved here, and the request is refused when *any* of its
  addresses is loopback, private, link-local, multicast, reserved,
  unspecified or otherwise not globally routable (IPv4 and IPv6; an IPv4
  address inside an IPv6 one -- ``::ffff:a.b.c.d``, NAT64 ``64:ff9b::/96``,
  6to4 ``2002::/16`` -- is judged by the IPv4 address), unless
  ``allow_private`` is set;
* the connection goes to the vetted IP address itself (the ``Host`` header
  and, for HTTPS, the SNI name and certificate check keep the real host
  name), so a second DNS answer cannot swap in another address (DNS
  rebinding);
* redirects are followed by hand, at most ``max_redirects`` of them, and
  each new location is vetted the same way;
* only ``text/html``, ``application/xhtml+xml`` and ``text/plain``
  responses are read, at most ``max_bytes`` of them (the body is streamed
  and the download stops at the limit);
* ``timeout`` bounds each name resolution, the connection and every read,
  and the body of each response must arrive within ``timeout`` seconds
  (checked between reads).

Limits: name resolution uses the system resolver in a daemon thread, so a
resolver that hangs is given up on after ``timeout`` but its thread lives on
until the resolver returns (``getaddrinfo`` cannot be cancelled); proxies are
not used (the address check needs a direct connection); URLs with credentials
(``user:pass@host``) are refused.
Refusals raise :class:`~presswatch.errors.BlockedAddress`, every other
failure :class:`~presswatch.errors.FetchError`, each with a one-line message.
"""

from __future__ import annotations

import concurrent.futures as cf
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import certifi
import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import NewConnectionError, SSLError, TimeoutError as Urllib3Timeout

from .errors import BlockedAddress, FetchError

ALLOWED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_USER_AGENT = "presswatch/0.1 (news analysis; offline research tool)"
_CHUNK = 64 * 1024
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class FetchResult:
    """A downloaded document: the final URL (after redirects) and its raw bytes."""

    url: str
    content_type: str  # media type only, lower case, e.g. "text/html"
    charset: str | None  # the charset parameter of Content-Type, if any
    data: bytes


# -- the address guard ---------------------------------------------------------


def blocked_reason(address: str) -> str | None:
    """Why ``address`` (an IP literal) must not be fetched, or None when it is public.

    >>> blocked_reason("127.0.0.1")
    'loopback'
    >>> blocked_reason("::ffff:10.0.0.1")
    'private'
    >>> blocked_reason("93.184.215.14") is None
    True
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return blocked_reason(str(embedded))
    for reason in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private"):
        if getattr(ip, f"is_{reason}"):
            return reason.replace("_", "-")
    if not ip.is_global:  # e.g. 100.64.0.0/10 (shared address space)
        return "not globally routable"
    return None


def resolve(host: str, port: int) -> list[str]:
    """The IP addresses ``host`` resolves to, in the resolver's order, without duplicates.

    Tests replace this function to simulate DNS answers.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def resolve_within(host: str, port: int, timeout: float | None) -> list[str]:
    """:func:`resolve`, given up on after ``timeout`` seconds (None: wait as long as the resolver does).

    The look-up runs in a daemon thread: one stuck in the resolver does not keep
    the process from exiting, and ends on its own when the resolver answers.
    """
    if timeout is None:
        return resolve(host, port)
    result: cf.Future = cf.Future()

    def look_up() -> None:
        try:
            result.set_result(resolve(host, port))
        except BaseException as exc:  # handed to the waiting caller, who raises it
            result.set_exception(exc)

    threading.Thread(target=look_up, name="presswatch-resolve", daemon=True).start()
    try:
        return result.result(timeout=timeout)
    except cf.TimeoutError:
        raise FetchError(f"timed out after {timeout:g} s resolving {host}") from None


def vet_host(host: str, port: int, *, allow_private: bool, timeout: float | None = None) -> list[str]:
    """Resolve ``host`` (within ``timeout`` seconds) and return its addresses; BlockedAddress if any is not public."""
    addresses = resolve_within(host, port, timeout)
    if not addresses:
        raise FetchError(f"host {host!r} has no addresses")
    if not allow_private:
        for address in addresses:
            reason = blocked_reason(address)
            if reason:
                raise BlockedAddress(
                    f"refused: {host} resolves to {reason} address {address} (use --allow-private to permit)"
                )
    return addresses


# -- one request ---------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # IDNA-encoded, lower case, no brackets
    port: int
    path: str  # path and query, never empty
    host_header: str


def _parse(url: str) -> _Target:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"unsupported URL scheme {parts.scheme!r} (only http and https)")
    if parts.username is not None or parts.password is not None:
        raise FetchError("URLs with credentials are not supported")
    if not parts.hostname:
        raise FetchError(f"URL has no host: {url!r}")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"invalid host name {parts.hostname!r}") from None
    default_port = 443 if scheme == "https" else 80
    port = port or default_port
    shown = f"[{host}]" if ":" in host else host
    host_header = shown if port == default_port else f"{shown}:{port}"
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return _Target(scheme, host, port, path, host_header)


def _pool(target: _Target, address: str, timeout: float) -> urllib3.HTTPConnectionPool:
    """A connection pool to the vetted ``address`` that still speaks to ``target.host``.

    Tests replace this function to route a simulated public address to a local server.
    """
    options = dict(timeout=urllib3.Timeout(connect=timeout, read=timeout), maxsize=1, retries=False)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address, target.port, cert_reqs="CERT_REQUIRED", ca_certs=certifi.where(),
            server_hostname=target.host, assert_hostname=target.host, **options,
        )
    return urllib3.HTTPConnectionPool(address, target.port, **options)


def _request(target: _Target, addresses: list[str], headers: dict[str, str], timeout: float):
    """Send a GET to the first address that accepts a connection; return the open response."""
    last: Exception | None = None
    for address in addresses:
        pool = _pool(target, address, timeout)
        try:
            response = pool.urlopen(
                "GET", target.path, headers={**headers, "Host": target.host_header},
                redirect=False, retries=False, preload_content=False, assert_same_host=False,
            )
        except NewConnectionError as exc:  # try the host's next address
            last = exc
            pool.close()
            continue
        except Urllib3Timeout:
            pool.close()
            raise FetchError(f"timed out after {timeout:g} s connecting to {target.host}") from None
        except SSLError as exc:
            pool.close()
            raise FetchError(f"TLS error with {target.host}: {_one_line(exc)}") from None
        except Urllib3Error as exc:
            pool.close()
            raise FetchError(f"request to {target.host} failed: {_one_line(exc)}") from None
        return response, pool
    raise FetchError(f"cannot connect to {target.host}: {_one_line(last)}")


def _one_line(exc: object) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _media_type(header: str | None) -> tuple[str, str | None]:
    """``("text/html", "utf-8")`` from ``"text/html; charset=UTF-8"``."""
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'").lower()
    return media.strip().lower(), charset


def _read_body(response, *, url: str, max_bytes: int, timeout: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > max_bytes:
        raise FetchError(f"response is {int(length)} bytes, over the limit of {max_bytes} (ingest.max_bytes)")
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            # read1 returns what has arrived, so the deadline is checked even on a trickle.
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"response exceeds the limit of {max_bytes} bytes (ingest.max_bytes)")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {timeout:g} s reading {url}")
    except Urllib3Timeout:
        raise FetchError(f"timed out after {timeout:g} s reading {url}") from None
    except Urllib3Error as exc:
        raise FetchError(f"download of {url} failed: {_one_line(exc)}") from None
    return b"".join(chunks)


def fetch(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 10_000_000,
    max_redirects: int = 5,
    allow_private: bool = False,
    user_agent: str = DEFAULT_USER_AGENT,
) -> FetchResult:
    """Download ``url`` under the guard described in the module docstring."""
    headers = {
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        "Accept-Encoding": "identity",
    }
    current = url
    for hop in range(max_redirects + 1):
        target = _parse(current)
        addresses = vet_host(target.host, target.port, allow_private=allow_private, timeout=timeout)
        response, pool = _request(target, addresses, headers, timeout)
        try:
            if response.status in REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {response.status} redirect without a Location from {current}")
                current = urljoin(current, location.strip())
                continue
            if not 200 <= response.status < 300:
                raise FetchError(f"HTTP {response.status} {response.reason or ''} from {current}".rstrip())
            media, charset = _media_type(response.headers.get("Content-Type"))
            if media not in ALLOWED_TYPES:
                shown = media or "no Content-Type"
                raise FetchError(f"refused content type {shown!r} from {current} (accepted: {', '.join(ALLOWED_TYPES)})")
            data = _read_body(response, url=current, max_bytes=max_bytes, timeout=timeout)
            return FetchResult(url=current, content_type=media, charset=charset, data=data)
        finally:
            response.release_conn()
            response.close()
            pool.close()
    raise FetchError(f"too many redirects (more than {max_redirects}) starting at {url}")


__all__ = ["FetchResult", "fetch", "blocked_reason", "resolve", "resolve_within", "vet_host", "ALLOWED_TYPES"]
