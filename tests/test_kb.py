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


def _holders(kb, function, scope, date):
    return [e.id for e, _ in kb.holders(function, scope, date)]


@pytest.mark.parametrize("function,country,date,expected", [
    ("head_of_state", "DEU", "2021-06-01", ["frank-walter-steinmeier-deu"]),  # not von der Leyen
    ("head_of_state", "POL", "2016-06-01", ["andrzej-duda-pol"]),  # not Tusk (European Council)
    ("head_of_state", "BEL", "2021-06-01", ["philippe-bel"]),  # not Michel
    ("foreign_minister", "ITA", "2016-06-01", ["paolo-gentiloni-ita"]),  # not Mogherini (High Representative)
    ("foreign_minister", "ESP", "2021-06-01", ["arancha-gonzalez-laya-esp"]),  # not Borrell
    ("head_of_government", "DNK", "2015-06-01", ["helle-thorning-schmidt-dnk"]),  # no generated 2015 holder
    ("head_of_government", "DNK", "2015-08-01", ["lars-lokke-rasmussen-dnk"]),
    ("head_of_government", "ESP", "2017-06-01", ["mariano-rajoy-esp"]),
    ("head_of_state", "SAU", "2020-01-01", ["salman-sau"]),  # the crown prince is not head of state
    ("head_of_state", "PRK", "2016-09-10", ["kim-jong-un-prk"]),
])
def test_national_offices_have_one_holder(function, country, date, expected):
    assert _holders(load_kb(), function, country, date) == expected


def test_international_posts_are_indexed_under_their_organisation():
    kb = load_kb()
    assert _holders(kb, "head_of_state", "european-commission", "2021-06-01") == ["ursula-von-der-leyen-deu"]
    assert _holders(kb, "head_of_state", "european-council", "2016-06-01") == ["donald-tusk-pol"]
    assert _holders(kb, "foreign_minister", "Q458", "2021-06-01") == ["josep-borrell-esp"]
    assert _holders(kb, "secretary_general", "Q7184", "2020-01-01") == ["jens-stoltenberg-nor"]
    assert _holders(kb, "secretary_general", "NOR", "2020-01-01") == []
    # people known only for an international post keep their own country
    assert kb.get("herman-van-rompuy").country == "BEL" and kb.get("christine-lagarde").country == "FRA"
    assert kb.international_body("European Commission") == "european-commission"
    assert kb.international_body("Department of State") is None and kb.international_body(None) is None


def test_international_post_rules_on_a_small_base(tmp_path):
    rows = ("id,name,aliases,type,country,title,organization,start,end\n"
            "org,Example Alliance,EA,alliance,,,,,\n"
            "body,Example Commission,,government_body,,,,,\n"
            "ministry,Ministry of Foreign Affairs of Examplia,,government_body,EXA,,,,\n"
            "a,Ann Alpha,,person,EXA,Secretary General of the Example Alliance,Example Alliance,2020,\n"
            "b,Bob Beta,,person,EXA,President of the Example Commission,Example Commission,2020,\n"
            "c,Cid Gamma,,person,EXA,Ambassador of Examplia to the Example Alliance,Example Alliance,2020,\n"
            "d,Dee Delta,,person,EXA,Minister of Foreign Affairs,Ministry of Foreign Affairs of Examplia,2020,\n"
            "d,,,person,EXA,Minister of Foreign Affairs,UN General Debate speaker,2018,2021\n"
            "e,Eve Eps,,person,EXA,Minister of Foreign Affairs,UN General Debate speaker,2021,2021\n")
    path = tmp_path / "x.csv"
    path.write_text(rows, encoding="utf-8")
    kb = KnowledgeBase(read_file(path))
    assert _holders(kb, "secretary_general", "org", "2022") == ["a"]
    assert _holders(kb, "head_of_state", "body", "2022") == ["b"] and _holders(kb, "head_of_state", "EXA", "2022") == []
    assert [r.title for r, _ in kb.by_function[("ambassador of examplia to the example alliance", "EXA")]]
    # d's generated role for the same function is dropped (not 2018-2019), e's is kept
    assert _holders(kb, "foreign_minister", "EXA", "2019") == []
    assert _holders(kb, "foreign_minister", "EXA", "2021") == ["d", "e"]


def test_added_actors_and_aliases():
    kb = load_kb()
    for name, actor in [("Kim Jong-un", "kim-jong-un-prk"), ("Bill Barr", "william-barr-usa"), ("Robert S. Mueller III", "robert-mueller-usa"),
                        ("Aung San Suu Kyi", "aung-san-sun-kyi-mmr"), ("Gina Haspel", "gina-haspel-usa"), ("Rand Paul", "rand-paul-usa")]:
        assert [e.id for e in kb.lookup_person(name)] == [actor], name
    for name, actor in [("DHS", "us-dhs"), ("ICE", "us-ice"), ("S.E.C.", "us-sec"), ("GRU", "ru-gru"), ("UK Home Office", "gb-home-office"),
                        ("U.N. Human Rights Council", "un-human-rights-council"), ("RT America", "media-rt-america"),
                        ("Dems", "us-democratic-party"), ("N. Korea", "Q423")]:
        assert [e.id for e in kb.lookup(name)] == [actor], name
    assert kb.country_of("Britons") == "GBR" and kb.country_of("Briton") == "GBR"
    tusk = kb.get("donald-tusk-pol")
    assert kb.get("donald-tusk-eu") is None and any(r.country == "EU" for r in tusk.roles)


def test_build_merges_organisation_codes_and_fixes_source_codes():
    from presswatch import kb_build

    src = shared_path("data", "gazetteers")
    states = {c["country"] for c in kb_build.build_countries(src)}
    people = {p["id"]: p for p in kb_build.build_people(src, states)}
    assert "donald-tusk-eu" not in people and "charles-michel-eu" not in people
    # the UN speakers' "EU" roles keep their code, Phoenix's Polish role its country
    assert {r["country"] for r in people["donald-tusk-pol"]["roles"]} == {"EU", "POL"}
    assert not any(p.get("country") in kb_build.SOURCE_ISO for p in people.values())


@pytest.mark.parametrize("function,country,date,expected", [
    ("foreign_spokesperson", "DEU", "2016-06-01", ["martin-schafer-deu"]),
    ("defence_spokesperson", "KOR", "2015-06-01", ["kim-min-seok-spokesperson-kor"]),
    ("foreign_spokesperson", "KAZ", "2021-12-20", ["aibek-smadiyarov-kaz"]),
    ("foreign_spokesperson", "POL", "2024-06-01", ["pawel-wronski-pol"]),
    ("defence_spokesperson", "FRA", "2021-06-01", ["herve-grandjean-fra"]),  # "Armed Forces" title
    ("foreign_spokesperson", "JPN", "2016-06-01", ["norio-maruyama-jpn"]),  # "Press Secretary" title
    ("foreign_spokesperson", "DEU", "2020-06-01", []),  # a gap stays a gap
])
def test_spokespeople_hold_their_function(function, country, date, expected):
    assert _holders(load_kb(), function, country, date) == expected


def test_spokesperson_namesake_keeps_own_id_and_function():
    kb = load_kb()
    ids = {e.id for e in kb.lookup_person("Kim Min-seok")}
    assert {"kim-min-seok-kor", "kim-min-seok-spokesperson-kor"} <= ids  # PM (2025) and MND spokesman
    assert "kim-min-seok-spokesperson-kor" not in _holders(kb, "head_of_government", "KOR", "2015-06-01")
    assert _holders(kb, "head_of_government", "KOR", "2025-09-01") == ["kim-min-seok-kor"]
    assert _holders(kb, "defence_spokesperson", "KOR", "2025-09-01") == ["jeon-ha-kyu-kor"]
