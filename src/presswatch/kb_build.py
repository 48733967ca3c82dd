"""``presswatch kb build``: regenerate ``data/kb/generated`` from the gazetteers.

Sources (all in ``../shared/data/gazetteers``; see ``docs/actors.md`` for
attribution):

- ``owid-countries/countries_regions.csv`` (MIT): countries, ISO codes,
  Wikidata QIDs, aliases; merged with ``curated/states.csv`` (UN status,
  capital, demonyms, more aliases) into ``countries.jsonl``;
- ``ungdc_speakers_by_session.csv`` (CC0): who spoke for each state at the UN
  General Debate each year, as people with year-precision roles;
- ``phoenix-countryinfo/Phoenix.Countries.actors.txt`` (MIT): leaders with
  date-ranged role codes and name variants (coverage ends January 2014);
- ``phoenix-countryinfo/Phoenix.International.actors.txt`` (MIT): officials of
  international organisations with dated codes ("KOFI_ANNAN_ [IGOUNO
  970101-061231]"), as people whose role is at that organisation;
- ``phoenix-countryinfo/Phoenix.MilNonState.actors.txt`` (MIT): armed and
  non-state groups (TOPS database) as actors of type ``group``, with the
  country of a code such as "SYRREB" (none for regional or international codes).

Leaders' roles are kept from ``MIN_YEAR`` (1990) on, so that archives of the
1990s and 2000s resolve their people too; when such a role is in force is the
resolver's business (``kb.role_active``). People from all sources are merged
by country and name key; when a curated file already has the person (same
country and name key), the generated record takes the curated id so the two
merge at load time.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path
from typing import Iterable, Optional

from .kb import CURATED, GENERATED, PHOENIX_ROLE, UNGDC_ROLE, name_key, norm, read_file

DEFAULT_SOURCE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gazetteers"
MIN_YEAR = 1990  # roles ending earlier are out of scope (and slow the load)
PHOENIX_END = "2014-01-30"  # date of the CountryInfo file: later roles are unknown there
KEEP_AGENTS = {"GOV", "MIL", "LEG", "IGO", "JUD", "SPY", "COP"}
# Non-ISO OWID codes the base gives a country code to.
OWID_ISO = {"OWID_KOS": "XKX", "PS_GZA": "PSE"}
# Non-ISO codes in the leader sources (UN speakers' "POR", Phoenix's "TMP") and their ISO3.
SOURCE_ISO = {"POR": "PRT", "ZFA": "ZAF", "PKR": "PRK", "TMP": "TLS"}
PHOENIX_AGENTS = {"GOV": "government", "MIL": "military", "ELI": "elite", "OPP": "opposition", "LEG": "legislature",
                  "JUD": "judiciary", "BUS": "business", "MED": "media", "COP": "police", "SPY": "intelligence",
                  "REB": "rebel", "PTY": "party", "IGO": "international organisation"}
# Names two states share, and the state they mean on their own: news "Congo" is nearly always the
# Democratic Republic (the events layer reads "Brazzaville" in the text as the other one).
SHARED_NAMES = {"Congo": "COD", "Congolese": "COD"}
RENAMED = {"COG": "Republic of the Congo"}  # the short name it loses to the other state
HONORIFICS = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|h\.?\s?e|his|her|excellency|majesty|highness|royal|sheikh|sheikha|"
                        r"general|gen|prince|princess|king|queen|lord|dame|sir|archbishop|cardinal|prof|professor)\.?\s+)+", re.I)


def slug(text: str) -> str:
    return norm(text).replace(" ", "-")


def person_key(name: str) -> str:
    """First and last word of the name key: merges 'Sergey V. Lavrov' and 'Sergei Lavrov'."""
    words = name_key(name).split()
    return f"{words[0]} {words[-1]}" if len(words) >= 2 else " ".join(words)


def build_countries(src: Path) -> list[dict]:
    states = {}
    with (CURATED / "states.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            states[row["iso3"]] = row
    out = []
    with (src / "owid-countries" / "countries_regions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = row["iso_alpha3"] or row["code"]
            cur = states.get(code)
            if cur is None:
                continue  # regions, historical states, continents
            qid = row["wikidata_uri"].rsplit("/", 1)[-1] if row["wikidata_uri"] else ""
            iso = OWID_ISO.get(code, code if not code.startswith(("OWID_", "PS_")) else None)
            aliases = []
            if row["aliases"]:
                raw = row["aliases"].encode("utf-8").decode("unicode_escape") if "\\u" in row["aliases"] else row["aliases"]
                aliases = [a for a in json.loads(raw) if a]
            aliases += [a for a in cur["aliases"].split("|") if a]
            for extra in (row["wikidata_label"], row["iso_alpha3"] if len(row["iso_alpha3"]) == 3 else ""):
                if extra:
                    aliases.append(extra)
            name = row["name"]
            aliases = list(dict.fromkeys(a for a in aliases if a and a != name))
            rec = {"id": qid or slug(name), "name": name, "type": "state", "country": iso, "aliases": aliases,
                   "capital": cur["capital"] or None, "demonyms": [d for d in cur["demonyms"].split("|") if d],
                   "status": cur["status"]}
            out.append(rec)
    for rec in out:
        shared = {norm(n): iso for n, iso in SHARED_NAMES.items()}
        if rec["country"] in RENAMED and norm(rec["name"]) in shared:
            rec["name"] = RENAMED[rec["country"]]
        rec["aliases"] = [a for a in rec["aliases"] if shared.get(norm(a), rec["country"]) == rec["country"]
                          and a != rec["name"]]
        rec["demonyms"] = [d for d in rec["demonyms"] if shared.get(norm(d), rec["country"]) == rec["country"]]
        for n, iso in SHARED_NAMES.items():
            if iso == rec["country"] and n != rec["name"] and n not in rec["aliases"] and n not in rec["demonyms"]:
                rec["aliases"].append(n)
    return out


def _curated_people() -> dict[tuple[str, str], str]:
    """(country, name key) -> curated id, to merge generated people into curated ones.

    Also ("*", name key) -> id where exactly one curated person has that key: the id of a
    person the UN speakers list gives under an organisation's code ("EU"), not a state's."""
    ids: dict[tuple[str, str], str] = {}
    anywhere: dict[str, set[str]] = {}
    for path in sorted(CURATED.glob("*.csv")):
        for e in read_file(path):
            if e.type == "person":
                for n in [e.name, *e.aliases]:
                    ids[(e.country or "", person_key(n))] = e.id
                    anywhere.setdefault(person_key(n), set()).add(e.id)
    ids.update({("*", key): next(iter(found)) for key, found in anywhere.items() if len(found) == 1})
    return ids


def _clean_name(raw: str) -> str:
    name = HONORIFICS.sub("", raw.strip().strip(",")).strip()
    return re.sub(r"\s+", " ", name)


def read_ungdc(path: Path) -> Iterable[tuple[str, str, str, int]]:
    """(iso3, name, post, year) rows from MIN_YEAR on."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                year = int(row["Year"])
            except (TypeError, ValueError):
                continue
            name, post, iso = _clean_name(row["Name of Person Speaking"] or ""), (row["Post"] or "").strip(), (row["ISO Code"] or "").strip()
            iso = SOURCE_ISO.get(iso, iso)
            # all capitals: the surname-only records of the early 1990s ("SOLANA MADARIAGA")
            if year >= MIN_YEAR and name and iso and len(name.split()) >= 2 and not name.isupper():
                yield iso, name, post or "representative", year


def _phoenix_date(value: str) -> Optional[str]:
    if len(value) == 6:
        year = int(value[:2])
        value = ("19" if year >= 30 else "20") + value
    if len(value) != 8 or not value.isdigit():
        return None
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"


def read_phoenix(path: Path) -> Iterable[tuple[str, list[str], list[dict]]]:
    """(name, aliases, roles) for people of the CountryInfo section."""
    name, aliases, roles = None, [], []

    def flush():
        if name and roles:
            return name, aliases, roles
        return None

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line[0] not in "+\t ":
            done = flush()
            if done:
                yield done
            head = line.split("#")[0].strip()
            is_person = "countryinfo" in line.lower() and "[" not in head
            name = head.replace("_", " ").strip().title() if is_person else None
            aliases, roles = [], []
        elif name and line.startswith("+"):
            alias = line[1:].split("#")[0].replace("_", " ").strip().title()
            if 2 <= len(alias.split()) <= 4:
                aliases.append(alias)
        elif name and (m := re.match(r"\s*\[(\w{3})(\w*)\s+([<>]?)(\d*)-?(\d*)\]\s*(?:#\s*(.*))?", line)):
            iso, agent, op, a, b, comment = m.groups()
            iso = SOURCE_ISO.get(iso, iso)
            start = _phoenix_date(a) if op != "<" else None
            end = _phoenix_date(b) if b else (_phoenix_date(a) if op == "<" else None)
            if op == "" and a and not b:
                end = start
            title = (comment or "").strip() or PHOENIX_AGENTS.get(agent[:3], "government") + f" ({iso})"
            roles.append({"title": title, "country": iso, "start": start, "end": end, "agent": agent[:3]})
    done = flush()
    if done:
        yield done


_CODE = re.compile(r"\[([A-Z]{3}[A-Z]*)\s*([<>]?)(\d*)-?(\d*)\s*\]")
# Head words of names in the International file that are organisations or posts, not people.
_NOT_A_PERSON = re.compile(r"(?i)\b(organi[sz]ation|treaty|council|union|secretary|general|chief|nations|committee|"
                           r"bank|fund|court|agency|office|mission|forces?|group|then)\b|,")
# Phoenix IGO codes (longest prefix first) -> name of the organisation in ``curated/orgs.csv``.
IGO_CODES = {"IGOWSTNAT": "NATO", "IGOUNODEVWBK": "World Bank", "IGOBUSIMF": "International Monetary Fund",
             "IGOUNOIAE": "International Atomic Energy Agency", "IGOUNOHLHWHO": "World Health Organization",
             "IGOBUSWTO": "World Trade Organization", "IGOBUSOPC": "OPEC", "IGOPGSGCC": "Gulf Cooperation Council",
             "IGOMOS": "Organisation of Islamic Cooperation", "IGOAFRAFU": "African Union", "IGOAFROAU": "African Union",
             "IGOMEAARL": "Arab League", "IGOCASCIS": "Commonwealth of Independent States",
             "IGOCAS": "Shanghai Cooperation Organisation", "IGOSEAASN": "Association of Southeast Asian Nations",
             "IGOJUDICC": "International Criminal Court", "IGOCOPITP": "Interpol", "IGOUNOREFHCR": "UNHCR",
             "IGOEUREEC": "European Union", "IGOUNO": "United Nations"}
# Words of the armed-group names that say "this is a group" (see read_groups).
GROUP_WORDS = {"army", "armies", "front", "brigade", "brigades", "movement", "organization", "organisation", "party",
               "liberation", "resistance", "militia", "militias", "jihad", "mujahideen", "mujahidin", "mujahedin",
               "tigers", "commando", "commandos", "cells", "cell", "group", "groups", "forces", "faction", "union",
               "committee", "league", "nuclei", "squad", "squads", "guerrilla", "guerrillas", "rebels", "fighters",
               "battalion", "battalions", "legion", "militants", "insurgents", "revolutionary", "islamic", "jamaat",
               "lashkar", "harakat", "hizb", "tehrik", "jaish", "ansar", "fatah", "ejercito", "frente",
               "movimiento", "fuerzas", "armed", "guard", "guards", "mujahid", "martyrs", "jihadi", "liberacion"}


def read_tabari(path: Path) -> Iterable[tuple[str, list[str], list[tuple[str, Optional[str], Optional[str]]], str]]:
    """(name, aliases, codes, comment) per entry of a TABARI actor file; codes are (code, start, end).

    An entry is a name line, its "+" alias lines and indented code lines; "<" before a date
    means "until", ">" "from"; a single date is one day."""
    entry: Optional[list] = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        body, _, comment = line.partition("#")
        stripped = body.strip()
        if line.startswith("+"):
            if entry is not None:
                entry[1].append(stripped[1:].split("[")[0].strip())
            codes_text = stripped
        elif stripped.startswith("["):
            codes_text = stripped
        else:  # a new name (sometimes indented by mistake)
            if entry is not None:
                yield tuple(entry)
            entry = [stripped.split("[")[0].strip(), [], [], ""]
            codes_text = stripped
        if entry is None:
            continue
        if comment.strip() and not entry[3]:
            entry[3] = comment.strip()
        for code, op, a, b in _CODE.findall(codes_text):
            start = _phoenix_date(a) if a and op != "<" else None
            end = _phoenix_date(b) if b else (_phoenix_date(a) if op == "<" else (start if a and not op else None))
            entry[2].append((code, start, end))
    if entry is not None:
        yield tuple(entry)


_SMALL_WORDS = {"of", "the", "for", "and", "in", "on", "al", "el", "ul", "bin", "ibn", "de", "da", "del", "di", "van",
                "von", "der", "den", "y", "la", "le", "du"}


def _tabari_name(raw: str) -> str:
    """'KOFI_ATTA_ANNAN_' -> 'Kofi Atta Annan', 'ABU_AL-RISH_BRIGADES' -> 'Abu al-Rish Brigades'."""
    words = re.sub(r"\s+", " ", raw.replace("_", " ")).strip().split()

    def cap(word: str, first: bool) -> str:
        parts = word.lower().split("-")
        return "-".join(p if (p in _SMALL_WORDS and (not first or k > 0)) else p[:1].upper() + p[1:]
                        for k, p in enumerate(parts))

    return _clean_name(" ".join(cap(w, i == 0) for i, w in enumerate(words)))


def _igo_name(code: str, comment: str, orgs: dict[str, str]) -> Optional[str]:
    """Our name of the organisation of a Phoenix IGO code: the entry's comment ("# World Bank") if it
    names one of ours, else the code table, else the comment itself (cleaned), else None."""
    text = re.split(r"(?i)source:|#", comment)[0].strip()
    text = re.sub(r"\s+as$", "", re.sub(r"\s*\([^)]*\)", "", text)).strip()
    if text and norm(text) in orgs:
        return orgs[norm(text)]
    if text == "Western European Union":  # shares the EU's code there
        return text
    for prefix in sorted(IGO_CODES, key=len, reverse=True):
        if code.startswith(prefix):
            return IGO_CODES[prefix]
    if text and 2 <= len(text.split()) <= 10 and not re.search(r"(?i)txt|actors|\d", text):
        return text
    return None


def read_igo_officials(path: Path, orgs: dict[str, str], states: set[str]) -> Iterable[tuple[str, list[str], list[dict], Optional[str]]]:
    """(name, aliases, roles, nationality) of the officials of international organisations.

    Phoenix gives no title, only the organisation and the dates: the role is "official of
    <organisation>". ``orgs``: norm(name or alias) -> our organisation's name. National codes
    of the same entry ("[KORGOV ...]") give the nationality. The rotating presidency of the
    Council of the EU (a national minister) is skipped."""
    for raw, aliases, codes, comment in read_tabari(path):
        # the first form that is a plain name ("SECRETARY-GENERAL_BAN_KI-MOON" has "+BAN_KI-MOON")
        names = [_tabari_name(n) for n in [raw, *aliases] if not _NOT_A_PERSON.search(n.replace("_", " "))]
        names = [n for n in dict.fromkeys(names) if 2 <= len(n.split()) <= 5]
        if "coeu" in comment.lower() or not names:
            continue
        name = names[0]
        roles = []
        for code, start, end in codes:
            if not code.startswith("IGO") or not (start or end) or (end or PHOENIX_END) < str(MIN_YEAR):
                continue
            org = _igo_name(code, comment, orgs)
            if org:
                roles.append({"title": f"official of {org}", "organization": org, "start": start,
                              "end": end or PHOENIX_END})
        if not roles:
            continue
        nationality = next((SOURCE_ISO.get(c[:3], c[:3]) for c, _, _ in codes
                            if not c.startswith(("IGO", "NGO", "MNC")) and SOURCE_ISO.get(c[:3], c[:3]) in states), None)
        # "Prime Minister X", "Secretary-General X": a title, not another name
        key = name_key(name).split()[-1]
        yield name, [a for a in names[1:] if name_key(a).split()[-1] != key or len(a.split()) <= len(name.split())
                     or name_key(a).startswith(name_key(name).split()[0])], roles, nationality


def _group_like(name: str) -> bool:
    """A name of two words or more with a word that says "group" ("... Liberation Front",
    "Lashkar-e-Taiba"): guards against plain phrases such as "Free Land" or "The Avengers" that
    the source lists as aliases (at the cost of names such as "Ku Klux Klan")."""
    words = set(norm(name.replace("-", " ")).split())
    return len(norm(name).split()) >= 2 and bool(words & GROUP_WORDS)


def read_groups(path: Path, states: set[str]) -> Iterable[dict]:
    """Armed and non-state groups of the MilNonState file as actor records (type ``group``).

    Country: the first three letters of a code such as "SYRREB" when they are a state's ISO3
    (regional and international codes such as "IMGMUS", "MEAREB", "KKLREB" give none). Names and
    aliases are kept only when they look like a group's name (``_group_like``), or for the entry's
    own name, when it is one word ("HAMAS", "PKK"); bracketed acronyms ("(AAIA)") are dropped."""
    for raw, aliases, codes, _ in read_tabari(path):
        names = []
        for k, n in enumerate([raw, *aliases]):
            n = re.sub(r"\([^)]*\)", " ", n.replace("_", " ")).strip(" +")
            n = re.sub(r"\s+", " ", n).strip()
            if n and _group_like(n):
                names.append(_tabari_name(n))
            elif k == 0 and " " not in n and len(n) >= 3 and norm(n) not in GROUP_WORDS:
                # a one-word name of its own ("HAMAS", "PKK"), never an alias ("+ORGANIZATION_")
                names.append(n if len(n) <= 5 and n.isupper() else _tabari_name(n))
        names = list(dict.fromkeys(names))
        if not names:
            continue
        country = next((SOURCE_ISO.get(c[:3], c[:3]) for c, _, _ in codes if SOURCE_ISO.get(c[:3], c[:3]) in states), None)
        yield {"id": f"group-{slug(names[0])}", "name": names[0], "type": "group", "country": country,
               "aliases": names[1:]}


def build_groups(src: Path, states: set[str]) -> list[dict]:
    """Groups of the MilNonState file not already in the curated files (whose entries take a
    group's aliases and country when a name matches). A name that two groups share, or that
    names a curated actor of another type, is dropped."""
    curated: dict[str, tuple[str, str]] = {}
    for path in sorted(CURATED.glob("*.csv")):
        for e in read_file(path):
            if e.type != "person":
                for n in [e.name, *e.aliases]:
                    curated.setdefault(norm(n), (e.id, e.type))
    groups = list(read_groups(src / "phoenix-countryinfo" / "Phoenix.MilNonState.actors.txt", states))
    uses: dict[str, set[str]] = {}
    for g in groups:
        for n in [g["name"], *g["aliases"]]:
            uses.setdefault(norm(n), set()).add(g["id"])
    # The events layer's own table of group names ("Islamic Jihad" -> PSE) outranks an old alias
    # that the source gives to another country's group (Hezbollah's 1980s "Islamic Jihad").
    for n, code in _event_group_names().items():
        for gid in [i for i in uses.get(n, ()) if next(g for g in groups if g["id"] == i)["country"] != code]:
            uses[n].add(f"{gid}+events")
    out: dict[str, dict] = {}
    for g in groups:
        names = [n for n in [g["name"], *g["aliases"]] if len(uses[norm(n)]) == 1]
        hits = {curated[norm(n)] for n in names if norm(n) in curated}
        if any(t != "group" for _, t in hits):
            names = [n for n in names if norm(n) not in curated]
            hits = set()
        if not names:
            continue
        gid = next(iter(hits))[0] if len(hits) == 1 else g["id"]
        rec = out.setdefault(gid, {"id": gid, "name": names[0], "type": "group", "country": None, "aliases": []})
        rec["country"] = rec["country"] or g["country"]
        rec["aliases"].extend(n for n in names if n != rec["name"] and n not in rec["aliases"])
    return sorted(out.values(), key=lambda r: r["id"])


def _event_group_names() -> dict[str, str]:
    """norm(name) -> country code of the groups in the events layer's ``extra_names.tsv``."""
    path = Path(__file__).parent / "data" / "events" / "extra_names.tsv"
    out = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) >= 3 and cols[2].strip() == "group":
                out[norm(cols[0])] = cols[1].strip()
    return out


def _org_names() -> dict[str, str]:
    """norm(name or alias) -> name, for the curated organisations and alliances."""
    out = {}
    for e in read_file(CURATED / "orgs.csv"):
        if e.type in {"organization", "alliance", "government_body"}:
            for n in [e.name, *e.aliases]:
                out.setdefault(norm(n), e.name)
    return out


def build_people(src: Path, states: Optional[set[str]] = None, orgs: Optional[dict[str, str]] = None) -> list[dict]:
    """People of the leader sources and the officials of international organisations; ``states``:
    the ISO3 codes of the base's states (codes outside it, such as the UN speakers' "EU", match a
    curated person in any country); ``orgs``: see :func:`read_igo_officials`."""
    curated = _curated_people()
    people: dict[str, dict] = {}
    by_key: dict[tuple[str, str], str] = {}

    def person(iso: str, name: str) -> dict:
        key = (iso, person_key(name))
        joined = (iso, "".join(name_key(name).replace("-", " ").split()))  # spacing variants: "Affi N'Guessan" = "Affi Nguessan"
        elsewhere = curated.get(("*", key[1])) if states is not None and iso not in states else None
        pid = curated.get(key) or elsewhere or by_key.get(key) or by_key.get(joined) or f"{slug(name)}-{iso.lower()}"
        by_key[key] = by_key[joined] = pid
        if pid not in people:
            people[pid] = {"id": pid, "name": name, "type": "person", "country": None if elsewhere else iso,
                           "aliases": [], "roles": []}
        elif name != people[pid]["name"] and name not in people[pid]["aliases"]:
            people[pid]["aliases"].append(name)
        return people[pid]

    # A person's id comes from the first spelling met: people the base had before it reached back
    # to 1990 (UN speakers from 2000, Phoenix leaders in office in 2010 or later) are met first, so
    # that their ids stay.
    ungdc = list(read_ungdc(src / "ungdc_speakers_by_session.csv"))
    phoenix = []
    for name, aliases, roles in read_phoenix(src / "phoenix-countryinfo" / "Phoenix.Countries.actors.txt"):
        # dated roles only ("[ISRELI]" says nothing about when), in force in MIN_YEAR or later
        recent = [r for r in roles if r.pop("agent") in KEEP_AGENTS and (r["start"] or r["end"])
                  and (r["end"] or PHOENIX_END) >= str(MIN_YEAR)]
        if recent:
            phoenix.append((name, aliases, recent, any((r["end"] or PHOENIX_END) >= "2010" for r in recent)))
    spans: dict[tuple[str, str, str], list[int]] = {}

    def speakers(rows):
        for iso, name, post, year in rows:
            spans.setdefault((person(iso, name)["id"], post, iso), []).append(year)

    def leaders(entries):
        for name, aliases, recent, _ in entries:
            p = person(recent[-1]["country"], name)
            for alias in aliases:
                if alias not in p["aliases"] and alias != p["name"] and name_key(alias) != name_key(p["name"]):
                    p["aliases"].append(alias)
            for r in recent:
                r["organization"] = PHOENIX_ROLE
                r["end"] = r["end"] or PHOENIX_END  # open-ended there means "still in office in January 2014"
                p["roles"].append(r)

    speakers(r for r in ungdc if r[3] >= 2000)
    leaders(e for e in phoenix if e[3])
    leaders(e for e in phoenix if not e[3])
    speakers(r for r in ungdc if r[3] < 2000)
    spoke: dict[str, list[dict]] = {}
    for (pid, post, iso), years in spans.items():
        years = sorted(set(years))
        run = [years[0]]
        for y in years[1:] + [None]:
            if y is not None and y == run[-1] + 1:
                run.append(y)
                continue
            spoke.setdefault(pid, []).append({"title": post, "country": iso, "start": str(run[0]),
                                              "end": str(run[-1]), "organization": UNGDC_ROLE})
            if y is not None:
                run = [y]
    for pid, roles in spoke.items():
        people[pid]["roles"][:0] = roles
    # Officials of international organisations: merged into the one person of that name the
    # other sources have (any country), else a person with their nationality or none.
    known: dict[str, set[str]] = {}
    for (_, key), pid in by_key.items():
        known.setdefault(key, set()).add(pid)
    orgs = orgs if orgs is not None else _org_names()
    for name, aliases, roles, nationality in read_igo_officials(
            src / "phoenix-countryinfo" / "Phoenix.International.actors.txt", orgs, states or set()):
        key = person_key(name)
        found = known.get(key, set()) | ({curated[("*", key)]} if ("*", key) in curated else set())
        if nationality:
            p = person(nationality, name)
        elif len(found) == 1:
            pid = next(iter(found))
            p = people.setdefault(pid, {"id": pid, "name": name, "type": "person", "aliases": [], "roles": []})
        else:
            pid = f"{slug(name)}-igo"
            p = people.setdefault(pid, {"id": pid, "name": name, "type": "person", "aliases": [], "roles": []})
        for alias in [name, *aliases]:
            if alias != p["name"] and alias not in p["aliases"] and name_key(alias) != name_key(p["name"]):
                p["aliases"].append(alias)
        seen = {(r["title"], r.get("start"), r.get("end")) for r in p["roles"]}
        p["roles"].extend(r for r in roles if (r["title"], r["start"], r["end"]) not in seen)
        for n in [name, *aliases]:  # the file repeats people ("KOFI_ANNAN_", "KOFI_ATTA_ANNAN_")
            known.setdefault(person_key(n), set()).add(p["id"])
    return sorted(people.values(), key=lambda p: p["id"])


def build_organizations(people: list[dict], orgs: Optional[dict[str, str]] = None) -> list[dict]:
    """Organisations the officials' roles name that the curated files lack ("Nordic Council")."""
    orgs = orgs if orgs is not None else _org_names()
    names = {r["organization"] for p in people for r in p.get("roles", ())
             if r.get("title", "").startswith("official of ") and norm(r.get("organization") or "") not in orgs}
    return [{"id": f"igo-{slug(n)}", "name": n, "type": "organization"} for n in sorted(names)]


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            # compact separators: the people file is the largest file the package ships
            fh.write(json.dumps({k: v for k, v in rec.items() if v not in (None, [], "")}, ensure_ascii=False,
                                separators=(",", ":")) + "\n")


def build(src: Path, out: Path = GENERATED) -> dict[str, int]:
    countries = build_countries(src)
    states = {c["country"] for c in countries if c.get("country")}
    orgs = _org_names()
    people = build_people(src, states, orgs)
    organizations = build_organizations(people, orgs) + build_groups(src, states)
    write_jsonl(out / "countries.jsonl", countries)
    write_jsonl(out / "people.jsonl", people)
    write_jsonl(out / "organizations.jsonl", organizations)
    return {"countries": len(countries), "people": len(people),
            "organisations and groups": len(organizations)}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the gazetteers folder (default ../shared/data/gazetteers)")
    parser.add_argument("--out", type=Path, default=GENERATED, help="where the generated JSONL files go")


def run(args: argparse.Namespace) -> int:
    import sys

    from .errors import ConfigError

    if not (args.source / "owid-countries").is_dir():
        print(f"presswatch: {ConfigError(f'gazetteers not found at {args.source} (use --source)')}", file=sys.stderr)
        return 2
    counts = build(args.source, args.out)
    print(", ".join(f"{v} {k}" for k, v in counts.items()) + f" written to {args.out}")
    return 0
