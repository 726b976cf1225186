"""The store's latest lists compiled for screening, and saved so that a process loads them.

Building the screening index takes seconds (about 6 s for the 21,000 entities of the
combined lists); loading it saved takes a fraction of one. ``compiled_lists`` gives the
compiled lists of the store's latest versions: loaded from the artefact saved for exactly
these versions by this code, or else built and saved. ``lists import`` and ``lists update``
compile after each import, so that screening rarely has to.

An artefact's name holds a key over the database, its latest list versions (id and content
hash), the users' judgements on cross-list links, and the engine's code and reference data:
after an import or a judgement, in another store or with an upgraded engine, an artefact
made for something else is never read. It is a pickle, trusted as the store is: whoever can
write the data directory can write the database file.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from tradescreen.matching import Screener
from tradescreen.model import Judgement
from tradescreen.store import ListVersion, entity_archive, latest_versions, list_judgements

if TYPE_CHECKING:
    from tradescreen.rules.evaluators import VesselIndex

__all__ = ["CompiledLists", "compile_lists", "compiled_lists"]

log = logging.getLogger(__name__)

#: First line of an artefact, before its key; a new layout of the file gets a new number.
MAGIC = b"tradescreen compiled lists 2 "
SUFFIX = ".compiled"
PACKAGE = Path(__file__).parent
#: The compiled lists last loaded in this process, by artefact path.
_in_memory: dict[Path, CompiledLists] = {}


class CompiledLists:
    """The latest version of every list, compiled: names to screen, vessels to check.

    A loaded artefact decodes its vessel index on first use: ``screen`` never needs it,
    and decoding it would import the rules.
    """

    __slots__ = ("_vessels", "screener", "versions")

    def __init__(
        self, versions: tuple[ListVersion, ...], screener: Screener, vessels: VesselIndex | bytes
    ) -> None:
        self.versions = versions
        self.screener = screener
        self._vessels = vessels

    @property
    def list_versions(self) -> dict[str, dict[str, Any]]:
        """Per source, the version that screens: what a decision records it ran against."""
        return {
            v.source: {"version_id": v.id, "published": v.published, "content_hash": v.content_hash}
            for v in self.versions
        }

    @property
    def vessels(self) -> VesselIndex:
        if isinstance(self._vessels, bytes):
            index: VesselIndex = pickle.loads(self._vessels)
            self._vessels = index
            return index
        return self._vessels

    def __reduce__(self) -> tuple[type[CompiledLists], tuple[object, ...]]:
        vessels = self._vessels
        if not isinstance(vessels, bytes):
            vessels = pickle.dumps(vessels, protocol=pickle.HIGHEST_PROTOCOL)
        return CompiledLists, (self.versions, self.screener, vessels)


def compiled_lists(engine: Engine, directory: Path) -> CompiledLists:
    """The store's latest lists compiled: the artefact saved in ``directory`` for them, or,
    when there is none (or it cannot be read), built now and saved there."""
    versions, judgements = tuple(latest_versions(engine)), list_judgements(engine)
    path = _artefact_path(engine, versions, judgements, directory)
    if path in _in_memory:  # a long-running process (the service) asks on every request
        return _in_memory[path]
    loaded = _load(path)
    lists = loaded if loaded is not None else _save(_build(engine, versions, judgements), path)
    _in_memory.clear()  # one set of lists at a time: the newest replaces the last
    _in_memory[path] = lists
    return lists


def compile_lists(engine: Engine, directory: Path) -> CompiledLists:
    """Build the store's latest lists and save them in ``directory`` (after an import or
    a judgement)."""
    versions, judgements = tuple(latest_versions(engine)), list_judgements(engine)
    path = _artefact_path(engine, versions, judgements, directory)
    return _save(_build(engine, versions, judgements), path)


def _build(
    engine: Engine, versions: tuple[ListVersion, ...], judgements: list[Judgement]
) -> CompiledLists:
    from tradescreen.rules.evaluators import VesselIndex

    entities = entity_archive(engine, versions)
    screener = Screener(entities, judgements)
    return CompiledLists(versions, screener, VesselIndex.from_entities(entities))


@cache
def _code_fingerprint() -> str:
    """A digest of the engine's code and reference data: what a compiled index depends on."""
    digest = hashlib.sha256(sys.version.encode())
    files = sorted(PACKAGE.rglob("*.py")) + sorted((PACKAGE / "data" / "reference").iterdir())
    for path in files:
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _artefact_path(
    engine: Engine,
    versions: tuple[ListVersion, ...],
    judgements: list[Judgement],
    directory: Path,
) -> Path:
    """``<store>-<key>.compiled``: the store's part names the artefacts a save replaces."""
    store = hashlib.sha256(engine.url.render_as_string().encode()).hexdigest()[:16]
    key = hashlib.sha256(
        json.dumps(
            [
                _code_fingerprint(),
                [(v.source, v.id, v.content_hash) for v in versions],
                [j.to_dict() for j in judgements],
            ]
        ).encode()
    ).hexdigest()
    return directory / f"{store}-{key}{SUFFIX}"


def _load(path: Path) -> CompiledLists | None:
    """The artefact at ``path``; None when there is none, or a warning and None when it
    cannot be read (it is then rebuilt)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cannot read the compiled lists %s (%s): rebuilding them", path, exc)
        return None
    header = MAGIC + path.stem.encode() + b"\n"
    if not data.startswith(header):
        log.warning("%s is not a compiled-lists file of this engine: rebuilding it", path)
        return None
    collecting = gc.isenabled()
    gc.disable()  # millions of small objects, no cycles: collecting would triple the time
    try:
        lists = pickle.loads(memoryview(data)[len(header) :])
    except Exception as exc:  # noqa: BLE001 — any damage to the file means: rebuild it
        log.warning("the compiled lists %s are damaged (%s): rebuilding them", path, exc)
        return None
    finally:
        if collecting:
            gc.enable()
    return lists if isinstance(lists, CompiledLists) else None


def _save(lists: CompiledLists, path: Path) -> CompiledLists:
    """Write ``lists`` to ``path`` atomically and remove the store's older artefacts; a
    directory that cannot be written costs a warning (the next process rebuilds)."""
    store = path.stem.split("-")[0]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            try:
                tmp.write(MAGIC + path.stem.encode() + b"\n")
                pickle.dump(lists, tmp, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                Path(tmp.name).unlink(missing_ok=True)
                raise
        os.replace(tmp.name, path)
        for older in path.parent.glob(f"{store}-*{SUFFIX}"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot save the compiled lists in %s: %s", path.parent, exc)
    return lists
