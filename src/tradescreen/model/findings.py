"""Findings and decisions: what each check concluded, and why, with its legal basis.

Plain records: rules evaluators build findings, ``decision.check`` combines them into a
decision, and the interfaces print it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["DECISIONS", "EFFECT_DECISIONS", "Decision", "Finding", "LegalBasis"]

#: Decisions from the most to the least severe.
DECISIONS = ("prohibited", "license_required", "review", "clear")

#: The decision each finding effect leads to (effects as in the rule catalogue).
EFFECT_DECISIONS = {
    "prohibited": "prohibited",
    "freeze": "prohibited",
    "deny_port_entry": "prohibited",
    "requires_exemption": "prohibited",  # banned unless the Committee approves in advance
    "license_required": "license_required",
    "determination_based": "review",
    "requires_notification": "review",
    "cap": "review",
    "inspect": "review",
    "review": "review",
    "information": "clear",
}


@dataclass(frozen=True, slots=True)
class LegalBasis:
    instrument: str  # "S/RES/2397 (2017)", "EU Reg 2021/821 Annex I"
    paragraph: str | None = None  # "7", "8(a)(ii)", "1C202.a"
    verify: bool = False  # the paragraph number is not yet confirmed

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"instrument": self.instrument, "paragraph": self.paragraph}
        if self.verify:
            data["verify"] = True
        return data


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # party | item | route | vessel | transaction
    rule_id: str
    effect: str  # a key of EFFECT_DECISIONS
    legal_basis: tuple[LegalBasis, ...]
    evidence: str  # from the actual values: "uts_mpa 572 >= 460, outer_diameter_mm 80 > 75"
    subject: str  # "items[0]", "parties[1]", "route", "vessel"
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.effect not in EFFECT_DECISIONS:
            raise ValueError(f"unknown finding effect {self.effect!r}")

    @property
    def decision(self) -> str:
        return EFFECT_DECISIONS[self.effect]

    @property
    def verify(self) -> bool:
        return any(basis.verify for basis in self.legal_basis)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "rule_id": self.rule_id,
            "effect": self.effect,
            "legal_basis": [b.to_dict() for b in self.legal_basis],
            "evidence": self.evidence,
            "subject": self.subject,
        }
        if self.verify:
            data["verify"] = True
        if self.details:
            data["details"] = self.details
        return data


@dataclass(frozen=True, slots=True)
class Decision:
    transaction_id: str
    decision: str
    findings: tuple[Finding, ...]
    list_versions: dict[str, Any]
    engine_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "transaction_id": self.transaction_id,
            "decision": self.decision,
            "findings": [f.to_dict() for f in self.findings],
            "list_versions": self.list_versions,
            "engine_version": self.engine_version,
        }
