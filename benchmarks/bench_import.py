"""Import every list file in ../shared/data into an empty store, and time it.

SQLite by default; ``--url postgresql+psycopg://...`` measures an empty PostgreSQL
database instead.

Reports, per publication, the parse time and the store time, then the total
against the 60 s target. The baseline in the same run is parsing alone: the
ratio (total / parse) shows what the store adds. A second import of the same
files measures the "identical content, nothing new" path.

Not imported: the truncated CSL CSV (refused as bad input, by design), the CSL
compact JSON (a third party's cut-down format), the XSD schemas, and the EU
OpenSanctions transcription (CC BY-NC, not an official list format).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tradescreen.sources.registry import parse_files
from tradescreen.store import import_publications, open_engine

#: Each entry is one publication: files given together to `lists import`.
PUBLICATIONS = [
    ["un/un_consolidated_2024-09-26.xml"],
    ["un/un_consolidated_2026-02-27.xml"],
    ["un/un_consolidated_2026-05-08.xml"],
    [
        "ofac/sdn_csv_trio_2021-07/sdn.csv",
        "ofac/sdn_csv_trio_2021-07/add.csv",
        "ofac/sdn_csv_trio_2021-07/alt.csv",
        "ofac/sdn_csv_trio_2021-07/sdn_comments.csv",
    ],
    ["ofac/sdn_csv_2022-11/sdn.csv"],
    [
        "ofac/cons_csv_2025-12/cons_prim.csv",
        "ofac/cons_csv_2025-12/cons_add.csv",
        "ofac/cons_csv_2025-12/cons_alt.csv",
        "ofac/cons_csv_2025-12/cons_comments.csv",
    ],
    ["ofac/cons_xml_2026-01-08/consolidated.xml"],
    ["ofac/cons_advanced_xml_2020-03-17/cons_advanced.xml"],
    ["uk/ofsi_conlist_2018-04-13.csv"],
    ["uk/fcdo_uk_sanctions_list_summary_2025-08-11.ods"],
    ["uk/fcdo_uk_sanctions_list_summary_2025-08-11.DERIVED.csv"],
    ["us_csl/csl_sample_13rows_2025-06.csv"],
    ["us_csl/bis_dpl_2023-11-30.txt"],
    ["opensanctions/yente_fixture_zala.entities.ftm.json"],
    ["opensanctions/yente_fixture_t1_eu_fsf.entities.ftm.json"],
    ["opensanctions/yente_fixture_t2_deltas/delta.json"],
]

TARGET_SECONDS = 60.0


def run(shared: Path, url: str | None) -> None:
    data = shared / "data"
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(url or f"sqlite:///{tmp}/bench.db")
        print(f"store: {engine.dialect.name}")
        parse_total = store_total = 0.0
        entities = 0
        print(f"{'publication':60} {'entities':>9} {'parse s':>8} {'store s':>8}")
        for files in PUBLICATIONS:
            paths = [data / f for f in files]
            start = time.perf_counter()
            parsed = parse_files(paths)
            parsed_at = time.perf_counter()
            results = import_publications(engine, parsed)
            stored_at = time.perf_counter()
            count = sum(r.entity_count for r in results)
            entities += count
            parse_total += parsed_at - start
            store_total += stored_at - parsed_at
            print(f"{files[0]:60} {count:9d} {parsed_at - start:8.2f} {stored_at - parsed_at:8.2f}")
        total = parse_total + store_total
        print(
            f"\nall lists: {entities} entities in {total:.1f} s "
            f"(parse {parse_total:.1f} s, store {store_total:.1f} s); "
            f"{entities / total:,.0f} entities/s"
        )
        print(
            f"target {TARGET_SECONDS:.0f} s: {total / TARGET_SECONDS:.2f} of the budget "
            f"({'met' if total < TARGET_SECONDS else 'MISSED'})"
        )
        print(
            f"baseline (parsing alone) {parse_total:.1f} s: import costs "
            f"{total / parse_total:.2f}x parsing"
        )
        start = time.perf_counter()
        for files in PUBLICATIONS:
            results = import_publications(engine, parse_files([data / f for f in files]))
            assert not any(r.created for r in results), f"{files[0]}: re-import created a version"
        print(
            f"re-import of identical content: {time.perf_counter() - start:.1f} s, no new versions"
        )
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--url", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    run(args.shared, args.url)


if __name__ == "__main__":
    main()
