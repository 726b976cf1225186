"""tradescreen: sanctions and export-control screening.

The Python API of DESIGN.md: ``compare_names``, ``DEFAULT_THRESHOLD`` and ``Screener``
for names; ``check`` for transactions (see ``tradescreen.decision.check``).
"""

from importlib.metadata import version

__version__ = version("tradescreen")

from tradescreen.matching import DEFAULT_THRESHOLD, Screener, compare_names  # noqa: E402

__all__ = ["DEFAULT_THRESHOLD", "Screener", "__version__", "compare_names"]
