"""Screening a name (and what else is known) against list entities.

``Screener(entities)`` compiles the names of the entities into one index per kind of
name (person, organisation, vessel, airplane); ``screen`` finds candidates through the
index, aligns names token by token, weighs the other evidence and returns ``Hit``s
with a score, a band and an explanation. ``compare_names`` scores two names alone.

Score bands (name similarity plus evidence, in [0, 1]):

- ``strong`` ≥ 0.92: the same name up to romanisation, script or a typo;
- ``possible`` ≥ ``DEFAULT_THRESHOLD`` (0.82): most tokens agree, review it;
- ``weak`` below the threshold: returned only when a caller lowers the threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tradescreen.matching.index import NameIndex
from tradescreen.matching.normalize import NameForm, analyze_name, schema_family
from tradescreen.matching.scoring import (
    Alignment,
    Feature,
    best_alignment,
    iso_date,
    normalize_identifier,
    score_birth_dates,
    score_countries,
    score_gender,
    score_identifiers,
)
from tradescreen.model import Entity, NameKind

__all__ = ["DEFAULT_THRESHOLD", "STRONG_THRESHOLD", "Hit", "Screener", "band_of", "compare_names"]

#: The score at or above which a hit is an alert. Tuned on benchmarks/eval (see README there).
DEFAULT_THRESHOLD = 0.82
#: The score at or above which an alert is a strong match.
STRONG_THRESHOLD = 0.92
#: How many candidate names the index hands to the scorer per query.
CANDIDATES = 15
#: A candidate name must share this much of the query's (IDF-weighted) tokens.
MIN_SHARE = 0.3
WEAK_ALIAS_DELTA = -0.05
#: The most that evidence other than identifiers can add to a name score.
MAX_BONUS = 0.07

_FAMILIES_SEARCHED = {
    "person": ("person",),
    "org": ("org",),
    "vessel": ("vessel",),
    "airplane": ("airplane",),
    "any": ("person", "org"),
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


def band_of(score: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """``strong``, ``possible`` or ``weak``."""
    if score >= STRONG_THRESHOLD:
        return "strong"
    return "possible" if score >= threshold else "weak"


def _query_family(schema: str) -> str:
    return "any" if schema in ("LegalEntity", "Thing") else schema_family(schema)


def compare_names(name1: str, name2: str, schema: str = "Person") -> float:
    """Similarity in [0, 1] of two names alone (no other evidence)."""
    alignment = best_alignment(analyze_name(name1, schema), analyze_name(name2, schema))
    return 0.0 if alignment is None else round(alignment.score, 4)


class Screener:
    """Repeated screening against a fixed set of list entities."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: list[Entity] = list(entities)
        self._indexes: dict[str, NameIndex] = {
            f: NameIndex() for f in ("person", "org", "vessel", "airplane")
        }
        #: Per family: name number → (entity number, name text, name kind, forms).
        self._names: dict[str, list[tuple[int, str, NameKind, tuple[NameForm, ...]]]] = {
            family: [] for family in self._indexes
        }
        self._by_identifier: dict[str, list[int]] = {}
        for number, entity in enumerate(self.entities):
            self._add(number, entity)

    def _add(self, number: int, entity: Entity) -> None:
        family = schema_family(entity.schema)
        names, index = self._names[family], self._indexes[family]
        for name in entity.names:
            forms = analyze_name(name.value, entity.schema)
            if forms:
                index.add(len(names), forms)
                names.append((number, name.value, name.kind, forms))
        for ident in entity.identifiers:
            self._by_identifier.setdefault(normalize_identifier(ident.value), []).append(number)

    @property
    def name_count(self) -> int:
        """How many names the index holds."""
        return sum(len(names) for names in self._names.values())

    def screen(
        self,
        name: str,
        schema: str = "Person",
        birth_date: str | date | None = None,
        country: str | None = None,
        identifiers: Mapping[str, str] | None = None,
        gender: str | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
    ) -> list[Hit]:
        """Listed entities matching a name, best first, scoring at least ``threshold``.

        ``identifiers`` maps FtM identifier kinds (``imoNumber``, ``passportNumber``…,
        or ``any``) to values; ``country`` is ISO 3166-1 alpha-2.
        """
        forms = analyze_name(name, schema)
        # Evidence adds at most MAX_BONUS: names further below the threshold cannot make it.
        floor = threshold - MAX_BONUS
        best: dict[int, tuple[float, str, NameKind, Alignment | None]] = {}
        for family in _FAMILIES_SEARCHED[_query_family(schema)]:
            names = self._names[family]
            for number in self._indexes[family].candidates(forms, CANDIDATES, MIN_SHARE):
                entity_number, text, kind, candidate_forms = names[number]
                alignment = best_alignment(forms, candidate_forms)
                if alignment is None:
                    continue
                known = best.get(entity_number)
                if known is None or alignment.score > known[0]:
                    best[entity_number] = (alignment.score, text, kind, alignment)
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
        hits = [
            self._hit(
                name,
                self.entities[n],
                found,
                iso_date(birth_date),
                country,
                query_ids,
                gender,
                threshold,
            )
            for n, found in best.items()
            if found[0] >= floor or n in by_identifier
        ]
        hits = [h for h in hits if h.score >= threshold]
        hits.sort(key=lambda h: (-h.score, h.entity_id))
        return hits[:limit]

    def _hit(
        self,
        query: str,
        entity: Entity,
        found: tuple[float, str, NameKind, Alignment | None],
        birth_date: str | None,
        country: str | None,
        identifiers: dict[str, str],
        gender: str | None,
        threshold: float,
    ) -> Hit:
        name_score, matched, kind, alignment = found
        detail = "name differs" if alignment is None else alignment.explain()
        if alignment is not None and not query.isascii():
            detail = f"{query} read as '{alignment.query.text}': {detail}"
        features = [Feature("name", name_score, f"{matched}: {detail}")]
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
        )
        features.extend(f for f in evidence if f is not None)
        decisive = any(f.name == "identifier" and f.score >= 1.0 for f in features)
        score = 1.0 if decisive else sum(f.score for f in features)
        score = round(min(1.0, max(0.0, score)), 4)
        return Hit(
            entity_id=entity.entity_id,
            source=entity.source,
            source_id=entity.source_id,
            schema=entity.schema,
            name=entity.caption,
            matched_name=matched,
            score=score,
            band=band_of(score, threshold),
            explanation=_explain(matched, name_score, detail, features[1:]),
            features=tuple(features),
        )


def _explain(matched: str, name_score: float, detail: str, evidence: list[Feature]) -> str:
    """One sentence: which name matched how well, and what the rest of the evidence did."""
    text = f"Name matches listed name '{matched}' ({name_score:.2f}: {detail})"
    if evidence:
        text += "; " + "; ".join(f"{f.detail} ({f.score:+.2f})" for f in evidence)
    return text + "."
