"""Scores that explain themselves: names token by token, then the other evidence.

Name similarity aligns the tokens of two ``NameForm``s one to one (or one to two, for
``Jongun`` against ``Jong Un``), best pairs first, and scores the alignment like a
weighted Dice coefficient: every token of either name that finds no partner counts
against the match. So ``Kim Jong Un`` against ``Kim Yo Jong`` scores 2/3, not the 0.81
of a matcher that drops short tokens. Token similarity is exact equality, then the
equivalence key (``Ri`` = ``Lee``; ``Ltd`` = ``Limited``), then a spelling fold
(``Sson`` = ``Son``, ``Naveed`` = ``Navid``), then the spellings of one name (``Hussein`` =
``Husayn``, but no two syllables of a Korean or Chinese name), then, for readings that
only approximate a name (Wade-Giles without its marks, Arabic script, Russian
transcription of Korean), what that reading cannot tell apart; other tokens get credit
by an edit budget that grows with their length — except that in Korean and Chinese
names two syllables are two names (``Hong``, ``Song``),
unless the query's is no established spelling on the lists (``Ong`` for ``Yong``: the
screener says which are, ``NameForm.unknown``). A token weighs its ``agreeing`` weight
when aligned (the screener lowers it for tokens common on the lists) and its full weight
when left unmatched.

Other evidence (birth date, country, gender, identifiers, Chinese telegraph codes) adds
or removes a little, except identifiers: an equal IMO or passport number is decisive, a
different one strong counter-evidence. Every piece of evidence is a ``Feature`` with a
human-readable detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz.distance import OSA
from rigour.ids import IMO

from tradescreen.matching.chinese import aspiration_blind
from tradescreen.matching.korean import describe_equivalence, is_syllable, syllable_key
from tradescreen.matching.normalize import (
    ARABIC_SCRIPT,
    LEGAL_FORM_KEY,
    MAX_TOKENS,
    PARTICLE_WEIGHT,
    RUSSIAN_TRANSCRIPTION,
    WADE_GILES,
    NameForm,
    fold_spelling,
    hidden_characters,
    syllable,
)
from tradescreen.matching.translit import PINYIN_SYLLABLES
from tradescreen.model import DatePrecision, Identifier, PartialDate
from tradescreen.reference.name_variants import same_name
from tradescreen.reference.telegraph import telegraph_codes

__all__ = [
    "name_warnings",
    "score_hidden_characters",
    "BIRTH_DATE_BONUS",
    "COUNTRY_BONUS",
    "TELEGRAPH_BONUS",
    "Alignment",
    "Feature",
    "align_forms",
    "best_alignment",
    "iso_date",
    "normalize_identifier",
    "score_birth_dates",
    "score_countries",
    "score_gender",
    "score_identifiers",
    "score_telegraph_codes",
    "token_similarity",
]

#: Token pairs scoring below this are left unaligned (they are different words).
MIN_TOKEN_SIMILARITY = 0.5
#: A merged pair (``Jong Un`` against ``Jongun``) counts only when it is the same
#: spelling or the same Korean syllables: ``Chol Jun`` is not a typo of ``Cholju``.
MERGED_KINDS = frozenset({"exact", "korean", WADE_GILES, ARABIC_SCRIPT, RUSSIAN_TRANSCRIPTION})
#: A Korean or Chinese name whose syllables come in another order is another name
#: (Ryong Hae is not Hae Ryong): its score is multiplied by this.
SYLLABLE_ORDER_FACTOR = 0.9
#: ``Hsiao-ping`` read ``xiaobing`` against ``xiaoping``: Wade-Giles without its marks.
WADE_GILES_SCORE = 0.9
#: أسامة read ``asama`` against ``usama``: the same consonants.
ARABIC_SCRIPT_SCORE = 0.85
#: Чен read ``chen`` against ``jong``: one Korean syllable as Russian writes it.
RUSSIAN_TRANSCRIPTION_SCORE = 0.9
_VOWELS = re.compile("[aeiouyw]")
_EXACT_READINGS: frozenset[str] = frozenset()
KOREAN_VARIANT_SCORE = 0.95
DOUBLED_LETTER_SCORE = 0.95
#: Two spellings of one name (``Hussein``, ``Husayn``: ``reference.name_variants``),
#: however many letters apart: as good as one typo in a six-letter token. (At 0.9,
#: ``Yuri Petrov`` made an alert on PETROV, Yury Aleksandrovich: a common name without
#: the patronymic, respelt, is two weak signs.)
NAME_VARIANT = "one name"
NAME_VARIANT_SCORE = 0.85
DIFFERENT_SYLLABLE_SCORE = 0.3
#: One typo in a token no listed name holds earns at least this (``Tif`` for ``Tiz``).
UNKNOWN_TYPO_CREDIT = 0.8
#: (edits, minimum token length, credit): one typo in ``Mohammed`` still nearly matches,
#: two in a four-letter word do not.
_TYPO_BUDGET = (
    (1, 9, 0.9),
    (1, 6, 0.85),
    (1, 4, 0.83),
    (1, 3, 0.67),
    (2, 11, 0.8),
    (2, 8, 0.7),
    (3, 13, 0.7),
)
_CACHE_LIMIT = 500_000
_similarity_cache: dict[tuple[str, str], tuple[float, str]] = {}
#: Tokens whose lengths differ by more than this share no typo credit (at most 3 edits).
_MAX_LENGTH_GAP = 3


@dataclass(slots=True, frozen=True)
class Feature:
    """One piece of evidence: what it added to or removed from the score, and why."""

    name: str
    score: float
    detail: str


@dataclass(slots=True)
class Alignment:
    """The best one-to-one pairing of two names' tokens and its score."""

    score: float
    query: NameForm
    candidate: NameForm
    #: (query token indexes, candidate token indexes, similarity, kind) per aligned unit.
    pairs: list[tuple[tuple[int, ...], tuple[int, ...], float, str]]

    def aligned_query(self) -> set[int]:
        """Indexes of the query tokens that found a partner."""
        return {i for qi, _, _, _ in self.pairs for i in qi}

    def aligned_candidate(self) -> set[int]:
        """Indexes of the candidate tokens that found a partner."""
        return {j for _, cj, _, _ in self.pairs for j in cj}

    def explain(self) -> str:
        """``KIM = kim; JONG UN = jongun (merged); YO unmatched``."""
        q, c = self.query.tokens, self.candidate.tokens
        parts = []
        for qi, ci, sim, kind in sorted(self.pairs):
            left, right = " ".join(q[i] for i in qi), " ".join(c[i] for i in ci)
            if kind == "korean":
                parts.append(describe_equivalence(left, right))
            elif kind == "legal form":
                parts.append(f"{left} = {right} (legal form)")
            elif kind.endswith(WADE_GILES):
                parts.append(f"{left} = {right} (Wade-Giles, aspiration unmarked)")
            elif kind.endswith(ARABIC_SCRIPT):
                parts.append(f"{left} = {right} (same consonants in Arabic script)")
            elif kind.endswith(RUSSIAN_TRANSCRIPTION):
                parts.append(f"{left} = {right} (Korean syllable in Russian transcription)")
            elif kind == NAME_VARIANT:
                parts.append(f"{left} = {right} (spellings of one name)")
            elif kind == "exact":
                parts.append(f"{left} = {right}")
            else:
                parts.append(f"{left} ~ {right} ({kind} {sim:.2f})")
        used_q, used_c = self.aligned_query(), self.aligned_candidate()
        parts += [f"{q[i]} unmatched in query" for i in range(len(q)) if i not in used_q]
        parts += [f"{c[i]} unmatched in list name" for i in range(len(c)) if i not in used_c]
        return "; ".join(parts)


#: Given names written as two pinyin syllables run together (``Mingshan``) are this long.
MIN_PINYIN_PAIR_LENGTH = 5


def _pinyin_pair(token: str) -> bool:
    """True when a token reads as two pinyin syllables run together (``ming`` + ``shan``)."""
    return len(token) >= MIN_PINYIN_PAIR_LENGTH and any(
        token[:i] in PINYIN_SYLLABLES and token[i:] in PINYIN_SYLLABLES
        for i in range(1, len(token))
    )


def _one_or_two_syllables(token: str) -> bool:
    return syllable(token) or any(
        syllable(token[:i]) and syllable(token[i:]) for i in range(1, len(token))
    )


@lru_cache(maxsize=65536)
def _syllabic(tokens: tuple[str, ...]) -> bool:
    """True for a Korean or Chinese name: every token one or two syllables (``Ri Tok Jin``,
    ``Wang Mingshan``, ``Kim Jongun``)."""
    return len(tokens) >= 2 and all(_one_or_two_syllables(t) for t in tokens)


def _typo_credit(edits: int, length: int) -> float:
    """Credit for a token misspelt by ``edits`` edits: long tokens may carry more of them."""
    for max_edits, min_length, credit in _TYPO_BUDGET:
        if edits <= max_edits and length >= min_length:
            return credit
    return 0.0


def token_similarity(a: str, a_key: str | None, b: str, b_key: str | None) -> tuple[float, str]:
    """Similarity of two tokens in [0, 1] and how it was found (exact, korean, fold, typo)."""
    if a == b:
        return 1.0, "exact"
    cached = _similarity_cache.get((a, b))
    if cached is not None:
        return cached
    if a_key is not None and a_key == b_key:
        if a_key.startswith(LEGAL_FORM_KEY):
            result = (1.0, "legal form")
        else:
            result = (KOREAN_VARIANT_SCORE, "korean")
    elif fold_spelling(a) == fold_spelling(b):
        result = (DOUBLED_LETTER_SCORE, "fold")
    else:
        credit = _typo_credit(OSA.distance(a, b), max(len(a), len(b)))
        if credit < NAME_VARIANT_SCORE and same_name(a, b):
            result = (NAME_VARIANT_SCORE, NAME_VARIANT)
        else:
            result = (credit, "typo")
    if len(_similarity_cache) > _CACHE_LIMIT:
        _similarity_cache.clear()
    _similarity_cache[(a, b)] = result
    return result


def _consonants(token: str) -> str:
    """``usama`` → ``sm``, ``mohammed`` → ``mhmd``: what Arabic script writes of a name
    (long vowels come out as w or y, short ones not at all)."""
    return fold_spelling(_VOWELS.sub("", token))


def _loose_similarity(a: str, b: str, approximate: frozenset[str]) -> tuple[float, str] | None:
    """Agreement of two tokens one of which comes from an approximate reading, or None.

    Read from unmarked Wade-Giles, ``xiaobing`` may be ``xiaoping``; read from Arabic
    script, ``asama`` may be ``usama`` (the same consonants); read from a Russian
    transcription of Korean, ``chen`` may be ``jong``.
    """
    if WADE_GILES in approximate:
        blind = aspiration_blind(a)
        if blind is not None and blind == aspiration_blind(b):
            return WADE_GILES_SCORE, WADE_GILES
    if ARABIC_SCRIPT in approximate:
        consonants = _consonants(a)
        if consonants and consonants == _consonants(b):
            return ARABIC_SCRIPT_SCORE, ARABIC_SCRIPT
    if RUSSIAN_TRANSCRIPTION in approximate:
        loose = _russian_key(a)
        if loose is not None and loose == _russian_key(b):
            return RUSSIAN_TRANSCRIPTION_SCORE, RUSSIAN_TRANSCRIPTION
    return None


def _russian_key(token: str) -> str | None:
    """The syllable key blind to what Russian transcription loses: the final ㅇ (Сон is
    Son or Song) and, traditionally, ㅓ written е (Чен is Jong)."""
    key = syllable_key(token)
    return None if key is None else key.replace("ng", "n").replace("e", "o")


def _merged_similarity(
    a: str, a_key: str | None, b: str, b_key: str | None, approximate: frozenset[str]
) -> tuple[float, str]:
    sim, kind = token_similarity(a, a_key, b, b_key)
    if kind == "typo" and approximate:
        return _loose_similarity(a, b, approximate) or (sim, kind)
    return sim, kind


def _joined_key(keys: tuple[str | None, ...], start: int) -> str | None:
    first, second = keys[start], keys[start + 1]
    return None if first is None or second is None else first + second


_Unit = tuple[float, float, tuple[int, ...], tuple[int, ...], str]
#: (0,), (1,)…: the token indexes of one-token units, made once.
_ONE = tuple((i,) for i in range(MAX_TOKENS))


def _typo_or_other_name(a: str, b: str, syllabic: bool, unknown: bool) -> tuple[float, str]:
    """Credit for two tokens close enough for a typo (some credit by length): a typo, or
    two names?

    Korean and Chinese names are spelt from a few hundred syllables, so one letter makes
    another name (Hong, Song; Guo, Gao; Mingshan, Mingyan) — unless the query's syllable
    is ``unknown``, no established spelling on the lists, and the listed one Korean (Ong
    for Yong): that is a typo. (The lists hold most Korean syllables but few Chinese ones:
    an unlisted pinyin syllable says little.) Any other token that is no established
    spelling, one letter from a listed one, is most likely a typo too.
    """
    edits = OSA.distance(a, b)
    if syllabic and syllable(a) and syllable(b):
        if unknown and edits == 1 and is_syllable(b):
            return _typo_credit(1, max(len(a), len(b))), "typo of a syllable"
        return DIFFERENT_SYLLABLE_SCORE, "different syllable"
    if syllabic and _pinyin_pair(a) and _pinyin_pair(b):
        # Unlike single syllables, most pairs are on no list: unknown says nothing here.
        return DIFFERENT_SYLLABLE_SCORE, "different syllables"
    credit = _typo_credit(edits, max(len(a), len(b)))
    if unknown and edits == 1:
        credit = max(credit, UNKNOWN_TYPO_CREDIT)
    return credit, "typo"


def _units(query: NameForm, candidate: NameForm) -> list[_Unit]:
    """Every token pair, and each merged pair of adjacent tokens against one token.

    A unit is (similarity, weight of its tokens on both sides, query token indexes,
    candidate token indexes, kind).
    """
    qt, qk, ct, ck = query.tokens, query.keys, candidate.tokens, candidate.keys
    qw = query.agreeing or query.weights
    cw = candidate.agreeing or candidate.weights
    q_full, c_full = query.weights, candidate.weights
    unknown = query.unknown
    cache = _similarity_cache
    syllabic: bool | None = None  # a Korean or Chinese name on both sides: when needed
    approximate = (
        _EXACT_READINGS
        if query.approximate is None and candidate.approximate is None
        else frozenset(r for r in (query.approximate, candidate.approximate) if r)
    )
    abjad = ARABIC_SCRIPT in approximate  # no vowels: lengths and first letters differ
    units: list[_Unit] = []
    c_lengths = [len(b) for b in ct]
    for i, a in enumerate(qt):
        a_length, a_key = len(a), qk[i]
        for j, b in enumerate(ct):
            if a == b:
                units.append((1.0, qw[i] + cw[j], _ONE[i], _ONE[j], "exact"))
                continue
            gap = a_length - c_lengths[j]
            if (
                (gap > _MAX_LENGTH_GAP or gap < -_MAX_LENGTH_GAP)
                and (a_key is None or a_key != ck[j])
                and not abjad
            ):
                continue  # too far apart for a typo, and not one Korean syllable
            sim, kind = cache.get((a, b)) or token_similarity(a, qk[i], b, ck[j])
            if kind == NAME_VARIANT:
                if syllabic is None:
                    syllabic = _syllabic(qt) and _syllabic(ct)
                if syllabic:
                    # Wikidata makes Hong one name with Fang (方 in Hokkien and Mandarin):
                    # in a Korean or Chinese name, a syllable is judged as a syllable.
                    sim, kind = _typo_credit(OSA.distance(a, b), max(len(a), len(b))), "typo"
            if kind == "typo":
                loose = _loose_similarity(a, b, approximate) if approximate else None
                if loose is not None:
                    sim, kind = loose
                elif not sim:
                    continue  # too many edits for a typo, whoever spells it
                else:
                    if syllabic is None:
                        syllabic = _syllabic(qt) and _syllabic(ct)
                    sim, kind = _typo_or_other_name(a, b, syllabic, i in unknown)
            if sim < MIN_TOKEN_SIMILARITY:
                continue
            if q_full[i] != c_full[j] and min(q_full[i], c_full[j]) != PARTICLE_WEIGHT:
                # A misspelt legal form or filler word (OOx for OOO) weighs as the word it
                # misspells, not as a distinctive word left over. (Particles are too short
                # to tell a typo from a name: Ali is no misspelt Al.)
                units.append((sim, 2 * min(qw[i], cw[j]), _ONE[i], _ONE[j], kind))
            else:
                units.append((sim, qw[i] + cw[j], _ONE[i], _ONE[j], kind))
    if len(qt) == len(ct):
        return units  # a merged pair on one side would leave a token unmatched on the other
    for i in range(len(qt) - 1):
        merged, merged_key = qt[i] + qt[i + 1], _joined_key(qk, i)
        shortest, first = len(merged) - 2, merged[0]
        for j, b in enumerate(ct):
            if abjad or (c_lengths[j] >= shortest and b[0] == first):
                sim, kind = _merged_similarity(merged, merged_key, b, ck[j], approximate)
                if kind in MERGED_KINDS:
                    units.append(
                        (sim, qw[i] + qw[i + 1] + cw[j], (i, i + 1), (j,), "merged " + kind)
                    )
    for j in range(len(ct) - 1):
        merged, merged_key = ct[j] + ct[j + 1], _joined_key(ck, j)
        shortest, first = len(merged) - 2, merged[0]
        for i, a in enumerate(qt):
            if abjad or (len(a) >= shortest and a[0] == first):
                sim, kind = _merged_similarity(a, qk[i], merged, merged_key, approximate)
                if kind in MERGED_KINDS:
                    units.append(
                        (sim, qw[i] + cw[j] + cw[j + 1], (i,), (j, j + 1), "merged " + kind)
                    )
    return units


def align_forms(query: NameForm, candidate: NameForm) -> Alignment:
    """Align two name forms greedily, best pairs first, and score the alignment."""
    units = _units(query, candidate)
    units.sort(reverse=True)  # best similarity first, then the pair covering more weight
    used_q: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    gained = 0.0
    # Unmatched tokens count their full weight against the match; aligned ones what
    # they weigh when agreeing (less for common tokens, see ``reweigh``).
    total = query.weight + candidate.weight
    qw, cw = query.weights, candidate.weights
    for sim, weight, qi, ci, kind in units:
        if used_q.isdisjoint(qi) and used_c.isdisjoint(ci):
            used_q.update(qi)
            used_c.update(ci)
            pairs.append((qi, ci, sim, kind.replace(" exact", "") if kind != "exact" else kind))
            gained += sim * weight
            total += weight - sum(qw[i] for i in qi) - sum(cw[j] for j in ci)
    score = gained / total if total else 0.0
    if (
        len(pairs) >= 3
        and not _in_turn(pairs)
        and _syllabic(query.tokens)
        and _syllabic(candidate.tokens)
    ):
        score *= SYLLABLE_ORDER_FACTOR
    return Alignment(score, query, candidate, pairs)


def _in_turn(pairs: list[tuple[tuple[int, ...], tuple[int, ...], float, str]]) -> bool:
    """True when the aligned tokens come in the same order on both sides, up to where the
    name starts (``Song Il Choe`` = ``Choe Song Il``, not ``Il Song Choe``)."""
    order = [ci[0] for _, ci in sorted((qi, ci) for qi, ci, _, _ in pairs)]
    start = order.index(min(order))
    turned = order[start:] + order[:start]
    return turned == sorted(turned)


def best_alignment(
    queries: tuple[NameForm, ...], candidates: tuple[NameForm, ...]
) -> Alignment | None:
    """The best-scoring alignment over every reading of both names."""
    best: Alignment | None = None
    for query in queries:
        for candidate in candidates:
            alignment = align_forms(query, candidate)
            if best is None or alignment.score > best.score:
                best = alignment
    return best


# -- other evidence ---------------------------------------------------------------------

#: Identifier kinds that spell a name, not a document: everyone called 张磊 has 1728 4320.
CHINESE_COMMERCIAL_CODE = "chineseCommercialCode"
NAME_CODES = frozenset({CHINESE_COMMERCIAL_CODE})

#: The most each piece of evidence adds (the screener skips names that cannot make it).
BIRTH_DATE_BONUS = 0.05
COUNTRY_BONUS = 0.02
TELEGRAPH_BONUS = 0.03
#: A different identifier of the same kind counts strongly against a match …
IDENTIFIER_MISMATCH_DELTA = -0.3
#: … but a different IMO number less: a designated vessel's own name stays an alert to
#: review (ships are renamed, IMO numbers misdeclared or forged), below a strong match.
IMO_MISMATCH_DELTA = -0.1

#: Score change by difference in birth years (0, 1, 2, 3… years apart).
_YEAR_DELTAS = (0.02, -0.03, -0.06, -0.08, -0.12)
_FAR_YEAR_DELTA = -0.2


def _years(value: PartialDate) -> tuple[int, int]:
    start = int(value.value[:4])
    end = int(value.end[:4]) if value.end else start
    return start, end


def _compare_date(query: str, listed: PartialDate) -> tuple[float, str]:
    q_year = int(query[:4])
    start, end = _years(listed)
    shown = listed.value if listed.end is None else f"{listed.value}..{listed.end}"
    if start <= q_year <= end:
        if listed.precision is DatePrecision.EXACT and len(query) == 10:
            if query == listed.value:
                return BIRTH_DATE_BONUS, f"birth date {query} = {shown}"
            if query[:7] == listed.value[:7]:
                return 0.0, f"birth date {query} vs {shown}: same month"
            return -0.02, f"birth date {query} vs {shown}: same year"
        return 0.02, f"birth year {q_year} within {shown} ({listed.precision.value})"
    distance = min(abs(q_year - start), abs(q_year - end))
    delta = _YEAR_DELTAS[distance] if distance < len(_YEAR_DELTAS) else _FAR_YEAR_DELTA
    if listed.precision in (DatePrecision.APPROXIMATE, DatePrecision.RANGE):
        delta /= 2
    return delta, f"birth year {q_year} vs {shown} ({distance} years apart)"


def score_birth_dates(query: str | None, listed: tuple[PartialDate, ...]) -> Feature | None:
    """Birth dates graded by distance and precision; the closest listed date counts."""
    if not query or not listed or not query[:4].isdigit():
        return None
    delta, detail = max((_compare_date(query, d) for d in listed), key=lambda r: r[0])
    return Feature("birth_date", delta, detail)


def score_countries(query: str | None, listed: tuple[str, ...]) -> Feature | None:
    """Nationality/country agreement: a small plus when equal, a small minus when not."""
    if not query or not listed:
        return None
    code = query.lower()
    if code in listed:
        return Feature("country", COUNTRY_BONUS, f"country {code} listed")
    return Feature("country", -0.05, f"country {code} vs listed {', '.join(sorted(set(listed)))}")


def score_gender(query: str | None, listed: str | None) -> Feature | None:
    """A different gender is good evidence of a different person."""
    if not query or not listed or query.lower() == listed:
        return None
    return Feature("gender", -0.1, f"gender {query.lower()} vs {listed}")


def normalize_identifier(value: str) -> str:
    """Upper-case alphanumerics without an ``IMO`` prefix: ``IMO 9 000 000`` → ``9000000``."""
    text = re.sub(r"[^0-9A-Za-z]", "", value).upper()
    return text[3:] if text.startswith("IMO") and text[3:].isdigit() else text


def score_identifiers(query: dict[str, str], listed: tuple[Identifier, ...]) -> Feature | None:
    """An equal identifier is decisive; a different one of the same kind counts against
    (``IDENTIFIER_MISMATCH_DELTA``, for an IMO number ``IMO_MISMATCH_DELTA``).

    ``query`` maps FtM identifier kinds (``imoNumber``, ``passportNumber``…) to values;
    the kind ``any`` compares with every listed identifier.
    """
    if not query or not listed:
        return None
    mismatch: Feature | None = None
    for kind, value in query.items():
        wanted = normalize_identifier(value)
        for ident in listed:
            if kind not in ("any", ident.kind) or ident.kind in NAME_CODES:
                continue
            if normalize_identifier(ident.value) == wanted:
                return Feature(
                    "identifier", 1.0, f"{ident.kind} {ident.value.strip()} equal (decisive)"
                )
            if kind != "any" and mismatch is None:
                mismatch = _identifier_mismatch(kind, value, ident.value.strip())
    return mismatch


def _identifier_mismatch(kind: str, value: str, listed: str) -> Feature:
    detail = f"{kind} {value} vs listed {listed}"
    if kind != "imoNumber":
        return Feature("identifier", IDENTIFIER_MISMATCH_DELTA, detail)
    if not IMO.is_valid(normalize_identifier(value)):
        detail += f", and {value} fails the IMO check digit: altered or false"
    return Feature("identifier", IMO_MISMATCH_DELTA, detail)


def score_telegraph_codes(query: str, listed: tuple[Identifier, ...]) -> Feature | None:
    """A name in Han characters against a designee's Chinese Commercial Code: the same
    codes are the same characters; other codes are other characters, however alike their
    readings (张磊 and 张蕾 are both Zhang Lei)."""
    listed_codes = [i.value.strip() for i in listed if i.kind == CHINESE_COMMERCIAL_CODE]
    if not listed_codes or query.isascii():
        return None
    codes = telegraph_codes("".join(query.split()))
    if codes is None:
        return None
    if codes in listed_codes:
        return Feature("telegraph_code", TELEGRAPH_BONUS, f"Chinese Commercial Code {codes} equal")
    return Feature(
        "telegraph_code",
        -0.15,
        f"Chinese Commercial Code {codes} vs listed {', '.join(listed_codes)}: other characters",
    )


def name_warnings(query: str) -> list[str]:
    """Evasion signals of a screened name itself: invisible or reordering characters."""
    hidden = [] if query.isascii() else hidden_characters(query)
    if not hidden:
        return []
    return [f"the name holds {', '.join(hidden)}: hidden characters are an evasion signal"]


def score_hidden_characters(query: str) -> Feature | None:
    """``name_warnings`` as a feature of every hit (it changes no score)."""
    warnings = name_warnings(query)
    return Feature("hidden_characters", 0.0, warnings[0]) if warnings else None


def iso_date(value: str | date | None) -> str | None:
    """An ISO date prefix from a date or a string (``1984``, ``1984-01``, ``1984-01-08``)."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else value.strip()
