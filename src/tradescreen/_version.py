"""The installed engine's version, as its package metadata states it."""

from importlib.metadata import version

__version__ = version("tradescreen")
