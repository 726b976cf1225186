"""The data model: list entities in the FollowTheMoney vocabulary, and the findings and
decisions that the checks produce. FtM JSON in and out is ``model.ftm`` (it loads
followthemoney, which takes most of a second: only what reads or writes FtM imports it)."""

from tradescreen.model.archive import EntityArchive
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
from tradescreen.model.judgement import Judgement

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
    "EntityArchive",
    "Finding",
    "Identifier",
    "Judgement",
    "LegalBasis",
    "Name",
    "NameKind",
    "PartialDate",
    "name_length_problem",
]
