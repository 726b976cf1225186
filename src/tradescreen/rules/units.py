"""Quantities with units: parse them, convert them to the canonical unit of an attribute.

Transaction attributes carry their unit as a suffix (``uts_mpa``, ``outer_diameter_mm``,
``specific_modulus_m``). A caller may also send another unit (``uts_ksi: 83``,
``outer_diameter_in: 3.5``) or a string with its unit (``"outer_diameter": "4 in"``);
``normalize_attributes`` turns all of them into the canonical names of ``CANONICAL_UNITS``.

The unit table is hand-written and small: every unit is a dimension and a factor to the
dimension's SI unit. Control-list text uses EU typography (``1 950 MPa``, ``12,7 x 106 m``),
trade text US typography (``1,950 MPa``, ``3.5"``); ``parse_quantity`` reads both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "CANONICAL_UNITS",
    "STANDARD_GRAVITY",
    "UnitError",
    "canonical_attribute",
    "convert",
    "dimension_of",
    "normalize_attributes",
    "parse_number",
    "parse_quantity",
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
}
_BASES = {name.removesuffix("_" + _suffix_of(name)): name for name in CANONICAL_UNITS}


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
    symbol = symbol.replace("µ", "u").replace("·", "").replace(" ", "")
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


def parse_quantity(text: str) -> tuple[float, str]:
    """Split ``"75 ksi"``, ``"3.5 in"``, ``"12,7 x 10^6 m"``, ``"14×10⁶ m"`` into value and unit.

    Raises:
        UnitError: no number, or a unit that is not in the table.
    """
    match = _QUANTITY.match(text.translate(_SUPERSCRIPTS))
    if match is None:
        raise UnitError(text, "not a quantity with a unit")
    value = parse_number(match["num"])
    exponent = match["exp"] or match["eexp"]
    if exponent is not None:
        value *= 10 ** int(exponent)
    unit = match["unit"]
    if not unit:
        raise UnitError(text, "no unit")
    _unit_spec(unit)
    return value, unit


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
    canonical = _BASES.get(base)
    if canonical is None:
        return name, value
    target = CANONICAL_UNITS[canonical]
    try:
        if isinstance(value, str):
            if suffix:
                number, unit = parse_number(value), _SUFFIXES[suffix]
            else:
                number, unit = parse_quantity(value)
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise UnitError(value, "not a number or a quantity with a unit")
        elif not suffix:
            raise UnitError(value, f"no unit: write {canonical} or a string with a unit")
        else:
            number, unit = float(value), _SUFFIXES[suffix]
        return canonical, convert(number, unit, target)
    except UnitError as error:
        problem = error.problem if error.value == value else f"{error.problem} {error.value!r}"
        raise UnitError(value, problem, attribute=name) from None


def normalize_attributes(attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Every attribute under its canonical name and unit (see ``canonical_attribute``).

    When one quantity comes twice (``uts_mpa`` and ``uts_ksi``), the canonical name wins.
    """
    result: dict[str, Any] = {}
    for name, value in attributes.items():
        canonical, converted = canonical_attribute(name, value)
        if canonical in result and canonical != name:
            continue
        result[canonical] = converted
    return result
