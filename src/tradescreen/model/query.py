"""What a screening query must be before the screener takes it as meant."""

from __future__ import annotations

from tradescreen.exc import InputError
from tradescreen.model.entity import SCHEMATA, name_length_problem
from tradescreen.model.transaction import is_country_code, is_partial_date

__all__ = ["SCHEMA_HELP", "check_query", "is_imo"]

SCHEMA_HELP = ", ".join(SCHEMATA)


def check_query(
    name: str,
    schema: str | None = None,
    birth_date: str | None = None,
    country: str | None = None,
    imo: str | None = None,
) -> None:
    """Raise InputError for a query the screener would not take as meant."""
    if not name.strip():
        raise InputError("the name is empty")
    problem = name_length_problem(name)
    if problem is not None:
        raise InputError(problem)
    if schema is not None and schema not in SCHEMATA:
        raise InputError(f"unknown schema {schema!r}; choose from {SCHEMA_HELP}")
    if birth_date is not None and not is_partial_date(birth_date):
        raise InputError(f"birth date {birth_date!r} is not a date YYYY, YYYY-MM or YYYY-MM-DD")
    if country is not None and not is_country_code(country):
        raise InputError(f"country {country!r} is not an ISO 3166-1 alpha-2 code (KP, CN, ...)")
    if imo is not None and not is_imo(imo):
        raise InputError(f"{imo!r} is not an IMO number (7 digits with a valid check digit)")


def is_imo(text: str) -> bool:
    from rigour.ids import IMO  # a tenth of a second: only when an IMO number is given

    return bool(IMO.is_valid(text))
