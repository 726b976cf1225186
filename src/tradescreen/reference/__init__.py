"""Reference data: nomenclatures that validate and describe what a transaction declares."""

from tradescreen.reference.hs import (
    DEFAULT_HS_PATH,
    HsCode,
    HsNomenclature,
    format_hs,
    load_hs,
    normalize_hs,
)

__all__ = [
    "DEFAULT_HS_PATH",
    "HsCode",
    "HsNomenclature",
    "format_hs",
    "load_hs",
    "normalize_hs",
]
