"""Helpers every parser shares: safe XML, strict decoding, clean values, countries, dates."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from followthemoney.types import registry
from lxml import etree

from tradescreen.exc import ListFormatError
from tradescreen.model import DatePrecision, Entity, PartialDate, name_length_problem

__all__ = [
    "check_names",
    "clean_text",
    "country_code",
    "parse_xml",
    "partial_date",
    "read_head",
]

HEAD_SIZE = 65536
_SPACES = re.compile(r"\s+")


def read_head(path: Path, size: int = HEAD_SIZE) -> bytes:
    """The first bytes of a file, for format sniffing."""
    with path.open("rb") as fh:
        return fh.read(size)


def clean_text(value: str | None) -> str | None:
    """Strip and collapse whitespace; empty and placeholder values become None."""
    if value is None:
        return None
    value = _SPACES.sub(" ", value).strip()
    if value in ("", "-0-", "-", "n/a", "N/A", "NA"):
        return None
    return value


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO 3166-1 alpha-2 (lower case, as FtM) for a country name or code, or None."""
    text = clean_text(text)
    if text is None:
        return None
    return registry.country.clean(text)


def check_names(entity: Entity, path: Path, record: str | None = None) -> None:
    """Refuse an entity with a name longer than ``MAX_NAME_LENGTH``: the list file is bad.

    Raises:
        ListFormatError: naming the file, the record and the entity's id.
    """
    for name in entity.names:
        problem = name_length_problem(name.value)
        if problem is not None:
            raise ListFormatError(path, f"{entity.source_id}: {problem}", record=record)


def partial_date(
    year: str | int | None,
    month: str | int | None = None,
    day: str | int | None = None,
    approximate: bool = False,
) -> PartialDate | None:
    """A PartialDate from parts; zero or missing parts lower the precision.

    ``00/00/1980`` is a year, ``00/05/1980`` a month.
    """
    try:
        y = int(year) if year not in (None, "") else 0
        m = int(month) if month not in (None, "") else 0
        d = int(day) if day not in (None, "") else 0
    except (TypeError, ValueError):
        return None
    if not 1000 <= y <= 2100:
        return None
    if not 1 <= m <= 12:
        value = f"{y:04d}"
    elif not 1 <= d <= 31:
        value = f"{y:04d}-{m:02d}"
    else:
        value = f"{y:04d}-{m:02d}-{d:02d}"
    if approximate:
        return PartialDate(value, DatePrecision.APPROXIMATE)
    return PartialDate.from_iso(value)


_LXML_POSITION = re.compile(r"(,? line \d+)+(, column \d+)?$")
_DOCTYPE_ENTITY = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.DOTALL)


def parse_xml(path: Path) -> etree._Element:
    """Parse an XML list file safely and return its root element.

    Official lists never declare entities, so a DOCTYPE with ENTITY declarations
    (an entity-expansion bomb or an external-entity reference) is refused before
    parsing; the parser also never resolves entities or touches the network.
    """
    data = path.read_bytes()
    if not data.strip():
        raise ListFormatError(path, "the file is empty")
    if _DOCTYPE_ENTITY.search(data[:HEAD_SIZE]) or b"<!ENTITY" in data[:HEAD_SIZE]:
        raise ListFormatError(
            path, "XML entity declarations are refused (entity expansion or external entity)"
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno is not None else "?"
        # lxml repeats the position at the end of its message; say it once.
        message = _LXML_POSITION.sub("", exc.msg).strip()
        raise ListFormatError(
            path, f"XML error: {message} (column {exc.offset})", record=f"line {line}"
        ) from None
    if root is None:
        raise ListFormatError(path, "no XML root element")
    return root
