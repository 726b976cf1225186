"""The BIS Denied Persons List in its tab-delimited form (``bis-dpl``).

Columns ``Name, Street_Address, City, State, Country, Postal_Code, Effective_Date,
Expiration_Date, Standard_Order, Last_Update, Action, FR_Citation``, every field quoted,
one row per address of a denied person (``ZIMO SHENG`` has one in Milwaukee and one in
Changshu). The list does not say whether a name is a person or a company, so every
record is a ``LegalEntity``.

The DPL has no id. The source id is the Federal Register citation of the denial order
and the name: ``85 FR 16054: ZIMO SHENG``. The citation is the earliest one in
``FR_Citation`` (lowest volume, then page): later notices (renewals of temporary
denial orders every six months, corrections) are appended to the field, so the full
field, the first citation in it and ``Effective_Date`` all change between
publications while the original order stays. Rows with the same source id are one
designation at several addresses. Two names under one order stay two records: an
order often denies several parties (``80 FR 30435`` names an airline and its managers).

The publication date is the latest ``Last_Update`` that is not in the future (the
2023-11-30 file has ``3033-09-30`` for ``JOSE ERNESTO GARCIA``).

Publisher quirks: names with stray spaces (``" I. ASH"``, ``"AL-NASER  AIRLINES"``);
citations written ``87 F.R. 52741``, ``81.F.R. 22576``, ``83F.R. 28801``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from tradescreen.model import Address, Name
from tradescreen.sources._common import country_code
from tradescreen.sources._csv import Record, read_records, read_rows, sniff_header
from tradescreen.sources._draft import EntityDraft
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "parse_bis_dpl", "sniff_bis_dpl"]

DEFAULT_SOURCE = "bis-dpl"
SCHEMA = "LegalEntity"

REQUIRED = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Last_Update",
    "FR_Citation",
)

#: Columns that become remarks as they are, with their label.
REMARK_COLUMNS = {
    "Standard_Order": "Standard order",
    "Action": "Action",
    "FR_Citation": "Federal Register",
}

DATE_PATTERN = "%m/%d/%Y"
_CITATION = re.compile(r"(\d+)[\s.]*F\.?\s*R\.?\s*(\d+)")


def sniff_bis_dpl(path: Path, head: bytes) -> bool:
    """Whether the first line is the tab-delimited DPL header."""
    return sniff_header(head, REQUIRED, delimiter="\t")


def parse_bis_dpl(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse one DPL file.

    Raises:
        ListFormatError: the file cannot be decoded or read, or a row has no name, no
            Federal Register citation or a date that is not a date.
        ValueError: not exactly one file was given (a publication is one file).
    """
    if len(paths) != 1:
        raise ValueError(f"bis-dpl parses one file per publication, got {len(paths)}")
    path = Path(paths[0])
    source = source or DEFAULT_SOURCE
    drafts: dict[str, EntityDraft] = {}
    rows = 0
    for record in read_records(path, read_rows(path, delimiter="\t"), REQUIRED):
        rows += 1
        name, order = parse_name(record), parse_order(record)
        source_id = f"{order}: {name}"
        draft = drafts.setdefault(
            source_id, EntityDraft(source, source_id, SCHEMA, path, names=[Name(name)])
        )
        parse_row(record, draft)
    today = date.today().isoformat()
    updates = [day for draft in drafts.values() for day in draft.properties.get("modifiedAt", [])]
    return ParsedList(
        format=FORMAT.name,
        source=source,
        published=max((day for day in updates if day <= today), default=None),
        entities=[draft.build() for draft in drafts.values()],
        files=(path,),
        metadata={"rows": str(rows)},
    )


def parse_name(record: Record) -> str:
    """The name, stray spaces removed (``" I. ASH"``)."""
    name = record.text("Name")
    if name is None:
        raise record.error("no Name")
    return name


def parse_order(record: Record) -> str:
    """The earliest Federal Register citation of the row, ``85 FR 16054``."""
    text = record.text("FR_Citation")
    citations = [(int(volume), int(page)) for volume, page in _CITATION.findall(text or "")]
    if not citations:
        raise record.error(f'FR_Citation "{text}" cites no Federal Register notice')
    volume, page = min(citations)
    return f"{volume} FR {page}"


def parse_row(record: Record, draft: EntityDraft) -> None:
    """The address, dates and notes one row adds to its designation."""
    street, city, region, postal_code, country = (
        record.text(column)
        for column in ("Street_Address", "City", "State", "Postal_Code", "Country")
    )
    full = ", ".join(part for part in (street, city, region, postal_code, country) if part)
    if full:
        draft.add_address(Address(full, street, city, region, postal_code, country_code(country)))
    effective = record.date("Effective_Date", DATE_PATTERN)
    if effective is not None:
        draft.listing_dates.append(effective)
    draft.add_property("modifiedAt", record.date("Last_Update", "%Y-%m-%d"))
    expires = record.date("Expiration_Date", DATE_PATTERN)
    draft.add_remark(None if expires is None else f"Expiration date: {expires}")
    for column, label in REMARK_COLUMNS.items():
        value = record.text(column)
        draft.add_remark(None if value is None else f"{label}: {value}")


FORMAT = ListFormat(
    name="bis-dpl",
    sources=(DEFAULT_SOURCE,),
    label="BIS Denied Persons List (tab-delimited)",
    sniff=sniff_bis_dpl,
    parse=parse_bis_dpl,
)
