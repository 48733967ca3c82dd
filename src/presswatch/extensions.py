"""The spaCy ``Doc`` extension attributes that presswatch components share.

Each component reads the article and what earlier layers wrote, and writes its
own results, all through ``doc._``:

- ``pw_article``: the :class:`~presswatch.types.Article` being analysed;
- ``pw_regions``: ``[(start, end), ...]`` character ranges the layers analyse
  (title and body; not datelines, bylines or boilerplate);
- ``pw_entities``, ``pw_actors``, ``pw_quotes``, ``pw_events``, ``pw_stances``,
  ``pw_techniques``: lists of result objects from :mod:`presswatch.types`.
"""

from __future__ import annotations

from spacy.tokens import Doc

RESULT_ATTRS = ("pw_entities", "pw_actors", "pw_quotes", "pw_events", "pw_stances", "pw_techniques")


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory."""
    if not Doc.has_extension("pw_article"):
        Doc.set_extension("pw_article", default=None)
    if not Doc.has_extension("pw_regions"):
        Doc.set_extension("pw_regions", default=None)
    for name in RESULT_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def analysed_regions(doc: Doc) -> list[tuple[int, int]]:
    """The character ranges layers should analyse; the whole text when layout has not run."""
    regions = doc._.pw_regions
    return list(regions) if regions is not None else [(0, len(doc.text))]


def in_regions(doc: Doc, start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside one analysed region."""
    return any(s <= start and end <= e for s, e in analysed_regions(doc))


register_extensions()
