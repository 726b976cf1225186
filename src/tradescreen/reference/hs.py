"""The Harmonized System 2022 nomenclature: validate and describe HS codes.

Codes are strings of digits with their leading zeros (``"0303"``, not ``303``):
chapters have 2 digits, headings 4 and subheadings 6. A national code of 8 or 10
digits (EU CN, US HTS) is accepted when its 6-digit HS prefix exists. Chapter 77 is
reserved in HS 2022 and has no codes, so ``"77"`` is unknown like any invented code.
The data is ``data/reference/hs2022.csv`` (ODC-PDDL-1.0, see the README beside it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tradescreen.exc import RuleDataError

__all__ = [
    "DEFAULT_HS_PATH",
    "HsCode",
    "HsNomenclature",
    "format_hs",
    "load_hs",
    "normalize_hs",
]

DEFAULT_HS_PATH = Path(__file__).parents[1] / "data" / "reference" / "hs2022.csv"

#: Lengths of a code in digits: HS chapter, heading, subheading, then national subdivisions.
_LENGTHS = (2, 4, 6, 8, 10)


@dataclass(frozen=True, slots=True)
class HsCode:
    code: str  # digits: "76", "7608", "760820"
    description: str
    section: str  # roman numeral: "XV"
    parent: str | None = None  # the enclosing code, None for a chapter

    @property
    def level(self) -> int:
        return len(self.code)


def normalize_hs(code: str) -> str:
    """Digits only: ``"7608.20"`` → ``"760820"``, ``"8479 89"`` → ``"847989"``.

    Raises:
        ValueError: the code has characters other than digits, dots, spaces and dashes,
            or not 2, 4, 6, 8 or 10 digits.
    """
    digits = "".join(ch for ch in code if ch not in ". -")
    if not digits.isdigit() or not digits.isascii():
        raise ValueError(f"HS code {code!r} is not digits")
    if len(digits) not in _LENGTHS:
        raise ValueError(f"HS code {code!r} has {len(digits)} digits, not 2, 4, 6, 8 or 10")
    return digits


def format_hs(code: str) -> str:
    """The usual written form: ``"760820"`` → ``"7608.20"``, ``"76"`` → ``"76"``."""
    return code if len(code) <= 4 else f"{code[:4]}.{code[4:]}"


class HsNomenclature:
    """Every chapter, heading and subheading of HS 2022, by code."""

    def __init__(self, codes: dict[str, HsCode], path: Path) -> None:
        self.codes = codes
        self.path = path

    def __len__(self) -> int:
        return len(self.codes)

    def lookup(self, code: str) -> HsCode | None:
        """The entry of a code (any written form), or None when HS 2022 has no such code.

        An 8- or 10-digit national code returns its 6-digit HS subheading.

        Raises:
            ValueError: the code is not written as an HS code (see ``normalize_hs``).
        """
        digits = normalize_hs(code)
        return self.codes.get(digits[:6])

    def is_valid(self, code: str) -> bool:
        """Whether the code exists in HS 2022 (a national code: its 6-digit prefix)."""
        try:
            return self.lookup(code) is not None
        except ValueError:
            return False

    def describe(self, code: str) -> str:
        """The description of the code's most specific HS entry.

        Raises:
            ValueError: the code is malformed or does not exist in HS 2022.
        """
        entry = self.lookup(code)
        if entry is None:
            raise ValueError(f"HS code {code!r} does not exist in HS 2022")
        return entry.description

    def chapter(self, code: str) -> HsCode:
        """The chapter (2-digit entry) of a code.

        Raises:
            ValueError: the code is malformed or does not exist in HS 2022.
        """
        if self.lookup(code) is None:
            raise ValueError(f"HS code {code!r} does not exist in HS 2022")
        return self.codes[normalize_hs(code)[:2]]

    def chapters(self) -> tuple[HsCode, ...]:
        return tuple(entry for entry in self.codes.values() if entry.level == 2)


def _read(path: Path) -> HsNomenclature:
    codes: dict[str, HsCode] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                code, level = row.get("hscode") or "", row.get("level") or ""
                if row.get("section") == "TOTAL":
                    # UN Comtrade's own rows, not HS codes: the grand total, and chapter 99
                    # "commodities not specified according to kind" (9999.99).
                    continue
                if not code.isdigit() or str(len(code)) != level or len(code) > 6:
                    raise RuleDataError(path, f"line {line}: bad code {code!r} (level {level!r})")
                parent = row.get("parent") or None
                codes[code] = HsCode(
                    code=code,
                    description=row.get("description") or "",
                    section=row.get("section") or "",
                    parent=None if parent == "TOTAL" else parent,
                )
    except OSError as error:
        raise RuleDataError(path, f"cannot read: {error.strerror}") from error
    if not codes:
        raise RuleDataError(path, "no HS codes")
    return HsNomenclature(codes, path)


@lru_cache(maxsize=4)
def _load(path: Path) -> HsNomenclature:
    return _read(path)


def load_hs(path: Path | str | None = None) -> HsNomenclature:
    """Load the HS nomenclature, by default the bundled HS 2022 file; cached per path.

    Raises:
        RuleDataError: the file cannot be read or a row is not a valid HS entry.
    """
    return _load(Path(path or DEFAULT_HS_PATH).resolve())
