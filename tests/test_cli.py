"""The CLI through a real subprocess: formats, exit codes, one-line errors, stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from presswatch.schema import validate

ARTICLE = """Ministers meet in Geneva over corridor dispute

Published: Dec. 20, 2021 10:14 GMT

By Anna Petrova and John Smith

Foreign Minister Sergei Lavrov said on Monday that Moscow would "never accept" foreign bases in the region.
"We have warned our partners many times," Lavrov told reporters in Geneva.
"""


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "presswatch.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


@pytest.fixture()
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_help_lists_analyze():
    result = run("--help")
    assert result.returncode == 0
    assert "analyze" in result.stdout


def test_json_output_is_schema_valid(article_file):
    result = run("analyze", str(article_file), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    validate(data)
    assert data["article"]["source"] == str(article_file)
    assert data["article"]["authors"] == ["Anna Petrova", "John Smith"]
    assert data["article"]["published"] == "2021-12-20"
    assert any(e["label"] == "PERSON" and e["text"] == "Sergei Lavrov" for e in data["entities"])


def test_bad_inputs_are_reported_and_the_rest_is_written(tmp_path, article_file):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n\t", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 64)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out.jsonl"
    result = run("analyze", str(article_file), str(empty), str(missing), str(binary), "--format", "jsonl", "-o", str(out))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    for path, line in zip((empty, missing, binary), lines):
        assert str(path) in line
    assert "Traceback" not in result.stderr
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [d["article"]["source"] for d in docs] == [str(article_file)]


def test_usage_errors_exit_2():
    assert run("analyze").returncode == 2
    result = run("analyze", "x.txt", "--format", "pdf")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_bad_config_and_model_exit_2(tmp_path, article_file):
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline\nmodel = 1", encoding="utf-8")
    result = run("analyze", str(article_file), "--config", str(bad))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "E101" in result.stderr
    result = run("analyze", str(article_file), "--model", "no_such_spacy_model")
    assert result.returncode == 2 and "E102" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_unwritable_output_is_one_line_before_any_analysis(tmp_path, article_file, fmt, monkeypatch):
    from presswatch import cli
    from presswatch.pipeline import Analyzer

    def must_not_run(*args, **kwargs):
        raise AssertionError("analysed before checking -o")

    monkeypatch.setattr(Analyzer, "__init__", must_not_run)
    for target, reason in [(tmp_path, "it is a folder"), (tmp_path / "no" / "x.out", "does not exist")]:
        result = run("analyze", str(article_file), "--format", fmt, "-o", str(target))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines() == [f"presswatch: error: [E103] cannot write {target}: " + (
            reason if reason != "does not exist" else f"folder {target.parent} does not exist")]
        # in-process: refused before the models load
        assert cli.main(["analyze", str(article_file), "--format", fmt, "-o", str(target)]) == 2
    before = article_file.read_text("utf-8")
    assert cli.main(["analyze", str(article_file), "--format", fmt, "-o", str(article_file)]) == 2
    assert article_file.read_text("utf-8") == before  # the article is not replaced by its report


def test_layer_is_checked_before_the_analysis_and_implies_csv(article_file, monkeypatch, capsys):
    from presswatch import cli
    from presswatch.pipeline import Analyzer

    def must_not_run(*args, **kwargs):
        raise AssertionError("analysed before checking --layer")

    monkeypatch.setattr(Analyzer, "__init__", must_not_run)
    # an --layer that a JSON report would silently ignore, and a misspelt layer
    assert cli.main(["analyze", str(article_file), "--format", "json", "--layer", "quotes"]) == 2
    assert "--layer only applies to --format csv" in capsys.readouterr().err
    assert cli.main(["analyze", str(article_file), "--layer", "qoutes"]) == 2
    assert "unknown CSV layer(s) qoutes" in capsys.readouterr().err
    monkeypatch.undo()
    result = run("analyze", str(article_file), "--layer", "entities")  # no --format: CSV
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "article_id,source,entity_id,label,start,end,text,actor,actor_name," \
                                            "reading,country"


@pytest.mark.parametrize("command", [["search", "grain"], ["actor", "Lavrov"], ["stances"], ["export"]])
def test_query_commands_do_not_create_a_missing_corpus(tmp_path, command):
    # a misspelt --db made a new empty store and answered "no hits"
    typo = tmp_path / "corpsu.db"
    result = run(*command, "--db", f"sqlite:///{typo}")
    assert result.returncode == 1 and not typo.exists()
    assert result.stderr.strip().splitlines() == [
        f"presswatch: error: [E201] no corpus at {typo}; create one with: presswatch ingest INPUT... "
        f"--db sqlite:///{typo}"]


def test_export_to_an_unwritable_path_is_one_line(tmp_path):
    result = run("export", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--format", "csv", "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"presswatch: error: [E103] cannot write {tmp_path}: it is a folder"]
    result = run("export", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--format", "parquet")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["presswatch: error: [E101] --format parquet needs -o FILE"]


def test_stdin_plain_text_and_jsonl():
    result = run("analyze", "-", "--format", "json", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["article"]["text"] == ARTICLE
    records = "\n".join(json.dumps({"text": t, "source": s}) for t, s in [(ARTICLE, "one"), ("Short note by the desk.", "two")])
    result = run("analyze", "-", "--format", "jsonl", stdin=records + "\n{broken\n")
    assert result.returncode == 1
    assert [json.loads(l)["article"]["source"] for l in result.stdout.splitlines()] == ["one", "two"]
    assert "3" in result.stderr  # the malformed line is named by its number


def test_max_chars_refuses_long_documents(article_file):
    result = run("analyze", str(article_file), "--max-chars", "50")
    assert result.returncode == 1
    assert "E005" in result.stderr and str(article_file) in result.stderr


def test_non_english_text_warns(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Der Außenminister sagte am Montag, dass die Regierung keine ausländischen Militärbasen "
                    "in der Region akzeptieren werde. Die Verhandlungen würden fortgesetzt.", encoding="utf-8")
    result = run("analyze", str(path), "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["article"]["language"] == "de"
    assert "warning" in result.stderr and "W001" in result.stderr


def test_html_report_is_written_and_escapes_article_text(tmp_path):
    path = tmp_path / "xss.txt"
    path.write_text("Officials said <script>alert(1)</script> was found in the ministry's memo "
                    "<img src=x onerror=alert(2)> on Tuesday.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = run("analyze", str(path), "--format", "html", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text("utf-8")
    from html.parser import HTMLParser

    class Inspector(HTMLParser):
        scripts, handlers, imgs = [], [], []
        _in_script = False

        def handle_starttag(self, tag, attrs):
            self._in_script = tag == "script"
            self.handlers += [name for name, _ in attrs if name.startswith("on")]
            if tag == "img":
                self.imgs.append(attrs)

        def handle_data(self, data):
            if self._in_script:
                self.scripts.append(data)

        def handle_endtag(self, tag):
            self._in_script = False

    inspector = Inspector()
    inspector.feed(page)
    assert not any("alert(" in code for code in inspector.scripts)
    assert inspector.handlers == [] and inspector.imgs == []
    assert "alert(1)&lt;/script&gt;" in page  # the text is shown, escaped


def test_a_component_failure_on_one_document_does_not_sink_the_batch(tmp_path, monkeypatch, capsys):
    from presswatch import cli
    from presswatch.pipeline import Analyzer

    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
    bad.write_text("The spokesman said nothing had changed.\n", encoding="utf-8")
    real = Analyzer.analyze

    def flaky(self, item):
        if item.source == str(bad):
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, item)

    monkeypatch.setattr(Analyzer, "analyze", flaky)
    out = tmp_path / "out.jsonl"
    status = cli.main(["analyze", str(bad), str(good), "--format", "jsonl", "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{bad}: [E203] analysis failed: RecursionError" in err and "Traceback" not in err
    assert [json.loads(l)["article"]["source"] for l in out.read_text("utf-8").splitlines()] == [str(good)]
    with pytest.raises(RecursionError):
        cli.main(["--debug", "analyze", str(bad), "--format", "json", "-o", str(tmp_path / "x.json")])


@pytest.mark.parametrize("command", [
    ["analyze", "{article}", "--format", "jsonl"],
    ["analyze", "{article}", "--format", "text"],  # rich's own handler would exit with status 1
    ["search", "corridor", "--db", "sqlite:///{db}"],
])
def test_a_closed_stdout_ends_quietly(article_file, tmp_path, command):
    # `presswatch ... | head -0`: the reader is gone before anything is written
    from presswatch.store import open_store

    open_store(f"sqlite:///{tmp_path / 'c.db'}").close()  # an empty corpus: search answers "no hits"
    args = [a.format(article=article_file, db=tmp_path / "c.db") for a in command]
    proc = subprocess.Popen([sys.executable, "-m", "presswatch.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    proc.stdout.close()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_short_or_name_heavy_english_gets_no_language_verdict():
    from presswatch.language import detect_language

    assert detect_language("Putin met Biden in Geneva.") is None  # langdetect: nl 0.57 / de 0.43
    assert detect_language("Kenyan police fired tear gas at protesters in Nairobi.") == "en"
    assert detect_language("Der Minister sagte, die Gespräche seien gut verlaufen.") == "de"
    assert detect_language("Oil up.") is None


def test_help_and_corpus_commands_do_not_load_spacy():
    code = ("import sys\nfrom presswatch.cli import main\n"
            "for argv in (['--help'], ['search', '--help'], ['eval', '--help']):\n"
            "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
            "print('spacy' in sys.modules, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr
    import presswatch

    assert presswatch.Analyzer.__name__ == "Analyzer" and "Corpus" in dir(presswatch)


def test_a_chosen_subcommand_gets_its_arguments_and_the_rest_stay_listed():
    from presswatch.cli import build_parser

    parser = build_parser(["eval", "techniques", "--ptc", "x"])
    args = parser.parse_args(["eval", "techniques", "--ptc", "x"])
    assert args.ptc == "x" and callable(args.func)
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert {"analyze", "search", "eval", "train", "kb"} <= set(sub.choices)


def test_output_is_left_alone_when_every_input_fails(tmp_path):
    out = tmp_path / "report.json"
    out.write_text('{"earlier": "report"}\n', encoding="utf-8")
    result = run("analyze", str(tmp_path / "missing.txt"), str(tmp_path / "also-missing.txt"),
                 "--format", "json", "-o", str(out))
    assert result.returncode == 1
    assert "left as it was" in result.stderr and "missing.txt" in result.stderr
    assert out.read_text(encoding="utf-8") == '{"earlier": "report"}\n'
    good = tmp_path / "good.txt"
    good.write_text("Japan condemned North Korea for the missile launch on Monday.", encoding="utf-8")
    result = run("analyze", str(good), str(tmp_path / "missing.txt"), "--format", "json", "-o", str(out))
    assert result.returncode == 1 and json.loads(out.read_text(encoding="utf-8"))["article"]["text"].startswith("Japan")
