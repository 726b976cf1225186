"""Hangul romanisation and the romanisation-independent syllable key."""

from __future__ import annotations

import pytest

from tradescreen.matching.korean import (
    describe_equivalence,
    is_syllable,
    read_russian_transcription,
    romanize_hangul,
    syllable_key,
)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Ri", "Lee", "Yi", "Rhee", "I", "Li"),
        ("Pak", "Park", "Bak"),
        ("Choe", "Choi", "Chwe"),
        ("O", "Oh"),
        ("Ryu", "Yu", "Yoo"),
        ("Jong", "Chong", "Jeong", "Jung", "Cheong"),
        ("Un", "Eun"),
        ("Chol", "Chul", "Cheol"),
        ("Son", "Seon", "Sson"),
        ("Thaek", "Taek"),
        ("Ryong", "Yong"),
        ("Ro", "Roh", "No", "Noh"),
    ],
)
def test_spellings_of_one_syllable_share_a_key(spellings: tuple[str, ...]) -> None:
    keys = {syllable_key(s) for s in spellings}
    assert len(keys) == 1 and None not in keys


def test_different_syllables_keep_different_keys() -> None:
    assert syllable_key("Un") != syllable_key("Il")
    assert syllable_key("Yo") != syllable_key("Un")
    assert syllable_key("Jong") != syllable_key("Yong")
    assert syllable_key("Ra") != syllable_key("Ah")  # initial ㄹ before a: Ra or Na, never A


def test_merged_given_name_key_is_the_joined_keys() -> None:
    assert syllable_key("Jongun") == syllable_key("Jong") + syllable_key("Un")


def test_tokens_that_are_no_run_of_korean_syllables_have_no_key() -> None:
    # Omar and Umar, Peter and Beter would share a key: they are no Korean syllables.
    assert syllable_key("Omar") is None and syllable_key("Peter") is None
    assert syllable_key("Jongun") is not None and syllable_key("Yi") == syllable_key("Ri")


def test_non_korean_tokens_have_no_key() -> None:
    assert syllable_key("Smith") is None
    assert syllable_key("Müller") is None


def test_romanize_hangul_as_dprk_lists_write_names() -> None:
    assert romanize_hangul("김정은") == ["kim", "jong", "un"]
    assert romanize_hangul("리제선") == ["ri", "je", "son"]
    assert romanize_hangul("최룡해") == ["choe", "ryong", "hae"]
    assert romanize_hangul("장성택") == ["jang", "song", "thaek"]
    # A two-syllable surname stays whole.
    assert romanize_hangul("남궁민") == ["namkung", "min"]


def test_is_syllable_tells_korean_syllables_from_typos() -> None:
    assert all(is_syllable(t) for t in ("jong", "park", "choe", "hyok", "eun", "ri"))
    # f, final g and final d do not occur in romanised Korean: these are typos.
    assert not any(is_syllable(t) for t in ("chof", "mig", "dad", "wog", "smith"))


def test_describe_equivalence_names_surnames() -> None:
    assert describe_equivalence("Ri", "Lee") == "Ri = Lee (Korean surname romanisation)"
    assert describe_equivalence("Seon", "Son") == "Seon = Son (Korean romanisation variant)"


@pytest.mark.parametrize(
    ("russian", "latin"),
    [
        ("Ким Чен Ын", "kim chen un"),
        ("Ким Чен Ир", "kim chen il"),  # final ㄹ written р
        ("Чхве Рён Хэ", "chwe ryon hae"),
        ("Пак Пон Чжу", "pak pon ju"),
        ("Иван Петров", None),  # not Korean
        ("Kim Jong Un", None),
    ],
)
def test_korean_names_in_russian_transcription(russian: str, latin: str | None) -> None:
    assert read_russian_transcription(russian) == latin


def test_a_long_cyrillic_word_is_no_korean_name() -> None:
    # Every split of a long word of ambiguous syllables (kak|ak|…) was tried: seconds.
    assert read_russian_transcription("как" * 20 + "ф") is None
    assert read_russian_transcription("Ким " + "как" * 5) is None
