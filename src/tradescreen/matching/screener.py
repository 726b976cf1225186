"""Screening a name (and what else is known) against list entities.

``Screener(entities)`` compiles the names of the entities into one index per kind of
name (person, organisation, vessel, airplane); ``screen`` finds candidates through the
index, aligns names token by token, weighs the other evidence and returns ``Hit``s
with a score, a band and an explanation. ``compare_names`` scores two names alone.
Tokens common on the screened lists (``Kim``, ``Ali``, ``Trading``) count less when they
agree, a query token that is no established spelling on them is taken for a typo more
readily (``ESTABLISHED``), and alerts far below a query's best alert are dropped
(``RELATIVE_MARGIN``). Chinese Commercial Codes give designees their Han names.

Score bands (name similarity plus evidence, in [0, 1]):

- ``strong`` ≥ 0.92: the same name up to romanisation, script or a typo;
- ``possible`` ≥ ``DEFAULT_THRESHOLD`` (0.82): most tokens agree, review it;
- ``weak`` below the threshold: returned only when a caller lowers the threshold.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tradescreen.exc import InputError
from tradescreen.matching.bands import DEFAULT_THRESHOLD, STRONG_THRESHOLD, band_of
from tradescreen.matching.index import NameIndex
from tradescreen.matching.normalize import (
    NameForm,
    analyze_name,
    reweigh,
    schema_family,
    split_abbreviation,
)
from tradescreen.matching.resolution import Link, resolve
from tradescreen.matching.scoring import (
    BIRTH_DATE_BONUS,
    CHINESE_COMMERCIAL_CODE,
    COUNTRY_BONUS,
    NAME_CODES,
    TELEGRAPH_BONUS,
    Alignment,
    Feature,
    best_alignment,
    iso_date,
    normalize_identifier,
    score_birth_dates,
    score_countries,
    score_gender,
    score_hidden_characters,
    score_identifiers,
    score_telegraph_codes,
)
from tradescreen.model import Entity, Judgement, NameKind, name_length_problem
from tradescreen.reference.name_variants import adopt_name_variants, load_name_variants
from tradescreen.reference.telegraph import han_spellings

__all__ = [
    "DEFAULT_THRESHOLD",
    "STRONG_THRESHOLD",
    "Hit",
    "Listing",
    "Screener",
    "band_of",
    "compare_names",
    "frequency_factors",
]

#: How many candidate names the index hands to the scorer per query; up to
#: ``MORE_CANDIDATES`` when none of the first makes an alert (a typo of a common token
#: ranks its name below names that hold the token as typed: Fazi for Faiz).
CANDIDATES = 15
MORE_CANDIDATES = 30
#: A candidate name must share this much of the query's (IDF-weighted) tokens.
MIN_SHARE = 0.3
WEAK_ALIAS_DELTA = -0.05
#: A token held by fewer listed names than this is no established spelling: a query token
#: one letter from a listed one is taken for a typo of it (a spelling only one listed name
#: holds may itself be a typo or a one-off transliteration).
ESTABLISHED = 2

#: An alert scoring more than this below the best alert of the same query is dropped: with
#: the designee's own names at 1.00, a namesake at 0.86 is noise (see ``Screener.screen``).
RELATIVE_MARGIN = 0.08
#: Token frequency weighting: a token held by at most COMMON_FROM listed names weighs fully,
#: one held by COMMON_AT or more weighs MIN_COMMON_FACTOR of that, log-linearly in between.
#: ``Ali`` or ``Kim`` agreeing says less than ``Aulaqi`` agreeing, and a rare token left
#: unmatched counts more against a match than a common one.
COMMON_FROM = 30
COMMON_AT = 1500
MIN_COMMON_FACTOR = 0.5
FACTOR_STEP = 0.05
#: Explanations name the aligned tokens whose factor is below this.
COMMON_NOTE_FACTOR = 0.9

#: A listed name: (entity number, name text, name kind).
_Listed = tuple[int, str, NameKind]
#: An entity's best match: (name score, listed name, its kind, the alignment or None when
#: only an identifier found the entity).
_Found = tuple[float, str, NameKind, Alignment | None]

_FAMILIES_SEARCHED = {
    "person": ("person",),
    "org": ("org",),
    "vessel": ("vessel",),
    "airplane": ("airplane",),
    "any": ("person", "org"),
    "every": ("person", "org", "vessel", "airplane"),
}
#: The schema whose analysis a name screened without a schema gets in each family.
_FAMILY_SCHEMA = {
    "person": "Person",
    "org": "Organization",
    "vessel": "Vessel",
    "airplane": "Airplane",
}


@dataclass(slots=True, frozen=True)
class Hit:
    """One listed entity that matches a screened name."""

    entity_id: str
    source: str
    source_id: str
    schema: str
    name: str  # the entity's caption
    matched_name: str  # the listed name variant that matched
    score: float
    band: str  # strong, possible or weak
    explanation: str
    features: tuple[Feature, ...]
    #: Every listing of the designee, this hit's own first: the same designee on other
    #: lists (``resolution``), each scored against the query.
    listings: tuple[Listing, ...] = ()
    #: Why the listings are one designee.
    links: tuple[Link, ...] = ()

    def to_dict(self, full: bool = False) -> dict[str, Any]:
        """The hit as ``screen-file`` writes it; ``full`` adds the band, every feature with
        its detail, and the links (as ``screen --json`` and the API give it)."""
        data: dict[str, Any] = {
            "entity_id": self.entity_id,
            "source": self.source,
            "source_id": self.source_id,
            "schema": self.schema,
            "name": self.name,
            "matched_name": self.matched_name,
            "score": self.score,
            "explanation": self.explanation,
            "listings": [
                {
                    "entity_id": listing.entity_id,
                    "source": listing.source,
                    "source_id": listing.source_id,
                    "programs": list(listing.programs),
                    "name": listing.name,
                    "matched_name": listing.matched_name,
                    "score": listing.score,
                }
                for listing in self.listings
            ],
        }
        if full:
            data["band"] = self.band
            data["features"] = [
                {"name": f.name, "score": f.score, "detail": f.detail} for f in self.features
            ]
            data["links"] = [
                {"entity_id": link.entity_id, "other_id": link.other_id, "reason": link.reason}
                for link in self.links
            ]
        return data


@dataclass(slots=True, frozen=True)
class Listing:
    """One list's designation of a hit's designee."""

    entity_id: str
    source: str
    source_id: str
    programs: tuple[str, ...]
    name: str  # the listing's caption
    matched_name: str  # its name that scored best against the query
    score: float


def _query_family(schema: str | None) -> str:
    if schema is None:
        return "every"
    return "any" if schema in ("LegalEntity", "Thing") else schema_family(schema)


def frequency_factors(counts: Mapping[str, int]) -> dict[str, float]:
    """Weight factor of each token held by more than ``COMMON_FROM`` names (others: 1)."""
    span = math.log(COMMON_AT / COMMON_FROM)
    return {
        # In steps of FACTOR_STEP: few distinct weight patterns to store for a million names.
        token: round(
            max(
                MIN_COMMON_FACTOR,
                1.0 - (1.0 - MIN_COMMON_FACTOR) * math.log(count / COMMON_FROM) / span,
            )
            / FACTOR_STEP
        )
        * FACTOR_STEP
        for token, count in counts.items()
        if count > COMMON_FROM
    }


def _check_name_length(name: str) -> None:
    """Raise InputError for a name longer than ``MAX_NAME_LENGTH`` (never truncate it)."""
    problem = name_length_problem(name)
    if problem is not None:
        raise InputError(f"{problem}: {name[:40]!r}…")


def compare_names(name1: str, name2: str, schema: str = "Person") -> float:
    """Similarity in [0, 1] of two names alone (no other evidence, and no weighting by
    how common a token is on the lists, which only a ``Screener`` knows).

    Raises:
        InputError: a name is longer than ``MAX_NAME_LENGTH``.
    """
    _check_name_length(name1)
    _check_name_length(name2)
    alignment = best_alignment(analyze_name(name1, schema), analyze_name(name2, schema))
    return 0.0 if alignment is None else round(alignment.score, 4)


class Screener:
    """Repeated screening against a fixed set of list entities; ``judgements`` are users'
    on which listings are one designee (``matching.resolution``)."""

    def __init__(self, entities: Iterable[Entity], judgements: Iterable[Judgement] = ()) -> None:
        #: A sequence given (an ``EntityArchive``) is kept as it is, a list made of others.
        self.entities: Sequence[Entity] = (
            entities if isinstance(entities, Sequence) else list(entities)
        )
        load_name_variants()  # now, not in the first query's time
        #: Entity id → number in ``entities``.
        self._numbers: dict[str, int] = {}
        self._indexes: dict[str, NameIndex] = {
            f: NameIndex() for f in ("person", "org", "vessel", "airplane")
        }
        #: Per family, per distinct reading (the index's name numbers): its forms, and the
        #: listed names that read so, as (entity number, name text, name kind). Lists
        #: repeat names (one designee on several lists): each reading is indexed once.
        self._names: dict[str, list[tuple[NameForm, ...]]] = {f: [] for f in self._indexes}
        self._listed: dict[str, list[tuple[_Listed, ...]]] = {f: [] for f in self._indexes}
        self._readings: dict[str, dict[tuple[NameForm, ...], int]] = {
            family: {} for family in self._indexes
        }
        self._by_identifier: dict[str, list[int]] = {}
        #: Per entity number: the numbers of its readings in its family's ``_names``.
        self._readings_of: list[tuple[int, ...]] = []
        for number, entity in enumerate(self.entities):
            self._add(number, entity)
        del self._readings
        #: Which listings are one designee (before ``reweigh``: it keeps the keys).
        self.resolution = resolve(
            self.entities,
            (
                (family, forms, [n for n, _, kind in listed if kind is not NameKind.WEAK_ALIAS])
                for family, names in self._names.items()
                for forms, listed in zip(names, self._listed[family], strict=True)
            ),
            judgements,
        )
        #: Per family: token → weight factor by how many listed names hold the token.
        self._factors: dict[str, dict[str, float]] = {}
        #: Per family: the tokens ``ESTABLISHED`` listed names or more hold (a query token
        #: outside them, one letter from a listed one, is most likely a typo).
        self._established: dict[str, set[str]] = {}
        for family, names in self._names.items():
            counts: Counter[str] = Counter()
            for forms, listed in zip(names, self._listed[family], strict=True):
                for token in {t for f in forms for t in f.tokens}:
                    counts[token] += len(listed)
            factors = self._factors[family] = frequency_factors(counts)
            self._established[family] = {t for t, c in counts.items() if c >= ESTABLISHED}
            shared: dict[tuple[float, ...], tuple[float, ...]] = {}
            for number, forms in enumerate(names):
                names[number] = tuple(reweigh(f, factors, shared) for f in forms)

    def __getstate__(self) -> dict[str, Any]:
        # The name-variant table goes with the index: a loaded screener answers its first
        # query without reading the table's file (0.3 s).
        return {**self.__dict__, "_name_variants": load_name_variants()}

    def __setstate__(self, state: dict[str, Any]) -> None:
        adopt_name_variants(state.pop("_name_variants"))
        self.__dict__.update(state)

    def entity(self, entity_id: str) -> Entity:
        """The listed entity of a hit's ``entity_id``."""
        return self.entities[self._numbers[entity_id]]

    def _add(self, number: int, entity: Entity) -> None:
        self._numbers[entity.entity_id] = number
        family = schema_family(entity.schema)
        names, listed, index = self._names[family], self._listed[family], self._indexes[family]
        readings = self._readings[family]
        readings_of: list[int] = []
        for text, shown, kind in _names_of(entity):
            forms = analyze_name(text, entity.schema)
            if not forms:
                continue
            known = readings.get(forms)
            if known is None:
                known = readings[forms] = len(names)
                index.add(known, forms)
                names.append(forms)
                listed.append(())
            listed[known] += ((number, shown, kind),)
            if known not in readings_of:
                readings_of.append(known)
        self._readings_of.append(tuple(readings_of))
        for ident in entity.identifiers:
            if ident.kind not in NAME_CODES:
                key = normalize_identifier(ident.value)
                self._by_identifier.setdefault(key, []).append(number)

    @property
    def name_count(self) -> int:
        """How many names the index holds."""
        return sum(len(names) for listed in self._listed.values() for names in listed)

    def screen(
        self,
        name: str,
        schema: str | None = "Person",
        birth_date: str | date | None = None,
        country: str | None = None,
        identifiers: Mapping[str, str] | None = None,
        gender: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int | None = 10,
        margin: float | None = None,
    ) -> list[Hit]:
        """Listed entities matching a name, best first, scoring at least ``threshold``.

        ``schema`` None screens against every schema, each family's names read as that
        family's (a person's name, an organisation's, a vessel's). ``identifiers`` maps FtM
        identifier kinds (``imoNumber``, ``passportNumber``…,
        or ``any``) to values; ``country`` is ISO 3166-1 alpha-2. Hits scoring more than
        ``margin`` below the best hit are dropped; by default ``RELATIVE_MARGIN`` at the
        default threshold or above, and none when a caller lowers the threshold to see
        weaker hits. ``limit`` None returns every hit.

        Raises:
            InputError: the name is longer than ``MAX_NAME_LENGTH``.
        """
        _check_name_length(name)
        if margin is None:
            margin = RELATIVE_MARGIN if threshold >= DEFAULT_THRESHOLD else 1.0
        # What the evidence given can add at most: names further below cannot make it.
        floor = threshold - (
            (BIRTH_DATE_BONUS if birth_date else 0.0)
            + (COUNTRY_BONUS if country else 0.0)
            + (0.0 if name.isascii() else TELEGRAPH_BONUS)
        )
        best, queried = self._name_matches(name, schema, floor)
        query_ids = dict(identifiers or {})
        by_identifier = {
            entity_number
            for value in query_ids.values()
            for entity_number in self._by_identifier.get(normalize_identifier(value), ())
        }
        for entity_number in by_identifier:
            best.setdefault(
                entity_number, (0.0, self.entities[entity_number].caption, NameKind.NAME, None)
            )
        birth = iso_date(birth_date)
        scored = [
            (self._evidence(name, self.entities[n], found, birth, country, query_ids, gender), n)
            for n, found in best.items()
            if found[0] >= floor or n in by_identifier
        ]
        # One hit per designee, its best listing's (on a tie the UN's, whose designation
        # binds every state); the cut is between designees, never within one.
        designees: dict[int, tuple[tuple[float, list[Feature]], int]] = {}
        for (score, evidence), n in sorted(scored, key=lambda s: self._precedence(*s)):
            designees.setdefault(self.resolution.designee_of[n], ((score, evidence), n))
        cut = max((score for (score, _), _ in designees.values()), default=0.0) - margin
        scores = {n: (score, best[n][1]) for (score, _), n in scored}
        # Explanations only for the hits returned: most candidates score below the cut.
        hits = [
            self._hit(name, self.entities[n], best[n], score, evidence, threshold)
            for (score, evidence), n in designees.values()
            if score >= threshold and score >= cut
        ]
        hits = [self._with_listings(hit, queried, scores) for hit in hits]
        hits.sort(key=lambda h: (-h.score, h.entity_id))
        return hits[:limit]

    def _precedence(self, scored: tuple[float, list[Feature]], number: int) -> tuple[Any, ...]:
        entity = self.entities[number]
        return (-scored[0], entity.source != "un", entity.entity_id)

    def _with_listings(
        self,
        hit: Hit,
        queried: dict[str, tuple[NameForm, ...]],
        scores: dict[int, tuple[float, str]],
    ) -> Hit:
        """``hit`` with every listing of its designee; one that the name search did not
        score is scored by its names alone."""
        own = self._numbers[hit.entity_id]
        listings = []
        for number in sorted(self.resolution.listings(own), key=lambda n: n != own):
            entity = self.entities[number]
            score, matched = scores.get(number) or self._name_score(number, queried)
            listings.append(
                Listing(
                    entity.entity_id,
                    entity.source,
                    entity.source_id,
                    entity.programs,
                    entity.caption,
                    matched,
                    score,
                )
            )
        links = self.resolution.links.get(self.resolution.designee_of[own], ())
        return replace(hit, listings=tuple(listings), links=links)

    def _name_score(
        self, number: int, queried: dict[str, tuple[NameForm, ...]]
    ) -> tuple[float, str]:
        """The best score of entity ``number``'s names against the query's forms, and that
        name (its caption, scoring 0, in a family the query did not search)."""
        family = schema_family(self.entities[number].schema)
        best = (0.0, self.entities[number].caption)
        forms = queried.get(family)
        if not forms:
            return best
        for reading in self._readings_of[number]:
            alignment = best_alignment(forms, self._names[family][reading])
            if alignment is not None and alignment.score > best[0]:
                text = next(t for n, t, _ in self._listed[family][reading] if n == number)
                best = (round(alignment.score, 4), text)
        return best

    def _name_matches(
        self, name: str, schema: str | None, floor: float
    ) -> tuple[dict[int, _Found], dict[str, tuple[NameForm, ...]]]:
        """Per entity number, its best-aligned listed name among the index's candidates —
        or, for an entity that makes the floor, the name that speaks (``_speaking``); and
        per family searched, the query's forms as weighed there."""
        forms = analyze_name(name, schema) if schema is not None else ()
        queried: dict[str, tuple[NameForm, ...]] = {}
        best: dict[int, _Found] = {}
        found: dict[int, list[_Found]] = {}
        best_score = 0.0
        for family in _FAMILIES_SEARCHED[_query_family(schema)]:
            if schema is None:
                forms = analyze_name(name, _FAMILY_SCHEMA[family])
            names, listed = self._names[family], self._listed[family]
            established = self._established[family]
            weighed = tuple(
                replace(
                    f, unknown=frozenset(i for i, t in enumerate(f.tokens) if t not in established)
                )
                for f in (reweigh(f, self._factors[family]) for f in forms)
            )
            queried[family] = weighed
            ranked = self._indexes[family].candidates(forms, MORE_CANDIDATES, MIN_SHARE)
            for rank, number in enumerate(ranked):
                if rank == CANDIDATES and best_score >= floor:
                    break  # the first candidates made an alert: the rest rank lower
                alignment = best_alignment(weighed, names[number])
                if alignment is None:
                    continue
                best_score = max(best_score, alignment.score)
                for entity_number, text, kind in listed[number]:
                    match: _Found = (alignment.score, text, kind, alignment)
                    found.setdefault(entity_number, []).append(match)
                    known = best.get(entity_number)
                    if known is None or match[0] > known[0]:
                        best[entity_number] = match
        for entity_number, top in best.items():
            if top[0] >= floor and len(found[entity_number]) > 1:
                best[entity_number] = _speaking(top, found[entity_number])
        return best, queried

    @staticmethod
    def _evidence(
        query: str,
        entity: Entity,
        found: _Found,
        birth_date: str | None,
        country: str | None,
        identifiers: dict[str, str],
        gender: str | None,
    ) -> tuple[float, list[Feature]]:
        """The score of a candidate and the features beside its name's."""
        name_score, _, kind, _ = found
        features = []
        if kind is NameKind.WEAK_ALIAS:
            features.append(Feature("weak_alias", WEAK_ALIAS_DELTA, "matched a weak alias"))
        countries = (
            entity.nationalities
            + entity.countries
            + tuple(a.country for a in entity.addresses if a.country)
        )
        evidence = (
            score_birth_dates(birth_date, entity.birth_dates),
            score_countries(country, countries),
            score_gender(gender, entity.gender),
            score_identifiers(identifiers, entity.identifiers),
            score_telegraph_codes(query, entity.identifiers),
            score_hidden_characters(query),
        )
        features.extend(f for f in evidence if f is not None)
        decisive = any(f.name == "identifier" and f.score >= 1.0 for f in features)
        score = 1.0 if decisive else name_score + sum(f.score for f in features)
        return round(min(1.0, max(0.0, score)), 4), features

    @staticmethod
    def _hit(
        query: str,
        entity: Entity,
        found: _Found,
        score: float,
        evidence: list[Feature],
        threshold: float,
    ) -> Hit:
        name_score, matched, _, alignment = found
        detail = "name differs" if alignment is None else alignment.explain()
        if alignment is not None:
            detail += _common_tokens(alignment)
        if alignment is not None and (not query.isascii() or alignment.query.approximate):
            detail = f"{query} read as '{alignment.query.text}': {detail}"
        if alignment is not None and alignment.candidate.approximate:
            source = alignment.candidate.approximate
            detail = f"read from {source} as '{alignment.candidate.text}': {detail}"
        return Hit(
            entity_id=entity.entity_id,
            source=entity.source,
            source_id=entity.source_id,
            schema=entity.schema,
            name=entity.caption,
            matched_name=matched,
            score=score,
            band=band_of(score, threshold),
            explanation=_explain(matched, name_score, detail, evidence),
            features=(Feature("name", name_score, f"{matched}: {detail}"), *evidence),
        )


def _names_of(entity: Entity) -> Iterator[tuple[str, str, NameKind]]:
    """(name to analyse, name to show, kind) of every name of an entity, with the Han
    spellings its Chinese Commercial Codes give (OFAC lists 张磊 as ``1728 4320``) and the
    short names in its organisation names (``… CORPORATION (KOMID)``, an alias KOMID)."""
    for name in entity.names:
        yield name.value, name.value, name.kind
        split = split_abbreviation(name.value) if schema_family(entity.schema) == "org" else None
        if split is not None:
            yield split[1], name.value, NameKind.ALIAS
    for ident in entity.identifiers:
        if ident.kind == CHINESE_COMMERCIAL_CODE:
            for han in han_spellings(ident.value):
                yield han, f"{han} (Chinese Commercial Code {ident.value.strip()})", NameKind.ALIAS


def _speaking(best: _Found, found: list[_Found]) -> _Found:
    """An entity's best-aligned name ``best`` — unless the query adds words to it where a
    fuller name of the same designee (among ``found``) has others: then the fuller name
    speaks.

    ``Oscar Youssef MOJICA OBREGON`` takes the alias MOJICA OBREGON, Oscar of MOJICA OBREGON,
    Oscar Salvador for a name with a word more (0.86), but the designee's full name says
    the word is Salvador, not Youssef (0.75).
    """
    alignment = best[3]
    if alignment is None:
        return best
    aligned = alignment.aligned_query()
    extra = set(range(len(alignment.query.tokens))) - aligned
    if not extra:
        return best
    fuller = [
        f
        for f in found
        if (other := f[3]) is not None
        and other.query is alignment.query
        and aligned <= (covered := other.aligned_query())
        and extra.isdisjoint(covered)
        and len(other.aligned_candidate()) < len(other.candidate.tokens)
    ]
    return max(fuller, key=lambda f: f[0]) if fuller else best


def _common_tokens(alignment: Alignment) -> str:
    """``; kim, jong common on the lists (agreeing counts less)`` or nothing."""
    form = alignment.candidate
    if form.agreeing is None:
        return ""
    aligned = {j for _, ci, _, _ in alignment.pairs for j in ci}
    common = dict.fromkeys(
        form.tokens[j]
        for j in sorted(aligned)
        if form.agreeing[j] < form.weights[j] * COMMON_NOTE_FACTOR
    )
    if not common:
        return ""
    return f"; {', '.join(common)} common on the lists (agreeing counts less)"


def _explain(matched: str, name_score: float, detail: str, evidence: list[Feature]) -> str:
    """One sentence: which name matched how well, and what the rest of the evidence did."""
    text = f"Name matches listed name '{matched}' ({name_score:.2f}: {detail})"
    if evidence:
        text += "; " + "; ".join(f"{f.detail} ({f.score:+.2f})" for f in evidence)
    return text + "."
