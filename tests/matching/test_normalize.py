"""Name forms: tokens, Korean keys, weights; legal forms and vessel prefixes."""

from __future__ import annotations

import pytest

from tradescreen.matching.normalize import (
    LEGAL_FORM_WEIGHT,
    PARTICLE_WEIGHT,
    analyze_name,
    hidden_characters,
    split_abbreviation,
    strip_hidden_characters,
)
from tradescreen.matching.orgs import legal_form_of, replace_cjk_legal_forms, strip_vessel_prefix


def test_person_name_tokens_and_keys() -> None:
    form, joined = analyze_name("Kim Jong-un", "Person")
    assert form.tokens == ("kim", "jong", "un")
    assert joined.tokens == ("kim", "jongun")  # hyphenated names are also written joined
    assert form.keys == ("kim", "cong", "on")
    assert form.weights == (1.0, 1.0, 1.0)


def test_titles_at_the_head_of_a_person_name_are_no_part_of_it() -> None:
    assert analyze_name("Mr. Kim Jong Un", "Person")[0].tokens == ("kim", "jong", "un")
    assert analyze_name("General Pak Jong Chon", "Person")[0].tokens == ("pak", "jong", "chon")
    # A title with one word is what the list calls someone; religious titles are names.
    assert analyze_name("Mr. O", "Person")[0].tokens == ("mr", "o")
    assert analyze_name("Sheikh Musa Hilal", "Person")[0].tokens[0] == "sheikh"
    # Only persons: a company called General Trading keeps its first word.
    assert analyze_name("General Trading Co.", "Company")[0].tokens[0] == "general"


def test_original_script_gives_one_form_per_reading() -> None:
    texts = [f.text for f in analyze_name("金正恩", "Person")]
    assert texts[0] == "kim jong un" and "jin zheng en" in texts


def test_legal_forms_keep_their_spelling_with_a_canonical_key_and_weigh_little() -> None:
    (form,) = analyze_name("Namchongang Trading Co., Ltd.", "Company")
    assert form.tokens == ("namchongang", "trading", "co", "ltd")
    assert form.keys[2:] == ("=co", "=ltd")
    assert form.weights[2:] == (LEGAL_FORM_WEIGHT, LEGAL_FORM_WEIGHT)
    (form,) = analyze_name("NAMCHONGANG TRADING CORPORATION", "Organization")
    assert (form.tokens[-1], form.keys[-1]) == ("corporation", "=corp")
    (form,) = analyze_name("Namchongang Trading Corporatio", "Organization")
    assert (form.keys[-1], form.weights[-1]) == ("=corp", LEGAL_FORM_WEIGHT)


def test_chinese_and_korean_syllables_are_no_name_particles() -> None:
    assert analyze_name("Abu Bakr", "Person")[0].weights[0] < 1.0
    assert analyze_name("WEI Da Zhou", "Person")[0].weights == (1.0, 1.0, 1.0)


def test_wade_giles_names_are_also_read_in_pinyin() -> None:
    texts = [f.text for f in analyze_name("Teng Hsiao-p'ing", "Person")]
    assert texts[0] == "teng hsiao ping" and "deng xiaoping" in texts
    assert [f.text for f in analyze_name("Kim Jong Un", "Person")] == ["kim jong un"]


def test_misspelt_legal_forms_are_still_legal_forms() -> None:
    assert legal_form_of("corporatio") == "corp"
    assert legal_form_of("cmpany") == "co"
    assert legal_form_of("limted") == "ltd"
    assert legal_form_of("korea") is None
    assert legal_form_of("cooperation") is None  # two edits from corporation: a word


def test_cjk_legal_forms_become_latin_words() -> None:
    assert replace_cjk_legal_forms("朝鲜矿业有限公司").split()[-2:] == ["co", "ltd"]
    assert "general corp" in replace_cjk_legal_forms("련봉총회사")
    (form,) = analyze_name("조선련봉총회사", "Company")[:1]
    assert form.tokens[-2:] == ("general", "corp")


def test_vessel_prefixes_are_dropped() -> None:
    assert strip_vessel_prefix("M/V CHON MA SAN") == "CHON MA SAN"
    assert strip_vessel_prefix("MV Wise Honest") == "Wise Honest"
    assert analyze_name("M/V CHON MA SAN", "Vessel")[0].tokens == ("chon", "ma", "san")


def test_person_name_particles_weigh_little() -> None:
    form, joined = analyze_name("Abd al-Rahman", "Person")
    assert form.tokens == ("abd", "al", "rahman")
    assert joined.tokens == ("abd", "alrahman")
    assert form.weights == (1.0, PARTICLE_WEIGHT, 1.0)


def test_reweigh_lowers_what_common_tokens_weigh_when_agreeing() -> None:
    from tradescreen.matching.normalize import reweigh

    form = analyze_name("Kim Tok Jin", "Person")[0]
    weighed = reweigh(form, {"kim": 0.6})
    assert weighed.agreeing == (0.6, 1.0, 1.0)
    assert weighed.weights == form.weights  # unmatched, a token still counts fully
    assert reweigh(form, {}) is form
    assert reweigh(form, {"pak": 0.5}) is form


def test_an_unmatched_weak_word_counts_more_than_an_agreeing_one() -> None:
    from tradescreen.matching.normalize import UNMATCHED_WEAK_WORD_WEIGHT, WEAK_WORD_WEIGHT

    form = analyze_name("United Research Engineering", "Company")[0]
    assert form.weights == (1.0, UNMATCHED_WEAK_WORD_WEIGHT, 1.0)
    assert form.agreeing == (1.0, WEAK_WORD_WEIGHT, 1.0)
    assert analyze_name("United Engineering", "Company")[0].agreeing is None
    assert analyze_name("Research Trading", "Person")[0].agreeing is None


def test_reweigh_stores_equal_weight_patterns_once() -> None:
    from tradescreen.matching.normalize import reweigh

    shared: dict[tuple[float, ...], tuple[float, ...]] = {}
    one = reweigh(analyze_name("Kim Tok Jin", "Person")[0], {"kim": 0.6}, shared)
    two = reweigh(analyze_name("Kim Chol Su", "Person")[0], {"kim": 0.6}, shared)
    assert one.agreeing is two.agreeing and len(shared) == 1


def test_a_name_is_read_up_to_max_tokens() -> None:
    from tradescreen.matching import compare_names
    from tradescreen.matching.normalize import MAX_TOKENS

    long = " ".join(f"word{i}" for i in range(MAX_TOKENS + 50))
    (form,) = analyze_name(long, "Organization")
    assert len(form.tokens) == MAX_TOKENS
    assert compare_names(long, long, "Organization") == 1.0


def test_a_patronymic_or_second_surname_costs_less_when_the_other_name_lacks_it() -> None:
    from tradescreen.matching.normalize import UNMATCHED_OPTIONAL_WEIGHT, is_patronymic

    assert is_patronymic("vladimirovich") and is_patronymic("ivanovna")
    assert not is_patronymic("deripaska") and not is_patronymic("ulrich")
    (form,) = analyze_name("DERIPASKA, Oleg Vladimirovich")
    assert form.weights == (1.0, 1.0, UNMATCHED_OPTIONAL_WEIGHT)
    assert form.agreeing == (1.0, 1.0, 1.0)  # the same patronymic on both sides counts fully
    (form,) = analyze_name("Petar Jovanovich")  # two tokens: a surname, not a patronymic
    assert form.weights == (1.0, 1.0)
    (form,) = analyze_name("MADURO MOROS, Nicolas")  # the maternal surname
    assert form.weights == (1.0, UNMATCHED_OPTIONAL_WEIGHT, 1.0)
    (form,) = analyze_name("FELIX FELIX, Manuel")
    assert form.weights == (1.0, UNMATCHED_OPTIONAL_WEIGHT, 1.0)
    forms = analyze_name("AL SADUN, Abd al-Baqi")  # a particle, not two surnames
    assert all(UNMATCHED_OPTIONAL_WEIGHT not in form.weights for form in forms)


@pytest.mark.parametrize(
    ("name", "split"),
    [
        (
            "OCEAN MARITIME MANAGEMENT COMPANY, LIMITED (OMM)",
            ("OCEAN MARITIME MANAGEMENT COMPANY, LIMITED", "OMM"),
        ),
        (
            "GREEN PINE ASSOCIATED CORPORATION (Green Pine)",
            ("GREEN PINE ASSOCIATED CORPORATION", "Green Pine"),
        ),
        (
            "INDUSTRIAL FACTORIES OF PRECISION (IFP) MACHINERY",
            ("INDUSTRIAL FACTORIES OF PRECISION MACHINERY", "IFP"),
        ),
        # brackets of the UN list that are no short name of the name before them
        ("AL-HARAMAIN FOUNDATION (PAKISTAN)", None),
        ("TOUS POUR LA PAIX ET LE DEVELOPPEMENT (NGO)", None),
        ("LEADER (HONG KONG) INTERNATIONAL", None),
        ("SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)", None),
        ("Abu Bakr Trading (a.k.a. Abu Bakr Co)", None),
        ("Korea Trading (2016)", None),
    ],
)
def test_split_abbreviation(name: str, split: tuple[str, str] | None) -> None:
    assert split_abbreviation(name) == split


@pytest.mark.parametrize(
    "query", ["K.O.M.I.D.", "K-O-M-I-D", "K O M I D", "KO\u200bMID", "KOM\u00adID", "\u202eDIMOK"]
)
def test_letters_spelt_out_or_split_by_hidden_characters_read_as_one_word(query: str) -> None:
    assert ("komid",) in {f.tokens for f in analyze_name(query, "Organization")}


def test_an_initial_before_a_name_stays_an_initial() -> None:
    assert [f.tokens for f in analyze_name("K. Jong Un", "Person")] == [("k", "jong", "un")]


def test_hidden_characters_are_named_but_persian_joiners_are_not() -> None:
    assert strip_hidden_characters("\u202eDIMOK\u202c Trading") == "KOMID Trading"
    assert hidden_characters("\u202eDIMOK") == ["U+202E RIGHT-TO-LEFT OVERRIDE"]
    assert hidden_characters("KO\u200bMID") == ["U+200B ZERO WIDTH SPACE"]
    assert hidden_characters("KO\u200dMID") == ["U+200D ZERO WIDTH JOINER"]
    assert hidden_characters("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == []
