"""tradescreen: sanctions and export-control screening.

The Python API of DESIGN.md: ``compare_names``, ``DEFAULT_THRESHOLD`` and ``Screener``
for names; ``check`` for transactions (see ``tradescreen.decision.check``). The matcher
loads on first use of these names, so that a command that does not match (``--help``)
does not wait for it.
"""

from typing import TYPE_CHECKING

from tradescreen._lazy import lazy_exports
from tradescreen.matching import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from tradescreen._version import __version__
    from tradescreen.matching import Screener, compare_names

__all__ = ["DEFAULT_THRESHOLD", "Screener", "__version__", "compare_names"]

# importlib.metadata, for the version, takes 60 ms to import: not for --help either.
__getattr__ = lazy_exports(
    __name__, {"__version__": "_version", "Screener": "matching", "compare_names": "matching"}
)
