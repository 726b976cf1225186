"""Entities to FollowTheMoney JSON objects and back.

An exported object is plain FtM (``id``, ``schema``, ``properties``, ``datasets``)
that OpenSanctions tooling reads as is, plus a ``tradescreen`` member with what
FtM properties cannot say: the source's own id, birth-date precision and ranges,
structured addresses, identifier countries and notes, the listing date and links, and
the publication date (or running number) of the list version it was exported from.
Reading an object without that member (an OpenSanctions export) derives those
fields from the FtM properties instead.
"""

from __future__ import annotations

from typing import Any

from followthemoney import model as ftm_model
from followthemoney.types import registry

from tradescreen.model.entity import (
    IDENTIFIER_KINDS,
    SCHEMATA,
    Address,
    Entity,
    Identifier,
    Name,
    NameKind,
    PartialDate,
)

__all__ = ["entity_from_ftm", "entity_to_ftm"]

EXTENSION = "tradescreen"

#: FtM properties that ``Entity`` models as fields of its own; all else is ``properties``.
_MAPPED = frozenset(
    {kind.value for kind in NameKind}
    | IDENTIFIER_KINDS
    | {"birthDate", "birthPlace", "nationality", "citizenship", "country", "gender"}
    | {"address", "program", "programId", "notes"}
)


def _schema_has(schema: str, prop: str) -> bool:
    return ftm_model.get(schema).get(prop) is not None  # type: ignore[union-attr]


def _clean_properties(schema: str, props: dict[str, list[str]]) -> dict[str, list[str]]:
    """Stripped, non-empty, unique values of the schema's own non-reference properties.

    References to other entities (``addressEntity``, ``sanctions``, ``owner``) mean
    nothing once the object leaves its graph; the FtM parser resolves them first.
    """
    ftm_schema = ftm_model.get(schema)
    cleaned: dict[str, list[str]] = {}
    for prop, values in props.items():
        spec = ftm_schema.get(prop) if ftm_schema is not None else None
        if spec is None or spec.type == registry.entity:
            continue
        kept = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if kept:
            cleaned[prop] = kept
    return cleaned


def entity_to_ftm(
    entity: Entity, published: str | None = None, sequence: int | None = None
) -> dict[str, Any]:
    """One FtM JSON object for ``entity`` (see the module docstring for the extension).

    ``published`` and ``sequence`` are those of the list version exported, so that the
    export imported back orders among the source's versions as the original did.
    """
    props: dict[str, list[str]] = {}

    def put(prop: str, values: list[str]) -> None:
        values = [v for v in dict.fromkeys(values) if v]
        if values and _schema_has(entity.schema, prop):
            props.setdefault(prop, []).extend(v for v in values if v not in props.get(prop, []))

    for kind in NameKind:
        put(kind.value, [n.value for n in entity.names if n.kind is kind])
    put("birthDate", [v for d in entity.birth_dates for v in (d.value, d.end) if v])
    put("birthPlace", list(entity.birth_places))
    put("nationality", list(entity.nationalities))
    put("country", list(entity.countries))
    if entity.gender is not None:
        put("gender", [entity.gender])
    put("address", [a.full for a in entity.addresses])
    for ident in entity.identifiers:
        put(ident.kind, [ident.value])
    put("program", list(entity.programs))
    put("notes", list(entity.remarks))
    for prop, values in entity.properties.items():
        if prop in _MAPPED or not _schema_has(entity.schema, prop):
            raise ValueError(
                f"{entity.source} {entity.source_id}: {prop!r} is not a free FtM property "
                f"of {entity.schema}"
            )
        put(prop, list(values))

    native = entity.to_dict()
    extension = {
        key: native[key]
        for key in (
            "source",
            "source_id",
            "birth_dates",
            "addresses",
            "identifiers",
            "listed_on",
            "links",
        )
    }
    extension["name_langs"] = {n.value: n.lang for n in entity.names if n.lang}
    if published is not None:
        extension["published"] = published
    if sequence is not None:
        extension["sequence"] = sequence
    return {
        "id": entity.entity_id,
        "schema": entity.schema,
        "properties": props,
        "datasets": [entity.source],
        EXTENSION: extension,
    }


def entity_from_ftm(data: dict[str, Any], source: str | None = None) -> Entity:
    """An ``Entity`` from one FtM JSON object.

    ``source`` names the list when the object lacks our extension.
    """
    schema = data["schema"]
    if schema not in SCHEMATA:
        raise ValueError(f"schema {schema!r} is not a list entity schema")
    props = _clean_properties(schema, data.get("properties", {}))
    ext: dict[str, Any] = data.get(EXTENSION) or {}
    langs: dict[str, str] = ext.get("name_langs", {})
    names = tuple(
        Name(value, kind, langs.get(value))
        for kind in NameKind
        for value in props.get(kind.value, [])
    )
    if EXTENSION in data:
        native = dict(ext)
        native["schema"] = schema
        native["names"] = [
            {"value": n.value, "kind": n.kind.value, **({"lang": n.lang} if n.lang else {})}
            for n in names
        ]
        birth_dates = Entity.from_dict(native).birth_dates
        addresses = tuple(Address(**a) for a in ext["addresses"])
        identifiers = tuple(Identifier(**i) for i in ext["identifiers"])
        entity_source, source_id = ext["source"], ext["source_id"]
        listed_on, links = ext.get("listed_on"), tuple(ext.get("links", ()))
    else:
        birth_dates = tuple(PartialDate.from_iso(v[:10]) for v in props.get("birthDate", []))
        addresses = tuple(Address(full=v) for v in props.get("address", []))
        identifiers = tuple(
            Identifier(kind, value)
            for kind in sorted(IDENTIFIER_KINDS)
            for value in props.get(kind, [])
        )
        entity_source = source or (data.get("datasets") or ["ftm"])[0]
        source_id = data["id"]
        listed_on, links = None, ()
    genders = props.get("gender", [])
    return Entity(
        source=entity_source,
        source_id=source_id,
        schema=schema,
        names=names,
        birth_dates=birth_dates,
        birth_places=tuple(props.get("birthPlace", [])),
        nationalities=tuple(
            dict.fromkeys(props.get("nationality", []) + props.get("citizenship", []))
        ),
        countries=tuple(props.get("country", [])),
        gender=genders[0] if genders else None,
        addresses=addresses,
        identifiers=identifiers,
        programs=tuple(props.get("programId", []) + props.get("program", [])),
        listed_on=listed_on,
        remarks=tuple(props.get("notes", [])),
        links=links,
        properties={k: tuple(v) for k, v in props.items() if k not in _MAPPED},
    )
