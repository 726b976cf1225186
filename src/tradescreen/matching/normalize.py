"""From a name as written to the token forms the index and the scorer compare.

One name gives one ``NameForm`` per plausible Latin reading (``transliterate``). A form
holds lower-case ASCII tokens, an equivalence key per token (its canonical legal form, its
Korean syllable key, or None), and a weight per token: legal forms and filler words of
organisation names weigh little.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TypeVar, cast

from rigour.names import remove_person_prefixes

from tradescreen.matching.chinese import WADE_GILES_SYLLABLES, wade_giles_to_pinyin
from tradescreen.matching.korean import is_syllable, read_russian_transcription, syllable_key
from tradescreen.matching.orgs import (
    WEAK_WORDS,
    legal_form_of,
    replace_cjk_legal_forms,
    strip_vessel_prefix,
)
from tradescreen.matching.translit import PINYIN_SYLLABLES, transliterate

__all__ = [
    "ARABIC_SCRIPT",
    "hidden_characters",
    "split_abbreviation",
    "strip_hidden_characters",
    "ORG_SCHEMATA",
    "RUSSIAN_TRANSCRIPTION",
    "WADE_GILES",
    "NameForm",
    "analyze_name",
    "is_patronymic",
    "reweigh",
    "schema_family",
    "syllable",
]

#: Schemata whose names are organisation names.
ORG_SCHEMATA = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})

#: What a patronymic (Vladimirovich, Ivanovna) or a second surname (MADURO MOROS, Nicolas)
#: of a name of three tokens or more costs when the other name lacks it: lists give them,
#: screened names often do not.
UNMATCHED_OPTIONAL_WEIGHT = 0.6
#: ``SURNAME SURNAME, Given``: two surnames before the comma, the second one optional.
_TWO_SURNAMES = re.compile(r"^\s*[^\W\d_]+\s+([^\W\d_]+)\s*,\s*\S")
_PATRONYMIC = re.compile(r"\w{3}(?:ovich|evich|ovych|evych|ovna|evna|ivna|ichna)$")

#: Tokens of a name beyond this many are not read (a name is not a text).
MAX_TOKENS = 64

#: Values of ``NameForm.approximate``.
WADE_GILES = "Wade-Giles"
ARABIC_SCRIPT = "Arabic script"
RUSSIAN_TRANSCRIPTION = "Russian transcription"
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")

LEGAL_FORM_WEIGHT = 0.05
#: Keys of legal forms start with this (``=ltd``); Korean syllable keys are letters only.
LEGAL_FORM_KEY = "="
PARTICLE_WEIGHT = 0.3
#: Particles of person names that say little on their own (Al-, bin, van, de…).
NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ben",
        "ibn",
        "bint",
        "binti",
        "abu",
        "umm",
        "ould",
        "de",
        "da",
        "di",
        "do",
        "dos",
        "das",
        "du",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "y",
        "mc",
        "st",
    }
)
WEAK_WORD_WEIGHT = 0.4
#: What a weak word of an organisation name (``Trading``, ``Research``) weighs when the
#: other name lacks it: more than when both have it, since ``United Research Engineering``
#: is not ``United Engineering``. (Below 1: it stays a weak word.)
UNMATCHED_WEAK_WORD_WEIGHT = 0.7

_APOSTROPHES = re.compile(r"['’`ʼ‘´]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")
_HYPHENATED = re.compile(r"(?<=\w)[-‐‑](?=\w)")
# Dotted legal forms first: "Co., Ltd." and "S.A." must survive punctuation removal.
_DOTTED_FORMS = re.compile(
    r"\b(s\.a\.r\.l|s\.a|s\.r\.l|s\.p\.a|b\.v|n\.v|l\.l\.c|p\.j\.s\.c|j\.s\.c)\.?(?=\s|$|,)"
)


@dataclass(slots=True, frozen=True)
class NameForm:
    """One Latin reading of a name, ready to compare."""

    tokens: tuple[str, ...]
    #: Per token, what makes two spellings one: ``=ltd`` for ``Ltd``, ``Limited`` and
    #: ``Limitd``; the Korean syllable key (``i`` for ``Ri``, ``Lee``); or None.
    keys: tuple[str | None, ...]
    weights: tuple[float, ...]
    weight: float  # the sum of ``weights``
    #: What each token weighs when it agrees with a token of the other name (None: its
    #: weight). The screener lowers it for common tokens (``reweigh``); a token left
    #: unmatched always counts its full weight against the match.
    agreeing: tuple[float, ...] | None = None
    #: Indexes of tokens that are no established spelling on the lists (the screener marks
    #: them): one letter from a listed token, such a token is more likely a typo than a name.
    unknown: frozenset[int] = frozenset()
    #: What the reading only approximates, so that the scorer compares it loosely:
    #: ``WADE_GILES`` (``Hsiao-ping`` is read ``xiaobing`` but may be ``xiaoping``) or
    #: ``ARABIC_SCRIPT`` (the script writes no short vowels: أسامة is read ``asama``) or
    #: ``RUSSIAN_TRANSCRIPTION`` (of a Korean name: Чен is 정, Jong).
    approximate: str | None = None

    @property
    def text(self) -> str:
        """The reading, for explanations (not stored: a million names, a million strings)."""
        return " ".join(self.tokens)

    def __reduce__(self) -> tuple[type[NameForm], tuple[object, ...]]:
        # Pickled as constructor arguments: a third faster to load than a frozen
        # dataclass's state, and a compiled index holds a hundred thousand of them.
        return NameForm, (
            self.tokens,
            self.keys,
            self.weights,
            self.weight,
            self.agreeing,
            self.unknown,
            self.approximate,
        )


def schema_family(schema: str) -> str:
    """``person``, ``org``, ``vessel`` or ``airplane``: what kind of name a schema has."""
    if schema == "Person":
        return "person"
    if schema == "Vessel":
        return "vessel"
    if schema == "Airplane":
        return "airplane"
    return "org"


def _tokenize(text: str) -> list[str]:
    text = _APOSTROPHES.sub("", text.lower())
    text = _DOTTED_FORMS.sub(lambda m: m.group(1).replace(".", ""), text)
    return [t for t in _SEPARATORS.split(text) if t]


def is_patronymic(token: str) -> bool:
    """True for a Russian, Ukrainian or Belarusian patronymic (``vladimirovich``, ``ivanovna``)."""
    return _PATRONYMIC.search(token) is not None


_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def fold_spelling(token: str) -> str:
    """A token without what English-style spelling adds: ``ee`` and ``oo`` for long i and u
    (``Naveed`` → ``navid``, ``Moon`` → ``mun``), doubled letters (``Nasser`` → ``naser``,
    ``Sson`` → ``son``), and ``dh`` for the Arabic ذ, ض and ظ that others write z (``Kadhim`` →
    ``kazim``, ``Riadh`` → ``riaz``)."""
    folded = token.replace("ee", "i").replace("oo", "u").replace("dh", "z")
    return _DOUBLED.sub(r"\1", folded)


def syllable(token: str) -> bool:
    """True for one romanised Korean syllable or one Chinese syllable, in pinyin or in
    Wade-Giles (``jong``, ``zhang``, ``tsang``)."""
    return is_syllable(token) or token in PINYIN_SYLLABLES or token in WADE_GILES_SYLLABLES


def _weigh(token: str, family: str, legal_form: str | None) -> float:
    if family == "person":
        return PARTICLE_WEIGHT if token in NAME_PARTICLES else 1.0
    if family == "airplane":
        return 1.0
    if legal_form is not None:
        return LEGAL_FORM_WEIGHT
    if token in WEAK_WORDS:
        return WEAK_WORD_WEIGHT
    return 1.0


_SHARED: dict[tuple[object, ...], tuple[object, ...]] = {}
_SHARED_LIMIT = 200_000
_T = TypeVar("_T", bound=tuple[object, ...])


def _shared(value: _T) -> _T:
    """One tuple object for equal key and weight tuples: few patterns, a million names."""
    if len(_SHARED) > _SHARED_LIMIT:
        _SHARED.clear()
    return cast(_T, _SHARED.setdefault(value, value))


def _form(
    reading: str, family: str, approximate: str | None = None, second_surname: str | None = None
) -> NameForm | None:
    tokens = _tokenize(reading)[:MAX_TOKENS]
    if not tokens:
        return None
    # Legal forms keep their spelling (a misspelt ``OOx`` can still be aligned with
    # ``OOO``) and get their canonical form as key, so that ``Co.`` and ``Company`` agree.
    legal_forms = [legal_form_of(t) if family in ("org", "vessel") else None for t in tokens]
    cjk = family == "person" and all(syllable(t) for t in tokens)
    if cjk:
        weights = (1.0,) * len(tokens)  # Da, Le, Do are Chinese or Korean names, no particles
        second_surname = None  # JING HE, Lin is one surname and a given name
    else:
        weights = tuple(_weigh(t, family, f) for t, f in zip(tokens, legal_forms, strict=True))
    agreeing = None
    if WEAK_WORD_WEIGHT in weights and family in ("org", "vessel"):
        agreeing = weights
        weights = tuple(UNMATCHED_WEAK_WORD_WEIGHT if w == WEAK_WORD_WEIGHT else w for w in weights)
    elif family == "person" and len(tokens) >= 3:
        # Lists give Russian names with the patronymic (DERIPASKA, Oleg Vladimirovich) and
        # Spanish ones with both surnames (MADURO MOROS, Nicolas); a query without them
        # (Oleg Deripaska, Nicolas Maduro) is still the name. They count when they agree.
        optional = [
            is_patronymic(t) or (i == 1 and t == second_surname) for i, t in enumerate(tokens)
        ]
        if any(optional):
            agreeing = weights
            weights = tuple(
                UNMATCHED_OPTIONAL_WEIGHT if o else w
                for o, w in zip(optional, weights, strict=True)
            )
    return NameForm(
        # Interned: a million listed names share a few hundred thousand distinct tokens.
        tokens=tuple(sys.intern(t) for t in tokens),
        keys=_shared(
            tuple(
                sys.intern(LEGAL_FORM_KEY + f) if f is not None else syllable_key(t)
                for t, f in zip(tokens, legal_forms, strict=True)
            )
        ),
        weights=_shared(weights),
        weight=sum(weights),
        agreeing=None if agreeing is None else _shared(agreeing),
        approximate=approximate,
    )


#: A right-to-left override (U+202E) up to its end makes ``DIMOK`` display as KOMID.
_RIGHT_TO_LEFT_OVERRIDE = re.compile("\u202e([^\u202c\u2069]*)")
#: Joiners that Persian and Indic spelling needs; hidden only between Latin letters.
_JOINERS = frozenset("\u200c\u200d")


def hidden_characters(text: str) -> list[str]:
    """The invisible format characters of a text that no honest Latin name holds (bidi
    controls, zero-width spaces, soft hyphens…), as ``U+202E RIGHT-TO-LEFT OVERRIDE``."""
    found = []
    for i, char in enumerate(text):
        if unicodedata.category(char) != "Cf":
            continue
        if char in _JOINERS and not (text[i - 1 : i].isascii() and text[i + 1 : i + 2].isascii()):
            continue
        found.append(f"U+{ord(char):04X} {unicodedata.name(char, 'FORMAT CHARACTER')}")
    return list(dict.fromkeys(found))


def strip_hidden_characters(text: str) -> str:
    """The text as it displays, without format characters: a right-to-left override's
    letters read back in display order, zero-width spaces and soft hyphens dropped."""
    text = _RIGHT_TO_LEFT_OVERRIDE.sub(lambda m: m.group(1)[::-1], text)
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def _join_spelled_out(tokens: list[str]) -> list[str]:
    """Runs of three single letters or more joined: ``k o m i d`` → ``komid`` (``K.O.M.I.D.``,
    ``K-O-M-I-D``); an initial before a name (``k jong un``) stays."""
    joined: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        joined.extend(["".join(run)] if len(run) >= 3 else run)
        run = []
        if token:
            joined.append(token)
    return joined


_BRACKETED = re.compile(r"^([^()]+?)\s*\(([^()]+)\)\s*([^()]*)$")


def split_abbreviation(name: str) -> tuple[str, str] | None:
    """``KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)`` → the name without the
    bracket and the bracketed short name, when the short name's letters are the leading
    name's in order, from its first (``Green Pine``, ``IFP`` in ``INDUSTRIAL FACTORIES OF
    PRECISION (IFP) MACHINERY``); None for other brackets (``AL-HARAMAIN FOUNDATION
    (PAKISTAN)``, ``(a.k.a. …)``, dates)."""
    match = _BRACKETED.match(name.strip())
    if match is None:
        return None
    head, short, tail = match.groups()
    letters = [c for c in head.casefold() if c.isalnum()]
    wanted = [c for c in short.casefold() if c.isalnum()]
    if len(wanted) < 2 or len(wanted) >= len(letters) or wanted[0] != letters[0]:
        return None
    remaining = iter(letters)
    if not all(c in remaining for c in wanted):  # an in-order subsequence
        return None
    return f"{head} {tail}".strip(), short.strip()


@lru_cache(maxsize=32768)
def analyze_name(name: str, schema: str = "Person") -> tuple[NameForm, ...]:
    """All forms of a name: ``金正恩`` → ``kim jong un``, ``kum jong un``, ``jin zheng en``;
    an organisation's ``NAME (ABBR)`` is also read as NAME (``split_abbreviation``)."""
    forms = _name_forms(name, schema)
    split = split_abbreviation(name) if schema_family(schema) == "org" else None
    if split is None:
        return forms
    return tuple(dict.fromkeys(forms + _name_forms(split[0], schema)))


def _name_forms(name: str, schema: str) -> tuple[NameForm, ...]:
    family = schema_family(schema)
    text = unicodedata.normalize("NFKC", strip_hidden_characters(name))
    if family == "vessel":
        text = strip_vessel_prefix(text)
    elif family == "person":
        text = strip_honorifics(text)
    text = replace_cjk_legal_forms(text)
    readings = list(transliterate(text))
    if family == "person" and _HYPHENATED.search(text):
        # Abd-al-Rahman is also written Abdalrahman, Jong-un Jongun: keep both readings.
        readings += [_HYPHENATED.sub("", r) for r in readings[:1]]
    elif family == "vessel":
        # Ships' names are also written as one word: CHONGCHONGANG for CHONG CHON GANG.
        readings += ["".join(t) for r in readings[:1] if len(t := _tokenize(r)) > 1]
    # Letters spelt out one by one (K.O.M.I.D., K O M I D) are also read as one word.
    readings += [
        " ".join(joined)
        for r in readings[:1]
        if (joined := _join_spelled_out(tokens := _tokenize(r))) != tokens
    ]
    approximate = ARABIC_SCRIPT if _ARABIC.search(text) else None
    second_surname = _second_surname(text) if family == "person" else None
    forms = [_form(reading, family, approximate, second_surname) for reading in readings]
    if family == "person" and text.isascii():
        # Chinese names in Wade-Giles (Teng Hsiao-p'ing) are also read in pinyin.
        pinyin = wade_giles_to_pinyin(text)
        if pinyin is not None:
            forms.append(_form(pinyin, family, WADE_GILES))
    elif family == "person" and _CYRILLIC.search(text):
        # Korean names in Russian transcription (Ким Чен Ын) are also read as Korean.
        korean = read_russian_transcription(text)
        if korean is not None:
            forms.append(_form(korean, family, RUSSIAN_TRANSCRIPTION))
    return tuple(dict.fromkeys(f for f in forms if f is not None))


def strip_honorifics(text: str) -> str:
    """``Mr. Kim Jong Un`` → ``Kim Jong Un``, ``General Pak Jong Chon`` → ``Pak Jong Chon``:
    titles and ranks at the head of a person name (rigour's list) are no part of it — unless
    fewer than two words would be left (``Mr. O``, ``Dr. Amin`` are what a list calls them).
    Religious titles (Sheikh, Mullah, Haji) stay: lists treat them as part of the name."""
    stripped = remove_person_prefixes(text)
    return stripped if len(stripped.split()) >= 2 else text


def _second_surname(text: str) -> str | None:
    """``moros`` in ``MADURO MOROS, Nicolas`` (the maternal surname Spanish names drop),
    None when the name is not written so or its first word is a particle (AL SADUN)."""
    found = _TWO_SURNAMES.match(text)
    if found is None or text.split()[0].lower() in NAME_PARTICLES:
        return None
    return found.group(1).lower()


def reweigh(
    form: NameForm,
    factors: Mapping[str, float],
    shared: dict[tuple[float, ...], tuple[float, ...]] | None = None,
) -> NameForm:
    """The form with each token's agreeing weight multiplied by its factor (default 1).

    The screener passes how distinctive each token is on the lists it screens against:
    ``kim`` or ``ali`` agreeing names hundreds of designees and says less than ``aulaqi``.
    Equal weight tuples are stored once through ``shared`` (a million names, few patterns).
    """
    if not factors:
        return form
    base = form.agreeing or form.weights
    agreeing = tuple(w * factors.get(t, 1.0) for t, w in zip(form.tokens, base, strict=True))
    if agreeing == base:
        return form
    if shared is not None:
        agreeing = shared.setdefault(agreeing, agreeing)
    return replace(form, agreeing=agreeing)
