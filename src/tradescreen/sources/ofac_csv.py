"""OFAC's legacy CSV files (``ofac-csv``): sdn.csv with add.csv, alt.csv and sdn_comments.csv.

The non-SDN Consolidated list comes in the same layout as cons_prim.csv, cons_add.csv,
cons_alt.csv and cons_comments.csv. One publication is one main file (sdn.csv or
cons_prim.csv) plus any of its three companions; the source id is ``ent_num``.

Publisher quirks this module absorbs:

- no header row; an empty value is an unquoted ``-0-`` followed by a space;
- the file ends with a Ctrl-Z byte (``\\x1a``) after the last CRLF; copies may have LF only.
  A Ctrl-Z at the start of a line with more rows after it marks two files joined into one
  (the 2022 sdn.csv copy is the SDN file followed by cons_prim.csv); the rows of both
  parts are read, and a row repeated byte for byte is read once;
- every copy seen is plain ASCII; the text is decoded strictly as UTF-8, else as cp1252
  (a copy re-saved on Windows), and a NUL byte (a UTF-16 re-save) is refused;
- several programs share one field, written ``DPRK3] [SDGT``;
- Remarks is cut at 1,000 characters and the rest goes to the comments file, in pieces to
  be appended verbatim (the cut may fall inside a word). When the comments file is absent,
  a remark of exactly 1,000 characters is taken to be cut: its last clause is not read
  for structured data, and the ids are listed in ``metadata["remarks_cut"]``;
- structured facts live in Remarks as ``;``-separated clauses (``DOB 08 Jan 1984; alt.
  DOB 1982; POB …; nationality Korea, North; Passport 563410081 (Korea, North) …;
  Linked To: …``), read through ``CLAUSES`` below. The remark text is kept whole as well;
- weak aliases are not in alt.csv but in Remarks, as ``a.k.a. 'KOMID'``; alt.csv holds
  the strong ones (the sdnList XML of the same list marks exactly these as ``weak``);
- the Title column holds a function (``KOMID Representative in Iran``), kept as FtM
  ``position``.

A file's role comes from its name (``FILE_ROLES``); a renamed file gets its role from
the number of columns of its first row (12 main, 6 addresses, 5 aliases, 2 comments,
see ``COLUMNS``), and counts as part of the SDN set.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tradescreen.exc import ListFormatError
from tradescreen.model import (
    Address,
    DatePrecision,
    Entity,
    Identifier,
    Name,
    NameKind,
)
from tradescreen.sources._common import clean_text, country_code
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources._ofac import LABELS, Target, imo_number, parse_ofac_date
from tradescreen.sources.encoding import decode_text
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "parse_ofac_csv", "publication_key", "sniff_ofac_csv"]

#: The tradescreen source name of each of the two lists published in this layout.
SOURCES = {"sdn": "ofac-sdn", "cons": "ofac-cons"}

#: File name (lower case) to (list, role).
FILE_ROLES = {
    "sdn.csv": ("sdn", "main"),
    "add.csv": ("sdn", "add"),
    "alt.csv": ("sdn", "alt"),
    "sdn_comments.csv": ("sdn", "comments"),
    "cons_prim.csv": ("cons", "main"),
    "cons_add.csv": ("cons", "add"),
    "cons_alt.csv": ("cons", "alt"),
    "cons_comments.csv": ("cons", "comments"),
}

#: The columns of each role, in file order (OFAC's names; there is no header row).
COLUMNS = {
    "main": (
        "ent_num",
        "SDN_Name",
        "SDN_Type",
        "Program",
        "Title",
        "Call_Sign",
        "Vess_type",
        "Tonnage",
        "GRT",
        "Vess_flag",
        "Vess_owner",
        "Remarks",
    ),
    "add": ("ent_num", "add_num", "Address", "City/State/Postal", "Country", "Add_remarks"),
    "alt": ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks"),
    "comments": ("ent_num", "Remarks"),
}

#: The role of a file that does not bear an OFAC file name, by its number of columns.
ROLE_BY_WIDTH = {len(columns): role for role, columns in COLUMNS.items()}

#: ``SDN_Type`` to FtM schema; the placeholder (an entity) reads as None.
SDN_TYPES = {
    "individual": "Person",
    "vessel": "Vessel",
    "aircraft": "Airplane",
    None: "Organization",
}

#: alt.csv ``alt_type`` to name kind.
ALT_TYPES = {"aka": NameKind.ALIAS, "fka": NameKind.PREVIOUS_NAME, "nka": NameKind.ALIAS}

#: Aliases written in Remarks (``a.k.a. 'KOMID'``): OFAC's weak aliases.
REMARK_ALIAS_TYPES = {
    "a.k.a.": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.PREVIOUS_NAME,
    "n.k.a.": NameKind.WEAK_ALIAS,
}

#: Vessel columns of the main file to FtM Vessel properties (the flag is a country code).
VESSEL_COLUMNS = {
    "Vess_type": "type",
    "Tonnage": "tonnage",
    "GRT": "grossRegisteredTonnage",
    "Vess_flag": "flag",
}

#: Remarks longer than this are continued in the comments file.
REMARKS_LIMIT = 1000

#: Remark clauses: the words a clause starts with (after an optional ``alt.``) to what
#: they give and where it goes; OFAC's own labels (``Passport``, ``Website``…) are read
#: through ``_ofac.LABELS``, these words only occur in CSV remarks. An identifier written
#: ``IMO 1234567`` is an ``imoNumber`` whatever the clause calls it. Clauses not listed
#: stay in the remark text only.
CLAUSE_WORDS: dict[str, tuple[Target, str]] = {
    "DOB": (Target.BIRTH_DATE, ""),
    "POB": (Target.BIRTH_PLACE, ""),
    "Gender": (Target.GENDER, ""),
    "Linked To": (Target.LINK, ""),
    "nationality": (Target.NATIONALITY, ""),
    "citizen": (Target.NATIONALITY, ""),
}

#: OFAC labels not read from remarks: the main file has columns for them (read by
#: ``parse_vessel_columns``; its ``Title`` is a function, kept as ``position``), and an
#: aircraft operator stays text, as the ``Vess_owner`` column does, not a link.
UNREAD_LABELS = frozenset(
    {
        "Title",
        "Vessel Call Sign",
        "Vessel Type",
        "Vessel Flag",
        "Vessel Tonnage",
        "Vessel Gross Registered Tonnage",
        "Vessel Owner",
        "Aircraft Operator",
    }
)
CLAUSES: dict[str, tuple[Target, str]] = {
    **{label: target for label, target in LABELS.items() if label not in UNREAD_LABELS},
    **CLAUSE_WORDS,
}

_CLAUSE = re.compile(
    r"^(?:(?i:alt\.)\s+)?(?P<key>"
    + "|".join(re.escape(key) for key in sorted(CLAUSES, key=len, reverse=True))
    + r")(?:\s*[:#])?\s+(?P<value>.+)$"
)
_REMARK_ALIAS = re.compile(r"^(?P<key>[afn]\.k\.a\.)\s+'(?P<value>.+)'$")
_CLAUSE_SEPARATOR = re.compile(r";\s*")
#: Remarks end with a full stop, unless they end with an abbreviation that has one
#: (``Linked To: R D I S.A.``).
_ABBREVIATION_END = re.compile(r"(?:^|[\s,])(?:[A-Z]{1,3}\.){2,}$")
#: An identifier value: the number, then maybe ``(Country)``, then maybe issue/expiry dates.
_ID_VALUE = re.compile(
    r"^(?P<number>.+?)(?:\s+\((?P<country>[^()]+)\))?"
    r"(?P<validity>(?:\s+(?:issued|expires)\b.*)?)$"
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_SNIFF_LINE = re.compile(r'^\d+,(?:"|\d+,)')
_ENCODINGS = ("utf-8-sig", "cp1252")
_EOF = "\x1a"
_T = TypeVar("_T")


@dataclass(slots=True)
class _File:
    """One file of the publication, split into rows: (line number, fields)."""

    path: Path
    role: str
    rows: list[tuple[int, list[str]]]
    joined_parts: int = 1


def publication_key(path: Path) -> str:
    """Files of one set share a key: their folder plus ``cons`` or ``sdn``."""
    kind = "cons" if path.name.lower().startswith("cons_") else "sdn"
    return f"{path.parent}/{kind}"


def sniff_ofac_csv(path: Path, head: bytes) -> bool:
    """Whether the head reads as header-less OFAC rows of one known width.

    Every complete line must start with an integer ``ent_num`` followed by a quoted
    field or a second number, and have 12, 6, 5 or 2 fields;
    files wider than 2 columns must also show the ``-0-`` placeholder.
    """
    text = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    lines = [line for line in text.replace(_EOF, "").splitlines() if line.strip()]
    if len(lines) > 1 and not text.endswith(("\n", _EOF)):
        lines = lines[:-1]  # the head may stop inside the last line
    lines = lines[:50]
    if not lines or not all(_SNIFF_LINE.match(line) for line in lines):
        return False
    try:
        widths = {len(row) for row in csv.reader(lines, strict=True)}
    except csv.Error:
        return False
    if len(widths) != 1 or not widths <= ROLE_BY_WIDTH.keys():
        return False
    return widths == {2} or "-0-" in text


def parse_ofac_csv(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one set of OFAC legacy CSV files: a main file and any of its companions.

    ``source`` defaults to ``ofac-cons`` for cons_* files and ``ofac-sdn`` otherwise.

    Raises:
        ListFormatError: the main file is missing, a file is empty, truncated, not
            decodable or not in the layout, a row has the wrong number of fields, an
            ``ent_num`` is not a number, repeats with other content or is unknown to
            the main file, or a value cannot be read.
    """
    if not paths:
        raise ValueError("ofac-csv needs at least the main file (sdn.csv or cons_prim.csv)")
    files = [read_file(Path(p)) for p in paths]
    roles: dict[str, _File] = {}
    for file in files:
        if file.role in roles:
            raise ListFormatError(
                file.path,
                f"two {file.role} files in one publication: "
                f"{roles[file.role].path.name} and {file.path.name}",
            )
        roles[file.role] = file
    list_name = _list_name(files)
    if "main" not in roles:
        names = ", ".join(f.path.name for f in files)
        main_name = "cons_prim.csv" if list_name == "cons" else "sdn.csv"
        raise ListFormatError(
            files[0].path,
            f"the main file ({main_name}) is missing: {names} only add to the "
            f"entries of a main file; give it together with them",
        )
    main = roles["main"]
    records, duplicates = _index_main(main)
    overflow = _companions(roles.get("comments"), records, main.path, lambda row: row[1])
    aliases = _companions(roles.get("alt"), records, main.path, parse_alias)
    addresses = _companions(roles.get("add"), records, main.path, parse_address)
    source = source or SOURCES[list_name]
    entities: list[Entity] = []
    cut: list[str] = []
    for ent_num, (line, fields) in records.items():
        remarks_cut = "comments" not in roles and len(fields[11]) >= REMARKS_LIMIT
        if remarks_cut:
            cut.append(ent_num)
        remarks = fields[11] if clean_text(fields[11]) else ""
        remarks += "".join(overflow.get(ent_num, []))
        try:
            entities.append(
                parse_entry(
                    source,
                    fields,
                    remarks,
                    remarks_cut,
                    aliases.get(ent_num, []),
                    addresses.get(ent_num, []),
                )
            )
        except ValueError as exc:
            raise ListFormatError(
                main.path, str(exc), record=f"line {line} (ent_num {ent_num})"
            ) from None
    metadata = {"main_rows": str(len(main.rows))}
    if duplicates:
        metadata["duplicate_rows"] = str(duplicates)
    if main.joined_parts > 1:
        metadata["joined_parts"] = str(main.joined_parts)
    if cut:
        metadata["remarks_cut"] = " ".join(cut)
    return ParsedList(
        format=FORMAT.name,
        source=source,
        published=None,
        entities=entities,
        files=tuple(roles[role].path for role in COLUMNS if role in roles),
        metadata=metadata,
        sequence=max((int(e.source_id) for e in entities), default=None),
    )


def read_file(path: Path) -> _File:
    """Decode one file, check its end and split it into rows of the width of its role."""
    data = path.read_bytes()
    if not data.strip(b" \t\r\n" + _EOF.encode()):
        raise ListFormatError(path, "the file is empty")
    text = decode_text(path, data, _ENCODINGS)
    nul = text.find("\x00")
    if nul >= 0:
        raise ListFormatError(
            path,
            "NUL byte in the text: the file is not ASCII/UTF-8/cp1252 text (UTF-16?)",
            record=f"line {text.count(chr(10), 0, nul) + 1}",
        )
    text, parts = _strip_eof_marks(path, text)
    rows = split_rows(path, text)
    if not rows:
        raise ListFormatError(path, "the file has no rows")
    role = _role(path, rows[0])
    width = len(COLUMNS[role])
    for line, fields in rows:
        if len(fields) != width:
            raise ListFormatError(
                path,
                f"{len(fields)} fields, but {role} file rows have {width} "
                f"({', '.join(COLUMNS[role])})",
                record=f"line {line}",
            )
        if not fields[0].strip().isdigit():
            raise ListFormatError(
                path,
                f'ent_num "{fields[0]}" is not a number (the format has no header row)',
                record=f"line {line}",
            )
    return _File(path, role, rows, parts)


def split_rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """CSV rows with their line numbers; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for fields in reader:
            if fields:
                rows.append((reader.line_num, fields))
    except csv.Error as exc:
        raise ListFormatError(path, f"CSV error: {exc}", record=f"line {reader.line_num}") from None
    return rows


def parse_entry(
    source: str,
    fields: list[str],
    remarks: str,
    remarks_cut: bool,
    aliases: list[tuple[Name, str | None]],
    addresses: list[tuple[Address | None, str | None]],
) -> Entity:
    """One main row with its whole remark text and its parsed aliases and addresses."""
    ent_num, name, sdn_type, program, title = (clean_text(v) for v in fields[:5])
    assert ent_num is not None  # read_file checked it is a number
    if name is None:
        raise ValueError("SDN_Name is empty")
    kind = sdn_type.lower() if sdn_type else None
    if kind not in SDN_TYPES:
        raise ValueError(f'SDN_Type "{sdn_type}" is not individual, vessel, aircraft or -0-')
    draft = EntityDraft(source, ent_num, SDN_TYPES[kind], names=[Name(name)])
    text = clean_text(remarks)
    draft.add_remark(text)
    for alias, alias_remark in aliases:
        draft.names.append(alias)
        draft.add_remark(alias_remark)
    for address, address_remark in addresses:
        draft.add_address(address)
        draft.add_remark(address_remark)
    if title is not None:
        draft.put_property("position", title, f"Title: {title}")
    parse_vessel_columns(fields, draft)
    if text is not None:
        parse_remarks(text, draft, skip_last=remarks_cut)
    draft.programs.extend(parse_programs(program))
    return draft.build()


def parse_programs(text: str | None) -> tuple[str, ...]:
    """``DPRK3] [SDGT`` → ``("DPRK3", "SDGT")``."""
    if text is None:
        return ()
    return tuple(p for p in (part.strip(" []") for part in text.split("] [")) if p)


def parse_alias(row: list[str]) -> tuple[Name, str | None]:
    """An alt.csv row: a strong alias, a former name (fka) or a new name (nka), and its remark."""
    alt_type, alt_name, alt_remarks = (clean_text(v) for v in row[2:5])
    kind = ALT_TYPES.get(alt_type.lower()) if alt_type else None
    if kind is None:
        raise ValueError(f'alt_type "{alt_type}" is not aka, fka or nka')
    if alt_name is None:
        raise ValueError("alt_name is empty")
    return Name(alt_name, kind), f"{alt_name}: {alt_remarks}" if alt_remarks else None


def parse_address(row: list[str]) -> tuple[Address | None, str | None]:
    """An add.csv row and its remark; a row of placeholders only (OFAC writes one per
    entry without an address) gives no address."""
    street, city, country, remark = (clean_text(v) for v in row[2:6])
    full = ", ".join(p for p in (street, city, country) if p)
    address = None
    if full:
        address = Address(full, street=street, city=city, country=country_code(country))
    if remark is None:
        return address, None
    return address, f"Address {full}: {remark}" if full else f"Address: {remark}"


def parse_vessel_columns(fields: list[str], draft: EntityDraft) -> None:
    """Call sign, type, tonnages, flag and owner; what FtM cannot hold becomes a remark."""
    columns = dict(zip(COLUMNS["main"], (clean_text(v) for v in fields), strict=True))
    call_sign = columns["Call_Sign"]
    if call_sign is not None:
        draft.identifiers.append(Identifier("callSign", call_sign, note="Call_Sign"))
    for column, prop in VESSEL_COLUMNS.items():
        value = columns[column]
        if value is None:
            continue
        if prop == "flag":
            code = country_code(value)
            if code is None or not draft.has_property(prop):
                draft.remarks.append(f"Vessel flag: {value}")
            else:
                draft.add_property(prop, code)
            continue
        if _THOUSANDS.match(value):
            value = value.replace(",", "")
        draft.put_property(prop, value, f"{column}: {value}")
    owner = columns["Vess_owner"]
    if owner is not None:  # FtM's owner is a link to an entity, not a name
        draft.remarks.append(f"Vessel owner: {owner}")


def parse_remarks(text: str, draft: EntityDraft, skip_last: bool = False) -> None:
    """Read the structured clauses of a remark; ``skip_last`` when the text was cut."""
    if not _ABBREVIATION_END.search(text):
        text = text.removesuffix(".")
    clauses = _CLAUSE_SEPARATOR.split(text)
    if skip_last:
        clauses = clauses[:-1]
    for clause in clauses:
        parse_clause(clause.strip(), draft)


def parse_clause(clause: str, draft: EntityDraft) -> None:
    """One clause: an alias in quotes, or a ``CLAUSES`` key followed by its value."""
    alias = _REMARK_ALIAS.match(clause)
    if alias is not None:
        draft.names.append(Name(alias["value"].strip(), REMARK_ALIAS_TYPES[alias["key"]]))
        return
    match = _CLAUSE.match(clause)
    if match is None:
        return
    key, value = match["key"], match["value"].strip()
    handler, target = CLAUSES[key]
    CLAUSE_HANDLERS[handler](draft, key, value, target)


def _add_birth_date(draft: EntityDraft, key: str, value: str, target: str) -> None:
    date = parse_ofac_date(value)
    if date is not None:
        draft.birth_dates.append(date)


def _add_birth_place(draft: EntityDraft, key: str, value: str, target: str) -> None:
    """A place of birth as written; the country of its last part also goes to countries."""
    if draft.schema != "Person":
        return
    draft.birth_places.append(value)
    code = country_code(value.rsplit(",", 1)[-1])
    if code is not None:
        draft.add_property("birthCountry", code)
        draft.countries.append(code)


def _add_gender(draft: EntityDraft, key: str, value: str, target: str) -> None:
    if draft.schema == "Person" and value.lower() in ("male", "female"):
        draft.gender = value.lower()


def _add_link(draft: EntityDraft, key: str, value: str, target: str) -> None:
    draft.links.append(value)


def _add_nationality(draft: EntityDraft, key: str, value: str, target: str) -> None:
    """A nationality as a country code (of a non-person, one of its countries)."""
    code = country_code(value)
    if code is not None:
        draft.nationalities.append(code)


def _add_country(draft: EntityDraft, key: str, value: str, target: str) -> None:
    """A registration country or flag as a country code; else one of the countries."""
    code = country_code(value)
    if code is None:
        return
    if draft.has_property(target):
        draft.add_property(target, code)
    else:
        draft.countries.append(code)


def _add_date_property(draft: EntityDraft, key: str, value: str, target: str) -> None:
    date = parse_ofac_date(value)
    if (
        date is not None
        and date.precision is not DatePrecision.RANGE
        and draft.has_property(target)
    ):
        draft.add_property(target, date.value)


def _add_property(draft: EntityDraft, key: str, value: str, target: str) -> None:
    if draft.has_property(target):
        draft.add_property(target, value)


def _skip(draft: EntityDraft, key: str, value: str, target: str) -> None:
    """A statement: the remark text that holds it is kept whole already."""


def _add_identifier(draft: EntityDraft, key: str, value: str, target: str) -> None:
    """``563410081 (Korea, North) issued 01 Jan 2010 expires …``; the note keeps the rest.

    The note is the clause's document type, then a bracketed text that names no
    country and any issue/expiry dates, verbatim.
    """
    match = _ID_VALUE.match(value)
    assert match is not None  # the pattern matches any non-empty text
    number, country_text = match["number"].strip(), match["country"]
    if not any(c.isdigit() for c in number):
        return  # "Passport issued in Sarajevo, …": no number, the remark keeps the text
    country = country_code(country_text) if country_text else None
    imo = imo_number(number, key)
    if imo is not None:
        number, target = imo, "imoNumber"
    extra = f"({country_text})" if country_text and country is None else None
    note = " ".join(p for p in (key, extra, match["validity"].strip()) if p)
    draft.identifiers.append(Identifier(target, number, country, note))


#: What each kind of ``CLAUSES`` entry does with its value.
CLAUSE_HANDLERS: dict[Target, Callable[[EntityDraft, str, str, str], None]] = {
    Target.BIRTH_DATE: _add_birth_date,
    Target.BIRTH_PLACE: _add_birth_place,
    Target.GENDER: _add_gender,
    Target.LINK: _add_link,
    Target.NATIONALITY: _add_nationality,
    Target.COUNTRY_PROPERTY: _add_country,
    Target.DATE_PROPERTY: _add_date_property,
    Target.PROPERTY: _add_property,
    Target.IDENTIFIER: _add_identifier,
    Target.REMARK: _skip,
}


def _strip_eof_marks(path: Path, text: str) -> tuple[str, int]:
    """Drop Ctrl-Z end-of-file marks; count the parts when files were joined after one.

    A file that has no final mark must end with a line break: otherwise it was cut.
    """
    ended = text.rstrip("\r\n").endswith(_EOF)
    if ended:
        text = text.rstrip("\r\n").removesuffix(_EOF)
    elif not text.endswith("\n"):
        raise ListFormatError(
            path,
            "the file ends in the middle of a record (truncated?)",
            record=f"line {text.count(chr(10)) + 1}",
        )
    joined = text.count("\n" + _EOF)
    text = text.replace("\n" + _EOF, "\n")
    stray = text.find(_EOF)
    if stray >= 0:
        raise ListFormatError(
            path,
            "Ctrl-Z (0x1a) byte inside a record",
            record=f"line {text.count(chr(10), 0, stray) + 1}",
        )
    return text, joined + 1


def _role(path: Path, first: tuple[int, list[str]]) -> str:
    """The role by file name, else by the width of the first row."""
    named = FILE_ROLES.get(path.name.lower())
    if named is not None:
        return named[1]
    line, fields = first
    role = ROLE_BY_WIDTH.get(len(fields))
    if role is None:
        widths = ", ".join(f"{len(c)} ({r})" for r, c in COLUMNS.items())
        raise ListFormatError(
            path,
            f"{len(fields)} fields: not an OFAC legacy CSV file (rows have {widths})",
            record=f"line {line}",
        )
    return role


def _list_name(files: list[_File]) -> str:
    """``cons`` or ``sdn`` from the file names; renamed files go with either."""
    named = {FILE_ROLES[f.path.name.lower()][0] for f in files if f.path.name.lower() in FILE_ROLES}
    if len(named) > 1:
        raise ListFormatError(
            files[0].path,
            "SDN files (sdn.csv, add.csv…) and consolidated "
            "files (cons_*.csv) cannot be parsed as one publication",
        )
    return named.pop() if named else "sdn"


def _index_main(main: _File) -> tuple[dict[str, tuple[int, list[str]]], int]:
    """Rows by ent_num; a row repeated identically is read once (and counted)."""
    records: dict[str, tuple[int, list[str]]] = {}
    duplicates = 0
    for line, fields in main.rows:
        ent_num = fields[0].strip()
        seen = records.get(ent_num)
        if seen is None:
            records[ent_num] = (line, fields)
        elif seen[1] == fields:
            duplicates += 1
        else:
            raise ListFormatError(
                main.path,
                f"ent_num {ent_num} repeats line {seen[0]} with other content",
                record=f"line {line}",
            )
    return records, duplicates


def _companions(
    file: _File | None,
    records: dict[str, tuple[int, list[str]]],
    main: Path,
    parse: Callable[[list[str]], _T],
) -> dict[str, list[_T]]:
    """A companion file's rows, parsed, by ent_num; each must be an entry of the main file."""
    grouped: dict[str, list[_T]] = {}
    if file is None:
        return grouped
    for line, fields in file.rows:
        ent_num = fields[0].strip()
        if ent_num not in records:
            raise ListFormatError(
                file.path,
                f"ent_num {ent_num} is not in {main.name}: files of different dates?",
                record=f"line {line}",
            )
        try:
            grouped.setdefault(ent_num, []).append(parse(fields))
        except ValueError as exc:
            raise ListFormatError(
                file.path, str(exc), record=f"line {line} (ent_num {ent_num})"
            ) from None
    return grouped


FORMAT = ListFormat(
    name="ofac-csv",
    sources=tuple(SOURCES.values()),
    label="OFAC legacy CSV (sdn.csv + add/alt/comments)",
    sniff=sniff_ofac_csv,
    parse=parse_ofac_csv,
    publication_key=publication_key,
)
