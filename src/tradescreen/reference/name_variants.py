"""Spellings of one person name: Wikidata's name items, as rigour groups them.

``Hussein`` and ``Husayn``, ``Aleksandr`` and ``Alexander``, ``Mohamed`` and ``Muhammad``
are one name spelt by different romanisations, too many letters apart to pass for a typo.
Wikidata records given and family names as items with their spellings; rigour, the name
library of OpenSanctions, collects them (and groups the forms of one patronymic or surname,
``Golikov``, ``Golikova``). ``data/reference/name_variants.tsv`` keeps the spellings of each
item as the matcher writes tokens, built by ``scripts/build_name_variants.py`` (MIT licence,
see the file's header), and is read once, on first use.
"""

from __future__ import annotations

import re
from pathlib import Path

from tradescreen.exc import RuleDataError
from tradescreen.reference._tsv import table_rows

__all__ = [
    "NAME_VARIANTS_PATH",
    "adopt_name_variants",
    "load_name_variants",
    "name_items",
    "same_name",
]

NAME_VARIANTS_PATH = Path(__file__).parents[1] / "data" / "reference" / "name_variants.tsv"

_ITEM = re.compile(r"[QX]\d+", re.ASCII)
_SPELLING = re.compile(r"[a-z]{2,}", re.ASCII)
#: Spelling → the number of the row that holds it, or of the rows when several do (most
#: spellings are in one row: a number takes a tenth of the memory of a set).
_Table = dict[str, int | frozenset[int]]


def name_items(token: str) -> frozenset[int]:
    """The rows of the names a token spells (empty when it spells none with variants)."""
    rows = load_name_variants().get(token)
    return frozenset((rows,)) if isinstance(rows, int) else rows or frozenset()


def same_name(a: str, b: str) -> bool:
    """True when two tokens spell one name (``hussein``, ``husayn``)."""
    table = load_name_variants()
    first, second = table.get(a), table.get(b)
    if first is None or second is None:
        return False
    if isinstance(first, int):
        return first == second if isinstance(second, int) else first in second
    return second in first if isinstance(second, int) else not first.isdisjoint(second)


_loaded: list[_Table] = []


def load_name_variants() -> _Table:
    """The table, read once (about 0.3 s): the screener loads it while it builds."""
    if not _loaded:
        _loaded.append(_read(NAME_VARIANTS_PATH))
    return _loaded[0]


def adopt_name_variants(table: _Table) -> None:
    """Take ``table`` as the table read, unless one is: a saved screener carries the table
    it was built with, which its key ties to this file's content."""
    if not _loaded:
        _loaded.append(table)


def _read(path: Path) -> _Table:
    """The table of the file; a malformed row raises ``RuleDataError``."""
    rows: dict[str, list[int]] = {}
    for number, line in table_rows(path):
        item, _, text = line.partition("\t")
        spellings = text.split(" ")
        if (
            not _ITEM.fullmatch(item)
            or len(set(spellings)) < 2
            or not all(_SPELLING.fullmatch(s) for s in spellings)
        ):
            raise RuleDataError(
                path,
                f"line {number}: {line[:80]!r} is not id<TAB>two spellings or more "
                "(lower-case ASCII words, separated by spaces)",
            )
        for spelling in spellings:
            rows.setdefault(spelling, []).append(number)
    if not rows:
        raise RuleDataError(path, "no name variants")
    shared: dict[tuple[int, ...], frozenset[int]] = {}
    return {
        spelling: numbers[0]
        if len(numbers) == 1
        else shared.setdefault(tuple(numbers), frozenset(numbers))
        for spelling, numbers in rows.items()
    }
