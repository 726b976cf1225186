"""Chinese names in Wade-Giles: the pinyin reading of ``Teng Hsiao-p'ing`` is ``deng xiaoping``.

Older, Taiwanese and Hong Kong entries and many screened names spell Mandarin in Wade-Giles
(``Chang``, ``Hsü``, ``Ch'en``, ``Mao Tse-tung``); most list entries spell it in pinyin. The
correspondence is not typed in as a table: ``pinyin_to_wade_giles`` spells every syllable of
``PINYIN_SYLLABLES`` by the Wade-Giles rules, and inverting it gives the reading of each
Wade-Giles spelling. The rules follow the Wade-Giles ↔ pinyin conversion table of the Library
of Congress Pinyin Conversion Project (2000) and the comparison table of the Wikipedia article
"Wade-Giles", both after H. A. Giles, *A Chinese-English Dictionary* (2nd ed., 1912); the
circumflexes and breves of ``ê`` and ``ŭ`` are left out, as lists leave them out.

Lists and queries usually drop the aspiration mark (``Teng Hsiao-ping``): an unmarked
``ch``, ``t``, ``p``, ``k`` or ``ts`` reads as the unaspirated pinyin initial (``zh``/``j``,
``d``, ``b``, ``g``, ``z``), since the caller keeps the name as written as another reading,
and that reading already spells ``chen``, ``ting``, ``peng`` and ``kang`` in pinyin.
Cantonese and Taiwanese spellings (``Kai-shek``, ``Yat-sen``, ``Ing-wen``) are not Wade-Giles
and give no reading.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradescreen.matching.translit import PINYIN_SYLLABLES

__all__ = [
    "WADE_GILES_SYLLABLES",
    "aspiration_blind",
    "pinyin_to_wade_giles",
    "wade_giles_syllable_to_pinyin",
    "wade_giles_to_pinyin",
]

# Pinyin initial → Wade-Giles initial; two-letter initials first, as they are matched in order.
_INITIALS = {
    "zh": "ch",
    "ch": "ch'",
    "sh": "sh",
    "b": "p",
    "p": "p'",
    "m": "m",
    "f": "f",
    "d": "t",
    "t": "t'",
    "n": "n",
    "l": "l",
    "g": "k",
    "k": "k'",
    "h": "h",
    "j": "ch",
    "q": "ch'",
    "x": "hs",
    "r": "j",
    "z": "ts",
    "c": "ts'",
    "s": "s",
}
# The apical vowel of zi, ci, si is written with its own initials.
_APICAL_SIBILANTS = {"z": "tzu", "c": "tz'u", "s": "ssu"}
_RETROFLEXES = frozenset({"zh", "ch", "sh", "r"})
# Pinyin abbreviates these finals after an initial (liu, gui, dun).
_ABBREVIATED = {"iu": "iou", "ui": "uei", "un": "uen"}
# Final spellings that differ, on the full (unabbreviated) pinyin final.
_FINALS = {
    "ie": "ieh",
    "üe": "üeh",
    "ian": "ien",
    "iong": "iung",
    "ong": "ung",
    "er": "erh",
    "iou": "iu",
}
# Other spellings Wade-Giles texts use, beside the one of the rules: szŭ, lü and nü (the
# inventory writes ü as u after l and n), ê for e (older texts).
_VARIANTS = {"szu": "si", "lü": "lu", "nü": "nu", "e": "e"}
# Without the diaeresis, ``chun`` and ``chuan`` read as chün and chüan (jun, juan: 俊, 君,
# 娟), far commoner in names than zhun and zhuan (准, 专).
_UMLAUT_FIRST = frozenset({"chun", "chuan"})
# Every aspiration mark becomes an apostrophe; circumflex and breve go (ê → e, ŭ → u).
_FOLD = str.maketrans({c: "'" for c in "’‘`ʼ´"} | {"ê": "e", "ŭ": "u"})
_TOKENS = re.compile(r"[\s,]+")
_HYPHENS = re.compile(r"[-‐‑]")


def _full_final(syllable: str) -> tuple[str, str]:
    """Initial and unabbreviated final of a pinyin syllable: ``you`` → ("", "iou")."""
    if syllable.startswith("y"):
        rest = syllable[1:]
        if rest.startswith("u"):
            return "", "ü" + rest[1:]
        return "", rest if rest.startswith("i") else "i" + rest
    if syllable.startswith("w"):
        return "", "u" if syllable == "wu" else "u" + syllable[1:]
    initial = next((i for i in _INITIALS if syllable.startswith(i)), "")
    final = syllable[len(initial) :]
    if final.startswith("u") and (initial in ("j", "q", "x") or syllable in ("lue", "nue")):
        final = "ü" + final[1:]
    elif initial:
        final = _ABBREVIATED.get(final, final)
    return initial, final


def _zero_initial(final: str) -> str:
    """A Wade-Giles final with no initial: ``ien`` → ``yen``, ``ü`` → ``yü``, ``uo`` → ``wo``."""
    if final == "i":
        return "i"
    if final == "u":
        return "wu"
    if final.startswith("ü") or final in ("in", "ing"):
        return "y" + final
    if final.startswith("i"):
        return "y" + final[1:]
    if final.startswith("u"):
        return "w" + final[1:]
    return final


def pinyin_to_wade_giles(syllable: str) -> str:
    """The Wade-Giles spelling of a toneless pinyin syllable: ``xiao`` → ``hsiao``.

    The aspiration mark is an apostrophe (``ping`` → ``p'ing``), ü keeps its diaeresis
    (``ju`` → ``chü``); ``lu``, ``nu`` stand for lu/lü, nu/nü as in ``PINYIN_SYLLABLES``.
    Syllables without a vowel (``m``, ``hm``) are spelled alike.
    """
    initial, final = _full_final(syllable)
    if not any(v in final for v in "aeiouü"):
        return syllable
    if final == "i" and initial in _RETROFLEXES:
        return _INITIALS[initial] + "ih"
    if final == "i" and initial in _APICAL_SIBILANTS:
        return _APICAL_SIBILANTS[initial]
    final = _FINALS.get(final, final)
    if final == "e" and initial in ("", "g", "k", "h"):
        final = "o"
    elif final == "uo" and initial not in ("", "g", "k", "h", "sh"):
        final = "o"
    elif final == "uei" and initial not in ("", "g", "k"):
        final = "ui"
    elif final == "uen" and initial:
        final = "un"
    if not initial:
        return _zero_initial(final)
    return _INITIALS[initial] + final


def _build_readings() -> dict[str, str]:
    """Every Wade-Giles spelling, with and without marks, and the pinyin it reads as.

    A spelling read several ways prefers a reading that does not merely repeat it (``o`` is
    e before o, ``ch'u`` qu before chu: the caller has the repeated one already), then a
    reading as written, then with ü written u, then with the aspiration mark left out (so
    ``chen`` is zhen, not ch'en), then both.
    """
    spellings = [(pinyin_to_wade_giles(p), p) for p in sorted(PINYIN_SYLLABLES)]
    candidates: dict[str, list[tuple[bool, int, str]]] = {}
    for spelling, pinyin in spellings + sorted(_VARIANTS.items()):
        umlaut_dropped = spelling.replace("ü", "u")
        forms = (
            spelling,
            umlaut_dropped,
            spelling.replace("'", ""),
            umlaut_dropped.replace("'", ""),
        )
        for rank, form in enumerate(forms):
            repeats = form.replace("'", "").replace("ü", "u") == pinyin
            candidates.setdefault(form, []).append((repeats, rank, pinyin))
    readings = {form: min(options)[2] for form, options in candidates.items()}
    for form in _UMLAUT_FIRST:
        readings[form] = readings[form.replace("u", "ü", 1)]
    return readings


_READINGS = _build_readings()
#: Every Wade-Giles syllable as name tokens spell it: no marks, ü written u (``tsang``).
WADE_GILES_SYLLABLES = frozenset(f for f in _READINGS if f.isascii() and f.isalpha())


def wade_giles_syllable_to_pinyin(syllable: str) -> str | None:
    """The pinyin of one Wade-Giles syllable (marks optional), None if it is not one.

    ``hsiao`` → ``xiao``, ``ch'en`` → ``chen``, ``chen`` → ``zhen``, ``hsu`` → ``xu``.
    """
    return _READINGS.get(syllable.lower().translate(_FOLD))


@lru_cache(maxsize=65536)
def wade_giles_to_pinyin(name: str) -> str | None:
    """The pinyin reading of a name written in Wade-Giles, or None when it is not one.

    ``Chang Chun-hsiung`` → ``zhang junxiong``; ``Teng Hsiao-p'ing`` → ``deng xiaoping``.
    Every syllable of every token must be Wade-Giles, and the reading must differ from the
    name as written (``Li Ming``, ``Ch'en`` add nothing), else None: ``Kim Jong Un``, ``Zhang
    Wei`` and ``Sun Yat-sen`` give None. Hyphenated syllables are written together.
    """
    written = [t for t in _TOKENS.split(name.lower().translate(_FOLD)) if t]
    tokens = []
    for token in written:
        syllables = []
        for part in _HYPHENS.split(token):
            pinyin = wade_giles_syllable_to_pinyin(part)
            if pinyin is None:
                return None
            syllables.append(pinyin)
        tokens.append("".join(syllables))
    reading = " ".join(tokens)
    as_written = " ".join(_HYPHENS.sub("", t) for t in written)
    return None if reading == as_written.replace("'", "").replace("ü", "u") else reading


@lru_cache(maxsize=65536)
def aspiration_blind(token: str) -> str | None:
    """A pinyin token of one or two syllables in Wade-Giles without aspiration marks, or
    None: ``xiaoping`` and ``xiaobing`` are both ``hsiaoping``.

    A name read from unmarked Wade-Giles (``Hsiao-ping``) may stand for either: the
    scorer compares such readings this way.
    """
    if token in PINYIN_SYLLABLES:
        return _unmarked(token)
    for split in range(len(token) - 1, 0, -1):
        head, tail = token[:split], token[split:]
        if head in PINYIN_SYLLABLES and tail in PINYIN_SYLLABLES:
            return _unmarked(head) + _unmarked(tail)
    return None


def _unmarked(syllable: str) -> str:
    return pinyin_to_wade_giles(syllable).replace("'", "").replace("ü", "u")
