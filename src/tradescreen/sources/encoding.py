"""Decoding the bytes of an input file strictly: list files, and the CLI's input files.

Kept apart from the parsers' helpers so that reading a transaction file does not load
what parsing a list needs (followthemoney, lxml).
"""

from __future__ import annotations

from pathlib import Path

from tradescreen.exc import ListFormatError

__all__ = ["decode_text"]


def decode_text(path: Path, data: bytes, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """Decode strictly with the first encoding that fits; the error names the line and byte."""
    error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            error = error or exc
    assert error is not None
    line = data.count(b"\n", 0, error.start) + 1
    names = "/".join(encoding.upper().removesuffix("-SIG") for encoding in encodings)
    raise ListFormatError(
        path,
        f"byte 0x{data[error.start]:02x} at offset {error.start} is not valid {names} text",
        record=f"line {line}",
    )
