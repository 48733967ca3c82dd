"""Coverage of the knowledge base: foreign- and defence-ministry spokespeople of the required states.

Issue #4 asks for the spokespeople of the foreign and defence ministries of the G20 (with the EU),
NATO, CSTO and Central Asian states for 2014-2026. Every (state, function, year) must either have a
holder in the base or be listed in ``data/kb/spokespeople_gaps.csv`` -- and a listed gap must not be
covered, so the list stays exact when someone fills a gap.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from presswatch.kb import CURATED, DATA_DIR, load_kb, read_file, title_function

GAPS = DATA_DIR / "spokespeople_gaps.csv"
YEARS = range(2014, 2027)
FUNCTIONS = ("foreign_spokesperson", "defence_spokesperson")
REASONS = {"unknown", "unnamed", "no_office"}
G20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA EU".split()
NATO = ("ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR POL PRT ROU "
        "SVK SVN ESP SWE TUR GBR USA").split()
CSTO = "ARM BLR KAZ KGZ RUS TJK".split()
CENTRAL_ASIA = "KAZ KGZ TJK TKM UZB".split()
REQUIRED = sorted(set(G20 + NATO + CSTO + CENTRAL_ASIA))
# The EU's foreign spokespeople are those of its diplomatic service (an international post).
EU_BODY = "European External Action Service"


def test_required_groups_have_their_sizes():
    assert len(set(NATO)) == 32 and len(set(G20)) == 20 and len(REQUIRED) == 52


def _years(spec: str) -> set[int]:
    out: set[int] = set()
    for part in spec.split(";"):
        m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", part.strip())
        assert m, f"bad year range {part!r}"
        lo, hi = int(m[1]), int(m[2] or m[1])
        assert lo <= hi, spec
        out.update(range(lo, hi + 1))
    return out


def read_gaps(path: Path = GAPS) -> dict[tuple[str, str], set[int]]:
    gaps: dict[tuple[str, str], set[int]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (row["country"], row["function"])
            assert key not in gaps, f"{key} listed twice"
            assert row["function"] in FUNCTIONS and row["reason"] in REASONS, row
            gaps[key] = _years(row["years"])
    return gaps


def covered_years(kb, function: str, scope: str) -> set[int]:
    """Years in which at least one role of ``function`` in ``scope`` is held (year precision)."""
    out: set[int] = set()
    for role, _ in kb.by_function.get((function, scope), []):
        start = int((role.start or "1000")[:4])
        end = int((role.end or "9999")[:4])
        out.update(y for y in YEARS if start <= y <= end)
    return out


def test_gap_list_is_well_formed():
    gaps = read_gaps()
    assert gaps, "the gap list is empty: remove this test's file reference instead"
    for (country, _), years in gaps.items():
        assert country in REQUIRED, country
        assert years <= set(YEARS), (country, sorted(years - set(YEARS)))


def test_bad_gap_rows_are_rejected(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("country,function,years,reason\nGBR,foreign_spokesperson,2014-20x,unknown\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        read_gaps(path)
    path.write_text("country,function,years,reason\nGBR,foreign_spokesperson,2016-2014,unknown\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        read_gaps(path)


@pytest.mark.parametrize("country", REQUIRED)
def test_each_post_is_covered_or_listed_as_a_gap(country):
    kb = load_kb()
    gaps = read_gaps()
    scope = kb.international_body(EU_BODY) if country == "EU" else country
    assert scope, country
    for function in FUNCTIONS:
        have = covered_years(kb, function, scope)
        listed = gaps.get((country, function), set())
        missing = sorted(set(YEARS) - have - listed)
        stale = sorted(have & listed)
        assert not missing, f"{country} {function}: no holder and no gap entry for {missing}"
        assert not stale, f"{country} {function}: listed as a gap but covered in {stale}"


def _spokespeople_rows() -> list[dict]:
    rows = []
    for path in sorted(CURATED.glob("officials_spokespeople*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(dict(r, file=path.name) for r in csv.DictReader(fh))
    return rows


ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def test_curated_spokespeople_rows_are_consistent():
    rows = _spokespeople_rows()
    assert len(rows) >= 45
    names = {}
    for r in rows:
        where = f"{r['file']}: {r['id']}"
        assert title_function(r["title"]) in FUNCTIONS, where  # the title must read as the function
        assert r["country"] and r["organization"], where
        assert ISO_DATE.fullmatch(r["start"]), where
        assert not r["end"] or (ISO_DATE.fullmatch(r["end"]) and r["end"][:len(r["start"])] >= r["start"][:len(r["end"])]), where
        if r["name"]:
            assert names.setdefault(r["id"], r["name"]) == r["name"], where
    for path in sorted(CURATED.glob("officials_spokespeople*.csv")):
        assert read_file(path)  # loads through the base's own reader


def test_one_holder_at_a_time_apart_from_the_change_over():
    """Within one office, two spokespeople of these files overlap at most in the month or year of a change."""
    by_office: dict[tuple[str, str], list[dict]] = {}
    for r in _spokespeople_rows():
        by_office.setdefault((r["country"], title_function(r["title"])), []).append(r)
    for office, rows in by_office.items():
        rows.sort(key=lambda r: r["start"])
        for a, b in zip(rows, rows[1:]):
            if a["end"]:
                n = min(len(a["end"]), len(b["start"]))
                assert a["end"][:n] <= b["start"][:n], (office, a["id"], b["id"])
            else:
                assert False, f"{office}: {a['id']} is open-ended but {b['id']} starts later"


SOURCES = DATA_DIR / "spokespeople_sources.csv"


def test_source_list_names_known_spokespeople_with_addresses():
    """Each row of the source list points at a person of the base who holds a spokesperson role."""
    kb = load_kb()
    with SOURCES.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"id", "url", "note"}
    for row in rows:
        assert re.match(r"https?://\S+$", row["url"]), row
        assert row["note"].strip(), row
        entry = kb.get(row["id"])
        assert entry is not None, row["id"]
        assert any(title_function(r.title) in FUNCTIONS for r in entry.roles), row["id"]


@pytest.mark.parametrize("actor_id, date, function, country", [
    ("christian-thiels-deu", "2021-03-01", "defence_spokesperson", "DEU"),
    ("michael-stempfle-deu", "2024-06-01", "defence_spokesperson", "DEU"),
    ("ruslan-varankov-blr", "2024-06-01", "foreign_spokesperson", "BLR"),
    ("maciej-wewior-pol", "2025-11-01", "foreign_spokesperson", "POL"),
])
def test_sourced_spokespeople_hold_their_post_on_a_date_inside_the_attested_span(actor_id, date, function, country):
    kb = load_kb()
    assert actor_id in [e.id for e, _ in kb.holders(function, country, date)]
