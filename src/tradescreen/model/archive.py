"""Entities kept as their JSON text and decoded when read.

A screener over 20,000 list entities reads a handful of them per query (the candidates
whose names score well enough for their other evidence to count). Keeping the rest as the
JSON the store holds makes a saved screener load in a fraction of the time that rebuilding
20,000 objects of nested dataclasses takes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from tradescreen.model.entity import Entity

__all__ = ["EntityArchive"]


class EntityArchive(Sequence[Entity]):
    """A sequence of entities stored as the JSON of ``Entity.to_dict``; each one decoded
    on first access by index and kept, iteration decoding without keeping."""

    __slots__ = ("_decoded", "_texts")

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts: list[str] = list(texts)
        self._decoded: dict[int, Entity] = {}

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> Entity: ...
    @overload
    def __getitem__(self, index: slice) -> list[Entity]: ...
    def __getitem__(self, index: int | slice) -> Entity | list[Entity]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._texts)
        entity = self._decoded.get(index)
        if entity is None:
            entity = self._decoded[index] = _decode(self._texts[index])
        return entity

    def __iter__(self) -> Iterator[Entity]:
        decoded = self._decoded
        for number, text in enumerate(self._texts):
            yield decoded.get(number) or _decode(text)

    def __reduce__(self) -> tuple[type[EntityArchive], tuple[list[str]]]:
        return (EntityArchive, (self._texts,))  # the texts alone: decoded ones are a cache


def _decode(text: str) -> Entity:
    return Entity.from_dict(json.loads(text))
