import re
from pathlib import Path

import pytest

from tradescreen.exc import RuleDataError
from tradescreen.rules.item_text import GRADES_PATH, load_vocabulary, parse_item_text
from tradescreen.rules.units import Range


def test_maraging_grade_number_is_not_a_pressure():
    # "350 bar" is maraging grade 350 in bar form, not 350 bar of pressure.
    parsed = parse_item_text("maraging steel 350 bar, Ø120 mm")
    assert parsed.attributes == {
        "grade": "maraging 350",
        "uts_mpa": 2400,
        "material_class": "maraging_steel",
        "outer_diameter_mm": 120,
        "form": "cylindrical_solid",
    }
    assert parsed.sources["uts_mpa"] == "maraging 350 typical"
    assert parsed.sources["outer_diameter_mm"] == "description"


def test_aluminium_grades_and_tube_dimensions():
    parsed = parse_item_text("7075-T6 tube OD 80mm")
    assert parsed.attributes["material_class"] == "aluminium_alloy"
    assert parsed.attributes["uts_mpa"] == 572
    assert parsed.attributes["form"] == "tube"
    assert parsed.attributes["outer_diameter_mm"] == 80
    parsed = parse_item_text("6061-T6 aluminium tubes")
    assert (parsed.attributes["grade"], parsed.attributes["uts_mpa"]) == ("6061-T6", 310)
    assert "outer_diameter_mm" not in parsed.attributes


def test_explicit_strength_and_inch_diameter():
    parsed = parse_item_text("aluminium alloy tube, UTS 75 ksi, outside diameter 4 in")
    assert parsed.grade is None
    assert parsed.attributes["uts_mpa"] == pytest.approx(517.1, abs=0.1)
    assert parsed.attributes["outer_diameter_mm"] == pytest.approx(101.6)
    parsed = parse_item_text("Maraging 300 rotor preform 3.5 in diameter")
    assert parsed.attributes["product"] == "rotor_tube"
    assert parsed.attributes["uts_mpa"] == 2050
    assert parsed.attributes["outer_diameter_mm"] == pytest.approx(88.9)


def test_carbon_fibre_grades_carry_modulus_and_density():
    parsed = parse_item_text("T700 carbon fibre")
    assert parsed.attributes["grade"] == "T700S"
    assert (parsed.attributes["tensile_modulus_gpa"], parsed.attributes["density_g_cm3"]) == (
        230,
        1.8,
    )
    assert parsed.attributes["form"] == "fibre"
    parsed = parse_item_text("M40J carbon fibre tow")
    assert (parsed.attributes["grade"], parsed.attributes["form"]) == ("M40J", "tow")


def test_equipment_quantities_and_counts():
    parsed = parse_item_text("frequency changer, 1.2 kHz, 5 kVA, frequency control 0.1 %")
    assert parsed.attributes["product"] == "frequency_changer"
    assert parsed.attributes["frequency_hz"] == pytest.approx(1200)
    assert parsed.attributes["output_power_va"] == 5000
    assert parsed.attributes["frequency_control_percent"] == 0.1
    parsed = parse_item_text("CNC flow forming machine with 3 rollers")
    assert parsed.attributes["rollers_count"] == 3
    assert parsed.attributes["numerical_control"] is True


def test_the_issue_description_gives_a_frequency_range():
    parsed = parse_item_text(
        "Frequency changer, multiphase output 600-2000 Hz, 50 VA, frequency control 0.1%"
    )
    assert parsed.attributes == {
        "product": "frequency_changer",
        "frequency_hz": Range(600, 2000),
        "output_power_va": 50,
        "frequency_control_percent": 0.1,
    }
    assert parsed.sources["frequency_hz"] == "description"


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("inverter, output frequency 600 to 2000 Hz", Range(600, 2000)),
        ("inverter 600 Hz - 2 kHz", Range(600, 2000)),
        ("inverter, frequency: from 0.6 to 2 kHz", Range(600, 2000)),
        ("VFD >= 600 Hz", Range(600, None)),
        ("VFD, output frequency ≥ 600 Hz", Range(600, None)),
        ("VFD up to 2 kHz", Range(None, 2000)),
        ("VFD, frequency max. 2 kHz", Range(None, 2000)),
    ],
)
def test_ranges_and_bounds_with_units_in_the_text(text: str, frequency: Range):
    assert parse_item_text(text).attributes["frequency_hz"] == frequency


def test_a_bound_on_a_quantity_that_must_be_small():
    parsed = parse_item_text("VFD 5 kVA, frequency accuracy better than 0.1 %")
    assert parsed.attributes["frequency_control_percent"] == Range(None, 0.1)
    parsed = parse_item_text("vacuum pump, ultimate vacuum < 10 mPa")
    assert parsed.attributes["ultimate_vacuum_pa"] == Range(None, pytest.approx(0.01))


def test_a_dash_after_a_number_is_no_unit():
    # "5-axis" is a count, not 5 of a unit "-axis"; an exponent's minus is no range
    assert parse_item_text("5-axis CNC milling machine").attributes == {
        "product": "milling_machine",
        "coordinated_axes": 5,
        "numerical_control": True,
    }
    parsed = parse_item_text("carbon fibre, specific modulus 12,7 x 10^6 m")
    assert parsed.attributes["specific_modulus_m"] == pytest.approx(12.7e6)


def test_machine_tool_figures():
    parsed = parse_item_text(
        "5-axis CNC machining centre, 2 rotary axes, unidirectional positioning repeatability "
        "±0.8 µm, positioning accuracy 4 μm, X travel 800 mm"
    )
    assert parsed.attributes == {
        "product": "milling_machine",
        "positioning_repeatability_um": pytest.approx(0.8),
        "positioning_accuracy_um": pytest.approx(4),
        "travel_length_mm": 800,
        "rotary_axes": 2,
        "coordinated_axes": 5,
        "numerical_control": True,
    }
    parsed = parse_item_text("CNC lathe, max. turning diameter 400 mm")
    assert parsed.attributes["product"] == "turning_machine"
    assert parsed.attributes["workpiece_diameter_mm"] == 400
    assert "outer_diameter_mm" not in parsed.attributes


def test_unreadable_units_are_reported_not_guessed():
    parsed = parse_item_text("aluminium tube OD 80 furlongs")
    assert "outer_diameter_mm" not in parsed.attributes
    assert parsed.unread == ("80 furlongs",)


def test_every_shipped_grade_pattern_matches_its_own_name():
    for grade in load_vocabulary().grades:
        assert grade.pattern.search(grade.name), grade.name


def test_bad_grade_data_fails_by_name(tmp_path: Path):
    text = GRADES_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "material_grades.yml"
    broken.write_text(
        re.sub(r"uts_mpa: 310,", "uts_mpa: 310, hardness_hb: 95,", text), encoding="utf-8"
    )
    with pytest.raises(RuleDataError, match=r"material_grades.yml: grades\[0\]: hardness_hb"):
        load_vocabulary(broken)
