"""Human-readable CLI output shows control characters escaped, never raw."""

from __future__ import annotations

import pytest
from rich.console import Console

from tradescreen.cli._common import printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Kim\x00Jong", "Kim\\x00Jong"),
        ("\x1b[2J\x1b[31mred", "\\x1b[2J\\x1b[31mred"),
        ("two\nlines\ttab", "two\\x0alines\\x09tab"),
        ("C1\x85\x9b", "C1\\x85\\x9b"),
        ("abc\u202eevil\u2066x\u2069", "abc\\u202eevil\\u2066x\\u2069"),
        ("Ким Чен Ын 김정은 金正恩", "Ким Чен Ын 김정은 金正恩"),
    ],
)
def test_printable_escapes_control_and_bidi_characters(text: str, shown: str) -> None:
    console = Console(record=True, width=200)
    console.print(printable(text))
    assert console.export_text().rstrip("\n") == shown


def test_printable_shows_rich_markup_as_text() -> None:
    console = Console(record=True, width=200)
    console.print(printable("[bold red]ALERT[/] KOMID"))
    assert console.export_text().rstrip("\n") == "[bold red]ALERT[/] KOMID"
