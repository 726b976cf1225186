"""Transliteration of Hangul, Han, Cyrillic and Arabic names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from tradescreen.matching._hanja import READINGS
from tradescreen.matching.translit import PINYIN_SYLLABLES, korean_readings, transliterate


def test_hangul_reads_as_dprk_romanisation() -> None:
    assert transliterate("김정은") == ("kim jong un",)


def test_han_has_korean_and_mandarin_readings() -> None:
    readings = transliterate("金正恩")
    assert readings[0] == "kim jong un"  # the surname reading of 金 comes first
    assert "jin zheng en" in readings


def test_simplified_characters_get_korean_readings() -> None:
    # 济 is simplified; its traditional form 濟 has the reading 제.
    assert transliterate("李济善")[0] == "ri je son"
    assert korean_readings("金正恩")[:2] == ["김정은", "금정은"]


def test_other_scripts_go_through_icu() -> None:
    assert transliterate("Ким Чен Ын") == ("Kim Chen Yn",)
    assert transliterate("Müller") == ("Muller",)
    assert transliterate("Kim Jong-un") == ("Kim Jong-un",)


def test_pinyin_syllables_are_the_toneless_inventory() -> None:
    assert {"zhang", "wang", "guo", "gao", "xiu"} <= PINYIN_SYLLABLES
    assert "smith" not in PINYIN_SYLLABLES
    assert 400 <= len(PINYIN_SYLLABLES) <= 420


def test_hanja_build_script_makes_the_committed_entries_from_an_extract(
    build_script: Callable[[str], ModuleType],
) -> None:
    # The whole rebuild from Debian's unicode-data is `make check-data`'s.
    extract = Path(__file__).parents[1] / "data" / "unihan" / "Unihan_Readings.txt"
    namespace: dict[str, str] = {}
    exec(build_script("build_hanja_table").build(extract), namespace)
    entries = namespace["READINGS"].split()
    assert len(entries) == 9  # the nine characters of the extract with a kHangul reading
    assert "金김금" in entries  # the name reading (flag N) first: Kim, then geum
    assert set(entries) <= set(READINGS.split())
