"""``presswatch_layout``: headline, date lines, bylines, body and trailing boilerplate.

:func:`detect_layout` is a pure function over plain text; the spaCy component
registered as ``presswatch_layout`` runs it first in the pipeline, fills the
article metadata and restricts the later layers to the title and the body
(``doc._.pw_regions``). Rules, examples and limits: ``docs/layout.md``.

The rules are line-based heuristics, not a trained model, so they are fast
and predictable but only know the forms listed in docs/layout.md:

- *header*: among the first lines, up to the first long one, date lines,
  bylines and boilerplate markers are recognised; the first other short line
  followed by a blank line, a date line or a byline is the headline. Bylines
  without "By" ("Name Surname, role") count only at the start of a block,
  before any paragraph outside the headline's block.
- *boilerplate*: a whole line that is a marker ("Read more", "Related",
  "Share this", "(c) 2021 ...", "Tags: ...", "Advertisement"); after a list
  heading such as "Read more" also the link-like lines of its block, and,
  after body text, every remaining line when all are link-like (the link
  list; after a copyright line, when all are short). A marker inside a
  paragraph, or any long line, stays body.
- wire credits ("(Reporting by X; Editing by Y)") are bylines; everything
  else is body.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from dateutil.parser import parserinfo
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

from .extensions import register_extensions
from .ingest import text_id
from .types import Article, LayoutSpan

KINDS = ("title", "dateline", "byline", "body", "boilerplate")

HEADER_MAX_LINES = 12  # the header is looked for among this many first non-empty lines
LONG_LINE_WORDS = 40  # a line this long is a paragraph: the header ends before it
TITLE_MAX_WORDS = 35
TITLE_MAX_CHARS = 300
SHORT_LINE_WORDS = 25  # link titles, list items, deks
SHORT_LINE_CHARS = 200
FREE_MARKER_MAX_WORDS = 15  # "Subscribe to our newsletter ...", "(c) 2021 Outlet ..."


@dataclass
class LayoutResult:
    """What :func:`detect_layout` found: spans plus the metadata read from them."""

    layout: list[LayoutSpan] = field(default_factory=list)
    title: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD, first publication (never an "Updated" date)
    authors: list[str] = field(default_factory=list)
    updated: Optional[str] = None  # YYYY-MM-DD of an "Updated ..." line, for information

    def regions(self) -> list[tuple[int, int]]:
        """Title and body spans as sorted, merged ``(start, end)`` ranges."""
        return merge_ranges((s.start, s.end) for s in self.layout if s.kind in ("title", "body"))


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_RE = re.compile(
    r"(?<![\d.])(?P<iy>\d{4})(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})(?![\d])"
    rf"|(?<![\w.])(?P<td>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<tm>{_MONTH}),?\s+(?P<ty>\d{{4}})(?!\d)"
    rf"|\b(?P<um>{_MONTH})\s+(?P<ud>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<uy>\d{{4}})(?!\d)"
    r"|(?<![\d.])(?P<na>\d{1,2})(?P<nsep>[./-])(?P<nb>\d{1,2})(?P=nsep)(?P<ny>\d{4}|\d{2})(?![\d])",
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"T?\d{1,2}[:.h]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?",
    re.IGNORECASE,
)
_ZONE_RE = re.compile(
    r"\b(?:GMT|UTC|BST|CET|CEST|EET|EEST|WET|MSK|IST|JST|AEST|AEDT|[ECMP][SD]T|ET|PT)\b"
    r"|(?:\bZ\b)|[+\-\u2212]\d{2}:?\d{2}\b"
)
_WEEKDAY_RE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\b\.?", re.IGNORECASE
)
_DATE_LABEL = (
    r"(?:date\s+of\s+publication|publication\s+date|date\s+published|first\s+published|published"
    r"|posted|last\s+updated|updated|last\s+modified|modified|released|issued|date)"
)
_DATE_LABEL_START_RE = re.compile(rf"^{_DATE_LABEL}\b(?:\s+(?:on|at))?\s*[:\-\u2013]?\s*", re.IGNORECASE)
_UPDATED_RE = re.compile(r"\b(?:updated|modified|edited|revised|amended)\b", re.IGNORECASE)
_FILLER_RE = re.compile(rf"\b{_DATE_LABEL}\b|\b(?:on|at|the|of)\b|[\s,;:|/()\[\]\u00b7\u2022.\-\u2013\u2014]+", re.IGNORECASE)
_MONTHS = parserinfo()


@dataclass
class _Date:
    iso: str
    start: int
    end: int
    updated: bool  # introduced by an "Updated"/"Modified" label


def _to_iso(year: int, month: int, day: int) -> Optional[str]:
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not 1900 <= year <= 2100:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric(a: int, b: int, sep: str, dayfirst: bool) -> tuple[int, int]:
    """(month, day) of ``a SEP b SEP year``; see docs/layout.md for the rule."""
    if a > 12:
        return b, a
    if b > 12:
        return a, b
    if sep == ".":  # dotted dates are day-first wherever they are used
        return b, a
    return (b, a) if dayfirst else (a, b)


def find_dates(text: str, dayfirst: bool = True) -> list[_Date]:
    """Full calendar dates (with a year) in ``text``, left to right."""
    found = []
    last_end = 0
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        if g["iy"]:
            iso = _to_iso(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["td"]:
            iso = _to_iso(int(g["ty"]), _MONTHS.month(g["tm"].rstrip(".")), int(g["td"]))
        elif g["um"]:
            iso = _to_iso(int(g["uy"]), _MONTHS.month(g["um"].rstrip(".")), int(g["ud"]))
        else:
            month, day = _numeric(int(g["na"]), int(g["nb"]), g["nsep"], dayfirst)
            iso = _to_iso(int(g["ny"]), month, day)
        if iso is None:
            continue
        updated = bool(_UPDATED_RE.search(text[last_end : m.start()]))
        found.append(_Date(iso, m.start(), m.end(), updated))
        last_end = m.end()
    return found


def _date_only(text: str, dates: list[_Date]) -> bool:
    """True when ``text`` holds nothing but dates, times, zones, weekdays and labels."""
    rest, pos = [], 0
    for d in dates:
        rest.append(text[pos : d.start])
        pos = d.end
    rest.append(text[pos:])
    residue = " ".join(rest)
    for rx in (_TIME_RE, _ZONE_RE, _WEEKDAY_RE, _FILLER_RE):
        residue = rx.sub(" ", residue)
    return not residue.strip()


_RELATIVE_RE = re.compile(
    r"\b(?:\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago|yesterday|today|just\s+now)\b"
    r"|\d{1,2}[:.]\d{2}",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------
# Bylines
# --------------------------------------------------------------------------

_BY_RE = re.compile(
    r"^(?:(?:posted|published|written|words|text|story|reported|compiled|edited|photos?\s+and\s+words)\s+)?"
    r"by\s+(?P<rest>.+)$|^authors?\s*[:\-\u2013]\s*(?P<rest2>.+)$",
    re.IGNORECASE,
)
_INNER_BY_RE = re.compile(r"[\s,]+(?=by\s+[^\W\d_])", re.IGNORECASE)
_CREDIT_RE = re.compile(
    r"^[(\[]?\s*(?:-{1,2}|\u2013|\u2014)?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)"
    r"\s+(?:by|from)\s+(?P<names>[^;()\[\]]+)",
    re.IGNORECASE,
)
_CREDIT_AUTHOR_RE = re.compile(r"(?<!additional )\b(?:reporting|writing)\s+by\s+([^;()\[\]]+)", re.IGNORECASE)
_SEGMENT_SPLIT_RE = re.compile(r"\s*[|\u2022\u00b7]\s*")
_NAME_SPLIT_RE = re.compile(r"\s*[,;]\s*|\s+and\s+|\s*&\s*", re.IGNORECASE)
_PAREN_TAIL_RE = re.compile(r"\s*\(([^()]{1,40})\)\s*$")
_PARTICLES = {"de", "da", "di", "du", "van", "von", "der", "den", "del", "della", "la", "le",
              "al", "el", "bin", "ibn", "ben", "dos", "das", "ter", "y", "bint", "abu"}
_SUFFIXES = {"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"}
# Capitalised words that never start or make up a person's name in a byline.
_NOT_NAME = {
    "the", "a", "an", "from", "by", "to", "in", "on", "at", "of", "and", "for", "with", "this", "that",
    "it", "we", "i", "you", "he", "she", "they", "our", "my", "his", "her", "their", "mr", "mrs", "ms",
    "dr", "prof", "sir", "president", "minister", "senator", "sen", "rep", "gov", "gen", "mayor",
    "ladies", "gentlemen", "dear", "excellency", "madam", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "updated", "published",
}
# Words that make a comma tail a role or an outlet, and a would-be name not a person.
_ROLE_WORDS = {
    "observer", "correspondent", "correspondents", "writer", "writers", "editor", "editors", "editorial",
    "board", "reporter", "reporters", "columnist", "contributor", "analyst", "staff", "journalist",
    "commentator", "expert", "author", "producer", "bureau", "chief", "senior", "special", "political",
    "foreign", "international", "diplomatic", "economics", "business", "security", "defence", "defense",
    "affairs", "desk", "news", "press", "agency", "service", "wire", "newswire", "team", "associated",
    "professor", "fellow", "researcher", "director", "head", "former", "guest", "opinion", "contributing",
    "deputy", "managing", "executive", "photographer", "online", "digital", "intern", "blogger",
    "scientist", "economist", "historian", "lawyer", "diplomat", "ambassador", "veteran", "officer",
    "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "daily", "weekly", "magazine",
    "media", "network", "radio", "tv", "television", "channel", "reuters", "ap", "afp", "bloomberg", "tass",
    "interfax", "xinhua", "upi", "dpa", "efe", "ansa", "bbc", "cnn", "ria", "novosti", "sputnik",
    "newsroom", "edition", "national", "staffer", "staffers", "writing", "reporting", "blog", "blogs",
    "posts", "column", "analysis", "commentary", "columns", "views",
}
_NAME_REST_WORDS = {"in", "for", "at", "from", "of"}  # "Jane Doe in Kabul", "John Roe for Reuters"


def _name_token(tok: str, first: bool) -> bool:
    if tok.lower().strip(".") in _NOT_NAME:
        return False
    if not first and tok.lower() in _PARTICLES:
        return True
    if tok in _SUFFIXES:
        return not first
    if re.fullmatch(r"(?:[^\W\d_]\.){1,3}", tok):  # initials: "J." "J.R."
        return tok[0].isupper()
    body = tok[:-1] if tok.endswith(".") and len(tok) <= 4 else tok  # "St." "Wm."
    return bool(body) and body[0].isupper() and all(c.isalpha() or c in "'\u2019-" for c in body)


def _clean(part: str) -> str:
    return part.strip(" \t,;:\u2013\u2014-")


def person_name(part: str, allow_rest: bool = False) -> Optional[str]:
    """``part`` as a person's name ("Sergey Sayenko"), or None.

    A name is 2-5 capitalised tokens (particles and initials allowed), none a
    role, outlet, calendar or function word. With ``allow_rest``, a trailing
    "in Kabul" / "for Reuters" is dropped.
    """
    toks = _clean(part).split()
    if toks and toks[-1].endswith(".") and len(toks[-1]) > 3 and toks[-1] not in _SUFFIXES:
        toks[-1] = toks[-1][:-1]  # sentence-final full stop: "Jane Doe."
    name = []
    for tok in toks:
        if _name_token(tok, first=not name):
            name.append(tok)
            continue
        if allow_rest and name and tok in _NAME_REST_WORDS:
            break
        return None
    if not 2 <= len(name) <= 5 or name[-1].lower() in _PARTICLES:
        return None
    if {t.lower().strip(".'\u2019") for t in name} & _ROLE_WORDS:
        return None
    return " ".join(name)


def _role_like(tail: str) -> bool:
    words = _clean(tail).split()
    if not words or len(words) > 8 or any(ch.isdigit() for ch in tail) or tail.rstrip()[-1:] in "?!\u2026":
        return False
    return bool({w.lower().strip(".,'\u2019()") for w in words} & _ROLE_WORDS)


def _strip_dates(text: str) -> str:
    """``text`` without its dates, times, zones and the "on"/"Published" left before them."""
    for d in reversed(find_dates(text)):
        text = text[: d.start] + " " + text[d.end :]
    text = _ZONE_RE.sub(" ", _TIME_RE.sub(" ", text))
    text = re.sub(rf"(?:\s+(?:on|at)|,?\s*{_DATE_LABEL}(?:\s+(?:on|at))?)?[\s:,\-]*$", "", text, flags=re.I)
    return text.strip()


def byline_names(text: str) -> Optional[list[str]]:
    """Names of a byline list ("Jane Doe, John Roe and Ann Lee, Staff Writers"), or None.

    The first item must be a person's name; the others names, roles or
    outlets. A list of only a role or outlet ("the editorial board") gives [].
    """
    text = _PAREN_TAIL_RE.sub("", _strip_dates(text))
    parts = [p for p in _NAME_SPLIT_RE.split(text) if _clean(p)]
    if not parts:
        return None
    first = person_name(parts[0], allow_rest=True)
    if first is None:
        return [] if len(parts) == 1 and _role_like(parts[0]) else None
    names = [first]
    for part in parts[1:]:
        name = person_name(part, allow_rest=True)
        if name:
            names.append(name)
        elif not (_role_like(part) or _clean(part).split()[0] in _NAME_REST_WORDS):  # ", in Bishkek"
            return None
    return names


def _byline_segment(seg: str, weak: bool, multi: bool) -> Optional[list[str]]:
    """Authors when ``seg`` is a byline segment (possibly an empty list), else None."""
    m = _BY_RE.match(seg)
    if m:
        return byline_names(m.group("rest") or m.group("rest2"))
    seg = _strip_dates(seg)
    paren = _PAREN_TAIL_RE.search(seg)
    if paren:  # "Jane Doe (Reuters)": strong when the brackets hold an outlet
        name = person_name(seg[: paren.start()])
        return [name] if name and (_role_like(paren.group(1)) or weak) else None
    if "," in seg and weak:  # "Sergey Sayenko, international observer"
        head, tail = seg.split(",", 1)
        parts = re.split(r"\s+and\s+|\s*&\s*", head)
        names = [person_name(p) for p in parts]
        if all(names) and _role_like(tail):
            return names
        return None
    if multi and weak:  # "Jane Doe | Reuters"
        name = person_name(seg)
        return [name] if name else None
    return None


def _outlet_segment(seg: str) -> bool:
    words = seg.split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _split_by(segments: list[str]) -> list[str]:
    """Split "Posted on 20 December 2021 by Jane Doe" into its date part and its "by" part."""
    out = []
    for seg in segments:
        m = _INNER_BY_RE.search(seg)
        if m and not _BY_RE.match(seg) and find_dates(seg[: m.start()]):
            out.extend([seg[: m.start()], seg[m.end() :]])
        else:
            out.append(seg)
    return out


@dataclass
class _HeaderLine:
    kind: str  # dateline | byline | boilerplate
    dates: list[_Date] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)


def classify_header_line(text: str, weak: bool = True, dayfirst: bool = True) -> Optional[_HeaderLine]:
    """A header line as a date line, byline or boilerplate marker; None for anything else.

    ``weak`` also allows bylines without "By" ("Sergey Sayenko, international
    observer"), which are only trusted at the top of an article.
    """
    if marker_kind(text):
        return _HeaderLine("boilerplate")
    if len(text.split()) > SHORT_LINE_WORDS:
        return None
    segments = _split_by([s for s in _SEGMENT_SPLIT_RE.split(text) if s.strip()])
    multi = len(segments) > 1
    dates_all: list[_Date] = []
    authors: list[str] = []
    is_byline = is_date = False
    outlets = 0
    for seg in segments:
        dates = find_dates(seg, dayfirst)
        dates_all.extend(dates)
        if dates and _date_only(seg, dates):
            is_date = True
            continue
        label = _DATE_LABEL_START_RE.match(seg)
        if label and not _BY_RE.match(seg) and (dates or _RELATIVE_RE.search(seg[label.end() :])):
            is_date = True  # "Updated 3 hours ago", "Published: 20 Dec 2021, Moscow"
            continue
        names = _byline_segment(seg, weak, multi)
        if names is not None:
            is_byline = True
            authors.extend(n for n in names if n not in authors)
            continue
        if not (multi and _outlet_segment(seg)):
            return None
        outlets += 1
    if is_byline:
        return _HeaderLine("byline", dates_all, authors)
    if is_date and not outlets:
        return _HeaderLine("dateline", dates_all)
    return None


# --------------------------------------------------------------------------
# Boilerplate markers
# --------------------------------------------------------------------------

_BULLET_RE = re.compile(r"^[\s\u2022\u00b7\u00bb>*#\-\u2013\u2014\u25ba\u25b6]+")
_END = r"\s*[:.!\u2026>\u00bb]*$"
# A heading that introduces a list of links or buttons.
_HEADING_RE = re.compile(
    r"^(?:read\s+(?:more|also|next|on\s+(?:the|this)\s+topic|more\s+on\s+(?:this|the)\s+(?:topic|story)"
    r"|more\s+about\s+this)|also\s+read|see\s+also"
    r"|related(?:\s+(?:articles?|stories|news|content|coverage|topics|posts|reading|links))?"
    r"|more\s+(?:on\s+this(?:\s+(?:story|topic))?|stories|news|from\s+.{1,40})"
    r"|recommended(?:\s+(?:for\s+you|reading|stories))?|you\s+(?:may|might)\s+(?:also\s+like|be\s+interested\s+in)"
    r"|most\s+(?:read|popular|viewed|shared)|top\s+stories|trending(?:\s+now)?|editor'?s\s+picks?"
    r"|share(?:\s+(?:this|this\s+(?:article|story|page|post)|(?:on|via)\s+.{1,40}))?"
    r"|follow\s+us|subscribe|newsletter|sign\s+up)" + _END,
    re.IGNORECASE,
)
# One line of links or labels: "Read more: Other headline", "Tags: a, b".
_LABEL_RE = re.compile(
    r"^(?:(?:read\s+(?:more|also|next)|also\s+read|related|see\s+also|more|tags?|topics|filed\s+under"
    r"|categor(?:y|ies)|keywords|share|follow\s+us|subscribe)\s*:\s*\S"
    r"|(?:read\s+(?:more|also|next)|also\s+read|related|see\s+also)\s*[|\u2013\u2014]\s*\S"
    r"|read\s+the\s+(?:rest|full\s+(?:story|article|report|text))\b)",
    re.IGNORECASE,
)
# A line that stands alone: calls to action, advertising and comment widgets.
_SELF_RE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+(?:content|links|stories))?|ad|promoted"
    r"|comments?|\d+\s+comments?|leave\s+a\s+(?:comment|reply))" + _END
    + r"|^(?:click\s+here\b|(?:subscribe|sign\s+up)\b.*\b(?:our|us|here|now|free|today)\b|follow\s+us\b"
    r"|follow\s+.{1,40}\s+on\s+(?:twitter|facebook|instagram|telegram|x|youtube|linkedin)\b"
    r"|join\s+(?:us|our)\b.{0,40}(?:telegram|facebook|newsletter|channel)|like\s+us\s+on\s+facebook)",
    re.IGNORECASE,
)
# The end of an article: copyright lines.
_END_RE = re.compile(r"^(?:\u00a9|copyright\b|\(c\)\s*(?:\d{4}|[A-Z]))|\ball\s+rights\s+reserved\b", re.IGNORECASE)


def marker_kind(text: str) -> Optional[str]:
    """The boilerplate marker a whole line is, or None.

    ``heading`` ("Read more", "Related articles:"), ``label`` ("Read more: X",
    "Tags: a, b"), ``self`` ("Advertisement", "Follow us on Telegram": only
    the line itself) or ``end`` ("(c) 2021 ...").
    Long lines are never markers, so a marker phrase inside a paragraph is not.
    """
    if len(text) > SHORT_LINE_CHARS:
        return None
    words = len(text.split())
    if words > SHORT_LINE_WORDS:
        return None
    t = _BULLET_RE.sub("", text).strip()
    if not t:
        return None
    if _HEADING_RE.match(t):
        return "heading"
    if _LABEL_RE.match(t):
        return "label"
    if _SELF_RE.match(t) and words <= FREE_MARKER_MAX_WORDS:
        return "self"
    if _END_RE.search(t) and words <= FREE_MARKER_MAX_WORDS:
        return "end"
    return None


def is_marker(text: str) -> bool:
    return marker_kind(text) is not None


def credit_names(text: str) -> Optional[list[str]]:
    """Authors of a wire credit line ("(Reporting by X; Editing by Y)"), [] for other credits,
    or None when ``text`` is not a credit line.
    """
    if len(text.split()) > TITLE_MAX_WORDS:
        return None
    m = _CREDIT_RE.match(text)
    if not m or byline_names(m.group("names").rstrip(". ")) is None:
        return None
    a = _CREDIT_AUTHOR_RE.search(text)
    return (byline_names(a.group(1).rstrip(". ")) or []) if a else []


# --------------------------------------------------------------------------
# Lines and the layout itself
# --------------------------------------------------------------------------


@dataclass
class _Line:
    start: int  # first non-space character
    end: int  # after the last non-space character
    text: str
    block: int  # paragraph number: lines separated by blank lines get different numbers
    words: int


def split_lines(text: str) -> list[_Line]:
    """Non-empty lines with offsets, trimmed, numbered by paragraph block."""
    out: list[_Line] = []
    block, pos, n = 0, 0, len(text)
    blank = False
    while True:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        raw = text[pos:stop]
        stripped = raw.strip()
        if stripped:
            if blank and out:
                block += 1
            s = pos + len(raw) - len(raw.lstrip())
            out.append(_Line(s, s + len(stripped), stripped, block, len(stripped.split())))
            blank = False
        else:
            blank = True
        if nl < 0:
            return out
        pos = nl + 1


def _short(line: _Line) -> bool:
    return line.words <= SHORT_LINE_WORDS and len(line.text) <= SHORT_LINE_CHARS


def _sentences(text: str) -> int:
    # An ellipsis ("Lying... Again") does not end a sentence.
    return len(re.findall(r"(?<!\.\.)[.!?][\"'\u201d\u2019)]?\s+[\"'\u201c\u2018(]?[A-Z]", text)) + 1


def _title_like(line: _Line) -> bool:
    if line.words > TITLE_MAX_WORDS or len(line.text) > TITLE_MAX_CHARS or _CONTINUES_RE.search(line.text):
        return False
    if line.text[-1] == ":" or (line.text[-1] == "." and line.words > 20 and not _headline_case(line.text)):
        return False  # a lead-in, or a long sentence: the text starts with its body
    # "Virginian could make history. Again." is a headline; several sentences are a
    # paragraph unless the line is in headline case ("Isn't True. Not Yet, At Least.").
    n = _sentences(line.text)
    return n <= 1 or (n <= 2 and line.words <= 15) or (n <= 3 and _headline_case(line.text))


def _headline_case(text: str) -> bool:
    long_words = [w for w in re.findall(r"[^\W\d_][\w'\u2019-]*", text) if len(w) >= 4]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


_CONTINUES_RE = re.compile(r"(?:[,\-\u2013]|\b(?:and|or|the|of|to|a|an|in|for|with|on|by|as|at|that|from))$", re.I)


def _title_followed_ok(lines: list[_Line], k: int, dayfirst: bool) -> bool:
    """A headline is followed by a blank line, a date line, a byline, or ends a short heading block.

    Not when the text runs on in lowercase after an unfinished line: that is a
    wrapped sentence ("It is both\nan honour ...").
    """
    if k + 1 >= len(lines):
        return False  # a lone short line is body, not a headline
    nxt = lines[k + 1]
    if nxt.block != lines[k].block:
        return not _runs_on(lines[k], nxt)
    if nxt.text[0].islower():
        return False
    if classify_header_line(nxt.text, True, dayfirst):
        return True
    # "Headline\nDek line\n\nBody": at most two more short lines, not a wrapped paragraph.
    j = k + 1
    while j < len(lines) and lines[j].block == lines[k].block:
        line = lines[j]
        if line.words > TITLE_MAX_WORDS or j - k > 2 or line.text[0].islower() or _CONTINUES_RE.search(line.text):
            return False
        j += 1
    return j < len(lines) and not _runs_on(lines[j - 1], lines[j])


def _runs_on(line: _Line, nxt: _Line) -> bool:
    return nxt.text[0].islower() and line.text[-1] not in _TERMINAL


_WIRE_RE = re.compile(
    r"^(?P<pre>[A-Z][A-Z.'\- ]{1,40}[A-Z.](?:,\s*[^\n()\u2013\u2014]{1,40}?)?\s*(?:\([^()\n]{1,30}\))?)"
    r"\s*(?:-{1,2}|\u2013|\u2014)\s"
)


def wire_date(paragraph: str, dayfirst: bool = True) -> Optional[str]:
    """The full date of a wire dateline ("MOSCOW, Dec. 20, 2021 (Reuters) - ..."), or None.

    "MOSCOW, Dec 20 (Reuters) -" has no year and gives None.
    """
    m = _WIRE_RE.match(paragraph[:120])
    if not m:
        return None
    dates = find_dates(m.group("pre"), dayfirst)
    return dates[0].iso if dates else None


def detect_layout(text: str, dayfirst: bool = True) -> LayoutResult:
    """Layout spans and metadata of a plain-text article.

    ``dayfirst`` decides all-numeric dates whose day and month are both <= 12
    and written with "/" or "-": "04/05/2021" is 4 May when True (the
    default), 5 April when False. Dotted dates ("04.05.2021") are always
    day-first, and "12/20/2021" can only be month-first.
    """
    return _layout(split_lines(text), dayfirst)


def _layout(lines: list[_Line], dayfirst: bool) -> LayoutResult:
    if not lines:
        return LayoutResult()
    kinds: dict[int, str] = {}
    header: dict[int, _HeaderLine] = {}
    title_idx: Optional[int] = None

    # Header: the first lines, up to the first paragraph-sized line.
    body_seen = False  # any body line yet (a headline must come first)
    weak_ok = True  # no body line outside the headline's block yet
    for k, line in enumerate(lines[:HEADER_MAX_LINES]):
        if line.words > LONG_LINE_WORDS:
            break
        # Weak bylines: right after the headline or another header line, or starting a block after them.
        weak = weak_ok and bool(kinds) and (lines[k - 1].block != line.block or (k - 1) in kinds)
        found = classify_header_line(line.text, weak, dayfirst)
        if found:
            header[k] = found
            kinds[k] = found.kind
            continue
        if title_idx is None and not body_seen and _title_like(line) and _title_followed_ok(lines, k, dayfirst):
            title_idx = k
            kinds[k] = "title"
            continue
        body_seen = True
        if title_idx is None or line.block != lines[title_idx].block:
            weak_ok = False

    # Credits and boilerplate in the rest.
    credits: list[str] = []
    n = len(lines)
    body_before = False
    k = 0
    while k < n:
        line = lines[k]
        if k in kinds and kinds[k] != "boilerplate":
            k += 1
            continue
        names = None if k in kinds else credit_names(line.text)
        if names is not None:
            kinds[k] = "byline"
            credits.extend(names)
            k += 1
            continue
        marker = marker_kind(line.text)
        if marker is None:
            body_before = True
            k += 1
            continue
        kinds[k] = "boilerplate"
        j = k + 1
        if marker == "heading":  # the link list in the heading's own block
            while j < n and j not in kinds and lines[j].block == line.block and _link_like(lines[j]):
                kinds[j] = "boilerplate"
                j += 1
        if marker != "self" and body_before:
            # After the body, nothing but links and buttons to the end (after a copyright
            # line: any short lines, such as distribution notes).
            tail = [i for i in range(j, n) if i not in kinds]
            fits = _short if marker == "end" else _link_like
            if tail and all(fits(lines[i]) for i in tail):
                for i in tail:
                    kinds[i] = "byline" if credit_names(lines[i].text) is not None else "boilerplate"
                break
        k = j

    result = LayoutResult(layout=_merge_lines(lines, kinds))
    if title_idx is not None:
        result.title = lines[title_idx].text
    for k in sorted(header):
        for d in header[k].dates:
            if d.updated:
                result.updated = result.updated or d.iso
            elif result.published is None:
                result.published = d.iso
        result.authors.extend(a for a in header[k].authors if a not in result.authors)
    if result.published is None:
        first_body = next((lines[i] for i in range(n) if i not in kinds), None)
        if first_body is not None:
            result.published = wire_date(first_body.text, dayfirst)
    if not result.authors:
        result.authors = list(dict.fromkeys(credits))
    return result


def _link_like(line: _Line) -> bool:
    """A short line that does not end like a sentence: a link title or a button."""
    return _short(line) and not line.text.endswith(".")


def _merge_lines(lines: list[_Line], kinds: dict[int, str]) -> list[LayoutSpan]:
    spans: list[LayoutSpan] = []
    for k, line in enumerate(lines):
        kind = kinds.get(k, "body")
        if spans and spans[-1].kind == kind and kind != "title":
            spans[-1].end = line.end
        else:
            spans.append(LayoutSpan(kind, line.start, line.end))
    return spans


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ranges with overlapping or touching ones merged."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# --------------------------------------------------------------------------
# Sentence starts
# --------------------------------------------------------------------------

_TERMINAL = ".!?:;\u2026\"'\u201d\u2019)]"


def sentence_start_offsets(lines: list[_Line], spans: list[LayoutSpan]) -> list[int]:
    """Character offsets that must start a sentence: every span start and line start.

    Except for soft wraps: a single line break inside a paragraph is not a
    boundary when the line before does not end a sentence and the next line
    starts in lowercase ("... said that\\nthe talks ..."), nor anywhere in
    hard-wrapped text (most lines inside paragraphs end without punctuation).
    """
    starts = {s.start for s in spans}
    inner = [(a, b) for a, b in zip(lines, lines[1:]) if a.block == b.block]
    unpunctuated = sum(1 for a, _ in inner if a.text[-1] not in _TERMINAL)
    hard_wrapped = len(inner) >= 4 and unpunctuated > 0.6 * len(inner)
    for prev, line in zip(lines, lines[1:]):
        if prev.block != line.block:
            starts.add(line.start)
        elif not hard_wrapped and not (prev.text[-1] not in _TERMINAL and line.text[0].islower()):
            starts.add(line.start)
    return sorted(starts)


def single_sentence_lines(lines: list[_Line], spans: list[LayoutSpan]) -> list[tuple[int, int]]:
    """Header lines (title, date line, byline) that are one sentence each: the parser must not split
    them ("Sergey | Sayenko, international observer")."""
    ranges = [(s.start, s.end) for s in spans if s.kind in ("title", "dateline", "byline")]
    out = []
    for line in lines:
        if any(a <= line.start and line.end <= b for a, b in ranges) and _sentences(line.text) == 1:
            out.append((line.start, line.end))
    return out


def set_sentence_starts(doc: Doc, offsets: list[int], keep_whole: Iterable[tuple[int, int]] = ()) -> int:
    """Mark the first non-space token at or after each offset as a sentence start; returns how many.

    Tokens inside the ``keep_whole`` character ranges, but their first, are marked as no start.
    """
    if not offsets or len(doc) == 0:
        return 0
    idx = doc.to_array(IDX)  # token start offsets, without a Python loop over tokens
    marked = 0
    for off in offsets:
        i = int(idx.searchsorted(off))
        while i < len(doc) and doc[i].is_space:
            i += 1
        if 0 < i < len(doc) and not doc[i].is_sent_start:
            doc[i].is_sent_start = True
            marked += 1
    for start, end in keep_whole:
        first, last = (int(i) for i in idx.searchsorted([start, end]))
        for i in range(first + 1, last):
            doc[i].is_sent_start = False
    return marked


# --------------------------------------------------------------------------
# spaCy component
# --------------------------------------------------------------------------


@Language.factory("presswatch_layout", default_config={"dayfirst": True, "line_sentence_starts": True})
def make_layout(nlp: Language, name: str, dayfirst: bool, line_sentence_starts: bool) -> "LayoutComponent":
    register_extensions()
    return LayoutComponent(dayfirst=dayfirst, line_sentence_starts=line_sentence_starts)


class LayoutComponent:
    """Runs :func:`detect_layout`, fills the article and sets ``doc._.pw_regions``.

    Added first, before the parser: the sentence starts it sets at line breaks
    bind the parser, so a headline, a date line and a paragraph never merge
    into one sentence.
    """

    def __init__(self, dayfirst: bool = True, line_sentence_starts: bool = True):
        self.dayfirst = dayfirst
        self.line_sentence_starts = line_sentence_starts

    def __call__(self, doc: Doc) -> Doc:
        article: Optional[Article] = doc._.pw_article
        # doc.text is rebuilt from the tokens on every access: read it at most once.
        if article is not None and len(article.text) == _doc_length(doc):
            text = article.text
        else:
            text = doc.text
        if article is None:
            article = Article(id=text_id(text), text=text)
            doc._.pw_article = article
        lines = split_lines(text)
        result = _layout(lines, self.dayfirst)
        article.layout = result.layout
        # HTML ingestion may already have set these from page metadata; that wins.
        if not article.title:
            article.title = result.title
        if not article.published:
            article.published = result.published
        if not article.authors:
            article.authors = list(result.authors)
        doc._.pw_regions = result.regions()
        if self.line_sentence_starts:
            set_sentence_starts(
                doc, sentence_start_offsets(lines, result.layout), single_sentence_lines(lines, result.layout)
            )
        return doc


def _doc_length(doc: Doc) -> int:
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


__all__ = [
    "KINDS", "LayoutResult", "LayoutComponent", "detect_layout", "find_dates", "marker_kind",
    "is_marker", "person_name", "byline_names", "wire_date", "merge_ranges",
]
