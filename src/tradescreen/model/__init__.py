"""The data model: list entities in the FollowTheMoney vocabulary, FtM JSON in and out, and
the findings and decisions that the checks produce."""

from tradescreen.model.entity import (
    IDENTIFIER_KINDS,
    MAX_NAME_LENGTH,
    SCHEMATA,
    Address,
    DatePrecision,
    Entity,
    Identifier,
    Name,
    NameKind,
    PartialDate,
    name_length_problem,
)
from tradescreen.model.findings import DECISIONS, EFFECT_DECISIONS, Decision, Finding, LegalBasis
from tradescreen.model.ftm import entity_from_ftm, entity_to_ftm

__all__ = [
    "DECISIONS",
    "EFFECT_DECISIONS",
    "IDENTIFIER_KINDS",
    "MAX_NAME_LENGTH",
    "SCHEMATA",
    "Address",
    "DatePrecision",
    "Decision",
    "Entity",
    "Finding",
    "Identifier",
    "LegalBasis",
    "Name",
    "NameKind",
    "PartialDate",
    "entity_from_ftm",
    "entity_to_ftm",
    "name_length_problem",
]
