"""Build src/tradescreen/data/reference/name_variants.tsv from rigour's person-name data.

rigour (the name library of OpenSanctions) tags person names with Wikidata's items for
given and family names, from ``rust/data/names/person_names.txt`` in its source
distribution: one line per item, ``ovsei, ovsej, ovsey, owssej, овсей => Q10000006`` (and
rigour's own ``X`` groups, the forms of one patronymic or surname: ``golikov, golikova``). The
screener needs only what makes two Latin tokens one name, so the table keeps, per item,
its spellings in Latin or Cyrillic script as the matcher spells tokens (lower case, ASCII,
no apostrophes: ``овсей`` is ``ovsei``), one word each, and only items left with two
spellings or more. One row per item: ``id<TAB>spellings separated by spaces``, sorted by
id, after a header naming the source and carrying the licence.

Source: rigour 2.6.1, the version pyproject.toml pins, from PyPI
(https://pypi.org/project/rigour/2.6.1/, file rigour-2.6.1.tar.gz). The wheel embeds the
data in compiled code; the source archive has it as text.

Licence: rigour is under the MIT License (Copyright (c) 2023-2025 OpenSanctions Datenbanken
GmbH), which permits redistribution with its notice; the names come from Wikidata (CC0).
The generated file carries the notice in its header (``NOTICE`` below, verbatim).

The output depends only on the input and on the pinned rigour's ASCII transliteration:
rerunning the script on the same archive rebuilds the committed table byte for byte.

Usage: python scripts/build_name_variants.py SOURCE [OUTPUT]
  SOURCE: rigour-2.6.1.tar.gz, or person_names.txt taken out of it.
"""

from __future__ import annotations

import re
import sys
import tarfile
from pathlib import Path

from rigour.text import ascii_text
from rigour.text.scripts import text_scripts

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src/tradescreen/data/reference/name_variants.tsv"
MEMBER = "rust/data/names/person_names.txt"
SCRIPTS = frozenset({"Latin", "Cyrillic"})
_APOSTROPHES = re.compile(r"['’`ʼ‘´]")
_WORD = re.compile(r"[a-z]{2,}")
#: Wikidata's Q-ids, and rigour's own X-ids for the forms of one name (golikov, golikova).
_ITEM = re.compile(r"[QX]\d+")

NOTICE = """\
MIT License

Copyright (c) 2023-2025: OpenSanctions Datenbanken GmbH

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

HEADER = """\
Spellings of one person name: one row per Wikidata item of a given or family name (Q) or
rigour group of the forms of one name (X), id<TAB>its spellings (lower case, ASCII, one word
each, separated by spaces).

Source: rigour 2.6.1 (PyPI, rigour-2.6.1.tar.gz), rust/data/names/person_names.txt,
which rigour derives from Wikidata (CC0).
Modified: spellings in Latin or Cyrillic script only, transliterated to ASCII by rigour's
ascii_text, apostrophes dropped, one-word spellings only; items with one spelling left out.
Rebuild: python scripts/build_name_variants.py rigour-2.6.1.tar.gz

Licence: rigour is under the MIT License, whose notice follows.
"""


def read_source(source: Path) -> str:
    """person_names.txt, from the archive or as a file."""
    if source.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(source) as archive:
            member = next(m for m in archive.getmembers() if m.name.endswith(MEMBER))
            handle = archive.extractfile(member)
            assert handle is not None, f"{member.name} is not a file"
            return handle.read().decode("utf-8")
    return source.read_text(encoding="utf-8")


def token(spelling: str) -> str | None:
    """A spelling as the matcher spells a token, or None when it is no single word in Latin
    or Cyrillic script."""
    spelling = spelling.strip()
    if not spelling or not text_scripts(spelling) <= SCRIPTS:
        return None
    folded = _APOSTROPHES.sub("", ascii_text(spelling).lower())
    return folded if _WORD.fullmatch(folded) else None


def build(source: Path) -> str:
    items: dict[tuple[str, int], set[str]] = {}
    for number, line in enumerate(read_source(source).splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        spellings, separator, item = line.rpartition("=>")
        item = item.strip()
        if not separator or not _ITEM.fullmatch(item):
            raise SystemExit(f"{source}: line {number}: {line!r} is not 'spellings => id'")
        tokens = {t for t in map(token, spellings.split(",")) if t}
        items.setdefault((item[0], int(item[1:])), set()).update(tokens)
    lines = [f"# {line}".rstrip() for line in (HEADER + "\n" + NOTICE).splitlines()]
    lines += [
        f"{letter}{number}\t{' '.join(sorted(tokens))}"
        for (letter, number), tokens in sorted(items.items())
        if len(tokens) >= 2
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    output = Path(sys.argv[2]) if len(sys.argv) == 3 else OUTPUT
    output.write_text(build(Path(sys.argv[1])), encoding="utf-8")
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
