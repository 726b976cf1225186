"""Spellings of one person name: the committed table, its build script and its reader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tradescreen.exc import RuleDataError
from tradescreen.reference.name_variants import NAME_VARIANTS_PATH, _read, name_items, same_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hussein", "husayn"),
        ("mohamed", "muhammad"),
        ("aleksandr", "alexander"),
        ("alexei", "aleksey"),
        ("yevgeny", "evgeniy"),
        ("yusuf", "yousef"),
        ("salem", "salim"),
        ("smirnov", "smirnova"),  # the forms of one surname
    ],
)
def test_spellings_of_one_name(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(("a", "b"), [("mary", "mark"), ("samir", "amir"), ("hasan", "husain")])
def test_different_names(a: str, b: str) -> None:
    assert not same_name(a, b)


def test_a_token_no_name_has_no_rows() -> None:
    assert name_items("xqzw") == frozenset() and not same_name("xqzw", "xqzw")
    assert len(name_items("hussein")) >= 2  # spelt so for several names in Wikidata


def test_committed_table() -> None:
    lines = NAME_VARIANTS_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Spellings of one person name")
    assert any("MIT License" in line for line in lines)  # the licence travels with the data
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) == 66726
    assert sum(len(spellings.split(" ")) for _, spellings in rows) == 185383
    table = _read(NAME_VARIANTS_PATH)
    assert len(table) == 154402


def test_build_script_keeps_latin_and_cyrillic_words_of_items_with_variants(
    tmp_path: Path, build_script: Callable[[str], ModuleType]
) -> None:
    # The format of rigour's person_names.txt; the archive itself is not fetched offline.
    source = tmp_path / "person_names.txt"
    source.write_text(
        "ovsei, ovsej, Ovsey, овсей, 오브세이 => Q10000006\n"
        "golikov, golikova, голиков => X1\n"
        "nhan, yán, 顏 => Q124807295\n"
        "jean-pierre, jean pierre, jeanpierre => Q2\n"  # one word left: dropped
        "O'Neil, o’neill, oneil => Q3\n"
        "unique => Q4\n",
        encoding="utf-8",
    )
    rows = [
        line
        for line in build_script("build_name_variants").build(source).splitlines()
        if line[0] != "#"
    ]
    assert rows == [
        "Q3\toneil oneill",
        "Q10000006\tovsei ovsej ovsey",
        "Q124807295\tnhan yan",
        "X1\tgolikov golikova",
    ]


def test_build_script_refuses_a_line_without_an_id(
    tmp_path: Path, build_script: Callable[[str], ModuleType]
) -> None:
    source = tmp_path / "person_names.txt"
    source.write_text("ovsei, ovsej => Q1\novsei, ovsej\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="line 2: 'ovsei, ovsej' is not 'spellings => id'"):
        build_script("build_name_variants").build(source)


@pytest.mark.parametrize(
    ("row", "line"),
    [
        ("Q1\thussein", 2),  # one spelling
        ("Q1\thussein hussein", 2),  # one spelling twice
        ("Q1\thussein Husayn", 2),  # not lower case
        ("1\thussein husayn", 2),  # no Q or X
        ("Q1\thussein  husayn", 2),  # an empty spelling
        ("Q1\thussein husayn\nQ2 hasan hassan", 3),  # no tab
    ],
)
def test_malformed_table_is_refused(tmp_path: Path, row: str, line: int) -> None:
    path = tmp_path / "name_variants.tsv"
    path.write_text(f"# header\n{row}\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=f"name_variants.tsv: line {line}: "):
        _read(path)


def test_empty_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "name_variants.tsv"
    path.write_text("# header only\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match="no name variants"):
        _read(path)
