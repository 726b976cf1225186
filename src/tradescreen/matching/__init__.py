"""Name matching: normalise, transliterate, find candidates, score and explain.

``Screener`` screens names against list entities through an index; ``compare_names``
scores two names alone; ``DEFAULT_THRESHOLD`` is the alert threshold both use.
"""

from tradescreen.matching.scoring import Feature
from tradescreen.matching.screener import DEFAULT_THRESHOLD, Hit, Screener, compare_names

__all__ = ["DEFAULT_THRESHOLD", "Feature", "Hit", "Screener", "compare_names"]
