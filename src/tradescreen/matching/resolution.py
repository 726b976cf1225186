"""Cross-list resolution: the listings of one designee on several lists, linked into one.

A designee listed by the UN, OFAC and the UK is three entities; an analyst asks "which
lists, which legal bases?", so screening reports it once with every listing under it.
Two listings are linked, and the link says why, when

- one cites the other's UN reference number (UK ``UN Ref KPi.067``, in remarks);
- they share a global identifier (IMO number, SWIFT/BIC, LEI);
- a person's names read alike (the same tokens under the matcher's spelling keys) and
  a birth date agrees; an organisation's or a vessel's names read alike and their
  countries do not disagree.

Links join across lists only: two listings of one list are two designations. Links are
transitive (UN ↔ UK by reference, UK ↔ OFAC by IMO: one designee). A user's judgement
(``model.judgement``, kept by the store) overrides the evidence: confirmed listings are one
designee, split ones never are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tradescreen.matching.normalize import NameForm, schema_family
from tradescreen.matching.scoring import normalize_identifier
from tradescreen.model import Entity, Judgement
from tradescreen.model.judgement import DIFFERENT, SAME

__all__ = ["Link", "Resolution", "resolve"]

#: Identifier kinds that name one thing worldwide: equal values are one designee.
GLOBAL_IDENTIFIERS = frozenset({"imoNumber", "swiftBic", "leiCode"})
#: ``UN Ref KPi.067``, ``UN Ref.KPI.067``, ``UN Reference Number: QDi.004``.
_UN_REFERENCE = re.compile(
    r"\bUN\s*Ref(?:erence)?(?:\s*(?:No|Number))?\s*[.:]?\s*([A-Z]{2})([EI])\.(\d{3})\b",
    re.IGNORECASE,
)
#: A name of fewer words reads alike too often to link two listings by itself.
MIN_LINK_TOKENS = 2
#: Words that lists add or drop in rewording a name (``CENTRAL MILITARY COMMISSION OF THE
#: WORKERS' PARTY OF KOREA`` is OFAC's ``WORKERS' PARTY OF KOREA CENTRAL MILITARY COMMISSION``).
LINKING_WORDS = frozenset({"of", "the", "and", "for"})


@dataclass(frozen=True, slots=True)
class Link:
    """Why two listings are one designee."""

    entity_id: str
    other_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """Which listings of a screener's entities (by entity number) are one designee."""

    #: Per entity number, the number of its designee (its lowest entity number).
    designee_of: tuple[int, ...]
    #: Per designee with more than one listing: its entity numbers, and why they are one.
    members: dict[int, tuple[int, ...]]
    links: dict[int, tuple[Link, ...]]

    def listings(self, number: int) -> tuple[int, ...]:
        """The entity numbers of the designee of entity ``number``, itself included."""
        return self.members.get(self.designee_of[number], (number,))


def un_reference(entity: Entity) -> str | None:
    """The UN reference number of a listing's UN designation, written as the UN does
    (``KPi.067``): the first its remarks cite (later ones name associates)."""
    for remark in entity.remarks:
        found = _UN_REFERENCE.search(remark)
        if found:
            prefix, kind, digits = found.groups()
            return f"{prefix.upper()}{kind.lower()}.{digits}"
    return None


def _same_family(first: Entity, second: Entity) -> bool:
    return schema_family(first.schema) == schema_family(second.schema)


def resolve(
    entities: Sequence[Entity],
    readings: Iterable[tuple[str, Sequence[NameForm], Iterable[int]]],
    judgements: Iterable[Judgement] = (),
) -> Resolution:
    """Link the listings of ``entities`` that are one designee (see the module).

    ``readings`` are the screener's distinct name readings: (family, forms, the numbers
    of the entities whose names read so), weak aliases left out. ``judgements`` are users'
    (``store.judgements``): a pair judged the same is linked first, whatever the evidence;
    a pair judged different never ends up in one designee.
    """
    parent = list(range(len(entities)))
    sources = [{e.source} for e in entities]  # per root: the lists its designee is on
    joined = [{n} for n in range(len(entities))]  # per root: its entity numbers
    apart: dict[int, set[int]] = {}  # per root: the numbers judged another designee
    links: list[tuple[int, int, str]] = []

    def find(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    def link(first: int, second: int, reason: str, judged: bool = False) -> None:
        """Join two designees, unless a user judged them apart, or (evidence, not a user,
        linking) one list would then list the designee twice: two listings on one list
        are two designations, and a chain of looser links through them would merge
        designees (the strongest evidence links first)."""
        root, other = sorted((find(first), find(second)))
        if root == other or apart.get(root, set()) & joined[other]:
            return
        if not judged and sources[root] & sources[other]:
            return
        parent[other] = root
        sources[root] |= sources[other]
        joined[root] |= joined[other]
        apart.setdefault(root, set()).update(apart.pop(other, set()))
        links.append((first, second, reason))

    number_of = {e.entity_id: n for n, e in enumerate(entities)}
    judged = [
        (number_of[j.entity_id], number_of[j.other_id], j)
        for j in judgements
        if j.entity_id in number_of and j.other_id in number_of  # both still listed
    ]
    for first, second, judgement in judged:
        if judgement.judgement == DIFFERENT:
            apart.setdefault(first, set()).add(second)
            apart.setdefault(second, set()).add(first)
    for first, second, judgement in judged:
        if judgement.judgement == SAME:
            link(first, second, judgement.reason, judged=True)

    un_numbers = {e.source_id: n for n, e in enumerate(entities) if e.source == "un"}
    for number, entity in enumerate(entities):
        reference = un_reference(entity)
        if reference in un_numbers and _same_family(entities[un_numbers[reference]], entity):
            link(un_numbers[reference], number, f"cites UN reference {reference}")
    for (kind, value), numbers in _identifier_groups(entities).items():
        for other in numbers[1:]:
            link(numbers[0], other, f"same {kind} {value}")
    for (_, date, *_), (reading, numbers) in _name_groups(entities, readings).items():
        reason = f"names read alike ('{reading}')"
        if date:
            reason += f" and birth date {date}"
        for other in numbers[1:]:
            if _countries_agree(entities[numbers[0]], entities[other]):
                link(numbers[0], other, reason)
    designee_of = tuple(find(n) for n in range(len(entities)))
    by_designee: defaultdict[int, list[Link]] = defaultdict(list)
    for first, second, reason in links:
        by_designee[designee_of[first]].append(
            Link(entities[first].entity_id, entities[second].entity_id, reason)
        )
    return Resolution(
        designee_of,
        {d: tuple(sorted(joined[d])) for d in by_designee},
        {d: tuple(ls) for d, ls in by_designee.items()},
    )


def _identifier_groups(entities: Sequence[Entity]) -> dict[tuple[str, str], list[int]]:
    groups: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for number, entity in enumerate(entities):
        for identifier in entity.identifiers:
            if identifier.kind in GLOBAL_IDENTIFIERS:
                groups[(identifier.kind, normalize_identifier(identifier.value))].append(number)
    return groups


def _name_groups(
    entities: Sequence[Entity], readings: Iterable[tuple[str, Sequence[NameForm], Iterable[int]]]
) -> dict[tuple[str, ...], tuple[str, list[int]]]:
    """Per (family, birth date or '', the words of a reading): the first such
    reading, to show, and the numbers of the entities with a name that reads so."""
    groups: dict[tuple[str, ...], tuple[str, list[int]]] = {}
    for family, forms, numbers in readings:
        keys = {key: f.text for f in forms if len(key := _words(f)) >= MIN_LINK_TOKENS}
        for number in numbers:
            births = entities[number].birth_dates
            for date in {d.value for d in births} if family == "person" else {""}:
                for key, text in keys.items():
                    _, group = groups.setdefault((family, date, *key), (text, []))
                    if not group or group[-1] != number:
                        group.append(number)
    return groups


def _words(form: NameForm) -> tuple[str, ...]:
    """The distinct words of a reading as spelling keys (``=corp`` for Corp, Corporation),
    sorted, linking words left out: what two wordings of one name share."""
    pairs = zip(form.keys, form.tokens, strict=True)
    return tuple(sorted({k or t for k, t in pairs if t not in LINKING_WORDS}))


def _countries_agree(first: Entity, second: Entity) -> bool:
    """False when both listings state countries and none is common to both."""
    mine = set(first.countries) | set(first.nationalities)
    theirs = set(second.countries) | set(second.nationalities)
    return not (mine and theirs) or bool(mine & theirs)
