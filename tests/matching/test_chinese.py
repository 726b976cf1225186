"""Wade-Giles names and their pinyin reading."""

from __future__ import annotations

import pytest

from tradescreen.matching.chinese import (
    aspiration_blind,
    pinyin_to_wade_giles,
    wade_giles_syllable_to_pinyin,
    wade_giles_to_pinyin,
)
from tradescreen.matching.translit import PINYIN_SYLLABLES


@pytest.mark.parametrize(
    ("wade_giles", "pinyin"),
    [
        ("Mao Tse-tung", "mao zedong"),
        ("Teng Hsiao-p'ing", "deng xiaoping"),
        ("Chou En-lai", "zhou enlai"),
        ("Chiang Chieh-shih", "jiang jieshi"),
        ("Hsi Chin-p'ing", "xi jinping"),
        ("Li Teng-hui", "li denghui"),
        ("Ch'en Shui-pien", "chen shuibian"),
        ("Chang Chun-hsiung", "zhang junxiong"),
        ("Kuo Mo-jo", "guo moruo"),
        ("Hsü", "xu"),
        ("Hsu", "xu"),
        ("Ts'ao Ts'ao", "cao cao"),
        ("Ssu-ma Ch'ien", "sima qian"),
        ("Chu Jung-chi", "zhu rongji"),
        ("Yüan Shih-k'ai", "yuan shikai"),
        ("Liu Shao-ch'i", "liu shaoqi"),
        ("Chao Tzu-yang", "zhao ziyang"),
        ("Lü Hsiu-lien", "lu xiulian"),
        # As OFAC writes them: surname first, a comma, capitals.
        ("CHANG, Chun-hsiung", "zhang junxiong"),
        ("WEI, Hsueh Kang", "wei xue gang"),
        ("TSANG, Yung Yuan", "zang yong yuan"),
    ],
)
def test_famous_names_read_as_their_pinyin(wade_giles: str, pinyin: str) -> None:
    assert wade_giles_to_pinyin(wade_giles) == pinyin


@pytest.mark.parametrize(
    "name",
    [
        # Cantonese and Taiwanese spellings are not Wade-Giles: no reading, and no error.
        "Chiang Kai-shek",
        "Sun Yat-sen",
        "Tsai Ing-wen",
        # DPRK designees on the UN list: kim, ri, pak, choe, jong, un... are not Wade-Giles.
        "KIM JONG UN",
        "RI JE SON",
        "PAK CHOL",
        "CHOE CHUN SIK",
        "JANG SONG THAEK",
        "Kim Yo Jong",
        # Western names.
        "John Smith",
        "Ivan Petrov",
        "Ali Hassan",
        # Pinyin names.
        "Zhang Wei",
        "Wang Mingshan",
        "Xi Jinping",
        "ZHANG, Lei",
        # Wade-Giles that reads as written adds nothing.
        "Li Ming",
        "Ch'en",
        "Lu",
        # Not a name.
        "",
        " , ",
        "Chang-",
        "Chang 3",
    ],
)
def test_names_that_are_not_wade_giles_have_no_reading(name: str) -> None:
    assert wade_giles_to_pinyin(name) is None


@pytest.mark.parametrize("mark", ["'", "’", "‘", "`", "ʼ"])
def test_every_aspiration_mark_reads_aspirated(mark: str) -> None:
    assert wade_giles_to_pinyin(f"Teng Hsiao-p{mark}ing") == "deng xiaoping"
    assert wade_giles_to_pinyin(f"Ts{mark}ao Ch{mark}i") == "cao qi"


def test_unmarked_initials_read_unaspirated() -> None:
    # Lists drop the mark: the reading is unaspirated, and the caller keeps the name as
    # written ("teng hsiaoping", "chen shuipien") as its other reading.
    assert wade_giles_to_pinyin("Teng Hsiao-ping") == "deng xiaobing"
    assert wade_giles_to_pinyin("Chen Shui-pien") == "zhen shuibian"
    assert wade_giles_to_pinyin("Tsao Kuo-chi") == "zao guoji"
    # With no unaspirated syllable to read, the aspirated one is read.
    assert wade_giles_syllable_to_pinyin("pou") == "pou"


@pytest.mark.parametrize(
    ("written", "pinyin"),
    [
        ("hsü", "xu"),
        ("hsu", "xu"),
        ("chüeh", "jue"),
        ("chueh", "jue"),
        ("ch'üan", "quan"),
        ("ch'uan", "quan"),
        ("lüeh", "lue"),
        ("lueh", "lue"),
        ("yün", "yun"),
        ("yun", "yun"),
        ("chün", "jun"),
        ("chun", "jun"),
        # Where u and ü both make a syllable, u reads as u: chu is zhu (Chu Teh, 朱德).
        ("chü", "ju"),
        ("chu", "zhu"),
        ("yü", "yu"),
        ("yu", "you"),
    ],
)
def test_u_umlaut_may_be_written_u(written: str, pinyin: str) -> None:
    assert wade_giles_syllable_to_pinyin(written) == pinyin


def test_breves_and_circumflexes_may_be_written() -> None:
    assert wade_giles_to_pinyin("Ssŭ-ma Ch'ien") == "sima qian"
    assert wade_giles_to_pinyin("Mao Tsê-tung") == "mao zedong"
    assert wade_giles_to_pinyin("Szu-ma Chien") == "sima jian"


@pytest.mark.parametrize(
    ("pinyin", "wade_giles"),
    [
        ("zhang", "chang"),
        ("chang", "ch'ang"),
        ("jiang", "chiang"),
        ("qiang", "ch'iang"),
        ("xiong", "hsiung"),
        ("zi", "tzu"),
        ("ci", "tz'u"),
        ("si", "ssu"),
        ("zhi", "chih"),
        ("chi", "ch'ih"),
        ("shi", "shih"),
        ("ri", "jih"),
        ("ren", "jen"),
        ("ze", "tse"),
        ("cao", "ts'ao"),
        ("de", "te"),
        ("zhe", "che"),
        ("she", "she"),
        ("ge", "ko"),
        ("ke", "k'o"),
        ("he", "ho"),
        ("e", "o"),
        ("er", "erh"),
        ("dong", "tung"),
        ("yong", "yung"),
        ("jiong", "chiung"),
        ("tian", "t'ien"),
        ("yan", "yen"),
        ("xie", "hsieh"),
        ("ye", "yeh"),
        ("you", "yu"),
        ("yi", "i"),
        ("liu", "liu"),
        ("gui", "kuei"),
        ("kui", "k'uei"),
        ("hui", "hui"),
        ("shui", "shui"),
        ("wei", "wei"),
        ("dun", "tun"),
        ("wen", "wen"),
        ("guo", "kuo"),
        ("huo", "huo"),
        ("shuo", "shuo"),
        ("duo", "to"),
        ("luo", "lo"),
        ("zuo", "tso"),
        ("zhuo", "cho"),
        ("ruo", "jo"),
        ("wo", "wo"),
        ("bo", "po"),
        ("ju", "chü"),
        ("qun", "ch'ün"),
        ("xue", "hsüeh"),
        ("yuan", "yüan"),
        ("lue", "lüeh"),
    ],
)
def test_pinyin_to_wade_giles_follows_the_standard_table(pinyin: str, wade_giles: str) -> None:
    assert pinyin_to_wade_giles(pinyin) == wade_giles


# Spellings that read otherwise than the one syllable they spell, and why.
ROUND_TRIP_EXCEPTIONS = {
    # Two syllables, one spelling: the reading other than the spelling itself wins.
    "o": "e",
    "lo": "luo",
    # The spelling also stands for ch'ü..., ü written u: the caller has the reading as
    # written (chu, chun, chuan) already.
    "chu": "qu",
    "chun": "qun",
    "chuan": "quan",
    # Unmarked chun, chuan are chün, chüan (jun, juan) in most names, not zhun, zhuan.
    "zhun": "jun",
    "zhuan": "juan",
}


def test_every_syllable_reads_back_from_its_wade_giles_spelling() -> None:
    misread = {}
    for syllable in PINYIN_SYLLABLES:
        reading = wade_giles_syllable_to_pinyin(pinyin_to_wade_giles(syllable))
        if reading != syllable:
            misread[syllable] = reading
    assert misread == ROUND_TRIP_EXCEPTIONS


def test_the_reading_is_lower_case_ascii_tokens() -> None:
    reading = wade_giles_to_pinyin("  LÜ,   Hsiu-LIEN ")
    assert reading == "lu xiulian"
    assert reading.isascii()


def test_aspiration_blind_spelling_of_pinyin_tokens() -> None:
    assert aspiration_blind("xiaoping") == aspiration_blind("xiaobing") == "hsiaoping"
    assert aspiration_blind("deng") == aspiration_blind("teng") == "teng"
    assert aspiration_blind("zhang") == aspiration_blind("chang") == "chang"
    assert aspiration_blind("kim") is None and aspiration_blind("smith") is None
