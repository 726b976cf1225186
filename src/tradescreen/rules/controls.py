"""Control-list determination: does an item meet the parameters of an Annex I entry?

The entries, their thresholds and form conditions are data
(``data/control_lists/eu_annex_i_parameters.yml``): trees of ``all_of`` / ``any_of`` over
criteria ``{attribute, operator, value, unit}``. ``determine_item`` resolves an item's
attributes (explicit attributes, then what its description says, then the typical values of
a named grade), evaluates every entry whose material class or product fits, and returns one
``ControlDetermination`` per entry:

- ``controlled``: every criterion is met;
- ``not_controlled``: a criterion clearly fails;
- ``near_threshold``: a quantity fails within the documented margin of its threshold (review);
- ``unknown``: a parameter the entry needs is missing (review, never silent clearance).

A quantity given as a range (``units.Range``) is tested at the end that can reach the
threshold: its maximum for ``>=``/``>``, its minimum for ``<=``/``<``; ``between`` asks
whether the two ranges overlap. The evidence names the end used:
``"frequency_hz 600-2000 (max 2000) >= 600"``.

Each determination's evidence names the values and thresholds compared and where each value
came from: ``"uts_mpa 572 >= 460 (7075-T6 typical), outer_diameter_mm 80 > 75: 1C202.a"``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tradescreen.exc import RuleDataError
from tradescreen.model.findings import Finding, LegalBasis
from tradescreen.model.transaction import Item
from tradescreen.rules.item_text import (
    FIBRE_CLASSES,
    Vocabulary,
    default_vocabulary,
    parse_item_text,
)
from tradescreen.rules.units import (
    CANONICAL_UNITS,
    Range,
    UnitError,
    convert,
    normalize_attributes,
    specific_length_m,
)

__all__ = [
    "PARAMETERS_PATH",
    "STATUS_EFFECTS",
    "AllOf",
    "AnyOf",
    "ControlDetermination",
    "ControlEntry",
    "ControlList",
    "Criterion",
    "Value",
    "default_control_list",
    "determination_finding",
    "determine_item",
    "load_control_list",
    "resolve_attributes",
]

PARAMETERS_PATH = Path(__file__).parents[1] / "data" / "control_lists" / "eu_annex_i_parameters.yml"

#: The finding effect of each determination status.
STATUS_EFFECTS = {
    "controlled": "license_required",
    "near_threshold": "review",
    "unknown": "review",
    "not_controlled": "information",
}

# Outcomes of a criterion, from the one that decides an all_of to the one that decides an any_of.
_NOT_MET, _UNKNOWN, _NEAR, _MET = "not_met", "unknown", "near", "met"
_STATUS = {
    _MET: "controlled",
    _NEAR: "near_threshold",
    _UNKNOWN: "unknown",
    _NOT_MET: "not_controlled",
}
_NUMERIC = {">=", ">", "<=", "<", "between"}
_OPERATORS = _NUMERIC | {"==", "in", "subset_of"}
_CRITERION_KEYS = {"attribute", "operator", "value", "unit", "condition", "near_margin"}
_ENTRY_KEYS = {
    "id",
    "paragraph",
    "title",
    "applies_to",
    "criteria",
    "nsg_ref",
    "trigger_list_ref",
    "other_than",
    "exclusions",
    "verify",
    "source",
}
_NEGATED = {">=": "<", ">": "<=", "<=": ">", "<": ">="}


@dataclass(frozen=True, slots=True)
class Value:
    """An attribute value and where it came from (``attributes``, ``description``, a grade)."""

    value: Any
    source: str
    #: Only a lower bound of the true value (the largest of the dimensions known).
    lower_bound: bool = False


@dataclass(frozen=True, slots=True)
class Criterion:
    attribute: str
    operator: str
    value: Any  # in the attribute's canonical unit; [low, high] for between
    condition: str | None = None
    near_margin: float = 0.0


@dataclass(frozen=True, slots=True)
class AllOf:
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    nodes: tuple[Node, ...]


Node = Criterion | AllOf | AnyOf


@dataclass(frozen=True, slots=True)
class ControlEntry:
    id: str  # "EU-1C202-a", the catalogue id
    paragraph: str  # "1C202.a"
    title: str
    legal_basis: tuple[LegalBasis, ...]
    criteria: Node
    material_classes: frozenset[str] = frozenset()
    products: frozenset[str] = frozenset()
    #: Entries whose control takes precedence ("other than those specified in ...").
    other_than: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ControlList:
    entries: tuple[ControlEntry, ...]
    near_margin: float

    def entry(self, entry_id: str) -> ControlEntry:
        return next(e for e in self.entries if e.id == entry_id)


@dataclass(frozen=True, slots=True)
class ControlDetermination:
    entry_id: str
    paragraph: str
    title: str
    status: str  # controlled | not_controlled | near_threshold | unknown
    evidence: str
    legal_basis: tuple[LegalBasis, ...]
    #: The attribute values the evaluation read, with their sources.
    values: dict[str, Value] = field(default_factory=dict)
    #: Attributes the entry needs and the item lacks.
    missing: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        return self.status in ("near_threshold", "unknown")


# --- loading ----------------------------------------------------------------


class _Loader:
    def __init__(self, path: Path, definitions: Mapping[str, Any], margin: float) -> None:
        self.path, self.definitions, self.margin = path, definitions, margin

    def node(self, raw: Any, rule: str, seen: tuple[str, ...] = ()) -> Node:
        if not isinstance(raw, dict):
            raise RuleDataError(self.path, f"criterion is not a mapping: {raw!r}", rule=rule)
        if "all_of" in raw or "any_of" in raw:
            kind = "all_of" if "all_of" in raw else "any_of"
            nodes = tuple(self.node(child, rule, seen) for child in raw[kind])
            return AllOf(nodes) if kind == "all_of" else AnyOf(nodes)
        if "definition" in raw:
            name = raw["definition"]
            if name not in self.definitions or name in seen:
                raise RuleDataError(
                    self.path, f"unknown or circular definition {name!r}", rule=rule
                )
            return self.node(self.definitions[name], rule, (*seen, name))
        return self.criterion(raw, rule)

    def criterion(self, raw: dict[str, Any], rule: str) -> Criterion:
        attribute, operator = raw.get("attribute"), raw.get("operator")
        key = f"criteria.{attribute}"
        extra = ", ".join(sorted(set(raw) - _CRITERION_KEYS))
        if extra:
            raise RuleDataError(self.path, f"unknown key {extra}", rule=rule, key=key)
        if not isinstance(attribute, str) or operator not in _OPERATORS or "value" not in raw:
            raise RuleDataError(
                self.path, f"needs attribute, operator and value: {raw!r}", rule=rule, key=key
            )
        value, unit = raw["value"], raw.get("unit")
        if unit is not None:
            target = CANONICAL_UNITS.get(attribute)
            if target is None:
                raise RuleDataError(
                    self.path, "a quantity with no canonical unit", rule=rule, key=key
                )
            numbers = value if operator == "between" else [value]
            if not all(_is_number(v) for v in numbers):
                raise RuleDataError(self.path, f"not a number: {value!r}", rule=rule, key=key)
            try:
                value = (
                    [convert(v, unit, target) for v in value]
                    if operator == "between"
                    else convert(value, unit, target)
                )
            except (UnitError, TypeError) as error:
                raise RuleDataError(self.path, str(error), rule=rule, key=key) from None
        elif attribute in CANONICAL_UNITS:
            raise RuleDataError(self.path, "a quantity needs a unit", rule=rule, key=key)
        margin = raw.get("near_margin", self.margin if attribute in CANONICAL_UNITS else 0.0)
        return Criterion(attribute, operator, value, raw.get("condition"), float(margin))


def _legal_basis(instrument: str, raw: dict[str, Any]) -> tuple[LegalBasis, ...]:
    bases = [LegalBasis(instrument, raw["paragraph"], bool(raw.get("verify", False)))]
    for key in ("nsg_ref", "trigger_list_ref"):
        ref = raw.get(key)
        if ref is not None:
            bases.append(
                LegalBasis(ref["instrument"], ref["paragraph"], bool(ref.get("verify", False)))
            )
    return tuple(bases)


def load_control_list(path: Path = PARAMETERS_PATH) -> ControlList:
    """Load and check the parameterised entries.

    Raises:
        RuleDataError: naming the file, the entry id and the key at fault (unknown operator,
            unit or definition, an entry without paragraph, an unknown ``other_than`` id).
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    margin = float(data.get("near_margin", 0.0))
    loader = _Loader(path, data.get("definitions") or {}, margin)
    entries = []
    for raw in data.get("entries") or []:
        rule = raw.get("id")
        extra = ", ".join(sorted(set(raw) - _ENTRY_KEYS))
        if extra:
            raise RuleDataError(path, f"unknown key {extra}", rule=rule)
        for key in ("id", "paragraph", "title", "criteria", "applies_to"):
            if key not in raw:
                raise RuleDataError(path, "missing", rule=rule, key=key)
        applies_to = raw["applies_to"]
        entries.append(
            ControlEntry(
                id=rule,
                paragraph=raw["paragraph"],
                title=raw["title"],
                legal_basis=_legal_basis(data["instrument"], raw),
                criteria=loader.node(raw["criteria"], rule),
                material_classes=frozenset(applies_to.get("material_class", ())),
                products=frozenset(applies_to.get("product", ())),
                other_than=tuple(raw.get("other_than", ())),
                exclusions=tuple(raw.get("exclusions", ())),
            )
        )
    ids = [e.id for e in entries]
    for entry in entries:
        if ids.count(entry.id) > 1:
            raise RuleDataError(path, "duplicate id", rule=entry.id)
        unknown = set(entry.other_than) - set(ids)
        if unknown:
            raise RuleDataError(
                path, f"unknown entry {', '.join(sorted(unknown))}", rule=entry.id, key="other_than"
            )
    return ControlList(entries=tuple(entries), near_margin=margin)


@cache
def default_control_list() -> ControlList:
    """The shipped parameterised entries, loaded once."""
    return load_control_list()


# --- attributes ---------------------------------------------------------------


def resolve_attributes(item: Item, vocabulary: Vocabulary | None = None) -> dict[str, Value]:
    """Every attribute of an item with its source; explicit attributes win.

    Layers, the later winning: a named grade's typical values, what the description says,
    what the ``material``/``grade``/``form`` attributes say, the explicit quantities. Then
    specific modulus and specific tensile strength are derived from modulus, strength and
    density, and the largest linear dimension from the dimensions known.

    Raises:
        UnitError: an explicit attribute has a unit that is unknown or of the wrong kind.
    """
    vocabulary = vocabulary or default_vocabulary()
    explicit = normalize_attributes(item.attributes)
    values: dict[str, Value] = {}
    words = " ".join(str(explicit.pop(k)) for k in ("material", "grade") if k in explicit)
    for text, origin in ((item.description, "description"), (words, "attributes")):
        parsed = parse_item_text(text, vocabulary)
        for name, value in parsed.attributes.items():
            source = parsed.sources[name]
            values[name] = Value(value, origin if source == "description" else source)
    if isinstance(explicit.get("form"), str):
        form = parse_item_text(explicit["form"], vocabulary).attributes.get("form")
        explicit["form"] = form or explicit["form"]
    values.update({name: Value(value, "attributes") for name, value in explicit.items()})
    _derive(values)
    return values


def _tag(*values: Value) -> str:
    sources = dict.fromkeys(v.source for v in values if v.source != "attributes")
    return ", ".join(sources)


def _derive(values: dict[str, Value]) -> None:
    density = values.get("density_g_cm3")
    if density is not None and values.get("material_class", Value(None, "")).value in FIBRE_CLASSES:
        for target, stress, factor in (
            ("specific_modulus_m", "tensile_modulus_gpa", 1e3),
            ("specific_tensile_strength_m", "uts_mpa", 1.0),
        ):
            given = values.get(stress)
            if target in values or given is None:
                continue
            if isinstance(given.value, Range) or isinstance(density.value, Range):
                continue  # a range of strengths or densities: the specific value stays unknown
            source = f"{stress} {_fmt(given.value)} / density_g_cm3 {_fmt(density.value)}"
            tag = _tag(given, density)
            values[target] = Value(
                specific_length_m(given.value * factor, density.value),
                f"{source}, {tag}" if tag else source,
            )
    if "max_linear_dimension_mm" not in values:
        names = (
            "outer_diameter_mm",
            "length_mm",
            "width_mm",
            "thickness_mm",
            "inner_diameter_mm",
        )
        known = [_largest(values[n]) for n in names if n in values]
        if known:
            largest = max(known, key=lambda v: float(v.value))
            complete = "length_mm" in values and (
                "outer_diameter_mm" in values or "width_mm" in values
            )
            values["max_linear_dimension_mm"] = Value(
                largest.value, largest.source, largest.lower_bound or not complete
            )


def _largest(found: Value) -> Value:
    """A dimension given as a range by its largest end (a lower bound when only its low end)."""
    if not isinstance(found.value, Range):
        return found
    if found.value.high is not None:
        return Value(found.value.high, found.source)
    return Value(found.value.low, found.source, lower_bound=True)


# --- evaluation ---------------------------------------------------------------


def _fmt(value: Any) -> str:
    if isinstance(value, Range):
        if value.high is None:
            return f"at least {_fmt(value.low)}"
        if value.low is None:
            return f"up to {_fmt(value.high)}"
        return f"{_fmt(value.low)}-{_fmt(value.high)}"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        if abs(value) >= 1e6:
            return f"{value / 1e6:.4g}x10^6"
        if abs(value) >= 1e5:
            return f"{value / 1e4:.4g}x10^4"
        return f"{value:.4g}"
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(_fmt(v) for v in value) + "]"
    return str(value)


@dataclass(slots=True)
class _Result:
    outcome: str
    reasons: list[str]
    missing: list[str] = field(default_factory=list)


def _evaluate(node: Node, values: Mapping[str, Value], used: dict[str, Value]) -> _Result:
    if isinstance(node, Criterion):
        return _evaluate_criterion(node, values, used)
    results = [_evaluate(child, values, used) for child in node.nodes]
    order = (
        (_NOT_MET, _UNKNOWN, _NEAR, _MET)
        if isinstance(node, AllOf)
        else (_MET, _UNKNOWN, _NEAR, _NOT_MET)
    )
    outcome = next(o for o in order if any(r.outcome == o for r in results))
    chosen = [r for r in results if r.outcome == outcome]
    if isinstance(node, AllOf) and outcome in (_NEAR, _UNKNOWN):
        shown = (_UNKNOWN, _NEAR) if outcome == _UNKNOWN else (_NEAR, _MET)
        chosen = [r for r in results if r.outcome in shown]
    return _Result(
        outcome,
        [reason for r in chosen for reason in r.reasons],
        [name for r in results for name in r.missing],
    )


def _evaluate_criterion(
    criterion: Criterion, values: Mapping[str, Value], used: dict[str, Value]
) -> _Result:
    name, op, threshold = criterion.attribute, criterion.operator, criterion.value
    wanted = (
        f"{op} {_fmt(threshold)}"
        if op != "between"
        else f"{_fmt(threshold[0])}-{_fmt(threshold[1])}"
    )
    found = values.get(name)
    if found is None:
        return _Result(_UNKNOWN, [f"{name} unknown (needed {wanted})"], [name])
    used[name] = found
    value, tag = found.value, _tag(found)
    tag = f" ({tag})" if tag else ""
    if op in _NUMERIC:
        if isinstance(value, Range):
            return _compare_range(criterion, value, wanted, tag)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _Result(
                _UNKNOWN, [f"{name} {value!r} is not a number (needed {wanted})"], [name]
            )
        bound = Range(float(value), None) if found.lower_bound else None
        return _compare(criterion, float(value), wanted, tag, bound=bound)
    if op == "==":
        met = value == threshold
    elif op == "in":
        met = value in threshold
    else:  # subset_of
        met = set(value if isinstance(value, list | tuple) else [value]) <= set(threshold)
    if met:
        return _Result(_MET, [f"{name} {_fmt(value)}{tag}"])
    relation = "not" if op == "==" else "not within" if op == "subset_of" else "not in"
    return _Result(_NOT_MET, [f"{name} {_fmt(value)} {relation} {_fmt(threshold)}{tag}"])


def _compare_range(criterion: Criterion, found: Range, wanted: str, tag: str) -> _Result:
    """Test a range at the end that can reach the threshold (see the module docstring)."""
    name, op = criterion.attribute, criterion.operator
    shown = f"{name} {_fmt(found)}"
    if op == "between":
        low, high = criterion.value
        if found.low is not None and found.low > high:
            return _compare(criterion, found.low, wanted, tag, shown=shown)
        if found.high is not None and found.high < low:
            return _compare(criterion, found.high, wanted, tag, shown=shown)
        # a range given by one end outside the window may or may not reach into it
        known = found.low if found.high is None else found.high if found.low is None else None
        if known is not None and not low <= known <= high:
            return _Result(_UNKNOWN, [f"{shown} (needed {wanted}{tag})"], [name])
        return _Result(_MET, [f"{shown} overlaps {wanted}{tag}"])
    if op in (">=", ">"):
        end, value, other = "max", found.high, found.low
    else:
        end, value, other = "min", found.low, found.high
    if value is not None:
        return _compare(criterion, value, wanted, tag, shown=f"{shown} ({end} {_fmt(value)})")
    if other is not None:  # only the other end is given: it bounds the end the test needs
        return _compare(criterion, other, wanted, tag, shown=shown, bound=found)
    return _Result(_UNKNOWN, [f"{name} unknown (needed {wanted})"], [name])


def _compare(
    criterion: Criterion,
    value: float,
    wanted: str,
    tag: str,
    shown: str | None = None,
    bound: Range | None = None,
) -> _Result:
    """Compare one number with the criterion's threshold.

    ``bound`` says that ``value`` only bounds the value the test needs (a largest dimension
    known, a range given by one end): a test it does not settle is unknown, not failed.
    """
    name, op, threshold, margin = (
        criterion.attribute,
        criterion.operator,
        criterion.value,
        criterion.near_margin,
    )
    shown = shown or f"{name} {_fmt(value)}"
    unsettled = _Result(_UNKNOWN, [f"{name} {_fmt(bound)} (needed {wanted}{tag})"], [name])
    at_least, at_most = (
        bound is not None and bound.high is None,
        bound is not None and bound.low is None,
    )
    if op == "between":
        low, high = threshold
        if low <= value <= high:
            return _Result(_MET, [f"{shown} within {wanted}{tag}"])
        if (at_least and value < low) or (at_most and value > high):
            return unsettled
        near = low * (1 - margin) <= value <= high * (1 + margin)
        return _Result(
            _NEAR if near else _NOT_MET,
            [f"{shown} outside {wanted}{' (near)' if near else ''}{tag}"],
        )
    met = {
        ">=": value >= threshold,
        ">": value > threshold,
        "<=": value <= threshold,
        "<": value < threshold,
    }[op]
    if met:
        return _Result(_MET, [f"{shown} {op} {_fmt(threshold)}{tag}"])
    if (at_least and op in (">=", ">")) or (at_most and op in ("<=", "<")):
        return unsettled
    near = (
        value >= threshold * (1 - margin)
        if op in (">=", ">")
        else value <= threshold * (1 + margin)
    )
    if near and margin > 0:
        percent = f"{margin:.0%}"
        return _Result(_NEAR, [f"{shown} {_NEGATED[op]} {_fmt(threshold)}, within {percent}{tag}"])
    return _Result(_NOT_MET, [f"{shown} {_NEGATED[op]} {_fmt(threshold)}{tag}"])


def _conclusion(status: str, paragraph: str) -> str:
    return {
        "controlled": paragraph,
        "not_controlled": f"not {paragraph}",
        "near_threshold": f"near the {paragraph} threshold, review",
        "unknown": f"{paragraph} undetermined, review",
    }[status]


def _determine(
    entry: ControlEntry,
    values: Mapping[str, Value],
    controls: ControlList,
    done: dict[str, ControlDetermination],
    candidates: set[str],
) -> ControlDetermination:
    if entry.id in done:
        return done[entry.id]
    used: dict[str, Value] = {}
    result = _evaluate(entry.criteria, values, used)
    status = _STATUS[result.outcome]
    evidence = f"{', '.join(result.reasons)}: {_conclusion(status, entry.paragraph)}"
    for other_id in entry.other_than:
        if other_id not in candidates:
            continue
        other = _determine(controls.entry(other_id), values, controls, done, candidates)
        if other.status == "controlled" and status != "not_controlled":
            status = "not_controlled"
            evidence = f"specified in {other.paragraph} instead: not {entry.paragraph}"
    done[entry.id] = ControlDetermination(
        entry_id=entry.id,
        paragraph=entry.paragraph,
        title=entry.title,
        status=status,
        evidence=evidence,
        legal_basis=entry.legal_basis,
        values=used,
        missing=tuple(dict.fromkeys(result.missing)) if status == "unknown" else (),
    )
    return done[entry.id]


def determine_item(
    item: Item, controls: ControlList | None = None, vocabulary: Vocabulary | None = None
) -> list[ControlDetermination]:
    """Determine the item against every entry its material class or product is a candidate for.

    Returns an empty list when no parameterised entry covers the item's material or product
    (the dual-use catalogue search, ``tradescreen.reference.dual_use``, covers the rest).

    Raises:
        UnitError: an explicit attribute has a unit that cannot be read.
    """
    controls = controls or default_control_list()
    values = resolve_attributes(item, vocabulary)
    material_class = values.get("material_class", Value(None, "")).value
    product = values.get("product", Value(None, "")).value
    candidates = [
        e for e in controls.entries if material_class in e.material_classes or product in e.products
    ]
    ids = {e.id for e in candidates}
    done: dict[str, ControlDetermination] = {}
    return [_determine(entry, values, controls, done, ids) for entry in candidates]


def determination_finding(determination: ControlDetermination, subject: str) -> Finding:
    """The item finding: controlled is license_required, near or unknown review.

    The rule id is the entry id of the catalogue (``EU-1C202-a``).
    """
    details: dict[str, Any] = {"status": determination.status, "paragraph": determination.paragraph}
    details["values"] = {
        name: {
            "value": v.value.to_dict() if isinstance(v.value, Range) else v.value,
            "source": v.source,
        }
        for name, v in determination.values.items()
    }
    if determination.missing:
        details["missing"] = list(determination.missing)
    return Finding(
        kind="item",
        rule_id=determination.entry_id,
        effect=STATUS_EFFECTS[determination.status],
        legal_basis=determination.legal_basis,
        evidence=determination.evidence,
        subject=subject,
        details=details,
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
