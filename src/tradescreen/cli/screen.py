"""``tradescreen screen`` and ``screen-file``: names against the latest version of every list."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from tradescreen.cli._common import console, handle_errors, print_json, store_engine
from tradescreen.exc import InputError, NotFoundError
from tradescreen.matching import DEFAULT_THRESHOLD, Hit, Screener, name_warnings
from tradescreen.model import SCHEMATA
from tradescreen.store import latest_entities

__all__ = ["screen_command", "screen_file_command"]

SCHEMA_HELP = ", ".join(SCHEMATA)


def _load_screener() -> Screener:
    with store_engine() as engine:
        screener = Screener(latest_entities(engine))
    if not screener.entities:
        raise NotFoundError("the store holds no lists: run `tradescreen lists import` first")
    return screener


def _hit_dict(hit: Hit, full: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "entity_id": hit.entity_id,
        "source": hit.source,
        "source_id": hit.source_id,
        "schema": hit.schema,
        "name": hit.name,
        "matched_name": hit.matched_name,
        "score": hit.score,
        "explanation": hit.explanation,
    }
    if full:
        data["band"] = hit.band
        data["features"] = [
            {"name": f.name, "score": f.score, "detail": f.detail} for f in hit.features
        ]
    return data


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
    threshold: Annotated[float, typer.Option(help="Alert threshold.")] = DEFAULT_THRESHOLD,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Screen one name against the latest version of every list in the store."""
    if schema is not None and schema not in SCHEMATA:
        raise InputError(f"unknown schema {schema!r}; choose from {SCHEMA_HELP}")
    hits = _load_screener().screen(
        name,
        schema=schema,
        birth_date=birth_date,
        country=country,
        identifiers={"imoNumber": imo} if imo else None,
        threshold=threshold,
    )
    warnings = name_warnings(name)
    if json_output:
        hit_dicts = [_hit_dict(h, full=True) for h in hits]
        print_json({"query": name, "warnings": warnings, "hits": hit_dicts})
        return
    for warning in warnings:
        console.print(f"Warning: {warning}.")
    if not hits:
        console.print(f"No hit for {name!r} at threshold {threshold:.2f}.")
        return
    table = Table("score", "band", "source", "id", "schema", "listed name", "explanation")
    for hit in hits:
        table.add_row(
            f"{hit.score:.2f}",
            hit.band,
            hit.source,
            hit.source_id,
            hit.schema,
            hit.name,
            hit.explanation,
        )
    console.print(table)


# --- batch screening ------------------------------------------------------------

COLUMNS = ("id", "name", "schema", "birth_date", "country", "imo")


def _read_csv(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if line.strip():
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path.name}: line {number}: not JSON: {exc.msg}") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path.name}: line {number}: not a JSON object")
                yield row


def _read_xlsx(path: Path) -> Iterator[dict[str, Any]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, ())]
    for row in rows:
        if any(cell is not None for cell in row):
            yield dict(zip(header, row, strict=False))
    workbook.close()


def _read_parquet(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet

    yield from pyarrow.parquet.read_table(path).to_pylist()


READERS = {".csv": _read_csv, ".jsonl": _read_jsonl, ".xlsx": _read_xlsx, ".parquet": _read_parquet}


def read_queries(path: Path) -> list[dict[str, Any]]:
    """The rows of an input file, checked: each has an id and a name."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path.name}: unsupported input; use one of {', '.join(READERS)}")
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    queries = []
    for number, row in enumerate(reader(path), 1):
        query = {k: str(row[k]).strip() for k in COLUMNS if row.get(k) not in (None, "")}
        if "name" not in query or "id" not in query:
            raise InputError(f"{path.name}: row {number}: needs an id and a name")
        if "schema" in query and query["schema"] not in SCHEMATA:
            raise InputError(f"{path.name}: row {number}: unknown schema {query['schema']!r}")
        queries.append(query)
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
    line: dict[str, Any] = {"id": query["id"], "hits": [_hit_dict(h) for h in hits]}
    warnings = name_warnings(query["name"])
    if warnings:
        line["warnings"] = warnings
    return json.dumps(line, ensure_ascii=False)


@handle_errors
def screen_file_command(
    input_path: Annotated[Path, typer.Argument(help="CSV, JSONL, XLSX or Parquet with id,name.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL file to write.")],
    workers: Annotated[int, typer.Option(help="Processes (default: every core).")] = 0,
) -> None:
    """Screen every row of a file; one JSON line per row with its hits, best first."""
    global _WORKER_SCREENER
    queries = read_queries(input_path)
    _WORKER_SCREENER = _load_screener()
    processes = workers or os.cpu_count() or 1
    # Fork after building the index: every worker shares it copy-on-write.
    context = multiprocessing.get_context("fork")
    with (
        context.Pool(processes) as pool,
        output.open("w", encoding="utf-8") as out,
        Progress(console=console, disable=not sys.stdout.isatty()) as progress,
    ):
        task = progress.add_task("screening", total=len(queries))
        for line in pool.imap(_screen_query, queries, chunksize=32):
            out.write(line + "\n")
            progress.advance(task)
    console.print(f"{len(queries)} rows screened with {processes} processes → {output}")
