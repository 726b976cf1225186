"""Vessel checks: designated vessels by IMO number, flag, ship-to-ship transfers, AIS gaps.

The IMO number is the vessel's permanent identity: sanctioned ships are renamed and
re-flagged, so a match on IMO number is a match whatever name the transaction
declares, and a different declared name is reported as a rename. A name match without
the IMO number is only a ``review``: vessel names are reused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rigour.ids import IMO

from tradescreen.exc import TransactionError
from tradescreen.model.entity import Entity, NameKind
from tradescreen.model.findings import Finding
from tradescreen.model.transaction import Transaction, VesselInfo
from tradescreen.rules.catalogue import Catalogue, Rule
from tradescreen.rules.evaluators.routes import TriggerTest, evaluate_triggers, supply_path

__all__ = [
    "RED_FLAG_TESTS",
    "TRIGGER_TESTS",
    "DesignatedVessel",
    "VesselIndex",
    "evaluate_vessel",
]


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True, slots=True)
class DesignatedVessel:
    """A vessel on a loaded list, with every name it was listed under."""

    imo: str  # "IMO8660313"
    name: str
    other_names: tuple[str, ...]  # aliases and former names (FtM alias, previousName)
    previous_names: tuple[str, ...]
    programs: tuple[str, ...]
    flag: str | None  # ISO alpha-2 upper case
    source: str
    source_id: str
    entity_id: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.other_names)

    def describe(self) -> str:
        """``CHON MA SAN (ofac-sdn 23729, DPRK4)``."""
        return f"{self.name} ({self.source} {self.source_id}, {', '.join(self.programs)})"


class VesselIndex:
    """Designated vessels by IMO number and by name."""

    def __init__(self, vessels: Iterable[DesignatedVessel]) -> None:
        self.by_imo: dict[str, list[DesignatedVessel]] = {}
        self.by_name: dict[str, list[DesignatedVessel]] = {}
        for vessel in vessels:
            self.by_imo.setdefault(vessel.imo, []).append(vessel)
            for name in dict.fromkeys(map(_name_key, vessel.names)):
                self.by_name.setdefault(name, []).append(vessel)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_imo.values())

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> VesselIndex:
        """Index every ``Vessel`` entity with an IMO number (one record per IMO number)."""
        vessels = []
        for entity in entities:
            if entity.schema != "Vessel":
                continue
            flags = entity.properties.get("flag", ())
            others = tuple(n.value for n in entity.names[1:])
            previous = tuple(n.value for n in entity.names if n.kind is NameKind.PREVIOUS_NAME)
            for identifier in entity.identifiers:
                imo = IMO.normalize(identifier.value) if identifier.kind == "imoNumber" else None
                if imo is None:
                    continue
                vessels.append(
                    DesignatedVessel(
                        imo=imo,
                        name=entity.caption,
                        other_names=others,
                        previous_names=previous,
                        programs=entity.programs,
                        flag=flags[0].upper() if flags else None,
                        source=entity.source,
                        source_id=entity.source_id,
                        entity_id=entity.entity_id,
                    )
                )
        return cls(vessels)

    def lookup_imo(self, imo: str) -> tuple[DesignatedVessel, ...]:
        normalized = IMO.normalize(imo)
        return tuple(self.by_imo.get(normalized, ())) if normalized else ()

    def lookup_name(self, name: str) -> tuple[DesignatedVessel, ...]:
        return tuple(self.by_name.get(_name_key(name), ()))


def _checked_imo(vessel: VesselInfo) -> str | None:
    """The IMO number as ``IMO1234567``, or None when there is none or its check digit fails.

    Raises:
        TransactionError: the IMO number is not 7 digits.
    """
    if vessel.imo is None:
        return None
    digits = vessel.imo.upper().removeprefix("IMO").strip()
    if not (len(digits) == 7 and digits.isdigit()):
        raise TransactionError("/vessel/imo", f"{vessel.imo!r} is not a 7-digit IMO number")
    return IMO.normalize(digits) if IMO.is_valid(digits) else None


def _imo_evidence(vessel: VesselInfo, listed: DesignatedVessel) -> str:
    parts = [f"{listed.imo} is {listed.describe()}"]
    if listed.previous_names:
        parts.append(f"listed under former names {', '.join(listed.previous_names)}")
    aliases = [n for n in listed.other_names if n not in listed.previous_names]
    if aliases:
        parts.append(f"also known as {', '.join(aliases)}")
    if listed.flag is not None:
        parts.append(f"listed flag {listed.flag}")
    declared = vessel.name
    if declared is not None and _name_key(declared) not in map(_name_key, listed.names):
        parts.append(f"declared name {declared!r} differs: renamed vessel")
    return "; ".join(parts)


def _designation_findings(
    rule: Rule, vessel: VesselInfo, imo: str | None, index: VesselIndex
) -> list[Finding]:
    programs = set(rule.scope.programs)
    listed_imo = [v for v in index.lookup_imo(imo) if programs & set(v.programs)] if imo else []
    findings = [
        rule.finding(
            "vessel",
            "vessel",
            _imo_evidence(vessel, listed),
            {"entity_id": listed.entity_id, "source": listed.source, "source_id": listed.source_id},
        )
        for listed in listed_imo
    ]
    if findings or vessel.name is None:
        return findings
    # No IMO match: a designated vessel's name alone is a possible match.
    for listed in index.lookup_name(vessel.name):
        if programs & set(listed.programs):
            evidence = (
                f"vessel name {vessel.name!r} is a name of {listed.describe()}, "
                f"{listed.imo}; declared IMO {vessel.imo or 'missing'}"
            )
            details = {"entity_id": listed.entity_id, "source": listed.source}
            findings.append(rule.finding("vessel", "vessel", evidence, details, effect="review"))
    return findings


def _flag_target(tx: Transaction, catalogue: Catalogue) -> str | None:
    vessel, target = tx.vessel, catalogue.target_country
    if vessel is None or vessel.flag != target:
        return None
    label = vessel.name or vessel.imo
    return (
        f"vessel {label} flies the {target} flag"
        if label
        else f"the vessel flies the {target} flag"
    )


def _sts_target(tx: Transaction, catalogue: Catalogue) -> str | None:
    """A ship-to-ship transfer to or from a vessel of the target's flag (2375 para 11).

    Either side may fly it: the transaction's vessel or the other vessel of the transfer
    (``vessel.ship_to_ship_counterpart_flag``). Another flag on both sides does not meet it,
    whatever the cargo: see ``_sts_flag_unknown``.
    """
    vessel, target = tx.vessel, catalogue.target_country
    if vessel is None or not vessel.ship_to_ship_transfer:
        return None
    if vessel.flag == target:
        return f"ship-to-ship transfer by a {target}-flagged vessel"
    if vessel.ship_to_ship_counterpart_flag == target:
        return f"ship-to-ship transfer with a {target}-flagged vessel"
    return None


#: The trigger of the rule on ship-to-ship transfers with the target's flag vessels.
_STS_TRIGGER = "ship_to_ship_transfer_dprk_flag"


def _sts_flag_unknown(tx: Transaction, catalogue: Catalogue) -> list[Finding]:
    """``review`` by the ship-to-ship rule when its vessel flag is the open question.

    Goods supplied to or from the target pass by a ship-to-ship transfer whose other vessel's
    flag the transaction does not declare, and the transaction's vessel flies another flag:
    the transfer is prohibited only if the other vessel flies the target's flag.
    """
    vessel, target = tx.vessel, catalogue.target_country
    if (
        vessel is None
        or not vessel.ship_to_ship_transfer
        or vessel.flag == target
        or vessel.ship_to_ship_counterpart_flag is not None
    ):
        return []
    supply = "to" if tx.supplies_to(target) else "from" if tx.supplies_from(target) else None
    if supply is None:
        return []
    evidence = (
        f"ship-to-ship transfer of goods supplied {supply} {target} "
        f"({supply_path(tx, target, supply)}) by a vessel flagged {vessel.flag or 'undeclared'}; "
        f"the other vessel's flag is not declared: prohibited if it flies the {target} flag"
    )
    return [
        rule.finding("vessel", "vessel", evidence, {"triggers": [_STS_TRIGGER]}, effect="review")
        for rule in catalogue.rules.values()
        if _STS_TRIGGER in rule.scope.triggers
    ]


#: Vessel triggers by the name rules use in ``scope.triggers``.
TRIGGER_TESTS: Mapping[str, TriggerTest] = {
    "dprk_flag_carrier": _flag_target,
    _STS_TRIGGER: _sts_target,
}

#: Red-flag tests this module runs.
RED_FLAG_TESTS = frozenset({"ais_gap", "ship_to_ship", "imo_check_digit"})


def _red_flag_findings(vessel: VesselInfo, imo: str | None, catalogue: Catalogue) -> list[Finding]:
    findings = []
    for flag in catalogue.red_flags.values():
        evidence = None
        if flag.test == "ais_gap" and vessel.ais_gap_hours is not None:
            min_hours = float(flag.params.get("min_hours", 0))
            if vessel.ais_gap_hours >= min_hours:
                evidence = f"AIS gap of {vessel.ais_gap_hours:g} h ≥ {min_hours:g} h"
        elif flag.test == "ship_to_ship" and vessel.ship_to_ship_transfer:
            evidence = "the vessel makes a ship-to-ship transfer"
        elif flag.test == "imo_check_digit" and vessel.imo is not None and imo is None:
            evidence = f"IMO number {vessel.imo} fails the IMO check digit: altered or false"
        if evidence is not None:
            findings.append(flag.finding("vessel", "vessel", evidence))
    return findings


def evaluate_vessel(tx: Transaction, catalogue: Catalogue, index: VesselIndex) -> list[Finding]:
    """Findings on the transaction's vessel: designations, flag, red flags.

    Rules with ``imo_number`` in ``scope.match_on`` are tested against ``index``,
    keeping designations under one of the rule's ``scope.programs``.

    Raises:
        TransactionError: the vessel's IMO number is not 7 digits (pointer ``/vessel/imo``).
    """
    vessel = tx.vessel
    if vessel is None:
        return []
    imo = _checked_imo(vessel)
    findings = []
    for rule in catalogue.rules.values():
        if "imo_number" in rule.scope.match_on:
            findings += _designation_findings(rule, vessel, imo, index)
    findings += evaluate_triggers(tx, catalogue, TRIGGER_TESTS, "vessel", "vessel")
    findings += _sts_flag_unknown(tx, catalogue)
    return findings + _red_flag_findings(vessel, imo, catalogue)
