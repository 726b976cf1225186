"""A user's judgement on two listings: the same designee, or two different ones.

Cross-list resolution links listings on evidence (``matching.resolution``); an analyst
who knows better confirms a link the evidence misses or splits one it makes wrongly. The
store keeps the judgement under the two entity ids, so it holds across list versions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["DIFFERENT", "JUDGEMENTS", "SAME", "Judgement"]

SAME = "same"
DIFFERENT = "different"
JUDGEMENTS = (SAME, DIFFERENT)


@dataclass(frozen=True, slots=True)
class Judgement:
    entity_id: str
    other_id: str
    judgement: str  # SAME or DIFFERENT
    actor: str
    judged_at: str  # ISO 8601, UTC
    note: str = ""

    def __post_init__(self) -> None:
        if self.judgement not in JUDGEMENTS:
            raise ValueError(f"a judgement is {' or '.join(JUDGEMENTS)}, not {self.judgement!r}")

    @property
    def reason(self) -> str:
        """``confirmed by ana on 2026-12-03: same passport``, for a link's explanation."""
        verb = "confirmed" if self.judgement == SAME else "split"
        note = f": {self.note}" if self.note else ""
        return f"{verb} by {self.actor} on {self.judged_at[:10]}{note}"

    def to_dict(self) -> dict[str, str]:
        return asdict(self)
