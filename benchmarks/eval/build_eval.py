"""Build the development evaluation set for name matching from the real lists.

Writes ``benchmarks/eval/queries.jsonl``: one query per line,
``{"id", "query", "schema", "kind", "target", "listed"}`` where ``target`` is
``"<source>:<source_id>"`` for a query that must find that designation, or null for a
clean name that must raise no alert, and ``listed`` is the listed name the query was
made from (the pair the pairwise comparison scores; null for aliases and plain clean
names). Deterministic (seeded), so a rebuild gives the
same file as long as the lists do.

Positives are listed names (UN: every designation; OFAC SDN and UK ConList: the DPRK
designations and a sample of the rest) put through what screening meets in practice:
strong aliases as written, one typo (substitution, insertion, deletion or
transposition), two typos in long names, reordered tokens, merged and split
hyphenated given names, Korean romanisation variants (Ri → Lee, Pak → Park,
Jong → Jeong, Un → Eun, o → eo), Hangul script, legal-form variants for companies
(Corporation → Co., Ltd.), vessel prefixes (M/V).

Negatives are realistic names that are not on any list: common Korean, Chinese, Arabic,
Russian and Western person names, ordinary trading companies, and hard negatives that
share all tokens but one with a listed person name (``Kim Jong Un`` → ``Kim Jong Su``)
or one distinctive word with a listed company (``Tangun Golden Logistics Co., Ltd.``).
A negative equal to any listed name (up to token order and romanisation: Korean keys, and
the spellings of one name Wikidata knows) is dropped.

The EU file in shared/data is CC BY-NC: it is not used here, so the committed set
carries no EU data.

Usage: ``python benchmarks/eval/build_eval.py [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lists import load_lists  # noqa: E402
from tradescreen.matching.korean import is_hangul, romanize_syllable  # noqa: E402
from tradescreen.matching.normalize import (  # noqa: E402
    LEGAL_FORM_KEY,
    UNMATCHED_OPTIONAL_WEIGHT,
    NameForm,
    analyze_name,
    fold_spelling,
    syllable,
)
from tradescreen.model import Entity, NameKind  # noqa: E402
from tradescreen.reference.name_variants import name_items  # noqa: E402

SEED = 1718
HERE = Path(__file__).resolve().parent
SOURCES = ("un", "ofac-sdn", "uk-ofsi")
SAMPLE_NON_DPRK = 400  # per list, besides UN (taken whole) and DPRK designations

KOREAN_SWAPS = {
    "ri": ["Lee", "Yi", "Rhee"],
    "pak": ["Park", "Bak"],
    "choe": ["Choi", "Chwe"],
    "o": ["Oh"],
    "ryu": ["Yu", "Yoo"],
    "jong": ["Jeong", "Chong", "Jung"],
    "un": ["Eun"],
    "chol": ["Cheol", "Chul"],
    "song": ["Seong", "Sung"],
    "kim": ["Gim"],
    "kang": ["Gang"],
    "jang": ["Chang"],
    "jo": ["Cho"],
    "rim": ["Lim", "Im"],
    "ryong": ["Yong"],
    "hyok": ["Hyeok"],
    "kyong": ["Gyeong", "Kyung"],
    "son": ["Seon"],
    "chon": ["Cheon", "Chun"],
    "yong": ["Yeong"],
    "sok": ["Seok"],
    "ho": ["Ho"],
    "il": ["Il"],
    "su": ["Soo"],
    "ju": ["Joo"],
    "gu": ["Koo"],
    "ok": ["Ok"],
}
LEGAL_SWAPS = {
    "corporation": "Co., Ltd.",
    "company": "Co.",
    "co": "Company",
    "ltd": "Limited",
    "limited": "Ltd",
    "llc": "L.L.C.",
    "corp": "Corporation",
}
KOREAN_SURNAMES = [
    "Kim",
    "Ri",
    "Pak",
    "Choe",
    "Jong",
    "Kang",
    "Cho",
    "Yun",
    "Jang",
    "Han",
    "O",
    "So",
    "Sin",
    "Kwon",
    "Hwang",
    "An",
    "Song",
    "Ryu",
    "Hong",
    "Jon",
    "Ko",
    "Mun",
    "Yang",
    "Son",
]
KOREAN_SYLLABLES = [
    "Chol",
    "Su",
    "Yong",
    "Hyok",
    "Il",
    "Nam",
    "Song",
    "Myong",
    "Jin",
    "Hui",
    "Gwang",
    "Chan",
    "Hyon",
    "Sok",
    "Ho",
    "Min",
    "Jun",
    "Ung",
    "Guk",
    "Ryong",
    "Sun",
    "Ok",
    "Hwa",
    "Mi",
    "Hye",
    "Dong",
    "Thae",
    "Bong",
    "Chun",
    "Gil",
    "Man",
    "Sik",
    "Pil",
    "Hak",
]
CHINESE_SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Gao",
    "Luo",
    "Zheng",
    "Liang",
    "Song",
]
CHINESE_GIVEN = [
    "Wei",
    "Fang",
    "Na",
    "Min",
    "Jing",
    "Li",
    "Qiang",
    "Lei",
    "Jun",
    "Yang",
    "Yong",
    "Yan",
    "Jie",
    "Tao",
    "Ming",
    "Chao",
    "Xiuying",
    "Xia",
    "Ping",
    "Gang",
    "Hui",
    "Hong",
    "Bin",
]
ARABIC_FIRST = [
    "Mohammed",
    "Ahmed",
    "Ali",
    "Omar",
    "Hassan",
    "Hussein",
    "Khalid",
    "Youssef",
    "Ibrahim",
    "Abdullah",
    "Mustafa",
    "Tariq",
    "Karim",
    "Samir",
    "Nabil",
    "Walid",
    "Faisal",
    "Salem",
    "Fatima",
    "Aisha",
    "Mariam",
    "Layla",
    "Zainab",
    "Rashid",
    "Hamza",
    "Bilal",
    "Anwar",
    "Jamal",
]
ARABIC_LAST = [
    "Al-Sayed",
    "Haddad",
    "Khoury",
    "Mansour",
    "Nasser",
    "Saleh",
    "Hamdan",
    "Farouk",
    "Aziz",
    "Qasim",
    "Darwish",
    "Bakr",
    "Zaki",
    "Othman",
    "Hijazi",
    "Kanaan",
    "Sabbagh",
    "Tamimi",
]
RUSSIAN_FIRST = [
    "Aleksandr",
    "Sergei",
    "Dmitry",
    "Andrei",
    "Alexei",
    "Ivan",
    "Mikhail",
    "Nikolai",
    "Olga",
    "Elena",
    "Tatiana",
    "Natalia",
    "Yuri",
    "Vladimir",
    "Pavel",
    "Oleg",
    "Anna",
    "Irina",
]
RUSSIAN_LAST = [
    "Ivanov",
    "Smirnov",
    "Kuznetsov",
    "Popov",
    "Vasiliev",
    "Petrov",
    "Sokolov",
    "Mikhailov",
    "Novikov",
    "Fedorov",
    "Morozov",
    "Volkov",
    "Alekseev",
    "Lebedev",
    "Semenov",
    "Egorov",
]
WESTERN_FIRST = [
    "John",
    "Mary",
    "James",
    "Patricia",
    "Robert",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Thomas",
    "Susan",
    "Peter",
    "Anna",
    "Maria",
    "Hans",
    "Pierre",
    "Giulia",
    "Carlos",
    "Sofia",
    "Lars",
    "Emma",
    "Jan",
    "Lucas",
]
WESTERN_LAST = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Garcia",
    "Wilson",
    "Martin",
    "Muller",
    "Schmidt",
    "Dubois",
    "Rossi",
    "Fernandez",
    "Jansen",
    "Nielsen",
    "Novak",
    "Kowalski",
    "Andersson",
    "Moreau",
    "Weber",
    "Costa",
    "Silva",
    "Taylor",
    "Clark",
]
COMPANY_WORDS = [
    "Golden",
    "Pacific",
    "Bright",
    "Star",
    "Ocean",
    "Harbor",
    "Summit",
    "Evergreen",
    "Silver",
    "Northern",
    "Eastern",
    "Lucky",
    "Prime",
    "Royal",
    "Blue",
    "Delta",
    "United",
    "Jade",
    "Dragon",
    "Phoenix",
    "Crystal",
    "Sunrise",
    "Alpine",
    "Metro",
    "Apex",
    "Orient",
    "Horizon",
    "Liberty",
]
COMPANY_TRADES = [
    "Trading",
    "Logistics",
    "Electronics",
    "Machinery",
    "Textiles",
    "Chemicals",
    "Foods",
    "Shipping",
    "Steel",
    "Plastics",
    "Packaging",
    "Imports",
    "Engineering",
    "Pharma",
    "Tools",
]
COMPANY_FORMS = [
    "Co., Ltd.",
    "Limited",
    "LLC",
    "GmbH",
    "Corporation",
    "Trading Co.",
    "Pte Ltd",
    "S.A.",
    "Inc.",
    "JSC",
    "FZE",
    "Company",
]
CITIES = [
    "Dalian",
    "Dandong",
    "Shenyang",
    "Shanghai",
    "Hong Kong",
    "Singapore",
    "Dubai",
    "Busan",
    "Vladivostok",
    "Hamburg",
    "Rotterdam",
    "Istanbul",
    "Osaka",
    "Taipei",
    "Bangkok",
    "Manila",
]
TYPO_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _make_hangul_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xAC00, 0xD7A4):
        table.setdefault(romanize_syllable(chr(code)), chr(code))
    return table


HANGUL_OF = _make_hangul_table()


def typo(rng: random.Random, token: str) -> str:
    """One random edit: substitution, insertion, deletion or transposition."""
    i = rng.randrange(len(token))
    op = rng.choice(("sub", "ins", "del", "swap"))
    if op == "sub":
        return token[:i] + rng.choice(TYPO_LETTERS) + token[i + 1 :]
    if op == "ins":
        return token[:i] + rng.choice(TYPO_LETTERS) + token[i:]
    if op == "del" and len(token) > 3:
        return token[:i] + token[i + 1 :]
    if i + 1 < len(token):
        return token[:i] + token[i + 1] + token[i] + token[i + 2 :]
    return token[:i] + rng.choice(TYPO_LETTERS) + token[i + 1 :]


def with_typos(rng: random.Random, name: str, count: int) -> str | None:
    tokens = name.split()
    eligible = [i for i, t in enumerate(tokens) if len(t) >= 3 and t.isalpha()]
    if len(eligible) < count:
        return None
    for i in rng.sample(eligible, count):
        tokens[i] = typo(rng, tokens[i])
    return " ".join(tokens)


def reorder(name: str) -> str | None:
    tokens = name.replace(",", " ").split()
    if len(tokens) < 2:
        return None
    return " ".join(tokens[1:] + tokens[:1])


def hyphen_variant(rng: random.Random, name: str) -> str | None:
    if "-" in name:
        return name.replace("-", rng.choice(("", " ")))
    tokens = name.split()
    short = [
        i
        for i in range(len(tokens) - 1)
        if len(tokens[i]) <= 5 and len(tokens[i + 1]) <= 5 and i > 0
    ]
    if not short:
        return None
    i = rng.choice(short)
    joined = tokens[i] + rng.choice(("-", "")) + tokens[i + 1].lower()
    return " ".join(tokens[:i] + [joined] + tokens[i + 2 :])


def korean_variant(rng: random.Random, name: str) -> str | None:
    tokens = name.replace("-", " ").replace(",", " ").split()
    changed = False
    out = []
    for token in tokens:
        options = KOREAN_SWAPS.get(token.lower())
        if options and rng.random() < 0.8:
            out.append(rng.choice(options))
            changed = True
        else:
            out.append(token.capitalize())
    return " ".join(out) if changed else None


def to_hangul(name: str) -> str | None:
    tokens = name.replace("-", " ").replace(",", " ").lower().split()
    syllables = []
    for token in tokens:
        if token in HANGUL_OF:
            syllables.append(HANGUL_OF[token])
        elif len(token) > 2 and token[:2] in HANGUL_OF and token[2:] in HANGUL_OF:
            syllables.extend((HANGUL_OF[token[:2]], HANGUL_OF[token[2:]]))
        else:
            return None
    text = "".join(syllables)
    return text if all(is_hangul(c) for c in text) else None


def legal_variant(name: str) -> str | None:
    tokens = name.split()
    for i, token in enumerate(tokens):
        swap = LEGAL_SWAPS.get(token.lower().strip(".,"))
        if swap:
            return " ".join(tokens[:i] + [swap] + tokens[i + 1 :])
    return None


def is_dprk(entity: Entity) -> bool:
    return any(
        "DPRK" in p.upper() or "KOREA" in p.upper() for p in entity.programs
    ) or entity.source_id.startswith("KP")


def positives(rng: random.Random, entity: Entity) -> list[tuple[str, str]]:
    """(kind, query) pairs for one listed entity; all but aliases vary its caption."""
    primary = entity.caption
    cases: list[tuple[str, str]] = []
    aliases = [n.value for n in entity.names if n.kind is NameKind.ALIAS and n.value != primary]
    if aliases:
        cases.append(("alias", rng.choice(aliases)))
    for count, kind in ((1, "typo"), (2, "typo2")):
        if kind == "typo2" and len(primary) < 16:
            continue
        varied = with_typos(rng, primary, count)
        if varied:
            cases.append((kind, varied))
    if entity.schema == "Person":
        for kind, varied in (
            ("reorder", reorder(primary)),
            ("hyphen", hyphen_variant(rng, primary)),
        ):
            if varied:
                cases.append((kind, varied))
        if is_dprk(entity):
            varied = korean_variant(rng, primary)
            if varied:
                cases.append(("korean", varied))
            hangul = to_hangul(primary)
            if hangul:
                cases.append(("hangul", hangul))
    elif entity.schema == "Vessel":
        cases.append(("vessel_prefix", "M/V " + primary))
    else:
        varied = legal_variant(primary)
        if varied:
            cases.append(("legal_form", varied))
    return cases


def _elements(form: NameForm) -> list[tuple[str, str]]:
    """(signature element, token) of each token but legal forms: its key (Ri = Lee) or
    the token folded as the matcher folds it (Nasser = Naser, Naveed = Navid). The same
    company under another legal form is the same name, not a clean one."""
    return [
        (k or fold_spelling(t), t)
        for t, k in zip(form.tokens, form.keys, strict=True)
        if not (k or "").startswith(LEGAL_FORM_KEY)
    ]


def _signature(form: NameForm) -> tuple[str, ...]:
    """A name's signature elements, sorted."""
    return tuple(sorted(element for element, _ in _elements(form)))


def _name_items(token: str) -> frozenset[int]:
    """The names a token spells by Wikidata, as the matcher's table keeps them
    (``aleksandr`` and ``alexandr`` share one). Korean and Chinese syllables have their own
    keys: Wikidata makes Hong one name with Fang."""
    return frozenset() if syllable(token) else name_items(token)


class ListedNames:
    """The signatures of every listed name, and of each without its patronymic or second
    surname (Oleg Petrov is PETROV, Oleg Vladimirovich as screening goes, Nicolas Maduro is
    MADURO MOROS, Nicolas), up to the spellings Wikidata knows of a name (Aleksandr
    Morozov is MOROZOV, Alexandr): a negative must hold none of them."""

    def __init__(self, entities: list[Entity]) -> None:
        self.signatures: set[tuple[str, ...]] = set()
        self._spellings: dict[int, set[str]] = defaultdict(set)
        for entity in entities:
            for name in entity.names:
                for form in analyze_name(name.value, entity.schema):
                    self.signatures.add(_signature(form))
                    for element, token in _elements(form):
                        for item in _name_items(token):
                            self._spellings[item].add(element)
                    if UNMATCHED_OPTIONAL_WEIGHT in form.weights:
                        kept = [
                            i for i, w in enumerate(form.weights) if w != UNMATCHED_OPTIONAL_WEIGHT
                        ]
                        optional_dropped = replace(
                            form,
                            tokens=tuple(form.tokens[i] for i in kept),
                            keys=tuple(form.keys[i] for i in kept),
                        )
                        self.signatures.add(_signature(optional_dropped))
        self._holding: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for listed in self.signatures:
            for token in set(listed):
                self._holding[token].append(listed)

    def holds(self, name: str, schema: str) -> bool:
        """True when a name is a listed name (up to the above)."""
        return any(self._holds(sorted(_elements(form))) for form in analyze_name(name, schema))

    def _holds(self, elements: list[tuple[str, str]]) -> bool:
        signature = tuple(element for element, _ in elements)
        if signature in self.signatures:
            return True
        if not signature:
            return False
        spellings = [
            {element}.union(*(self._spellings.get(item, ()) for item in _name_items(token)))
            for element, token in elements
        ]
        return any(
            len(listed) == len(signature) and _pairs_up(spellings, list(listed))
            for spelling in spellings[0]
            for listed in self._holding.get(spelling, ())
        )


def _pairs_up(spellings: list[set[str]], listed: list[str]) -> bool:
    """True when each listed token is one of the spellings of its own query token."""
    if not spellings:
        return True
    first, rest = spellings[0], spellings[1:]
    return any(
        token in first and _pairs_up(rest, listed[:i] + listed[i + 1 :])
        for i, token in enumerate(listed)
    )


def negatives(
    rng: random.Random, entities: list[Entity], count: int
) -> list[tuple[str, str, str, str | None]]:
    """(kind, schema, name, listed name it was derived from) clean names, plain and hard."""
    pools = (
        (
            "korean",
            lambda: (
                f"{rng.choice(KOREAN_SURNAMES)} {rng.choice(KOREAN_SYLLABLES)} "
                f"{rng.choice(KOREAN_SYLLABLES)}"
            ),
        ),
        (
            "chinese",
            lambda: (
                f"{rng.choice(CHINESE_SURNAMES)} {rng.choice(CHINESE_GIVEN)}"
                f"{rng.choice(['', rng.choice(CHINESE_GIVEN).lower()])}"
            ),
        ),
        (
            "arabic",
            lambda: (
                f"{rng.choice(ARABIC_FIRST)} {rng.choice(ARABIC_FIRST)} {rng.choice(ARABIC_LAST)}"
            ),
        ),
        ("russian", lambda: f"{rng.choice(RUSSIAN_FIRST)} {rng.choice(RUSSIAN_LAST)}"),
        ("western", lambda: f"{rng.choice(WESTERN_FIRST)} {rng.choice(WESTERN_LAST)}"),
    )
    out: list[tuple[str, str, str, str | None]] = []
    per_kind = count // 8
    for kind, make in pools:
        out.extend((f"clean_{kind}", "Person", make(), None) for _ in range(per_kind))
    for _ in range(per_kind):
        words = (CITIES, COMPANY_WORDS, COMPANY_TRADES, COMPANY_FORMS)
        trade = " ".join(rng.choice(pool) for pool in words)
        out.append(("clean_company", "Company", trade, None))
    persons = [e for e in entities if e.schema == "Person" and len(e.caption.split()) >= 2]
    orgs = [
        e
        for e in entities
        if e.schema in ("Organization", "Company", "LegalEntity") and len(e.caption.split()) >= 2
    ]
    dprk = [e for e in persons if is_dprk(e)]
    for _ in range(per_kind):
        entity = rng.choice(dprk if rng.random() < 0.5 else persons)
        tokens = entity.caption.replace(",", " ").split()
        i = rng.randrange(1, len(tokens))
        pool = KOREAN_SYLLABLES if is_dprk(entity) else ARABIC_FIRST + WESTERN_FIRST + RUSSIAN_FIRST
        tokens[i] = rng.choice(pool)
        out.append(("hard_person", "Person", " ".join(tokens), entity.caption))
    for _ in range(per_kind):
        # An ordinary company sharing one distinctive word with a listed one.
        entity = rng.choice(orgs)
        strong = [t for t in entity.caption.split() if len(t) > 3 and t.lower() not in LEGAL_SWAPS]
        if not strong:
            continue
        words = [rng.choice(strong), rng.choice(COMPANY_WORDS), rng.choice(COMPANY_TRADES)]
        rng.shuffle(words)
        out.append(
            (
                "hard_company",
                "Company",
                " ".join(words + [rng.choice(COMPANY_FORMS)]),
                entity.caption,
            )
        )
    return out


def build(shared: Path) -> list[dict[str, object]]:
    rng = random.Random(SEED)
    entities, report = load_lists(shared, SOURCES)
    print("\n".join(report), file=sys.stderr)
    targets: list[Entity] = []
    for entity in entities:
        if entity.source == "un" or is_dprk(entity):
            targets.append(entity)
    others = [e for e in entities if e.source != "un" and not is_dprk(e)]
    targets += rng.sample(others, min(len(others), SAMPLE_NON_DPRK * 2))
    rows: list[dict[str, object]] = []
    for entity in targets:
        for kind, query in positives(rng, entity):
            rows.append(
                {
                    "query": query,
                    "schema": entity.schema,
                    "kind": kind,
                    "target": f"{entity.source}:{entity.source_id}",
                    "listed": None if kind == "alias" else entity.caption,
                }
            )
    listed = ListedNames(entities)
    seen: set[str] = set()
    for kind, schema, name, origin in negatives(rng, entities, len(rows)):
        if name in seen or listed.holds(name, schema):
            continue
        seen.add(name)
        rows.append(
            {"query": name, "schema": schema, "kind": kind, "target": None, "listed": origin}
        )
    for number, row in enumerate(rows):
        row["id"] = f"q{number:05d}"
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2].parent / "shared"
    )
    parser.add_argument("--out", type=Path, default=HERE / "queries.jsonl")
    args = parser.parse_args()
    rows = build(args.shared)
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(
                json.dumps(
                    {k: row[k] for k in ("id", "query", "schema", "kind", "target", "listed")},
                    ensure_ascii=False,
                )
                + "\n"
            )
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[str(row["kind"])] = kinds.get(str(row["kind"]), 0) + 1
    print(f"{len(rows)} queries -> {args.out}", file=sys.stderr)
    print(json.dumps(kinds, sort_keys=True), file=sys.stderr)


if __name__ == "__main__":
    main()
