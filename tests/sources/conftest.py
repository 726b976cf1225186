"""Broken copies of a real list file, for the parser tests' bad-input cases.

A test module exposes one through a small fixture of its own, e.g.::

    @pytest.fixture
    def dpl_copy(list_file_copy):
        return list_file_copy(DPL, "dpl.txt")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class ListFileCopy:
    """A real list file, the temporary folder for its copies and the name they are written under."""

    source: Path
    folder: Path
    name: str

    def lines(self) -> list[bytes]:
        """The real file's lines, with their line ends."""
        return self.source.read_bytes().splitlines(keepends=True)

    def write(self, data: bytes, name: str | None = None) -> Path:
        path = self.folder / (name or self.name)
        path.write_bytes(data)
        return path

    def with_line_changed(self, old: bytes, new: bytes, *, cut: bool = False) -> tuple[Path, int]:
        """Write the file with ``old`` replaced by ``new`` in the first line that has it.

        With ``cut`` the copy ends after that line. Returns the copy and the changed line's
        1-based number.
        """
        lines = self.lines()
        index = next((i for i, line in enumerate(lines) if old in line), None)
        assert index is not None, f"{old!r} is in no line of {self.source.name}"
        lines[index] = lines[index].replace(old, new, 1)
        return self.write(b"".join(lines[: index + 1] if cut else lines)), index + 1


@pytest.fixture
def list_file_copy(shared_data: Path, tmp_path: Path) -> Callable[[str, str], ListFileCopy]:
    """``list_file_copy(file under shared_data, name of the copies)``, copies in ``tmp_path``."""

    def make(relative: str, name: str) -> ListFileCopy:
        return ListFileCopy(shared_data / relative, tmp_path, name)

    return make
