"""tradescreen: sanctions and export-control screening.

The Python API of DESIGN.md: ``compare_names``, ``DEFAULT_THRESHOLD`` and ``Screener``
for names; ``check`` for transactions (see ``tradescreen.decision.check``). The matcher
loads on first use of these names, so that a command that does not match (``--help``)
does not wait for it.
"""

from importlib.metadata import version
from typing import TYPE_CHECKING, Any

from tradescreen.matching import DEFAULT_THRESHOLD

__version__ = version("tradescreen")

if TYPE_CHECKING:
    from tradescreen.matching import Screener, compare_names

__all__ = ["DEFAULT_THRESHOLD", "Screener", "__version__", "compare_names"]


def __getattr__(name: str) -> Any:
    if name in ("Screener", "compare_names"):
        from tradescreen import matching

        return getattr(matching, name)
    raise AttributeError(f"module 'tradescreen' has no attribute {name!r}")
