"""Build src/tradescreen/data/control_lists/dual_use_catalogue.json from the Norway fixture.

The source is Norway's List II (dual-use goods), which uses the EU Reg 2021/821 Annex I
numbering and wording (early-2022 state), parsed into a django-treebeard tree by
safetecnordic/export-control (see ../shared/data/PROVENANCE.md, controls/). The catalogue
keeps, per entry code: category, product group, regime of origin, heading and full text
(paragraphs in document order, whitespace normalised, each prefixed by its local label).

Usage: python scripts/build_dual_use_catalogue.py [FIXTURE] [OUTPUT]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT.parent / "shared/data/controls/norway_list2_dualuse_en_2022.django_fixture.json"
OUTPUT = ROOT / "src/tradescreen/data/control_lists/dual_use_catalogue.json"

#: Regime of origin by the entry number's last three digits (Annex I convention).
REGIMES = (
    (1, 99, "Wassenaar Arrangement"),
    (101, 199, "Missile Technology Control Regime"),
    (201, 299, "Nuclear Suppliers Group"),
    (301, 399, "Australia Group"),
    (401, 499, "Chemical Weapons Convention"),
)


def regime_of(code: str) -> str:
    """The regime an entry comes from, by its number; Category 0 is the NSG Trigger List.

    The fixture files Category 0 under Wassenaar by number range alone, but every
    Category 0 entry (nuclear materials, facilities and equipment) comes from
    INFCIRC/254 Part 1.
    """
    if code.startswith("0"):
        return "Nuclear Suppliers Group"
    number = int(code[2:5])
    return next(name for low, high, name in REGIMES if low <= number <= high)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def build(fixture: Path) -> dict[str, Any]:
    objects = json.loads(fixture.read_text(encoding="utf-8"))
    by_model: dict[str, dict[int, dict[str, Any]]] = {}
    for obj in objects:
        by_model.setdefault(obj["model"], {})[obj["pk"]] = obj["fields"]
    categories = by_model["regulations.category"]
    groups = by_model["regulations.subcategory"]
    paragraphs: dict[int, list[dict[str, Any]]] = {}
    for fields in by_model["regulations.paragraph"].values():
        paragraphs.setdefault(fields["regulation"], []).append(fields)
    entries = []
    for pk, regulation in sorted(
        by_model["regulations.regulation"].items(), key=lambda r: r[1]["code"]
    ):
        code = regulation["code"]
        rows = sorted(paragraphs.get(pk, []), key=lambda p: p["path"])
        head = next(p for p in rows if p["depth"] == 1)
        lines = []
        for row in rows:
            label = "" if row["depth"] == 1 else _clean(row["code"] or "")
            text = _clean(row["text"])
            if label.endswith("Note:") and text.startswith("Note:"):  # "Technical" + "Note:" split
                text = text.removeprefix("Note:").strip()
            if text:
                lines.append(f"{label} {text}".strip())
        category = categories[regulation["category"]]
        group = groups[regulation["sub_category"]]
        entries.append(
            {
                "code": code,
                "category": category["identifier"],
                "category_name": category["name"],
                "group": group["identifier"],
                "group_name": group["name"].replace("Tecnology", "Technology"),
                "regime": regime_of(code),
                "heading": _clean(head["text"]),
                "text": "\n".join(lines),
            }
        )
    return {
        "source": "Norway List II (dual-use goods), EU Reg 2021/821 Annex I numbering, "
        "safetecnordic/export-control regulations/fixtures/regulations.json @ 3269767",
        "count": len(entries),
        "entries": entries,
    }


def main() -> None:
    fixture = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE
    output = Path(sys.argv[2]) if len(sys.argv) > 2 else OUTPUT
    catalogue = build(fixture)
    output.write_text(json.dumps(catalogue, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    counts = Counter(e["regime"] for e in catalogue["entries"])
    print(f"{output}: {catalogue['count']} entries; {dict(counts)}")


if __name__ == "__main__":
    main()
