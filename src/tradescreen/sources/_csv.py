"""Reading the tabular list formats: strict decoding, records by column name, errors by line.

The UK ConList, the FCDO export, the US CSL and the BIS DPL are all delimited text
with a header row. This module decodes them strictly, reads them with a strict CSV
reader (an unterminated quoted field at the end of a truncated file is an error, not
a short record), checks every record against the header and hands records out by
column name, each with the line it starts on for error messages. The parsers gather
the facts of one designation from one or more rows (the ConList and the DPL spread a
designation over several) in an ``_draft.EntityDraft``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tradescreen.exc import ListFormatError
from tradescreen.sources._common import clean_text
from tradescreen.sources.encoding import decode_text

__all__ = ["Record", "Row", "read_records", "read_rows", "sniff_header"]

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
