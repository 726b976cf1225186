"""Build src/tradescreen/data/reference/chinese_telegraph_codes.tsv from Unicode's Unihan.

The Chinese telegraph code (Chinese Commercial Code, CCC) numbers Han characters with four
digits; OFAC gives some Chinese designees' names in it (``Chinese Commercial Code 1728
4320``). Unihan records two tables: ``kMainlandTelegraph`` (the PRC table, simplified
forms) and ``kTaiwanTelegraph`` (traditional forms), both in Unihan_OtherMappings.txt. The
output has one row per code: ``code<TAB>mainland<TAB>taiwan``, an empty cell where a table
lacks the code, sorted by code, after a header naming the source and carrying the licence.

Source: Debian's package ``unicode-data`` (15.0.0) installs the file as
/usr/share/unicode/Unihan_OtherMappings.txt.bz2 (``apt-get install unicode-data``); the
same file sits in Unicode's own Unihan.zip, which this script reads too.

Licence: the Unicode Data Files are under the Unicode, Inc. License Agreement - Data Files
and Software (SPDX Unicode-DFS-2016): permissive, copying, modifying and redistributing are
allowed when the copyright and permission notice goes with the copies. The generated file
carries that notice in its header (``NOTICE`` below, verbatim).

The output depends only on the input file: rerunning the script on the same Unihan
rebuilds the committed table byte for byte.

Usage: python scripts/build_telegraph_table.py [UNIHAN] [OUTPUT]
"""

from __future__ import annotations

import bz2
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
OUTPUT = ROOT / "src/tradescreen/data/reference/chinese_telegraph_codes.tsv"
MEMBER = "Unihan_OtherMappings.txt"

#: The Unihan fields read, in output column order.
FIELDS = ("kMainlandTelegraph", "kTaiwanTelegraph")

#: The copyright and permission notice of the Unicode data licence of 2022 (Unicode 15.0).
NOTICE = """\
COPYRIGHT AND PERMISSION NOTICE

Copyright © 1991-2022 Unicode, Inc. All rights reserved.
Distributed under the Terms of Use in https://www.unicode.org/copyright.html.

Permission is hereby granted, free of charge, to any person obtaining
a copy of the Unicode data files and any associated documentation
(the "Data Files") or Unicode software and any associated documentation
(the "Software") to deal in the Data Files or Software
without restriction, including without limitation the rights to use,
copy, modify, merge, publish, distribute, and/or sell copies of
the Data Files or Software, and to permit persons to whom the Data Files
or Software are furnished to do so, provided that either
(a) this copyright and permission notice appear with all copies
of the Data Files or Software, or
(b) this copyright and permission notice appear in associated
Documentation.

THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF
ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT OF THIRD PARTY RIGHTS.
IN NO EVENT SHALL THE COPYRIGHT HOLDER OR HOLDERS INCLUDED IN THIS
NOTICE BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL INDIRECT OR CONSEQUENTIAL
DAMAGES, OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE,
DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
PERFORMANCE OF THE DATA FILES OR SOFTWARE.

Except as contained in this notice, the name of a copyright holder
shall not be used in advertising or otherwise to promote the sale,
use or other dealings in these Data Files or Software without prior
written authorization of the copyright holder.
"""

_VERSION = re.compile(r"^# Unicode version: (\S+)$", re.MULTILINE)
_DATE = re.compile(r"^# Date: (.+)$", re.MULTILINE)
_CODE = re.compile(r"^\d{4}$")


def read_unihan(path: Path) -> str:
    """The text of Unihan_OtherMappings.txt: as is, bzip2-compressed or inside Unihan.zip."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return archive.read(MEMBER).decode("utf-8")
    if path.suffix == ".bz2":
        return bz2.decompress(path.read_bytes()).decode("utf-8")
    return path.read_text(encoding="utf-8")


def _header_value(pattern: re.Pattern[str], text: str, what: str) -> str:
    match = pattern.search(text)
    if match is None:
        raise ValueError(f"{MEMBER}: no {what} in the header")
    return match[1].strip()


def telegraph_tables(text: str) -> dict[str, dict[str, str]]:
    """Per field of ``FIELDS``, code to character; a character may have several codes."""
    tables: dict[str, dict[str, str]] = {field: {} for field in FIELDS}
    for line in text.splitlines():
        if line.startswith("#") or not line:
            continue
        point, field, value = line.split("\t")
        if field not in tables:
            continue
        char = chr(int(point.removeprefix("U+"), 16))
        for code in value.split():
            if not _CODE.match(code):
                raise ValueError(f"{MEMBER}: {point} {field} {code!r} is not four digits")
            known = tables[field].setdefault(code, char)
            if known != char:
                raise ValueError(f"{MEMBER}: {field} {code} is both {known} and {char}")
    return tables


def build(path: Path) -> str:
    """The whole TSV file, header included, for the Unihan file at ``path``."""
    text = read_unihan(path)
    version = _header_value(_VERSION, text, "Unicode version")
    date = _header_value(_DATE, text, "date")
    tables = telegraph_tables(text)
    codes = sorted(set().union(*tables.values()))
    header = [
        "Chinese telegraph codes (Chinese Commercial Code): one row per code,",
        "code<TAB>mainland<TAB>taiwan; a cell is empty when that table lacks the code.",
        "",
        f"Source: the Unihan database of Unicode {version}, {' and '.join(FIELDS)}",
        f"in {MEMBER} (Date: {date}).",
        "Modified: rearranged from one line per character into one row per code.",
        "Rebuild: apt-get install unicode-data && python scripts/build_telegraph_table.py",
        "",
        "Licence: Unicode, Inc. License Agreement - Data Files and Software",
        "(SPDX Unicode-DFS-2016), whose notice follows.",
        "",
        *NOTICE.splitlines(),
    ]
    lines = [f"# {line}".rstrip() for line in header]
    lines += [
        "\t".join([code, *(tables[field].get(code, "") for field in FIELDS)]) for code in codes
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    unihan = Path(sys.argv[1]) if len(sys.argv) > 1 else UNIHAN
    output = Path(sys.argv[2]) if len(sys.argv) > 2 else OUTPUT
    table = build(unihan)
    output.write_text(table, encoding="utf-8", newline="\n")
    rows = sum(1 for line in table.splitlines() if not line.startswith("#"))
    print(f"{output}: {rows} codes")


if __name__ == "__main__":
    main()
