"""`tradescreen screen`, `screen-file` and `check` through Typer's CliRunner."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pyarrow
import pyarrow.parquet
import pytest
from typer.testing import CliRunner

from tradescreen.cli.main import app

runner = CliRunner()
TRANSACTIONS = Path(__file__).parents[1] / "data" / "transactions"


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def un_store(cli_env: str) -> str:
    assert _run("lists", "import", "--bundled")[0] == 0
    return cli_env


def test_screen_finds_a_dprk_designee_by_alias(un_store: str) -> None:
    code, out, _ = _run(
        "screen", "Changgwang Sinyong Corporation", "--schema", "Organization", "--json"
    )
    assert code == 0
    hits = json.loads(out)["hits"]
    assert hits[0]["source_id"] == "KPe.001"
    assert hits[0]["matched_name"] == "CHANGGWANG SINYONG CORPORATION"
    assert {f["name"] for f in hits[0]["features"]} >= {"name"}


def test_screen_without_a_schema_screens_every_schema(un_store: str) -> None:
    code, out, _ = _run("screen", "Korea Mining Development Trading Corporation", "--json")
    assert code == 0
    hits = json.loads(out)["hits"]
    assert (hits[0]["source_id"], hits[0]["schema"]) == ("KPe.001", "Organization")


def test_screen_schema_filters_and_the_table_names_it(un_store: str) -> None:
    name = "Korea Mining Development Trading Corporation"
    code, out, _ = _run("screen", name, "--schema", "Person", "--json")
    assert code == 0 and all(h["schema"] == "Person" for h in json.loads(out)["hits"])
    code, out, _ = _run("screen", name)
    assert code == 0 and "KPe.001" in out and "Organ" in out and "schema" in out


def test_screen_file_row_without_a_schema_screens_every_schema(
    un_store: str, tmp_path: Path
) -> None:
    source, output = tmp_path / "queries.csv", tmp_path / "hits.jsonl"
    rows = "q1,Korea Mining Development Trading Corporation\nq2,KO\u200bMID\n"
    source.write_text("id,name\n" + rows, encoding="utf-8")
    assert _run("screen-file", str(source), "-o", str(output), "--workers", "1")[0] == 0
    plain, hidden = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert (plain["hits"][0]["source_id"], plain["hits"][0]["schema"]) == (
        "KPe.001",
        "Organization",
    )
    assert "warnings" not in plain
    assert hidden["hits"][0]["source_id"] == "KPe.001"
    assert "ZERO WIDTH SPACE" in hidden["warnings"][0]


def test_screen_warns_of_hidden_characters_even_without_a_hit(un_store: str) -> None:
    code, out, _ = _run("screen", "\u202eDIMOK", "--json")
    result = json.loads(out)
    assert code == 0 and result["hits"][0]["source_id"] == "KPe.001"
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in result["warnings"][0]
    code, out, _ = _run("screen", "Erika\u200b Mustermann")
    assert code == 0 and "Warning:" in out and "ZERO WIDTH SPACE" in out and "No hit" in out
    code, out, _ = _run("screen", "KOMID", "--json")
    assert json.loads(out)["warnings"] == []


def test_screen_with_an_empty_store_says_what_to_do(cli_env: str) -> None:
    code, _, err = _run("screen", "Kim")
    assert code == 3 and "lists import" in err


QUERIES = [
    {"id": "q1", "name": "Ri Je-son", "schema": "Person"},
    {"id": "q2", "name": "Erika Mustermann", "schema": "Person"},
    {"id": "q3", "name": "Korea Mining Development Trading Corp", "schema": "Organization"},
]


def _write_input(path: Path) -> None:
    if path.suffix == ".csv":
        lines = ["id,name,schema"] + [f"{q['id']},{q['name']},{q['schema']}" for q in QUERIES]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(q) + "\n" for q in QUERIES), encoding="utf-8")
    elif path.suffix == ".xlsx":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["id", "name", "schema"])
        for q in QUERIES:
            sheet.append([q["id"], q["name"], q["schema"]])
        workbook.save(path)
    else:
        pyarrow.parquet.write_table(pyarrow.Table.from_pylist(QUERIES), path)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx", ".parquet"])
def test_screen_file_writes_one_line_per_row(un_store: str, tmp_path: Path, suffix: str) -> None:
    source, output = tmp_path / f"queries{suffix}", tmp_path / "hits.jsonl"
    _write_input(source)
    code, out, _ = _run("screen-file", str(source), "-o", str(output), "--workers", "2")
    assert code == 0, out
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2", "q3"]
    assert lines[0]["hits"][0]["source_id"] == "KPi.002"
    assert lines[1]["hits"] == []
    assert lines[2]["hits"][0]["source_id"] == "KPe.001"
    hit = lines[0]["hits"][0]
    assert set(hit) == {
        "entity_id",
        "source",
        "source_id",
        "schema",
        "name",
        "matched_name",
        "score",
        "explanation",
        "listings",
    }
    assert [listing["source_id"] for listing in hit["listings"]] == ["KPi.002"]


@pytest.fixture
def un_ofac_store(cli_env: str, shared_data: Path) -> str:
    for path in ("un/un_consolidated_2026-05-08.xml", "ofac/sdn_csv_2022-11/sdn.csv"):
        assert _run("lists", "import", str(shared_data / path))[0] == 0
    return cli_env


def test_screen_shows_one_designee_with_its_un_and_ofac_listings(un_ofac_store: str) -> None:
    code, out, _ = _run("screen", "Ocean Maritime Management Co Ltd", "--json")
    assert code == 0
    (hit,) = json.loads(out)["hits"]
    assert {(ls["source"], ls["source_id"]) for ls in hit["listings"]} == {
        ("un", "KPe.020"),
        ("ofac-sdn", "17068"),
    }
    assert [link["reason"] for link in hit["links"]] == ["same imoNumber 1790183"]
    code, out, _ = _run("screen", "Ocean Maritime Management Co Ltd")
    assert code == 0 and "KPe.020" in out and "17068" in out and "designee" in out


def test_check_cites_every_list_that_lists_the_party(un_ofac_store: str, tmp_path: Path) -> None:
    order = json.loads((TRANSACTIONS / "clean_order.json").read_text(encoding="utf-8"))
    order["parties"][1]["name"] = "Korea Kwangson Banking Corp"
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order), encoding="utf-8")
    code, out, _ = _run("check", str(path), "--json")
    decision = json.loads(out)
    cited = {
        (basis["instrument"], basis["paragraph"])
        for finding in decision["findings"]
        if finding["kind"] == "party"
        for basis in finding["legal_basis"]
    }
    assert {("un list (DPRK)", "KPe.025"), ("ofac-sdn list (NPWMD)", "11581")} <= cited


def test_screen_file_refuses_rows_without_a_name(un_store: str, tmp_path: Path) -> None:
    source = tmp_path / "queries.csv"
    source.write_text("id,name\n1,Kim\n2,\n", encoding="utf-8")
    code, _, err = _run("screen-file", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert code == 2 and "queries.csv: row 2: needs an id and a name" in err


def test_check_prints_the_decision_json(un_store: str) -> None:
    code, out, _ = _run("check", str(TRANSACTIONS / "komid_consignee.json"), "--json")
    assert code == 0, out
    decision = json.loads(out)
    assert decision["transaction_id"] == "tx-komid"
    assert decision["decision"] == "prohibited"
    assert decision["list_versions"]["un"]["published"] == "2026-05-08"
    assert decision["findings"][0]["legal_basis"][0] == {
        "instrument": "S/RES/1718 (2006)",
        "paragraph": "8(d)",
    }


def test_check_a_batch_file(un_store: str, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    names = ["komid_consignee", "clean_order", "coal_from_kp"]
    batch.write_text(
        "".join(
            (TRANSACTIONS / f"{n}.json").read_text(encoding="utf-8").replace("\n", "") + "\n"
            for n in names
        ),
        encoding="utf-8",
    )
    code, out, _ = _run("check", str(batch), "--json")
    assert code == 0, out
    assert [d["decision"] for d in json.loads(out)] == ["prohibited", "clear", "prohibited"]


def test_check_reports_the_json_pointer_of_a_bad_value(un_store: str, tmp_path: Path) -> None:
    data = json.loads((TRANSACTIONS / "clean_order.json").read_text(encoding="utf-8"))
    data["route"]["transit"] = ["ZZ"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = _run("check", str(path))
    assert code == 2 and "/route/transit/0" in err and "ZZ" in err
    path.write_text("{not json", encoding="utf-8")
    code, _, err = _run("check", str(path))
    assert code == 2 and "bad.json: line 1 column 2: invalid JSON" in err


def test_check_with_another_regime_file(un_store: str, tmp_path: Path) -> None:
    # The worked example of docs/catalogue.md, used end to end through --regime.
    docs = (Path(__file__).parents[2] / "docs" / "catalogue.md").read_text(encoding="utf-8")
    example = docs.split("## Example: a second regime without code")[1]
    regime = tmp_path / "us_ear_746_4.yml"
    regime.write_text(example.split("```yaml\n")[1].split("```")[0], encoding="utf-8")
    tx = tmp_path / "tx.json"
    tx.write_text(
        json.dumps(
            {
                "id": "t",
                "items": [{"description": "tubes", "hs_code": "7608.20"}],
                "route": {"origin": "DE", "destination": "KP"},
            }
        ),
        encoding="utf-8",
    )
    code, out, err = _run("check", str(tx), "--regime", str(regime), "--json")
    assert code == 0, err
    decision = json.loads(out)
    assert decision["decision"] == "license_required"
    assert {f["rule_id"] for f in decision["findings"]} == {"US-EAR-746-4-ALL-ITEMS"}


def test_check_accepts_a_utf8_byte_order_mark(un_store: str, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (TRANSACTIONS / "komid_consignee.json").read_bytes())
    code, out, err = _run("check", str(path), "--json")
    assert code == 0, err
    assert json.loads(out)["decision"] == "prohibited"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"[]", "bad.json: the batch is empty"),
        (b"", "bad.json: the file holds no transaction"),
        (b"\n  \n\n", "bad.json: the file holds no transaction"),
        (b"[" * 100_000 + b"]" * 100_000, "bad.json: the JSON nests too deeply"),
        (b'{"id": "caf\xe9"}', "bad.json: line 1: byte 0xe9 at offset 11 is not valid UTF-8 text"),
        (
            b'{"id": "t", "items": [{"description": "tube", "attributes": {"uts_mpa": NaN}}]}',
            "/items/0/attributes/uts_mpa: NaN and Infinity",
        ),
        (b'{"id": "t", "id": "u"}', "/: the key 'id' is given twice (bad.json)"),
        (
            b'{"id": "t", "parties": [{"role": "buyer", "name": "' + b"A" * 1_000_000 + b'"}]}',
            "/parties/0/name: a name of 1,000,000 characters is longer than the 1,000 allowed",
        ),
    ],
)
def test_check_refuses_bad_files_with_exit_2(
    cli_env: str, tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    code, _, err = _run("check", str(path))
    assert code == 2
    assert problem in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["screen", "A" * 1_000_000], "a name of 1,000,000 characters is longer than the 1,000"),
        (["screen", "  "], "the name is empty"),
        (["screen", "Kim", "--birth-date", "not-a-date"], "'not-a-date' is not a date"),
        (["screen", "Kim", "--birth-date", "1940-13-45"], "'1940-13-45' is not a date"),
        (["screen", "Kim", "--country", "XX"], "'XX' is not an ISO 3166-1 alpha-2"),
        (["screen", "Kim", "--country", "korea"], "'korea' is not an ISO 3166-1 alpha-2"),
        (["screen", "Kim", "--imo", "abc"], "'abc' is not an IMO number"),
        (["screen", "Kim", "--imo", "9000000"], "'9000000' is not an IMO number"),
        (["screen", "Kim", "--threshold", "5"], "--threshold"),
        (["screen", "Kim", "--threshold", "-1"], "--threshold"),
        (["controls", "search", ""], "the description is empty"),
        (["controls", "search", "vacuum pump", "--limit", "-5"], "--limit"),
        (["screen-file", "in.csv", "-o", "out.jsonl", "--workers", "-3"], "--workers"),
    ],
)
def test_bad_options_exit_2_with_a_message(cli_env: str, args: list[str], problem: str) -> None:
    code, out, err = _run(*args)
    assert code == 2, out
    assert problem in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ({"name": "A" * 1_000_000}, "a name of 1,000,000 characters"),
        ({"name": "Kim", "birth_date": "1940-13-45"}, "birth date '1940-13-45' is not a date"),
        ({"name": "Kim", "country": "korea"}, "country 'korea' is not an ISO 3166-1 alpha-2"),
        ({"name": "Kim", "imo": "abc"}, "'abc' is not an IMO number"),
    ],
)
def test_screen_file_refuses_a_bad_row_naming_file_row_and_id(
    cli_env: str, tmp_path: Path, row: dict[str, str], problem: str
) -> None:
    source = tmp_path / "queries.jsonl"
    rows = [{"id": "q1", "name": "Kim"}, {"id": "q2", **row}]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    code, _, err = _run("screen-file", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert code == 2
    assert f"queries.jsonl: row 2 (id 'q2'): {problem}" in err


def test_screen_file_reads_spreadsheet_dates_as_iso_dates(un_store: str, tmp_path: Path) -> None:
    source = tmp_path / "queries.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id", "name", "birth_date"])
    sheet.append(["q1", "Ri Je-son", datetime(1938, 1, 1)])
    workbook.save(source)
    output = tmp_path / "out.jsonl"
    code, out, err = _run("screen-file", str(source), "-o", str(output), "--workers", "1")
    assert code == 0, err
    hits = json.loads(output.read_text(encoding="utf-8"))["hits"]
    assert hits and hits[0]["name"].upper().startswith("RI JE")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (
            "in.csv",
            b"id,name\n1,Jos\xe9\n",
            "in.csv: line 2: byte 0xe9 at offset 13 is not valid UTF-8",
        ),
        ("in.csv", b'id,name\n1,"Kim\n', "in.csv: after line 1: not CSV: unexpected end of data"),
        ("in.csv", b"", "in.csv: the file holds no row to screen"),
        ("in.csv", b"id,name\n", "in.csv: the file holds no row to screen"),
        ("in.xlsx", b"PK\x03\x04 not a workbook", "in.xlsx: not a readable XLSX workbook"),
        ("in.parquet", b"PAR1 not parquet", "in.parquet: not a readable Parquet file"),
        ("in.jsonl", b"[" * 100_000 + b"]" * 100_000, "in.jsonl: line 1: the JSON nests too"),
        (
            "in.jsonl",
            b'{"id": "1", "name": "Kim"}\n{"id": "2", "name": "Kim", "name": "Ri"}\n',
            "in.jsonl: line 2: the key 'name' is given twice",
        ),
    ],
)
def test_screen_file_refuses_unreadable_input_with_exit_2(
    cli_env: str, tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    code, _, err = _run("screen-file", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert code == 2
    assert problem in err
    assert "Traceback" not in err


def test_screen_file_refuses_an_output_it_cannot_write(cli_env: str, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,name\n1,Kim\n", encoding="utf-8")
    code, _, err = _run("screen-file", str(source), "-o", str(tmp_path / "missing" / "out.jsonl"))
    assert code == 2 and "missing: no such directory; create it first" in err
    assert not (tmp_path / "missing").exists()
    code, _, err = _run("screen-file", str(source), "-o", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_screen_file_accepts_a_utf8_byte_order_mark(un_store: str, tmp_path: Path) -> None:
    for name in ("in.csv", "in.jsonl"):
        source = tmp_path / name
        _write_input(source)
        source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
        output = tmp_path / "out.jsonl"
        code, _, err = _run("screen-file", str(source), "-o", str(output), "--workers", "1")
        assert code == 0, err
        lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
        assert [line["id"] for line in lines] == ["q1", "q2", "q3"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"meta: [", "regime.yml: line 1: expected the node content"),
        (b"- 1\n- 2\n", "regime.yml: not a regime file"),
        (b"\xec\x00\xff", "regime.yml: not UTF-8 text"),
        (b"a: " + b"[" * 10_000 + b"]" * 10_000, "regime.yml: the YAML nests too deeply"),
    ],
)
def test_check_refuses_a_bad_regime_file_with_exit_2(
    cli_env: str, tmp_path: Path, content: bytes, problem: str
) -> None:
    regime = tmp_path / "regime.yml"
    regime.write_bytes(content)
    code, _, err = _run("check", str(TRANSACTIONS / "clean_order.json"), "--regime", str(regime))
    assert code == 2
    assert problem in err


RAW_CONTROLS = ("\x00", "\x1b", "\u202e")


def test_check_text_output_escapes_control_characters(un_store: str, tmp_path: Path) -> None:
    data = json.loads((TRANSACTIONS / "komid_consignee.json").read_text(encoding="utf-8"))
    data["id"] = "tx\x1b[2J"
    data["parties"][0]["name"] = "Korea Mining\x00 Development\x1b Trading Corporation\u202e"
    path = tmp_path / "tx.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _run("check", str(path))
    assert code == 0, err
    assert not any(char in out for char in RAW_CONTROLS)
    assert out.startswith("tx\\x1b[2J: prohibited")
    assert "Development\\x1b Trading Corporation\\u202e" in out.replace("\n", " ")
    code, out, _ = _run("check", str(path), "--json")
    assert json.loads(out)["transaction_id"] == "tx\x1b[2J"  # JSON keeps the data as it is


def test_screen_table_and_errors_escape_control_characters(cli_env: str, tmp_path: Path) -> None:
    listed = tmp_path / "evil.ftm.json"
    entity = {
        "id": "x1",
        "schema": "Organization",
        "properties": {"name": ["Evil\x1b[2J Corp\u202e"]},
    }
    listed.write_text(json.dumps(entity) + "\n", encoding="utf-8")
    assert _run("lists", "import", str(listed), "--source", "opensanctions")[0] == 0
    code, out, _ = _run("screen", "Evil Corp", "--schema", "Organization", "--threshold", "0.5")
    assert code == 0
    assert not any(char in out for char in RAW_CONTROLS)
    assert "Evil\\x1b[" in out  # escaped (the narrow test terminal may cut the rest)
    code, _, err = _run("screen", "Kim", "--country", "\x1b[2J\u202e")
    assert code == 2
    assert not any(char in err for char in RAW_CONTROLS)
    assert "\\x1b[2J\\u202e" in err


def test_links_split_and_confirm_change_what_screen_shows(un_ofac_store: str) -> None:
    name = "Ocean Maritime Management Co Ltd"
    code, out, _ = _run("links", "split", "un-kpe-020", "ofac-sdn-17068", "--note", "test")
    assert code == 0 and "split by" in out and "test" in out
    hits = json.loads(_run("screen", name, "--json")[1])["hits"]
    assert sorted(h["source"] for h in hits) == ["ofac-sdn", "un"]

    code, out, _ = _run("links", "confirm", "un-kpe-020", "ofac-sdn-17068", "--json")
    assert code == 0 and json.loads(out)["judgement"] == "same"
    (hit,) = json.loads(_run("screen", name, "--json")[1])["hits"]
    assert [link["reason"][:12] for link in hit["links"]] == ["confirmed by"]

    code, out, _ = _run("links", "judgements", "--json")
    assert [j["judgement"] for j in json.loads(out)] == ["same"]
    code, _, err = _run("links", "confirm", "un-kpe-020", "ofac-sdn-99999999")
    assert code == 3 and "no listing 'ofac-sdn-99999999'" in err
