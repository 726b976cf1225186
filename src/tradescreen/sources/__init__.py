"""Parsers for the official list formats (one module per format)."""
