"""Organisation and vessel names: legal forms, their translations, vessel prefixes.

A legal form says little about who a company is: ``Namchongang Trading Co., Ltd`` and
``Namchongang Trading Corporation`` are one company. Legal forms are rewritten to one
canonical word (``co``, ``corp``, ``ltd``…) so that translations agree, and those words
weigh little in the score. CJK and Korean forms are rewritten before transliteration
(有限公司 → ``co ltd``, 총회사 → ``general corp``), because their readings
(``you xian gong si``) would otherwise count as name tokens.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

__all__ = [
    "LEGAL_FORMS",
    "WEAK_WORDS",
    "legal_form_of",
    "replace_cjk_legal_forms",
    "strip_vessel_prefix",
]

#: Spelling → canonical legal form (lower case, punctuation removed).
LEGAL_FORMS: dict[str, str] = {
    "co": "co",
    "company": "co",
    "compania": "co",
    "companhia": "co",
    "cie": "co",
    "corp": "corp",
    "corporation": "corp",
    "corpn": "corp",
    "ltd": "ltd",
    "limited": "ltd",
    "ltda": "ltd",
    "llc": "llc",
    "llp": "llp",
    "lp": "lp",
    "inc": "inc",
    "incorporated": "inc",
    "plc": "plc",
    "pte": "pte",
    "pvt": "pvt",
    "gmbh": "gmbh",
    "ag": "ag",
    "kg": "kg",
    "mbh": "gmbh",
    "ug": "ug",
    "sa": "sa",
    "sarl": "sarl",
    "sas": "sas",
    "srl": "srl",
    "spa": "spa",
    "bv": "bv",
    "nv": "nv",
    "oy": "oy",
    "ab": "ab",
    "as": "as",
    "aps": "aps",
    "sdn": "sdn",
    "bhd": "bhd",
    "tbk": "tbk",
    "jsc": "jsc",
    "ojsc": "jsc",
    "cjsc": "jsc",
    "pjsc": "jsc",
    "zao": "jsc",
    "oao": "jsc",
    "pao": "jsc",
    "ao": "jsc",
    "ooo": "llc",
    "tov": "llc",
    "too": "llc",
    "fze": "fze",
    "fzco": "fze",
    "fzc": "fze",
    "fzllc": "fze",
    "est": "est",
    "establishment": "est",
    "sti": "ltd",
    "sirketi": "co",
    "group": "group",
    "holding": "holding",
    "holdings": "holding",
    "enterprise": "enterprise",
    "enterprises": "enterprise",
}

#: Words that carry little identity in organisation names (besides legal forms).
WEAK_WORDS = frozenset(
    {
        "the",
        "of",
        "and",
        "for",
        "de",
        "la",
        "el",
        "al",
        "du",
        "des",
        "der",
        "und",
        "y",
        "et",
        "general",
        "trading",
        "international",
        "joint",
        "stock",
        "public",
        "open",
        "closed",
        "research",
        "production",
        "scientific",
        "institute",
        "factory",
        "plant",
        "center",
        "centre",
        "intl",
        "industrial",
        "industry",
        "industries",
        "import",
        "export",
        "commercial",
        "development",
        "technology",
        "technologies",
        "shipping",
        "bureau",
        "office",
        "department",
        "services",
        "service",
        "korea",
        "korean",
        "dprk",
    }
)

# CJK and Korean legal forms, longest first, to Latin canonical words.
_CJK_LEGAL_FORMS = (
    ("股份有限公司", " co ltd "),
    ("有限责任公司", " co ltd "),
    ("有限責任公司", " co ltd "),
    ("有限公司", " co ltd "),
    ("總公司", " general corp "),
    ("总公司", " general corp "),
    ("公司", " co "),
    ("會社", " co "),
    ("会社", " co "),
    ("集团", " group "),
    ("集團", " group "),
    ("주식회사", " co ltd "),
    ("유한회사", " co ltd "),
    ("총회사", " general corp "),
    ("회사", " co "),
    ("총국", " general bureau "),
    ("무역", " trading "),
)
_VESSEL_PREFIX = re.compile(
    r"^\s*(?:m\s*/\s*[vt]|m\.\s*[vt]\.|mv|mt|ss|m/s|ms|fv|tb)\b\.?\s+", re.IGNORECASE
)


#: Long legal-form words, recognised even when misspelt (``Corporatio``, ``Cmpany``).
_LONG_FORMS = tuple(sorted(word for word in LEGAL_FORMS if len(word) >= 6))


@lru_cache(maxsize=65536)
def legal_form_of(token: str) -> str | None:
    """The canonical legal form a lower-case token spells, allowing a typo in long words."""
    form = LEGAL_FORMS.get(token)
    if form is not None or len(token) < 6:
        return form
    # One edit only: two would make ``Cooperation`` a misspelt ``Corporation``.
    budget = 1
    for word in _LONG_FORMS:
        if (
            abs(len(word) - len(token)) <= budget
            and OSA.distance(word, token, score_cutoff=budget) <= budget
        ):
            return LEGAL_FORMS[word]
    return None


def replace_cjk_legal_forms(text: str) -> str:
    """Rewrite CJK/Korean legal forms to Latin words before transliteration."""
    if text.isascii():
        return text
    for form, latin in _CJK_LEGAL_FORMS:
        text = text.replace(form, latin)
    return text


def strip_vessel_prefix(text: str) -> str:
    """``M/V CHON MA SAN`` → ``CHON MA SAN``."""
    return _VESSEL_PREFIX.sub("", text)
