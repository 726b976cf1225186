"""Name matching: normalise, transliterate, find candidates, score and explain.

``Screener`` screens names against list entities through an index; ``compare_names``
scores two names alone; ``DEFAULT_THRESHOLD`` is the alert threshold both use;
``name_warnings`` names the evasion signals of a screened name (hidden characters).
"""

from tradescreen.matching.scoring import Feature, name_warnings
from tradescreen.matching.screener import DEFAULT_THRESHOLD, Hit, Screener, compare_names

__all__ = ["DEFAULT_THRESHOLD", "Feature", "Hit", "Screener", "compare_names", "name_warnings"]
