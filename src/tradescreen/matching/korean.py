"""Korean names: Hangul romanisation and a key that unites the romanisation systems.

Lists spell one Korean syllable many ways: 리 is ``Ri`` (DPRK), ``Lee``/``Yi``/``Rhee``
(South Korean custom), ``I`` (Revised Romanisation); 정 is ``Jong``, ``Chong``, ``Jeong``,
``Jung``, ``Cheong``. ``syllable_key`` folds every spelling of a syllable to one key by
undoing what the systems disagree on (voicing of initials, ``eo``/``o``/``u``, ``ae``/``e``,
the dropped initial ``r``/``l``, the silent ``h`` of ``Oh``, the ``r`` of ``Park``), and
``romanize_hangul`` writes Hangul the way DPRK lists do (McCune-Reischauer without
breves, one token per syllable: 김정은 → ``Kim Jong Un``).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "SURNAME_SPELLINGS",
    "describe_equivalence",
    "is_hangul",
    "is_syllable",
    "read_russian_transcription",
    "romanize_hangul",
    "syllable_key",
]

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3

# Jamo in Unicode order; romanised as on DPRK lists (McCune-Reischauer, no breves,
# ``th``/``ph``/``kh`` for the aspirates as the DPRK's own system writes them).
_INITIALS = (
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "",
    "j",
    "jj",
    "ch",
    "kh",
    "th",
    "ph",
    "h",
)
_VOWELS = (
    "a",
    "ae",
    "ya",
    "yae",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "u",
    "ui",
    "i",
)
_FINALS = (
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
)

#: Two-syllable Korean surnames: 남궁민 is Namgung Min, not Nam Gungmin.
TWO_SYLLABLE_SURNAMES = frozenset({"남궁", "황보", "제갈", "사공", "선우", "서문", "독고", "동방"})

#: Common surname spellings, for explanations ("Ri = Lee (Korean surname romanisation)").
SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "리": ("Ri", "Lee", "Yi", "Rhee", "I", "Li", "Rhie"),
    "박": ("Pak", "Park", "Bak", "Pack"),
    "최": ("Choe", "Choi", "Chwe", "Choy"),
    "오": ("O", "Oh"),
    "류": ("Ryu", "Yu", "Yoo", "Rhyu"),
    "정": ("Jong", "Chong", "Jeong", "Jung", "Cheong", "Chung"),
    "김": ("Kim", "Gim"),
    "림": ("Rim", "Lim", "Im", "Yim"),
    "로": ("Ro", "Roh", "No", "Noh"),
    "량": ("Ryang", "Yang"),
    "장": ("Jang", "Chang"),
    "조": ("Jo", "Cho", "Joe"),
    "강": ("Kang", "Gang"),
    "한": ("Han",),
    "신": ("Sin", "Shin"),
    "윤": ("Yun", "Yoon"),
    "안": ("An", "Ahn"),
}

_SURNAME_OF = {
    spelling.lower(): hangul
    for hangul, spellings in SURNAME_SPELLINGS.items()
    for spelling in spellings
}

# Ordered rewrites from any romanisation towards the key alphabet. Consonants: voicing
# is dropped (g→k, d→t, b→p, j→c), aspiration marks too (ch', th, kh); vowels: eo→o,
# eu→u, then u→o (lists write 철 as Chol and Chul, 성 as Song and Sung).
_CONSONANTS = (
    ("'", ""),
    ("’", ""),
    ("rh", "r"),
    ("tch", "c"),
    ("jj", "c"),
    ("ch", "c"),
    ("j", "c"),
    ("sh", "s"),
    ("ss", "s"),
    ("kh", "k"),
    ("kk", "k"),
    ("g", "k"),
    ("ck", "k"),
    ("th", "t"),
    ("tt", "t"),
    ("d", "t"),
    ("ph", "p"),
    ("pp", "p"),
    ("b", "p"),
    ("l", "r"),
)
_VOWEL_RULES = (
    ("eo", "o"),
    ("eu", "u"),
    ("ee", "i"),
    ("oo", "u"),
    ("ae", "e"),
    ("oe", "we"),
    ("oi", "we"),
    ("ui", "i"),
    ("yi", "i"),
    ("u", "o"),
)
_R_BEFORE_CONSONANT = re.compile(r"(?<=[aeiou])r(?=[kptcsnmh])")
_SILENT_H = re.compile(r"(?<=[aeiou])h(?=$|[nmkptcs])")
_KEY_SHAPE = re.compile(r"^(?:[ktpcsnmhr]?[yw]?[aeio]+(?:ng|n|m|k|p|t|r)?)+$")
# One romanised syllable as MR, RR and DPRK lists write it (South Korean names end 섭 in
# ``b``: Seob, Sub). No f, v, z, q or x, no final g or d: ``Chof``, ``Mig``, ``Dad`` are
# typos or other languages, not Korean syllables.
_ONE_SYLLABLE = re.compile(
    r"^(?:tch|kk|tt|pp|ss|jj|ch|sh|kh|th|ph|rh|k|g|n|d|t|r|l|m|b|p|s|j|h)?"
    r"(?:yae|yeo|wae|weo|ae|ya|eo|yo|ye|wa|oe|oi|wo|we|wi|yu|eu|ui|ee|oo|a|o|e|u|i)"
    r"(?:ng|k|n|l|m|p|b)?$"
)
_SYLLABLE_EXCEPTIONS = frozenset({"park", "oh", "ahn", "noh", "roh", "suh", "bae", "yi"})
_MAX_KEY_TOKEN = 12


def is_hangul(char: str) -> bool:
    """True for a precomposed Hangul syllable (가…힣)."""
    return _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST


def romanize_syllable(char: str) -> str:
    """One Hangul syllable in DPRK-style McCune-Reischauer: 정 → ``jong``."""
    index = ord(char) - _HANGUL_FIRST
    initial, rest = divmod(index, 21 * 28)
    vowel, final = divmod(rest, 28)
    return _INITIALS[initial] + _VOWELS[vowel] + _FINALS[final]


def romanize_hangul(word: str) -> list[str]:
    """A run of Hangul as romanised syllables, the surname first: 남궁민 → ``namgung min``.

    DPRK lists write every syllable of a name as its own token (``KIM JONG UN``); only
    the two-syllable surnames stay whole.
    """
    chars = [c for c in word if is_hangul(c)]
    if len(chars) >= 3 and "".join(chars[:2]) in TWO_SYLLABLE_SURNAMES:
        head = romanize_syllable(chars[0]) + romanize_syllable(chars[1])
        return [head] + [romanize_syllable(c) for c in chars[2:]]
    return [romanize_syllable(c) for c in chars]


@lru_cache(maxsize=65536)
def syllable_key(token: str) -> str | None:
    """The romanisation-independent key of a romanised Korean syllable (or syllables).

    ``Ri``, ``Lee``, ``Yi``, ``Rhee`` → ``i``; ``Pak``, ``Park``, ``Bak`` → ``pak``;
    ``Jong``, ``Jeong``, ``Chung`` → ``cong``. Returns None when the token cannot be a
    romanised Korean syllable sequence (``Smith``), so that the key is never used to
    equate ordinary Western names.
    """
    if not token or len(token) > _MAX_KEY_TOKEN or not token.isascii() or not token.isalpha():
        return None
    text = token.lower()
    if not _syllables(text):
        return None  # Omar and Umar, Peter and Beter are no Korean syllables
    text = _R_BEFORE_CONSONANT.sub("", text)
    text = _SILENT_H.sub("", text).replace("ng", "Q")  # keep ng whole: g→k must not touch it
    for old, new in _CONSONANTS:
        text = text.replace(old, new)
    for old, new in _VOWEL_RULES:
        text = text.replace(old, new)
    if text.startswith("r") and len(text) > 1:
        # Initial ㄹ: DPRK Ri/Ryu/Rim/Ryong, South Lee/Yu/Lim/Yong; before other vowels the
        # South writes ㄴ: Ro/Roh is No/Noh, Ra is Na (not A).
        text = text[1:] if text[1] in "iy" else "n" + text[1:]
    if text.startswith("y") and text[1:2] == "i":
        text = text[1:]
    text = text.replace("Q", "ng")
    if not _KEY_SHAPE.match(text):
        return None
    return text


def is_syllable(token: str) -> bool:
    """True when a lower-case token is one romanised Korean syllable (``jong``, ``park``)."""
    return token in _SYLLABLE_EXCEPTIONS or _ONE_SYLLABLE.match(token) is not None


# Russian transcription of Korean (Kontsevich, and the older ``Ким Чен Ир`` usage) to the
# Latin letters the syllable key reads; digraphs first.
_CYRILLIC_DIGRAPHS = (("чх", "ch"), ("чж", "j"), ("кх", "kh"), ("тх", "th"), ("пх", "ph"))
_CYRILLIC = str.maketrans(
    {
        "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
        "з": "j", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "х": "h", "ч": "ch", "ш": "s",
        "ы": "u", "ь": "", "ъ": "", "э": "ae", "ю": "yu", "я": "ya",
    }
)  # fmt: skip
_CYRILLIC_WORD = re.compile(r"[а-яё]+")


def read_russian_transcription(text: str) -> str | None:
    """A Korean name in Russian transcription read for the syllable key, or None when a
    word is no run of Korean syllables: ``Ким Чен Ын`` → ``kim chen un``, ``Чхве Рён Хэ``
    → ``chwe ryon hae``. (Russian writes the final ㅇ as н and, traditionally, ㅓ as е after
    ч and с: the scorer compares such readings loosely.)"""
    words = _CYRILLIC_WORD.findall(text.lower())
    if not words:
        return None
    latin = []
    for word in words:
        for cyrillic, roman in _CYRILLIC_DIGRAPHS:
            word = word.replace(cyrillic, roman)
        word = word.translate(_CYRILLIC)
        if word.endswith("r"):
            word = word[:-1] + "l"  # final ㄹ, written р of old: Ким Чен Ир is Kim Jong Il
        # Longer is no Korean name, and trying every split of a long word takes
        # exponential time (kakak…).
        if len(word) > _MAX_KEY_TOKEN or not _syllables(word):
            return None
        latin.append(word)
    return " ".join(latin)


def _syllables(word: str) -> bool:
    """True for a run of romanised Korean syllables (``kim``, ``chunsik``)."""
    return is_syllable(word) or any(
        is_syllable(word[:i]) and _syllables(word[i:]) for i in range(1, len(word))
    )


def describe_equivalence(left: str, right: str) -> str:
    """The reason two spellings are one Korean syllable, for explanations."""
    surname = _SURNAME_OF.get(left.lower())
    if surname is not None and surname == _SURNAME_OF.get(right.lower()):
        return f"{left} = {right} (Korean surname romanisation)"
    return f"{left} = {right} (Korean romanisation variant)"
