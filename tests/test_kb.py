"""Knowledge base: normalisation, role dates, look-ups, user files and the build command."""

from __future__ import annotations

import json
import time

import pytest

from presswatch.errors import ConfigError
from presswatch.kb import KnowledgeBase, load_kb, name_key, norm, read_file, role_active, title_function
from presswatch.types import Role
from conftest import shared_path


def test_norm_strips_article_possessive_and_punctuation():
    assert norm("the U.S. State Department’s") == "us state department"
    assert norm("Élysée") == "elysee"


@pytest.mark.parametrize("a,b", [("Sergei Lavrov", "Sergey Lavrov"), ("Yuri Kokov", "Yuriy Kokov"),
                                 ("Alexander Grushko", "Aleksandr Grushko"), ("Kassym-Jomart Tokayev", "Kasym-Zhomart Tokayev"),
                                 ("Maria Zakharova", "Mariya Zakharova")])
def test_name_key_folds_transliteration_variants(a, b):
    assert name_key(a) == name_key(b)


def test_name_key_keeps_different_names_apart():
    assert name_key("Sergei Lavrov") != name_key("Sergei Ryabkov")


def test_role_dates_with_partial_precision():
    role = Role(title="Foreign Minister", start="2012-01-12", end="2022-07")
    assert role_active(role, "2021-12-20")
    assert role_active(role, "2022-07-31")
    assert not role_active(role, "2022-08-01")
    assert not role_active(role, "2011")
    assert role_active(Role(title="x", start="2016", end=None), "2030-01-01")


@pytest.mark.parametrize("title,function", [
    ("Minister of Foreign Affairs of Russia", "foreign_minister"), ("Secretary of State", "foreign_minister"),
    ("Deputy Secretary of State", "deputy_foreign_minister"), ("Acting Deputy Secretary of State", "deputy_foreign_minister"),
    ("Under Secretary of State for Political Affairs", "junior_foreign_minister"),
    ("Assistant Secretary of State for European and Eurasian Affairs", "junior_foreign_minister"),
    ("Under Secretary of Defense for Policy", "junior_defence_minister"),
    ("Crown Prince of Saudi Arabia", "crown_prince"), ("Crown Prince and Prime Minister of Saudi Arabia", "head_of_government"),
    ("Deputy Prime Minister of Italy", "deputy_head_of_government"), ("Vice-Chancellor of Germany", "deputy_head_of_government"),
    ("Deputy Prime Minister and Minister of Foreign Affairs", "foreign_minister"),
    ("President of the Council of Ministers of Italy", "head_of_government"),
    ("President of the Government of Spain", "head_of_government"), ("Presidential Envoy", "presidential envoy"),
    ("Deputy Secretary General of NATO", "deputy_secretary_general"), ("Secretary General of NATO", "secretary_general"),
    ("Secretary of Defense", "defence_minister"), ("Vice President of the United States", "vice_president"),
    ("President of Russia", "head_of_state"), ("Prime Minister", "head_of_government"), ("Federal Chancellor", "head_of_government"),
    ("Spokesperson for the Department of State", "foreign_spokesperson"),
    ("Deputy Secretary of the Security Council of Russia", "deputy_security_council_secretary"),
])
def test_title_function(title, function):
    assert title_function(title) == function


def test_shipped_base_contents():
    kb = load_kb()
    states = [e for e in kb.entries.values() if e.type == "state"]
    assert len(states) >= 195
    assert kb.get("Q159").country == "RUS"
    assert kb.country_of("Uzbek") == "UZB" and kb.country_of("Americans") == "USA"
    assert kb.capitals["tashkent"] == kb.state_of_iso["UZB"]
    assert kb.capitals["brussels"] == "Q458"  # Brussels stands for the EU, not Belgium
    assert kb.buildings["kremlin"] == "ru-presidential-administration"
    nato = kb.get("Q7184")
    assert nato.type == "alliance" and {"USA", "TUR", "FIN", "SWE"} <= set(nato.members)
    outlets = [e for e in kb.entries.values() if e.type == "media"]
    assert len(outlets) >= 150 and all(e.country and e.ownership in {"state", "public", "private"} for e in outlets)


def test_office_holders_follow_dates():
    kb = load_kb()
    holders = lambda f, c, d: [e.id for e, _ in kb.holders(f, c, d)]
    assert holders("foreign_minister", "USA", "2017-06-01") == ["rex-tillerson-usa"]
    assert holders("foreign_minister", "USA", "2019-06-01") == ["mike-pompeo-usa"]
    assert holders("foreign_minister", "UZB", "2021-12-20") == ["abdulaziz-kamilov-uzb"]
    assert holders("head_of_state", "USA", "2021-12-20") == ["Q6279"]


def test_person_lookup_variants_and_initials():
    kb = load_kb()
    assert [e.id for e in kb.lookup_person("Sergei Lavrov")] == ["sergey-lavrov-rus"]
    assert [e.id for e in kb.lookup_person("Sergey V. Lavrov")] == ["sergey-lavrov-rus"]
    assert [e.id for e in kb.lookup_person("V. Putin")] == ["Q7747"]
    assert kb.lookup_person("Nobody Inparticular") == []


def test_load_is_cached_and_fast():
    load_kb()
    t = time.perf_counter()
    load_kb()
    assert time.perf_counter() - t < 0.01


def test_user_actor_file(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("id,name,aliases,type,country,title,organization,start,end\n"
                    "acme-ceo,Jane Roe,J. Roe,person,GBR,Chief Executive,Acme,2020-01-01,\n"
                    "acme,Acme Holdings,Acme,organization,GBR,,,,\n", encoding="utf-8")
    kb = load_kb([path])
    assert [e.id for e in kb.lookup_person("Jane Roe")] == ["acme-ceo"]
    assert kb.lookup("Acme")[0].id == "acme"
    assert load_kb() is not kb  # the shipped base is unchanged


def test_jsonl_actor_file_and_merge(tmp_path):
    path = tmp_path / "mine.jsonl"
    rows = [{"id": "x1", "name": "Ann Example", "type": "person", "country": "USA", "roles": [{"title": "Mayor", "start": "2020"}]},
            {"id": "x1", "name": "Ann Example", "aliases": ["Annie Example"], "type": "person"}]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    entries = read_file(path)
    assert len(entries) == 1 and entries[0].aliases == ["Annie Example"] and entries[0].roles[0].title == "Mayor"
    assert KnowledgeBase(entries).lookup_person("Annie Example")[0].id == "x1"


@pytest.mark.parametrize("content,suffix", [("id,name,type\nx,Y,planet\n", ".csv"), ("{not json\n", ".jsonl"), ("a", ".txt")])
def test_bad_actor_files_raise_config_error(tmp_path, content, suffix):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        read_file(path)


def test_missing_actor_file():
    with pytest.raises(ConfigError):
        read_file(__import__("pathlib").Path("/nonexistent/actors.csv"))


def test_build_reproduces_generated_files(tmp_path):
    from presswatch import kb_build
    from presswatch.kb import GENERATED

    src = shared_path("data", "gazetteers")
    counts = kb_build.build(src, tmp_path)
    assert counts["countries"] >= 195 and counts["people"] > 1000
    for name in ("countries.jsonl", "people.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (GENERATED / name).read_text(encoding="utf-8")


def test_build_cli_reports_missing_source(tmp_path, capsys):
    import argparse

    from presswatch import kb_build

    parser = argparse.ArgumentParser()
    kb_build.add_arguments(parser)
    assert kb_build.run(parser.parse_args(["--source", str(tmp_path), "--out", str(tmp_path / "o")])) == 2
    assert "E101" in capsys.readouterr().err
