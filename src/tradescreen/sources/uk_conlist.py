"""The UK OFSI Consolidated List in its CSV form, the "ConList" (``uk-conlist``).

Row 1 is ``Last Updated,<dd/mm/yyyy>`` (the publication date), row 2 the header. Each
following row holds one name of a designation, and is repeated for each of its dates
of birth and addresses; rows are grouped by ``Group ID``, which is the source id.
Publisher quirks this module absorbs:

- the file is cp1252, not UTF-8 (UTF-8 is tried first, for newer files);
- ``Name 6`` is the surname (or an entity's whole name), ``Name 1``–``Name 5`` the given
  names, all with stray spaces;
- ``DOB`` is ``dd/mm/yyyy`` with ``00`` for an unknown day or month (``00/00/1980``);
- one cell may hold a numbered list: ``(1) Somali (2) Swedish``, ``1) Saudi Arabia 2)
  Qatar``, ``a) French, b) Tunisian`` (nationalities, passports, national ids);
- countries carry notes: ``Afghanistan (previous address)``, ``Iranian (Iranian
  citizenship)``;
- every row of a group repeats the primary name ("Prime Alias"), once per date of
  birth or address; a group whose rows named several primary names would keep all
  of them as names, since the list calls each of them primary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from tradescreen.exc import ListFormatError
from tradescreen.model import Address, Entity, Identifier, Name, NameKind, PartialDate
from tradescreen.sources._common import clean_text, country_code, partial_date
from tradescreen.sources._csv import Record, Row, read_records, read_rows, sniff_header
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "parse_uk_conlist", "sniff_uk_conlist"]

DEFAULT_SOURCE = "uk-ofsi"

#: ``Group Type`` to FtM schema.
GROUP_TYPES = {"Individual": "Person", "Entity": "Organization", "Ship": "Vessel"}

#: ``Alias Type`` to name kind.
ALIAS_TYPES = {
    "Prime Alias": NameKind.NAME,
    "AKA": NameKind.ALIAS,
    "FKA": NameKind.PREVIOUS_NAME,
}

#: cp1252 in the files seen so far; UTF-8 first, which fails on cp1252 text.
ENCODINGS = ("utf-8-sig", "cp1252")

#: Columns this module needs; later ConLists add others, which are ignored.
REQUIRED = ("Name 6", "Group Type", "Alias Type", "Regime", "Listed On", "Group ID")

DATE_PATTERN = "%d/%m/%Y"
_GIVEN_NAMES = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_ADDRESS_LINES = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")
_DOB = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
#: A list marker, ``(1)``, ``1)``, ``(a)`` or ``b)``, at the start or after a space.
_LIST_MARKER = re.compile(r"(?:^|(?<=\s))\(?(?:\d{1,2}|[a-z])\)\s*")
_NOTE = re.compile(r"\s*\(.*$")


def sniff_uk_conlist(path: Path, head: bytes) -> bool:
    """Whether row 1 is ``Last Updated`` and row 2 the ConList header."""
    first_row = head.removeprefix(b"\xef\xbb\xbf").startswith(b"Last Updated,")
    return first_row and sniff_header(head, REQUIRED, line=1)


def parse_uk_conlist(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one ConList CSV file.

    Raises:
        ListFormatError: the file cannot be decoded or read as CSV, row 1 is not
            ``Last Updated`` with a date, or a row lacks a Group ID or a name, or has
            an unknown group or alias type or a value that is not a date.
        ValueError: not exactly one file was given (a publication is one file).
    """
    if len(paths) != 1:
        raise ValueError(f"uk-conlist parses one file per publication, got {len(paths)}")
    path = Path(paths[0])
    rows = read_rows(path, ENCODINGS)
    published = parse_last_updated(path, next(rows))
    groups: dict[str, list[Record]] = {}
    for record in read_records(path, rows, REQUIRED):
        group_id = record.text("Group ID")
        if group_id is None:
            raise record.error("no Group ID")
        groups.setdefault(group_id, []).append(record)
    source = source or DEFAULT_SOURCE
    return ParsedList(
        format=FORMAT.name,
        source=source,
        published=published,
        entities=[parse_group(group_id, records, source) for group_id, records in groups.items()],
        files=(path,),
        metadata={"rows": str(sum(map(len, groups.values())))},
    )


def parse_last_updated(path: Path, row: Row) -> str:
    """The publication date from row 1, ``Last Updated,13/04/2018``."""
    line, fields = row
    label, value = (fields + ["", ""])[:2]
    if label.strip() == "Last Updated":
        try:
            return datetime.strptime(value.strip(), DATE_PATTERN).date().isoformat()
        except ValueError:
            pass
    raise ListFormatError(
        path,
        f'row 1 is "{",".join(fields[:2])}", not "Last Updated,<dd/mm/yyyy>"',
        record=f"line {line}",
    )


def parse_group(group_id: str, records: list[Record], source: str) -> Entity:
    """One designation from the rows of its Group ID."""
    group_type = records[0].text("Group Type")
    if group_type not in GROUP_TYPES:
        raise records[0].error(f'Group Type "{group_type}" is not Individual, Entity or Ship')
    draft = EntityDraft(source, group_id, GROUP_TYPES[group_type], records[0].path)
    for record in records:
        if record.text("Group Type") != group_type:
            raise record.error(
                f'Group Type "{record.text("Group Type")}" differs from "{group_type}" '
                f"on an earlier row of Group ID {group_id}"
            )
        parse_row(record, draft)
    return draft.build()


def parse_row(record: Record, draft: EntityDraft) -> None:
    """Everything one row adds to its designation."""
    draft.names.append(parse_name(record))
    parse_birth(record, draft)
    for nationality in split_list(record.text("Nationality")):
        draft.add_nationality(nationality, country_of(nationality))
    for number in split_numbers(record.text("Passport Details")):
        draft.identifiers.append(Identifier("passportNumber", number))
    for number in split_numbers(record.text("NI Number")):
        draft.identifiers.append(Identifier("idNumber", number))
    parse_address(record, draft)
    draft.add_property("title", record.text("Title"))
    draft.add_property("position", record.text("Position"))
    draft.add_property("modifiedAt", record.date("Last Updated", DATE_PATTERN))
    regime = record.text("Regime")
    if regime is not None:
        draft.programs.append(regime)
    listed_on = record.date("Listed On", DATE_PATTERN)
    if listed_on is not None:
        draft.listing_dates.append(listed_on)
    draft.add_remark(record.text("Other Information"))


def parse_name(record: Record) -> Name:
    """The row's name: given names, then the surname (``Name 6``)."""
    parts = [record.text(column) for column in (*_GIVEN_NAMES, "Name 6")]
    value = " ".join(part for part in parts if part)
    if not value:
        raise record.error("no name (Name 1 to Name 6 are empty)")
    alias_type = record.text("Alias Type")
    if alias_type not in ALIAS_TYPES:
        raise record.error(f'Alias Type "{alias_type}" is not one of {", ".join(ALIAS_TYPES)}')
    return Name(value, ALIAS_TYPES[alias_type])


def parse_birth(record: Record, draft: EntityDraft) -> None:
    """Date of birth (``00`` parts lower its precision) and place of birth."""
    dob = record.text("DOB")
    if dob is not None:
        birth_date = parse_dob(dob)
        if birth_date is None:
            raise record.error(f'DOB "{dob}" is not a dd/mm/yyyy date')
        draft.birth_dates.append(birth_date)
    town, country = record.text("Town of Birth"), record.text("Country of Birth")
    place = ", ".join(part for part in (town, country) if part)
    if place:
        draft.birth_places.append(place)
    code = country_of(country)
    if code is not None:
        draft.countries.append(code)
        draft.add_property("birthCountry", code)


def parse_dob(text: str) -> PartialDate | None:
    """``dd/mm/yyyy`` with ``00`` for an unknown day or month; None if it is no such date."""
    match = _DOB.match(text)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        date(year, month or 1, day or 1)  # the parts given must make a real date
    except ValueError:
        return None
    return partial_date(year, month, day)


def parse_address(record: Record, draft: EntityDraft) -> None:
    """Address lines, postcode and country; the country code also goes to ``countries``."""
    postal_code, country = record.text("Post/Zip Code"), record.text("Country")
    parts = [record.text(column) for column in _ADDRESS_LINES] + [postal_code, country]
    full = ", ".join(part for part in parts if part)
    if not full:
        return
    draft.add_address(Address(full, postal_code=postal_code, country=country_of(country)))


def split_list(text: str | None) -> list[str]:
    """The items of a numbered list in one cell (``(1) Somali (2) Swedish``), or the text."""
    if text is None:
        return []
    items = (clean_text(item.strip(" ,;")) for item in _LIST_MARKER.split(text))
    return [item for item in items if item]


def split_numbers(text: str | None) -> list[str]:
    """Document texts, one per list item, each as given; items without a digit are labels.

    ``Passport No: (a) 199421147 (…), (b) 381110042 (…)`` gives two documents; the
    ``Passport No:`` before the list says nothing of its own.
    """
    items = split_list(text)
    numbered = [item for item in items if any(char.isdigit() for char in item)]
    return numbered or items


def country_of(text: str | None) -> str | None:
    """The country code of a text, also when it carries a note (``Iraq (previous)``)."""
    if text is None:
        return None
    return country_code(text) or country_code(_NOTE.sub("", text))


FORMAT = ListFormat(
    name="uk-conlist",
    sources=(DEFAULT_SOURCE,),
    label="UK OFSI Consolidated List (ConList CSV)",
    sniff=sniff_uk_conlist,
    parse=parse_uk_conlist,
)
