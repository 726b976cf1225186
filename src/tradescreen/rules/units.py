"""Quantities with units: parse them, convert them to the canonical unit of an attribute.

Transaction attributes carry their unit as a suffix (``uts_mpa``, ``outer_diameter_mm``,
``specific_modulus_m``). A caller may also send another unit (``uts_ksi: 83``,
``outer_diameter_in: 3.5``) or a string with its unit (``"outer_diameter": "4 in"``);
``normalize_attributes`` turns all of them into the canonical names of ``CANONICAL_UNITS``.

Datasheets give ranges: a ``_min``/``_max`` pair (``frequency_min_hz``, ``frequency_max_hz``)
or a range value (``"600-2000 Hz"``, ``"600 Hz to 2 kHz"``, ``">= 600 Hz"``, ``"up to 2 kHz"``)
becomes a ``Range`` in the canonical unit. docs/attributes.md lists every attribute.

The unit table is hand-written and small: every unit is a dimension and a factor to the
dimension's SI unit. Control-list text uses EU typography (``1 950 MPa``, ``12,7 x 106 m``),
trade text US typography (``1,950 MPa``, ``3.5"``); ``parse_quantity`` reads both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ATTRIBUTE_ALIASES",
    "CANONICAL_UNITS",
    "STANDARD_GRAVITY",
    "Range",
    "UnitError",
    "canonical_attribute",
    "convert",
    "dimension_of",
    "normalize_attributes",
    "parse_number",
    "parse_quantity",
    "parse_range",
    "specific_length_m",
]

#: Standard acceleration of gravity (m/s²): specific weight = density x g.
STANDARD_GRAVITY = 9.80665


class UnitError(ValueError):
    """A value's unit is unknown, or it cannot be converted to the unit asked for."""

    def __init__(self, value: object, problem: str, attribute: str | None = None) -> None:
        self.value = value
        self.problem = problem
        #: The attribute whose value it is, when known (for a JSON pointer into the item).
        self.attribute = attribute
        where = f"{attribute}: " if attribute else ""
        super().__init__(f"{where}{value!r}: {problem}")


_PSI = 6894.757293168
# symbol -> (dimension, factor to the dimension's SI unit). Lookup is exact first, then
# case-insensitive: "mpa" in trade text means MPa; only an exact "mPa" is the millipascal.
_UNITS: dict[str, tuple[str, float]] = {
    # length, SI unit m (also the unit of specific modulus and specific tensile strength)
    "m": ("length", 1.0),
    "cm": ("length", 1e-2),
    "mm": ("length", 1e-3),
    "um": ("length", 1e-6),
    "km": ("length", 1e3),
    "in": ("length", 0.0254),
    "inch": ("length", 0.0254),
    "inches": ("length", 0.0254),
    '"': ("length", 0.0254),
    "ft": ("length", 0.3048),
    # stress and pressure, SI unit Pa
    "Pa": ("pressure", 1.0),
    "mPa": ("pressure", 1e-3),
    "hPa": ("pressure", 1e2),
    "kPa": ("pressure", 1e3),
    "MPa": ("pressure", 1e6),
    "GPa": ("pressure", 1e9),
    "N/mm2": ("pressure", 1e6),
    "N/m2": ("pressure", 1.0),
    "kgf/mm2": ("pressure", STANDARD_GRAVITY * 1e6),
    "psi": ("pressure", _PSI),
    "ksi": ("pressure", _PSI * 1e3),
    "Msi": ("pressure", _PSI * 1e6),
    "bar": ("pressure", 1e5),
    "mbar": ("pressure", 1e2),
    "torr": ("pressure", 101325 / 760),
    # frequency, SI unit Hz; a rotational speed in rpm is revolutions per minute
    "Hz": ("frequency", 1.0),
    "kHz": ("frequency", 1e3),
    "MHz": ("frequency", 1e6),
    "rpm": ("frequency", 1 / 60),
    "r.p.m.": ("frequency", 1 / 60),
    # density, SI unit kg/m3
    "g/cm3": ("density", 1e3),
    "g/cc": ("density", 1e3),
    "kg/m3": ("density", 1.0),
    # apparent power, SI unit VA. A rating in W (real power) never exceeds the apparent
    # power, so reading W as VA can only understate it.
    "VA": ("power", 1.0),
    "kVA": ("power", 1e3),
    "W": ("power", 1.0),
    "kW": ("power", 1e3),
    # volumetric flow, SI unit m3/s
    "m3/s": ("flow", 1.0),
    "m3/h": ("flow", 1 / 3600),
    "l/s": ("flow", 1e-3),
    "l/min": ("flow", 1e-3 / 60),
    # ratios, unit percent
    "%": ("ratio", 1.0),
    "percent": ("ratio", 1.0),
    "pct": ("ratio", 1.0),
    # mass, SI unit kg
    "kg": ("mass", 1.0),
    "g": ("mass", 1e-3),
    "t": ("mass", 1e3),
    "lb": ("mass", 0.45359237),
}
_UNITS_FOLDED = {symbol.lower(): spec for symbol, spec in reversed(_UNITS.items())}
_UNITS_FOLDED["mpa"] = _UNITS["MPa"]

#: Attribute suffixes and the unit each stands for (attribute names are lower case).
_SUFFIXES = {
    "mpa": "MPa",
    "gpa": "GPa",
    "kpa": "kPa",
    "pa": "Pa",
    "ksi": "ksi",
    "psi": "psi",
    "mm": "mm",
    "um": "um",
    "cm": "cm",
    "m": "m",
    "in": "in",
    "hz": "Hz",
    "khz": "kHz",
    "rpm": "rpm",
    "va": "VA",
    "kva": "kVA",
    "w": "W",
    "kw": "kW",
    "g_cm3": "g/cm3",
    "kg_m3": "kg/m3",
    "m3_s": "m3/s",
    "m3_h": "m3/h",
    "percent": "percent",
    "pct": "percent",
}


def _suffix_of(name: str) -> str:
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith("_" + suffix):
            return suffix
    return ""


#: The attributes the control-list entries test, in their canonical unit.
CANONICAL_UNITS: dict[str, str] = {
    "uts_mpa": "MPa",
    "uts_solution_annealed_mpa": "MPa",
    "tensile_modulus_gpa": "GPa",
    "density_g_cm3": "g/cm3",
    "specific_modulus_m": "m",
    "specific_tensile_strength_m": "m",
    "outer_diameter_mm": "mm",
    "inner_diameter_mm": "mm",
    "wall_thickness_mm": "mm",
    "length_mm": "mm",
    "width_mm": "mm",
    "thickness_mm": "mm",
    "max_linear_dimension_mm": "mm",
    "windable_inner_diameter_mm": "mm",
    "windable_length_mm": "mm",
    "rotor_inner_diameter_mm": "mm",
    "input_throat_size_mm": "mm",
    "convolution_depth_mm": "mm",
    "frequency_hz": "Hz",
    "output_power_va": "VA",
    "frequency_control_percent": "percent",
    "pumping_speed_m3_s": "m3/s",
    "ultimate_vacuum_pa": "Pa",
    "full_scale_kpa": "kPa",
    "accuracy_pa": "Pa",
    "accuracy_percent": "percent",
    "positioning_repeatability_um": "um",
    "positioning_accuracy_um": "um",
    "travel_length_mm": "mm",
    "workpiece_diameter_mm": "mm",
}
_BASES = {name.removesuffix("_" + _suffix_of(name)): name for name in CANONICAL_UNITS}
#: Other names for a quantity, without unit suffix: the names of the rule catalogue
#: (../shared/domain/dprk_rules.yaml) and of datasheets (``power_va``).
ATTRIBUTE_ALIASES = {
    "power": "output_power",
    "multiphase_output_power": "output_power",
    "output_frequency": "frequency",
    "operating_frequency": "frequency",
    "frequency_accuracy": "frequency_control",
    "frequency_stability": "frequency_control",
    "diameter": "outer_diameter",
    "repeatability": "positioning_repeatability",
    "unidirectional_positioning_repeatability": "positioning_repeatability",
    "travel": "travel_length",
}


@dataclass(frozen=True, slots=True)
class Range:
    """A quantity given as a range, in the attribute's canonical unit; ``None``: an end not given.

    ``"600-2000 Hz"`` is ``Range(600, 2000)``; ``">= 600 Hz"`` or ``frequency_min_hz`` alone
    is ``Range(600, None)``; ``"up to 2 kHz"`` is ``Range(None, 2000)``.
    """

    low: float | None
    high: float | None

    def to_dict(self) -> dict[str, float | None]:
        return {"min": self.low, "max": self.high}


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_NUMBER = r"[-+]?\d+(?:[ \u00a0\u2009]\d{3})*(?:[.,]\d+)*"
_EXPONENT = r"(?:\s*[x×*]\s*10\s*\^?\s*(?P<exp>[-+]?\d{1,2})|[eE](?P<eexp>[-+]?\d+))?"
_QUANTITY = re.compile(rf"^\s*(?P<num>{_NUMBER}){_EXPONENT}\s*(?P<unit>.*?)\s*$")


def parse_number(text: str) -> float:
    """Read a number in EU or US typography: ``1 950``, ``1,950``, ``0,9``, ``2,050.5``.

    A comma followed by exactly three digits, with no decimal point elsewhere, is a
    thousands separator; any other comma is the decimal comma.
    """
    digits = re.sub(r"[ \u00a0\u2009]", "", text.strip())
    if "," in digits and "." in digits:
        digits = digits.replace(",", "")
    elif re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", digits):
        digits = digits.replace(",", "")
    else:
        digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        raise UnitError(text, "not a number") from None


def _unit_spec(unit: str) -> tuple[str, float]:
    symbol = unit.strip().translate(_SUPERSCRIPTS).replace("²", "2").replace("³", "3")
    symbol = symbol.replace("µ", "u").replace("μ", "u").replace("·", "").replace(" ", "")
    spec = _UNITS.get(symbol) or _UNITS_FOLDED.get(symbol.lower())
    if spec is None:
        raise UnitError(unit, "unknown unit")
    return spec


def dimension_of(unit: str) -> str:
    """The dimension of a unit: ``"ksi"`` is a pressure, ``"rpm"`` a frequency."""
    return _unit_spec(unit)[0]


def convert(value: float, unit: str, to: str) -> float:
    """Convert ``value`` from ``unit`` to ``to``; raise ``UnitError`` across dimensions."""
    (dimension, factor), (target_dimension, target_factor) = _unit_spec(unit), _unit_spec(to)
    if dimension != target_dimension:
        raise UnitError(f"{value} {unit}", f"a {dimension} cannot be converted to {to}")
    return value * factor / target_factor


def _split_quantity(text: str) -> tuple[float, str]:
    """Value and unit text (empty when none is written) of ``"12,7 x 10^6 m"``."""
    match = _QUANTITY.match(text.translate(_SUPERSCRIPTS))
    if match is None:
        raise UnitError(text, "not a quantity with a unit")
    value = parse_number(match["num"])
    exponent = match["exp"] or match["eexp"]
    if exponent is not None:
        value *= 10 ** int(exponent)
    return value, match["unit"]


def parse_quantity(text: str) -> tuple[float, str]:
    """Split ``"75 ksi"``, ``"3.5 in"``, ``"12,7 x 10^6 m"``, ``"14×10⁶ m"`` into value and unit.

    Raises:
        UnitError: no number, or a unit that is not in the table.
    """
    value, unit = _split_quantity(text)
    if not unit:
        raise UnitError(text, "no unit")
    _unit_spec(unit)
    return value, unit


#: Words before a quantity that make it one end of a range (the other end not given).
LOWER_BOUND_WORDS = r"≥|>=|>|at\s+least|min(?:imum)?\.?|more\s+than|over|above"
UPPER_BOUND_WORDS = r"≤|<=|<|up\s+to|max(?:imum)?\.?|less\s+than|better\s+than|below|under"
#: What separates the ends of a range: 600-2000, 600 – 2000, 600 to 2000, 600...2000.
RANGE_SEPARATOR = r"\s*(?:-|–|—|\.\.\.?|~|\bto\b)\s*"
_BOUND = re.compile(
    rf"^\s*(?:(?P<lower>{LOWER_BOUND_WORDS})|(?P<upper>{UPPER_BOUND_WORDS}))\s*(?P<rest>\d.*)$",
    re.I,
)
_SPAN = re.compile(rf"^\s*(?:from\s+)?(?P<low>\d.*?){RANGE_SEPARATOR}(?P<high>\d.*)$", re.I)


def _is_range_text(text: str) -> bool:
    return bool(_BOUND.match(text) or _SPAN.match(text))


def parse_range(text: str, to: str, unit: str | None = None) -> Range:
    """Read ``"600-2000 Hz"``, ``"600 Hz to 2 kHz"``, ``">= 600 Hz"``, ``"up to 2 kHz"`` in ``to``.

    ``unit`` is the unit of a number written without one (an attribute's suffix); the low
    end of ``"600-2000 Hz"`` takes the unit of the high end.

    Raises:
        UnitError: not a range, an unknown unit, or a low end above the high end.
    """
    bound, span = _BOUND.match(text), _SPAN.match(text)
    if bound is not None:
        ends = [bound["rest"]]
    elif span is not None:
        ends = [span["low"], span["high"]]
    else:
        raise UnitError(text, "not a quantity or a range")
    read = [_split_quantity(end) for end in ends]
    fallback = read[-1][1] or unit
    if not fallback:
        raise UnitError(text, "no unit")
    values = [convert(value, written or fallback, to) for value, written in read]
    if bound is not None:
        return Range(values[0], None) if bound["lower"] else Range(None, values[0])
    low, high = values
    if low > high:
        raise UnitError(text, "the low end of the range is above the high end")
    return Range(low, high)


def specific_length_m(stress_mpa: float, density_g_cm3: float) -> float:
    """Specific modulus or specific tensile strength in metres: stress / (density x g).

    This is the Annex I definition: a modulus or strength in N/m² divided by the specific
    weight in N/m³. T700S: 4 900 MPa / (1 800 kg/m³ x 9.80665 m/s²) = 277 590 m.
    """
    return stress_mpa * 1e6 / (density_g_cm3 * 1e3 * STANDARD_GRAVITY)


def canonical_attribute(name: str, value: Any) -> tuple[str, Any]:
    """Name and value of one attribute in its canonical unit.

    ``("uts_ksi", 83)`` becomes ``("uts_mpa", 572.3)``, ``("outer_diameter", "4 in")``
    becomes ``("outer_diameter_mm", 101.6)``. Attributes that are not quantities the
    control lists test (``form``, ``material``) pass through unchanged.

    Raises:
        UnitError: the unit is unknown or of the wrong dimension for the attribute.
    """
    suffix = _suffix_of(name)
    base = name.removesuffix("_" + suffix) if suffix else name
    canonical = _BASES.get(ATTRIBUTE_ALIASES.get(base, base))
    if canonical is None:
        return name, value
    target = CANONICAL_UNITS[canonical]
    try:
        if isinstance(value, str):
            return canonical, _read_text(value, target, _SUFFIXES.get(suffix))
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise UnitError(value, "not a number or a quantity with a unit")
        elif not suffix:
            raise UnitError(value, f"no unit: write {canonical} or a string with a unit")
        else:
            number, unit = float(value), _SUFFIXES[suffix]
        return canonical, convert(number, unit, target)
    except UnitError as error:
        problem = error.problem if error.value == value else f"{error.problem} {error.value!r}"
        raise UnitError(value, problem, attribute=name) from None


def _read_text(text: str, target: str, unit: str | None) -> float | Range:
    """A value or a range written as text; ``unit`` is the unit of a bare number."""
    try:
        number, written = (parse_number(text), unit) if unit else parse_quantity(text)
    except UnitError:
        if not _is_range_text(text):
            raise
        return parse_range(text, target, unit)
    return convert(number, written, target)


def _range_end(name: str) -> tuple[str, str] | None:
    """``("frequency_hz", "min")`` for ``frequency_min_hz`` or ``frequency_hz_min``."""
    suffix = _suffix_of(name)
    for end in ("min", "max"):
        if name.endswith("_" + end):
            return name.removesuffix("_" + end), end
        if suffix and name.endswith(f"_{end}_{suffix}"):
            return name.removesuffix(f"_{end}_{suffix}") + "_" + suffix, end
    return None


def normalize_attributes(attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Every attribute under its canonical name and unit (see ``canonical_attribute``).

    A ``_min``/``_max`` pair (``frequency_min_hz``, ``frequency_max_hz``), or one of them,
    becomes a ``Range``. When one quantity comes twice (``uts_mpa`` and ``uts_ksi``, or
    ``frequency_hz`` and ``frequency_max_hz``), the canonical name wins.

    Raises:
        UnitError: naming the attribute; also when a ``_min`` is above its ``_max``.
    """
    result: dict[str, Any] = {}
    ends: dict[str, dict[str, tuple[str, Any, float]]] = {}
    for name, value in attributes.items():
        split = _range_end(name)
        if split is not None:
            stem, end = split
            try:
                canonical, converted = canonical_attribute(stem, value)
            except UnitError as error:
                raise UnitError(error.value, error.problem, attribute=name) from None
            if canonical in CANONICAL_UNITS:
                if isinstance(converted, Range):
                    raise UnitError(value, f"a range where the {end} was expected", name)
                ends.setdefault(canonical, {})[end] = (name, value, converted)
                continue
        canonical, converted = canonical_attribute(name, value)
        if canonical in result and canonical != name:
            continue
        result[canonical] = converted
    for canonical, given in ends.items():
        low, high = given.get("min"), given.get("max")
        if low is not None and high is not None and low[2] > high[2]:
            raise UnitError(low[1], f"above {high[0]} {high[1]!r}", low[0])
        result.setdefault(canonical, Range(low and low[2], high and high[2]))
    return result
