"""Relative date resolution against the article date (2021-12-20 is a Monday)."""

from __future__ import annotations

import pytest

from presswatch.dates import parse_iso, resolve_date

REF = "2021-12-20"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("in June", "2021-06"),
        ("in May of this year", "2021-05"),
        ("in June this year", "2021-06"),
        ("in June last year", "2020-06"),
        ("last June", "2021-06"),
        ("last December", "2020-12"),
        ("on Tuesday", "2021-12-14"),
        ("Monday", "2021-12-20"),
        ("last Monday", "2021-12-13"),
        ("next Monday", "2021-12-27"),
        ("yesterday", "2021-12-19"),
        ("last night", "2021-12-19"),
        ("today", "2021-12-20"),
        ("tomorrow", "2021-12-21"),
        ("on 15 March", "2021-03-15"),
        ("March 15", "2021-03-15"),
        ("June 20, 2019", "2019-06-20"),
        ("the 3rd of May 2020", "2020-05-03"),
        ("two weeks ago", "2021-12-06"),
        ("3 days ago", "2021-12-17"),
        ("last month", "2021-11"),
        ("last year", "2020"),
        ("next year", "2022"),
        ("back in early 2020", "2020"),
        ("in September 2014", "2014-09"),
    ],
)
def test_resolves_against_article_date(text, expected):
    assert resolve_date(text, REF) == expected


def test_month_after_article_month_is_last_year_unless_future():
    assert resolve_date("in March", "2021-02-10") == "2020-03"
    assert resolve_date("in March", "2021-02-10", future=True) == "2021-03"
    assert resolve_date("in the coming March", "2021-02-10") == "2021-03"


def test_weekday_on_article_day_is_that_day_but_last_means_a_week_before():
    assert resolve_date("on Monday", REF) == REF
    assert resolve_date("last Monday", REF) == "2021-12-13"


def test_absolute_dates_need_no_article_date():
    assert resolve_date("20 June 2021", None) == "2021-06-20"
    assert resolve_date("June 2021", None) == "2021-06"
    assert resolve_date("in 2019", None) == "2019"


@pytest.mark.parametrize("text", ["in June", "yesterday", "on Tuesday", "last year"])
def test_relative_dates_without_article_date_are_unknown(text):
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text", ["", "   ", "the situation", "soon", "x" * 200, "31 February 2021"])
def test_unknown_or_invalid_expressions_give_none(text):
    assert resolve_date(text, REF) is None


def test_bad_article_date_is_ignored():
    assert parse_iso("not a date") is None
    assert resolve_date("yesterday", "20/12/2021") is None
    assert parse_iso("2021-12-20T10:14:00Z").isoformat() == REF
