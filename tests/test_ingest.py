"""Readers of presswatch.ingest: text files, HTML, JSONL, stdin, folders, globs, bad input."""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest

from presswatch.config import load_config
from presswatch.errors import (
    BinaryInput,
    ConfigError,
    DecodeError,
    EmptyInput,
    InputError,
    MalformedRecord,
    TooLarge,
)
from presswatch.ingest import IngestSettings, check_size, decode_bytes, load_one, read_inputs
from presswatch.types import Article

STORY = (
    "Mayor promises “swift” repairs after flood\n"
    "Published: 2024-02-11\n"
    "By Ana Ruiz\n\n"
    "The mayor said on Sunday the city would repair the riverside road “within weeks”.\n"
)


@pytest.fixture()
def config():
    return load_config()


def small(max_chars: int) -> dict:
    return load_config(overrides={"ingest": {"max_chars": max_chars}})


def read_all(inputs, config):
    return list(read_inputs([str(i) for i in inputs], config))


def one(inputs, config):
    (item,) = read_all(inputs, config)
    return item


# -- plain text ------------------------------------------------------------------------


def test_utf8_without_bom(tmp_path, config):
    path = tmp_path / "a.txt"
    path.write_bytes(STORY.encode("utf-8"))
    article = one([path], config)
    assert isinstance(article, Article)
    assert article.text == STORY
    assert article.encoding == "utf-8"
    assert article.source == str(path)
    assert article.id == hashlib.sha256(STORY.encode("utf-8")).hexdigest()
    assert article.layout == [] and article.language is None  # left to the pipeline


def test_utf8_with_bom_is_decoded_without_the_mark(tmp_path, config):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + STORY.encode("utf-8"))
    article = one([path], config)
    assert article.text == STORY  # offsets count from the first character after the BOM
    assert article.encoding == "utf-8-sig"


def test_newlines_and_spacing_kept_unchanged(tmp_path, config):
    text = "Title\r\n\r\n  Body line one.\r\nBody\tline two.  \r\n"
    path = tmp_path / "crlf.text"
    path.write_bytes(text.encode("utf-8"))
    assert one([path], config).text == text


def test_cp1252_detected_and_reported(tmp_path, config):
    text = ("The minister said the café owners’ complaints were “unfounded” — and that the naïve critics "
            "would see. Prices rose by 5 € last week, according to the chamber of commerce.\n")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    article = one([path], config)
    assert article.text == text
    assert article.encoding == "cp1252"


def test_latin1_german_decoded(tmp_path, config):
    text = "Die Regierung hat erklärt, dass die Maßnahmen später überprüft würden. Der Bürgermeister äußerte sich nicht."
    path = tmp_path / "de.txt"
    path.write_bytes(text.encode("latin-1"))
    article = one([path], config)
    assert article.text == text
    assert article.encoding in {"cp1252", "latin_1", "iso8859_15"}


def test_cyrillic_legacy_encoding_detected(tmp_path, config):
    text = "Президент России заявил, что Москва не позволит США доминировать в регионе."
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    article = one([path], config)
    assert article.text == text
    assert article.encoding == "cp1251"


def test_utf16_with_bom(tmp_path, config):
    path = tmp_path / "u16.txt"
    path.write_bytes(STORY.encode("utf-16"))  # NUL bytes, but a BOM says what they are
    article = one([path], config)
    assert article.text == STORY
    assert article.encoding == "utf-16"


@pytest.mark.parametrize(
    "data",
    [
        bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)),  # PNG header
        b"%PDF-1.7\n" + bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 30,  # control bytes, no NUL
    ],
)
def test_binary_file(tmp_path, config, data):
    path = tmp_path / "image.txt"
    path.write_bytes(data)
    error = one([path], config)
    assert isinstance(error, BinaryInput)
    assert error.code == "E003"
    assert error.source == str(path)


def test_undecodable_bytes_in_utf8_text(tmp_path, config):
    text = "Der Bürgermeister sagte, die Straße werde „bald“ geöffnet. " * 3
    path = tmp_path / "broken.txt"
    path.write_bytes(text.encode("utf-8") + b" caf\xe9 \xff\xfe")
    error = one([path], config)
    assert isinstance(error, DecodeError)
    assert "invalid at byte" in error.message


def test_undecodable_bytes_no_encoding_fits(tmp_path, config):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 8)
    error = one([path], config)
    assert isinstance(error, DecodeError)
    assert error.code == "E004"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_and_whitespace_only(tmp_path, config, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    error = one([path], config)
    assert isinstance(error, EmptyInput)
    assert error.code == "E002"


def test_missing_path(tmp_path, config):
    missing = tmp_path / "nope.txt"
    error = one([missing], config)
    assert type(error) is InputError
    assert error.source == str(missing)
    assert str(error) == "[E001] no such file or directory"


def test_too_many_characters(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("é" * 51, encoding="utf-8")  # 51 characters, 102 bytes: under the byte limit
    error = one([path], small(50))
    assert isinstance(error, TooLarge)
    assert "51 characters, over the limit of 50" in error.message
    assert isinstance(one([path], small(51)), Article)


def test_too_many_bytes_refused_before_decoding(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 1000)
    error = one([path], small(100))  # byte limit: 4 * 100 + 4
    assert isinstance(error, TooLarge)
    assert "404 bytes" in error.message


def test_check_size(config):
    check_size("x" * 10, "s", small(10))
    with pytest.raises(TooLarge) as info:
        check_size("x" * 11, "somewhere", small(10))
    assert info.value.source == "somewhere"


@pytest.mark.parametrize("bad", [{"max_chars": "many"}, {"max_chars": 0}, {"timeout": -1}, {"allow_private": "yes"}])
def test_bad_ingest_config(bad):
    with pytest.raises(ConfigError, match=r"\[ingest\]"):
        IngestSettings.from_config(load_config(overrides={"ingest": bad}))


def test_decode_bytes_prefers_valid_utf8_over_wrong_declaration():
    assert decode_bytes("Zürich".encode(), "x", declared="iso-8859-1") == ("Zürich", "utf-8")
    assert decode_bytes("Zürich".encode("latin-1"), "x", declared="iso-8859-1") == ("Zürich", "iso8859-1")


# -- HTML --------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Minister rejects “unfounded” claims | The Daily Ledger</title>
<link rel="canonical" href="https://ledger.example.com/politics/minister-rejects-claims">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="Minister rejects “unfounded” claims">
<meta name="author" content="Jane Roe; John Doe">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<script>window.tracker = "do not extract me";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article><h1>Minister rejects “unfounded” claims</h1>
<p>The finance minister on Tuesday rejected what she called “unfounded and reckless” claims by the
opposition that the budget had been manipulated before the vote in parliament.</p>
<p>“These figures were checked by the independent audit office three times,” Minister Anna Berg told
reporters in the capital, adding that she would publish the full report next week.</p>
<p>Opposition leader Tom Hale said the government was “hiding the truth” and demanded an inquiry into the
accounts of the ministry, which he said had grown café-style “slush funds”.</p>
</article>
<footer>© 2024 The Daily Ledger. Subscribe to our newsletter.</footer>
</body></html>
"""


def write_html(tmp_path, name="page.html", charset="utf-8", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(HTML_PAGE.replace("{charset}", charset).encode(encoding))
    return path


def test_html_file_with_metadata(tmp_path, config):
    article = one([write_html(tmp_path)], config)
    assert isinstance(article, Article)
    assert article.title == "Minister rejects “unfounded” claims"
    assert article.published == "2024-03-05"
    assert article.authors == ["Jane Roe", "John Doe"]
    assert article.outlet == "The Daily Ledger"
    assert article.url == "https://ledger.example.com/politics/minister-rejects-claims"
    assert article.encoding == "utf-8"
    assert article.text.startswith("Minister rejects “unfounded” claims\n\nThe finance minister")
    assert "\n\n“These figures were checked" in article.text  # paragraphs as blank-line blocks
    assert "\n\nOpposition leader Tom Hale" in article.text
    for noise in ("do not extract me", "Home", "Subscribe"):
        assert noise not in article.text
    assert article.id == hashlib.sha256(article.text.encode()).hexdigest()
    assert article.layout == []


def test_html_declared_legacy_charset(tmp_path, config):
    path = write_html(tmp_path, "legacy.htm", charset="windows-1252", encoding="cp1252")
    article = one([path], config)
    assert article.encoding == "cp1252"
    assert "café-style “slush funds”" in article.text


def test_html_title_put_first_when_body_lacks_it(tmp_path, config):
    body = "<p>" + "The committee met on Monday to discuss the new harbour budget and its delays. " * 4 + "</p>"
    page = (f"<html><head><title>Harbour budget delayed</title></head><body><div class='story'>{body}"
            "</div></body></html>")
    path = tmp_path / "story.xhtml"
    path.write_text(page, encoding="utf-8")
    article = one([path], config)
    assert article.title == "Harbour budget delayed"
    assert article.text.startswith("Harbour budget delayed\n\nThe committee met on Monday")
    assert article.published is None and article.authors == []


def test_html_without_article_text(tmp_path, config):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><div> </div></body></html>", encoding="utf-8")
    error = one([path], config)
    assert isinstance(error, EmptyInput)
    assert "no article text" in error.message


def test_html_recognised_in_a_file_without_suffix(tmp_path, config):
    path = tmp_path / "saved_page"
    path.write_text(HTML_PAGE.replace("{charset}", "utf-8"), encoding="utf-8")
    article = load_one(path, config)
    assert article.outlet == "The Daily Ledger"


# -- load_one ------------------------------------------------------------------------------


def test_load_one_raw_text(config):
    article = load_one("Officials said the bridge will reopen.", config)
    assert article.source == "<text>"
    assert article.text == "Officials said the bridge will reopen."
    assert article.encoding is None


def test_load_one_file_and_bad_items(tmp_path, config):
    path = tmp_path / "a.md"
    path.write_text(STORY, encoding="utf-8")
    assert load_one(str(path), config).text == STORY
    assert load_one(path, config).source == str(path)
    with pytest.raises(InputError, match="no such file"):
        load_one(tmp_path / "missing", config)  # a Path is never raw text
    with pytest.raises(InputError, match="no such file"):
        load_one("artcle.txt", config)  # a typo in a file name, not a one-line article
    with pytest.raises(InputError, match="is a directory"):
        load_one(tmp_path, config)
    for blank in ("", "   ", "\n\t"):  # "" is not Path("") (the working folder: "is a directory")
        with pytest.raises(EmptyInput):
            load_one(blank, config)
    with pytest.raises(TooLarge):
        load_one("word " * 30, small(100))
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text('{"text": "a"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="read_inputs"):
        load_one(jsonl, config)


# -- folders and globs -----------------------------------------------------------------------


def make_tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "z.txt").write_text("Zeta story text.", encoding="utf-8")
    (root / "a.TXT").write_text("Alpha story text.", encoding="utf-8")
    (root / "b" / "m.md").write_text("Mu story text.", encoding="utf-8")
    (root / "b" / "deep" / "n.jsonl").write_text('{"text": "Nu one."}\n{"text": "Nu two."}\n', encoding="utf-8")
    (root / "b" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (root / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00")
    (root / ".hidden" / "secret.txt").write_text("Hidden.", encoding="utf-8")
    (root / ".dotfile.txt").write_text("Hidden too.", encoding="utf-8")


def test_directory_walk_recursive_sorted_filtered(tmp_path, config):
    make_tree(tmp_path)
    items = read_all([tmp_path], config)
    assert all(isinstance(i, Article) for i in items)
    assert [i.text for i in items] == ["Alpha story text.", "Nu one.", "Nu two.", "Mu story text.", "Zeta story text."]
    assert items[1].source == f"{tmp_path / 'b' / 'deep' / 'n.jsonl'}:1"


def test_empty_directory_is_an_error(tmp_path, config):
    (tmp_path / "other.csv").write_text("x", encoding="utf-8")
    error = one([tmp_path], config)
    assert type(error) is InputError
    assert error.source == str(tmp_path)


def test_glob_expanded_sorted_and_no_match_is_error(tmp_path, config):
    make_tree(tmp_path)
    items = read_all([tmp_path / "*.txt", tmp_path / "**" / "*.md", tmp_path / "*.nothing"], config)
    assert [i.text for i in items[:2]] == ["Zeta story text.", "Mu story text."]  # *.txt is case-sensitive
    assert isinstance(items[2], InputError)
    assert items[2].message == "glob matched nothing"
    assert items[2].source == str(tmp_path / "*.nothing")


def test_bad_inputs_do_not_stop_the_others(tmp_path, config):
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    items = read_all([tmp_path / "missing.txt", empty, "ftp://example.org/a.txt", good], config)
    assert [type(i).__name__ for i in items] == ["InputError", "EmptyInput", "InputError", "Article"]
    assert items[2].message.startswith("unsupported URL scheme")
    assert all("\n" not in str(i) for i in items[:3])


# -- JSONL ---------------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path, config):
    lines = [
        json.dumps({"text": "First story.", "title": "One", "published": "2021-12-20",
                    "authors": ["A. Writer"], "url": "https://n.example/1", "source": "wire-1", "id": "x1"}),
        "",
        json.dumps({"text": "Second story.", "url": "https://n.example/2", "published": "2021-12-21T10:14:00Z"}),
        "{not json",
        "[1, 2]",
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Bad authors.", "authors": "A. Writer"}),
        json.dumps({"text": "Bad date.", "published": "20 December 2021"}),
        json.dumps({"text": "Bad title.", "title": ["x"]}),
        json.dumps({"text": "   "}),
        "   ",
        json.dumps({"text": "Last story."}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all([path], config)
    kinds = [(type(i).__name__, i.source) for i in items]
    assert kinds == [
        ("Article", "wire-1"),
        ("Article", "https://n.example/2"),
        ("MalformedRecord", f"{path}:4"),
        ("MalformedRecord", f"{path}:5"),
        ("MalformedRecord", f"{path}:6"),
        ("MalformedRecord", f"{path}:7"),
        ("MalformedRecord", f"{path}:8"),
        ("MalformedRecord", f"{path}:9"),
        ("MalformedRecord", f"{path}:10"),
        ("EmptyInput", f"{path}:11"),
        ("Article", f"{path}:13"),
    ]
    first, second = items[0], items[1]
    assert (first.title, first.published, first.authors, first.url) == ("One", "2021-12-20", ["A. Writer"],
                                                                          "https://n.example/1")
    assert first.id == hashlib.sha256(b"First story.").hexdigest()  # a given id does not replace the hash
    assert (first.external_id, second.external_id) == ("x1", None)
    assert second.published == "2021-12-21"
    assert isinstance(items[2], MalformedRecord) and items[2].code == "E008"
    assert "invalid JSON" in items[2].message
    assert "expected a JSON object" in items[3].message
    assert "no \"text\"" in items[4].message


def test_jsonl_bom_bad_utf8_and_too_long_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        codecs.BOM_UTF8 + b'{"text": "With BOM."}\n'
        + b'{"text": "caf\xe9"}\n'
        + b'{"text": "' + b"w" * 2000 + b'"}\n'
        + b'{"text": "After the long line."}'  # no final newline
    )
    items = read_all([path], small(100))  # line limit: 2 * (4 * 100 + 4) bytes
    assert isinstance(items[0], Article) and items[0].text == "With BOM."
    assert isinstance(items[1], DecodeError) and items[1].source == f"{path}:2"
    assert isinstance(items[2], TooLarge) and items[2].source == f"{path}:3"
    assert isinstance(items[3], Article) and items[3].source == f"{path}:4"


def test_jsonl_text_over_max_chars_names_the_line(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": "x" * 30, "source": "named"}) + "\n", encoding="utf-8")
    error = one([path], small(20))
    assert isinstance(error, TooLarge)
    assert error.source == f"{path}:1"


def test_empty_jsonl_file(tmp_path, config):
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert isinstance(one([path], config), EmptyInput)


def test_json_file_is_read_as_records_not_as_article_text(tmp_path, config):
    # an article saved as .json was analysed as its own JSON source ('{"text": ...')
    one_record = tmp_path / "story.json"
    one_record.write_text(json.dumps({"text": STORY, "title": "Bridge", "published": "2021-12-20"}), encoding="utf-8")
    (article,) = read_inputs([str(one_record)], config)
    assert (article.text, article.title, article.published, article.source) == (
        STORY, "Bridge", "2021-12-20", str(one_record))
    many = tmp_path / "batch.json"
    many.write_text(json.dumps([{"text": "First note by the desk."}, {"title": "no text"}, "x",
                                {"text": "Second note.", "source": "wire-2"}]), encoding="utf-8")
    items = list(read_inputs([str(many)], config))
    assert [type(i).__name__ for i in items] == ["Article", "MalformedRecord", "MalformedRecord", "Article"]
    assert items[1].source == f"{many}[1]" and items[3].source == "wire-2"
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "a",', encoding="utf-8")
    assert isinstance(one([broken], config), MalformedRecord)
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    assert isinstance(one([empty], config), EmptyInput)
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "meta.json").write_text('{"not": "an article"}', encoding="utf-8")
    assert isinstance(one([tmp_path / "folder"], config), InputError)  # folders are not searched for .json


# -- stdin -----------------------------------------------------------------------------------------


def fake_stdin(monkeypatch, data: bytes | str):
    stream = io.StringIO(data) if isinstance(data, str) else io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stream)


def test_stdin_plain_text(monkeypatch, config):
    fake_stdin(monkeypatch, STORY.encode("utf-8"))
    article = one(["-"], config)
    assert article.text == STORY
    assert article.source == "<stdin>"
    assert article.encoding == "utf-8"


def test_stdin_plain_text_legacy_bytes(monkeypatch, config):
    text = "The café owners’ complaints were “unfounded”, the naïve minister said on Monday evening."
    fake_stdin(monkeypatch, text.encode("cp1252"))  # decoded from the raw bytes, not the text layer
    article = one(["-"], config)
    assert article.text == text
    assert article.encoding == "cp1252"


def test_stdin_text_stream_without_buffer(monkeypatch, config):
    fake_stdin(monkeypatch, "\n  A story typed into a text stream.\n")
    article = one(["-"], config)
    assert article.text == "\n  A story typed into a text stream.\n"


def test_stdin_jsonl_with_line_numbers(monkeypatch, config):
    data = '\n  \n{"text": "From stdin."}\n{"text": 1}\n{"text": "Again.", "source": "s2"}\n'
    fake_stdin(monkeypatch, data.encode("utf-8"))
    items = read_all(["-"], config)
    assert [(type(i).__name__, i.source) for i in items] == [
        ("Article", "<stdin>:3"), ("MalformedRecord", "<stdin>:4"), ("Article", "s2")]
    assert items[0].text == "From stdin."


def test_stdin_empty_and_too_large(monkeypatch, config):
    fake_stdin(monkeypatch, b"  \n\n")
    assert isinstance(one(["-"], config), EmptyInput)
    fake_stdin(monkeypatch, b"word " * 200)
    error = one(["-"], small(100))
    assert isinstance(error, TooLarge)
    assert error.source == "<stdin>"


def test_stdin_html(monkeypatch, config):
    fake_stdin(monkeypatch, HTML_PAGE.replace("{charset}", "utf-8").encode("utf-8"))
    article = one(["-"], config)
    assert article.title == "Minister rejects “unfounded” claims"
    assert article.source == "<stdin>"


# -- the shared example, when present -------------------------------------------------------------


def test_shared_example_reads_unchanged(config):
    from conftest import shared_path

    path = shared_path("examples", "central-asia-2021-12-20.txt")
    article = load_one(path, config)
    assert article.text == path.read_bytes().decode(article.encoding)
    assert article.title is None  # layout fills it, not ingestion


def test_nul_characters_in_records_are_refused_and_the_rest_continue(tmp_path, config):
    # NUL is never text, and PostgreSQL refuses it: refused at ingest so both stores agree
    lines = [
        json.dumps({"text": "Bad\u0000story."}),
        json.dumps({"text": "Bad title.", "title": "x\u0000"}),
        json.dumps({"text": "Bad authors.", "authors": ["A\u0000B"]}),
        json.dumps({"text": "Good story."}),
    ]
    path = tmp_path / "nul.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all([path], config)
    assert [type(i).__name__ for i in items] == ["BinaryInput", "MalformedRecord", "MalformedRecord", "Article"]
    assert "NUL" in items[0].message and items[0].source == f"{path}:1"
    assert "\"title\" contains a NUL" in items[1].message
    assert "\"authors\" contains a NUL" in items[2].message
    with pytest.raises(BinaryInput, match="NUL"):
        load_one("Raw\u0000text given directly.", config)
