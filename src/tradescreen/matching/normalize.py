"""From a name as written to the token forms the index and the scorer compare.

One name gives one ``NameForm`` per plausible Latin reading (``transliterate``). A form
holds lower-case ASCII tokens, the Korean syllable key of each token (or None), and a
weight per token: legal forms and filler words of organisation names weigh little.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from tradescreen.matching.korean import syllable_key
from tradescreen.matching.orgs import (
    LEGAL_FORMS,
    WEAK_WORDS,
    legal_form_of,
    replace_cjk_legal_forms,
    strip_vessel_prefix,
)
from tradescreen.matching.translit import transliterate

__all__ = ["ORG_SCHEMATA", "NameForm", "analyze_name", "reweigh", "schema_family"]

#: Schemata whose names are organisation names.
ORG_SCHEMATA = frozenset({"Organization", "Company", "LegalEntity", "PublicBody"})

LEGAL_FORM_WEIGHT = 0.05
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

    text: str  # the reading, for explanations
    tokens: tuple[str, ...]
    keys: tuple[str | None, ...]
    weights: tuple[float, ...]
    weight: float  # the sum of ``weights``
    #: What each token weighs when it agrees with a token of the other name (None: its
    #: weight). The screener lowers it for common tokens (``reweigh``); a token left
    #: unmatched always counts its full weight against the match.
    agreeing: tuple[float, ...] | None = None


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


def _weigh(token: str, family: str) -> float:
    if family == "person":
        return PARTICLE_WEIGHT if token in NAME_PARTICLES else 1.0
    if family == "airplane":
        return 1.0
    if token in LEGAL_FORMS:
        return LEGAL_FORM_WEIGHT
    if token in WEAK_WORDS:
        return WEAK_WORD_WEIGHT
    return 1.0


def _form(reading: str, family: str) -> NameForm | None:
    tokens = _tokenize(reading)
    if family in ("org", "vessel"):
        tokens = [legal_form_of(t) or t for t in tokens]
    if not tokens:
        return None
    weights = tuple(_weigh(t, family) for t in tokens)
    agreeing = None
    if WEAK_WORD_WEIGHT in weights and family in ("org", "vessel"):
        agreeing = weights
        weights = tuple(UNMATCHED_WEAK_WORD_WEIGHT if w == WEAK_WORD_WEIGHT else w for w in weights)
    return NameForm(
        text=" ".join(tokens),
        tokens=tuple(tokens),
        keys=tuple(syllable_key(t) for t in tokens),
        weights=weights,
        weight=sum(weights),
        agreeing=agreeing,
    )


@lru_cache(maxsize=32768)
def analyze_name(name: str, schema: str = "Person") -> tuple[NameForm, ...]:
    """All forms of a name: ``金正恩`` → ``kim jong un``, ``kum jong un``, ``jin zheng en``."""
    family = schema_family(schema)
    text = unicodedata.normalize("NFKC", name)
    if family == "vessel":
        text = strip_vessel_prefix(text)
    text = replace_cjk_legal_forms(text)
    readings = list(transliterate(text))
    if family == "person" and _HYPHENATED.search(text):
        # Abd-al-Rahman is also written Abdalrahman, Jong-un Jongun: keep both readings.
        readings += [_HYPHENATED.sub("", r) for r in readings[:1]]
    forms = (_form(reading, family) for reading in readings)
    return tuple(dict.fromkeys(f for f in forms if f is not None))


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
    return NameForm(form.text, form.tokens, form.keys, form.weights, form.weight, agreeing)
