"""Chinese telegraph codes (Chinese Commercial Code, CCC): four digits per Han character.

OFAC gives some Chinese designees' names in these codes (``Chinese Commercial Code 1728
4320``), so the codes spell the name in Han characters: ``1728 4320`` is 张磊 in the
mainland (PRC) table and 張磊 in the Taiwan table, which numbers traditional forms. The
tables are ``data/reference/chinese_telegraph_codes.tsv``, built from Unicode's Unihan
database (``kMainlandTelegraph``, ``kTaiwanTelegraph``; Unicode licence, see the file's
header) by ``scripts/build_telegraph_table.py``, and read once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tradescreen.exc import RuleDataError
from tradescreen.reference._tsv import table_rows

__all__ = ["TELEGRAPH_PATH", "han_spellings", "telegraph_codes"]

TELEGRAPH_PATH = Path(__file__).parents[1] / "data" / "reference" / "chinese_telegraph_codes.tsv"

#: Four-digit groups separated by white space, as OFAC writes them: ``1728 4320``.
_CODES = re.compile(r"\s*\d{4}(?:\s+\d{4})*\s*", re.ASCII)
_CODE = re.compile(r"\d{4}", re.ASCII)


@dataclass(frozen=True, slots=True)
class _Tables:
    mainland: dict[str, str]  # code to character
    taiwan: dict[str, str]
    codes: dict[str, str]  # character to code, mainland table first


def han_spellings(codes: str) -> tuple[str, ...]:
    """The Han spellings of a name in telegraph codes: mainland, then Taiwan if different.

    ``"1728 4320"`` gives ``("张磊", "張磊")``. Each table spells the name on its own, so a
    table that lacks one of the codes gives no spelling. The result is empty when neither
    table knows every code, or when ``codes`` is not four-digit groups separated by white
    space (``"17284320"`` is not).
    """
    if not _CODES.fullmatch(codes):
        return ()
    groups = _CODE.findall(codes)
    tables = _tables()
    spellings = []
    for table in (tables.mainland, tables.taiwan):
        chars = [table[code] for code in groups if code in table]
        if len(chars) == len(groups):
            spellings.append("".join(chars))
    return tuple(dict.fromkeys(spellings))


def telegraph_codes(han: str) -> str | None:
    """The telegraph codes of a name in Han characters (``"张磊"`` → ``"1728 4320"``).

    Each character takes its code from the mainland table, else from the Taiwan one (the
    lowest when a table gives it two). None when a character, or white space, has no code.
    """
    codes = _tables().codes
    found = [codes[char] for char in han if char in codes]
    if not han or len(found) != len(han):
        return None
    return " ".join(found)


@cache
def _tables() -> _Tables:
    return _read(TELEGRAPH_PATH)


def _read(path: Path) -> _Tables:
    """The two tables of the TSV file; a malformed row raises ``RuleDataError``."""
    mainland: dict[str, str] = {}
    taiwan: dict[str, str] = {}
    last = ""
    for number, line in table_rows(path):
        fields = line.split("\t")
        if (
            len(fields) != 3
            or not _CODE.fullmatch(fields[0])
            or fields[0] <= last
            or any(len(cell) > 1 for cell in fields[1:])
            or not (fields[1] or fields[2])
        ):
            raise RuleDataError(
                path,
                f"line {number}: {line!r} is not code<TAB>mainland<TAB>taiwan "
                "with codes ascending and one character in at least one table",
            )
        last = code = fields[0]
        for table, char in ((mainland, fields[1]), (taiwan, fields[2])):
            if char:
                table[code] = char
    if not mainland or not taiwan:
        raise RuleDataError(path, "no telegraph codes")
    codes: dict[str, str] = {}
    for table in (mainland, taiwan):
        for code, char in table.items():
            codes.setdefault(char, code)
    return _Tables(mainland, taiwan, codes)
