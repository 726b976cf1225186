"""FollowTheMoney JSON lines (``ftm``): OpenSanctions exports, their delta files, our own export.

One JSON object per line (blank lines allowed). Three shapes are read:

- an entity export (``entities.ftm.json``): ``{"id", "schema", "properties": {prop: [str]},
  "datasets", "referents", "first_seen", "last_seen", "last_change", "target"}`` per line;
- a delta file (``entities.delta.json``): ``{"op": "ADD"|"MOD"|"DEL", "entity": {…}}`` per
  line, where ADD and MOD carry the whole new entity and DEL only its ``id``;
- the delta index (``delta.json``), one JSON document::

      {"versions": {"20240527194702-wnk": "https://…/20240527194702-wnk/entities.delta.json", …},
       "updated_at": "2024-05-28T14:47:29Z"}

  Each version id starts with a UTC timestamp, so sorting the ids gives version order;
  each URL names the delta file that leads from the version before to that version.
  The files are read from beside the index, never downloaded: as ``<version>/<file>``
  (the published layout) or ``<version>__<file>`` (the layout flattened into one folder).

OpenSanctions exports are a graph: only Person, Organization, Company, LegalEntity,
Vessel and Airplane objects become entities; the others are folded into them (see
``SANCTION_PROPS``, ``IDENTIFICATION_KINDS``, ``RELATIONSHIPS`` and ``read_address``).
A delta is folded the same way among the objects it carries, so a relationship object
changed without its target in the same publication cannot reach the target.

The source is ``opensanctions``, except for our own export, whose objects carry the
``tradescreen`` extension naming their source; the source id is the FtM ``id`` (or,
for our export, the extension's ``source_id``). The format has no publication date:
``published`` is the date of the latest ``last_seen``/``last_change`` of the objects
(the index's ``updated_at`` for a folded index; for our own export, the date of the list
version exported), or None when no object has one.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from followthemoney import model as ftm_model
from followthemoney.types import registry

from tradescreen.exc import ListFormatError
from tradescreen.model import SCHEMATA, Address, Entity, Identifier
from tradescreen.model.ftm import EXTENSION, entity_from_ftm
from tradescreen.sources._common import check_names, country_code
from tradescreen.sources.encoding import decode_text
from tradescreen.sources.types import ListFormat, ParsedList

__all__ = ["FORMAT", "parse_ftm", "publication_key_ftm", "sniff_ftm"]

DEFAULT_SOURCE = "opensanctions"

#: The delta operations; ADD and MOD upsert the whole entity, DEL removes it.
DELTA_OPS = frozenset({"ADD", "MOD", "DEL"})

#: The file name of a delta index.
INDEX_NAME = "delta.json"

#: Sanction properties folded into the target (``entity``): the first program property
#: present gives the programs (``programId`` is OpenSanctions' code, ``EU-UKR``; ``program``
#: the publisher's wording), the first date property present the listing date.
SANCTION_PROPS = {
    "program": ("programId", "program"),
    "listed_on": ("listingDate", "startDate"),
    "remarks": ("reason", "summary"),
}

#: Identification schemata (``holder`` → the entity) and the identifier kind they give.
IDENTIFICATION_KINDS = {"Passport": "passportNumber", "Identification": "idNumber"}

#: Relationship schemata and their two ends: each end gets the other end's id as a link.
RELATIONSHIPS = {
    "Ownership": ("owner", "asset"),
    "Directorship": ("director", "organization"),
    "Family": ("person", "relative"),
    "Associate": ("person", "associate"),
    "Membership": ("member", "organization"),
    "Employment": ("employee", "employer"),
    "Representation": ("agent", "client"),
    "UnknownLink": ("subject", "object"),
}

#: Properties of a list entity that its ``programs`` take over.
PROGRAM_PROPS = ("programId",)

_HEAD_LINE = re.compile(r'^\{\s*"(?:id|schema|op)"\s*:')


@dataclass(slots=True)
class _Record:
    """One FtM object and where it was read (for error messages)."""

    obj: dict[str, Any]
    path: Path
    line: int

    @property
    def props(self) -> dict[str, list[str]]:
        return self.obj.get("properties") or {}

    def error(self, problem: str) -> ListFormatError:
        return ListFormatError(
            self.path, f"{self.obj['id']}: {problem}", record=f"line {self.line}"
        )


@dataclass(slots=True)
class _Related:
    """What the objects around a list entity say about it."""

    programs: list[str] = field(default_factory=list)
    listed_on: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Fold:
    """The objects of a publication: upserts by id, and for a delta the ids it deletes."""

    records: dict[str, _Record] = field(default_factory=dict)
    removed: dict[str, None] = field(default_factory=dict)
    schemata: dict[str, str] = field(default_factory=dict)

    def add(self, record: _Record) -> None:
        entity_id = record.obj["id"]
        self.removed.pop(entity_id, None)
        self.records[entity_id] = record
        self.schemata[entity_id] = record.obj["schema"]

    def delete(self, entity: dict[str, Any]) -> None:
        entity_id = entity["id"]
        self.records.pop(entity_id, None)
        self.removed[entity_id] = None
        if isinstance(entity.get("schema"), str):
            self.schemata[entity_id] = entity["schema"]

    def removed_ids(self) -> tuple[str, ...]:
        """Deleted ids, except those known to be objects that never became entities.

        A DEL op carries only the id, so an id whose schema this publication never
        showed is kept: removing an id the store does not hold changes nothing.
        """
        return tuple(
            i for i in self.removed if self.schemata.get(i) is None or self.schemata[i] in SCHEMATA
        )


def sniff_ftm(path: Path, head: bytes) -> bool:
    """Whether the first line is an FtM object or a delta op, or the file is a delta index."""
    text = head.decode("utf-8-sig", errors="ignore").lstrip()
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if isinstance(document, dict) and isinstance(document.get("versions"), dict):
        return True
    first = text.split("\n", 1)[0].strip()
    try:
        obj = json.loads(first)
    except ValueError:
        # A first line longer than the head: judge by its opening key.
        return _HEAD_LINE.match(first) is not None and ('"schema"' in first or '"entity"' in first)
    if not isinstance(obj, dict):
        return False
    if isinstance(obj.get("op"), str):
        return obj["op"] in DELTA_OPS and isinstance(obj.get("entity"), dict)
    return isinstance(obj.get("id"), str) and isinstance(obj.get("schema"), str)


def publication_key_ftm(path: Path) -> str:
    """Delta files beside an index belong to the index's publication; other files stand alone."""
    if path.name != INDEX_NAME and path.name.endswith(".delta.json"):
        for folder in (path.parent, path.parent.parent):
            if (folder / INDEX_NAME).is_file():
                return str(folder / INDEX_NAME)
    return str(path)


def parse_ftm(paths: Sequence[Path], source: str | None = None) -> ParsedList:
    """Parse an FtM entity export, delta files, or a delta index with its delta files.

    Entity exports given together are one publication. Delta files given together are
    folded in path order (version ids sort by time) into one delta publication: later
    ops override earlier ones, so an ADD followed by a DEL is a removal.

    Raises:
        ListFormatError: a file is empty, mis-encoded or not JSON lines, an object lacks
            its id or schema or has an unreadable value, an id repeats in an export,
            exports and deltas are mixed, or the index's delta files are missing.
        ValueError: no file was given.
    """
    if not paths:
        raise ValueError("ftm needs at least one file")
    files = tuple(Path(p) for p in paths)
    texts = {p: decode_text(p, p.read_bytes()) for p in sorted(files, key=str)}
    indexes = [
        (p, index) for p, text in texts.items() if (index := read_index(p, text)) is not None
    ]
    if len(indexes) > 1:
        raise ListFormatError(indexes[1][0], "a publication has one delta index, got several")
    if indexes:
        return parse_index(*indexes[0], files, source)
    contents = [(p, read_lines(p, text)) for p, text in texts.items()]
    for path, lines in contents:
        if not lines:
            raise ListFormatError(path, "the file is empty")
    if all(is_delta_line(lines[0][1]) for _, lines in contents):
        return fold_deltas(contents, files, source)
    return read_export(contents, files, source)


def read_lines(path: Path, text: str) -> list[tuple[int, dict[str, Any]]]:
    """The JSON objects of a file's text with their line numbers (blank lines skipped)."""
    objects = []
    # Not splitlines(): U+2028 and friends may sit unescaped inside JSON strings.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ListFormatError(
                path, f"not JSON ({exc.msg} at column {exc.colno})", record=f"line {number}"
            ) from None
        if not isinstance(obj, dict):
            raise ListFormatError(path, "not a JSON object", record=f"line {number}")
        objects.append((number, obj))
    return objects


def is_delta_line(obj: dict[str, Any]) -> bool:
    return "op" in obj and "entity" in obj


def check_object(obj: dict[str, Any], path: Path, line: int) -> _Record:
    """An FtM object with an id, a schema and properties that are lists of strings."""
    entity_id = obj.get("id")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise ListFormatError(path, "object without an id", record=f"line {line}")
    obj["id"] = entity_id.strip()
    record = _Record(obj, path, line)
    if not isinstance(obj.get("schema"), str) or not obj["schema"]:
        raise record.error("object without a schema")
    if ftm_model.get(obj["schema"]) is None:
        raise record.error(f"unknown FtM schema {obj['schema']!r}")
    props = obj.get("properties", {})
    if not isinstance(props, dict) or not all(
        isinstance(values, list) and all(isinstance(v, str) for v in values)
        for values in props.values()
    ):
        raise record.error("properties must map property names to lists of strings")
    return record


def read_export(
    contents: list[tuple[Path, list[tuple[int, dict[str, Any]]]]],
    files: tuple[Path, ...],
    source: str | None,
) -> ParsedList:
    """An entity export: every line an FtM object, every id once."""
    fold = _Fold()
    for path, lines in contents:
        for line, obj in lines:
            if is_delta_line(obj):
                raise ListFormatError(path, "a delta op in an entity export", record=f"line {line}")
            record = check_object(obj, path, line)
            if record.obj["id"] in fold.records:
                first = fold.records[record.obj["id"]]
                raise record.error(f"the id repeats {first.path.name} line {first.line}")
            fold.add(record)
    return build_publication(fold, files, source, is_delta=False, published=None)


def fold_deltas(
    contents: list[tuple[Path, list[tuple[int, dict[str, Any]]]]],
    files: tuple[Path, ...],
    source: str | None,
    published: str | None = None,
    metadata: dict[str, str] | None = None,
) -> ParsedList:
    """Delta files folded in the given order into one delta publication."""
    fold = _Fold()
    for path, lines in contents:
        for line, obj in lines:
            apply_op(fold, obj, path, line)
    ops = Counter(obj["op"] for _, lines in contents for _, obj in lines)
    metadata = {**(metadata or {}), "ops": ", ".join(f"{op} {n}" for op, n in sorted(ops.items()))}
    return build_publication(
        fold, files, source, is_delta=True, published=published, metadata=metadata
    )


def apply_op(fold: _Fold, obj: dict[str, Any], path: Path, line: int) -> None:
    op, entity = obj.get("op"), obj.get("entity")
    if not is_delta_line(obj) or op not in DELTA_OPS or not isinstance(entity, dict):
        raise ListFormatError(
            path, 'not a delta op {"op": "ADD"|"MOD"|"DEL", "entity": {…}}', record=f"line {line}"
        )
    if op == "DEL":
        if not isinstance(entity.get("id"), str) or not entity["id"].strip():
            raise ListFormatError(path, "DEL without an entity id", record=f"line {line}")
        fold.delete({**entity, "id": entity["id"].strip()})
    else:
        fold.add(check_object(entity, path, line))


def read_index(path: Path, text: str) -> dict[str, Any] | None:
    """A delta index document, or None when the text is not one (JSON lines fail fast here)."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or "versions" not in document:
        return None
    versions = document["versions"]
    if not isinstance(versions, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in versions.items()
    ):
        raise ListFormatError(path, '"versions" must map version ids to delta file URLs')
    return document


def parse_index(
    index: Path, document: dict[str, Any], files: tuple[Path, ...], source: str | None
) -> ParsedList:
    """Fold the delta files an index lists, in version order, into one delta publication."""
    versions: dict[str, str] = document["versions"]
    deltas = [locate_delta(index, version, url) for version, url in sorted(versions.items())]
    listed = {d.resolve() for d in deltas}
    for path in files:
        if path != index and path.resolve() not in listed:
            raise ListFormatError(path, f"not one of the delta files {index.name} lists")
    updated = document.get("updated_at")
    metadata = {"versions": ", ".join(sorted(versions))}
    if isinstance(updated, str):
        metadata["updated_at"] = updated
    # An empty delta file is a version without changes.
    contents = [(path, read_lines(path, decode_text(path, path.read_bytes()))) for path in deltas]
    published = updated[:10] if isinstance(updated, str) else None
    return fold_deltas(contents, (index, *deltas), source, published, metadata)


def locate_delta(index: Path, version: str, url: str) -> Path:
    name = PurePosixPath(urlsplit(url).path).name or "entities.delta.json"
    candidates = (index.parent / version / name, index.parent / f"{version}__{name}")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise ListFormatError(
        index,
        f"version {version}: delta file not found beside the index "
        f"(looked for {', '.join(str(c.relative_to(index.parent)) for c in candidates)})",
    )


def build_publication(
    fold: _Fold,
    files: tuple[Path, ...],
    source: str | None,
    is_delta: bool,
    published: str | None,
    metadata: dict[str, str] | None = None,
) -> ParsedList:
    """Entities from the folded objects, and the publication around them."""
    related = collect_related(fold.records.values())
    addresses = {
        i: read_address(r.props) for i, r in fold.records.items() if r.obj["schema"] == "Address"
    }
    dropped: Counter[str] = Counter()
    entities = [
        read_entity(record, related[i], addresses, source, dropped)
        for i, record in fold.records.items()
        if record.obj["schema"] in SCHEMATA
    ]
    sources = sorted({e.source for e in entities})
    if len(sources) > 1:
        raise ListFormatError(
            files[0], f"objects name several sources ({', '.join(sources)}): pass one source"
        )
    others = Counter(
        r.obj["schema"] for r in fold.records.values() if r.obj["schema"] not in SCHEMATA
    )
    metadata = {**(metadata or {}), "objects": str(len(fold.records))}
    if others:
        metadata["other_schemata"] = ", ".join(f"{s} {n}" for s, n in sorted(others.items()))
    if dropped:
        metadata["dropped_properties"] = ", ".join(f"{p} {n}" for p, n in sorted(dropped.items()))
    return ParsedList(
        format=FORMAT.name,
        source=source or (sources[0] if sources else DEFAULT_SOURCE),
        published=published or find_latest_change(fold.records.values()),
        sequence=find_sequence(fold.records.values()),
        entities=entities,
        files=files,
        is_delta=is_delta,
        removed=fold.removed_ids() if is_delta else (),
        metadata=metadata,
    )


def find_latest_change(records: Iterable[_Record]) -> str | None:
    """The date of the latest ``last_seen``/``last_change`` (the export has no date of its own).

    Our own export states the date of the list version it came from (the extension's
    ``published``).
    """
    stamps = [
        value[:10]
        for r in records
        for value in (r.obj.get("last_seen"), r.obj.get("last_change"), _extension(r, "published"))
        if isinstance(value, str) and value
    ]
    return max(stamps, default=None)


def _extension(record: _Record, key: str) -> Any:
    extension = record.obj.get(EXTENSION)
    return extension.get(key) if isinstance(extension, dict) else None


def find_sequence(records: Iterable[_Record]) -> int | None:
    """The running number of the list version our own export came from, if it had one."""
    numbers = [n for r in records if isinstance(n := _extension(r, "sequence"), int)]
    return max(numbers, default=None)


def collect_related(records: Iterable[_Record]) -> defaultdict[str, _Related]:
    """Programs, dates, remarks, identifiers and links from the graph, by target id."""
    related: defaultdict[str, _Related] = defaultdict(_Related)
    for record in records:
        schema = record.obj["schema"]
        if schema == "Sanction":
            add_sanction(related, record.props)
        elif schema in IDENTIFICATION_KINDS:
            add_identification(related, record.props, IDENTIFICATION_KINDS[schema])
        elif schema in RELATIONSHIPS:
            one, other = RELATIONSHIPS[schema]
            for a in clean_values(record.props.get(one)):
                for b in clean_values(record.props.get(other)):
                    related[a].links.append(b)
                    related[b].links.append(a)
    return related


def add_sanction(related: defaultdict[str, _Related], props: dict[str, list[str]]) -> None:
    programs = pick_first_present(props, SANCTION_PROPS["program"])
    listed = pick_first_present(props, SANCTION_PROPS["listed_on"])
    remarks = [v for p in SANCTION_PROPS["remarks"] for v in clean_values(props.get(p))]
    for target in clean_values(props.get("entity")):
        related[target].programs.extend(programs)
        related[target].listed_on.extend(v[:10] for v in listed)
        related[target].remarks.extend(remarks)


def add_identification(
    related: defaultdict[str, _Related], props: dict[str, list[str]], kind: str
) -> None:
    """A Passport or Identification: its number, with the issuing country and document type."""
    country = next(iter(clean_values(props.get("country"))), None)
    note = next(iter(clean_values(props.get("type"))), None)
    numbers = clean_values(props.get("number", []) + props.get("passportNumber", []))
    for holder in clean_values(props.get("holder")):
        related[holder].identifiers.extend(
            Identifier(kind, number, country_code(country), note) for number in numbers
        )


def read_address(props: dict[str, list[str]]) -> tuple[Address, ...]:
    """An Address object: one Address per ``full`` text, else one composed from its parts."""
    parts = {
        key: next(iter(clean_values(props.get(prop))), None)
        for key, prop in (
            ("street", "street"),
            ("city", "city"),
            ("region", "region"),
            ("postal_code", "postalCode"),
            ("country", "country"),
        )
    }
    country = country_code(parts["country"])
    fulls = clean_values(props.get("full"))
    if not fulls:
        country_name = registry.country.caption(country) if country else parts["country"]
        composed = ", ".join(
            v
            for v in (
                parts["street"],
                parts["city"],
                parts["region"],
                parts["postal_code"],
                country_name,
            )
            if v
        )
        fulls = [composed] if composed else []
    return tuple(
        Address(
            full, parts["street"], parts["city"], parts["region"], parts["postal_code"], country
        )
        for full in fulls
    )


def read_entity(
    record: _Record,
    related: _Related,
    addresses: dict[str, tuple[Address, ...]],
    source: str | None,
    dropped: Counter[str],
) -> Entity:
    """One list entity, with what its Sanction, Address, Passport and link objects add."""
    schema = ftm_model.get(record.obj["schema"])
    assert schema is not None  # every name in SCHEMATA is an FtM schema
    props: dict[str, list[str]] = {}
    references: list[str] = []
    address_ids: list[str] = []
    for prop, values in record.props.items():
        definition = schema.get(prop)
        values = clean_values(values)
        if definition is None:
            # Not a property of the schema in our FtM version: count it rather than fail.
            dropped[f"{schema.name}.{prop}"] += 1
        elif prop == "addressEntity":
            address_ids.extend(values)
        elif definition.type == registry.entity:
            references.extend(values)
        elif values:
            props[prop] = values
    own_programs = [v for p in PROGRAM_PROPS for v in props.pop(p, [])]
    try:
        entity = entity_from_ftm({**record.obj, "properties": props}, source or DEFAULT_SOURCE)
    except (KeyError, TypeError, ValueError) as exc:
        raise record.error(str(exc)) from None
    check_names(entity, record.path, f"line {record.line}")
    structured = [a for i in address_ids for a in addresses.get(i, ())]
    known = {a.full for a in structured}
    return dataclasses.replace(
        entity,
        source=source or entity.source,
        addresses=(*structured, *(a for a in entity.addresses if a.full not in known)),
        identifiers=(*entity.identifiers, *related.identifiers),
        programs=(*entity.programs, *own_programs, *related.programs),
        listed_on=min(filter(None, (entity.listed_on, *related.listed_on)), default=None),
        remarks=(*entity.remarks, *related.remarks),
        links=(*entity.links, *references, *related.links),
    )


def clean_values(values: list[str] | None) -> list[str]:
    """Stripped, non-empty, first occurrence kept (OpenSanctions writes ``"name": [""]``)."""
    return list(dict.fromkeys(s for s in (v.strip() for v in values or []) if s))


def pick_first_present(props: dict[str, list[str]], names: Sequence[str]) -> list[str]:
    for name in names:
        values = clean_values(props.get(name))
        if values:
            return values
    return []


FORMAT = ListFormat(
    name="ftm",
    label="FollowTheMoney JSON lines (OpenSanctions exports and delta files)",
    sniff=sniff_ftm,
    parse=parse_ftm,
    publication_key=publication_key_ftm,
)
