"""Candidate generation through blocking keys."""

from __future__ import annotations

from tradescreen.matching.index import NameIndex, blocking_keys
from tradescreen.matching.normalize import analyze_name

NAMES = [
    "KIM JONG UN",
    "KIM YO JONG",
    "RI JE-SON",
    "PAK PONG JU",
    "MOHAMMED ALI HASSAN",
    "JOHN SMITH",
    "ABDULLAH EL ALFI",
    "HUA FU",
]


def build() -> NameIndex:
    index = NameIndex()
    for number, name in enumerate(NAMES):
        index.add(number, analyze_name(name))
    return index


def test_keys_cover_tokens_korean_keys_pairs_and_deletions() -> None:
    (form,) = analyze_name("Kim Jong Un")
    exact, fuzzy = blocking_keys(form)[1]
    assert {"t:jong", "k:cong", "t:jongun", "k:congon"} <= set(exact)
    assert {"t:ong", "t:jng", "t:jog", "t:jon"} == set(fuzzy)


def test_candidates_survive_romanisation_typos_and_merges() -> None:
    index = build()
    for query, expected in [
        ("Lee Je Seon", 2),
        ("Park Bong Ju", 3),
        ("Kim Jongun", 0),
        ("Mohamed Aly Hasan", 4),
        ("Jonh Smith", 5),
        ("Elalfi", 6),  # a particle (El) keys only its pair with the next token
        ("Uha Fu", 7),  # three letters, too short to delete from: same letters
    ]:
        assert expected in index.candidates(analyze_name(query), limit=3), query


def test_candidates_rank_the_closer_name_first() -> None:
    index = build()
    assert index.candidates(analyze_name("Kim Jong Un"), limit=2)[0] == 0
    assert index.candidates(analyze_name("Kim Yo Jong"), limit=2)[0] == 1


def test_unrelated_names_find_nothing() -> None:
    assert build().candidates(analyze_name("Vladimir Lebedev"), limit=5) == []


def test_a_key_naming_one_name_holds_a_number_then_an_array() -> None:
    index = NameIndex()
    index.add(0, analyze_name("Ri Tok Jin"))
    assert index.candidates(analyze_name("Ri Tokjin"), limit=5) == [0]
    index.add(1, analyze_name("Pak Tok Jin"))
    assert sorted(index.candidates(analyze_name("Tokjin"), limit=5)) == [0, 1]
