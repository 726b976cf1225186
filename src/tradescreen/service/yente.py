"""yente's ``/match/{dataset}``, request and response alike, so that its clients work unchanged.

A query is an FtM example (``schema`` and ``properties``: ``name``, ``birthDate``,
``nationality``/``country``/``jurisdiction``, identifier properties such as ``imoNumber``);
each result is an FtM entity with ``score``, ``match`` and ``features``, as yente returns it.
A result is a designee: its other listings are its ``referents``, their lists its ``datasets``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from tradescreen.compiled import CompiledLists
from tradescreen.matching import Hit
from tradescreen.model import IDENTIFIER_KINDS, SCHEMATA
from tradescreen.model.ftm import entity_to_ftm

__all__ = ["ALL_LISTS", "MatchQuery", "example_problem", "match_responses"]

#: The dataset names that mean every list (yente's collections of everything).
ALL_LISTS = ("default", "sanctions", "tradescreen")
#: FtM properties read as the query's country, in this order.
COUNTRY_PROPERTIES = ("nationality", "citizenship", "country", "jurisdiction")
MATCHER_DESCRIPTION = "tradescreen's score: names, then birth date, country, identifiers"


class EntityExample(BaseModel):
    id: str | None = None
    schema_: str = Field(alias="schema")
    properties: dict[str, str | list[Any]]


class MatchQuery(BaseModel):
    weights: dict[str, float] = {}  # yente's scoring weights: accepted, not used
    queries: dict[str, EntityExample] = Field(min_length=1)


def _values(example: EntityExample, prop: str) -> list[str]:
    value = example.properties.get(prop, [])
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values if str(v).strip()]


def _first(example: EntityExample, *props: str) -> str | None:
    for prop in props:
        values = _values(example, prop)
        if values:
            return values[0]
    return None


def example_problem(example: EntityExample) -> tuple[str, str] | None:
    """(JSON pointer below the query, problem) for an example the screener cannot take."""
    if example.schema_ not in SCHEMATA:
        return "/schema", f"unknown schema {example.schema_!r}"
    if not _values(example, "name"):
        return "/properties/name", "a query needs at least one name"
    return None


def _match_one(
    lists: CompiledLists, example: EntityExample, threshold: float, source: str | None
) -> list[Hit]:
    identifiers = {
        kind: values[0] for kind in IDENTIFIER_KINDS if (values := _values(example, kind))
    }
    best: dict[str, Hit] = {}
    for name in _values(example, "name"):
        for hit in lists.screener.screen(
            name,
            schema=example.schema_,
            birth_date=_first(example, "birthDate"),
            country=_first(example, *COUNTRY_PROPERTIES),
            identifiers=identifiers or None,
            threshold=threshold,
            limit=None,
        ):
            if source is None or any(ls.source == source for ls in hit.listings):
                if hit.entity_id not in best or hit.score > best[hit.entity_id].score:
                    best[hit.entity_id] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.entity_id))


def _result(lists: CompiledLists, hit: Hit, threshold: float) -> dict[str, Any]:
    entity = lists.screener.entity(hit.entity_id)
    ftm = entity_to_ftm(entity)
    return {
        "id": hit.entity_id,
        "caption": hit.name,
        "schema": hit.schema,
        "properties": ftm.get("properties", {}),
        "datasets": sorted({listing.source for listing in hit.listings}),
        "referents": [ls.entity_id for ls in hit.listings if ls.entity_id != hit.entity_id],
        "target": True,
        "score": hit.score,
        "features": {feature.name: feature.score for feature in hit.features},
        "match": hit.score >= threshold,
        "explanation": hit.explanation,
    }


def match_responses(
    lists: CompiledLists, query: MatchQuery, threshold: float, limit: int, source: str | None
) -> dict[str, Any]:
    """yente's ``EntityMatchResponse`` for the queries (``source`` None: every list)."""
    responses = {}
    for key, example in query.queries.items():
        hits = _match_one(lists, example, threshold, source)
        responses[key] = {
            "status": 200,
            "results": [_result(lists, hit, threshold) for hit in hits[:limit]],
            "total": {"value": len(hits), "relation": "eq"},
            "query": example.model_dump(by_alias=True),
        }
    return {
        "responses": responses,
        "matcher": {
            "name": {
                "description": "tradescreen's name score (docs/matching.md)",
                "coefficient": 1.0,
            }
        },
        "limit": limit,
    }
