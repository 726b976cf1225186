"""Candidate generation: an inverted index of blocking keys, never a full scan.

Each name form is indexed under keys that survive the variations screening must
tolerate:

- every token and, for tokens of four letters or more, every deletion of one letter
  (symmetric-deletion keys: one typo, insertion or deletion still meets);
- the Korean syllable key of the token (``Ri``, ``Lee``, ``Yi`` share ``k:i``);
- each pair of adjacent tokens joined (``Jong Un`` meets ``Jongun``).

A query collects the names its keys hit, each name earning the inverse document
frequency of every query token it shares (less when met only through a deletion),
and the best-ranked names go to the scorer.
Postings are ``array('i')`` of name numbers, or the one number of a key that names one
name, so a million names fit in memory.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Iterable, Sequence

from tradescreen.matching.normalize import NameForm

__all__ = ["NameIndex", "blocking_keys"]

#: Tokens shorter than this get no deletion keys (deleting from ``Un`` finds everything).
MIN_DELETION_LENGTH = 4
#: A posting longer than this is too common to rank by (``co``, ``ltd``); it is skipped.
MAX_POSTING = 50_000
#: A query token listed this often is taken as spelt right: its deletion keys are not used.
KNOWN_TOKEN = 100
#: What a token met only through a one-letter deletion earns, against an exact meeting.
FUZZY_KEY_WEIGHT = 0.7
#: Per token of a candidate name, subtracted from its share to rank shorter names first.
LENGTH_TIE_BREAK = 0.001
#: Tokens weighing less than this (legal forms, name particles) make no keys.
MIN_KEY_WEIGHT = 0.35


def _deletions(token: str) -> list[str]:
    return [token[:i] + token[i + 1 :] for i in range(len(token))]


def token_keys(
    tokens: tuple[str, ...], keys: tuple[str | None, ...], i: int
) -> tuple[list[str], list[str]]:
    """The blocking keys of token ``i``: exact ones (token, Korean key, joined pair) and
    fuzzy ones (one-letter deletions)."""
    token, key = tokens[i], keys[i]
    exact = ["t:" + token]
    if key is not None:
        exact.append("k:" + key)
    if i + 1 < len(tokens):
        exact.append("t:" + token + tokens[i + 1])
        if key is not None and keys[i + 1] is not None:
            exact.append(f"k:{key}{keys[i + 1]}")
    if len(token) >= MIN_DELETION_LENGTH:
        fuzzy = ["t:" + d for d in _deletions(token)]
    elif len(token) == MIN_DELETION_LENGTH - 1:
        # Too short to delete from, but ``Hua`` typed ``Uha`` has the same letters.
        fuzzy = ["a:" + "".join(sorted(token))]
    else:
        fuzzy = []
    return exact, fuzzy


def blocking_keys(form: NameForm) -> list[tuple[list[str], list[str]]]:
    """Exact and fuzzy keys per token of a form; a token that weighs little (``El``) has
    only its pair with the next token (``El Alfi`` meets ``Elalfi``)."""
    tokens, weights = form.tokens, form.weights
    return [
        token_keys(tokens, form.keys, i)
        if weights[i] >= MIN_KEY_WEIGHT
        else ((["t:" + tokens[i] + tokens[i + 1]] if i + 1 < len(tokens) else []), [])
        for i in range(len(tokens))
    ]


class NameIndex:
    """An inverted index from blocking keys to name numbers."""

    __slots__ = ("_lengths", "_postings", "size")

    def __init__(self) -> None:
        self._postings: dict[str, array[int] | int] = {}
        self._lengths = array("B")  # tokens in each name's first form, to break ties
        self.size = 0

    def add(self, number: int, forms: Sequence[NameForm]) -> None:
        """Index every form of the name numbered ``number`` (names are numbered 0, 1, 2…)."""
        seen: set[str] = set()
        for form in forms:
            for exact, fuzzy in blocking_keys(form):
                seen.update(exact)
                seen.update(fuzzy)
        postings = self._postings
        for key in seen:
            posting = postings.get(key)
            if posting is None:
                postings[key] = number  # most keys (joined pairs) name one name: no array
            elif isinstance(posting, int):
                postings[key] = array("i", (posting, number))
            else:
                posting.append(number)
        first = next(iter(forms), None)
        self._lengths.append(min(255, len(first.tokens)) if first is not None else 0)
        self.size += 1

    def _union(self, keys: list[str]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            posting = self._postings.get(key)
            if isinstance(posting, int):
                found.add(posting)
            elif posting is not None and len(posting) <= MAX_POSTING:
                found.update(posting)
        return found

    def _count(self, key: str) -> int:
        """How many names a key names."""
        posting = self._postings.get(key)
        if posting is None:
            return 0
        return 1 if isinstance(posting, int) else len(posting)

    def _idf(self, token: str) -> float:
        return math.log(1 + self.size / (1 + self._count("t:" + token)))

    def candidates(
        self, forms: Iterable[NameForm], limit: int, min_share: float = 0.0
    ) -> list[int]:
        """The ``limit`` name numbers sharing the most (and rarest) tokens with any form.

        A name must share at least ``min_share`` of a form's token weight (by IDF).
        """
        scores: dict[int, float] = {}
        lengths = self._lengths
        for form in forms:
            form_scores: dict[int, float] = {}
            weights = [self._idf(t) * w for t, w in zip(form.tokens, form.weights, strict=True)]
            total = sum(weights)
            floor = min_share * total
            keys = blocking_keys(form)
            # Rarest tokens first: once the tokens left weigh less than the floor, a name
            # none of the earlier tokens met cannot reach it, and only known names are added.
            reach = total
            for i in sorted(range(len(weights)), key=weights.__getitem__, reverse=True):
                exact, fuzzy = keys[i]
                weight = weights[i]
                found = reach >= floor
                reach -= weight
                exact_hits = self._union(exact)
                for number in exact_hits if found else exact_hits & form_scores.keys():
                    form_scores[number] = form_scores.get(number, 0.0) + weight
                if exact and self._count(exact[0]) >= KNOWN_TOKEN:
                    continue  # a common token, spelt right: its neighbours are other names
                fuzzy_weight = weight * FUZZY_KEY_WEIGHT
                fuzzy_hits = self._union(fuzzy) - exact_hits
                for number in fuzzy_hits if found else fuzzy_hits & form_scores.keys():
                    form_scores[number] = form_scores.get(number, 0.0) + fuzzy_weight
            for number, score in form_scores.items():
                if score < floor:
                    continue
                # Among equal shares, shorter names first: "Abu Ismail" before a long name.
                share = score / total - LENGTH_TIE_BREAK * lengths[number]
                if share > scores.get(number, -1.0):
                    scores[number] = share
        return heapq.nlargest(limit, scores, key=scores.__getitem__)

    def key_count(self) -> int:
        """How many distinct blocking keys the index holds."""
        return len(self._postings)
