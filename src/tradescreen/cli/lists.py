"""``tradescreen lists``: import, inspect, diff, export and update the official lists."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tradescreen.cli._common import (
    check_output_path,
    compile_lists_now,
    console,
    handle_errors,
    print_json,
    store_engine,
)
from tradescreen.exc import InputError, NotFoundError
from tradescreen.settings import BUNDLED_DATA, get_settings

if TYPE_CHECKING:
    from tradescreen.store import VersionDiff

app = typer.Typer(help="Import, inspect, diff and update the official lists.", no_args_is_help=True)

BUNDLED_LISTS = BUNDLED_DATA / "lists"

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
SourceOption = Annotated[str | None, typer.Option("--source", help="A list source, e.g. un.")]
AllowShrinkOption = Annotated[
    bool,
    typer.Option(
        "--allow-shrink",
        help="Accept a new latest version that is empty or has over 20 % fewer entities.",
    ),
]


@app.command("import")
@handle_errors
def import_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="List files; the files of one publication together (sdn.csv add.csv alt.csv)."
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="auto (detect), or one of `tradescreen lists formats`.")
    ] = "auto",
    source: SourceOption = None,
    bundled: Annotated[
        bool,
        typer.Option("--bundled", help="Import the UN list snapshot shipped with tradescreen."),
    ] = False,
    allow_shrink: AllowShrinkOption = False,
    json_output: JsonOption = False,
) -> None:
    """Import list files as new list versions (all or nothing; identical content adds nothing)."""
    from tradescreen.sources.registry import parse_files
    from tradescreen.store import import_publications

    files = list(paths or [])
    if bundled:
        files += sorted(BUNDLED_LISTS.glob("*.xml"))
    if not files:
        raise InputError("give list files to import, or --bundled")
    publications = parse_files(files, format, source)
    with store_engine() as engine:
        results = import_publications(
            engine, publications, allow_shrink=allow_shrink, actor=get_settings().user
        )
        if any(r.created and r.is_latest for r in results):
            compile_lists_now(engine, json_output)
    if json_output:
        print_json([asdict(r) for r in results])
        return
    for result in results:
        state = "new version" if result.created else "unchanged, already stored as version"
        history = (
            ""
            if result.is_latest
            else f"; older than version {result.latest_id}, which stays the one that screens: "
            "stored as history"
        )
        console.print(
            f"{result.source}: {result.entity_count} entities, published "
            f"{result.published or 'undated'} ({result.format}) — {state} {result.version_id}"
            f"{history}",
            soft_wrap=True,
        )


@app.command("formats")
@handle_errors
def formats_command(json_output: JsonOption = False) -> None:
    """The list formats `lists import --format` takes, and the lists each one publishes."""
    from tradescreen.sources.registry import FORMATS

    if json_output:
        print_json(
            [{"name": f.name, "label": f.label, "sources": f.sources} for f in FORMATS.values()]
        )
        return
    table = Table("format", "what it is", "lists")
    for fmt in FORMATS.values():
        table.add_row(fmt.name, fmt.label, ", ".join(fmt.sources) or "any (named in the file)")
    console.print(table)


@app.command("status")
@handle_errors
def status_command(json_output: JsonOption = False) -> None:
    """Sources, their latest version, and counts by schema and by program."""
    from tradescreen.store import store_status

    with store_engine() as engine:
        statuses = store_status(engine)
    if json_output:
        print_json({"sources": [s.to_dict() for s in statuses]})
        return
    if not statuses:
        console.print("The store is empty: import lists with `tradescreen lists import`.")
        return
    table = Table("source", "version", "published", "entities", "by schema", "top programs")
    for s in statuses:
        table.add_row(
            s.source,
            f"#{s.latest.id} of {s.version_count}",
            s.latest.published or "undated",
            str(s.latest.entity_count),
            ", ".join(f"{k} {v}" for k, v in s.by_schema.items()),
            ", ".join(f"{k} {v}" for k, v in list(s.by_program.items())[:6]),
        )
    console.print(table)


@app.command("versions")
@handle_errors
def versions_command(source: SourceOption = None, json_output: JsonOption = False) -> None:
    """Every stored list version, oldest first."""
    from tradescreen.store import list_versions_of

    with store_engine() as engine:
        versions = list_versions_of(engine, source)
    if source is not None and not versions:
        raise NotFoundError(f"no list versions of {source!r} in the store")
    if json_output:
        print_json([v.to_dict() for v in versions])
        return
    table = Table("id", "source", "published", "entities", "format", "imported", "content hash")
    for v in versions:
        table.add_row(
            str(v.id),
            v.source,
            v.published or "undated",
            str(v.entity_count),
            v.format,
            v.imported_at.strftime("%Y-%m-%d %H:%M"),
            v.content_hash[:12],
        )
    console.print(table)


@app.command("diff")
@handle_errors
def diff_command(
    source: SourceOption = None,
    from_version: Annotated[int | None, typer.Option("--from", help="Older version id.")] = None,
    to_version: Annotated[int | None, typer.Option("--to", help="Newer version id.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Added, removed and modified entities between two versions.

    Without --from/--to: the latest two versions of each source.
    """
    from tradescreen.store import diff_latest, diff_versions, list_sources, list_versions_of

    if (from_version is None) != (to_version is None):
        raise InputError("give both --from and --to, or neither")
    with store_engine() as engine:
        if from_version is not None and to_version is not None:
            diffs = [diff_versions(engine, from_version, to_version)]
        else:
            sources = [source] if source else list_sources(engine)
            diffs = [
                diff_latest(engine, s)
                for s in sources
                if source or len(list_versions_of(engine, s)) > 1
            ]
    if json_output:
        print_json({"diffs": [d.to_dict() for d in diffs]})
        return
    if not diffs:
        console.print("No source has two versions yet.")
    for diff in diffs:
        _print_diff(diff)


def _print_diff(diff: VersionDiff) -> None:
    console.print(
        f"[bold]{diff.new.source}[/]: {diff.old.label} → {diff.new.label}: "
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.modified)} modified"
    )
    if diff.note:
        console.print(f"  [bold yellow]note:[/] {diff.note}", soft_wrap=True)
    for change in diff.added:
        console.print(f"  [green]+ {change.source_id}[/] {change.caption} ({change.schema})")
    for change in diff.removed:
        console.print(f"  [red]- {change.source_id}[/] {change.caption} ({change.schema})")
    for change in diff.modified:
        fields = ", ".join(c.field for c in change.changes)
        console.print(f"  [yellow]~ {change.source_id}[/] {change.caption}: {fields}")


@app.command("export")
@handle_errors
def export_command(
    output: Annotated[Path, typer.Option("-o", "--output", help="FtM JSON lines file to write.")],
    source: SourceOption = None,
    version: Annotated[
        int | None, typer.Option("--version", help="Version id (default: latest of --source).")
    ] = None,
) -> None:
    """Write a list version as FollowTheMoney JSON lines."""
    from tradescreen.model.ftm import entity_to_ftm
    from tradescreen.store import get_version, iter_entities, list_versions_of

    if version is None and source is None:
        raise InputError("give --source or --version")
    check_output_path(output)
    count = 0
    with store_engine() as engine:
        if version is None:
            versions = list_versions_of(engine, source)
            if not versions:
                raise NotFoundError(f"no list versions of {source!r} in the store")
            version = versions[-1].id
        exported = get_version(engine, version)
        if source is not None and exported.source != source:
            raise InputError(
                f"version {version} is a version of {exported.source!r}, not of {source!r}"
            )
        with output.open("w", encoding="utf-8") as fh:
            for entity in iter_entities(engine, version):
                ftm = entity_to_ftm(entity, exported.published, exported.sequence)
                fh.write(json.dumps(ftm, ensure_ascii=False) + "\n")
                count += 1
    console.print(f"{exported.label}: {count} entities written to {output}")


@app.command("update")
@handle_errors
def update_command(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Only these sources (repeatable).")
    ] = None,
    allow_shrink: AllowShrinkOption = False,
    json_output: JsonOption = False,
) -> None:
    """Download each configured list from its publisher and import it if it changed."""
    import httpx

    from tradescreen.store.updates import load_source_configs, update_sources

    settings = get_settings()
    configs = load_source_configs(settings.sources_file)
    with (
        store_engine() as engine,
        httpx.Client(timeout=settings.http_timeout, follow_redirects=True) as client,
    ):
        outcomes = update_sources(
            engine,
            configs,
            settings.data_dir / "downloads",
            client,
            only=source,
            allow_shrink=allow_shrink,
            actor=settings.user,
        )
        if any(o.status == "updated" for o in outcomes):
            compile_lists_now(engine, json_output)
    if json_output:
        print_json([o.to_dict() for o in outcomes])
    else:
        for outcome in outcomes:
            console.print(f"{outcome.source}: {outcome.status} — {outcome.message}")
    if any(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)
