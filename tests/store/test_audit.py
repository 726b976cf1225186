"""The hash-chained audit log: appending, and catching every kind of tampering."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, update
from typer.testing import CliRunner

from tradescreen.cli.main import app
from tradescreen.settings import get_settings
from tradescreen.sources.un_xml import parse_un_xml
from tradescreen.store import import_publications, open_engine
from tradescreen.store.audit import (
    GENESIS_HASH,
    append_record,
    export_chain,
    read_chain,
    read_export,
    verify_chain,
)
from tradescreen.store.tables import audit_log


def _append(engine: Engine, count: int) -> None:
    for n in range(1, count + 1):
        with engine.begin() as conn:
            append_record(conn, "test.act", f"subject-{n}", {"n": n, "name": "KIM Jong Un"}, "ana")


def test_records_chain_from_the_genesis_hash(engine: Engine) -> None:
    _append(engine, 3)
    records = list(read_chain(engine))
    assert [r.seq for r in records] == [1, 2, 3]
    assert records[0].prev_hash == GENESIS_HASH
    assert [r.prev_hash for r in records[1:]] == [r.hash for r in records[:-1]]
    assert records[1].actor == "ana" and records[1].details == {"n": 2, "name": "KIM Jong Un"}
    # The hash is SHA-256 of the canonical JSON of the fields: checkable without tradescreen.
    fields = {k: v for k, v in records[0].to_dict().items() if k != "hash"}
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert records[0].hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    check = verify_chain(records)
    assert check.ok and check.count == 3 and check.head_hash == records[-1].hash


def test_a_record_rolled_back_with_its_transaction_leaves_no_trace(engine: Engine) -> None:
    _append(engine, 1)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        append_record(conn, "test.act", "lost", {}, "ana")
        raise RuntimeError("the act failed")
    assert [r.seq for r in read_chain(engine)] == [1]


@pytest.mark.parametrize(
    ("tamper", "first_bad", "problem"),
    [
        (update(audit_log).where(audit_log.c.seq == 2).values(actor="eve"), 2, "altered"),
        (update(audit_log).where(audit_log.c.seq == 3).values(details='{"n":30}'), 3, "altered"),
        (delete(audit_log).where(audit_log.c.seq == 2), 3, "missing, added or moved"),
    ],
)
def test_altered_or_deleted_records_are_named(
    engine: Engine, tamper: object, first_bad: int, problem: str
) -> None:
    _append(engine, 4)
    with engine.begin() as conn:
        conn.execute(tamper)  # type: ignore[call-overload]
    check = verify_chain(read_chain(engine))
    assert not check.ok and check.first_bad == first_bad and problem in (check.problem or "")


def test_reordered_inserted_and_cut_records_are_caught(engine: Engine, tmp_path: Path) -> None:
    _append(engine, 4)
    records = list(read_chain(engine))
    swapped = [records[0], records[2], records[1], records[3]]
    assert verify_chain(swapped).first_bad == 3
    # A record forged with a correct own hash and renumbered successors: the links break.
    forged = [records[0], records[1]]
    renumbered = [type(r)(**{**r.to_dict(), "seq": r.seq + 1}) for r in records[2:]]
    inserted = type(records[0])(**{**records[2].to_dict(), "subject": "forged"})
    check = verify_chain([*forged, inserted, *renumbered])
    assert check.first_bad == 3 and not check.ok
    # Cutting records off the end keeps every link: only the export's head hash shows it.
    export = tmp_path / "audit.jsonl"
    assert export_chain(engine, export).ok
    exported, head = read_export(export)
    assert verify_chain(exported, head).ok
    check = verify_chain(exported[:-1], head)
    assert not check.ok and "head hash" in (check.problem or "")


def test_imports_are_recorded_in_their_transaction(engine: Engine, shared_data: Path) -> None:
    un = parse_un_xml([shared_data / "un/un_consolidated_2026-05-08.xml"])
    [result] = import_publications(engine, [un])
    [record] = read_chain(engine)
    assert (record.action, record.subject) == ("lists.import", f"un#{result.version_id}")
    assert record.details["entity_count"] == 1009 and record.details["created"] is True
    assert record.details["files"][0]["name"] == "un_consolidated_2026-05-08.xml"


def test_cli_verify_and_export(
    cli_env: str, shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.setenv("TRADESCREEN_USER", "compliance.officer")
    un = shared_data / "un"
    for name in ("un_consolidated_2026-02-27.xml", "un_consolidated_2026-05-08.xml"):
        assert runner.invoke(app, ["lists", "import", str(un / name)]).exit_code == 0
    result = runner.invoke(app, ["audit", "verify", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ok"] is True and json.loads(result.stdout)["count"] == 2
    export = tmp_path / "audit.jsonl"
    assert runner.invoke(app, ["audit", "export", "-o", str(export)]).exit_code == 0
    lines = export.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["actor"] == "compliance.officer"
    assert runner.invoke(app, ["audit", "verify", "--file", str(export)]).exit_code == 0
    lines[1] = lines[1].replace('"entity_count":1009', '"entity_count":1010')
    export.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", "verify", "--file", str(export)])
    assert result.exit_code == 1 and "record 2: its content was altered" in result.stdout
    export.write_text("not json\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", "verify", "--file", str(export)])
    assert result.exit_code == 2 and "line 1" in result.stderr


def test_every_decision_of_check_is_recorded_whole(cli_env: str, shared_data: Path) -> None:
    runner = CliRunner()
    un = shared_data / "un/un_consolidated_2026-05-08.xml"
    assert runner.invoke(app, ["lists", "import", str(un)]).exit_code == 0
    examples = Path(__file__).parents[2] / "examples"
    result = runner.invoke(app, ["check", str(examples / "aluminium_tubes_to_dprk.json"), "--json"])
    assert result.exit_code == 0
    decision = json.loads(result.stdout)
    records = json.loads(runner.invoke(app, ["audit", "verify", "--json"]).stdout)
    assert records["ok"] and records["count"] == 2
    engine = open_engine(get_settings().database_url)
    try:
        [_import, check] = read_chain(engine)
    finally:
        engine.dispose()
    assert (check.action, check.subject) == ("check", decision["transaction_id"])
    assert check.details == decision  # findings, list versions and engine version


def test_screen_and_screen_file_are_recorded_with_the_list_versions(
    cli_env: str, shared_data: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    un = shared_data / "un/un_consolidated_2026-05-08.xml"
    assert runner.invoke(app, ["lists", "import", str(un)]).exit_code == 0
    komid = "Korea Mining Development Trading Corporation"
    long_name = komid + " " + "x" * 400  # under the name cap, over the subject's length
    for name in (komid, long_name):
        assert runner.invoke(app, ["screen", name, "--json"]).exit_code == 0
    rows = tmp_path / "rows.csv"
    rows.write_text("id,name\n1,Kim Jong Un\n2,Jane Doe\n", encoding="utf-8")
    output = tmp_path / "hits.jsonl"
    assert runner.invoke(app, ["screen-file", str(rows), "-o", str(output)]).exit_code == 0
    engine = open_engine(get_settings().database_url)
    try:
        [_import, screen, long_screen, batch] = read_chain(engine)
    finally:
        engine.dispose()
    assert (screen.action, screen.subject) == ("screen", komid)
    assert screen.details["list_versions"] == {"un": 1}
    assert screen.details["hits"][0]["score"] == 1.0
    assert len(long_screen.subject) == 255 and long_screen.details["query"]["name"] == long_name
    assert (batch.action, batch.details["rows"]) == ("screen-file", 2)
    assert batch.details["output"]["sha256"] == hashlib.sha256(output.read_bytes()).hexdigest()
    assert verify_chain([_import, screen, long_screen, batch]).ok
