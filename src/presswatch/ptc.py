"""Reader for the Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11).

Layout of a PTC folder (as distributed for the shared task)::

    propaganda-techniques-names-semeval2020task11.txt   one technique name per line
    train-articles/article<ID>.txt                       title, blank line, one sentence per line
    train-task1-SI.labels   / dev-task-SI.labels         ID <TAB> start <TAB> end
    train-task2-TC.labels   / dev-task-TC.labels         ID <TAB> technique <TAB> start <TAB> end

Offsets are Python ``str`` indices into the decoded article text, end exclusive.
The texts and labels are third-party research data: this module reads them from
wherever they lie and never copies them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

NAMES_FILE = "propaganda-techniques-names-semeval2020task11.txt"

# The 14 technique names of SemEval-2020 Task 11, exactly as in NAMES_FILE.
TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

# Label files of each split: (SI file, TC file).
_LABEL_FILES = {
    "train": ("train-task1-SI.labels", "train-task2-TC.labels"),
    "dev": ("dev-task-SI.labels", "dev-task-TC.labels"),
}


@dataclass
class PTCArticle:
    """One PTC article with its gold spans (empty lists for an unlabelled split)."""

    id: str
    text: str
    si: list[tuple[int, int]] = field(default_factory=list)
    tc: list[tuple[str, int, int]] = field(default_factory=list)  # (technique, start, end)


def read_names(ptc_dir: str | Path) -> list[str]:
    """The technique names listed in the corpus folder, in file order."""
    path = Path(ptc_dir) / NAMES_FILE
    try:
        return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        raise InputError(f"{ptc_dir}: not a PTC folder (no {NAMES_FILE})", source=str(ptc_dir)) from None


def read_labels(path: str | Path, with_technique: bool) -> dict[str, list[tuple]]:
    """Parse an SI (``with_technique=False``) or TC label file into ``{article_id: [rows]}``.

    SI rows are ``(start, end)``, TC rows ``(technique, start, end)``. Malformed
    lines raise :class:`InputError` naming the file and line.
    """
    path = Path(path)
    out: dict[str, list[tuple]] = {}
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: label file not found", source=str(path)) from None
    width = 4 if with_technique else 3
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != width:
            raise InputError(f"{path}:{n}: expected {width} tab-separated columns, got {len(cols)}", source=str(path))
        try:
            start, end = int(cols[-2]), int(cols[-1])
        except ValueError:
            raise InputError(f"{path}:{n}: offsets are not integers", source=str(path)) from None
        if start < 0 or end < start:
            raise InputError(f"{path}:{n}: bad span [{start}, {end})", source=str(path))
        row = (cols[1], start, end) if with_technique else (start, end)
        out.setdefault(cols[0], []).append(row)
    return out


def read_split(ptc_dir: str | Path, split: str, limit: int | None = None) -> list[PTCArticle]:
    """Articles of ``split`` (``train``, ``dev`` or ``test``) with their gold labels, sorted by id.

    ``test`` has no gold labels in the public release, so its lists stay empty.
    """
    root = Path(ptc_dir)
    folder = root / f"{split}-articles"
    if not folder.is_dir():
        raise InputError(f"{root}: no {split}-articles folder", source=str(root))
    si: dict[str, list] = {}
    tc: dict[str, list] = {}
    if split in _LABEL_FILES:
        si_file, tc_file = _LABEL_FILES[split]
        si = read_labels(root / si_file, with_technique=False)
        tc = read_labels(root / tc_file, with_technique=True)
    articles = []
    for path in sorted(folder.glob("article*.txt")):
        aid = path.stem[len("article"):]
        # newline="" keeps "\r" so offsets index the file as distributed.
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        tc_rows = sorted(tc.get(aid, []), key=lambda r: (r[1], r[2], r[0]))
        articles.append(PTCArticle(aid, text, sorted(si.get(aid, [])), tc_rows))
        if limit is not None and len(articles) >= limit:
            break
    return articles
