"""What a list format is, and what parsing one publication yields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tradescreen.model import Entity

__all__ = ["ListFormat", "ParsedList"]


@dataclass(slots=True)
class ParsedList:
    """One publication of one list, parsed.

    ``published`` is the list's own publication date (ISO ``YYYY-MM-DD``) or None
    when the format carries none; ``sequence`` then orders the publications of the
    list when the format has a running number that only grows (OFAC's ``ent_num``:
    a later publication's highest is at least the earlier one's). A delta publication
    (OpenSanctions ``ADD``/``MOD``/``DEL``) has ``is_delta`` set: ``entities`` are
    upserts and ``removed`` holds the source ids it deletes from the previous version
    of the same source.
    """

    format: str
    source: str
    published: str | None
    entities: list[Entity]
    files: tuple[Path, ...]
    is_delta: bool = False
    removed: tuple[str, ...] = ()
    sequence: int | None = None
    #: Anything the format says about the publication itself (record count, schema version).
    metadata: dict[str, str] = field(default_factory=dict)


def _one_file_per_publication(path: Path) -> str:
    return str(path)


@dataclass(frozen=True, slots=True)
class ListFormat:
    """A supported list format: how to recognise its files and how to parse them.

    ``sniff(path, head)`` gets the first 64 KiB of the file and says whether the
    file is in this format. ``parse(paths, source)`` parses the files of one
    publication (``source`` overrides the list name the format would choose).
    ``publication_key(path)`` groups files given together into publications: files
    with the same key are parsed together (OFAC's sdn.csv with add.csv and alt.csv).
    ``sources`` are the lists published in the format, which ``--source`` may name;
    empty for a format that carries any list (FtM: OpenSanctions, our own exports).
    """

    name: str
    label: str
    sniff: Callable[[Path, bytes], bool]
    parse: Callable[[Sequence[Path], str | None], ParsedList]
    publication_key: Callable[[Path], str] = _one_file_per_publication
    sources: tuple[str, ...] = ()
