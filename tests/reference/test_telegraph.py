"""Chinese telegraph codes: Han spellings of OFAC's "Chinese Commercial Code" and back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tradescreen.exc import RuleDataError
from tradescreen.reference.telegraph import (
    TELEGRAPH_PATH,
    _read,
    han_spellings,
    telegraph_codes,
)

#: Lines of Unihan 15.0.0 (the committed table's source) for the codes tested here.
UNIHAN_EXTRACT = Path(__file__).parents[1] / "data" / "unihan" / "Unihan_OtherMappings.txt"


def test_zhang_lei() -> None:
    # Unihan 15.0: kMainlandTelegraph 1728 is U+5F20 张, kTaiwanTelegraph 1728 is U+5F35 張;
    # both tables give 4320 to U+78CA 磊.
    assert han_spellings("1728 4320") == ("\u5f20\u78ca", "\u5f35\u78ca") == ("张磊", "張磊")


@pytest.mark.parametrize(
    ("codes", "spellings"),
    [
        # The names of the 12 designees OFAC gives codes for (sdn.csv, 2022-11).
        ("1728 4320", ("张磊", "張磊")),  # ZHANG, Lei
        ("5170 3057 1344", ("胡永安",)),  # HU, Yongan: the same in both tables
        ("1728 3444 2052", ("张济成", "張濟成")),  # ZHANG, Jicheng
        # WANG, Guoying: 5931 is 袱 (fu) in both tables; 英 (ying) is 5391, so OFAC's
        # digits look transposed. The table says what the codes say, not what they meant.
        ("3769 0948 5931", ("王国袱", "王國袱")),
        ("1728 1696", ("张建", "張建")),  # ZHANG, Jian
        ("0443 1226", ("初娜",)),  # CHU, Na
        ("0443 2814 2589", ("初业有", "初業有")),  # CHU, Yeyou
        ("0491 5050 5391", ("刘翠英", "劉翠英")),  # LIU, Cuiying
        ("1728 0344 1627", ("张克平", "張克平")),  # ZHANG, Keping
        ("7346 2556 0365", ("颜晓兵", "顏曉兵")),  # YAN, Xiaobing
        ("6774 4395 2529", ("郑福景", "鄭福景")),  # ZHENG, Fujing
        # ZHENG, Guanghua: 1639 is 广 in both tables (the Taiwan table has 廣 at 1684), so
        # mainland codes read through the Taiwan table may give a mixed spelling.
        ("6774 1639 5478", ("郑广华", "鄭广華")),
    ],
)
def test_ofac_codes(codes: str, spellings: tuple[str, ...]) -> None:
    assert han_spellings(codes) == spellings


def test_a_table_lacking_a_code_gives_no_spelling() -> None:
    assert han_spellings("1684") == ("廣",)  # Taiwan table only
    assert han_spellings("1639 1684") == ("广廣",)
    assert han_spellings("1728 9999") == ()  # 9999 is in neither table


@pytest.mark.parametrize(
    "junk",
    ["", " ", "17284320", "1728,4320", "172 84320", "1728 432", "abcd", "１７２８ ４３２０"],
)
def test_anything_but_four_digit_groups_gives_nothing(junk: str) -> None:
    assert han_spellings(junk) == ()


def test_white_space_around_and_between_groups() -> None:
    assert han_spellings(" 1728  4320\n") == ("张磊", "張磊")


def test_telegraph_codes() -> None:
    assert telegraph_codes("张磊") == "1728 4320"
    assert telegraph_codes("張磊") == "1728 4320"  # 張 only in the Taiwan table
    assert telegraph_codes("廣") == "1684"
    assert telegraph_codes("塵") == "1057"  # the Taiwan table gives it 1057 and 7775


@pytest.mark.parametrize("text", ["", "张 磊", "ZHANG Lei", "张磊."])
def test_telegraph_codes_of_text_without_codes(text: str) -> None:
    assert telegraph_codes(text) is None


def test_codes_and_spellings_round_trip() -> None:
    for codes in ("1728 4320", "0491 5050 5391", "7346 2556 0365"):
        assert {telegraph_codes(spelling) for spelling in han_spellings(codes)} == {codes}


def test_bundled_table() -> None:
    text = TELEGRAPH_PATH.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    assert "# Source: the Unihan database of Unicode 15.0.0," in "\n".join(header)
    assert "# COPYRIGHT AND PERMISSION NOTICE" in header
    assert len(rows) == 9334
    assert sum(1 for row in rows if row[1]) == 7078  # kMainlandTelegraph codes
    assert sum(1 for row in rows if row[2]) == 9026  # kTaiwanTelegraph codes
    assert rows == sorted(rows)


def test_build_script_makes_the_committed_rows_from_an_extract(
    build_script: Callable[[str], ModuleType],
) -> None:
    # The whole rebuild from Debian's unicode-data is `make check-data`'s.
    built = build_script("build_telegraph_table").build(UNIHAN_EXTRACT).splitlines()
    committed = TELEGRAPH_PATH.read_text(encoding="utf-8").splitlines()
    header = [line for line in committed if line.startswith("#")]
    assert built[: len(header)] == header  # source, date and licence notice
    rows = built[len(header) :]
    assert len(rows) == 31 and rows == sorted(rows)
    assert "1728\t张\t張" in rows and "1057\t尘\t塵" in rows and "7775\t铈\t塵" in rows
    assert set(rows) <= set(committed)


def test_build_script_refuses_a_code_of_two_characters(
    tmp_path: Path, build_script: Callable[[str], ModuleType]
) -> None:
    text = UNIHAN_EXTRACT.read_text(encoding="utf-8") + "U+4E00\tkMainlandTelegraph\t1728\n"
    (tmp_path / "Unihan_OtherMappings.txt").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="kMainlandTelegraph 1728 is both 张 and 一"):
        build_script("build_telegraph_table").build(tmp_path / "Unihan_OtherMappings.txt")


@pytest.mark.parametrize(
    ("row", "line"),
    [
        ("1728\t张", 2),  # two cells
        ("172\t张\t張", 2),  # three digits
        ("1728\t张磊\t張", 2),  # two characters in a cell
        ("1728\t\t", 2),  # in neither table
        ("4320\t磊\t磊\n1728\t张\t張", 3),  # not ascending
    ],
)
def test_malformed_table_is_refused(tmp_path: Path, row: str, line: int) -> None:
    path = tmp_path / "chinese_telegraph_codes.tsv"
    path.write_text(f"# header\n{row}\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match=f"chinese_telegraph_codes.tsv: line {line}: "):
        _read(path)


def test_empty_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "chinese_telegraph_codes.tsv"
    path.write_text("# header only\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match="no telegraph codes"):
        _read(path)
