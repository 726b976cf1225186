from pathlib import Path

import pytest

from tradescreen.exc import RuleDataError
from tradescreen.model.transaction import Item
from tradescreen.reference.dual_use import default_dual_use_catalogue
from tradescreen.rules.controls import (
    PARAMETERS_PATH,
    default_control_list,
    determination_finding,
    determine_item,
    load_control_list,
    resolve_attributes,
)
from tradescreen.rules.units import UnitError


def _by_paragraph(item: Item) -> dict[str, tuple[str, str]]:
    return {d.paragraph: (d.status, d.evidence) for d in determine_item(item)}


def test_7075_t6_tube_od_80_is_1c202a():
    result = _by_paragraph(Item("7075-T6 tube OD 80mm"))
    assert result == {
        "1C202.a": (
            "controlled",
            "uts_mpa 572 >= 460 (7075-T6 typical), form tube (description), "
            "outer_diameter_mm 80 > 75 (description): 1C202.a",
        )
    }


def test_explicit_attributes_as_in_the_design_example():
    item = Item(
        "aluminium tubes",
        hs_code="7608.20",
        attributes={
            "material": "aluminium alloy",
            "form": "tube",
            "uts_mpa": 572,
            "outer_diameter_mm": 80,
        },
    )
    [determination] = determine_item(item)
    assert determination.status == "controlled"
    assert (
        determination.evidence
        == "uts_mpa 572 >= 460, form tube, outer_diameter_mm 80 > 75: 1C202.a"
    )
    assert [(b.instrument, b.paragraph, b.verify) for b in determination.legal_basis] == [
        ("EU Reg 2021/821 Annex I", "1C202.a", False),
        ("INFCIRC/254/Part 2", "2.C.1", True),  # dprk_rules.yaml marks the NSG number verify
    ]


def test_same_tube_with_od_60_is_not_1c202():
    [determination] = determine_item(Item("7075-T6 tube OD 60mm"))
    assert determination.status == "not_controlled"
    assert determination.evidence == "outer_diameter_mm 60 <= 75 (description): not 1C202.a"


def test_6061_t6_is_below_the_1c202_strength_threshold():
    [determination] = determine_item(
        Item("6061-T6 aluminium tubes", attributes={"outer_diameter_mm": 100})
    )
    assert determination.status == "not_controlled"
    assert determination.evidence == "uts_mpa 310 < 460 (6061-T6 typical): not 1C202.a"


def test_explicit_strength_overrides_the_grade_typical_value():
    [determination] = determine_item(Item("6061-T6 tube OD 100 mm", attributes={"uts_ksi": 70}))
    assert determination.status == "controlled"
    assert determination.values["uts_mpa"].source == "attributes"


def test_maraging_bar_2050_mpa_120_mm_is_1c216_not_1c116():
    result = _by_paragraph(
        Item("maraging steel bar", attributes={"uts_mpa": 2050, "outer_diameter_mm": 120})
    )
    assert result["1C216"] == (
        "controlled",
        "uts_mpa 2050 >= 1950, max_linear_dimension_mm 120 > 75: 1C216",
    )
    assert result["1C116"][0] == "not_controlled"


def test_maraging_350_bar_from_text():
    result = _by_paragraph(Item("maraging steel 350 bar, Ø120 mm"))
    assert result["1C216"][0] == "controlled"
    assert "uts_mpa 2400 >= 1950 (maraging 350 typical)" in result["1C216"][1]


def test_carbon_fibre_with_specific_modulus_14e6_is_1c210a():
    result = _by_paragraph(Item("carbon fibre", attributes={"specific_modulus_m": 14e6}))
    assert result["1C210.a"][0] == "controlled"
    assert "specific_modulus_m 14x10^6 >= 12.7x10^6" in result["1C210.a"][1]
    # 1C010.b needs both values: the strength is missing, so review, not clearance.
    assert result["1C010.b"][0] == "unknown"


def test_t700_from_text_is_1c210a_by_computed_specific_modulus():
    result = _by_paragraph(Item("T700 carbon fibre"))
    status, evidence = result["1C210.a"]
    assert status == "controlled"
    assert (
        "specific_modulus_m 13.03x10^6 >= 12.7x10^6 "
        "(tensile_modulus_gpa 230 / density_g_cm3 1.8, T700S typical)" in evidence
    )
    assert result["1C010.b"][0] == "not_controlled"


def test_t800_is_1c010b_and_so_not_1c210a():
    result = _by_paragraph(Item("T800 carbon fibre"))
    assert result["1C010.b"][0] == "controlled"
    assert result["1C210.a"] == ("not_controlled", "specified in 1C010.b instead: not 1C210.a")


def test_controlled_material_without_diameter_is_unknown():
    [determination] = determine_item(Item("aluminium alloy tube", attributes={"uts_mpa": 572}))
    assert determination.status == "unknown"
    assert determination.needs_review
    assert determination.missing == ("outer_diameter_mm",)
    assert (
        determination.evidence
        == "outer_diameter_mm unknown (needed > 75): 1C202.a undetermined, review"
    )


def test_near_threshold_gets_review():
    [determination] = determine_item(Item("7075 tube OD 70 mm"))
    assert determination.status == "near_threshold"
    assert "outer_diameter_mm 70 <= 75, within 10%" in determination.evidence
    result = _by_paragraph(Item("maraging 250 round bar 100 mm diameter x 400 mm long"))
    assert result["1C216"][0] == "near_threshold"  # C250 ~1 800 MPa is 7.7 % below 1 950


def test_known_largest_dimension_below_75_is_only_a_lower_bound():
    # Note to 1C216: not controlled only if ALL linear dimensions are 75 mm or less.
    result = _by_paragraph(Item("maraging 300 bar, 60 mm diameter"))
    assert result["1C216"][0] == "unknown"
    result = _by_paragraph(Item("maraging 300 bar, 60 mm diameter, length 50 mm"))
    assert result["1C216"][0] == "not_controlled"


def test_rotor_preform_in_inches():
    result = _by_paragraph(Item("Maraging 300 rotor preform 3.5 in diameter"))
    assert result["1C216"][0] == "controlled"
    assert result["0B001.b.3"][0] == "unknown"  # the wall thickness decides
    result = _by_paragraph(Item("Maraging 300 rotor tube 3.5 in diameter, wall 4 mm"))
    assert result["0B001.b.3"][0] == "controlled"


def test_equipment_entries():
    result = _by_paragraph(Item("frequency changer 1 kHz 5 kVA frequency control 0.1%"))
    assert result["3A225"][0] == "controlled"
    result = _by_paragraph(
        Item(
            "vacuum pump",
            attributes={
                "input_throat_size_mm": 400,
                "pumping_speed_m3_s": 20,
                "ultimate_vacuum_pa": 0.001,
            },
        )
    )
    assert result["2B231"][0] == "controlled"
    result = _by_paragraph(Item("CNC flow forming machine with 3 rollers"))
    assert result["2B209.a"][0] == "controlled"
    result = _by_paragraph(Item("filament winding machine", attributes={"coordinated_axes": 2}))
    assert result["1B201.a"][0] == "unknown"
    assert result["1B001.a"][0] == "not_controlled"


ISSUE_FREQUENCY_CHANGER = {
    "output_phases": 3,
    "frequency_min_hz": 600,
    "frequency_max_hz": 2000,
    "power_va": 50,
    "frequency_control_pct": 0.1,
}
ISSUE_DESCRIPTION = (
    "Frequency changer, multiphase output 600-2000 Hz, 50 VA, frequency control 0.1%"
)


def test_issue_frequency_changer_from_attributes_alone_is_3a225():
    [determination] = determine_item(Item("frequency changer", attributes=ISSUE_FREQUENCY_CHANGER))
    assert (determination.entry_id, determination.status) == ("EU-3A225", "controlled")
    assert determination.evidence == (
        "output_power_va 50 >= 40, frequency_hz 600-2000 (max 2000) >= 600, "
        "frequency_control_percent 0.1 < 0.2: 3A225"
    )
    finding = determination_finding(determination, "items[0]")
    assert finding.effect == "license_required"
    assert finding.details["values"]["frequency_hz"] == {
        "value": {"min": 600, "max": 2000},
        "source": "attributes",
    }


def test_issue_frequency_changer_from_the_description_alone_is_3a225():
    [determination] = determine_item(Item(ISSUE_DESCRIPTION))
    assert determination.status == "controlled"
    assert "frequency_hz 600-2000 (max 2000) >= 600 (description)" in determination.evidence


@pytest.mark.parametrize(
    ("frequency", "status", "evidence"),
    [
        ("600-2000 Hz", "controlled", "frequency_hz 600-2000 (max 2000) >= 600"),
        ("50-550 Hz", "near_threshold", "frequency_hz 50-550 (max 550) < 600, within 10%"),
        ("50-400 Hz", "not_controlled", "frequency_hz 50-400 (max 400) < 600"),
        ("up to 2 kHz", "controlled", "frequency_hz up to 2000 (max 2000) >= 600"),
        (">= 600 Hz", "controlled", "frequency_hz at least 600 >= 600"),
        # the low end alone does not say how high the frequency goes
        (">= 50 Hz", "unknown", "frequency_hz at least 50 (needed >= 600)"),
    ],
)
def test_a_range_is_tested_at_its_maximum_for_a_lower_threshold(
    frequency: str, status: str, evidence: str
):
    attributes = {"frequency_hz": frequency, "output_power_va": 50, "frequency_control_pct": 0.1}
    [determination] = determine_item(Item("frequency changer", attributes=attributes))
    assert determination.status == status
    assert evidence in determination.evidence


@pytest.mark.parametrize(
    ("control", "status", "evidence"),
    [
        ("0.1-0.5 %", "controlled", "frequency_control_percent 0.1-0.5 (min 0.1) < 0.2"),
        ("0.3-0.5 %", "not_controlled", "frequency_control_percent 0.3-0.5 (min 0.3) >= 0.2"),
        ("better than 0.1 %", "controlled", "frequency_control_percent up to 0.1 < 0.2"),
        ("up to 1 %", "unknown", "frequency_control_percent up to 1 (needed < 0.2)"),
    ],
)
def test_a_range_is_tested_at_its_minimum_for_an_upper_threshold(
    control: str, status: str, evidence: str
):
    attributes = {"frequency_hz": 1000, "output_power_va": 50, "frequency_control": control}
    [determination] = determine_item(Item("frequency changer", attributes=attributes))
    assert determination.status == status
    assert evidence in determination.evidence


@pytest.mark.parametrize(
    ("diameter", "status", "evidence"),
    [
        ("50-100 mm", "controlled", "rotor_inner_diameter_mm 50-100 overlaps 75-400"),
        ("500-900 mm", "not_controlled", "rotor_inner_diameter_mm 500-900 outside 75-400"),
        ("at least 100 mm", "controlled", "rotor_inner_diameter_mm at least 100 overlaps 75-400"),
        ("at least 50 mm", "unknown", "rotor_inner_diameter_mm at least 50 (needed 75-400)"),
        ("up to 500 mm", "unknown", "rotor_inner_diameter_mm up to 500 (needed 75-400)"),
    ],
)
def test_a_range_meets_a_between_test_when_the_ranges_overlap(
    diameter: str, status: str, evidence: str
):
    item = Item("rotor-forming mandrel", attributes={"rotor_inner_diameter": diameter})
    [determination] = determine_item(item)
    assert determination.status == status
    assert evidence in determination.evidence


def test_a_dimension_range_counts_with_its_largest_end():
    values = resolve_attributes(
        Item("maraging 300 bar", attributes={"length_mm": "100-200", "outer_diameter_mm": 60})
    )
    assert values["max_linear_dimension_mm"].value == 200
    assert not values["max_linear_dimension_mm"].lower_bound


def test_five_axis_milling_machine_with_its_repeatability_is_2b001_not_2b201():
    result = _by_paragraph(
        Item("5-axis CNC milling machine, unidirectional positioning repeatability 0.8 µm")
    )
    assert result["2B001.b.1-.2"][0] == "controlled"
    assert "positioning_repeatability_um 0.8 <= 0.9 (description)" in result["2B001.b.1-.2"][1]
    assert result["2B201.a"] == ("not_controlled", "specified in 2B001.b.1-.2 instead: not 2B201.a")


@pytest.mark.parametrize(
    ("attributes", "b_status", "nsg_status"),
    [
        # five axes, 1.2 µm over a 2 m axis: within b.2 (1,4 µm for 1-4 m), not b.1 (1,1 µm)
        (
            {"positioning_repeatability_um": 1.2, "travel_length_m": 2},
            "controlled",
            "not_controlled",
        ),
        # 3 µm over 800 mm: not 2B001, but five contouring axes are 2B201.a.3
        ({"repeatability": "3 um", "travel_length_mm": 800}, "not_controlled", "controlled"),
        # 3 µm and no travel given: the 6,0 µm threshold of axes of 4 m or more may apply
        ({"positioning_repeatability_um": 3}, "unknown", "controlled"),
    ],
)
def test_2b001_b_repeatability_by_travel_length(
    attributes: dict[str, object], b_status: str, nsg_status: str
):
    item = Item("5-axis CNC milling machine", attributes=attributes)
    result = _by_paragraph(item)
    assert (result["2B001.b.1-.2"][0], result["2B201.a"][0]) == (b_status, nsg_status)


def test_three_axis_mill_and_lathe_under_2b201():
    result = _by_paragraph(Item("3-axis CNC milling machine, positioning accuracy 5 µm"))
    assert result["2B001.b.1-.2"][0] == "not_controlled"
    assert result["2B201.a"] == (
        "controlled",
        "numerical_control true (description), coordinated_axes 3 >= 2 (description), "
        "positioning_accuracy_um 5 <= 6 (description): 2B201.a",
    )
    result = _by_paragraph(
        Item("2-axis CNC lathe", attributes={"positioning_accuracy_um": 4, "swing_mm": 30})
    )
    # the swing over the bed is not the largest diameter it machines: that stays unknown
    assert result["2B201.c"][0] == "unknown"
    result = _by_paragraph(
        Item("2-axis CNC lathe, max. turning diameter 400 mm, positioning accuracy 4 µm")
    )
    assert result["2B201.c"][0] == "controlled"
    assert result["2B001.a"][0] == "unknown"  # its repeatability decides


def test_a_machine_tool_without_numerical_control_is_undetermined():
    [b, nsg] = determine_item(Item("5-axis milling machine, repeatability 0.5 µm"))
    assert (b.status, nsg.status) == ("unknown", "unknown")
    assert "numerical_control" in b.missing


def test_unreadable_explicit_unit_is_an_error():
    with pytest.raises(UnitError, match="outer_diameter: '3 furlong': unknown unit 'furlong'"):
        determine_item(Item("aluminium tube", attributes={"outer_diameter": "3 furlong"}))


def test_uncovered_item_has_no_determination():
    assert determine_item(Item("cotton t-shirts")) == []


def test_finding_from_determination():
    [determination] = determine_item(Item("7075-T6 tube OD 80mm"))
    finding = determination_finding(determination, "items[0]")
    assert (finding.rule_id, finding.effect, finding.decision) == (
        "EU-1C202-a",
        "license_required",
        "license_required",
    )
    assert finding.verify
    assert finding.details["values"]["uts_mpa"] == {"value": 572, "source": "7075-T6 typical"}


def test_resolve_attributes_layers():
    values = resolve_attributes(Item("T700 carbon fibre", attributes={"density_g_cm3": 1.9}))
    assert values["uts_mpa"].source == "T700S typical"
    assert values["density_g_cm3"].source == "attributes"
    assert values["specific_modulus_m"].value == pytest.approx(230e9 / (1900 * 9.80665))


def test_shipped_entries_cover_the_issue():
    paragraphs = {e.paragraph for e in default_control_list().entries}
    assert {
        "1C202.a",
        "1C202.b",
        "1C216",
        "1C116",
        "1C210.a",
        "1C210.b",
        "1C210.c",
        "1C010.a",
        "1C010.b",
        "0B001.b.3",
        "2B209.a",
        "2B228.a-.b",
        "3A225",
        "2B230",
        "2B231",
        "1A202",
        "1B201.a",
        "2B001.a",
        "2B001.b.1-.2",
        "2B001.c",
        "2B201.a",
        "2B201.b",
        "2B201.c",
    } <= paragraphs
    # Thresholds are converted to the attribute's unit at load: 1C116 writes 1,5 GPa.
    one_c_116 = next(e for e in default_control_list().entries if e.id == "EU-1C116")
    assert one_c_116.criteria.nodes[0].nodes[1].value == pytest.approx(1500)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'operator: ">=", value: 460',
            'operator: "~", value: 460',
            r"EU-1C202-a: criteria.uts_mpa: needs attribute",
        ),
        (
            "value: 460, unit: MPa",
            "value: 460, unit: furlong",
            r"EU-1C202-a: criteria.uts_mpa: 'furlong': unknown unit",
        ),
        (
            "{definition: continuous_fibre}",
            "{definition: continuous_fiber}",
            r"EU-1C010-a: unknown or circular definition",
        ),
        (
            "other_than: [EU-1C116]",
            "other_than: [EU-1C117]",
            r"EU-1C216: other_than: unknown entry EU-1C117",
        ),
        (
            "condition: multiphase output",
            "conditon: multiphase output",
            r"EU-3A225: criteria.output_power_va: unknown key conditon",
        ),
        ("    paragraph: 1C216\n", "    paragraf: 1C216\n", r"EU-1C216: unknown key paragraf"),
    ],
)
def test_bad_parameter_data_fails_by_name(tmp_path: Path, old: str, new: str, message: str):
    text = PARAMETERS_PATH.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "eu_annex_i_parameters.yml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleDataError, match=message):
        load_control_list(broken)


def test_every_parameterised_entry_is_in_the_dual_use_catalogue():
    catalogue = default_dual_use_catalogue()
    for entry in default_control_list().entries:
        listed = catalogue.get(entry.paragraph[:5])
        assert listed is not None, entry.id
        # An entry citing an NSG Part 2 item sits in the NSG number range (x201-x299).
        if any(b.instrument == "INFCIRC/254/Part 2" for b in entry.legal_basis):
            assert listed.regime == "Nuclear Suppliers Group", entry.id
