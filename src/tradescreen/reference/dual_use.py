"""The full dual-use list (EU Reg 2021/821 Annex I numbering) as a searchable catalogue.

The 366 entries of categories 0-9 come from Norway's List II, which reproduces Annex I
(early-2022 state); ``scripts/build_dual_use_catalogue.py`` derives
``data/control_lists/dual_use_catalogue.json`` from the fixture in ../shared/data/controls.
Each entry keeps its category, product group, regime of origin (by number range: x001-x099
Wassenaar, x101-x199 MTCR, x201-x299 NSG, x301-x399 Australia Group, x401-x499 CWC),
heading and full text.

``search_dual_use`` ranks entries for an item description with BM25 over two fields, the
heading weighing more than the body, plus a bonus for word pairs found in order
("vacuum pump", "filament winding"). A query word missing from the list's vocabulary is
replaced by its closest vocabulary word (rapidfuzz, ratio >= 85), so a misspelt "maraging"
still finds 1C216.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from tradescreen.exc import RuleDataError

__all__ = [
    "CATALOGUE_PATH",
    "Candidate",
    "DualUseCatalogue",
    "DualUseEntry",
    "default_dual_use_catalogue",
    "load_dual_use_catalogue",
    "search_dual_use",
]

CATALOGUE_PATH = Path(__file__).parents[1] / "data" / "control_lists" / "dual_use_catalogue.json"

_STOPWORDS = frozenset(
    "a an and any are as at be being by for from having in into is it its not of on or other "
    "than that the their therefor these this those to which with as follows following all "
    "specified".split()
)
# One spelling per word, so that "carbon fiber" meets "Carbon 'fibrous ... materials'".
_SPELLING = {
    "fiber": "fibre",
    "fibrous": "fibre",
    "aluminum": "aluminium",
    "center": "centre",
    "meter": "metre",
}
_HEADING_WEIGHT, _TEXT_WEIGHT, _PAIR_WEIGHT = 2.0, 1.0, 0.5
_K1, _B = 1.2, 0.75
_FUZZY_CUTOFF = 85
#: Words a description counts at least (see ``DualUseCatalogue.search``).
_MIN_WORDS = 2


def _stem(word: str) -> str:
    word = _SPELLING.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return _SPELLING.get(word, word)


def _tokens(text: str) -> list[str]:
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOPWORDS]


@dataclass(frozen=True, slots=True)
class DualUseEntry:
    code: str  # "1C216"
    category: int  # 0-9
    category_name: str
    group: str  # A-E: systems, test/production equipment, materials, software, technology
    group_name: str
    regime: str  # "Nuclear Suppliers Group", ...
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    heading: str
    regime: str
    score: float  # in [0, 1]: the share of the query's attainable weight that matched
    matched_terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Field:
    counts: Counter[str]
    pairs: frozenset[tuple[str, str]]
    length: int


def _field(text: str) -> _Field:
    tokens = _tokens(text)
    return _Field(Counter(tokens), frozenset(zip(tokens, tokens[1:], strict=False)), len(tokens))


class DualUseCatalogue:
    """The entries, their search fields and the vocabulary's document frequencies."""

    def __init__(self, entries: list[DualUseEntry]) -> None:
        self.entries = tuple(entries)
        self._by_code = {e.code: e for e in self.entries}
        self._headings = [_field(e.heading) for e in self.entries]
        self._texts = [_field(e.text) for e in self.entries]
        self._average = (
            sum(f.length for f in self._headings) / len(self.entries),
            sum(f.length for f in self._texts) / len(self.entries),
        )
        frequency: Counter[str] = Counter()
        for heading, text in zip(self._headings, self._texts, strict=True):
            frequency.update(set(heading.counts) | set(text.counts))
        total = len(self.entries)
        self._idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
        self._median_idf = statistics.median(self._idf.values())
        self._vocabulary = sorted(self._idf)

    def get(self, code: str) -> DualUseEntry | None:
        """The entry with this code (``"1C216"``), or None."""
        return self._by_code.get(code.upper().rstrip("."))

    def _query_terms(self, description: str) -> tuple[list[str], int]:
        """The description's words in the list's vocabulary, and how many other words end it.

        Only words the list never uses after its last word that the list uses are counted:
        English names the thing last ("stainless steel cutlery", "steel nails"), and an
        unknown word before a known one qualifies it ("turbomolecular vacuum pump").
        """
        terms: list[str] = []
        unknown: set[str] = set()
        for term in _tokens(description):
            if any(c.isdigit() for c in term):  # grades and sizes ("7075", "80mm") mislead
                continue
            if term not in self._idf and len(term) >= 4:
                match = process.extractOne(
                    term, self._vocabulary, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
                )
                term = match[0] if match is not None else term
            if term not in self._idf:
                unknown.add(term)
                continue
            unknown.clear()
            if term not in terms:
                terms.append(term)
        return terms, len(unknown)

    def search(self, description: str, limit: int = 10) -> list[Candidate]:
        """Entries ranked for a description, best first, at most ``limit``.

        The score is the share of the description's weight that an entry matches. The words
        the list never uses that end the description count, at the median weight of the list's
        words ("steel nails" is not "steel"), and a description counts at least ``_MIN_WORDS``
        words: one word, however well it matches ("steel", "goods", "pump"), names a material
        or a kind of thing, not a listed product.
        """
        terms, unknown = self._query_terms(description)
        if not terms:
            return []
        pairs = list(zip(terms, terms[1:], strict=False))
        unmatched_words = max(unknown, _MIN_WORDS - len(terms))
        attainable = (sum(self._idf[t] for t in terms) + unmatched_words * self._median_idf) * (
            _HEADING_WEIGHT + _TEXT_WEIGHT
        ) + sum(self._idf[b] * _PAIR_WEIGHT for _, b in pairs)
        scored = []
        for index, entry in enumerate(self.entries):
            score, matched = 0.0, []
            for weight, field, average in (
                (_HEADING_WEIGHT, self._headings[index], self._average[0]),
                (_TEXT_WEIGHT, self._texts[index], self._average[1]),
            ):
                norm = _K1 * (1 - _B + _B * field.length / average)
                for term in terms:
                    tf = field.counts.get(term, 0)
                    if tf:
                        score += weight * self._idf[term] * tf * (_K1 + 1) / (tf + norm) / (_K1 + 1)
                        matched.append(term)
                score += sum(
                    self._idf[b] * _PAIR_WEIGHT * weight for a, b in pairs if (a, b) in field.pairs
                )
            if score > 0:
                scored.append((score, entry, tuple(dict.fromkeys(matched))))
        scored.sort(key=lambda s: (-s[0], s[1].code))
        return [
            Candidate(
                entry.code,
                entry.heading,
                entry.regime,
                round(min(score / attainable, 1.0), 3),
                matched,
            )
            for score, entry, matched in scored[:limit]
        ]


def load_dual_use_catalogue(path: Path = CATALOGUE_PATH) -> DualUseCatalogue:
    """Load the catalogue JSON.

    Raises:
        RuleDataError: the file's entry count disagrees with its entries, or a field is missing.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        entries = [DualUseEntry(**row) for row in data["entries"]]
    except (KeyError, TypeError) as error:
        raise RuleDataError(path, f"bad entry: {error}", key="entries") from None
    if len(entries) != data.get("count"):
        raise RuleDataError(
            path, f"{len(entries)} entries, header says {data.get('count')}", key="count"
        )
    return DualUseCatalogue(entries)


@cache
def default_dual_use_catalogue() -> DualUseCatalogue:
    """The shipped catalogue, loaded once."""
    return load_dual_use_catalogue()


def search_dual_use(description: str, limit: int = 10) -> list[Candidate]:
    """Candidate dual-use entries for an item description, ranked best first.

    >>> search_dual_use("vacuum pump", limit=2)[0].code
    '2B231'
    """
    return default_dual_use_catalogue().search(description, limit)
