import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tradescreen.exc import RuleDataError
from tradescreen.reference.dual_use import (
    CATALOGUE_PATH,
    default_dual_use_catalogue,
    load_dual_use_catalogue,
    search_dual_use,
)


def test_catalogue_has_every_entry_of_categories_0_to_9():
    entries = default_dual_use_catalogue().entries
    assert len(entries) == 366
    assert Counter(e.category for e in entries) == {
        0: 15,
        1: 92,
        2: 52,
        3: 39,
        4: 11,
        5: 13,
        6: 36,
        7: 37,
        8: 8,
        9: 63,
    }
    assert Counter(e.regime for e in entries) == {
        "Wassenaar Arrangement": 161,  # 176 by number range, less Category 0
        "Missile Technology Control Regime": 100,
        "Nuclear Suppliers Group": 94,  # 79 x2xx entries plus the 15 of Category 0
        "Australia Group": 10,
        "Chemical Weapons Convention": 1,
    }


def test_entry_keeps_heading_and_full_text():
    entry = default_dual_use_catalogue().get("1C216")
    assert entry is not None
    assert (entry.category, entry.group, entry.regime) == (1, "C", "Nuclear Suppliers Group")
    assert entry.heading.startswith("Maraging steel, other than that specified in 1C116")
    assert (
        "Note: 1C216 does not control forms in which all linear dimensions are 75 mm or less."
        in entry.text
    )
    assert default_dual_use_catalogue().get("9Z999") is None


def test_catalogue_matches_the_shared_fixture(shared_data: Path):
    # The committed JSON is what scripts/build_dual_use_catalogue.py makes from the fixture.
    fixture = json.loads(
        (shared_data / "controls/norway_list2_dualuse_en_2022.django_fixture.json").read_text()
    )
    codes = sorted(o["fields"]["code"] for o in fixture if o["model"] == "regulations.regulation")
    assert [e.code for e in default_dual_use_catalogue().entries] == codes


@pytest.mark.parametrize(
    ("description", "top"),
    [
        ("maraging steel rotor tube", {"1C216", "1C116"}),
        ("filament winding machine", {"1B201"}),
        ("frequency changer", {"3A225"}),
        ("vacuum pump", {"2B231"}),
        ("flow forming machine", {"2B209"}),
        ("pressure transducer", {"2B230"}),
        ("carbon fiber", {"1C010"}),
    ],
)
def test_search_ranks_the_entry_first(description: str, top: set[str]):
    candidates = search_dual_use(description, limit=len(top))
    assert {c.code for c in candidates} == top


def test_search_result_explains_itself():
    candidates = search_dual_use("filament winding machine", limit=3)
    assert candidates[0].code == "1B201"
    assert "1B001" in {c.code for c in candidates}
    assert candidates[0].matched_terms == ("filament", "winding", "machine")
    assert candidates[0].regime == "Nuclear Suppliers Group"
    assert 0 < candidates[1].score < candidates[0].score <= 1


def test_misspelt_word_still_finds_its_entry():
    assert {c.code for c in search_dual_use("marageing steel", limit=2)} == {"1C116", "1C216"}


def test_nothing_to_search_for():
    assert search_dual_use("the of and") == []
    assert search_dual_use("7075-T6 80mm") == []


def test_truncated_catalogue_is_refused(tmp_path: Path):
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    data["entries"] = data["entries"][:100]
    broken = tmp_path / "dual_use_catalogue.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleDataError, match="100 entries, header says 366"):
        load_dual_use_catalogue(broken)


def test_committed_catalogue_is_what_the_build_script_makes(
    shared_data: Path, build_script: Callable[[str], ModuleType]
):
    built = build_script("build_dual_use_catalogue").build(
        shared_data / "controls/norway_list2_dualuse_en_2022.django_fixture.json"
    )
    assert built == json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
