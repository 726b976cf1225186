"""The data model: list entities in the FollowTheMoney vocabulary, and FtM JSON in and out."""

from tradescreen.model.entity import (
    IDENTIFIER_KINDS,
    SCHEMATA,
    Address,
    DatePrecision,
    Entity,
    Identifier,
    Name,
    NameKind,
    PartialDate,
)
from tradescreen.model.ftm import entity_from_ftm, entity_to_ftm

__all__ = [
    "IDENTIFIER_KINDS",
    "SCHEMATA",
    "Address",
    "DatePrecision",
    "Entity",
    "Identifier",
    "Name",
    "NameKind",
    "PartialDate",
    "entity_from_ftm",
    "entity_to_ftm",
]
