"""Resolve relative date expressions in news text against the article date.

``resolve_date("in May of this year", "2021-12-20") == "2021-05"``. The result
is an ISO 8601 date with the precision the text gives: ``YYYY-MM-DD`` for a
day, ``YYYY-MM`` for a month, ``YYYY`` for a year; ``None`` when the
expression is not understood.

Handled: today/yesterday/tomorrow (and last night, this morning ...);
weekdays ("on Tuesday", "last Friday", "next Monday"); months with or without
a year ("in June", "in May of this year", "last June", "in June last year",
"in early 2020", "June 2021"); day-month dates in either order ("20 June",
"June 20, 2021", "on 15 March"); "last/this/next week|month|year";
"N days/weeks/months/years ago"; plain years. A month or weekday with no year
is taken as the latest one on or before the article date (news reports the
past) unless ``future=True`` or the text says "next"/"coming".

Limits: English only; no date ranges ("from May to June" gives May); no
holidays or seasons; weekday arithmetic assumes the article date is the day of
writing. Written by hand because general parsers (dateparser) guess a day for
month-only expressions and lose the precision the text gives.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}

_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"((?:19|20)\d\d)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"


def parse_iso(value: Optional[str]) -> Optional[dt.date]:
    """The date part of an ISO date or datetime string, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _month_iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _year_for_month(month: int, ref: dt.date, future: bool) -> int:
    if future:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _year_word(text: str, ref: dt.date) -> Optional[int]:
    """An explicit year, or a relative one ("this year", "last year", "next year")."""
    m = re.search(_YEAR, text)
    if m:
        return int(m.group(1))
    if re.search(r"\b(this|current) year\b", text):
        return ref.year
    if re.search(r"\b(last|previous|past) year\b|\ba year (ago|earlier|before)\b", text):
        return ref.year - 1
    if re.search(r"\bnext year\b", text):
        return ref.year + 1
    return None


def resolve_date(text: str, article_date: Optional[str], *, future: bool = False) -> Optional[str]:
    """Resolve ``text`` (a date expression) against ``article_date`` (ISO); see the module doc."""
    ref = parse_iso(article_date)
    t = " ".join((text or "").lower().replace(",", " ").split())
    if not t or len(t) > 80:
        return None
    if re.search(r"\b(next|coming|upcoming)\b", t):
        future = True

    # Absolute full dates first: they need no reference date.
    m = re.search(rf"\b{_DAY} (?:of )?{_MONTH}(?: {_YEAR})?\b", t) or None
    day = month = year = None
    if m:
        day, month, year = int(m.group(1)), MONTHS[m.group(2).rstrip(".")], m.group(3)
    else:
        m = re.search(rf"\b{_MONTH} {_DAY}\b(?: {_YEAR})?", t)
        if m:
            month, day, year = MONTHS[m.group(1).rstrip(".")], int(m.group(2)), m.group(3)
    if m:
        if year:
            y = int(year)
        elif ref is None:
            return None
        else:
            y = _year_word(t, ref) or _year_for_month(month, ref, future)
        try:
            return dt.date(y, month, day).isoformat()
        except ValueError:
            return None

    m = re.search(rf"\b{_MONTH}\b", t)
    if m and not (m.group(1) == "may" and not re.search(r"\b(in|of|since|until|by|early|late|mid|last|next|this) may\b|^may\b", t)):
        month = MONTHS[m.group(1).rstrip(".")]
        if ref is None:
            y = re.search(_YEAR, t)
            return _month_iso(int(y.group(1)), month) if y else None
        year_val = _year_word(t, ref)
        if year_val is None:
            if re.search(rf"\blast {_MONTH}", t):
                year_val = ref.year if month < ref.month else ref.year - 1
            else:
                year_val = _year_for_month(month, ref, future)
        return _month_iso(year_val, month)

    if ref is None:
        m = re.fullmatch(rf"(?:in |early |late |mid-?|the )*{_YEAR}", t)
        return m.group(1) if m else None

    if re.search(r"\b(today|tonight|this (morning|afternoon|evening))\b", t):
        return ref.isoformat()
    if re.search(r"\b(yesterday|last night)\b", t):
        return (ref - dt.timedelta(days=1)).isoformat()
    if re.search(r"\btomorrow\b", t):
        return (ref + dt.timedelta(days=1)).isoformat()

    m = re.search(rf"\b{_WEEKDAY}\b", t)
    if m:
        wd = WEEKDAYS[m.group(1)]
        if future:
            delta = (wd - ref.weekday()) % 7 or 7
            return (ref + dt.timedelta(days=delta)).isoformat()
        delta = (ref.weekday() - wd) % 7
        if re.search(r"\blast\b", t) and delta == 0:
            delta = 7
        return (ref - dt.timedelta(days=delta)).isoformat()

    m = re.search(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few) (day|week|month|year)s? (ago|earlier|before)\b", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBERS[m.group(1)]
        unit = m.group(2)
        if unit == "day":
            return (ref - dt.timedelta(days=n)).isoformat()
        if unit == "week":
            return (ref - dt.timedelta(weeks=n)).isoformat()
        if unit == "month":
            total = ref.year * 12 + ref.month - 1 - n
            return _month_iso(total // 12, total % 12 + 1)
        return f"{ref.year - n:04d}"

    m = re.search(r"\b(last|this|next|earlier this|later this|past) (week|month|year)\b", t)
    if m:
        which, unit = m.group(1), m.group(2)
        shift = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        if unit == "week":
            return (ref + dt.timedelta(weeks=shift)).isoformat() if shift else ref.isoformat()
        if unit == "month":
            total = ref.year * 12 + ref.month - 1 + shift
            return _month_iso(total // 12, total % 12 + 1)
        return f"{ref.year + shift:04d}"

    m = re.search(_YEAR, t)
    if m:
        return m.group(1)
    return None


__all__ = ["resolve_date", "parse_iso"]
