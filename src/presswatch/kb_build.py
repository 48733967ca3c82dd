"""``presswatch kb build``: regenerate ``data/kb/generated`` from the gazetteers.

Sources (all in ``../shared/data/gazetteers``; see ``docs/actors.md`` for
attribution):

- ``owid-countries/countries_regions.csv`` (MIT): countries, ISO codes,
  Wikidata QIDs, aliases; merged with ``curated/states.csv`` (UN status,
  capital, demonyms, more aliases) into ``countries.jsonl``;
- ``ungdc_speakers_by_session.csv`` (CC0): who spoke for each state at the UN
  General Debate each year, as people with year-precision roles;
- ``phoenix-countryinfo/Phoenix.Countries.actors.txt`` (MIT): leaders with
  date-ranged role codes and name variants (coverage ends January 2014).

People from both leader sources are merged by country and name key; when a
curated file already has the person (same country and name key), the
generated record takes the curated id so the two merge at load time.
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
MIN_YEAR = 2000
PHOENIX_END = "2014-01-30"  # date of the CountryInfo file: later roles are unknown there
KEEP_AGENTS = {"GOV", "MIL", "LEG", "IGO", "JUD", "SPY", "COP"}  # older roles are out of scope for news of 2014-2026 and slow the load
# Non-ISO OWID codes the base gives a country code to.
OWID_ISO = {"OWID_KOS": "XKX", "PS_GZA": "PSE"}
# Non-ISO codes in the leader sources (UN speakers' "POR", Phoenix's "TMP") and their ISO3.
SOURCE_ISO = {"POR": "PRT", "ZFA": "ZAF", "PKR": "PRK", "TMP": "TLS"}
PHOENIX_AGENTS = {"GOV": "government", "MIL": "military", "ELI": "elite", "OPP": "opposition", "LEG": "legislature",
                  "JUD": "judiciary", "BUS": "business", "MED": "media", "COP": "police", "SPY": "intelligence",
                  "REB": "rebel", "PTY": "party", "IGO": "international organisation"}
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
            if year >= MIN_YEAR and name and iso and len(name.split()) >= 2:
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


def build_people(src: Path, states: Optional[set[str]] = None) -> list[dict]:
    """People of both leader sources; ``states``: the ISO3 codes of the base's states (codes
    outside it, such as the UN speakers' "EU", match a curated person in any country)."""
    curated = _curated_people()
    people: dict[str, dict] = {}
    by_key: dict[tuple[str, str], str] = {}

    def person(iso: str, name: str) -> dict:
        key = (iso, person_key(name))
        elsewhere = curated.get(("*", key[1])) if states is not None and iso not in states else None
        pid = curated.get(key) or elsewhere or by_key.get(key) or f"{slug(name)}-{iso.lower()}"
        by_key[key] = pid
        if pid not in people:
            people[pid] = {"id": pid, "name": name, "type": "person", "country": None if elsewhere else iso,
                           "aliases": [], "roles": []}
        elif name != people[pid]["name"] and name not in people[pid]["aliases"]:
            people[pid]["aliases"].append(name)
        return people[pid]

    spans: dict[tuple[str, str, str], list[int]] = {}
    for iso, name, post, year in read_ungdc(src / "ungdc_speakers_by_session.csv"):
        p = person(iso, name)
        spans.setdefault((p["id"], post, iso), []).append(year)
    for (pid, post, iso), years in spans.items():
        years = sorted(set(years))
        run = [years[0]]
        for y in years[1:] + [None]:
            if y is not None and y == run[-1] + 1:
                run.append(y)
                continue
            people[pid]["roles"].append({"title": post, "country": iso,
                                         "start": str(run[0]), "end": str(run[-1]), "organization": UNGDC_ROLE})
            if y is not None:
                run = [y]
    for name, aliases, roles in read_phoenix(src / "phoenix-countryinfo" / "Phoenix.Countries.actors.txt"):
        recent = [r for r in roles if r.pop("agent") in KEEP_AGENTS and (r["end"] or PHOENIX_END) >= "2010"
                  and (r["end"] or r["start"] or "0") >= "1995"]
        if not recent:
            continue
        iso = recent[-1]["country"]
        p = person(iso, name)
        for alias in aliases:
            if alias not in p["aliases"] and alias != p["name"] and name_key(alias) != name_key(p["name"]):
                p["aliases"].append(alias)
        for r in recent:
            r["organization"] = PHOENIX_ROLE
            r["end"] = r["end"] or PHOENIX_END  # open-ended there means "still in office in January 2014"
            p["roles"].append(r)
    return sorted(people.values(), key=lambda p: p["id"])


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps({k: v for k, v in rec.items() if v not in (None, [], "")}, ensure_ascii=False) + "\n")


def build(src: Path, out: Path = GENERATED) -> dict[str, int]:
    countries = build_countries(src)
    people = build_people(src, {c["country"] for c in countries if c.get("country")})
    write_jsonl(out / "countries.jsonl", countries)
    write_jsonl(out / "people.jsonl", people)
    return {"countries": len(countries), "people": len(people)}


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
