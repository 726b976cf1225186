"""Read the attributes a control-list determination needs from a free-text item description.

``"7075-T6 tube OD 80mm"`` gives material class ``aluminium_alloy``, grade ``7075-T6`` (with
its typical UTS from ``data/control_lists/material_grades.yml``), form ``tube`` and
``outer_diameter_mm`` 80. The words for grades, material classes, products and forms are data;
the labels of dimensions and other quantities are the table ``QUANTITY_LABELS`` below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tradescreen.exc import RuleDataError
from tradescreen.rules.units import (
    CANONICAL_UNITS,
    LOWER_BOUND_WORDS,
    RANGE_SEPARATOR,
    UPPER_BOUND_WORDS,
    Range,
    UnitError,
    canonical_attribute,
    dimension_of,
)

__all__ = [
    "FIBRE_CLASSES",
    "GRADES_PATH",
    "QUANTITY_LABELS",
    "Grade",
    "ParsedItem",
    "Vocabulary",
    "default_vocabulary",
    "load_vocabulary",
    "parse_item_text",
]

GRADES_PATH = Path(__file__).parents[1] / "data" / "control_lists" / "material_grades.yml"

#: Labels that name a quantity, as (attribute, regular expression), the more specific first:
#: "inside diameter" before "diameter", "specific modulus" before "modulus".
QUANTITY_LABELS: tuple[tuple[str, str], ...] = (
    ("workpiece_diameter", r"(?:max(?:imum)?\.?\s+)?(?:turning|workpiece|machining)\s+diameter"),
    ("positioning_repeatability", r"(?:unidirectional\s+)?(?:positioning\s+)?repeatability"),
    ("travel_length", r"(?:axis\s+)?travel(?:\s+length)?|stroke"),
    ("inner_diameter", r"i\.?d\.?|inside\s+diameter|inner\s+diameter|internal\s+diameter|bore"),
    ("outer_diameter", r"o\.?d\.?|outside\s+diameter|outer\s+diameter|external\s+diameter"),
    ("wall_thickness", r"wall(?:\s+thickness)?|w\.?t\.?"),
    ("outer_diameter", r"diameter|dia\.?|[Øø⌀]"),
    ("length", r"length|long"),
    ("width", r"width|wide"),
    ("thickness", r"thickness|thick"),
    ("specific_modulus", r"specific\s+modulus"),
    ("specific_tensile_strength", r"specific\s+(?:tensile\s+)?strength"),
    ("uts", r"uts|ultimate\s+tensile\s+strength|tensile\s+strength|strength"),
    ("tensile_modulus", r"(?:tensile\s+|young'?s\s+)?modulus"),
    ("density", r"density"),
    ("frequency_control", r"frequency\s+(?:control|stability|accuracy)"),
    ("frequency", r"(?:output\s+|operating\s+)?frequency"),
    ("output_power", r"(?:output\s+)?power"),
    ("input_throat_size", r"(?:input\s+|inlet\s+)?throat(?:\s+size)?|inlet(?:\s+(?:size|flange))?"),
    ("pumping_speed", r"pumping\s+speed"),
    ("ultimate_vacuum", r"ultimate\s+(?:vacuum|pressure)"),
    ("full_scale", r"full[- ]scale(?:\s+range)?|range"),
    ("positioning_accuracy", r"(?:positioning\s+)?accuracy"),
)

#: Unlabelled quantities whose dimension names the attribute without doubt.
_BY_DIMENSION = {"frequency": "frequency", "power": "output_power", "flow": "pumping_speed"}

_NUM = r"(?:\d{1,3}(?:[ \u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?:\s*[x×]\s*10\^?[-+]?\d{1,2})?"
# A unit starts with no digit or dash, so that "600-2000 Hz" and "3-axis" are not "600 -2000Hz".
_UNIT = r"[^\s\d,;()\-–—][^\s,;()]*"
#: A quantity, a range or one end of a range: "80mm", "600-2000 Hz", "600 Hz to 2 kHz",
#: ">= 600 Hz", "up to 2 kHz" (units.parse_range reads the value).
_QTY = (
    rf"(?P<value>(?:(?:{LOWER_BOUND_WORDS}|{UPPER_BOUND_WORDS})\s*|from\s+)?"
    rf"{_NUM}(?:\s*(?:{_UNIT})?{RANGE_SEPARATOR}{_NUM})?\s*(?P<unit>{_UNIT}))"
)
_COUNTS = {
    "rollers_count": re.compile(r"(\d+)[- ]?(?:\w+\s+)?rollers?\b", re.I),
    "rotary_axes": re.compile(r"(\d+)\s+(?:contouring\s+)?rotary\s+axes\b", re.I),
    "coordinated_axes": re.compile(r"(\d+)[- ]?(?:axis|axes)\b", re.I),
}
_NUMERICAL_CONTROL = re.compile(
    r"\b(?:cnc|nc|numerical(?:ly)?\s+control\w*|computer\s+control\w*)\b", re.I
)
#: Material classes that are fibres: a fibre with no other form named is a continuous fibre.
FIBRE_CLASSES = frozenset({"carbon_fibre", "aramid_fibre", "glass_fibre", "organic_fibre"})
_ROUND_FORMS = {"bar"}  # a bar or rod with a diameter is a cylindrical solid


@dataclass(frozen=True, slots=True)
class Grade:
    name: str
    pattern: re.Pattern[str]
    material_class: str
    #: Typical values under canonical attribute names (``uts_mpa``, ``density_g_cm3``).
    properties: dict[str, float]
    source: str


@dataclass(frozen=True, slots=True)
class Vocabulary:
    grades: tuple[Grade, ...]
    material_classes: dict[str, tuple[re.Pattern[str], ...]]
    products: dict[str, tuple[re.Pattern[str], ...]]
    forms: dict[str, tuple[re.Pattern[str], ...]]


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """What a description says, each attribute with where its value came from."""

    attributes: dict[str, Any] = field(default_factory=dict)
    #: Attribute name to source: ``"description"`` or ``"<grade> typical"``.
    sources: dict[str, str] = field(default_factory=dict)
    grade: Grade | None = None
    #: Quantities seen in the text whose unit is not understood ("36 krpm").
    unread: tuple[str, ...] = ()


def _word_pattern(expression: str, path: Path, key: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?<!\w)(?:{expression})(?!\w)", re.I)
    except re.error as error:
        raise RuleDataError(
            path, f"bad regular expression {expression!r}: {error}", key=key
        ) from None


def _phrase_table(
    data: dict[str, Any], section: str, path: Path
) -> dict[str, tuple[re.Pattern[str], ...]]:
    table = data.get(section)
    if not isinstance(table, dict):
        raise RuleDataError(path, "missing or not a mapping", key=section)
    return {
        name: tuple(_word_pattern(p, path, f"{section}.{name}") for p in phrases)
        for name, phrases in table.items()
    }


def load_vocabulary(path: Path = GRADES_PATH) -> Vocabulary:
    """Load grades and the words for material classes, products and forms.

    Raises:
        RuleDataError: a grade lacks a field, has a bad pattern or an unknown property.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    grades = []
    for number, row in enumerate(data.get("grades") or []):
        key = f"grades[{number}]"
        missing = {"grade", "match", "material_class", "source", "uts_mpa"} - set(row)
        if missing:
            raise RuleDataError(path, f"missing {', '.join(sorted(missing))}", key=key)
        properties = {
            k: v for k, v in row.items() if k not in {"grade", "match", "material_class", "source"}
        }
        for name, value in properties.items():
            if name not in CANONICAL_UNITS or not isinstance(value, int | float):
                raise RuleDataError(
                    path, f"{name}: not a canonical quantity with a number", key=key
                )
        grades.append(
            Grade(
                name=str(row["grade"]),
                pattern=_word_pattern(row["match"], path, key),
                material_class=row["material_class"],
                properties={k: float(v) for k, v in properties.items()},
                source=row["source"],
            )
        )
    vocabulary = Vocabulary(
        grades=tuple(grades),
        material_classes=_phrase_table(data, "material_classes", path),
        products=_phrase_table(data, "products", path),
        forms=_phrase_table(data, "forms", path),
    )
    unknown = {g.material_class for g in grades} - set(vocabulary.material_classes)
    if unknown:
        raise RuleDataError(
            path, f"unknown material class {', '.join(sorted(unknown))}", key="grades"
        )
    return vocabulary


@cache
def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary, loaded once."""
    return load_vocabulary()


def _first(table: dict[str, tuple[re.Pattern[str], ...]], text: str) -> str | None:
    for name, patterns in table.items():
        if any(p.search(text) for p in patterns):
            return name
    return None


def _blank(text: str, match: re.Match[str]) -> str:
    """The text with the match replaced by spaces, so that it is read only once."""
    return text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]


def _read_quantities(text: str) -> tuple[dict[str, float | Range], list[str]]:
    values: dict[str, float | Range] = {}
    unread: list[str] = []

    def take(attribute: str, match: re.Match[str]) -> bool:
        quantity = match["value"]
        try:
            name, value = canonical_attribute(attribute, quantity)
        except UnitError:
            unread.append(quantity)
            return False
        values.setdefault(name, value)
        return True

    for attribute, label in QUANTITY_LABELS:
        for pattern in (
            rf"(?<!\w)(?:{label})(?![^\W\d_])\s*[:=]?\s*(?:of\s+)?(?:±|\+/-)?\s*{_QTY}",
            rf"(?<![\w.,]){_QTY}\s+(?:{label})(?!\w)",
        ):
            for match in re.finditer(pattern, text, re.I):
                if take(attribute, match):
                    text = _blank(text, match)
    for match in re.finditer(rf"(?<![\w.,]){_QTY}", text, re.I):
        try:
            dimension = dimension_of(match["unit"])
        except UnitError:
            continue
        if dimension in _BY_DIMENSION:
            take(_BY_DIMENSION[dimension], match)
    return values, unread


def parse_item_text(text: str, vocabulary: Vocabulary | None = None) -> ParsedItem:
    """Parse a description such as ``"maraging steel 350 bar, Ø120 mm"`` into attributes.

    Values read from the text win over the grade's typical values.
    """
    vocabulary = vocabulary or default_vocabulary()
    attributes: dict[str, Any] = {}
    sources: dict[str, str] = {}
    grade = None
    rest = text
    for candidate in vocabulary.grades:
        match = candidate.pattern.search(text)
        if match is not None:
            grade = candidate
            rest = _blank(text, match)  # "350" of "maraging 350 bar" is no quantity
            break
    material_class = grade.material_class if grade else _first(vocabulary.material_classes, text)
    if grade is not None:
        attributes["grade"] = grade.name
        attributes.update(grade.properties)
        sources.update(dict.fromkeys(["grade", *grade.properties], f"{grade.name} typical"))
    if material_class is not None:
        attributes["material_class"] = material_class
        sources["material_class"] = f"{grade.name} grade" if grade else "description"
    product = _first(vocabulary.products, text)
    if product is not None:
        attributes["product"] = product
        sources["product"] = "description"
    values, unread = _read_quantities(rest)
    for name, value in _read_counts(rest).items():
        values[name] = value
    attributes.update(values)
    sources.update(dict.fromkeys(values, "description"))
    form = _first(vocabulary.forms, text)
    if form in _ROUND_FORMS and "outer_diameter_mm" in values:
        form = "cylindrical_solid"
    if form is None and material_class in FIBRE_CLASSES:
        form, sources["form"] = "fibre", "material class"
    if form is not None:
        attributes["form"] = form
        sources.setdefault("form", "description")
    return ParsedItem(attributes=attributes, sources=sources, grade=grade, unread=tuple(unread))


def _read_counts(text: str) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for name, pattern in _COUNTS.items():
        match = pattern.search(text)
        if match is not None:
            counts[name] = int(match[1])
    if _NUMERICAL_CONTROL.search(text):
        counts["numerical_control"] = True
    return counts
