"""Aggregate coded events into per-article stances.

The events layer turns each event that carries an attitude into a
:class:`Claim` ("source supports/opposes target, says this sentence"). Claims
with the same source, attitude and target are merged into one
:class:`~presswatch.types.Stance` with all their evidence spans and event
ids; its confidence grows with the number of independent events. A person who
holds an office of a state at the article date speaks for that state, so their
stances are also recorded as the state's (a little less confident).

Limits: targets are merged by actor or by the head word of the target phrase,
so "US bases" and "US military bases in the region" merge, but "bases" and
"military presence" do not; no cross-article aggregation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional

from .dates import parse_iso
from .types import Actor, Stance, StanceTarget

# Derived (official -> state) stances are a little less certain than the official's own.
STATE_FACTOR = 0.9


@dataclass
class Claim:
    source: str  # actor id
    attitude: str  # support | oppose
    target_actor: Optional[str]
    target_text: Optional[str]
    target_key: str  # what makes two targets "the same"
    evidence: list[int]  # [start, end]
    event_id: str
    confidence: float
    derived: bool = field(default=False)


def in_office(actor: Actor, date: Optional[str]) -> Optional[str]:
    """The ISO3 country a person holds an office of at ``date`` (roles with dates), else None.

    Roles without dates count when the article has no date; with a date, a role
    whose start is after it or whose end is before it does not count. A post at an
    international organisation (a UN Secretary-General) speaks for no state.
    """
    if actor.type != "person":
        return None
    when = parse_iso(date)
    for role in actor.roles:
        country = role.country or actor.country
        if not country or (role.organization and _international_post(role)):
            continue
        start, end = parse_iso(role.start), parse_iso(role.end)
        if when is None or ((start is None or start <= when) and (end is None or when <= end)):
            return country
    return None


def _international_post(role) -> bool:
    try:
        from .kb import load_kb
    except ImportError:  # the stances work without the knowledge base
        return False
    return load_kb().international_post(role) is not None


def build_stances(
    claims: Iterable[Claim],
    actors: dict[str, Actor],
    article_date: Optional[str],
    state_id: Callable[[str], Optional[str]],
    official_to_state: bool = True,
) -> list[Stance]:
    """Merge claims into stances; add state stances for officials in office."""
    claims = list(claims)
    if official_to_state:
        for claim in list(claims):
            actor = actors.get(claim.source)
            country = in_office(actor, article_date) if actor else None
            state = state_id(country) if country else None
            if state and state != claim.source and state != claim.target_actor:
                claims.append(Claim(state, claim.attitude, claim.target_actor, claim.target_text, claim.target_key,
                                    claim.evidence, claim.event_id, claim.confidence * STATE_FACTOR, derived=True))
    merged: dict[tuple[str, str, str], dict] = {}
    for claim in claims:
        key = (claim.source, claim.attitude, claim.target_key)
        slot = merged.setdefault(key, {"claims": [], "text": claim.target_text, "actor": claim.target_actor})
        slot["claims"].append(claim)
        if claim.target_text and (not slot["text"] or len(claim.target_text) < len(slot["text"])):
            slot["text"] = claim.target_text  # the shortest wording names the target best
    stances = []
    for (source, attitude, _), slot in merged.items():
        group = slot["claims"]
        evidence = sorted({tuple(c.evidence) for c in group})
        events = list(dict.fromkeys(c.event_id for c in group))
        best = max(c.confidence for c in group)
        # Each further independent event removes a third of the remaining doubt.
        confidence = 1 - (1 - best) * (2 / 3) ** (len(events) - 1)
        stances.append(Stance(
            source=source,
            attitude=attitude,
            target=StanceTarget(actor=slot["actor"], text=slot["text"]),
            evidence=[list(e) for e in evidence],
            events=events,
            confidence=round(min(confidence, 0.99), 3),
        ))
    stances.sort(key=lambda s: (-len(s.events), s.evidence[0][0] if s.evidence else 0))
    return stances


__all__ = ["Claim", "build_stances", "in_office"]
