"""Parsers for the official list formats, one module per format, and format detection."""

from tradescreen.sources.registry import FORMATS, detect_format, parse_files
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMATS", "ListFormat", "ParsedList", "detect_format", "parse_files"]
