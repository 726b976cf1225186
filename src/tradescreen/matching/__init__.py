"""Name matching: normalise, transliterate, find candidates, score and explain.

``Screener`` screens names against list entities through an index; ``compare_names``
scores two names alone; ``DEFAULT_THRESHOLD`` is the alert threshold both use;
``name_warnings`` names the evasion signals of a screened name (hidden characters).
The names are imported on first use: loading the matcher takes a few tenths of a second
that a command which does not match should not wait (``matching.bands`` holds the
thresholds alone).
"""

from typing import TYPE_CHECKING

from tradescreen._lazy import lazy_exports
from tradescreen.matching.bands import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from tradescreen.matching.resolution import Link
    from tradescreen.matching.scoring import Feature, name_warnings
    from tradescreen.matching.screener import Hit, Listing, Screener, compare_names

__all__ = [
    "DEFAULT_THRESHOLD",
    "Feature",
    "Hit",
    "Link",
    "Listing",
    "Screener",
    "compare_names",
    "name_warnings",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "Feature": "scoring",
        "name_warnings": "scoring",
        "Hit": "screener",
        "Link": "resolution",
        "Listing": "screener",
        "Screener": "screener",
        "compare_names": "screener",
    },
)
