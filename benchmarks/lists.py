"""Every list in ../shared/data as entities, for the matching benchmark's combined index.

Supported formats go through the project's own parsers (the newest publication of each
list). Two files that tradescreen does not support as list formats are read here as
benchmark data only, names and schema: the CSL compact JSON (a third party's cut-down
re-encoding of the full US Consolidated Screening List) and OpenSanctions' transcription
of the EU DPRK regulation (CC BY-NC: read from ../shared at run time, never bundled).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

from tradescreen.model import Entity, Name, NameKind
from tradescreen.sources.registry import parse_files

#: The newest publication of every supported list, as files given together.
PUBLICATIONS: tuple[tuple[str, ...], ...] = (
    ("un/un_consolidated_2026-05-08.xml",),
    ("ofac/sdn_csv_2022-11/sdn.csv",),
    ("ofac/cons_xml_2026-01-08/consolidated.xml",),
    ("uk/ofsi_conlist_2018-04-13.csv",),
    ("uk/fcdo_uk_sanctions_list_summary_2025-08-11.DERIVED.csv",),
    ("us_csl/bis_dpl_2023-11-30.txt",),
    ("opensanctions/yente_fixture_zala.entities.ftm.json",),
)

CSL_COMPACT = "us_csl/csl_compact_2026-07-31.json"
EU_JOURNAL = "eu/opensanctions_eu_journal_32017R1509_dprk.csv"
CSL_SCHEMATA = {
    "Individual": "Person",
    "Entity": "Organization",
    "Vessel": "Vessel",
    "Aircraft": "Airplane",
}


def read_csl_compact(path: Path) -> list[Entity]:
    data = json.loads(path.read_text(encoding="utf-8"))
    programmes = data["tables"]["programmes"]
    entities = []
    for number, entry in enumerate(data["entries"]):
        names = (Name(entry["n"]), *(Name(a, NameKind.ALIAS) for a in entry.get("a", ())))
        programs = tuple(programmes[entry["pg"]].split("; ")) if "pg" in entry else ()
        entities.append(
            Entity(
                "us-csl-compact",
                f"row-{number}",  # entity numbers repeat across the CSL's lists
                CSL_SCHEMATA.get(entry.get("t", ""), "LegalEntity"),
                names,
                programs=programs,
            )
        )
    return entities


def read_eu_journal(path: Path) -> list[Entity]:
    kinds = {
        "name": NameKind.NAME,
        "alias": NameKind.ALIAS,
        "weakAlias": NameKind.WEAK_ALIAS,
        "previousName": NameKind.PREVIOUS_NAME,
    }
    entities = []
    with path.open(encoding="utf-8", newline="") as fh:
        for number, row in enumerate(csv.DictReader(fh), 2):
            names = tuple(
                Name(v.strip(), kind)
                for column, kind in kinds.items()
                for v in row[column].split(";")
                if v.strip()
            )
            if names:
                entities.append(
                    Entity(
                        "eu-journal",
                        f"line-{number}",  # recordId restarts in every annex
                        row["schema"],
                        names,
                        programs=(row["programKey"],),
                    )
                )
    return entities


def load_lists(shared: Path, sources: tuple[str, ...] = ()) -> tuple[list[Entity], list[str]]:
    """Entities of every list (or of the parsed lists named in ``sources``), with a report."""
    data = shared / "data"
    entities: list[Entity] = []
    report: list[str] = []
    for files in PUBLICATIONS:
        for parsed in parse_files([data / f for f in files]):
            if sources and parsed.source not in sources:
                continue
            entities.extend(parsed.entities)
            report.append(f"{files[0]}: {len(parsed.entities)} entities ({parsed.source})")
    if sources:
        return entities, report
    for reader, name in ((read_csl_compact, CSL_COMPACT), (read_eu_journal, EU_JOURNAL)):
        found = reader(data / name)
        entities.extend(found)
        report.append(f"{name}: {len(found)} entities (benchmark data only)")
    ids = Counter(e.entity_id for e in entities)
    repeated = [i for i, count in ids.items() if count > 1]
    if repeated:  # the bench tells hits apart by entity id
        raise ValueError(f"entity ids repeat across the combined index: {repeated[:5]}")
    return entities, report


if __name__ == "__main__":
    found, lines = load_lists(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared"))
    print("\n".join(lines))
    print(len(found), "entities")
