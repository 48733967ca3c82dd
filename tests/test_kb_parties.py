"""Political parties in the knowledge base (curated/parties.csv) and the rule for names that
parties of several countries share ("Labour Party", "Justice and Development Party")."""

from __future__ import annotations

import csv
import re

import pytest

from presswatch.kb import CURATED, load_kb
from presswatch.types import Article

PARTIES = CURATED / "parties.csv"


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def actors_analyzer():
    from presswatch import Analyzer

    return Analyzer(layers=["actors"])


def analyze(analyzer, text, published="2023-05-20"):
    return analyzer.analyze(Article(id="t", text=text, published=published))


def actor_of(result, text, needle):
    """Actor id of the entity at the first occurrence of ``needle`` (None when unlinked)."""
    start = text.index(needle)
    ent = next((e for e in result.entities if e.start <= start < e.end), None)
    return ent.actor if ent is not None else None


def local_country(result, name):
    actor = next(a for a in result.actors if a.name == name)
    return actor.local, actor.country


# -- the data ------------------------------------------------------------------------------------

def _rows():
    with PARTIES.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if not r["id"].startswith("#")]


def test_party_rows_are_well_formed(kb):
    rows = _rows()
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["type"] == "party" and r["name"], r
        assert r["country"] in kb.state_of_iso, r  # a state of the base
        assert re.fullmatch(r"[a-z0-9-]+", r["id"]), r
        for alias in filter(None, r["aliases"].split("|")):
            # two-letter acronyms match too much text ("PS", "PD", "DA"); PP is the one exception
            assert not (len(alias) == 2 and alias.isupper()) or alias == "PP", (r["id"], alias)
            assert alias.strip() == alias, (r["id"], alias)


def test_parties_cover_the_regions_asked_for(kb):
    countries = {e.country for e in kb.entries.values() if e.type == "party"}
    for iso in ("TUR", "RUS", "IND", "JPN", "TWN", "MEX", "ZAF", "DEU", "POL", "HUN", "ISR", "KAZ", "USA", "GBR",
                "FRA", "BRA", "KOR", "IDN", "NGA", "PAK", "UKR", "ARG", "AUS", "CAN", "ITA", "ESP"):
        assert iso in countries, iso


@pytest.mark.parametrize("name,actor", [
    ("AKP", "tr-akp"), ("AK Party", "tr-akp"), ("Adalet ve Kalkinma Partisi", "tr-akp"), ("CHP", "tr-chp"),
    ("BJP", "in-bjp"), ("Indian National Congress", "in-inc"), ("LDP", "jp-ldp"), ("KMT", "tw-kmt"),
    ("Kuomintang", "tw-kmt"), ("DPP", "tw-dpp"), ("ANC", "za-anc"), ("SPD", "de-spd"), ("CDU", "de-cdu"),
    ("CSU", "de-csu"), ("AfD", "de-afd"), ("PiS", "pl-pis"), ("Fidesz", "hu-fidesz"), ("Yedinaya Rossiya", "united-russia"),
    ("United Russia", "united-russia"), ("Nur Otan", "kz-amanat"), ("Amanat", "kz-amanat"), ("Likud", "il-likud"),
    ("PSOE", "es-psoe"), ("Morena", "mx-morena"), ("Tories", None), ("Democrats", "us-democratic-party"),
])
def test_names_and_acronyms_find_their_party(kb, name, actor):
    found = [e.id for e in kb.lookup(name, {"party"})]
    if actor is None:  # shared: the British and the Canadian Conservatives
        assert len({kb.get(i).country for i in found}) > 1, found
    else:
        assert found == [actor], name


def test_united_russia_keeps_its_id_and_gains_aliases(kb):
    entry = kb.get("united-russia")
    assert entry.country == "RUS" and "Yedinaya Rossiya" in entry.aliases
    assert [e.id for e in kb.lookup("Edinaya Rossiya")] == ["united-russia"]


def test_generated_groups_do_not_shadow_curated_parties(kb):
    """kb build drops a group's name a curated party has (UNITA, the Sandinistas, the PUK)."""
    for name in ("UNITA", "Sandinista National Liberation Front", "Patriotic Union of Kurdistan",
                 "National Union for the Total Independence of Angola"):
        assert [e.type for e in kb.lookup(name)] == ["party"], name


# -- linking in text -----------------------------------------------------------------------------

def test_name_and_acronym_link_with_the_country(actors_analyzer):
    text = "The Justice and Development Party (AKP) won the vote. The CHP said the AKP had cheated."
    r = analyze(actors_analyzer, text)
    # the shared full name goes to Turkey because the article also uses Turkey's own acronym
    assert actor_of(r, text, "Justice and Development Party") == "tr-akp"
    assert actor_of(r, text, "AKP") == "tr-akp" and actor_of(r, text, "CHP") == "tr-chp"
    assert {a.id: a.country for a in r.actors}["tr-akp"] == "TUR"


@pytest.mark.parametrize("text,name,country", [
    ("Ayse Korkmazoglu, a member of the AKP, criticised the decision.", "Ayse Korkmazoglu", "TUR"),
    ("Rajiv Kumarsingh, a member of the Bharatiya Janata Party, spoke in parliament.", "Rajiv Kumarsingh", "IND"),
    ("Ayse Korkmazoglu, a senior official of the ruling Justice and Development Party, said Turkey would vote.",
     "Ayse Korkmazoglu", "TUR"),
    # the same without Turkey: the party name is Morocco's too, so it gives no country
    ("Ayse Korkmazoglu, a senior official of the ruling Justice and Development Party, said the vote was on.",
     "Ayse Korkmazoglu", None),
    ("Likud leader Avraham Shmulevich rejected the plan.", "Avraham Shmulevich", "ISR"),
    ("KMT leader Lin Chen-wei visited the island on Monday.", "Lin Chen-wei", "TWN"),
    ("Sipho Ndlovu, a member of the ANC, denied the claims.", "Sipho Ndlovu", "ZAF"),
    ("Peter Brackenbury, a member of the Labour Party, spoke in Britain.", "Peter Brackenbury", "GBR"),
    ("Peter Brackenbury, a member of the Labour Party, spoke.", "Peter Brackenbury", None),
])
def test_people_of_a_party_take_its_country(actors_analyzer, text, name, country):
    r = analyze(actors_analyzer, text)
    assert local_country(r, name) == (True, country)


def test_shared_name_needs_the_country_in_the_text(actors_analyzer):
    name = "Justice and Development Party"
    for text, actor in [
        (f"The {name} won the election in Morocco on Friday.", "ma-pjd"),
        (f"The {name} won the election in Turkey on Friday.", "tr-akp"),
        (f"The {name} won the election on Friday.", None),  # no country: not linked blindly
        (f"The {name} won the election, observers from Turkey and Morocco said.", None),  # both named
        (f"Turkey's {name} won, observers from Morocco said.", "tr-akp"),  # the qualified form decides
    ]:
        r = analyze(actors_analyzer, text)
        assert actor_of(r, text, name) == actor, text


def test_shared_party_names_follow_the_country_named(actors_analyzer):
    for text, needle, actor in [
        ("The Labour Party won the vote in Britain.", "Labour Party", "gb-labour"),
        ("The Labour Party won the vote in New Zealand.", "Labour Party", "nz-labour"),
        ("The Labour Party won the vote.", "Labour Party", None),
        ("The British Labour Party won the vote in Norway.", "British Labour Party", "gb-labour"),
        ("Leaders of the Liberal Party met in Ottawa, Canada.", "Liberal Party", "ca-liberal"),
        ("The Socialist Party lost seats in France.", "Socialist Party", "fr-ps"),
    ]:
        r = analyze(actors_analyzer, text)
        assert actor_of(r, text, needle) == actor, text


def test_us_parties_keep_working_in_us_contexts(actors_analyzer):
    text = "In Washington, the Democratic Party and the Republicans clashed; Democrats in the United States said so."
    r = analyze(actors_analyzer, text)
    assert actor_of(r, text, "Democratic Party") == "us-democratic-party"
    assert actor_of(r, text, "Republicans") == "us-republican-party"
    assert actor_of(r, text, "Democrats") == "us-democratic-party"
    text = "The Democratic Party gained votes in Rome, and Italy's government fell."
    assert actor_of(analyze(actors_analyzer, text), text, "Democratic Party") == "it-pd"


def test_a_state_code_an_acronym_shares_follows_the_article(actors_analyzer):
    text = "The PRI lost the election in Mexico on Sunday."
    assert actor_of(analyze(actors_analyzer, text), text, "PRI") == "mx-pri"
    text = "The PRI lost the election on Sunday."
    assert actor_of(analyze(actors_analyzer, text), text, "PRI") is None  # not Puerto Rico


def test_congress_is_the_us_one_in_us_articles_and_the_party_in_indian_ones(actors_analyzer):
    text = "Congress passed the bill on Tuesday, the White House said in Washington."
    assert actor_of(analyze(actors_analyzer, text), text, "Congress") == "us-congress"
    text = "Congress lost the state to the BJP, results in New Delhi showed."
    assert actor_of(analyze(actors_analyzer, text), text, "Congress") == "in-inc"


@pytest.mark.parametrize("text, name, iso", [
    ("Ahmed Karimi of the Iranian Foreign Ministry denounced the report.", "Ahmed Karimi", "IRN"),
    ("Ali Demir of the ruling AKP said the vote would go ahead.", "Ali Demir", "TUR"),
    ("KMT chairman Lin Wei-ming criticized the government.", "Lin Wei-ming", "TWN"),
])
def test_an_of_phrase_or_a_chairman_title_gives_an_unknown_person_a_country(actors_analyzer, text, name, iso):
    assert local_country(analyze(actors_analyzer, text), name) == (True, iso)


def test_an_of_phrase_naming_no_country_gives_none(actors_analyzer):
    result = analyze(actors_analyzer, "Professor Ann Liddell of Stanford University said the sanctions were weak.")
    assert local_country(result, "Ann Liddell") == (True, None)
