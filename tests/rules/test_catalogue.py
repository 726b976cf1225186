"""The regime catalogue: the bundled UN 1718 file, and load-time validation by name."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tradescreen.exc import RuleDataError
from tradescreen.model.findings import EFFECT_DECISIONS, LegalBasis
from tradescreen.model.transaction import Item, Route, Transaction
from tradescreen.reference.hs import load_hs
from tradescreen.rules.catalogue import DEFAULT_CATALOGUE, Scope, load_catalogue
from tradescreen.rules.evaluators.hs_codes import evaluate_hs_codes

DOMAIN_RULES = Path(__file__).parents[3] / "shared" / "domain" / "dprk_rules.yaml"
#: Rules the bundled file adds to the domain file (its header comment says why).
TRADESCREEN_RULES = {"US-OFAC-NPWMD-DESIGNEE"}


def test_bundled_catalogue_loads_every_rule() -> None:
    catalogue = load_catalogue()
    assert catalogue.path == DEFAULT_CATALOGUE.resolve()
    assert catalogue.target_country == "KP"
    assert len(catalogue.rules) == 47
    assert len(catalogue.exemptions) == 21
    assert len(catalogue.red_flags) == 23
    assert len(catalogue.ports) == 13
    assert len(catalogue.categories) == 33
    citations = [b for rule in catalogue.rules.values() for b in rule.legal_basis]
    assert len(citations) == 95
    assert sum(b.verify for b in citations) == 36
    assert sum(1 for rule in catalogue.rules.values() if rule.scope.hs_codes) == 16
    assert all(rule.effect in EFFECT_DECISIONS for rule in catalogue.rules.values())
    assert load_catalogue() is catalogue  # cached


def test_bundled_catalogue_keeps_ids_citations_and_verify_flags_of_the_domain_file() -> None:
    # The bundled file started as a copy of ../shared/domain/dprk_rules.yaml: the ids,
    # instruments, paragraphs and verify flags must not drift from it.
    source = yaml.safe_load(DOMAIN_RULES.read_text(encoding="utf-8"))
    catalogue = load_catalogue()
    kept = [rule_id for rule_id in catalogue.rules if rule_id not in TRADESCREEN_RULES]
    assert kept == [rule["id"] for rule in source["rules"]]
    assert list(catalogue.exemptions) == list(source["exemptions"])
    for rule in source["rules"]:
        expected = tuple(
            LegalBasis(b["instrument"], b.get("paragraph"), b.get("verify") is True)
            for b in rule["legal_basis"]
        )
        assert catalogue.rules[rule["id"]].legal_basis == expected, rule["id"]


def test_rule_records() -> None:
    catalogue = load_catalogue()
    industrial = catalogue.rules["DPRK-2397-7-INDUSTRIAL-TO"]
    assert industrial.direction == "to_dprk"
    assert industrial.effect == "prohibited"
    assert industrial.legal_basis == (LegalBasis("S/RES/2397 (2017)", "7", verify=True),)
    assert "77" not in industrial.scope.hs_codes  # HS chapter 77 is reserved
    assert len(industrial.scope.hs_codes) == 17
    assert industrial.scope.hs_indicative is False
    assert [ex.id for ex in industrial.exemptions] == [
        "EX-2397-7-AIRCRAFT-SPARES",
        "EX-COMMITTEE-CASE-BY-CASE",
    ]
    petroleum = catalogue.rules["DPRK-REFINED-PETROLEUM-CAP"]
    assert petroleum.effect == "cap"
    assert petroleum.cap["quantity"] == 500000
    assert petroleum.cap["unit"] == "barrel"
    workers = catalogue.rules["DPRK-WORKERS"]
    assert (workers.effect, workers.additional_effects) == ("prohibited", ("repatriate",))
    luxury = catalogue.rules["DPRK-LUXURY-TO"]
    assert luxury.scope.value_thresholds[0]["value"] == 500
    assert luxury.scope.extra == {}
    wmd = catalogue.rules["DPRK-WMD-LISTED-TO"]
    assert len(wmd.scope.extra["control_lists"]) == 12


def test_rules_for_direction() -> None:
    catalogue = load_catalogue()
    assert len(catalogue.rules_for("to_dprk")) == 12
    assert len(catalogue.rules_for("from_dprk")) == 10
    assert catalogue.supply_directions("to") == ("to_dprk",)
    assert catalogue.supply_directions("from") == ("from_dprk",)
    assert {"joint_venture", "export_credit", "bunkering"} <= catalogue.activities
    assert len(catalogue.activities) == 45
    with pytest.raises(KeyError, match="unknown direction 'to_iran'"):
        catalogue.rules_for("to_iran")


def test_find_port_by_name_or_alias_as_whole_words() -> None:
    catalogue = load_catalogue()

    def port_of(text: str) -> tuple[str, str] | None:
        port = catalogue.find_port(text)
        return None if port is None else (port.name, port.country)

    assert port_of("DANDONG port") == ("Dandong", "CN")
    assert port_of("丹东市振兴区") == ("Dandong", "CN")  # CJK has no word boundaries
    assert port_of("Rason Economic Zone") == ("Rajin", "KP")
    assert port_of("Hamburg") is None
    assert port_of("Dalianstrasse 4") is None  # not a whole word


def test_scope_hs_matching_tests_excluded_prefixes_first() -> None:
    scope = Scope(hs_codes=("84", "271012"), hs_exclude=("8471",))
    assert scope.hs_match("847989") == "84"
    assert scope.hs_match("847130") is None
    assert scope.hs_match("2710") is None
    assert scope.hs_overlap("2710") == "271012"
    assert scope.hs_overlap("8471") is None


# --- validation: small regime files in tmp_path --------------------------------

_BASE = """
meta:
  id: test_regime
  target_country: KP
  conventions:
    directions: [to_dprk, from_dprk, services]
    supply: {to_dprk: to, from_dprk: from}
rules:
  - id: TEST-METALS-TO
    title: Metals to the DPRK
    regime: TEST
    legal_basis: [{instrument: "S/RES/2397 (2017)", paragraph: "7", verify: true}]
    direction: to_dprk
    scope: {hs_codes: {match: prefix, codes: ["72", "7608"]}}
    effect: prohibited
    exemptions: [EX-TEST]
exemptions:
  EX-TEST:
    description: A test exemption
    legal_basis: [{instrument: "S/RES/2397 (2017)", paragraph: "25"}]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regime.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(tmp_path: Path, text: str) -> RuleDataError:
    with pytest.raises(RuleDataError) as info:
        load_catalogue(_write(tmp_path, text))
    return info.value


def test_small_regime_file_loads(tmp_path: Path) -> None:
    catalogue = load_catalogue(_write(tmp_path, _BASE))
    rule = catalogue.rules["TEST-METALS-TO"]
    assert rule.scope.hs_codes == ("72", "7608")
    assert rule.legal_basis[0].verify is True
    assert rule.exemptions[0].id == "EX-TEST"
    assert catalogue.red_flags == {}


def test_unknown_exemption_id(tmp_path: Path) -> None:
    error = _error(tmp_path, _BASE.replace("exemptions: [EX-TEST]", "exemptions: [EX-NOPE]"))
    assert (error.rule, error.key) == ("TEST-METALS-TO", "exemptions")
    assert str(error) == "regime.yml: TEST-METALS-TO: exemptions: unknown exemption 'EX-NOPE'"


def test_non_digit_hs_prefix(tmp_path: Path) -> None:
    error = _error(tmp_path, _BASE.replace('"7608"', '"76.08"'))
    assert (error.rule, error.key) == ("TEST-METALS-TO", "scope.hs_codes")
    assert "'76.08' is not 2 to 10 digits" in error.problem


def test_missing_legal_basis(tmp_path: Path) -> None:
    text = _BASE.replace(
        '    legal_basis: [{instrument: "S/RES/2397 (2017)", paragraph: "7", verify: true}]\n', ""
    )
    error = _error(tmp_path, text)
    assert (error.rule, error.key) == ("TEST-METALS-TO", "legal_basis")
    assert error.problem.startswith("missing legal_basis")


def test_unknown_effect(tmp_path: Path) -> None:
    error = _error(tmp_path, _BASE.replace("effect: prohibited", "effect: forbidden"))
    assert (error.rule, error.key) == ("TEST-METALS-TO", "effect")
    assert "unknown effect 'forbidden'" in error.problem


def test_unknown_direction(tmp_path: Path) -> None:
    error = _error(tmp_path, _BASE.replace("direction: to_dprk", "direction: to_iran"))
    assert (error.rule, error.key) == ("TEST-METALS-TO", "direction")
    assert "unknown direction 'to_iran'" in error.problem


def test_duplicate_rule_id(tmp_path: Path) -> None:
    rule = _BASE[_BASE.index("  - id: TEST-METALS-TO") : _BASE.index("exemptions:\n  EX-TEST")]
    error = _error(tmp_path, _BASE.replace(rule, rule + rule))
    assert (error.rule, error.key, error.problem) == ("TEST-METALS-TO", "id", "duplicate rule id")


def test_duplicate_exemption_key(tmp_path: Path) -> None:
    # PyYAML would keep the second EX-TEST silently; the loader refuses it with its line.
    text = _BASE + "  EX-TEST:\n    description: again\n"
    error = _error(tmp_path, text)
    assert "duplicate key 'EX-TEST'" in error.problem
    assert error.problem.startswith("line 21: ")  # the second EX-TEST


def test_unknown_rule_in_exemption_applies_to(tmp_path: Path) -> None:
    error = _error(tmp_path, _BASE + "    applies_to: [TEST-NOPE]\n")
    assert (error.rule, error.key) == ("EX-TEST", "applies_to")


def test_red_flag_and_port_references(tmp_path: Path) -> None:
    flags = """
red_flag_guidance:
  S28: {instrument: "BIS Red Flag Indicators"}
red_flags:
  - {id: RF-TEST, source: S28, text: a flag, test: null}
ports:
  - {name: Nampo, country: KP, red_flag: RF-NOPE}
"""
    error = _error(tmp_path, _BASE + flags)
    assert (error.rule, error.key) == ("ports[0]", "red_flag")
    error = _error(tmp_path, _BASE + flags.replace("source: S28", "source: S99"))
    assert (error.rule, error.key) == ("RF-TEST", "source")


_CATEGORIES = """
categories:
  metals:
    terms: [steel bar, aluminium tube]
    hs_codes: ["72", "76"]
  maraging_bar:
    part_of: [metals]
    terms: [maraging steel bar]
"""


def test_categories_load_with_their_lineage(tmp_path: Path) -> None:
    text = _BASE.replace("scope: {hs_codes:", "scope: {item_categories: [metals], hs_codes:")
    catalogue = load_catalogue(_write(tmp_path, text + _CATEGORIES))
    assert catalogue.categories["metals"].hs_codes == ("72", "76")
    assert catalogue.categories["maraging_bar"].terms == ("maraging steel bar",)
    assert catalogue.category_lineage("maraging_bar") == {"maraging_bar", "metals"}


def test_category_validation(tmp_path: Path) -> None:
    named = _BASE.replace("scope: {hs_codes:", "scope: {item_categories: [metals], hs_codes:")
    # A category no rule names (nor one it is part of) is a mistake in the vocabulary.
    error = _error(tmp_path, _BASE + _CATEGORIES)
    assert error.rule == "categories.metals"
    assert "no rule names this category" in error.problem
    error = _error(tmp_path, named + _CATEGORIES.replace("part_of: [metals]", "part_of: [nope]"))
    assert (error.rule, error.problem) == ("categories.maraging_bar", "unknown category 'nope'")
    error = _error(tmp_path, named + _CATEGORIES.replace('"76"]', '"7.6"]'))
    assert (error.rule, error.key) == ("categories.metals", "hs_codes")
    error = _error(tmp_path, named + _CATEGORIES.replace("    terms: [steel", "    words: [steel"))
    assert "unknown keys ['words']" in error.problem
    thresholds = named.replace(
        "item_categories: [metals],",
        "item_categories: [metals], value_thresholds: [{category: gold_bars, value: 1}],",
    )
    error = _error(tmp_path, thresholds + _CATEGORIES)
    assert (error.rule, error.key) == ("TEST-METALS-TO", "scope.value_thresholds[0]")
    assert "unknown category 'gold_bars'" in error.problem


def test_unreadable_file() -> None:
    with pytest.raises(RuleDataError, match="missing.yml: cannot read"):
        load_catalogue("/nonexistent/missing.yml")


def test_the_documented_example_regime_loads_and_evaluates(tmp_path: Path) -> None:
    # docs/catalogue.md promises that a regime is a file, no code: its example must work.
    docs = (Path(__file__).parents[2] / "docs" / "catalogue.md").read_text(encoding="utf-8")
    example = docs.split("## Example: a second regime without code")[1]
    text = example.split("```yaml\n")[1].split("```")[0]
    catalogue = load_catalogue(_write(tmp_path, text))
    tx = Transaction(id="t", items=(Item("tubes", hs_code="7608.20"),), route=Route("DE", "KP"))
    [finding] = evaluate_hs_codes(tx, catalogue, load_hs())
    assert (finding.rule_id, finding.effect) == ("US-EAR-746-4-ALL-ITEMS", "license_required")
    assert finding.legal_basis == (LegalBasis("15 CFR 746.4", "(a)", verify=True),)
