"""The actor knowledge base: loading, alias index and look-ups.

The base is a set of data files under ``presswatch/data/kb``:

- ``generated/*.jsonl``: written by ``presswatch kb build`` from the MIT/CC0
  gazetteers (countries with Wikidata QIDs, UN General Debate speakers,
  Phoenix/CountryInfo leaders) merged with ``curated/states.csv``;
- ``curated/*.csv``: people, bodies, alliances, outlets and metonyms the team
  curates by hand (one row per role for people; see ``docs/actors.md``).

Users add their own CSV or JSONL files with ``[actors] extra_files``; they use
the same columns. Loading is cached per process (:func:`load_kb`), and the
alias index is built once.

Office holders are indexed by function (:func:`title_function`) and by country, or by the
organisation for international posts (a role whose organisation is an organisation, an
alliance or a government body without a country); see :meth:`KnowledgeBase.holders`.

Names are matched on a *key* that folds case, diacritics, punctuation and the
commonest transliteration differences of Russian and Central Asian names
(Sergei/Sergey, Yuri/Yury/Yuriy, Aleksandr/Alexander, Kasym-Zhomart/Kassym-Jomart),
so one alias covers its variants. Limits: the folding is a heuristic, not a
transliteration standard; it can merge distinct names that differ only in
those letters.
"""

from __future__ import annotations

import calendar
import contextlib
import csv
import datetime as dt
import functools
import gc
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .errors import ConfigError
from .types import Actor, Role

DATA_DIR = Path(__file__).parent / "data" / "kb"
GENERATED = DATA_DIR / "generated"
CURATED = DATA_DIR / "curated"
# Organisations kb_build gives the roles it generates from the gazetteers.
UNGDC_ROLE, PHOENIX_ROLE = "UN General Debate speaker", "Phoenix/CountryInfo"
GENERATED_ROLE_SOURCES = frozenset({UNGDC_ROLE, PHOENIX_ROLE})
# Types whose posts are international, not national (plus government bodies without a country).
INTERNATIONAL_TYPES = {"organization", "alliance"}
TYPES = {"person", "state", "organization", "alliance", "government_body", "media", "party", "group"}

# --- normalisation ---------------------------------------------------------

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Lowercase, strip diacritics and curly quotes."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_APOS))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_POSS = re.compile(r"'s?$")
_NONALNUM = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Key for organisation/place names: folded, no leading 'the', no possessive, no punctuation."""
    text = _POSS.sub("", fold(text).strip()).replace(".", "")
    text = _NONALNUM.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


# (cheap test, pattern, replacement): the test skips the regex when it cannot match (load time).
_TRANSLIT = [
    (lambda t: "x" in t, re.compile(r"x"), "ks"),
    (lambda t: "h" in t, re.compile(r"(kh|ch)"), "h"),
    (lambda t: "zh" in t or "dj" in t, re.compile(r"(zh|dzh|dj)"), "j"),
    (lambda t: "ou" in t, re.compile(r"ou"), "u"),
    (lambda t: t[:2] in ("ye", "je"), re.compile(r"^(ye|je)"), "e"),
    (lambda t: t[-1:] in ("i", "y", "j"), re.compile(r"(iy|ii|ij|yi|ei|ey|i)$"), "y"),
    (lambda t: t[-2:] == "ya" or t[-2:] == "ja", re.compile(r"(iya|ija)$"), "ia"),
    (lambda t: t.endswith("ander"), re.compile(r"ander$"), "andr"),
    (lambda t: "w" in t, re.compile(r"w"), "v"),
    (lambda t: True, re.compile(r"(.)\1"), r"\1"),
]


@functools.lru_cache(maxsize=65536)
def _tok_key(tok: str) -> str:
    for test, pattern, repl in _TRANSLIT:
        if test(tok):
            tok = pattern.sub(repl, tok)
    return tok


def name_key(text: str) -> str:
    """Key for person names: :func:`norm` plus transliteration folding per word."""
    return " ".join(_tok_key(t) for t in norm(text).replace("-", " ").split())


# --- dates -----------------------------------------------------------------


def _bound(value: Optional[str], upper: bool) -> Optional[str]:
    """'2016' -> '2016-01-01' (or '2016-12-31' for an end); full dates unchanged."""
    if not value:
        return None
    if len(value) == 4:
        return value + ("-12-31" if upper else "-01-01")
    if len(value) == 7:
        return value + ("-31" if upper else "-01")
    return value


def _day(value: str, upper: bool) -> Optional[dt.date]:
    """A date of any precision as a day ("2016-09" as an end: 30 September); None if unreadable."""
    try:
        y, m, d = ([int(x) for x in value[:10].split("-")] + [0, 0])[:3]
        m = m or (12 if upper else 1)
        d = d or (calendar.monthrange(y, m)[1] if upper else 1)
        return dt.date(y, m, d)
    except (ValueError, TypeError):
        return None


def role_active(role: Role, date: str) -> bool:
    """True when ``date`` (ISO, any precision) falls in the role's [start, end] range."""
    lo, hi = _bound(role.start, False), _bound(role.end, True)
    day = _bound(date, False) or date
    return (lo is None or lo <= day) and (hi is None or day <= hi)


# --- role functions --------------------------------------------------------

# Ordered: the first pattern that matches a title gives its function. Deputies, junior ministers
# ("Under/Assistant Secretary of State"), deputy heads of government and crown princes have their
# own functions so that they are never taken for the office they serve under.
_FUNCTIONS = [
    ("deputy_security_council_secretary", r"deputy secretary of (the )?(\w+ )?security council"),
    ("security_council_secretary", r"secretary of (the )?(\w+ )?security council"),
    ("foreign_spokesperson", r"(spokes\w*|press secretary|official representative|information and press department|press service).*(foreign|external affairs|state department|department of state|mfa)|(foreign|state department|mfa).*(spokes\w*|press secretary)"),
    ("defence_spokesperson", r"(spokes\w*|press secretary).*(defen[cs]e|pentagon)|(defen[cs]e|pentagon).*(spokes\w*|press secretary)"),
    ("presidential_spokesperson", r"(spokes\w*|press secretary)"),
    ("junior_foreign_minister", r"\b(under|assistant) ?secretary (of state|for foreign)|\b(under|assistant) (foreign minister|foreign secretary)"),
    ("junior_defence_minister", r"\b(under|assistant) ?secretary (of|for) defen[cs]e"),
    ("deputy_foreign_minister", r"(deputy|vice|state) (foreign minister|minister of foreign|minister for foreign|secretary of state|foreign secretary)|(deputy|first deputy) minister (of|for) foreign"),
    ("deputy_defence_minister", r"(deputy|vice) (defen[cs]e minister|minister of defen[cs]e|secretary of defen[cs]e)"),
    ("foreign_minister", r"foreign minister|minister (of|for) (europe and )?foreign|foreign affairs minister|secretary of state|foreign secretary|minister of external affairs|external affairs minister|foreign affairs secretary|minister for europe and foreign affairs|high representative"),
    ("defence_minister", r"defen[cs]e minister|minister (of|for) (national )?defen[cs]e|secretary of defen[cs]e|defen[cs]e secretary|minister of the armed forces|minister of armed forces|war secretary|secretary of war"),
    ("deputy_head_of_government", r"(deputy|vice)[ -](prime minister|premier|chancellor|president of the (council of ministers|government)|chairman of the (government|council of ministers))"),
    ("vice_president", r"vice[ -]president"),
    ("head_of_government", r"prime minister|premier\b|^chancellor|federal chancellor|head of (the )?government|(chairman|president) of the (government|council of ministers)|first minister|taoiseach"),
    ("crown_prince", r"crown princ"),
    ("head_of_state", r"^president\b|\bpresident$|president of|head of state|king|queen|emir|sultan|supreme leader|monarch|emperor|grand duke|prince|chairman of the (presidential council|state council)"),
    ("deputy_secretary_general", r"(deputy|assistant|under)[ -]secretary[ -]general"),
    ("secretary_general", r"secretary[ -]general"),
]
_FUNCTION_RES = [(name, re.compile(pat)) for name, pat in _FUNCTIONS]
# Words that make a title generic enough to name an office by function ("leader").
LEADER_WORDS = {"leader", "head of state", "strongman", "ruler"}


@functools.lru_cache(maxsize=16384)
def title_function(title: str) -> str:
    """Canonical function of a role title ('Minister of Foreign Affairs' -> 'foreign_minister')."""
    t = norm(title)
    if t in LEADER_WORDS:
        return "leader"
    for name, rx in _FUNCTION_RES:
        if rx.search(t):
            return name
    return t


# --- records ---------------------------------------------------------------


@dataclass
class Entry:
    """One actor of the base, with the data resolution needs beyond :class:`~presswatch.types.Actor`."""

    id: str
    name: str
    type: str
    country: Optional[str] = None
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    members: list[str] = field(default_factory=list)  # ISO3 codes (alliances, organisations)
    ownership: Optional[str] = None  # media: state | public | private
    capital: Optional[str] = None
    demonyms: list[str] = field(default_factory=list)
    status: Optional[str] = None  # states: member | observer | territory
    sources: list[str] = field(default_factory=list)

    def to_actor(self) -> Actor:
        return Actor(id=self.id, name=self.name, type=self.type, country=self.country,
                     aliases=list(self.aliases), roles=list(self.roles))

    def roles_at(self, date: str) -> list[Role]:
        return [r for r in self.roles if role_active(r, date)]

    def years_from_office(self, date: str) -> Optional[float]:
        """0 when a role is held on ``date``; else the years from the nearest dated role (since
        the last one ended, or until the first one starts); None without dated roles. Lets a
        resolver keep a bare surname from linking to a leader long gone ("Sharon" in 2021)."""
        day = _day(date, False)
        gaps = []
        for r in self.roles:
            if role_active(r, date):
                return 0.0
            for bound, upper in ((r.end, True), (r.start, False)):
                if bound and (when := _day(bound, upper)) and day:
                    gaps.append(abs((when - day).days) / 365.25)
        return min(gaps) if gaps else None

    def merge(self, other: "Entry") -> None:
        for alias in [other.name, *other.aliases]:
            if alias and alias != self.name and alias not in self.aliases:
                self.aliases.append(alias)
        known = {(r.title, r.start, r.end) for r in self.roles}
        self.roles.extend(r for r in other.roles if (r.title, r.start, r.end) not in known)
        self.members = self.members or other.members
        self.country = self.country or other.country
        self.ownership = self.ownership or other.ownership
        self.sources.extend(s for s in other.sources if s not in self.sources)


def _split(value: Optional[str]) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _entry_from_row(row: dict, source: str) -> Entry:
    typ = (row.get("type") or "").strip() or "person"
    if typ not in TYPES:
        raise ConfigError(f"{source}: actor {row.get('id')!r} has unknown type {typ!r}")
    roles = []
    if row.get("title"):
        roles.append(Role(title=row["title"].strip(), organization=(row.get("organization") or "").strip() or None,
                          country=(row.get("country") or "").strip() or None,
                          start=(row.get("start") or "").strip() or None, end=(row.get("end") or "").strip() or None))
    return Entry(id=row["id"].strip(), name=(row.get("name") or "").strip(), type=typ,
                 country=(row.get("country") or "").strip() or None, aliases=_split(row.get("aliases")),
                 roles=roles, members=_split(row.get("members")), ownership=(row.get("ownership") or "").strip() or None,
                 capital=(row.get("capital") or "").strip() or None, demonyms=_split(row.get("demonyms")),
                 status=(row.get("status") or "").strip() or None, sources=[source])


def _entry_from_json(obj: dict, source: str) -> Entry:
    roles = [Role(**r) for r in obj.get("roles", [])]
    keep = {k: obj[k] for k in ("country", "aliases", "members", "ownership", "capital", "demonyms", "status") if k in obj}
    return Entry(id=obj["id"], name=obj["name"], type=obj.get("type", "person"), roles=roles, sources=[source], **keep)


def read_file(path: Path) -> list[Entry]:
    """Entries of one CSV or JSONL actor file; CSV rows sharing an ``id`` are one actor."""
    if not path.exists():
        raise ConfigError(f"actor file not found: {path}")
    out: dict[str, Entry] = {}
    if path.suffix == ".jsonl":
        items = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    items.append(_entry_from_json(json.loads(line), path.name))
                except (ValueError, KeyError, TypeError) as exc:
                    raise ConfigError(f"{path}:{n}: bad actor record ({exc})") from None
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            rows = [r for r in csv.DictReader(fh) if r.get("id") and not r["id"].startswith("#")]
        if not rows or "iso3" in rows[0]:
            return []  # curated/states.csv is build input, merged into generated/countries.jsonl
        items = [_entry_from_row(r, path.name) for r in rows]
    else:
        raise ConfigError(f"actor file must be .csv or .jsonl: {path}")
    for item in items:
        if item.id in out:
            out[item.id].merge(item)
        else:
            out[item.id] = item
    return list(out.values())


# --- the base --------------------------------------------------------------

# Given names that are also common words or too short to index on their own.
_NAME_STOP = {"de", "da", "van", "von", "bin", "al", "el", "ibn", "mr", "mrs", "ms", "dr"}
# Countries whose names usually carry two surnames (paternal, maternal): "Jorge Castaneda Gutman"
# is written "Jorge Castaneda" in the press, so the first surname is indexed too.
_TWO_SURNAMES = {"ESP", "MEX", "ARG", "COL", "CHL", "PER", "VEN", "ECU", "BOL", "PRY", "URY", "CUB", "DOM", "GTM",
                 "HND", "SLV", "NIC", "CRI", "PAN", "PRT", "BRA"}


# Family name first ("Xi Jinping", "Ban Ki-moon"): the first word is indexed as a surname too.
_FAMILY_NAME_FIRST = {"CHN", "TWN", "HKG", "KOR", "PRK"}


def _party_variants(key: str) -> list[str]:
    """Extra keys for a party name: "democratic party" -> "democratic", "democrats" -> "democrat"."""
    out = []
    if key.endswith(" party") and len(key) > 6:
        out.append(key[:-6])
    if key.endswith("s") and " " not in key and len(key) > 4:
        out.append(key[:-1])
    return out


# Posts at an organisation held for a state ("Ambassador of the United States to the United Nations").
_NATIONAL_POSTS = re.compile(r"(?i)\bambassador\b|permanent representative|\benvoy\b")


class KnowledgeBase:
    """All actors with alias, surname, demonym and capital indexes (built once)."""

    def __init__(self, entries: Iterable[Entry], metonyms: Iterable[tuple[str, str, str]] = ()):
        self.entries: dict[str, Entry] = {}
        for e in entries:
            if e.id in self.entries:
                self.entries[e.id].merge(e)
            else:
                self.entries[e.id] = e
        self.by_alias: dict[str, list[str]] = {}
        self.by_name: dict[str, list[str]] = {}  # person name keys
        self.by_surname: dict[str, list[str]] = {}
        self.state_of_iso: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}  # norm(demonym) -> ISO3
        self.capitals: dict[str, str] = {}  # norm(city) -> actor id of the government it stands for
        self.buildings: dict[str, str] = {}  # norm(building) -> actor id
        self.by_function: dict[tuple[str, str], list[tuple[Role, str]]] = {}
        self._functions: Optional[frozenset[str]] = None
        self.executive: dict[tuple[str, str], str] = {}  # (ISO3, "administration"|"government") -> body id
        # Short forms of long names: "security council" -> [("un-security-council", "united nations"), ...]
        self.by_suffix: dict[str, list[tuple[str, str]]] = {}
        # Organisations first: a person's international post is indexed under the organisation.
        for e in self.entries.values():
            if e.type != "person":
                self._index(e)
        for e in self.entries.values():
            if e.type == "person":
                self._index(e)
        self._index_executives()
        for alias, target, kind in metonyms:
            target = self.state_of_iso.get(target, target)
            if target in self.entries:
                (self.buildings if kind == "building" else self.capitals)[norm(alias)] = target
        # First words of the names a text scan looks for (organisations, outlets, seats of power).
        self.scan_first_words = {k.split()[0] for k, ids in self.by_alias.items()
                                 if k and any(self.entries[i].type not in {"state", "person"} for i in ids)}
        self.scan_first_words.update(k.split()[0] for k in self.buildings if k)

    def _add(self, index: dict, key: str, eid: str) -> None:
        if key:
            ids = index.setdefault(key, [])
            if eid not in ids:
                ids.append(eid)

    def _index(self, e: Entry) -> None:
        names = [e.name, *e.aliases]
        if e.type == "person":
            for n in names:
                key = name_key(n)
                self._add(self.by_name, key, e.id)
                words = key.split()
                if len(words) >= 2:
                    self._add(self.by_surname, words[-1], e.id)
                    self._add(self.by_name, f"{words[0][0]} {words[-1]}", e.id)  # initials: "V. Putin"
                    self._add(self.by_name, f"{words[0]} {words[-1]}", e.id)  # drops middle names
                if len(words) >= 2 and e.country in _FAMILY_NAME_FIRST:
                    self._add(self.by_surname, words[0], e.id)
                if len(words) >= 3 and e.country in _TWO_SURNAMES and len(words[-2]) > 2:
                    self._add(self.by_surname, words[-2], e.id)
                    self._add(self.by_name, f"{words[0]} {words[-2]}", e.id)
            # A curated role outranks the year-precision generated roles for the same function,
            # which would otherwise make two holders in the year of a change.
            curated = {title_function(r.title) for r in e.roles if r.organization not in GENERATED_ROLE_SOURCES}
            for r in e.roles:
                function = title_function(r.title)
                if r.organization in GENERATED_ROLE_SOURCES and function in curated:
                    continue
                # A post at an organisation (NATO Secretary General, President of the European
                # Commission) is indexed under it; an envoy to one still serves their country.
                scope = self.international_post(r) or r.country or e.country or ""
                self.by_function.setdefault((function, scope), []).append((r, e.id))
            return
        for n in names:
            self._add(self.by_alias, norm(n), e.id)
            words = norm(n).split()
            for k in range(1, len(words) - 1):  # suffixes of two words or more
                pair = (e.id, " ".join(words[:k]))
                if pair not in self.by_suffix.setdefault(" ".join(words[k:]), []):
                    self.by_suffix[" ".join(words[k:])].append(pair)
            if e.type == "party":
                for key in _party_variants(norm(n)):
                    self._add(self.by_alias, key, e.id)
        if e.type == "state" and e.country:
            self.state_of_iso.setdefault(e.country, e.id)
            for d in e.demonyms:
                self.demonyms.setdefault(norm(d), e.country)
                self.demonyms.setdefault(norm(d) + "s", e.country)
            if e.capital:
                self.capitals.setdefault(norm(e.capital), e.id)

    def _index_executives(self) -> None:
        """For each country, the body an "X administration" / "X government" stands for.

        The body of the country with most aliases ending in that word wins
        ("Trump administration", "US administration" -> the White House).
        """
        counts: dict[tuple[str, str], tuple[int, str]] = {}
        for e in self.entries.values():
            if e.type != "government_body" or not e.country:
                continue
            for word in ("administration", "government"):
                n = sum(1 for a in [e.name, *e.aliases] if norm(a).endswith(word))
                if n and n > counts.get((e.country, word), (0, ""))[0]:
                    counts[(e.country, word)] = (n, e.id)
        self.executive = {k: v[1] for k, v in counts.items()}

    # -- look-ups -----------------------------------------------------------
    def international_body(self, name: Optional[str]) -> Optional[str]:
        """Id of the organisation or alliance, or government body without a country (European
        Commission), that ``name`` names; None for national bodies and unknown names."""
        if not name:
            return None
        for i in self.by_alias.get(norm(name), ()):
            e = self.entries[i]
            if e.type in INTERNATIONAL_TYPES or (e.type == "government_body" and not e.country):
                return i
        return None

    def international_post(self, role: Role) -> Optional[str]:
        """Id of the international organisation ``role`` is a post at (Secretary General of NATO, a
        Phoenix "official of United Nations"); None for national posts, envoys and ambassadors to
        an organisation included (they serve their country)."""
        if _NATIONAL_POSTS.search(role.title):
            return None
        return self.international_body(role.organization) or self.international_body(role.country)

    def get(self, actor_id: str) -> Optional[Entry]:
        return self.entries.get(actor_id)

    def lookup(self, text: str, types: Optional[set[str]] = None) -> list[Entry]:
        """Non-person actors whose name or alias matches ``text``."""
        ids = self.by_alias.get(norm(text), [])
        return [self.entries[i] for i in ids if types is None or self.entries[i].type in types]

    def lookup_person(self, text: str) -> list[Entry]:
        key = name_key(text)
        ids = self.by_name.get(key)
        if ids:
            return [self.entries[i] for i in ids]
        words = [w for w in key.split() if len(w) > 1 and w not in _NAME_STOP]
        if len(words) < 2:
            return []
        # "Vladimir V. Putin" -> "vladimir putin"; middle names the text gives must be in the base's name,
        # so "Syed Muzaffar Shah" does not match "Syed Khursheed Ahmed Shah".
        out = []
        for i in self.by_name.get(f"{words[0]} {words[-1]}", []):
            e = self.entries[i]
            known = {w for n in [e.name, *e.aliases] for w in name_key(n).split()}
            if all(w in known for w in words[1:-1]):
                out.append(e)
        return out

    def lookup_surname(self, surname: str) -> list[Entry]:
        return [self.entries[i] for i in self.by_surname.get(name_key(surname), [])]

    def country_of(self, text: str) -> Optional[str]:
        """ISO3 for a demonym, country name or alias ('Uzbek', 'Russia's', 'US')."""
        key = norm(text)
        if key in self.demonyms:
            return self.demonyms[key]
        for e in self.lookup(text, {"state"}):
            return e.country
        return None

    def functions(self) -> frozenset[str]:
        """Every office function some role in the base has ("foreign_minister", ...)."""
        if self._functions is None:
            self._functions = frozenset(f for f, _ in self.by_function)
        return self._functions

    def holders(self, function: str, country: str, date: str) -> list[tuple[Entry, Role]]:
        """People holding a role of ``function`` in ``country`` on ``date``.

        ``country`` is an ISO3 code, or the actor id of an international organisation for its
        posts (``holders("head_of_state", "european-commission", d)``). Generated roles of a
        person who has curated roles for the same function are not counted."""
        out = []
        seen = set()
        for role, eid in self.by_function.get((function, country), []):
            if eid not in seen and role_active(role, date):
                seen.add(eid)
                out.append((self.entries[eid], role))
        return out


@contextlib.contextmanager
def _no_gc():
    """Pause the cyclic garbage collector: the load creates ~100,000 acyclic objects, and the
    collections they trigger cost as much as the load itself."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@functools.lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> KnowledgeBase:
    with _no_gc():
        entries: list[Entry] = []
        for folder in (CURATED, GENERATED):  # curated first: its names and ids win on merge
            for path in sorted(folder.glob("*.jsonl")) + sorted(folder.glob("*.csv")):
                entries.extend(read_file(path))
        for name in extra:
            entries.extend(read_file(Path(name).expanduser()))
        return KnowledgeBase(entries, read_metonyms(CURATED / "metonyms.csv"))


def read_metonyms(path: Path) -> list[tuple[str, str, str]]:
    """(alias, actor id or ISO3, 'capital'|'building') rows: places that stand for a government."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["alias"], r["actor"], r["kind"]) for r in csv.DictReader(fh) if r.get("alias")]


def load_kb(extra_files: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The shipped base plus ``extra_files``; cached per process for each set of extra files."""
    return _load(tuple(str(p) for p in extra_files))


def today() -> str:
    return dt.date.today().isoformat()


__all__ = ["KnowledgeBase", "Entry", "load_kb", "norm", "name_key", "fold", "title_function", "role_active", "read_file"]
