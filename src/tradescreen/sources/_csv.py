"""Reading the tabular list formats: strict decoding, records by column name, errors by line.

The UK ConList, the FCDO export, the US CSL and the BIS DPL are all delimited text
with a header row. This module decodes them strictly, reads them with a strict CSV
reader (an unterminated quoted field at the end of a truncated file is an error, not
a short record), checks every record against the header and hands records out by
column name, each with the line it starts on for error messages. ``Draft`` gathers
the facts of one designation from one or more rows (the ConList and the DPL spread a
designation over several) and builds the ``Entity``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from followthemoney import model as ftm_model

from tradescreen.exc import ListFormatError
from tradescreen.model import Address, Entity, Identifier, Name, PartialDate
from tradescreen.sources._common import clean_text, decode_text

__all__ = ["Draft", "Record", "Row", "read_records", "read_rows", "sniff_header"]

#: One raw row: the number of the line (or spreadsheet row) it starts on, and its fields.
Row = tuple[int, list[str]]


@dataclass(frozen=True, slots=True)
class Record:
    """One record of a tabular list: its fields by column name and where it starts."""

    path: Path
    where: str  # "line 12" (or "row 12" in a spreadsheet), for error messages
    fields: dict[str, str]

    def text(self, column: str) -> str | None:
        """The cleaned value of ``column``; None when it is empty (or not in this publication)."""
        return clean_text(self.fields.get(column))

    def date(self, column: str, pattern: str) -> str | None:
        """The ISO date in ``column``, written as ``pattern`` (``%d/%m/%Y``); None when empty."""
        value = self.text(column)
        if value is None:
            return None
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            raise self.error(f'{column} "{value}" is not a date') from None

    def error(self, problem: str) -> ListFormatError:
        """The error to raise for a problem with this record."""
        return ListFormatError(self.path, problem, record=self.where)


def read_rows(
    path: Path, encodings: tuple[str, ...] = ("utf-8-sig",), delimiter: str = ","
) -> Iterator[Row]:
    """Every row of a delimited text file, decoded strictly, with the line each starts on.

    The whole file is decoded first; rows are read lazily, so that a file of another
    format fails on its header (a missing column) before its body (a CSV error).
    """
    text = decode_text(path, path.read_bytes(), encodings)
    if not text.strip():
        raise ListFormatError(path, "the file is empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for fields in reader:
            yield line, fields
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ListFormatError(path, f"CSV error: {exc}", record=f"line {line}") from None


def read_records(
    path: Path, rows: Iterable[Row], required: Iterable[str], unit: str = "line"
) -> Iterator[Record]:
    """Records by column name; the first row is the header and must hold ``required``.

    Blank rows are skipped, and so is a repeated header row (the CSL repeats its header
    as row 2; a row whose every field is its column's name is never a record). A row
    with more or fewer fields than the header is an error naming its line.
    """
    row_iter = iter(rows)
    first = next(row_iter, None)
    if first is None:
        raise ListFormatError(path, "no header row")
    header_line, raw_header = first
    header = [name.strip() for name in raw_header]
    missing = [name for name in required if name not in header]
    if missing:
        raise ListFormatError(
            path,
            f"the header has no column {', '.join(map(repr, missing))}",
            record=f"{unit} {header_line}",
        )
    for number, fields in row_iter:
        if not any(field.strip() for field in fields):
            continue
        if [field.strip() for field in fields] == header:
            continue
        if len(fields) != len(header):
            raise ListFormatError(
                path,
                f"{len(fields)} fields where the header has {len(header)}",
                record=f"{unit} {number}",
            )
        yield Record(path, f"{unit} {number}", dict(zip(header, fields, strict=True)))


def sniff_header(head: bytes, columns: Iterable[str], delimiter: str = ",", line: int = 0) -> bool:
    """Whether line ``line`` (0-based) of ``head`` is a header holding all ``columns``."""
    lines = head.decode("utf-8-sig", errors="replace").splitlines()
    if len(lines) <= line:
        return False
    try:
        fields = next(csv.reader([lines[line]], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return False
    return set(columns) <= {field.strip() for field in fields}


@dataclass(slots=True)
class Draft:
    """The facts of one designation, gathered row by row before the Entity is built.

    Lists repeat values across the rows of one designation; ``Entity`` drops the
    repeats, and ``add_property`` keeps property values unique too.
    """

    source: str
    source_id: str
    schema: str
    names: list[Name] = field(default_factory=list)
    birth_dates: list[PartialDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: str | None = None
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    listing_dates: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    properties: dict[str, list[str]] = field(default_factory=dict)

    def add_property(self, prop: str, value: str | None) -> None:
        """Add a value of an FtM property, once."""
        if value is not None and value not in self.properties.setdefault(prop, []):
            self.properties[prop].append(value)

    def add_address(self, address: Address) -> None:
        """Add an address; its country also counts as one of the designation's countries."""
        self.addresses.append(address)
        if address.country is not None:
            self.countries.append(address.country)

    def add_nationality(self, text: str, code: str | None) -> None:
        """Add a nationality by its country code; a text that names no country is a remark."""
        if code is None:
            self.add_remark(f"Nationality: {text}")
        else:
            self.nationalities.append(code)

    def add_remark(self, remark: str | None) -> None:
        """Add a remark, unless there is none."""
        if remark is not None:
            self.remarks.append(remark)

    def build(self) -> Entity:
        """The Entity; the listing date is the earliest one the rows give.

        Person facts on a record of another schema (a title or a place of birth on an
        untyped CSL row) become remarks, since FtM has no property for them there; a
        nationality of such a record counts as one of its countries.
        """
        schema = ftm_model.get(self.schema)
        assert schema is not None
        remarks = list(self.remarks)
        properties: dict[str, tuple[str, ...]] = {}
        for prop, values in self.properties.items():
            if schema.get(prop) is None:
                remarks.extend(f"{prop}: {value}" for value in values)
            elif values:
                properties[prop] = tuple(values)
        person = self.schema == "Person"
        if not person:
            remarks.extend(f"Place of birth: {place}" for place in self.birth_places)
            if self.gender is not None:
                remarks.append(f"Gender: {self.gender}")
        return Entity(
            source=self.source,
            source_id=self.source_id,
            schema=self.schema,
            names=tuple(self.names),
            birth_dates=tuple(self.birth_dates),
            birth_places=tuple(self.birth_places) if person else (),
            nationalities=tuple(self.nationalities) if person else (),
            countries=tuple(self.countries if person else self.countries + self.nationalities),
            gender=self.gender if person else None,
            addresses=tuple(self.addresses),
            identifiers=tuple(self.identifiers),
            programs=tuple(self.programs),
            listed_on=min(self.listing_dates, default=None),
            remarks=tuple(remarks),
            properties=properties,
        )
