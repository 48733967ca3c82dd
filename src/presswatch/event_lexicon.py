"""Event cue lexicon: verbs, nouns and phrases -> CAMEO code -> PLOVER event type.

Two sources, both shipped under ``presswatch/data/events/``:

- ``cameo_verbs.tsv``, ``cameo_patterns.tsv``, ``cameo_synsets.tsv`` and
  ``cameo_plover.tsv`` are *generated* from the PETRARCH2 CAMEO verb dictionary
  (``CAMEO.2.0.txt``, MIT, Open Event Data Alliance) and the CAMEO-to-PLOVER
  table (``CAMEO2PLOVER-2021.txt``, CC BY-SA 4.0, Open Event Data Alliance) by::

      .venv/bin/python -m presswatch.event_lexicon \\
          --cameo ../shared/data/petrarch2-validation/CAMEO.2.0.txt \\
          --plover-map ../shared/data/plover-gsr/CAMEO2PLOVER-2021.txt \\
          --countries ../shared/data/gazetteers/owid-countries/countries_regions.csv \\
          --out src/presswatch/data/events

  ``countries.tsv`` (country names -> ISO3, from OWID's MIT-licensed table) is
  only a fallback for when the actors layer is not installed.

- ``curated.tsv`` is written by hand: the speech acts opinion pieces are made of
  (urge, warn, reject, "categorically against", "unacceptable", readiness ...),
  which the CAMEO dictionary codes thinly or not at all, and for each PLOVER
  category the typical verbs and event nouns of the PLOVER manual's definition
  (``PLOVER_MANUAL.pdf``, chapter 3: "pardon" and "lift the curfew" are
  CONCEDE, "recall the ambassador" SANCTION, "summon the ambassador" ACCUSE,
  "mass troops" MOBILIZE ...). A cue may require an object word ("impose" +
  sanctions/embargo is SANCTION, + curfew is COERCE via the noun) or a crowd as
  subject ("protesters blocked roads" is PROTEST, "Egypt protested" ACCUSE).
  Nouns marked ``lnoun`` are events only as the object of a light verb ("held
  talks", "imposed a curfew", "staged a sit-in"). Curated cues win over CAMEO
  ones.

Limits: CAMEO patterns are matched as ordered word lists over the clause (no
noun-phrase structure), synonym sets match single words only, and CAMEO 01
("make public statement") has no PLOVER type, so plain statements are not events.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# PLOVER 0.5 names used by the 2016 gold standard records, mapped to current ones.
OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO roots the 2021 table leaves out: 02 "appeal" is a softer REQUEST; 01 (statements) is no event.
EXTRA_ROOTS = {"02": "REQUEST"}
# Pattern words that say nothing of the act: a pattern of content words beats a longer one of these.
FUNCTION_WORDS = {"to", "for", "with", "against", "on", "in", "into", "at", "of", "from", "by", "over", "back",
                  "up", "down", "out", "off", "about", "between", "the", "a", "an"}

_CODE = re.compile(r"\[([0-9]{2,4}|---)(?::[0-9-]*)?\]")


# -- building from the CAMEO dictionary ---------------------------------------
def _words(chunk: str) -> list[str]:
    """Pattern text -> lower-case word tokens; ``&SET`` tokens are kept as is."""
    chunk = re.sub(r"[(){}+$%^|]", " ", chunk)
    out = []
    for raw in chunk.replace("_", " ").split():
        if raw.startswith("&"):
            out.append(raw.upper())
        elif re.fullmatch(r"[A-Za-z][A-Za-z'.-]*", raw):
            out.append(raw.lower())
    return out


def parse_cameo(text: str) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Parse CAMEO.2.0.txt into (verbs, patterns, synsets) rows.

    verbs: (lemma, particle, code, block) -- code "" when the verb alone codes nothing;
    patterns: (block, before words, after words, code); synsets: (name, word).
    A block is a synonym group headed by ``--- NAME [code] ---``; its patterns
    apply to every verb of the group, as in PETRARCH2.
    """
    verbs: dict[tuple[str, str], tuple[str, str]] = {}
    patterns: list[tuple] = []
    seen: set[tuple] = set()
    synsets: list[tuple] = []
    section = None
    block_code = ""
    block = ""
    current_set = None
    for line in text.splitlines():
        if line.startswith("#######") or line.startswith("########"):
            section = "synsets" if "SYNONYM" in line else "verbs" if "VERB PATTERNS" in line else None
            continue
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped.strip():
            current_set = None
            continue
        if section == "synsets":
            if stripped.startswith("&"):
                current_set = stripped.split()[0].rstrip("_").upper()
            elif stripped.startswith("+") and current_set:
                word = stripped[1:].split()[0].rstrip("_").replace("_", " ").lower()
                if word:
                    synsets.append((current_set, word))
            continue
        if section != "verbs":
            continue
        if stripped.startswith("---"):
            m = _CODE.search(stripped)
            block_code = "" if not m or m.group(1) == "---" else m.group(1)
            block = stripped.strip("- ").split()[0].lower()
            continue
        if stripped.startswith("- "):
            m = _CODE.search(stripped)
            if not m or m.group(1) == "---" or "*" not in stripped:
                continue
            body = stripped[2:m.start()]
            before, after = body.split("*", 1)
            row = (block, " ".join(_words(before)), " ".join(_words(after)), m.group(1))
            if (row[1] or row[2]) and row not in seen:
                seen.add(row)
                patterns.append(row)
            continue
        # A verb line: "WORD {FORMS} [code]" or "+WORD_PARTICLE {FORMS}".
        head = stripped.lstrip("+").split("{")[0].strip()
        m = _CODE.search(head)
        code = block_code if not m else ("" if m.group(1) == "---" else m.group(1))
        head = _CODE.sub("", head).strip()
        parts = head.lower().strip("_").split("_")
        if not parts or not re.fullmatch(r"[a-z][a-z'-]*", parts[0]):
            continue
        lemma, particle = parts[0], " ".join(p for p in parts[1:] if p)
        if (lemma, particle) not in verbs or (code and not verbs[(lemma, particle)][0]):
            verbs[(lemma, particle)] = (code, block)
    return [(l, p, c, b) for (l, p), (c, b) in sorted(verbs.items())], patterns, synsets


def parse_plover_map(text: str) -> list[tuple[str, str, str]]:
    """CAMEO2PLOVER table -> (cameo code, PLOVER type, mode) rows."""
    rows = []
    for line in text.splitlines():
        m = re.match(r"\s*([0-9]{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if m and m.group(2) in PLOVER_TYPES:
            rows.append((m.group(1), m.group(2), (m.group(3) or "").strip()))
    for root, plover in EXTRA_ROOTS.items():
        rows.append((root, plover, ""))
    return rows


def parse_countries(path: Path) -> list[tuple[str, str]]:
    """OWID countries_regions.csv -> (name, iso3) rows: names, Wikidata labels and aliases of states."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            iso3 = rec.get("iso_alpha3") or ""
            if not re.fullmatch(r"[A-Z]{3}", iso3) or rec.get("members"):
                continue
            names = {rec["name"], rec.get("wikidata_label") or ""}
            try:
                names.update(json.loads(rec.get("aliases") or "[]"))
            except ValueError:
                pass
            for name in sorted(n.strip() for n in names if n and n.strip()):
                if "\\u" not in name and not re.search(r"\((the|of)\)", name):
                    rows.append((name, iso3))
    return rows


def _wordnet_verbs(folder: Path) -> tuple[dict[str, list[str]], dict[str, tuple[list[str], list[str]]]]:
    """WordNet's verb index (lemma -> synset offsets, most frequent sense first) and synsets
    (offset -> (lemmas, hypernym offsets)), read from the database files ``index.verb``/``data.verb``."""
    index: dict[str, list[str]] = {}
    for line in (folder / "index.verb").read_text("utf-8", errors="replace").splitlines():
        if line.startswith(" ") or not line.strip():
            continue  # the licence header
        f = line.split()
        n_synsets, n_ptr = int(f[2]), int(f[3])
        index[f[0]] = f[6 + n_ptr:6 + n_ptr + n_synsets]
    synsets: dict[str, tuple[list[str], list[str]]] = {}
    for line in (folder / "data.verb").read_text("utf-8", errors="replace").splitlines():
        if line.startswith(" ") or not line.strip():
            continue
        f = line.split(" | ")[0].split()
        n_words = int(f[3], 16)
        words = [f[4 + 2 * k].lower() for k in range(n_words)]
        k = 4 + 2 * n_words
        n_ptr = int(f[k])
        ptrs = [f[k + 1 + 4 * j: k + 5 + 4 * j] for j in range(n_ptr)]
        synsets[f[0]] = (words, [p[1] for p in ptrs if p[0] == "@" and p[2] == "v"])
    return index, synsets


def parse_wordnet(folder: Path, lex: "Lexicon", senses: int = 2) -> list[tuple[str, str, str, str]]:
    """(lemma, PLOVER type, curated verb it was reached through, "synonym"|"hypernym") for WordNet
    verbs outside the curated list.

    A verb takes the type of the curated verb cues (those without an object or subject
    condition) that share one of its ``senses`` most frequent synsets with it, else that name
    the synset's direct hypernym ("upbraid" shares a synset with "rebuke" -> ACCUSE; "firebomb"
    is a kind of "bomb" -> ASSAULT). The first sense that reaches a curated verb decides; when
    it reaches verbs of two types the verb gets none."""
    cues: dict[str, str] = {}
    for (_, pos), found in lex.curated.items():
        for cue in found:
            if pos == "verb" and not cue.object and not cue.subject:
                cues.setdefault("_".join(cue.words), cue.type)
    index, synsets = _wordnet_verbs(folder)
    rows = []
    for lemma, offsets in sorted(index.items()):
        if lemma in cues:
            continue
        for offset in offsets[:senses]:
            words, hypernyms = synsets.get(offset, ([], []))
            found = {(w, cues[w], "synonym") for w in words if w != lemma and w in cues}
            if not found:
                found = {(w, cues[w], "hypernym") for h in hypernyms for w in synsets.get(h, ([], []))[0] if w in cues}
            if found:
                types = {t for _, t, _ in found}
                if len(types) == 1:
                    via, typ, how = sorted(found)[0]
                    rows.append((lemma.replace("_", " "), typ, via.replace("_", " "), how))
                break
    return rows


def build(cameo: Path, plover_map: Path, out: Path, countries: Optional[Path] = None,
          wordnet: Optional[Path] = None) -> dict[str, int]:
    """Write the generated TSV files into ``out``; returns row counts."""
    verbs, patterns, synsets = parse_cameo(cameo.read_text("utf-8", errors="replace"))
    mapping = parse_plover_map(plover_map.read_text("utf-8", errors="replace"))
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "cameo_verbs.tsv": (("lemma", "particle", "cameo", "block"), verbs),
        "cameo_patterns.tsv": (("block", "before", "after", "cameo"), patterns),
        "cameo_synsets.tsv": (("set", "word"), synsets),
        "cameo_plover.tsv": (("cameo", "plover", "mode"), mapping),
    }
    if countries is not None:
        files["countries.tsv"] = (("name", "iso3"), parse_countries(countries))
    if wordnet is not None:
        files["wordnet_verbs.tsv"] = (("lemma", "plover", "via", "relation"), parse_wordnet(wordnet, load_lexicon()))
    counts = {}
    for name, (header, rows) in files.items():
        with open(out / name, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        counts[name] = len(rows)
    return counts


# -- loading and lookup -------------------------------------------------------
@dataclass(frozen=True)
class Cue:
    """One curated cue: words (lemmas), part of speech and what it codes."""

    words: tuple[str, ...]
    pos: str  # verb | noun | lnoun (an event noun only as a light verb's object) | adj | prep
    type: str  # PLOVER
    cameo: Optional[str]
    attitude: Optional[str]  # support | oppose | None (no stance by itself)
    modality: str = "asserted"
    # verbs: one of these words must be the object or a preposition/complement of the verb
    # ("impose" + sanctions); nouns: a modifier of the noun ("joint" exercises)
    object: frozenset = frozenset()
    subject: str = ""  # "crowd": people acting collectively ("protesters blocked roads"); "forces": armed forces


@dataclass
class Lexicon:
    verbs: dict[tuple[str, str], str] = field(default_factory=dict)
    blocks: dict[str, str] = field(default_factory=dict)  # lemma -> CAMEO synonym block
    patterns: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = field(default_factory=dict)
    synsets: dict[str, set[str]] = field(default_factory=dict)
    plover_map: dict[str, str] = field(default_factory=dict)
    curated: dict[tuple[str, str], list[Cue]] = field(default_factory=dict)  # (head lemma, pos) -> cues
    wordnet: dict[str, tuple[str, str]] = field(default_factory=dict)  # verb -> (PLOVER type, relation)
    _block_members: Optional[dict[str, list[str]]] = field(default=None, repr=False)

    def plover(self, cameo: Optional[str]) -> Optional[str]:
        """PLOVER type of a CAMEO code: the longest listed prefix decides."""
        if not cameo:
            return None
        for n in range(len(cameo), 1, -1):
            if cameo[:n] in self.plover_map:
                return self.plover_map[cameo[:n]]
        return None

    def wordnet_type(self, lemma: str, particle: str = "", relations: tuple[str, ...] = ("synonym", "hypernym")) -> Optional[str]:
        """PLOVER type of a verb outside both dictionaries through WordNet (``wordnet_verbs.tsv``)."""
        for key in ((f"{lemma} {particle}", lemma) if particle else (lemma,)):
            found = self.wordnet.get(key)
            if found and found[1] in relations:
                return found[0]
        return None

    def curated_cues(self, lemma: str, pos: str) -> list[Cue]:
        return self.curated.get((lemma, pos), [])

    def siblings(self, lemma: str) -> list[str]:
        """Curated verbs (and ``extra`` words such as light verbs) in ``lemma``'s CAMEO synonym block
        ("reimpose", "levy" -> "impose"; "oust" -> "deport", "evict", "expel"), the verb itself excluded."""
        block = self.blocks.get(lemma)
        if not block:
            return []
        if self._block_members is None:
            members: dict[str, list[str]] = {}
            for (word, _particle), _code in self.verbs.items():
                members.setdefault(self.blocks.get(word, ""), [])
                if word not in members[self.blocks.get(word, "")]:
                    members[self.blocks.get(word, "")].append(word)
            self._block_members = members
        return [w for w in self._block_members.get(block, []) if w != lemma]

    def majority_type(self, lemma: str, particle: str = "") -> Optional[str]:
        """The PLOVER type most of the verb's CAMEO codes (its default and its block's patterns) map to;
        ties go to the default's type."""
        default = self.verbs.get((lemma, particle)) or self.verbs.get((lemma, ""))
        counts: dict[str, int] = {}
        for _pre, _post, code in self.patterns.get(self.blocks.get(lemma, ""), ()):
            t = self.plover(code)
            if t:
                counts[t] = counts.get(t, 0) + 1
        first = self.plover(default)
        if first:
            counts[first] = counts.get(first, 0) + 1
        if not counts:
            return None
        top = max(counts.values())
        return first if first and counts[first] == top else max(counts, key=counts.get)

    def cameo_code(self, lemma: str, particle: str, before: Iterable, after: Iterable,
                   default: bool = True) -> Optional[str]:
        """CAMEO code for a verb: the most specific matching pattern, else (``default``) the verb's default.

        ``before``/``after``: the words before and after the verb in its clause,
        each a string or a set of its forms (lemma and surface form).
        """
        before, after = list(before), list(after)
        # Cheap pre-filter: every literal pattern word must occur somewhere (a plural "s" aside).
        seen: set[str] = set()
        for w in before + after:
            for f in (w if isinstance(w, (set, frozenset, tuple)) else (w,)):
                seen.add(f)
                seen.add(f[:-1] if f.endswith("s") else f)
        best, best_len = None, (0, 0)
        for pre, post, code in self.patterns.get(self.blocks.get(lemma, ""), ()):
            # content words first: "rushed relief supplies to X" is relief (073), not "* to" (042)
            n = (sum(w not in FUNCTION_WORDS for w in pre + post), len(pre) + len(post))
            if n <= best_len or any(w not in seen for w in pre + post if not w.startswith("&")):
                continue
            if self._ordered(pre, before) and self._ordered(post, after):
                best, best_len = code, n
        if best or not default:
            return best
        return self.verbs.get((lemma, particle)) or (self.verbs.get((lemma, "")) if particle else None) or None

    def _ordered(self, wanted: tuple[str, ...], words: list) -> bool:
        """``wanted`` occur in order among ``words`` (each a word, or a set of forms of one word)."""
        i = 0
        for w in words:
            if i == len(wanted):
                break
            forms = w if isinstance(w, (set, frozenset, tuple)) else (w,)
            want = wanted[i]
            if want.startswith("&"):
                hit = any(f in self.synsets.get(want, ()) for f in forms)
            else:
                hit = any(f == want or f == want + "s" for f in forms)
            i += hit
        return i == len(wanted)


def _read_tsv(name: str) -> list[dict[str, str]]:
    path = resources.files("presswatch").joinpath("data", "events", name)
    with path.open("r", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    lex = Lexicon()
    for row in _read_tsv("cameo_verbs.tsv"):
        lex.verbs[(row["lemma"], row["particle"] or "")] = row["cameo"] or ""
        lex.blocks.setdefault(row["lemma"], row["block"])
    for row in _read_tsv("cameo_patterns.tsv"):
        pre, post = tuple((row["before"] or "").split()), tuple((row["after"] or "").split())
        lex.patterns.setdefault(row["block"], []).append((pre, post, row["cameo"]))
    for row in _read_tsv("cameo_synsets.tsv"):
        lex.synsets.setdefault(row["set"], set()).add(row["word"].split()[-1])
    for row in _read_tsv("cameo_plover.tsv"):
        lex.plover_map.setdefault(row["cameo"], row["plover"])
    if resources.files("presswatch").joinpath("data", "events", "wordnet_verbs.tsv").is_file():
        for row in _read_tsv("wordnet_verbs.tsv"):
            lex.wordnet[row["lemma"]] = (row["plover"], row["relation"])
    for row in _read_tsv("curated.tsv"):
        words = tuple(row["cue"].lower().split())
        if row["type"] not in PLOVER_TYPES:
            raise ValueError(f"curated.tsv: unknown PLOVER type {row['type']!r} for {row['cue']!r}")
        if row["pos"] not in ("verb", "noun", "lnoun", "adj", "prep"):
            raise ValueError(f"curated.tsv: unknown part of speech {row['pos']!r} for {row['cue']!r}")
        cue = Cue(words, row["pos"], row["type"], row["cameo"] or None, row["attitude"] or None,
                  row.get("modality") or "asserted", frozenset(w for w in (row.get("object") or "").split("|") if w),
                  row.get("subject") or "")
        lex.curated.setdefault((words[0], row["pos"]), []).append(cue)
    for cues in lex.curated.values():
        # longest phrase first, then constrained cues before the word's default (stable: file order)
        cues.sort(key=lambda c: (-len(c.words), not c.object and not c.subject))
    return lex


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m presswatch.event_lexicon",
                                     description="Rebuild the generated CAMEO/PLOVER lexicon files.")
    parser.add_argument("--cameo", type=Path, required=True, help="CAMEO.2.0.txt (PETRARCH2 verb dictionary)")
    parser.add_argument("--plover-map", type=Path, required=True, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("--countries", type=Path, help="OWID countries_regions.csv (fallback country names)")
    parser.add_argument("--wordnet", type=Path, help="a WordNet 3.0 database folder (index.verb, data.verb)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "events")
    args = parser.parse_args(argv)
    for path in (args.cameo, args.plover_map, *([args.countries] if args.countries else []),
                 *([args.wordnet / "data.verb"] if args.wordnet else [])):
        if not path.is_file():
            print(f"event_lexicon: error: not a file: {path}", file=sys.stderr)
            return 2
    for name, n in build(args.cameo, args.plover_map, args.out, args.countries, args.wordnet).items():
        print(f"{name}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
