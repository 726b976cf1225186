"""Parsers for the official list formats, one module per format, and format detection
(``sources.registry``: ``FORMATS``, ``detect_format``, ``parse_files``)."""
