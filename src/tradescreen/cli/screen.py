"""``tradescreen screen`` and ``screen-file``: names against the latest version of every list."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import sys
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from tradescreen import matching
from tradescreen.cli._common import (
    check_output_path,
    console,
    decode_json,
    handle_errors,
    latest_lists,
    print_json,
    printable,
    read_text,
    record_screening,
    store_engine,
)
from tradescreen.exc import InputError
from tradescreen.matching import DEFAULT_THRESHOLD
from tradescreen.model.query import SCHEMA_HELP, check_query
from tradescreen.model.transaction import repeated_key

if TYPE_CHECKING:
    from tradescreen.compiled import CompiledLists
    from tradescreen.matching import Hit, Screener

__all__ = ["screen_command", "screen_file_command"]


def _load_lists() -> CompiledLists:
    with store_engine() as engine:
        return latest_lists(engine)


def _linked_reasons(hit: Hit) -> dict[str, str]:
    """Per listing of a hit's designee: the links that make it the same designee."""
    label = {listing.entity_id: f"{listing.source} {listing.source_id}" for listing in hit.listings}
    reasons: dict[str, list[str]] = {}
    for link in hit.links:
        reasons.setdefault(link.entity_id, []).append(f"{link.reason} ({label[link.other_id]})")
        reasons.setdefault(link.other_id, []).append(f"{link.reason} ({label[link.entity_id]})")
    return {entity_id: "; ".join(texts) for entity_id, texts in reasons.items()}


@handle_errors
def screen_command(
    name: Annotated[str, typer.Argument(help="The name to screen.")],
    schema: Annotated[
        str | None,
        typer.Option("--schema", help=f"Only this schema, one of: {SCHEMA_HELP} (default: every)."),
    ] = None,
    birth_date: Annotated[str | None, typer.Option("--birth-date", help="YYYY[-MM[-DD]].")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO alpha-2.")] = None,
    imo: Annotated[str | None, typer.Option("--imo", help="Vessel IMO number.")] = None,
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Alert threshold, in [0, 1].")
    ] = DEFAULT_THRESHOLD,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Screen one name against the latest version of every list in the store."""
    check_query(name, schema, birth_date, country, imo)
    lists = _load_lists()
    hits = lists.screener.screen(
        name,
        schema=schema,
        birth_date=birth_date,
        country=country,
        identifiers={"imoNumber": imo} if imo else None,
        threshold=threshold,
    )
    warnings = matching.name_warnings(name)
    query = {"schema": schema, "birth_date": birth_date, "country": country, "imo": imo}
    record_screening(
        "screen",
        name,
        {
            "query": {"name": name, **query, "threshold": threshold},
            "warnings": warnings,
            "hits": [
                {
                    "entity_id": h.entity_id,
                    "score": h.score,
                    "listings": [listing.entity_id for listing in h.listings],
                }
                for h in hits
            ],
        },
        lists,
    )
    if json_output:
        hit_dicts = [h.to_dict(full=True) for h in hits]
        print_json({"query": name, "warnings": warnings, "hits": hit_dicts})
        return
    for warning in warnings:
        console.print(f"Warning: {warning}.")
    if not hits:
        console.print(f"No hit for {printable(repr(name))} at threshold {threshold:.2f}.")
        return
    table = Table("score", "band", "source", "id", "schema", "listed name", "explanation")
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}",
            hit.band,
            *map(printable, (hit.source, hit.source_id, hit.schema, hit.name, hit.explanation)),
        )
        reasons = _linked_reasons(hit)
        for listing in hit.listings[1:]:  # the same designee on other lists
            why = f"same designee: {reasons[listing.entity_id]}"
            table.add_row(
                f"{listing.score:.2f}",
                "",
                *map(printable, (listing.source, listing.source_id, "", listing.name, why)),
            )
    console.print(table)


# --- batch screening ------------------------------------------------------------

COLUMNS = ("id", "name", "schema", "birth_date", "country", "imo")


def _read_csv(path: Path) -> Iterator[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""), strict=True)
    try:
        yield from reader
    except csv.Error as exc:
        raise InputError(f"{path.name}: after line {reader.line_num}: not CSV: {exc}") from None


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if line.strip():
            try:
                row = decode_json(path, line, number)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path.name}: line {number}: not JSON: {exc.msg}") from None
            if not isinstance(row, dict):
                raise InputError(f"{path.name}: line {number}: not a JSON object")
            repeated = repeated_key(row)
            if repeated is not None:
                raise InputError(f"{path.name}: line {number}: the key {repeated!r} is given twice")
            yield row


def _read_xlsx(path: Path) -> Iterator[dict[str, Any]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(f"{path.name}: not a readable XLSX workbook: {exc}") from None
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
        for row in rows:
            if any(cell is not None for cell in row):
                yield dict(zip(header, row, strict=False))
    finally:
        workbook.close()


def _read_parquet(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow
    import pyarrow.parquet

    try:
        table = pyarrow.parquet.read_table(path)
    except (pyarrow.ArrowException, OSError) as exc:
        raise InputError(f"{path.name}: not a readable Parquet file: {exc}") from None
    yield from table.to_pylist()


READERS = {".csv": _read_csv, ".jsonl": _read_jsonl, ".xlsx": _read_xlsx, ".parquet": _read_parquet}


def _cell_text(value: Any) -> str:
    """A cell as text; a spreadsheet or Parquet date as its ISO date."""
    if isinstance(value, datetime):
        value = value.date()
    return value.isoformat() if isinstance(value, date) else str(value).strip()


def read_queries(path: Path) -> list[dict[str, Any]]:
    """The rows of an input file, checked: each has an id and a name."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path.name}: unsupported input; use one of {', '.join(READERS)}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    queries = []
    for number, row in enumerate(reader(path), 1):
        query = {k: _cell_text(row[k]) for k in COLUMNS if row.get(k) not in (None, "")}
        if "name" not in query or "id" not in query:
            raise InputError(f"{path.name}: row {number}: needs an id and a name")
        try:
            check_query(
                query["name"],
                query.get("schema"),
                query.get("birth_date"),
                query.get("country"),
                query.get("imo"),
            )
        except InputError as exc:
            raise InputError(f"{path.name}: row {number} (id {query['id']!r}): {exc}") from None
        queries.append(query)
    if not queries:
        raise InputError(f"{path.name}: the file holds no row to screen")
    return queries


_WORKER_SCREENER: Screener | None = None


def _screen_query(query: dict[str, str]) -> str:
    assert _WORKER_SCREENER is not None
    hits = _WORKER_SCREENER.screen(
        query["name"],
        schema=query.get("schema"),
        birth_date=query.get("birth_date"),
        country=query.get("country"),
        identifiers={"imoNumber": query["imo"]} if "imo" in query else None,
    )
    line: dict[str, Any] = {"id": query["id"], "hits": [h.to_dict() for h in hits]}
    warnings = matching.name_warnings(query["name"])
    if warnings:
        line["warnings"] = warnings
    return json.dumps(line, ensure_ascii=False)


@handle_errors
def screen_file_command(
    input_path: Annotated[Path, typer.Argument(help="CSV, JSONL, XLSX or Parquet with id,name.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL file to write.")],
    workers: Annotated[int, typer.Option(min=0, help="Processes (default 0: every core).")] = 0,
) -> None:
    """Screen every row of a file; one JSON line per row with its hits, best first."""
    from tradescreen.store import file_info

    global _WORKER_SCREENER
    check_output_path(output)
    queries = read_queries(input_path)
    lists = _load_lists()
    _WORKER_SCREENER = lists.screener
    processes = workers or os.cpu_count() or 1
    # Fork after building the index: every worker shares it copy-on-write.
    context = multiprocessing.get_context("fork")
    try:
        out = output.open("w", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write: {exc.strerror or exc}") from None
    with (
        out,
        context.Pool(processes) as pool,
        Progress(console=console, disable=not sys.stdout.isatty()) as progress,
    ):
        task = progress.add_task("screening", total=len(queries))
        for line in pool.imap(_screen_query, queries, chunksize=32):
            out.write(line + "\n")
            progress.advance(task)
    record_screening(
        "screen-file",
        input_path.name,
        {"input": file_info(input_path), "output": file_info(output), "rows": len(queries)},
        lists,
    )
    console.print(f"{len(queries)} rows screened with {processes} processes → {printable(output)}")
