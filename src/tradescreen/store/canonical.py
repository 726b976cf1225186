"""The canonical JSON form the store hashes: entity records and audit-log records.

Sorted keys, no spaces, UTF-8 as is: the same data gives the same bytes, and so the same
SHA-256, in any process and in any other tool that follows these rules.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["canonical_hash", "canonical_json"]


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def canonical_hash(data: Any) -> tuple[str, str]:
    """The SHA-256 (hex) of the canonical JSON of ``data``, and that JSON."""
    text = canonical_json(data)
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), text
