"""Name matching: normalise, transliterate, find candidates, score and explain.

``Screener`` screens names against list entities through an index; ``compare_names``
scores two names alone; ``DEFAULT_THRESHOLD`` is the alert threshold both use;
``name_warnings`` names the evasion signals of a screened name (hidden characters).
The names are imported on first use: loading the matcher takes a few tenths of a second
that a command which does not match should not wait (``matching.bands`` holds the
thresholds alone).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from tradescreen.matching.bands import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from tradescreen.matching.scoring import Feature, name_warnings
    from tradescreen.matching.screener import Hit, Screener, compare_names

__all__ = ["DEFAULT_THRESHOLD", "Feature", "Hit", "Screener", "compare_names", "name_warnings"]

_HOMES = {
    "Feature": "scoring",
    "name_warnings": "scoring",
    "Hit": "screener",
    "Screener": "screener",
    "compare_names": "screener",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'tradescreen.matching' has no attribute {name!r}")
    return getattr(import_module(f"tradescreen.matching.{home}"), name)
