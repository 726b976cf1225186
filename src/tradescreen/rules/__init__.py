"""Rules: a regime's catalogue as data, and the evaluators that test transactions against it."""

from tradescreen.rules.catalogue import (
    DEFAULT_CATALOGUE,
    Catalogue,
    Exemption,
    Port,
    RedFlag,
    Rule,
    Scope,
    load_catalogue,
)

__all__ = [
    "DEFAULT_CATALOGUE",
    "Catalogue",
    "Exemption",
    "Port",
    "RedFlag",
    "Rule",
    "Scope",
    "load_catalogue",
]
