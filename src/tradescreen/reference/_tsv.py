"""The rows of a bundled tab-separated reference table, with their line numbers."""

from __future__ import annotations

from pathlib import Path

from tradescreen.exc import RuleDataError


def table_rows(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of every line but ``#`` comments; an unreadable file raises
    ``RuleDataError`` naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise RuleDataError(path, f"cannot read: {error.strerror}") from error
    return [(number, line) for number, line in enumerate(lines, start=1) if line[:1] != "#"]
