"""Any script to Latin tokens, with one variant per plausible reading.

Hangul is romanised syllable by syllable the way DPRK lists write names (see
``korean.py``). Han characters have two readings worth trying: the Korean reading
(金正恩 → 김정은 → ``kim jong un``, from Unihan ``kHangul``) and Mandarin pinyin
(``jin zheng en``, from ICU's Han-Latin). Every other script (Cyrillic, Arabic, Greek…)
goes through rigour's ICU-based ``ascii_text``.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import cache, lru_cache

import icu
from rigour.text import ascii_text

from tradescreen.matching._hanja import READINGS
from tradescreen.matching.korean import is_hangul, romanize_hangul

__all__ = ["PINYIN_SYLLABLES", "is_han", "korean_readings", "transliterate"]

#: At most this many readings of one name are tried (金 alone reads 김 and 금).
MAX_VARIANTS = 4

#: Every Mandarin syllable ICU's Han-Latin writes (toneless): two different ones are two names.
PINYIN_SYLLABLES = frozenset(
    (
        "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai "
        "can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua "
        "chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de "
        "den deng di dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan "
        "fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua "
        "guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hong hou hu hua huai "
        "huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka "
        "kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan "
        "lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue lun "
        "luo m ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu n na "
        "nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan "
        "nue nun nuo o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi "
        "qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri "
        "rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang "
        "shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou "
        "su suan sui sun suo ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan "
        "tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong "
        "xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai "
        "zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu "
        "zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo "
    ).split()
)


# Made on first use: ICU takes 0.15 s to build them, and most screened names are Latin.
@cache
def _hanja() -> dict[str, str]:
    return {entry[0]: entry[1:] for entry in READINGS.split()}


@cache
def _pinyin_transliterator() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Han-Latin; Latin-ASCII")


@cache
def _traditional_transliterator() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Hans-Hant")


def is_han(char: str) -> bool:
    """True for a CJK unified ideograph (the basic block and extension A)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def korean_readings(word: str) -> list[str]:
    """Hangul readings of a Han word, the most likely first: 金正恩 → [김정은, 금정은]."""
    hanja, traditional = _hanja(), _traditional_transliterator()
    options = [hanja.get(char) or hanja.get(traditional.transliterate(char), "") for char in word]
    if not all(options):
        return []
    combos = itertools.islice(itertools.product(*options), MAX_VARIANTS)
    return ["".join(combo) for combo in combos]


def _pinyin(word: str) -> list[str]:
    readings = (_pinyin_transliterator().transliterate(char).strip() for char in word)
    return [reading for reading in readings if reading]


def _split_runs(text: str) -> list[tuple[str, str]]:
    """Cut text into runs of ``hangul``, ``han`` and ``other`` characters."""
    runs: list[tuple[str, str]] = []
    for char in text:
        kind = "hangul" if is_hangul(char) else "han" if is_han(char) else "other"
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    return runs


def _run_variants(kind: str, run: str, han_reading: str) -> list[str]:
    if kind == "hangul":
        return [" ".join(romanize_hangul(run))]
    if kind == "han" and han_reading == "korean":
        return [" ".join(romanize_hangul(reading)) for reading in korean_readings(run)]
    if kind == "han":
        return [" ".join(_pinyin(run))]
    # Ta marbuta ends names (أسامة, فاطمة) and is said a: ICU would write it t.
    return [ascii_text(run.replace("\u0629", "\u0627")) or ""]


@lru_cache(maxsize=16384)
def transliterate(text: str) -> tuple[str, ...]:
    """Latin (ASCII) readings of a name, at most ``MAX_VARIANTS``, the likeliest first.

    ``김정은`` → (``kim jong un``,); ``金正恩`` → (``kim jong un``, ``kum jong un``,
    ``jin zheng en``); ``Ким Чен Ын`` → (``Kim Chen Yn``,).
    """
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return (text,)
    runs = _split_runs(text)
    variants: list[str] = []
    for han_reading in ("korean", "pinyin"):
        per_run = [_run_variants(kind, run, han_reading) for kind, run in runs]
        combos = itertools.islice(itertools.product(*per_run), MAX_VARIANTS - 1)
        variants.extend(" ".join(parts) for parts in combos)
    return tuple(dict.fromkeys(variants))[:MAX_VARIANTS]
