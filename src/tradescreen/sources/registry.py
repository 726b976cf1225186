"""The supported list formats, format detection and parsing a set of files."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path

from tradescreen.exc import InputError, ListFormatError, NotFoundError, UnknownFormatError
from tradescreen.sources import (
    bis_dpl,
    ftm,
    ofac_advanced,
    ofac_csv,
    ofac_xml,
    uk_conlist,
    uk_fcdo,
    un_xml,
    us_csl,
)
from tradescreen.sources._common import check_names, read_head
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMATS", "KNOWN_SOURCES", "check_source", "detect_format", "parse_files"]

#: Every supported format by its user-facing name (``--format``), in sniffing order.
FORMATS: dict[str, ListFormat] = {
    fmt.name: fmt
    for fmt in (
        un_xml.FORMAT,
        ofac_xml.FORMAT,
        ofac_advanced.FORMAT,
        ofac_csv.FORMAT,
        uk_conlist.FORMAT,
        uk_fcdo.FORMAT,
        us_csl.FORMAT,
        bis_dpl.FORMAT,
        ftm.FORMAT,
    )
}

#: Every list tradescreen knows by name: the lists of the formats, and OpenSanctions.
KNOWN_SOURCES: tuple[str, ...] = tuple(
    dict.fromkeys(s for fmt in FORMATS.values() for s in fmt.sources)
) + (ftm.DEFAULT_SOURCE,)


def check_source(source: str, fmt: ListFormat, path: Path) -> None:
    """A ``--source`` must be a known list, and one that the file's format publishes."""
    if source not in KNOWN_SOURCES:
        raise NotFoundError(f"unknown source {source!r}; known: {', '.join(KNOWN_SOURCES)}")
    if fmt.sources and source not in fmt.sources:
        raise InputError(
            f"{path.name}: a {fmt.name} file is a list of {' or '.join(fmt.sources)}, "
            f"not of {source!r}"
        )


def detect_format(path: Path) -> ListFormat:
    """The format whose sniffer recognises the file."""
    _check_is_file(path)
    head = read_head(path)
    if not head.strip():
        raise ListFormatError(path, "the file is empty")
    for fmt in FORMATS.values():
        if fmt.sniff(path, head):
            return fmt
    encoding = _wide_encoding(head)
    if encoding is not None:
        raise ListFormatError(
            path,
            f"the file is {encoding} text; list files are read as UTF-8 "
            "(or the publisher's own 8-bit encoding): convert it first",
        )
    raise UnknownFormatError(path, list(FORMATS))


def _check_is_file(path: Path) -> None:
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the list files in it")
    if not path.is_file():
        raise InputError(f"{path}: no such file")


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, told by a byte order mark or by NUL bytes between ASCII letters."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if head.startswith(bom):
            return name
    sample = head[:4096]
    return "UTF-16" if sample and sample.count(0) > len(sample) // 4 else None


def parse_files(
    paths: Sequence[Path], format: str = "auto", source: str | None = None
) -> list[ParsedList]:
    """Parse the files given together into publications.

    Files of one multi-file publication (OFAC's sdn.csv with add.csv and alt.csv)
    are grouped by their format's ``publication_key``; every other file is a
    publication of its own. Any bad file raises before anything is returned, and so
    does a name longer than ``MAX_NAME_LENGTH`` in any format.
    """
    if format != "auto" and format not in FORMATS:
        raise InputError(f"unknown format {format!r}; choose from auto, {', '.join(FORMATS)}")
    groups: dict[tuple[str, str], list[Path]] = {}
    for path in paths:
        _check_is_file(path)
        fmt = detect_format(path) if format == "auto" else FORMATS[format]
        if source is not None:
            check_source(source, fmt, path)
        groups.setdefault((fmt.name, fmt.publication_key(path)), []).append(path)
    parsed = [FORMATS[name].parse(files, source) for (name, _key), files in groups.items()]
    for publication in parsed:
        for entity in publication.entities:
            check_names(entity, publication.files[0])
    return parsed
