"""`tradescreen lists ...` end to end through Typer's CliRunner, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradescreen.cli.main import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_status_diff_round(cli_env: str, shared_data: Path) -> None:
    un = shared_data / "un"
    code, out, _ = _run(
        "lists",
        "import",
        str(un / "un_consolidated_2026-02-27.xml"),
        str(un / "un_consolidated_2026-05-08.xml"),
    )
    assert code == 0, out
    assert "un: 1009 entities, published 2026-05-08 (un-xml) — new version" in out

    code, out, _ = _run("lists", "status", "--json")
    assert code == 0
    [un_status] = json.loads(out)["sources"]
    assert un_status["versions"] == 2
    assert un_status["by_schema"] == {"Organization": 272, "Person": 737}
    assert un_status["by_program"]["DPRK"] == 155

    code, out, _ = _run("lists", "diff", "--source", "un", "--json")
    assert code == 0
    [diff] = json.loads(out)["diffs"]
    assert diff["summary"]["added"] == 7 and diff["summary"]["removed"] == 1
    assert diff["removed"][0]["source_id"] == "QDe.137"

    code, out, _ = _run("lists", "diff")
    assert code == 0
    assert "7 added, 1 removed" in out and "- QDe.137" in out


def test_reimport_reports_the_existing_version(cli_env: str, shared_data: Path) -> None:
    path = str(shared_data / "un/un_consolidated_2024-09-26.xml")
    assert _run("lists", "import", path)[0] == 0
    code, out, _ = _run("lists", "import", path, "--json")
    assert code == 0
    [result] = json.loads(out)
    assert result["created"] is False and result["entity_count"] == 875


def test_ofac_trio_imports_as_one_publication(cli_env: str, shared_data: Path) -> None:
    trio = shared_data / "ofac/sdn_csv_trio_2021-07"
    files = [str(trio / name) for name in ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")]
    code, out, _ = _run("lists", "import", *files, "--json")
    assert code == 0, out
    [result] = json.loads(out)
    assert (result["source"], result["entity_count"]) == ("ofac-sdn", 8976)


def test_bad_input_exits_2_and_leaves_the_store_as_is(
    cli_env: str, shared_data: Path, tmp_path: Path
) -> None:
    good = shared_data / "un/un_consolidated_2026-05-08.xml"
    truncated = tmp_path / "un_truncated.xml"
    truncated.write_bytes(good.read_bytes()[:100_000])
    code, _, err = _run("lists", "import", str(good), str(truncated))
    assert code == 2
    assert "un_truncated.xml" in err and "line" in err
    code, out, _ = _run("lists", "status", "--json")
    assert json.loads(out) == {"sources": []}


def test_a_file_without_list_entities_does_not_replace_a_list(
    cli_env: str, shared_data: Path, tmp_path: Path
) -> None:
    export = shared_data / "opensanctions/yente_fixture_zala.entities.ftm.json"
    assert _run("lists", "import", str(export), "--source", "opensanctions")[0] == 0
    before = _run("lists", "versions", "--json")[1]
    spaceship = tmp_path / "entities.ftm.json"
    spaceship.write_text('{"id": "a", "schema": "Spaceship", "properties": {"name": ["A"]}}\n')
    code, _, err = _run("lists", "import", str(spaceship), "--source", "opensanctions")
    assert code == 2 and "entities.ftm.json: line 1: a: unknown FtM schema 'Spaceship'" in err
    # Valid FtM of a later day, but no list entity in it: the list would become empty.
    address = tmp_path / "addresses.ftm.json"
    address.write_text(
        '{"id": "x", "schema": "Address", "properties": {"full": ["Pyongyang"]}, '
        '"last_change": "2026-05-01T08:00:00"}\n'
    )
    code, _, err = _run("lists", "import", str(address), "--source", "opensanctions")
    assert code == 2 and "addresses.ftm.json: the import would replace version 1" in err
    assert "without entities" in err and "--allow-shrink" in err
    assert _run("lists", "versions", "--json")[1] == before
    code, out, _ = _run(
        "lists", "import", str(address), "--source", "opensanctions", "--allow-shrink"
    )
    assert code == 0 and "opensanctions: 0 entities" in out


def test_an_older_publication_is_history_and_the_newest_screens(
    cli_env: str, shared_data: Path
) -> None:
    # OFAC's legacy CSV states no date: its highest ent_num orders the publications.
    assert _run("lists", "import", str(shared_data / "ofac/sdn_csv_2022-11/sdn.csv"))[0] == 0
    trio = shared_data / "ofac/sdn_csv_trio_2021-07"
    code, out, _ = _run("lists", "import", *(str(p) for p in sorted(trio.glob("*.csv"))))
    assert code == 0
    assert (
        "8976 entities" in out and "older than version 1, which stays the one that screens" in out
    )
    [status] = json.loads(_run("lists", "status", "--json")[1])["sources"]
    assert (status["latest"]["id"], status["latest"]["entity_count"]) == (1, 11509)
    code, out, _ = _run(
        "screen", "VTB Bank Public Joint Stock Company", "--schema", "Organization", "--json"
    )
    assert code == 0 and "17013" in out  # listed in 2022, not in 2021


def test_an_exported_version_imported_back_keeps_its_place(
    cli_env: str, shared_data: Path, tmp_path: Path
) -> None:
    un = shared_data / "un"
    assert _run("lists", "import", str(un / "un_consolidated_2026-05-08.xml"))[0] == 0
    export = tmp_path / "un.ftm.json"
    assert _run("lists", "export", "--source", "un", "-o", str(export))[0] == 0
    assert _run("lists", "import", str(un / "un_consolidated_2026-02-27.xml"))[0] == 0
    code, out, _ = _run("lists", "import", str(export), "--source", "un")
    assert code == 0
    assert "published 2026-05-08 (ftm) — unchanged, already stored as version 1" in out
    [status] = json.loads(_run("lists", "status", "--json")[1])["sources"]
    assert status["latest"]["published"] == "2026-05-08"


def test_unknown_file_and_unknown_format(cli_env: str, shared_data: Path) -> None:
    code, _, err = _run("lists", "import", str(shared_data / "un/sc-sanctions.xsd"))
    assert code == 2 and "sc-sanctions.xsd: not a recognised list file" in err
    code, _, err = _run(
        "lists", "import", "--format", "pdf", str(shared_data / "un/sc-sanctions.xsd")
    )
    assert code == 2 and "unknown format 'pdf'" in err


def test_diff_of_unknown_version_exits_3(cli_env: str) -> None:
    code, _, err = _run("lists", "diff", "--from", "1", "--to", "2")
    assert code == 3 and "no list version 1" in err


def test_export_writes_ftm_json_lines(cli_env: str, shared_data: Path, tmp_path: Path) -> None:
    _run("lists", "import", str(shared_data / "un/un_consolidated_2026-05-08.xml"))
    out_file = tmp_path / "un.ftm.json"
    code, out, _ = _run("lists", "export", "--source", "un", "-o", str(out_file))
    assert code == 0, out
    lines = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 1009
    kpe051 = next(obj for obj in lines if obj["tradescreen"]["source_id"] == "KPe.051")
    assert kpe051["schema"] == "Organization" and kpe051["datasets"] == ["un"]


def _bad_files(shared_data: Path, tmp_path: Path) -> dict[str, Path]:
    """Broken copies of real list files, one per kind of bad input."""
    un = (shared_data / "un/un_consolidated_2026-02-27.xml").read_bytes()
    conlist = (shared_data / "uk/ofsi_conlist_2018-04-13.csv").read_bytes()
    files = {
        "entity_bomb": b'<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n'
        b' <!ENTITY a "aaaaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
        b'<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z"><INDIVIDUALS/>&b;'
        b"</CONSOLIDATED_LIST>\n",
        "external_entity": b'<?xml version="1.0"?>\n<!DOCTYPE CONSOLIDATED_LIST [\n'
        b' <!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
        b'<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">&x;</CONSOLIDATED_LIST>\n',
        "truncated": un[: len(un) // 3],
        "empty": b"",
        "wrong_encoding": conlist.decode("cp1252").encode("utf-16"),
    }
    paths = {}
    for kind, data in files.items():
        suffix = ".csv" if kind == "wrong_encoding" else ".xml"
        paths[kind] = tmp_path / f"{kind}{suffix}"
        paths[kind].write_bytes(data)
    return paths


BAD_KINDS = ["entity_bomb", "external_entity", "truncated", "empty", "wrong_encoding"]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_files_are_refused_and_the_store_stays_exactly_as_it_was(
    cli_env: str, shared_data: Path, tmp_path: Path, kind: str
) -> None:
    assert _run("lists", "import", str(shared_data / "un/un_consolidated_2026-02-27.xml"))[0] == 0
    before = _run("lists", "versions", "--json")[1], _run("lists", "status", "--json")[1]
    bad = _bad_files(shared_data, tmp_path)[kind]
    good = shared_data / "un/un_consolidated_2026-05-08.xml"
    code, _, err = _run("lists", "import", str(good), str(bad))
    assert code == 2, err
    assert bad.name in err
    assert (_run("lists", "versions", "--json")[1], _run("lists", "status", "--json")[1]) == before


def test_a_source_must_fit_the_format_and_be_known(cli_env: str, shared_data: Path) -> None:
    un = str(shared_data / "un/un_consolidated_2026-05-08.xml")
    code, _, err = _run("lists", "import", un, "--source", "ofac-sdn")
    assert code == 2
    assert "un_consolidated_2026-05-08.xml: a un-xml file is a list of un, not of 'ofac-sdn'" in err
    code, _, err = _run("lists", "import", un, "--source", "martian")
    assert code == 3 and "unknown source 'martian'; known: un, ofac-sdn" in err
    assert json.loads(_run("lists", "status", "--json")[1]) == {"sources": []}
    assert _run("lists", "import", un, "--source", "un")[0] == 0


def test_versions_and_export_name_what_is_not_there(
    cli_env: str, shared_data: Path, tmp_path: Path
) -> None:
    assert _run("lists", "import", str(shared_data / "un/un_consolidated_2026-05-08.xml"))[0] == 0
    assert _run("lists", "import", str(shared_data / "us_csl/bis_dpl_2023-11-30.txt"))[0] == 0
    code, _, err = _run("lists", "versions", "--source", "nope")
    assert code == 3 and "no list versions of 'nope'" in err
    out = tmp_path / "export.ftm.json"
    code, _, err = _run("lists", "export", "--source", "un", "--version", "2", "-o", str(out))
    assert code == 2 and "version 2 is a version of 'bis-dpl', not of 'un'" in err
    missing = tmp_path / "no-such-folder" / "export.ftm.json"
    code, _, err = _run("lists", "export", "--source", "un", "-o", str(missing))
    assert code == 2 and "no-such-folder: no such directory; create it first" in err
    assert not out.exists()


def test_import_of_a_directory_says_so(cli_env: str, shared_data: Path) -> None:
    code, _, err = _run("lists", "import", str(shared_data / "un"))
    assert code == 2 and "is a directory; give the list files in it" in err


def test_diff_across_two_formats_of_a_list_says_so(cli_env: str, shared_data: Path) -> None:
    ofac = shared_data / "ofac"
    csv = sorted(str(p) for p in (ofac / "cons_csv_2025-12").glob("*.csv"))
    assert _run("lists", "import", *csv)[0] == 0
    assert _run("lists", "import", str(ofac / "cons_xml_2026-01-08/consolidated.xml"))[0] == 0
    [diff] = json.loads(_run("lists", "diff", "--json")[1])["diffs"]
    assert diff["note"].startswith("the versions come from two formats (ofac-csv → ofac-xml)")
    code, out, _ = _run("lists", "diff")
    assert code == 0 and "note: the versions come from two formats" in out


def test_a_single_delta_file_applies_to_the_latest_version(cli_env: str, shared_data: Path) -> None:
    os_data = shared_data / "opensanctions"
    export = os_data / "yente_fixture_zala.entities.ftm.json"
    assert _run("lists", "import", str(export), "--json")[0] == 0
    delta = os_data / "yente_fixture_t2_deltas/20240528134729-3iv__entities.delta.json"
    code, out, _ = _run("lists", "import", str(delta), "--json")
    assert code == 0
    [result] = json.loads(out)
    assert result["entity_count"] == 18  # the export's 17 and the delta's one
    versions = json.loads(_run("lists", "versions", "--json")[1])
    assert {v["id"]: v["parent_id"] for v in versions}[result["version_id"]] == 1


def test_formats_lists_every_format_import_takes(cli_env: str) -> None:
    code, out, _ = _run("lists", "formats", "--json")
    assert code == 0
    formats = {f["name"]: f for f in json.loads(out)}
    assert {"un-xml", "ofac-csv", "uk-conlist", "ftm"} <= set(formats)
    assert formats["un-xml"]["sources"] == ["un"]
    code, out, _ = _run("lists", "formats")
    assert code == 0 and "un-xml" in out and "any (named in the file)" in out
