"""Events on archive-style news (1990s-2000s people, international officials, armed groups) and the
"Congo" default; sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from presswatch.eval_events import actor_code, main_event
from presswatch.kb import load_kb
from presswatch.stances import in_office
from presswatch.types import Actor, Analysis, Article, Role

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def analyzer():
    from presswatch import Analyzer

    return Analyzer(layers=["quotes", "actors", "events"])


def _main(analyzer, text, date=None):
    analysis = analyzer.analyze(Article(id="t", text=text, published=date))
    event = main_event(analysis.events)
    assert event is not None, text
    return analysis, event


@pytest.mark.parametrize("text,source", [
    ("Congo's government asked the United Nations to send more peacekeepers.", "COD"),
    ("The Congolese army accused Rwanda of arming the rebels.", "COD"),
    ("Officials in Brazzaville said Congo rejected the offer from Gabon.", "COG"),
    ("The Republic of the Congo said on Monday that Congo rejected the offer from Gabon.", "COG"),
    ("Kinshasa said Congo rejected the offer from Uganda, days after Brazzaville agreed to it.", "COD"),
])
def test_congo_is_the_democratic_republic_unless_the_text_names_the_other(analyzer, text, source):
    analysis, event = _main(analyzer, text)
    assert actor_code(analysis, event.source.actor) == source


def test_kb_gives_bare_congo_to_the_democratic_republic():
    kb = load_kb()
    assert kb.country_of("Congo") == "COD" and kb.country_of("Congolese") == "COD"
    assert kb.country_of("Republic of the Congo") == "COG" and kb.country_of("Congo-Brazzaville") == "COG"


def test_international_official_in_office_codes_as_igo(analyzer):
    text = "Secretary-General Kofi Annan urged Iraq to let the weapons inspectors return."
    analysis, event = _main(analyzer, text, "2000-01-01")
    assert event.type == "REQUEST" and event.source.actor == "kofi-annan-igo"
    assert actor_code(analysis, event.source.actor) == "IGO"
    assert actor_code(analysis, event.target.actor) == "IRQ"


def test_official_of_a_state_before_an_international_post_codes_as_the_state(analyzer):
    # Ban Ki-moon as South Korea's foreign minister, before he led the United Nations
    text = "Ban Ki-moon condemned North Korea's missile launch."
    analysis, event = _main(analyzer, text, "2006-07-10")
    assert actor_code(analysis, event.source.actor) == "KOR"
    later, event = _main(analyzer, text, "2012-04-13")
    assert actor_code(later, event.source.actor) == "IGO"


def test_armed_group_from_the_phoenix_list_has_its_country(analyzer):
    text = "Abu Sayyaf Group gunmen kidnapped twenty tourists from a resort."
    analysis, event = _main(analyzer, text, "2000-05-01")
    assert event.type == "ASSAULT" and actor_code(analysis, event.source.actor) == "PHL"


def test_an_international_post_speaks_for_no_state():
    un = Role(title="official of United Nations", organization="United Nations", start="2007-01-01", end="2016-12-31")
    minister = Role(title="Minister for Foreign Affairs", country="KOR", start="2004-01-17", end="2006-11-09")
    ban = Actor(id="b", name="Ban", type="person", country="KOR", roles=[un, minister])
    assert in_office(ban, "2010-01-01") is None
    assert in_office(ban, "2005-01-01") == "KOR"
    envoy = Role(title="Ambassador to the United Nations", organization="United Nations", country="KOR",
                 start="2010-01-01", end="2012-01-01")
    assert in_office(Actor(id="e", name="E", type="person", country="KOR", roles=[envoy]), "2011-01-01") == "KOR"


def test_actor_code_of_a_person_without_roles_is_the_country():
    analysis = Analysis(article=Article(id="a", text="x"),
                        actors=[Actor(id="p", name="P", type="person", country="FRA")])
    assert actor_code(analysis, "p") == "FRA"


# -- verbs neither dictionary has: WordNet relations to curated verbs --------------------------

def _tiny_wordnet(folder):
    """A four-synset WordNet in the database format: 'upbraidx' shares a synset with 'rebuke',
    'firebombx' is a kind of 'bomb', 'muddlex' shares one with 'rebuke' and one with 'veto'."""
    synsets = {
        "00000001": (["upbraidx", "rebuke"], []),
        "00000002": (["bomb"], []),
        "00000003": (["firebombx"], ["00000002"]),
        "00000004": (["muddlex", "rebuke", "veto"], []),
        "00000005": (["lastx"], []),
        "00000006": (["lastx", "rebuke"], []),
    }
    lines = []
    for off, (words, hypers) in synsets.items():
        ws = " ".join(f"{w} 0" for w in words)
        ptrs = " ".join(f"@ {h} v 0000" for h in hypers)
        lines.append(f"{off} 32 v {len(words):02x} {ws} {len(hypers):03d} {ptrs} 00 | gloss".replace("  ", " "))
    (folder / "data.verb").write_text("  1 licence header\n" + "\n".join(lines) + "\n", encoding="utf-8")
    index = {"upbraidx": ["00000001"], "firebombx": ["00000003"], "muddlex": ["00000004"],
             "lastx": ["00000005", "00000005", "00000006"], "rebuke": ["00000001"]}
    (folder / "index.verb").write_text("  1 licence header\n" + "\n".join(
        f"{w} v {len(o)} 1 @ {len(o)} 0 {' '.join(o)}" for w, o in index.items()) + "\n", encoding="utf-8")


def test_wordnet_table_from_synonyms_and_hypernyms_of_curated_verbs(tmp_path):
    from presswatch.event_lexicon import load_lexicon, parse_wordnet

    _tiny_wordnet(tmp_path)
    rows = {r[0]: r[1:] for r in parse_wordnet(tmp_path, load_lexicon())}
    assert rows["upbraidx"] == ("ACCUSE", "rebuke", "synonym")
    assert rows["firebombx"] == ("ASSAULT", "bomb", "hypernym")
    assert "muddlex" not in rows  # reaches verbs of two types
    assert "lastx" not in rows  # only its third sense reaches a curated verb
    assert "rebuke" not in rows  # curated verbs keep their own cue


def test_unknown_verb_is_coded_through_wordnet_and_the_option_turns_it_off():
    from presswatch import Analyzer

    text = "Seoul upbraided Tokyo over the new school textbooks."
    on = Analyzer(layers=["actors", "events"]).analyze(Article(id="t", text=text))
    assert [(e.type, e.cameo) for e in on.events] == [("ACCUSE", None)]
    off = Analyzer(layers=["actors", "events"], overrides={"events": {"wordnet_fallback": ""}}).analyze(
        Article(id="t", text=text))
    assert off.events == []


def test_bad_wordnet_option_is_a_config_error():
    from presswatch.errors import ConfigError
    from presswatch.events import EventsComponent

    with pytest.raises(ConfigError):
        EventsComponent(wordnet_fallback="synonym,antonym")


def test_eval_events_reads_a_config_and_reports_a_bad_one(tmp_path, capsys):
    import argparse

    from presswatch import eval_events

    dev = tmp_path / "dev.jsonl"
    dev.write_text('{"id": "d1", "text": "Seoul upbraided Tokyo over the textbooks.", "event": "ACCUSE", '
                   '"source": ["KOR"], "target": ["JPN"]}\n', encoding="utf-8")
    parser = argparse.ArgumentParser()
    eval_events.add_arguments(parser)
    off = tmp_path / "off.toml"
    off.write_text('[events]\nwordnet_fallback = ""\n', encoding="utf-8")
    assert eval_events.run(parser.parse_args(["--dev", str(dev), "--config", str(off), "--json"])) == 0
    assert json.loads(capsys.readouterr().out)["dev"]["event_type_accuracy"] == 0.0
    assert eval_events.run(parser.parse_args(["--dev", str(dev), "--json"])) == 0
    assert json.loads(capsys.readouterr().out)["dev"]["event_type_accuracy"] == 1.0
    bad = tmp_path / "bad.toml"
    bad.write_text('[events]\nwordnet_fallback = "antonym"\n', encoding="utf-8")
    assert eval_events.run(parser.parse_args(["--dev", str(dev), "--config", str(bad)])) == 2
    assert "wordnet_fallback" in capsys.readouterr().err
