import pytest

from tradescreen.rules.units import (
    Range,
    UnitError,
    canonical_attribute,
    convert,
    normalize_attributes,
    parse_number,
    parse_quantity,
    parse_range,
    specific_length_m,
)


def test_convert_stress_length_frequency_density():
    assert convert(75, "ksi", "MPa") == pytest.approx(517.107, abs=1e-3)
    assert convert(65000, "psi", "MPa") == pytest.approx(448.159, abs=1e-3)
    assert convert(1.95, "GPa", "MPa") == pytest.approx(1950)
    assert convert(460, "N/mm²", "MPa") == pytest.approx(460)
    assert convert(3.5, "in", "mm") == pytest.approx(88.9)
    assert convert(12, "cm", "mm") == pytest.approx(120)
    assert convert(0.08, "m", "mm") == pytest.approx(80)
    assert convert(36000, "rpm", "Hz") == pytest.approx(600)
    assert convert(1.2, "kHz", "Hz") == pytest.approx(1200)
    assert convert(1800, "kg/m3", "g/cm3") == pytest.approx(1.8)
    assert convert(13, "mPa", "Pa") == pytest.approx(0.013)


def test_mpa_case_only_matters_when_exact():
    # "mpa" in trade text is MPa; only the exact symbol "mPa" is the millipascal (2B231).
    assert convert(572, "mpa", "MPa") == pytest.approx(572)
    assert convert(13, "mPa", "MPa") == pytest.approx(13e-9)


def test_unknown_or_mismatched_units_raise_a_value_error():
    with pytest.raises(UnitError, match="unknown unit"):
        convert(36, "krpm", "Hz")
    with pytest.raises(UnitError, match="cannot be converted to mm"):
        convert(75, "ksi", "mm")
    assert issubclass(UnitError, ValueError)


def test_parse_numbers_in_eu_and_us_typography():
    assert parse_number("1 950") == 1950
    assert parse_number("1,950") == 1950
    assert parse_number("0,9") == 0.9
    assert parse_number("2,050.5") == 2050.5


def test_parse_quantity_reads_the_annex_i_flattened_powers_of_ten():
    # "12,7 x 106 m" is how the list text renders 12.7 x 10^6 m.
    assert parse_quantity("12,7 x 106 m") == (12.7e6, "m")
    assert parse_quantity("14×10⁶ m") == (14e6, "m")
    assert parse_quantity("23,5 x 10^4 m") == (235000, "m")
    assert parse_quantity('3.5"') == (3.5, '"')
    with pytest.raises(UnitError):
        parse_quantity("eighty mm")
    with pytest.raises(UnitError, match="no unit"):
        parse_quantity("80")


def test_specific_modulus_of_t700s():
    # Toray T700S: 230 GPa, 4 900 MPa, 1.80 g/cm3.
    assert specific_length_m(230_000, 1.80) == pytest.approx(13.03e6, rel=1e-3)
    assert specific_length_m(4900, 1.80) == pytest.approx(277_589, rel=1e-4)


def test_canonical_attributes():
    assert canonical_attribute("uts_ksi", 83) == ("uts_mpa", pytest.approx(572.265, abs=1e-3))
    assert canonical_attribute("outer_diameter", "4 in") == (
        "outer_diameter_mm",
        pytest.approx(101.6),
    )
    assert canonical_attribute("outer_diameter_in", 3.5) == (
        "outer_diameter_mm",
        pytest.approx(88.9),
    )
    assert canonical_attribute("uts_mpa", 572) == ("uts_mpa", 572)
    assert canonical_attribute("form", "tube") == ("form", "tube")
    with pytest.raises(UnitError, match="outer_diameter: 80: no unit: write outer_diameter_mm"):
        canonical_attribute("outer_diameter", 80)
    with pytest.raises(UnitError, match="cannot be converted") as caught:
        canonical_attribute("outer_diameter", "80 ksi")
    assert caught.value.attribute == "outer_diameter"  # for a pointer /items/0/attributes/...


def test_normalize_attributes_prefers_the_canonical_name():
    attributes = normalize_attributes(
        {"uts_mpa": 572, "uts_ksi": 50, "frequency_khz": 1.2, "form": "tube"}
    )
    assert attributes == {"uts_mpa": 572, "frequency_hz": pytest.approx(1200), "form": "tube"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600-2000 Hz", Range(600, 2000)),
        ("600 – 2000 Hz", Range(600, 2000)),
        ("600 to 2000 Hz", Range(600, 2000)),
        ("600 Hz to 2 kHz", Range(600, 2000)),
        ("from 0.6 to 2 kHz", Range(600, 2000)),
        (">= 600 Hz", Range(600, None)),
        ("≥600 Hz", Range(600, None)),
        ("at least 0.6 kHz", Range(600, None)),
        ("up to 2 kHz", Range(None, 2000)),
        ("max. 2 kHz", Range(None, 2000)),
        ("≤ 2000 Hz", Range(None, 2000)),
    ],
)
def test_parse_range_in_the_unit_asked_for(text: str, expected: Range):
    assert parse_range(text, "Hz") == expected


def test_a_range_without_unit_takes_the_attribute_suffix():
    assert canonical_attribute("frequency_khz", "0.6-2") == ("frequency_hz", Range(600, 2000))
    with pytest.raises(UnitError, match="no unit"):
        parse_range("600-2000", "Hz")


def test_a_range_value_and_a_min_max_pair_are_the_same_range():
    pair = normalize_attributes({"frequency_min_hz": 600, "frequency_max_khz": 2})
    assert pair == normalize_attributes({"frequency_hz": "600-2000 Hz"})
    assert pair == normalize_attributes({"frequency_hz_min": 600, "frequency_hz_max": 2000})
    assert pair == {"frequency_hz": Range(600, 2000)}
    assert normalize_attributes({"frequency_max_hz": 2000}) == {"frequency_hz": Range(None, 2000)}
    # the single value wins over a range of the same quantity, as the canonical name does
    assert normalize_attributes({"frequency_hz": 1000, "frequency_max_hz": 2000}) == {
        "frequency_hz": 1000
    }
    # a _min/_max of an attribute that is no quantity the lists test passes through
    assert normalize_attributes({"temperature_max_c": 40}) == {"temperature_max_c": 40}


def test_the_issue_attributes_under_datasheet_names():
    attributes = normalize_attributes(
        {
            "output_phases": 3,
            "frequency_min_hz": 600,
            "frequency_max_hz": 2000,
            "power_va": 50,
            "frequency_control_pct": 0.1,
        }
    )
    assert attributes == {
        "output_phases": 3,
        "output_power_va": 50,
        "frequency_control_percent": 0.1,
        "frequency_hz": Range(600, 2000),
    }


def test_bad_ranges_name_the_attribute():
    with pytest.raises(UnitError, match="frequency_min_hz: .*above frequency_max_hz") as caught:
        normalize_attributes({"frequency_min_hz": 2000, "frequency_max_hz": 600})
    assert caught.value.attribute == "frequency_min_hz"
    with pytest.raises(UnitError, match="low end of the range is above the high end"):
        normalize_attributes({"frequency_hz": "2000-600 Hz"})
    with pytest.raises(UnitError, match="unknown unit 'furlong'") as caught:
        normalize_attributes({"outer_diameter_max": "3 furlong"})
    assert caught.value.attribute == "outer_diameter_max"
    with pytest.raises(UnitError, match="a range where the max was expected"):
        normalize_attributes({"frequency_max_hz": "600-2000"})
