"""Layout recognition: headlines, date lines, bylines, body and boilerplate.

Every article text here is written for the test; the shared data is only read
(and the tests that need it skip without ../shared).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from conftest import shared_path
from presswatch.layout import (
    KINDS,
    LayoutResult,
    byline_names,
    detect_layout,
    find_dates,
    marker_kind,
    merge_ranges,
    person_name,
    wire_date,
)
from presswatch.types import Article

BODY = (
    "The talks in Tashkent ended late on Monday without a joint statement, and the two delegations "
    "left the building through separate doors. Officials on both sides said the dispute over transit "
    "fees had not been settled and that a new round would be needed early next year."
)


def spans_of(text: str, result: LayoutResult) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in result.layout]


def kind_of(text: str, result: LayoutResult, needle: str) -> str:
    """The kind of the one span that contains ``needle``."""
    start = text.index(needle)
    end = start + len(needle)
    found = [s.kind for s in result.layout if s.start <= start and end <= s.end]
    assert len(found) == 1, f"{needle!r} is in {len(found)} spans: {spans_of(text, result)}"
    return found[0]


def check_invariants(text: str, result: LayoutResult) -> None:
    """Spans: known kinds, sorted, disjoint, trimmed, and together they cover every visible character."""
    covered = 0
    prev_end = 0
    for span in result.layout:
        assert span.kind in KINDS
        assert prev_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        covered += sum(1 for ch in piece if not ch.isspace())
        prev_end = span.end
    assert covered == sum(1 for ch in text if not ch.isspace())


# --------------------------------------------------------------------------
# Header variants: (text, title, published, authors, {line: kind})
# --------------------------------------------------------------------------

HEADERS = [
    pytest.param(
        "Transit deal stalls in Tashkent\n\nDate of publication: 20 December 2021\n\n"
        "Ivan Morozov, international observer\n\n" + BODY,
        "Transit deal stalls in Tashkent", "2021-12-20", ["Ivan Morozov"],
        {"Date of publication": "dateline", "Ivan Morozov": "byline"},
        id="publication-date-name-role",
    ),
    pytest.param(
        "Transit deal stalls\n\nPublished: Dec. 20, 2021 10:14 GMT\n\nBy Jane Doe and John Roe\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Jane Doe", "John Roe"],
        {"Published:": "dateline", "By Jane Doe": "byline"},
        id="published-time-zone-by-and",
    ),
    pytest.param(
        "Transit deal stalls\n\n2021-12-20\n\nBy Jane Doe, John Roe and Ann Lee\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Jane Doe", "John Roe", "Ann Lee"],
        {"2021-12-20": "dateline", "By Jane Doe": "byline"},
        id="iso-date-three-authors",
    ),
    pytest.param(
        "Transit deal stalls\n\n20.12.2021\n\nAuthor: Maria Petrova\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Maria Petrova"],
        {"20.12.2021": "dateline", "Author:": "byline"},
        id="dotted-date-author-label",
    ),
    pytest.param(
        "Transit deal stalls\n\nDecember 20, 2021\n\nJane Doe | Reuters\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Jane Doe"],
        {"December 20, 2021": "dateline", "Jane Doe | Reuters": "byline"},
        id="month-day-year-pipe-outlet",
    ),
    pytest.param(
        "Transit deal stalls\nJane Doe (Reuters)\n\n" + BODY,
        "Transit deal stalls", None, ["Jane Doe"],
        {"Jane Doe (Reuters)": "byline"},
        id="name-outlet-in-brackets",
    ),
    pytest.param(
        "Transit deal stalls\n\nMon 20 Dec 2021 09.14 GMT\n\nBy Jane Doe, Staff Writer\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Jane Doe"],
        {"Mon 20 Dec": "dateline", "Staff Writer": "byline"},
        id="guardian-style-date-staff-writer",
    ),
    pytest.param(
        "Transit deal stalls\n\n20/12/2021\n\nWords by Jane Doe\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Jane Doe"],
        {"20/12/2021": "dateline", "Words by": "byline"},
        id="slash-date-words-by",
    ),
    pytest.param(
        "Transit deal stalls\n\nPosted on 20 December 2021 by Jane Doe\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Jane Doe"],
        {"Posted on": "byline"},
        id="posted-on-date-by-name",
    ),
    pytest.param(
        "Transit deal stalls\n\nBy Jane Doe | December 20, 2021\n\n" + BODY,
        "Transit deal stalls", "2021-12-20", ["Jane Doe"],
        {"By Jane Doe | December": "byline"},
        id="byline-and-date-on-one-line",
    ),
    pytest.param(
        "Transit deal stalls\n\nUpdated 3 hours ago\n\nBy Jane Doe\n\n" + BODY,
        "Transit deal stalls", None, ["Jane Doe"],
        {"Updated 3 hours ago": "dateline"},
        id="relative-updated-line",
    ),
    pytest.param(
        "Transit deal stalls\n\nFirst published: 1 March 2022. Last updated: 2 March 2022\n\n" + BODY,
        "Transit deal stalls", "2022-03-01", [],
        {"First published": "dateline"},
        id="published-and-updated-on-one-line",
    ),
    pytest.param(
        "Transit deal stalls\n\nBy Karim Saidov, Senior Correspondent, in Bishkek\n\n" + BODY,
        "Transit deal stalls", None, ["Karim Saidov"],
        {"By Karim Saidov": "byline"},
        id="by-name-role-place",
    ),
    pytest.param(
        "Transit deal stalls\n\nBy the Editorial Board\n\n" + BODY,
        "Transit deal stalls", None, [],
        {"By the Editorial Board": "byline"},
        id="by-editorial-board-no-person",
    ),
    pytest.param(
        "Transit deal stalls\n\nJanuary 5th, 2022 at 7:30 p.m. EST\n\n" + BODY,
        "Transit deal stalls", "2022-01-05", [],
        {"January 5th": "dateline"},
        id="ordinal-date-with-time",
    ),
    pytest.param(
        "Transit deal stalls\nTalks end without a statement; a new round is due in spring\n\n" + BODY,
        "Transit deal stalls", None, [],
        {"Talks end without": "body"},
        id="headline-with-dek-line",
    ),
    pytest.param(
        "Advertisement\n\nTransit deal stalls\n\nBy Jane Doe\n\n" + BODY,
        "Transit deal stalls", None, ["Jane Doe"],
        {"Advertisement": "boilerplate"},
        id="advert-above-headline",
    ),
    pytest.param(
        "Transit Deal Stalls. Not Yet Dead, Officials Say.\n\n" + BODY,
        "Transit Deal Stalls. Not Yet Dead, Officials Say.", None, [],
        {},
        id="two-sentence-headline-case-title",
    ),
]


@pytest.mark.parametrize("text, title, published, authors, line_kinds", HEADERS)
def test_header_variants(text, title, published, authors, line_kinds):
    result = detect_layout(text)
    check_invariants(text, result)
    assert result.title == title
    assert result.published == published
    assert result.authors == authors
    for needle, kind in line_kinds.items():
        assert kind_of(text, result, needle) == kind, needle
    assert kind_of(text, result, BODY[:40]) == "body"
    if title:
        assert result.layout[[s.kind for s in result.layout].index("title")].end - text.index(title) == len(title)


def test_body_only_text_gets_no_title():
    text = BODY + "\n\n" + BODY.replace("Tashkent", "Almaty")
    result = detect_layout(text)
    assert result.title is None
    assert [s.kind for s in result.layout] == ["body"]
    assert (result.layout[0].start, result.layout[0].end) == (0, len(text))


def test_lone_short_line_is_body_not_title():
    result = detect_layout("Talks resumed on Monday.")
    assert result.title is None
    assert [s.kind for s in result.layout] == ["body"]


def test_wrapped_first_sentence_is_not_a_title():
    text = "It is both\nan honour and a pleasure for me to address\nthe Assembly.\n\n" + BODY
    assert detect_layout(text).title is None


def test_greeting_lines_are_not_title_or_byline():
    text = "Mr. President,\nMr. Secretary-General,\nLadies and Gentlemen,\n" + BODY
    result = detect_layout(text)
    assert result.title is None and result.authors == []
    assert [s.kind for s in result.layout] == ["body"]


def test_updated_line_is_not_publication_date():
    text = "Transit deal stalls\n\nUpdated: 22 December 2021\nPublished: 20 December 2021\n\n" + BODY
    result = detect_layout(text)
    assert result.published == "2021-12-20"
    assert result.updated == "2021-12-22"
    only_updated = detect_layout("Transit deal stalls\n\nLast updated 22 December 2021\n\n" + BODY)
    assert only_updated.published is None
    assert only_updated.updated == "2021-12-22"


# --------------------------------------------------------------------------
# Trailing boilerplate
# --------------------------------------------------------------------------

BOILERPLATE = [
    pytest.param("Read more\nPipeline talks resume in Baku\nBorder post reopens", ["Read more", "Border post"], id="read-more-list"),
    pytest.param("Read on the topic", ["Read on the topic"], id="read-on-the-topic"),
    pytest.param("Related articles:\n\nPipeline talks resume in Baku\n\nBorder post reopens", ["Related", "Border post"], id="related-with-blank-lines"),
    pytest.param("Related", ["Related"], id="related"),
    pytest.param("Share this\nFacebook\nTelegram\nEmail", ["Share this", "Email"], id="share-this-buttons"),
    pytest.param("Subscribe to our newsletter", ["Subscribe"], id="subscribe"),
    pytest.param("Follow us on Telegram", ["Follow us"], id="follow-us"),
    pytest.param("\u00a9 2021 The Steppe Courier. All rights reserved.", ["\u00a9 2021"], id="copyright-sign"),
    pytest.param("Copyright 2021 The Steppe Courier", ["Copyright"], id="copyright-word"),
    pytest.param("All rights reserved.", ["All rights"], id="all-rights-reserved"),
    pytest.param("Tags: transit, Tashkent, customs", ["Tags:"], id="tags"),
    pytest.param("Read more: Pipeline talks resume in Baku\nRead more: Border post reopens", ["Pipeline", "Border"], id="read-more-label-lines"),
    pytest.param("Advertisement", ["Advertisement"], id="advertisement"),
    pytest.param(
        "Read more\n\nPipeline talks resume in Baku\n\n\u00a9 2021 The Steppe Courier", ["Pipeline", "\u00a9 2021"],
        id="links-then-copyright",
    ),
]


@pytest.mark.parametrize("tail, boiler", BOILERPLATE)
def test_trailing_boilerplate_variants(tail, boiler):
    text = "Transit deal stalls\n\n" + BODY + "\n\n" + tail + "\n"
    result = detect_layout(text)
    check_invariants(text, result)
    assert [s.kind for s in result.layout] == ["title", "body", "boilerplate"]
    for needle in boiler:
        assert kind_of(text, result, needle) == "boilerplate"
    body = result.layout[1]
    assert text[body.start : body.end] == BODY


def test_marker_inside_paragraph_stays_body():
    para = (
        "If you want to read more about the corridor, the minister said, you should subscribe to the "
        "customs bulletin, and share this with the ministry; related talks follow us all year."
    )
    text = "Transit deal stalls\n\n" + para + "\n\n" + BODY
    result = detect_layout(text)
    assert [s.kind for s in result.layout] == ["title", "body"]


def test_marker_line_in_the_middle_keeps_the_body_after_it():
    text = "Transit deal stalls\n\n" + BODY + "\n\nAdvertisement\n\nShort line after the advert.\n\n" + BODY
    result = detect_layout(text)
    assert [s.kind for s in result.layout] == ["title", "body", "boilerplate", "body"]
    assert kind_of(text, result, "Short line after") == "body"


def test_short_lines_after_a_call_to_action_are_not_eaten():
    # "Subscribe ..." is a single line; what follows it to the end stays body.
    text = "Transit deal stalls\n\n" + BODY + "\n\nSubscribe now.\nThe convoy left at dawn.\nIt reached Termez."
    result = detect_layout(text)
    assert kind_of(text, result, "The convoy left") == "body"


def test_sentence_lines_after_a_read_more_link_stay_body():
    # One sentence per line, as in scraped texts: only the "Read more: ..." line is boilerplate.
    text = (
        "Transit deal stalls\n\n" + BODY + "\nRead more: Pipeline talks resume in Baku\n"
        "The railway was first proposed in 2018.\nIts cost is still unknown.\n"
    )
    result = detect_layout(text)
    assert kind_of(text, result, "Read more:") == "boilerplate"
    assert kind_of(text, result, "The railway was first") == "body"
    assert kind_of(text, result, "Its cost") == "body"


def test_wire_credit_is_a_byline_and_gives_authors():
    text = "Transit deal stalls\n\n" + BODY + "\n\n(Reporting by Jane Doe in Almaty; Editing by John Roe)"
    result = detect_layout(text)
    assert kind_of(text, result, "Reporting by") == "byline"
    assert result.authors == ["Jane Doe"]


def test_by_at_sentence_start_is_not_a_byline():
    text = "Transit deal stalls\n\nBy contrast, Jane Doe and her team stayed in Termez.\n\n" + BODY
    result = detect_layout(text)
    assert result.authors == []
    assert kind_of(text, result, "By contrast") == "body"


# --------------------------------------------------------------------------
# Empty input and regions
# --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_empty_text_has_no_spans_and_no_regions(text):
    result = detect_layout(text)
    assert result.layout == [] and result.regions() == []
    assert result.title is None and result.published is None and result.authors == []


def test_regions_are_title_and_body_only():
    text = "Transit deal stalls\n\n20 December 2021\n\nBy Jane Doe\n\n" + BODY + "\n\nRead more\nOther story"
    result = detect_layout(text)
    start = text.index(BODY)
    assert result.regions() == [(0, len("Transit deal stalls")), (start, start + len(BODY))]


def test_only_boilerplate_gives_no_regions():
    assert detect_layout("Advertisement\n\nShare this").regions() == []


def test_merge_ranges():
    assert merge_ranges([(5, 9), (0, 3), (3, 4), (8, 12)]) == [(0, 4), (5, 12)]
    assert merge_ranges([]) == []


# --------------------------------------------------------------------------
# Dates, names, markers
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, dayfirst, iso",
    [
        ("20/12/2021", True, "2021-12-20"),
        ("12/20/2021", True, "2021-12-20"),  # only month-first makes sense
        ("04/05/2021", True, "2021-05-04"),
        ("04/05/2021", False, "2021-04-05"),
        ("04.05.2021", False, "2021-05-04"),  # dotted dates are always day-first
        ("20-12-21", True, "2021-12-20"),
        ("2021/12/20", True, "2021-12-20"),
        ("the 3rd of March 2022", True, "2022-03-03"),
        ("Sept. 9, 2016", True, "2016-09-09"),
    ],
)
def test_find_dates(text, dayfirst, iso):
    assert [d.iso for d in find_dates(text, dayfirst)] == [iso]


@pytest.mark.parametrize("text", ["31/02/2021", "2021-13-01", "Dec 20", "10:14 GMT", "version 1.2.3", "15-29946"])
def test_not_dates(text):
    assert find_dates(text) == []


def test_dayfirst_reaches_the_component_config(nlp_layout_monthfirst):
    doc = nlp_layout_monthfirst("Transit deal stalls\n\n04/05/2021\n\n" + BODY)
    assert doc._.pw_article.published == "2021-04-05"


@pytest.mark.parametrize(
    "text, names",
    [
        ("Jane Doe, John Roe and Ann Lee, Staff Writers", ["Jane Doe", "John Roe", "Ann Lee"]),
        ("Jane Doe and John Roe, Associated Press", ["Jane Doe", "John Roe"]),
        ("Gulnara Abdullayeva-Smith in Baku", ["Gulnara Abdullayeva-Smith"]),
        ("J. R. Hartley, Reuters", ["J. R. Hartley"]),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
        ("Staff Writer", []),
        ("contrast, the ministers met", None),
        ("the way, where is everyone?", None),
    ],
)
def test_byline_names(text, names):
    assert byline_names(text) == names


@pytest.mark.parametrize("text", ["Associated Press", "Staff Writer", "Blog Posts", "Mr. President", "The Remnant", "December Talks", "Jane"])
def test_not_person_names(text):
    assert person_name(text) is None


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Read more", "heading"),
        ("READ MORE:", "heading"),
        ("\u2022 Related stories", "heading"),
        ("Read more: Pipeline talks resume", "label"),
        ("Advertisement", "self"),
        ("Follow us on Telegram", "self"),
        ("\u00a9 2021 The Steppe Courier", "end"),
        ("More — deaths of thousands of children", None),
        ("Read more about the corridor in the ministry report published last week by the customs office, "
         "which lists every fee.", None),
    ],
)
def test_marker_kinds(line, kind):
    assert marker_kind(line) == kind


def test_wire_dateline_date():
    assert wire_date("MOSCOW, Dec. 20, 2021 (Reuters) - Russia said on Monday ...") == "2021-12-20"
    assert wire_date("MOSCOW, Dec 20 (Reuters) - Russia said on Monday ...") is None
    assert wire_date("Moscow said on Dec. 20, 2021 - and repeated it - that ...") is None
    text = "Transit deal stalls\n\nTASHKENT, 20 December 2021 (Reuters) \u2014 " + BODY
    result = detect_layout(text)
    assert result.published == "2021-12-20"
    assert kind_of(text, result, "TASHKENT") == "body"  # the wire dateline stays in the body


def test_date_line_wins_over_wire_dateline():
    text = "Transit deal stalls\n\n21 December 2021\n\nTASHKENT, 20 December 2021 (Reuters) - " + BODY
    assert detect_layout(text).published == "2021-12-21"


def test_offsets_survive_crlf_and_indentation():
    text = "  Transit deal stalls\r\n\r\n\tBy Jane Doe\r\n\r\n" + BODY + "\r\n"
    result = detect_layout(text)
    check_invariants(text, result)
    assert result.title == "Transit deal stalls"
    assert result.authors == ["Jane Doe"]


# --------------------------------------------------------------------------
# The spaCy component
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp_layout(nlp):
    """The shared spaCy pipeline with presswatch_layout added first (removed afterwards)."""
    import presswatch.layout  # noqa: F401  registers the factory

    nlp.add_pipe("presswatch_layout", first=True)
    yield nlp
    nlp.remove_pipe("presswatch_layout")


@pytest.fixture()
def nlp_layout_monthfirst():
    import spacy

    import presswatch.layout  # noqa: F401

    blank = spacy.blank("en")
    blank.add_pipe("presswatch_layout", config={"dayfirst": False})
    return blank


ARTICLE = (
    "Customs row threatens the southern corridor\n"
    "20 December 2021\n"
    "Ivan Morozov, international observer\n\n"
    "The ministers met in Termez on Monday. They disagreed about fees.\n"
    "A second round is planned for spring.\n\n"
    "Read more\nPipeline talks resume in Baku"
)


def test_component_is_first_and_fills_the_article(nlp_layout):
    assert nlp_layout.pipe_names[0] == "presswatch_layout"
    doc = nlp_layout(ARTICLE)
    article = doc._.pw_article
    assert article.id == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert article.title == "Customs row threatens the southern corridor"
    assert article.published == "2021-12-20"
    assert article.authors == ["Ivan Morozov"]
    assert [s.kind for s in article.layout] == ["title", "dateline", "byline", "body", "boilerplate"]
    body_start = ARTICLE.index("The ministers")
    body_end = ARTICLE.index("spring.") + len("spring.")
    assert doc._.pw_regions == [(0, len(article.title)), (body_start, body_end)]


def test_component_sets_sentence_starts_the_parser_keeps(nlp_layout):
    doc = nlp_layout(ARTICLE)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Customs row threatens the southern corridor"
    assert "20 December 2021" in sents
    assert "Ivan Morozov, international observer" in sents
    assert "The ministers met in Termez on Monday." in sents
    assert "A second round is planned for spring." in sents


def test_soft_wrapped_line_is_not_split(nlp_layout):
    text = "Customs row threatens the corridor\n\nThe ministers said that\nthe fees would stay for now."
    doc = nlp_layout(text)
    assert "The ministers said that\nthe fees would stay for now." in [s.text.strip() for s in doc.sents]


def test_component_keeps_metadata_set_by_ingestion(nlp_layout):
    doc = nlp_layout.make_doc(ARTICLE)
    doc._.pw_article = Article(id="x", text=ARTICLE, title="From the page metadata", authors=["Meta Author"])
    for _, proc in nlp_layout.pipeline:
        doc = proc(doc)
    assert doc._.pw_article.title == "From the page metadata"
    assert doc._.pw_article.authors == ["Meta Author"]
    assert doc._.pw_article.published == "2021-12-20"  # was empty: filled from the text
    assert doc._.pw_article.id == "x"


def test_component_on_empty_doc(nlp_layout):
    doc = nlp_layout("")
    assert doc._.pw_regions == [] and doc._.pw_article.layout == []


# --------------------------------------------------------------------------
# Shared example and corpora (skip without ../shared)
# --------------------------------------------------------------------------


def test_shared_example_article(nlp_layout):
    path = shared_path("examples", "central-asia-2021-12-20.txt")
    text = path.read_text("utf-8")
    result = detect_layout(text)
    assert result.title == "Russia will not allow the US and NATO to dominate their \u201cunderbelly\u201d"
    assert result.published == "2021-12-20"
    assert result.authors == ["Sergey Sayenko"]
    assert kind_of(text, result, "Read on the topic") == "boilerplate"
    pos = text.index("Read on the topic")
    assert not any(s.start <= pos < s.end for s in result.layout if s.kind == "body")
    doc = nlp_layout(text)
    assert doc._.pw_article.title == result.title
    assert next(iter(doc.sents)).text.strip() == result.title


def _sample(*parts: str, pattern: str = "*.txt", count: int = 20) -> list[Path]:
    files = sorted(shared_path(*parts).glob(pattern))
    step = max(1, len(files) // count)
    return files[::step][:count]


def test_ptc_first_line_is_the_headline():
    files = _sample("data", "ptc-semeval2020-task11", "train-articles")
    found = 0
    for path in files:
        text = path.read_text("utf-8")
        result = detect_layout(text)
        first = text.split("\n", 1)[0].strip()
        assert result.title in (None, first), path.name  # never a wrong title
        found += result.title == first
    assert found >= len(files) - 1


CORPORA = [
    ("data", "ptc-semeval2020-task11", "train-articles"),
    ("data", "polnear", "dev", "text"),
    ("data", "ungdc-speeches-2014-2023", "Session_76_2021"),
]


@pytest.mark.parametrize("parts", CORPORA, ids=["ptc", "polnear", "ungdc"])
def test_no_body_text_lost_in_the_middle(parts):
    pattern = "*" if parts[1] == "polnear" else "*.txt"
    for path in _sample(*parts, pattern=pattern):
        text = path.read_text("utf-8")
        result = detect_layout(text)
        check_invariants(text, result)
        # Every paragraph-sized line is body, wherever it is.
        for line in text.splitlines():
            if len(line.split()) > 35:
                assert kind_of(text, result, line.strip()) == "body", (path.name, line[:60])
        # Boilerplate before the last body span is made of marker lines only.
        last_body = max((s.end for s in result.layout if s.kind == "body"), default=0)
        for span in result.layout:
            if span.kind == "boilerplate" and span.end < last_body:
                for line in text[span.start : span.end].splitlines():
                    assert not line.strip() or marker_kind(line.strip()), (path.name, line)
        assert any(s.kind == "body" for s in result.layout), path.name


def test_ungdc_speeches_get_no_header():
    for path in _sample("data", "ungdc-speeches-2014-2023", "Session_76_2021"):
        result = detect_layout(path.read_text("utf-8"))
        assert result.authors == [] and result.published is None, path.name
        assert not any(s.kind in ("dateline", "byline") for s in result.layout), path.name


# --------------------------------------------------------------------------
# Bundled examples (written by the team; always present)
# --------------------------------------------------------------------------

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_bundled_plain_text_example():
    text = (EXAMPLES / "kabul-corridor.txt").read_text("utf-8")
    assert 600 <= len(text.split()) <= 900
    result = detect_layout(text)
    check_invariants(text, result)
    assert result.title == "Rails through Kabul: who will guard the \u201ccorridor of peace\u201d?"
    assert result.published == "2023-03-14"
    assert result.authors == ["Timur Nazarov"]
    assert [s.kind for s in result.layout] == ["title", "dateline", "byline", "body", "boilerplate"]
    assert text[result.layout[-1].start :].startswith("Read more")
    body = result.layout[3]
    assert text[body.start : body.end].endswith("firmly and in one voice.")
    # The quoting features the demo relies on.
    assert "\u201c" in text and "\u201d" in text and '"' in text and "\u2018" in text


def test_bundled_html_example_has_page_furniture_and_metadata():
    from html.parser import HTMLParser

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.meta: dict[str, str] = {}
            self.tags: set[str] = set()
            self.canonical = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            self.tags.add(tag)
            if tag == "meta" and (a.get("property") or a.get("name")):
                self.meta[a.get("property") or a.get("name")] = a.get("content", "")
            if tag == "link" and a.get("rel") == "canonical":
                self.canonical = a.get("href")

    page = Collect()
    page.feed((EXAMPLES / "newsroom-page.html").read_text("utf-8"))
    assert page.meta["og:title"] and page.meta["author"] and page.meta["og:site_name"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT.+", page.meta["article:published_time"])
    assert page.canonical and page.canonical.startswith("https://")
    assert {"nav", "footer", "script", "aside", "article"} <= page.tags
