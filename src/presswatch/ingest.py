"""Read inputs into :class:`~presswatch.types.Article` objects.

Readers (see ``docs/ingest.md``):

* plain-text files: the bytes are decoded and kept unchanged, so every
  offset indexes the decoded file (see :func:`decode_bytes` for how the
  encoding is chosen);
* HTML files and ``http(s)`` URLs: main text and metadata with trafilatura;
* JSONL files (``.jsonl``) and stdin: one article per line;
* directories (walked recursively) and globs.

:func:`read_inputs` never raises for a bad input: it yields an
:class:`~presswatch.errors.InputError` (with ``.source`` set) in its place
and goes on with the next one. :func:`load_one` reads a single item and
raises. Language detection and layout are left to the pipeline.
"""

from __future__ import annotations

import codecs
import glob
import hashlib
import itertools
import json
import os
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Mapping

from .errors import (
    BinaryInput,
    ConfigError,
    DecodeError,
    EmptyInput,
    InputError,
    MalformedRecord,
    TooLarge,
)
from .types import Article

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl",)
JSON_SUFFIXES = (".json",)  # read when named, not walked: folders hold other JSON (metadata, configs)
WALKED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
STDIN = "<stdin>"
RAW_TEXT = "<text>"

# charset-normalizer guesses never taken: UTF-16/32 without a BOM (text files
# with a BOM are decoded before guessing), UTF-7 and EBCDIC code pages, which
# short Western texts otherwise get mistaken for.
_NEVER_GUESS = [
    "utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7",
    "cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140", "cp1006",
]
_UNICODE_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b") + b"\x7f"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])")


# -- settings --------------------------------------------------------------------


@dataclass(frozen=True)
class IngestSettings:
    """The ``[ingest]`` section of the configuration, checked."""

    max_chars: int = 1_000_000
    timeout: float = 20.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "presswatch/0.1 (news analysis; offline research tool)"

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> "IngestSettings":
        section = dict((config or {}).get("ingest", {}) or {})
        values: dict[str, Any] = {}
        for name, default in cls.__dataclass_fields__.items():
            value = section.get(name, default.default)
            expected = type(default.default)
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if type(value) is not expected:
                raise ConfigError(f"[ingest] {name} must be {expected.__name__}, not {value!r}")
            values[name] = value
        for name in ("max_chars", "max_bytes", "timeout"):
            if values[name] <= 0:
                raise ConfigError(f"[ingest] {name} must be positive, not {values[name]!r}")
        if values["max_redirects"] < 0:
            raise ConfigError(f"[ingest] max_redirects must be 0 or more, not {values['max_redirects']!r}")
        return cls(**values)

    @property
    def max_text_bytes(self) -> int:
        """Bytes read at most for one plain-text document: 4 per character (UTF-8) plus a BOM."""
        return self.max_chars * 4 + 4


# -- small helpers -------------------------------------------------------------


def text_id(text: str) -> str:
    """The article id: sha256 hex of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_size(text: str, source: str, config: Mapping[str, Any] | None) -> None:
    """Raise :class:`TooLarge` when ``text`` has more than ``ingest.max_chars`` characters."""
    limit = IngestSettings.from_config(config).max_chars
    if len(text) > limit:
        raise TooLarge(f"document has {len(text)} characters, over the limit of {limit} (ingest.max_chars)",
                       source=source)


def _check_text(text: str, source: str, settings: IngestSettings) -> None:
    if not text.strip():
        raise EmptyInput("document is empty or only whitespace", source=source)
    if "\x00" in text:  # never text; PostgreSQL refuses it, so both stores would disagree
        raise BinaryInput("document contains NUL characters", source=source)
    if len(text) > settings.max_chars:
        raise TooLarge(
            f"document has {len(text)} characters, over the limit of {settings.max_chars} (ingest.max_chars)",
            source=source,
        )


def _article(text: str, source: str, settings: IngestSettings, **meta: Any) -> Article:
    _check_text(text, source, settings)
    return Article(id=text_id(text), text=text, source=source, **meta)


def _iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or date-time string, else None."""
    match = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


# -- decoding ------------------------------------------------------------------


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode a document; return ``(text, encoding)``.

    In order: a UTF-32/UTF-16 BOM decides; NUL bytes or many control bytes
    mean a binary file (BinaryInput); a UTF-8 BOM gives ``utf-8-sig`` (the
    BOM is an encoding mark, not text, so it is not part of ``text``: offsets
    count from the character after it); valid UTF-8 gives ``utf-8`` (valid
    multi-byte UTF-8 is almost never accidental, so it wins over a wrong
    declaration); a ``declared`` charset (HTTP header or HTML meta) is used
    when it decodes; text that
    is mostly UTF-8 but has invalid bytes is refused (DecodeError) rather than
    guessed into mojibake; anything else goes to charset-normalizer, whose
    guess is refused when not confident (DecodeError). When cp1252 reads the
    bytes as cleanly as the guess, cp1252 is reported (it is by far the most
    common legacy encoding of English news). Newlines are not translated.
    Limits: guesses on very short non-UTF-8 texts can still be wrong.
    """
    for bom, codec in _UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec} after a {codec} BOM at byte {exc.start}", source=source) from None
    if b"\x00" in data:
        raise BinaryInput("binary file (contains NUL bytes)", source=source)
    controls = sum(data.count(b) for b in _CONTROL_BYTES)
    if data and controls / len(data) > 0.05:
        raise BinaryInput("binary file (too many control characters)", source=source)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-8 after a UTF-8 BOM at byte {exc.start}", source=source) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if declared:
        try:
            codec = codecs.lookup(declared).name
            return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    replaced = data.decode("utf-8", "replace")
    invalid = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid_multibyte = sum(1 for ch in replaced if ord(ch) > 127) - invalid
    if valid_multibyte >= invalid:
        raise DecodeError(f"undecodable bytes: mostly UTF-8 but invalid at byte {first_bad}", source=source)
    return _guess(data, source)


def _guess(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_exclusion=_NEVER_GUESS).best()
    if best is None:
        raise DecodeError("undecodable bytes: not UTF-8 and no encoding fits confidently", source=source)
    encoding = best.encoding
    if encoding != "cp1252":
        western = from_bytes(data, cp_isolation=["cp1252"]).best()
        if western is not None and western.chaos <= best.chaos:
            encoding = "cp1252"
    return data.decode(encoding), encoding


# -- files -----------------------------------------------------------------------


def _read_bytes(path: Path, limit: int, what: str) -> bytes:
    """At most ``limit`` bytes of ``path``; TooLarge beyond, InputError if unreadable."""
    source = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file or directory", source=source) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=source) from None
    if len(data) > limit:
        raise TooLarge(f"file is over the {what} limit of {limit} bytes", source=source)
    return data


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def read_text_file(path: str | Path, settings: IngestSettings) -> Article:
    """A plain-text file, decoded (see :func:`decode_bytes`) and kept unchanged."""
    path = Path(path)
    source = str(path)
    data = _read_bytes(path, settings.max_text_bytes, "plain-text (4 x ingest.max_chars)")
    if not data.strip():
        raise EmptyInput("document is empty or only whitespace", source=source)
    text, encoding = decode_bytes(data, source)
    return _article(text, source, settings, encoding=encoding)


def read_html_file(path: str | Path, settings: IngestSettings) -> Article:
    """An HTML file: main text and metadata with trafilatura."""
    path = Path(path)
    data = _read_bytes(path, settings.max_bytes, "HTML (ingest.max_bytes)")
    return article_from_html(data, source=str(path), settings=settings)


def _read_file(path: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """One file by its suffix: JSONL yields many articles, others one."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, settings)
        return
    if suffix in JSON_SUFFIXES:
        yield from read_json_file(path, settings)
        return
    try:
        if suffix in HTML_SUFFIXES:
            yield read_html_file(path, settings)
        elif suffix in TEXT_SUFFIXES:
            yield read_text_file(path, settings)
        else:
            yield _read_unknown(path, settings)
    except InputError as exc:
        yield exc


def _read_unknown(path: Path, settings: IngestSettings) -> Article:
    """A file with another suffix: HTML when it starts like an HTML page, else plain text."""
    data = _read_bytes(path, max(settings.max_bytes, settings.max_text_bytes), "file")
    source = str(path)
    if not data.strip():
        raise EmptyInput("document is empty or only whitespace", source=source)
    text, encoding = decode_bytes(data, source)
    if _looks_like_html(text):
        return article_from_html(data, source=source, settings=settings)
    if len(data) > settings.max_text_bytes:
        raise TooLarge(f"file is over the plain-text limit of {settings.max_text_bytes} bytes", source=source)
    return _article(text, source, settings, encoding=encoding)


# -- HTML --------------------------------------------------------------------------


def _html_text(document: Any) -> str:
    """The extracted body, one block (paragraph, heading, list, table) per paragraph.

    trafilatura's own text output separates blocks with single newlines; here
    blocks are joined by a blank line so paragraphs stay visible to layout
    and sentence splitting. Line breaks inside a block stay single.
    """
    from trafilatura.xml import xmltotxt

    body = getattr(document, "body", None)
    if body is None or len(body) == 0:
        return (getattr(document, "text", None) or "").strip()
    blocks = [xmltotxt(child, include_formatting=False).strip() for child in body]
    return "\n\n".join(block for block in blocks if block)


def article_from_html(
    html: bytes | str,
    *,
    source: str,
    settings: IngestSettings,
    url: str | None = None,
    charset: str | None = None,
) -> Article:
    """An Article from an HTML page: trafilatura's main text and metadata.

    ``article.text`` is the extracted text, blocks separated by blank lines;
    the headline is put first (followed by a blank line) when the extracted
    body does not already start with it, so that the layout and the analysis
    layers see it. Metadata: ``title``, ``published`` (ISO date),
    ``authors``, ``outlet`` (site name) and ``url`` (canonical URL, else the
    fetched one). Offsets index this text, not the HTML source.
    """
    import trafilatura

    if isinstance(html, bytes):
        sniffed = _META_CHARSET.search(html[:4096])
        declared = charset or (sniffed.group(1).decode("ascii") if sniffed else None)
        if not html.strip():
            raise EmptyInput("document is empty or only whitespace", source=source)
        html, encoding = decode_bytes(html, source, declared=declared)
    else:
        encoding = None
    if not html.strip():
        raise EmptyInput("document is empty or only whitespace", source=source)
    try:
        document = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        )
    except Exception as exc:  # a third-party parser on untrusted markup: one line, keep going
        raise InputError(f"HTML extraction failed: {type(exc).__name__}: {exc}".splitlines()[0], source=source) from None
    text = _html_text(document) if document is not None else ""
    if not text.strip():
        raise EmptyInput("no article text found in the HTML page", source=source)
    title = (getattr(document, "title", None) or "").strip() or None
    # Put the headline first for the layout and analysis layers, unless the text
    # already opens with it (possibly after a short section label).
    if title and title not in [line.strip() for line in text.lstrip().splitlines()[:3]]:
        text = f"{title}\n\n{text}"
    author = getattr(document, "author", None) or ""
    authors = [a.strip() for a in author.split(";") if a.strip()]
    return _article(
        text, source, settings,
        title=title,
        published=_iso_date(getattr(document, "date", None)),
        authors=authors,
        url=getattr(document, "url", None) or url,
        outlet=(getattr(document, "sitename", None) or "").strip() or None,
        encoding=encoding,
    )


# -- URLs --------------------------------------------------------------------------


def is_url(item: str) -> bool:
    return bool(re.match(r"(?i)https?://", item))


def read_url(url: str, settings: IngestSettings) -> Article:
    """Fetch ``url`` (see :mod:`presswatch.fetch`) and read it as HTML or plain text."""
    from .fetch import fetch

    try:
        result = fetch(
            url, timeout=settings.timeout, max_bytes=settings.max_bytes, max_redirects=settings.max_redirects,
            allow_private=settings.allow_private, user_agent=settings.user_agent,
        )
    except InputError as exc:
        exc.source = url
        raise
    if result.content_type == "text/plain":
        if not result.data.strip():
            raise EmptyInput("document is empty or only whitespace", source=url)
        text, encoding = decode_bytes(result.data, url, declared=result.charset)
        return _article(text, url, settings, url=result.url, encoding=encoding)
    return article_from_html(result.data, source=url, settings=settings, url=result.url, charset=result.charset)


# -- JSONL -------------------------------------------------------------------------

_OPTIONAL_STRINGS = ("title", "url", "source", "id", "outlet")


def article_from_record(record: Any, where: str, settings: IngestSettings, encoding: str = "utf-8") -> Article:
    """An Article from one parsed JSONL record; ``where`` is ``PATH:LINE``.

    ``id``, when given, is kept as ``Article.external_id``: ``Article.id`` is
    always the sha256 of the text.
    """
    if not isinstance(record, dict):
        raise MalformedRecord(f"expected a JSON object, got {type(record).__name__}", source=where)
    text = record.get("text")
    if not isinstance(text, str):
        problem = "has no \"text\"" if text is None else f"\"text\" is {type(text).__name__}, not a string"
        raise MalformedRecord(f"record {problem}", source=where)
    for key in _OPTIONAL_STRINGS:
        if record.get(key) is not None and not isinstance(record[key], str):
            raise MalformedRecord(f"\"{key}\" must be a string", source=where)
        if "\x00" in (record.get(key) or ""):
            raise MalformedRecord(f"\"{key}\" contains a NUL character", source=where)
    authors = record.get("authors")
    if authors is None:
        authors = []
    elif not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        raise MalformedRecord("\"authors\" must be a list of strings", source=where)
    if any("\x00" in a for a in authors):
        raise MalformedRecord("\"authors\" contains a NUL character", source=where)
    published = record.get("published")
    if published is not None:
        published = _iso_date(published)
        if published is None:
            raise MalformedRecord("\"published\" must be an ISO date (YYYY-MM-DD)", source=where)
    source = record.get("source") or record.get("url") or where
    try:
        return _article(
            text, source, settings,
            title=record.get("title"), published=published, authors=list(authors),
            url=record.get("url"), outlet=record.get("outlet"), encoding=encoding,
            external_id=record.get("id"),
        )
    except InputError as exc:
        exc.source = where  # the line is what the user can find and fix
        raise


def _lines(stream: IO, limit: int) -> Iterator[tuple[bytes | str, bool]]:
    """Lines of ``stream`` (text or binary), each read with at most ``limit`` units.

    Yields ``(line, too_long)``; a too-long line is skipped to its end
    (chunk by chunk, never held whole) and yielded truncated with True.
    """
    newline = b"\n" if isinstance(stream.read(0), bytes) else "\n"
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if len(line) >= limit and not line.endswith(newline):
            rest = line
            while rest and not rest.endswith(newline):
                rest = stream.readline(limit)
            yield line, True
        else:
            yield line, False


def _jsonl_line_limit(settings: IngestSettings) -> int:
    return settings.max_text_bytes * 2  # JSON escapes can double a line's length


def read_jsonl(stream: IO, name: str, settings: IngestSettings, lines: Iterable | None = None) -> Iterator[Article | InputError]:
    """Articles from a JSONL stream; ``name:LINE`` names each line in errors.

    ``lines`` (already read ``(line, too_long)`` pairs) come before the rest of
    the stream. Blank lines are skipped; a bad line yields its error and the
    next line is read.
    """
    limit = _jsonl_line_limit(settings)
    pairs = itertools.chain(lines or [], _lines(stream, limit))
    for number, (line, too_long) in enumerate(pairs, start=1):
        where = f"{name}:{number}"
        if too_long:
            yield TooLarge(f"line is over the limit of {limit} bytes (8 x ingest.max_chars)", source=where)
            continue
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield DecodeError(f"invalid UTF-8 at byte {exc.start} (JSONL must be UTF-8)", source=where)
                continue
        elif number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield MalformedRecord(f"invalid JSON: {exc.msg} at column {exc.colno}", source=where)
            continue
        except RecursionError:
            yield MalformedRecord("invalid JSON: nested too deeply", source=where)
            continue
        try:
            yield article_from_record(record, where, settings)
        except InputError as exc:
            yield exc


def read_jsonl_file(path: str | Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    path = Path(path)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        yield InputError("no such file or directory", source=str(path))
        return
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", source=str(path))
        return
    with fh:
        produced = False
        for item in read_jsonl(fh, str(path), settings):
            produced = True
            yield item
        if not produced:
            yield EmptyInput("JSONL file has no records", source=str(path))


def read_json_file(path: str | Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    """A ``.json`` file: one record (an object with ``text``, as on a JSONL line) or a list of them.

    Errors name ``PATH`` or ``PATH[i]``. Its JSON is not analysed as if it were an article's text.
    """
    path = Path(path)
    limit = _jsonl_line_limit(settings)
    try:
        data = _read_bytes(path, limit, "JSON (use .jsonl for more)")
        record = json.loads(data.decode("utf-8-sig"))
    except InputError as exc:
        yield exc
        return
    except UnicodeDecodeError as exc:
        yield DecodeError(f"invalid UTF-8 at byte {exc.start} (JSON must be UTF-8)", source=str(path))
        return
    except json.JSONDecodeError as exc:
        yield MalformedRecord(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", source=str(path))
        return
    except RecursionError:
        yield MalformedRecord("invalid JSON: nested too deeply", source=str(path))
        return
    items = list(enumerate(record)) if isinstance(record, list) else [(None, record)]
    if not items:
        yield EmptyInput("JSON file holds an empty list", source=str(path))
    for i, item in items:
        where = str(path) if i is None else f"{path}[{i}]"
        try:
            yield article_from_record(item, where, settings)
        except InputError as exc:
            yield exc


# -- stdin -------------------------------------------------------------------------


def read_stdin(settings: IngestSettings, stream: IO | None = None) -> Iterator[Article | InputError]:
    """Standard input: JSONL when the first non-blank character is ``{``, else one document.

    A plain-text document read from stdin is decoded like a file (when stdin
    is binary) and read up to the plain-text limit; HTML is recognised by its
    opening ``<!doctype html`` or ``<html``.
    """
    stream = stream if stream is not None else sys.stdin
    binary = getattr(stream, "buffer", None)
    if binary is not None:
        stream = binary
    limit = _jsonl_line_limit(settings)
    head: list[tuple[bytes | str, bool]] = []
    first = ""
    for line, too_long in _lines(stream, limit):
        head.append((line, too_long))
        stripped = line.strip() if isinstance(line, str) else line.strip().decode("utf-8", "replace")
        stripped = stripped.lstrip("\ufeff")
        if stripped:
            first = stripped[0]
            break
        if sum(len(l) for l, _ in head) > limit:
            break
    if first == "{":
        yield from read_jsonl(stream, STDIN, settings, lines=head)
        return
    try:
        yield _read_stdin_document(stream, head, settings)
    except InputError as exc:
        yield exc


def _read_stdin_document(stream: IO, head: list, settings: IngestSettings) -> Article:
    limit = settings.max_text_bytes
    if any(too_long for _, too_long in head):
        raise TooLarge(f"standard input is over the plain-text limit of {limit} bytes", source=STDIN)
    start = "".join(l for l, _ in head) if head and isinstance(head[0][0], str) else b"".join(l for l, _ in head)
    rest = stream.read(max(limit - len(start), 0) + 1)
    data = start + rest
    if len(data) > limit:
        raise TooLarge(f"standard input is over the plain-text limit of {limit} bytes", source=STDIN)
    if isinstance(data, str):
        text, encoding = data, None
        if not text.strip():
            raise EmptyInput("document is empty or only whitespace", source=STDIN)
    else:
        if not data.strip():
            raise EmptyInput("document is empty or only whitespace", source=STDIN)
        text, encoding = decode_bytes(data, STDIN)
    if _looks_like_html(text):
        return article_from_html(text if encoding is None else data, source=STDIN, settings=settings)
    return _article(text, STDIN, settings, encoding=encoding)


# -- directories and globs -------------------------------------------------------


def walk_directory(root: Path) -> list[Path]:
    """Files under ``root`` with a readable suffix, recursively, sorted by path.

    Hidden files and folders (names starting with ``.``) are skipped, and
    symbolic links to folders are not followed (no loops).
    """
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(WALKED_SUFFIXES):
                found.append(Path(folder, name))
    return sorted(found, key=lambda p: p.parts)


def _read_directory(root: Path, settings: IngestSettings) -> Iterator[Article | InputError]:
    files = walk_directory(root)
    if not files:
        yield InputError(f"no {', '.join(WALKED_SUFFIXES)} files in this directory", source=str(root))
        return
    for path in files:
        yield from _read_file(path, settings)


def _read_glob(pattern: str, settings: IngestSettings) -> Iterator[Article | InputError]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputError("glob matched nothing", source=pattern)
        return
    for match in matches:
        path = Path(match)
        yield from (_read_directory(path, settings) if path.is_dir() else _read_file(path, settings))


# -- entry points ----------------------------------------------------------------


def read_inputs(inputs: Iterable[str], config: Mapping[str, Any] | None) -> Iterator[Article | InputError]:
    """Articles from command-line style inputs, in order; errors are yielded, not raised.

    Each input is ``-`` (stdin), an ``http(s)`` URL, an existing file or
    directory, or a glob. Anything else yields an InputError.
    """
    settings = IngestSettings.from_config(config)
    for raw in inputs:
        item = os.fspath(raw)
        if item == "-":
            yield from read_stdin(settings)
        elif is_url(item):
            try:
                yield read_url(item, settings)
            except InputError as exc:
                yield exc
        elif os.path.isdir(item):
            yield from _read_directory(Path(item), settings)
        elif os.path.exists(item):
            yield from _read_file(Path(item), settings)
        elif glob.has_magic(item):
            yield from _read_glob(item, settings)
        elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", item):
            yield InputError("unsupported URL scheme (only http and https)", source=item)
        else:
            yield InputError("no such file or directory", source=item)


def _looks_like_path(item: str) -> bool:
    return "\n" not in item and len(item) < 4096 and item.lower().endswith(WALKED_SUFFIXES)


def load_one(item: str | os.PathLike, config: Mapping[str, Any] | None) -> Article:
    """One article from a path, an ``http(s)`` URL, or raw text (source ``"<text>"``).

    A ``Path`` or a string naming an existing file is read as a file; a
    string that ends like a file name (``.txt``, ``.html``...) on one line
    but does not exist is an error rather than a one-line article. A JSONL
    file holds many articles: use :func:`read_inputs` for it.
    """
    settings = IngestSettings.from_config(config)
    if isinstance(item, str) and not item.strip():  # before the path test: Path("") is the working folder
        raise EmptyInput("document is empty or only whitespace", source=RAW_TEXT)
    if isinstance(item, str) and is_url(item.strip()) and "\n" not in item.strip():
        return read_url(item.strip(), settings)
    is_path = not isinstance(item, str)
    path = Path(item)
    try:
        exists = path.exists() if (is_path or (len(item) < 4096 and "\n" not in item and "\0" not in item)) else False
    except (OSError, ValueError):
        exists = False
    if exists:
        if path.is_dir():
            raise InputError("is a directory (use read_inputs for folders)", source=str(path))
        if path.suffix.lower() in JSONL_SUFFIXES + JSON_SUFFIXES:
            raise InputError("a JSON or JSONL file holds records (use read_inputs)", source=str(path))
        (result,) = list(_read_file(path, settings))
        if isinstance(result, InputError):
            raise result
        return result
    if is_path or _looks_like_path(item):
        raise InputError("no such file or directory", source=str(item))
    return _article(item, RAW_TEXT, settings)


__all__ = [
    "IngestSettings", "read_inputs", "load_one", "check_size", "decode_bytes", "article_from_html",
    "article_from_record", "read_jsonl", "read_json_file", "read_stdin", "walk_directory", "text_id",
]
