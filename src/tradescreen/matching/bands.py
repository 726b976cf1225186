"""Score bands: when a hit is an alert, and when a strong one (see ``matching.screener``)."""

from __future__ import annotations

__all__ = ["DEFAULT_THRESHOLD", "STRONG_THRESHOLD", "band_of"]

#: The score at or above which a hit is an alert. Tuned on benchmarks/eval (see README there).
DEFAULT_THRESHOLD = 0.82
#: The score at or above which an alert is a strong match.
STRONG_THRESHOLD = 0.92


def band_of(score: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``strong``, ``possible`` or ``weak``."""
    if score >= STRONG_THRESHOLD:
        return "strong"
    return "possible" if score >= threshold else "weak"
