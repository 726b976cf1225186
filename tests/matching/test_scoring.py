"""Token similarity, alignment, and the other evidence features."""

from __future__ import annotations

import pytest

from tradescreen.matching import compare_names
from tradescreen.matching.normalize import analyze_name
from tradescreen.matching.scoring import (
    align_forms,
    normalize_identifier,
    score_birth_dates,
    score_countries,
    score_gender,
    score_identifiers,
    token_similarity,
)
from tradescreen.matching.screener import DEFAULT_THRESHOLD
from tradescreen.model import DatePrecision, Identifier, PartialDate


def test_token_similarity_kinds() -> None:
    assert token_similarity("kim", "kim", "kim", "kim") == (1.0, "exact")
    assert token_similarity("lee", "i", "ri", "i")[1] == "korean"
    assert token_similarity("sson", None, "son", None)[1] == "fold"
    assert token_similarity("naveed", None, "navid", None) == (0.95, "fold")  # ee for long i
    assert token_similarity("kadhim", None, "kazim", None) == (0.95, "fold")  # dh for ظ
    assert token_similarity("ltd", "=ltd", "limited", "=ltd") == (1.0, "legal form")
    sim, kind = token_similarity("qaradawi", None, "qaradaxi", None)
    assert kind == "typo" and sim == pytest.approx(0.85)
    assert token_similarity("hussein", None, "husayn", None) == (0.85, "one name")
    # Whether Hong and Song are a typo or two names depends on the names they stand in.
    assert token_similarity("hong", "hong", "song", "song") == (0.83, "typo")


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Hong Chol", "SONG Chol"),
        ("Guo Wei", "GAO Wei"),
        ("Sin Mi Song", "RI Sin Song"),
        ("Tsang Ung Yuan", "TSANG Yung Yuan"),  # Wade-Giles syllables are syllables too
    ],
)
def test_korean_and_chinese_syllables_one_letter_apart_are_two_names(
    query: str, listed: str
) -> None:
    alignment = align_forms(analyze_name(query)[0], analyze_name(listed)[0])
    assert "unmatched in query" in alignment.explain()
    assert alignment.score < DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Saddam Husayn", "HUSSEIN, Saddam"),
        ("Alexei Mordashov", "MORDASHOV, Aleksey"),
        ("Yusuf Ali", "ALI, Yousef"),
    ],
)
def test_spellings_of_one_name_too_far_apart_for_a_typo(query: str, listed: str) -> None:
    alignment = align_forms(analyze_name(query)[0], analyze_name(listed)[0])
    assert alignment.score >= DEFAULT_THRESHOLD
    assert "(spellings of one name)" in alignment.explain()


def test_spellings_of_one_name_are_not_syllables_of_one() -> None:
    # Wikidata makes Hong (Hokkien) and Fang (Mandarin) one surname, 方: in a Chinese name
    # the syllables are compared as syllables.
    assert compare_names("Hong Wei", "FANG Wei", "Person") < DEFAULT_THRESHOLD


def test_a_misspelt_legal_form_weighs_as_the_legal_form() -> None:
    assert compare_names("ZARECHE-4 OOx", "ZARECHE-4 OOO", "Company") >= 0.95
    assert compare_names("STROYTRANSGAZ OSJC", "STROYTRANSGAZ OJSC", "Company") >= 0.95
    assert (
        compare_names("Namchongang Trading Corp", "NAMCHONGANG TRADING CORPORATION", "Company") == 1
    )


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("김정은", "KIM JONG UN"),
        ("金正恩", "KIM JONG UN"),
        ("Kim Jong-un", "KIM JONG UN"),
        ("Kim Jong Eun", "KIM JONG UN"),
        ("Kim Jongun", "KIM JONG UN"),
        ("Jong Un Kim", "KIM JONG UN"),
        ("Ri Je Son", "RI JE-SON"),
        ("Lee Je-seon", "RI JE-SON"),
        ("리제선", "RI JE-SON"),
        ("SSON MUN SAN", "SON MUN SAN"),
        ("Choi Ryong Hae", "CHOE RYONG HAE"),
        ("Teng Hsiao-ping", "DENG Xiaoping"),  # Wade-Giles, aspiration mark dropped
        ("Teng Hsiao-p'ing", "DENG Xiaoping"),
        ("邓小平", "TENG Hsiao-ping"),
        ("Mao Zedong", "MAO Tse-tung"),
        ("Chang Chun-hsiung", "ZHANG Junxiong"),
        ("أسامة بن لادن", "Usama bin Laden"),  # Arabic script writes no short vowels
        ("عبد الله", "Abdullah"),
        ("محمد علي", "Mohammed Ali"),
        ("Ким Чен Ын", "KIM JONG UN"),  # Korean in Russian transcription
        ("Чхве Рён Хэ", "CHOE RYONG HAE"),
        ("Ли Су Ён", "RI SU YONG"),
        ("Oleg Deripaska", "DERIPASKA, Oleg Vladimirovich"),  # without the patronymic
        ("Олег Дерипаска", "DERIPASKA, Oleg Vladimirovich"),
        ("Anna Yurievna Kuznetsova", "KUZNETSOVA, Anna Yurievna"),
        ("Nicolas Maduro", "MADURO MOROS, Nicolas"),  # without the maternal surname
    ],
)
def test_matching_pairs_score_above_the_threshold(query: str, listed: str) -> None:
    assert compare_names(query, listed) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Kim Yo Jong", "KIM JONG UN"),
        ("Kim Jong Il", "KIM JONG UN"),
        ("Kim Jong Su", "KIM JONG SIK"),
        ("John Smith", "KIM JONG UN"),
        ("Zhang Wei", "QIANG Wei"),  # pinyin Zhang and Qiang are two names
        ("Deng Xiaobing", "DENG Xiaoping"),  # and so are Xiaobing and Xiaoping
        ("محمد علي", "Ahmed Ali"),  # other consonants
        ("Ким Чен Ын", "KIM YO JONG"),
        ("Ким Чен Ир", "KIM JONG UN"),
        ("Oleg Vladimirovich", "DERIPASKA, Oleg Vladimirovich"),  # no surname
        ("Oleg Ivanovich Deripaska", "DERIPASKA, Oleg Vladimirovich"),  # another father
        ("Patricia Garcia", "RIVERA GARCIA, Patricia"),  # the maternal surname alone
        ("Usama bin Laden", "USMAN BIN LADEN"),  # consonants count only from Arabic script
    ],
)
def test_different_names_score_below_the_threshold(query: str, listed: str) -> None:
    assert compare_names(query, listed) < DEFAULT_THRESHOLD


def test_compare_names_by_schema() -> None:
    company = compare_names(
        "Namchongang Trading Co., Ltd.", "NAMCHONGANG TRADING CORPORATION", "Company"
    )
    assert company >= 0.9
    assert compare_names("M/V Chon Ma San", "CHON MA SAN", "Vessel") == 1.0


def test_alignment_explains_token_by_token() -> None:
    alignment = align_forms(analyze_name("Lee Je-seon")[0], analyze_name("RI JE-SON")[0])
    assert alignment.explain() == (
        "lee = ri (Korean surname romanisation); je = je; seon = son (Korean romanisation variant)"
    )
    alignment = align_forms(analyze_name("Kim Yo Jong")[0], analyze_name("KIM JONG UN")[0])
    assert alignment.score == pytest.approx(2 / 3)
    assert "yo unmatched in query" in alignment.explain()


def test_birth_dates_are_graded_by_distance_and_precision() -> None:
    exact = (PartialDate("1984-01-08", DatePrecision.EXACT),)
    assert score_birth_dates("1984-01-08", exact).score == 0.05  # type: ignore[union-attr]
    one_year = score_birth_dates("1985", exact)
    far = score_birth_dates("1960", exact)
    assert one_year is not None and far is not None
    assert -0.05 < one_year.score < 0 and far.score <= -0.2
    assert one_year.detail == "birth year 1985 vs 1984-01-08 (1 years apart)"
    ranged = (PartialDate("1960", DatePrecision.RANGE, end="1962"),)
    assert score_birth_dates("1961", ranged).score > 0  # type: ignore[union-attr]
    approximate = (PartialDate("1960", DatePrecision.APPROXIMATE),)
    assert score_birth_dates("1963", approximate).score == pytest.approx(-0.04)  # type: ignore[union-attr]
    assert score_birth_dates(None, exact) is None


def test_country_and_gender() -> None:
    assert score_countries("KP", ("kp",)).score > 0  # type: ignore[union-attr]
    assert score_countries("fr", ("kp", "cn")).score < 0  # type: ignore[union-attr]
    assert score_gender("female", "male").score < 0  # type: ignore[union-attr]
    assert score_gender("male", "male") is None


def test_identifiers_equal_is_decisive_different_counts_against() -> None:
    listed = (Identifier("imoNumber", "IMO 9112856"), Identifier("passportNumber", "381310014"))
    equal = score_identifiers({"imoNumber": "9112856"}, listed)
    assert equal is not None and equal.score == 1.0 and "decisive" in equal.detail
    different = score_identifiers({"passportNumber": "745310010"}, listed)
    assert different is not None and different.score < -0.2
    other_imo = score_identifiers({"imoNumber": "9000000"}, listed)
    assert other_imo is not None and different.score < other_imo.score < 0
    assert "9000000 fails the IMO check digit" in other_imo.detail
    assert normalize_identifier("imo 9 112 856") == "9112856"


def test_common_tokens_agreeing_count_less_but_missing_ones_fully() -> None:
    from tradescreen.matching.normalize import reweigh

    query = analyze_name("Anwar Abdullah Nasser", "Person")[0]
    listed = analyze_name("Anwar Nasser Abdullah Aulaqi", "Person")[0]
    plain = align_forms(query, listed).score
    factors = {"abdullah": 0.6, "nasser": 0.8}
    weighed = align_forms(reweigh(query, factors), reweigh(listed, factors)).score
    assert weighed < plain  # the rare surname left unmatched weighs more
    same = analyze_name("Nasser Abdullah Anwar", "Person")[0]
    assert align_forms(reweigh(same, factors), reweigh(query, factors)).score == 1.0


def test_two_syllable_chinese_given_names_are_not_typos() -> None:
    assert compare_names("Wang Mingyan", "WANG, Mingshan") < DEFAULT_THRESHOLD
    assert compare_names("Hu Xiawei", "HU, Xiaowei") < DEFAULT_THRESHOLD
    assert compare_names("Zhang Jiangping", "ZHANG, Jiangping") == 1.0
    # Outside Chinese names the same letters are an ordinary typo.
    assert compare_names("Adib Shaan al-Ani", "ADIB SHABAN AL-ANI") >= DEFAULT_THRESHOLD


def test_korean_syllable_with_an_initial_added_is_another_syllable() -> None:
    assert compare_names("Ri Ok Jin", "RI, Tok Jin") < DEFAULT_THRESHOLD
    assert compare_names("Choe Song Pil", "Choe Song Il") < DEFAULT_THRESHOLD


def test_a_syllable_no_list_holds_is_a_typo_for_the_screener_only() -> None:
    """``Jim`` is a Korean syllable: alone, two names; on lists where no two names hold
    ``Jim``, a typo."""
    from tradescreen.matching import Screener
    from tradescreen.model import Entity, Name

    listed = Entity("test", "1", "Person", (Name("RI, Tok Jin"),))
    assert compare_names("Ri Tok Jim", "RI, Tok Jin") < DEFAULT_THRESHOLD
    (hit,) = Screener([listed]).screen("Ri Tok Jim")
    assert "typo of a syllable" in hit.explanation
    # One listed name holding Jim may be a one-off spelling; two make it a name.
    once = Entity("test", "2", "Person", (Name("KIM Jim Su"),))
    assert Screener([listed, once]).screen("Ri Tok Jim") != []
    twice = Entity("test", "3", "Person", (Name("PAK Jim Chol"),))
    assert Screener([listed, once, twice]).screen("Ri Tok Jim") == []


def test_a_token_no_list_holds_one_letter_off_is_a_typo() -> None:
    from tradescreen.matching import Screener
    from tradescreen.matching.scoring import UNKNOWN_TYPO_CREDIT
    from tradescreen.model import Entity, Name

    listed = Entity("test", "1", "Organization", (Name("TIZ PARS"),))
    # Alone, a three-letter token one letter off earns 0.67; no list holds Tif: 0.8.
    assert compare_names("TIF PARS", "TIZ PARS", "Organization") == pytest.approx(
        (2 + 2 * 0.67) / 4
    )
    (hit,) = Screener([listed]).screen("TIF PARS", "Organization")
    assert hit.score == pytest.approx((2 + 2 * UNKNOWN_TYPO_CREDIT) / 4)
    others = [
        Entity("test", "2", "Organization", (Name("TIF TRADING"),)),
        Entity("test", "3", "Organization", (Name("TIF SHIPPING"),)),
    ]
    (hit,) = Screener([listed, *others]).screen("TIF PARS", "Organization")
    assert hit.score == pytest.approx((2 + 2 * 0.67) / 4)


def test_a_company_with_an_extra_weak_word_scores_lower() -> None:
    from tradescreen.matching.normalize import UNMATCHED_WEAK_WORD_WEIGHT

    # united, engineering agree (2 + 2); research, unmatched, counts its unmatched weight
    expected = round(4 / (4 + UNMATCHED_WEAK_WORD_WEIGHT), 4)
    assert compare_names("United Research Engineering", "United Engineering", "Company") == (
        expected
    )
    assert (
        compare_names("Korea Mining Trading Corp", "KOREA MINING TRADING CORP.", "Company") == 1.0
    )


def test_syllables_of_a_korean_name_in_another_order_are_at_most_possible() -> None:
    from tradescreen.matching.scoring import SYLLABLE_ORDER_FACTOR
    from tradescreen.matching.screener import STRONG_THRESHOLD

    assert compare_names("Ryong Hae Choe", "CHOE Ryong Hae") == 1.0  # surname moved
    # Hae Ryong is another given name than Ryong Hae, or the same one entered wrong.
    assert compare_names("Choe Hae Ryong", "CHOE Ryong Hae") == SYLLABLE_ORDER_FACTOR
    assert SYLLABLE_ORDER_FACTOR < STRONG_THRESHOLD
    assert compare_names("Hassan Mohammed Ali", "MOHAMMED ALI HASSAN") == 1.0
    assert compare_names("Ali Mohammed Hassan", "MOHAMMED ALI HASSAN") == 1.0  # not Korean
