"""The UK Sanctions List summary export of the FCDO search page (``uk-fcdo``).

One row per designation: ``Unique ID`` (the source id, ``DPR0001``), ``OFSI Group ID``,
``Name`` (the primary name only), ``Regime Name``, ``Type``, ``Designation source``,
``Date Designated`` (``dd-mm-yyyy``) and ``Sanctions Imposed``. The export comes as an
OpenDocument spreadsheet (``.ods``) or as a CSV saved from it; both are read. The file
carries no date, so the publication date is the one in the file name, if any.

The OFSI Group ID is the same designation's id on OFSI's ConList (source ``uk-ofsi``).
It is kept as a remark (``OFSI Group ID: 13590``), not as an identifier, which would make
it match other lists' numbers, nor as a link, which names designations of the same list.

Publisher quirks: some rows have no OFSI Group ID (UN ships such as ``DPR0075``) and two
have no name (``BEL0174``, ``RUS1467``); they are kept, listed in ``metadata["unnamed"]``.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from lxml import etree

from tradescreen.exc import ListFormatError
from tradescreen.model import Entity, Name
from tradescreen.sources._common import clean_text, read_head
from tradescreen.sources._csv import Record, Row, read_records, read_rows, sniff_header
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "parse_uk_fcdo", "sniff_uk_fcdo"]

DEFAULT_SOURCE = "uk-fcdo"

#: ``Type`` to FtM schema.
TYPES = {"Individual": "Person", "Entity": "Organization", "Ship": "Vessel"}

REQUIRED = ("Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type", "Date Designated")
DATE_PATTERN = "%d-%m-%Y"

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: content.xml of the 5,302-row export is 7.4 MB; anything far larger is not this export.
ODS_MAX_CONTENT = 256 * 1024 * 1024
#: Cells a row may repeat (an ODS row ends with one empty cell repeated 16,376 times).
ODS_MAX_COLUMNS = 64
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#: What a damaged or unusual zip raises: bad structure, missing member, bad deflate data,
#: encryption (RuntimeError) or an unsupported compression method.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    KeyError,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)
_FILE_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def sniff_uk_fcdo(path: Path, head: bytes) -> bool:
    """Whether the file is the export: a CSV with its header, or an ODS whose first row is it.

    An ODS is recognised by its ``mimetype`` member, wherever it sits in the zip (the
    FCDO's writer does not put it first, as the OpenDocument standard asks).
    """
    if head.startswith(b"PK\x03\x04"):
        return is_fcdo_ods(path)
    return sniff_header(head, REQUIRED)


def is_fcdo_ods(path: Path) -> bool:
    """A zip holding the ODS ``mimetype`` whose content.xml starts with the export's header."""
    try:
        with zipfile.ZipFile(path) as archive:
            if not is_ods(archive):
                return False
            with archive.open("content.xml") as content:
                start = content.read(65536)
    except _ZIP_ERRORS:
        return False
    return all(f"<text:p>{column}</text:p>".encode() in start for column in REQUIRED)


def is_ods(archive: zipfile.ZipFile) -> bool:
    """Whether the archive's ``mimetype`` member names an OpenDocument spreadsheet."""
    with archive.open("mimetype") as member:
        return member.read(len(ODS_MIMETYPE) + 8).strip() == ODS_MIMETYPE


def parse_uk_fcdo(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one FCDO summary export (CSV or ODS).

    Raises:
        ListFormatError: the file cannot be read, lacks a column, or a row has no
            Unique ID, an unknown Type or a Date Designated that is not a date.
        ValueError: not exactly one file was given (a publication is one file).
    """
    if len(paths) != 1:
        raise ValueError(f"uk-fcdo parses one file per publication, got {len(paths)}")
    path = Path(paths[0])
    if read_head(path, 4) == b"PK\x03\x04":
        records = read_records(path, read_ods_rows(path), REQUIRED, unit="row")
    else:
        records = read_records(path, read_rows(path), REQUIRED)
    source = source or DEFAULT_SOURCE
    entities = [parse_record(record, source) for record in records]
    metadata = {"rows": str(len(entities))}
    unnamed = [entity.source_id for entity in entities if not entity.names]
    if unnamed:
        metadata["unnamed"] = ", ".join(unnamed)
    return ParsedList(
        format=FORMAT.name,
        source=source,
        published=file_name_date(path),
        entities=entities,
        files=(path,),
        metadata=metadata,
    )


def parse_record(record: Record, source: str) -> Entity:
    """One designation."""
    unique_id = record.text("Unique ID")
    if unique_id is None:
        raise record.error("no Unique ID")
    kind = record.text("Type")
    if kind not in TYPES:
        raise record.error(f'Type "{kind}" is not one of {", ".join(TYPES)}')
    draft = EntityDraft(source, unique_id, TYPES[kind], record.path, record.where)
    name = record.text("Name")
    if name is not None:
        draft.names.append(Name(name))
    regime = record.text("Regime Name")
    if regime is not None:
        draft.programs.append(regime)
    designated = record.date("Date Designated", DATE_PATTERN)
    if designated is not None:
        draft.listing_dates.append(designated)
    for column in ("OFSI Group ID", "Designation source", "Sanctions Imposed"):
        value = record.text(column)
        draft.add_remark(None if value is None else f"{column}: {value}")
    return draft.build()


def read_ods_rows(path: Path) -> list[Row]:
    """The rows of the first sheet of an ODS file, with their row numbers.

    content.xml is read with a size cap and parsed without DTDs, entities or network;
    an ODS never has a DOCTYPE, so one is refused.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            if not is_ods(archive):
                raise ListFormatError(path, "not an OpenDocument spreadsheet")
            with archive.open("content.xml") as content:
                data = content.read(ODS_MAX_CONTENT + 1)
    except _ZIP_ERRORS as exc:
        raise ListFormatError(path, f"not a readable ODS file: {exc}") from None
    if len(data) > ODS_MAX_CONTENT:
        raise ListFormatError(path, f"content.xml is larger than {ODS_MAX_CONTENT} bytes")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ListFormatError(path, "content.xml declares a DOCTYPE or entities, refused")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ListFormatError(
            path, f"content.xml: XML error: {exc.msg}", record=f"line {exc.lineno}"
        ) from None
    table = root.find(f".//{{{_TABLE}}}table")
    if table is None:
        raise ListFormatError(path, "the spreadsheet has no sheet")
    rows: list[Row] = []
    width: int | None = None
    number = 1
    for row in table.iter(f"{{{_TABLE}}}table-row"):
        cells = read_ods_cells(path, number, row)
        width = len(cells) if width is None else width
        rows.append((number, cells + [""] * (width - len(cells))))
        number += ods_repeat(path, number, row, "number-rows-repeated")
    return rows


def read_ods_cells(path: Path, number: int, row: etree._Element) -> list[str]:
    """The texts of a row's cells, repeats expanded, trailing empty cells dropped."""
    cells: list[str] = []
    for cell in row.iterchildren(f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"):
        text = "\n".join("".join(p.itertext()) for p in cell.iterchildren(f"{{{_TEXT}}}p"))
        repeat = ods_repeat(path, number, cell, "number-columns-repeated")
        cells.extend([text] * min(repeat, ODS_MAX_COLUMNS))
    while cells and clean_text(cells[-1]) is None:
        cells.pop()
    return cells


def ods_repeat(path: Path, number: int, element: etree._Element, attribute: str) -> int:
    """How many times a row or cell repeats (an empty one often stands for thousands)."""
    repeat = element.get(f"{{{_TABLE}}}{attribute}", "1")
    if not repeat.isdigit():
        raise ListFormatError(
            path, f'{attribute} "{repeat}" is not a number', record=f"row {number}"
        )
    return int(repeat)


def file_name_date(path: Path) -> str | None:
    """The ISO date in the file name (``…_2025-08-11.ods``), if it is a real date."""
    match = _FILE_NAME_DATE.search(path.name)
    if match is None:
        return None
    try:
        return date.fromisoformat(match[1]).isoformat()
    except ValueError:
        return None


FORMAT = ListFormat(
    name="uk-fcdo",
    sources=(DEFAULT_SOURCE,),
    label="UK Sanctions List (FCDO export, CSV or ODS)",
    sniff=sniff_uk_fcdo,
    parse=parse_uk_fcdo,
)
