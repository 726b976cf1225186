"""A regime's rule catalogue: one YAML file read into frozen, cross-checked records.

The file format is documented in ``docs/catalogue.md``; the bundled catalogue is
``data/regimes/un_1718.yml`` (the UN Security Council measures on the DPRK). Every
reference is checked at load time, as FollowTheMoney checks its schemata: an unknown
exemption id, a non-digit HS prefix, a rule without legal basis, an unknown effect or
direction, or a repeated id raises ``RuleDataError`` naming the file, the rule and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from tradescreen.exc import RuleDataError
from tradescreen.model.findings import EFFECT_DECISIONS, Finding, LegalBasis

__all__ = [
    "DEFAULT_CATALOGUE",
    "Catalogue",
    "Category",
    "Exemption",
    "Port",
    "RedFlag",
    "Rule",
    "Scope",
    "contains_term",
    "load_catalogue",
]

#: The bundled regime: UN Security Council resolution 1718 and its successors.
DEFAULT_CATALOGUE = Path(__file__).parents[1] / "data" / "regimes" / "un_1718.yml"

_ID = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
#: Keys of a rule's ``scope`` read into typed fields; any other key stays in ``Scope.extra``.
_SCOPE_LISTS = ("item_categories", "activities", "triggers", "match_on", "programs", "excludes")


@dataclass(frozen=True, slots=True)
class Scope:
    """What a rule applies to: HS prefixes, item categories, activities, triggers..."""

    #: HS prefixes (digits only): a code matches when it starts with one of them.
    hs_codes: tuple[str, ...] = ()
    #: HS prefixes taken out of ``hs_codes``; tested first.
    hs_exclude: tuple[str, ...] = ()
    #: The HS mapping is an implementation aid, not the text of the instrument.
    hs_indicative: bool = False
    hs_note: str | None = None
    item_categories: tuple[str, ...] = ()
    #: Activities (``tx.activities`` values) the rule prohibits or restricts.
    activities: tuple[str, ...] = ()
    #: Named conditions on the route or vessel (``destination_dprk``, ``dprk_flag_carrier``).
    triggers: tuple[str, ...] = ()
    match_on: tuple[str, ...] = ()
    #: List programme codes of the designations the rule is about (vessels, parties).
    programs: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()
    #: Value thresholds (luxury goods), as in the file.
    value_thresholds: tuple[Mapping[str, Any], ...] = ()
    #: Any other scope key, as in the file (control_lists, national_equivalents...).
    extra: Mapping[str, Any] = field(default_factory=dict)

    def hs_match(self, code: str) -> str | None:
        """The listed prefix that ``code`` (digits only) falls under, or None."""
        if any(code.startswith(prefix) for prefix in self.hs_exclude):
            return None
        return next((p for p in self.hs_codes if code.startswith(p)), None)

    def hs_overlap(self, code: str) -> str | None:
        """A listed prefix more specific than ``code``: part of the code's goods are covered."""
        if any(code.startswith(prefix) for prefix in self.hs_exclude):
            return None
        return next((p for p in self.hs_codes if p.startswith(code) and p != code), None)


@dataclass(frozen=True, slots=True)
class Exemption:
    id: str
    description: str
    legal_basis: tuple[LegalBasis, ...]
    #: How the exemption works: committee_prior_approval, standing, requires_notification...
    mechanism: str | None = None
    #: Rule ids the exemption is limited to (empty: any rule that lists it).
    applies_to: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    regime: str
    direction: str
    #: The effect on a transaction the rule catches, a key of ``EFFECT_DECISIONS``.
    effect: str
    legal_basis: tuple[LegalBasis, ...]
    scope: Scope = field(default_factory=Scope)
    #: Exemptions that may apply; recorded in findings, never applied automatically.
    exemptions: tuple[Exemption, ...] = ()
    #: Further obligations on States (freeze, deregister, repatriate); not decisions.
    additional_effects: tuple[str, ...] = ()
    #: Aggregate ceiling of a ``cap`` rule and the conditions of supply, as in the file.
    cap: Mapping[str, Any] = field(default_factory=dict)
    conditions: tuple[str, ...] = ()
    notes: str | None = None
    sources: tuple[str, ...] = ()

    def finding(
        self,
        kind: str,
        subject: str,
        evidence: str,
        details: Mapping[str, Any] | None = None,
        effect: str | None = None,
    ) -> Finding:
        """A finding of this rule, with its legal basis and the exemptions that may apply.

        ``effect`` overrides the rule's effect, e.g. ``review`` for a partial match.
        """
        data = dict(details or {})
        if self.exemptions:
            data["exemptions"] = [
                {"id": ex.id, "mechanism": ex.mechanism, "description": ex.description}
                for ex in self.exemptions
            ]
        if self.additional_effects:
            data["additional_effects"] = list(self.additional_effects)
        return Finding(
            kind=kind,
            rule_id=self.id,
            effect=effect or self.effect,
            legal_basis=self.legal_basis,
            evidence=evidence,
            subject=subject,
            details=data,
        )


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A catch-all warning sign from compliance guidance; a match is a ``review`` finding."""

    id: str
    group: str
    text: str
    #: The guidance the flag comes from, cited in findings as their basis.
    guidance: tuple[LegalBasis, ...]
    #: The check an evaluator runs; None when transaction data cannot show the flag.
    test: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def finding(
        self, kind: str, subject: str, evidence: str, details: Mapping[str, Any] | None = None
    ) -> Finding:
        """A ``review`` finding of this flag, citing its guidance and quoting its text."""
        return Finding(
            kind=kind,
            rule_id=self.id,
            effect="review",
            legal_basis=self.guidance,
            evidence=evidence,
            subject=subject,
            details={"red_flag": self.text, **(details or {})},
        )


@dataclass(frozen=True, slots=True)
class Port:
    """A port or city that raises route flags, or puts the target country on the route."""

    name: str
    country: str  # ISO 3166-1 alpha-2, upper case
    aliases: tuple[str, ...] = ()
    red_flag: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Category:
    """An item category of ``scope.item_categories``, with the words that name it.

    ``terms`` are matched in an item's description as whole words (a plural ``s``/``es``
    allowed, hyphens read as spaces); a description with one of ``exclude_terms`` is not in
    the category. ``hs_codes`` are the HS prefixes of the category's goods: they place an
    item with that code in the category for value thresholds and excludes, and a description
    match whose HS code lies outside them is only a ``review``. ``part_of`` names broader
    categories: an item in ``small_arms_light_weapons`` is in ``arms_and_related_materiel``.
    """

    id: str
    terms: tuple[str, ...] = ()
    exclude_terms: tuple[str, ...] = ()
    hs_codes: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The rules, exemptions, red flags and ports of one regime file."""

    path: Path
    id: str
    version: str
    regime: str
    #: The country the regime targets (``KP``).
    target_country: str
    #: Every direction a rule may have; item directions map to ``to`` or ``from``.
    directions: Mapping[str, str | None]
    rules: Mapping[str, Rule]
    exemptions: Mapping[str, Exemption]
    red_flags: Mapping[str, RedFlag]
    ports: tuple[Port, ...] = ()
    #: Item categories with the description terms and HS codes that name them.
    categories: Mapping[str, Category] = field(default_factory=dict)

    def category_lineage(self, category: str) -> frozenset[str]:
        """``category`` and every category it is part of, directly or not."""
        seen: set[str] = set()
        todo = [category]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            known = self.categories.get(current)
            if known is not None:
                todo.extend(known.part_of)
        return frozenset(seen)

    def rules_for(self, direction: str) -> tuple[Rule, ...]:
        """The rules of one direction, in file order."""
        if direction not in self.directions:
            raise KeyError(f"{self.path.name}: unknown direction {direction!r}")
        return tuple(rule for rule in self.rules.values() if rule.direction == direction)

    @property
    def activities(self) -> frozenset[str]:
        """Every activity some rule is about: the vocabulary of ``tx.activities``."""
        return frozenset(a for rule in self.rules.values() for a in rule.scope.activities)

    def supply_directions(self, supply: str) -> tuple[str, ...]:
        """Directions that are supply ``to`` or ``from`` the target country."""
        return tuple(d for d, kind in self.directions.items() if kind == supply)

    def find_port(self, text: str) -> Port | None:
        """The port whose name or alias ``text`` names (case-insensitive, whole words)."""
        folded = text.casefold()
        for port in self.ports:
            if any(contains_term(name.casefold(), folded) for name in port.names):
                return port
        return None


def contains_term(term: str, text: str) -> bool:
    """Whether ``text`` contains ``term`` as whole words (Latin) or anywhere (CJK, no spaces)."""
    if term.isascii():
        return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text) is not None
    return term in text


class _UniqueKeyLoader(yaml.SafeLoader):  # type: ignore[misc]
    """A YAML loader that refuses repeated mapping keys (PyYAML keeps the last silently)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_mapping(node))


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


class _Reader:
    """Builds the records of one file; every error names the file, the rule and the key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, problem: str, rule: str | None = None, key: str | None = None) -> RuleDataError:
        return RuleDataError(self.path, problem, rule=rule, key=key)

    def strings(self, value: Any, rule: str | None, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail("must be a list of strings", rule, key)
        return tuple(value)

    def legal_basis(
        self, value: Any, owner: str, key: str = "legal_basis"
    ) -> tuple[LegalBasis, ...]:
        if not value:
            raise self.fail("missing legal_basis: every rule cites its instrument", owner, key)
        if not isinstance(value, list):
            raise self.fail("must be a list of citations", owner, key)
        bases = []
        for index, item in enumerate(value):
            if not isinstance(item, dict) or not item.get("instrument"):
                raise self.fail("a citation needs an instrument", owner, f"{key}[{index}]")
            paragraph = item.get("paragraph")
            bases.append(
                LegalBasis(
                    instrument=str(item["instrument"]),
                    paragraph=None if paragraph is None else str(paragraph),
                    verify=item.get("verify") is True,
                )
            )
        return tuple(bases)

    def hs_prefixes(self, value: Any, rule: str, key: str) -> tuple[str, ...]:
        if value is None:
            return ()
        codes = value.get("codes") if isinstance(value, dict) else value
        if isinstance(value, dict) and value.get("match", "prefix") != "prefix":
            raise self.fail(f"unknown HS match {value.get('match')!r} (only prefix)", rule, key)
        prefixes = self.strings(codes, rule, key)
        for code in prefixes:
            if not code.isdigit() or not 2 <= len(code) <= 10:
                raise self.fail(f"HS prefix {code!r} is not 2 to 10 digits", rule, key)
        return prefixes

    def scope(self, value: Any, rule: str) -> Scope:
        if value is None:
            return Scope()
        if not isinstance(value, dict):
            raise self.fail("must be a mapping", rule, "scope")
        data = dict(value)
        lists = {k: self.strings(data.pop(k, None), rule, f"scope.{k}") for k in _SCOPE_LISTS}
        thresholds = data.pop("value_thresholds", None) or []
        if not isinstance(thresholds, list) or not all(isinstance(t, dict) for t in thresholds):
            raise self.fail("must be a list of mappings", rule, "scope.value_thresholds")
        note = data.pop("hs_note", None)
        return Scope(
            hs_codes=self.hs_prefixes(data.pop("hs_codes", None), rule, "scope.hs_codes"),
            hs_exclude=self.hs_prefixes(data.pop("hs_exclude", None), rule, "scope.hs_exclude"),
            hs_indicative=data.pop("hs_indicative", False) is True,
            hs_note=None if note is None else str(note),
            value_thresholds=tuple(thresholds),
            extra=data,
            **lists,
        )

    def exemption(self, ex_id: str, value: Any) -> Exemption:
        if not _ID.match(ex_id) or not ex_id.startswith("EX-"):
            raise self.fail("exemption ids are UPPER-KEBAB starting with EX-", ex_id)
        if not isinstance(value, dict):
            raise self.fail("must be a mapping", ex_id)
        return Exemption(
            id=ex_id,
            description=str(value.get("description", "")),
            legal_basis=self.legal_basis(value.get("legal_basis"), ex_id),
            mechanism=value.get("mechanism"),
            applies_to=self.strings(value.get("applies_to"), ex_id, "applies_to"),
        )

    def rule(
        self,
        value: Any,
        index: int,
        directions: Mapping[str, str | None],
        exemptions: Mapping[str, Exemption],
    ) -> Rule:
        if not isinstance(value, dict):
            raise self.fail("must be a mapping", f"rules[{index}]")
        rule_id = value.get("id")
        if not isinstance(rule_id, str) or not _ID.match(rule_id):
            raise self.fail(f"rule id {rule_id!r} is not UPPER-KEBAB", f"rules[{index}]", "id")
        for key in ("title", "regime"):
            if not isinstance(value.get(key), str):
                raise self.fail(f"missing {key}", rule_id, key)
        direction = value.get("direction")
        if not isinstance(direction, str) or direction not in directions:
            known = ", ".join(directions)
            raise self.fail(
                f"unknown direction {direction!r} (known: {known})", rule_id, "direction"
            )
        effect = value.get("effect")
        if effect not in EFFECT_DECISIONS:
            known = ", ".join(EFFECT_DECISIONS)
            raise self.fail(f"unknown effect {effect!r} (known: {known})", rule_id, "effect")
        rule_exemptions = []
        for ex_id in self.strings(value.get("exemptions"), rule_id, "exemptions"):
            exemption = exemptions.get(ex_id)
            if exemption is None:
                raise self.fail(f"unknown exemption {ex_id!r}", rule_id, "exemptions")
            rule_exemptions.append(exemption)
        cap = value.get("cap") or {}
        if not isinstance(cap, dict):
            raise self.fail("must be a mapping", rule_id, "cap")
        if effect == "cap" and not cap:
            raise self.fail("a cap rule needs its cap", rule_id, "cap")
        notes = value.get("notes")
        return Rule(
            id=rule_id,
            title=value["title"],
            regime=value["regime"],
            direction=direction,
            effect=effect,
            legal_basis=self.legal_basis(value.get("legal_basis"), rule_id),
            scope=self.scope(value.get("scope"), rule_id),
            exemptions=tuple(rule_exemptions),
            additional_effects=self.strings(
                value.get("additional_effects"), rule_id, "additional_effects"
            ),
            cap=cap,
            conditions=self.strings(value.get("conditions"), rule_id, "conditions"),
            notes=None if notes is None else str(notes),
            sources=self.strings(value.get("sources"), rule_id, "sources"),
        )

    def red_flag(self, value: Any, index: int, guidance: Mapping[str, Any]) -> RedFlag:
        if not isinstance(value, dict):
            raise self.fail("must be a mapping", f"red_flags[{index}]")
        flag_id = value.get("id")
        if not isinstance(flag_id, str) or not _ID.match(flag_id) or not flag_id.startswith("RF-"):
            raise self.fail(
                f"red flag id {flag_id!r} is not UPPER-KEBAB starting with RF-",
                f"red_flags[{index}]",
                "id",
            )
        source = value.get("source")
        if not isinstance(source, str) or source not in guidance:
            raise self.fail(f"source {source!r} is not in red_flag_guidance", flag_id, "source")
        test = value.get("test")
        if test is not None and not isinstance(test, str):
            raise self.fail("must be a name or null", flag_id, "test")
        params = value.get("params") or {}
        if not isinstance(params, dict):
            raise self.fail("must be a mapping", flag_id, "params")
        return RedFlag(
            id=flag_id,
            group=str(value.get("group", "")),
            text=str(value.get("text", "")),
            guidance=self.legal_basis([guidance[source]], flag_id, "source"),
            test=test,
            params=params,
        )

    def port(self, value: Any, index: int, red_flags: Mapping[str, RedFlag]) -> Port:
        where = f"ports[{index}]"
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise self.fail("a port needs a name", where)
        country = value.get("country")
        if not isinstance(country, str) or not _COUNTRY.match(country):
            raise self.fail(f"country {country!r} is not ISO alpha-2 upper case", where, "country")
        red_flag = value.get("red_flag")
        if red_flag is not None and red_flag not in red_flags:
            raise self.fail(f"unknown red flag {red_flag!r}", where, "red_flag")
        return Port(
            name=value["name"],
            country=country,
            aliases=self.strings(value.get("aliases"), where, "aliases"),
            red_flag=red_flag,
        )

    def category(self, cat_id: Any, value: Any) -> Category:
        where = f"categories.{cat_id}"
        if not isinstance(cat_id, str) or not re.match(r"^[a-z0-9]+(?:_[a-z0-9]+)*$", cat_id):
            raise self.fail(f"category id {cat_id!r} is not snake_case", where)
        if not isinstance(value, dict):
            raise self.fail("must be a mapping", where)
        unknown = set(value) - {"terms", "exclude_terms", "hs_codes", "part_of", "note"}
        if unknown:
            raise self.fail(f"unknown keys {sorted(unknown)}", where)
        return Category(
            id=cat_id,
            terms=self.strings(value.get("terms"), where, "terms"),
            exclude_terms=self.strings(value.get("exclude_terms"), where, "exclude_terms"),
            hs_codes=self.hs_prefixes(value.get("hs_codes"), where, "hs_codes"),
            part_of=self.strings(value.get("part_of"), where, "part_of"),
        )

    def categories(self, value: Any, rules: Mapping[str, Rule]) -> dict[str, Category]:
        """The category vocabulary; every category must be one some rule names, or part of one."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail("must be a mapping of category ids", None, "categories")
        categories = {k: self.category(k, v) for k, v in value.items()}
        named: set[str] = set()
        for rule in rules.values():
            named.update(rule.scope.item_categories, rule.scope.excludes)
            for index, threshold in enumerate(rule.scope.value_thresholds):
                category = threshold.get("category")
                if category not in categories:
                    raise self.fail(
                        f"unknown category {category!r}",
                        rule.id,
                        f"scope.value_thresholds[{index}]",
                    )
                named.add(str(category))
        for category in categories.values():
            for parent in category.part_of:
                if parent not in categories and parent not in named:
                    raise self.fail(f"unknown category {parent!r}", f"categories.{category.id}")
        for category in categories.values():
            lineage, todo = set(), [category.id]
            while todo:
                current = todo.pop()
                if current in lineage:
                    continue
                lineage.add(current)
                todo.extend(categories[current].part_of if current in categories else ())
            if not lineage & named:
                raise self.fail(
                    "no rule names this category or one it is part of",
                    f"categories.{category.id}",
                )
        return categories

    def directions(self, meta: Mapping[str, Any]) -> dict[str, str | None]:
        conventions = meta.get("conventions") or {}
        names = self.strings(conventions.get("directions"), None, "meta.conventions.directions")
        if not names:
            raise self.fail("no directions declared", None, "meta.conventions.directions")
        supply = conventions.get("supply") or {}
        for direction, kind in supply.items():
            if direction not in names or kind not in ("to", "from"):
                raise self.fail(
                    f"{direction}: {kind!r} must map a declared direction to 'to' or 'from'",
                    None,
                    "meta.conventions.supply",
                )
        return {name: supply.get(name) for name in names}

    def catalogue(self, data: Any) -> Catalogue:
        if not isinstance(data, dict):
            raise self.fail("not a regime file: the top level must be a mapping")
        meta = data.get("meta") or {}
        target = meta.get("target_country")
        if not isinstance(target, str) or not _COUNTRY.match(target):
            raise self.fail(f"target {target!r} is not ISO alpha-2", None, "meta.target_country")
        directions = self.directions(meta)
        raw_exemptions = data.get("exemptions") or {}
        if not isinstance(raw_exemptions, dict):
            raise self.fail("must be a mapping of exemption ids", None, "exemptions")
        exemptions = {k: self.exemption(k, v) for k, v in raw_exemptions.items()}
        rules: dict[str, Rule] = {}
        raw_rules = data.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            raise self.fail("no rules", None, "rules")
        for index, value in enumerate(raw_rules):
            rule = self.rule(value, index, directions, exemptions)
            if rule.id in rules:
                raise self.fail("duplicate rule id", rule.id, "id")
            rules[rule.id] = rule
        for exemption in exemptions.values():
            for rule_id in exemption.applies_to:
                if rule_id not in rules:
                    raise self.fail(f"unknown rule {rule_id!r}", exemption.id, "applies_to")
        guidance = data.get("red_flag_guidance") or {}
        red_flags: dict[str, RedFlag] = {}
        for index, value in enumerate(data.get("red_flags") or []):
            flag = self.red_flag(value, index, guidance)
            if flag.id in red_flags or flag.id in rules:
                raise self.fail("duplicate red flag id", flag.id, "id")
            red_flags[flag.id] = flag
        ports = tuple(self.port(v, i, red_flags) for i, v in enumerate(data.get("ports") or []))
        return Catalogue(
            path=self.path,
            id=str(meta.get("id", self.path.stem)),
            version=str(meta.get("version", "")),
            regime=str(meta.get("regime", "")),
            target_country=target,
            directions=directions,
            rules=rules,
            exemptions=exemptions,
            red_flags=red_flags,
            ports=ports,
            categories=self.categories(data.get("categories"), rules),
        )


@lru_cache(maxsize=8)
def _load(path: Path) -> Catalogue:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RuleDataError(path, f"cannot read: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise RuleDataError(path, f"not UTF-8 text: byte at offset {error.start}") from error
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise RuleDataError(path, f"{line}{problem}") from error
    except RecursionError:
        raise RuleDataError(path, "the YAML nests too deeply") from None
    return _Reader(path).catalogue(data)


def load_catalogue(path: Path | str | None = None) -> Catalogue:
    """Load a regime file, by default the bundled UN 1718 catalogue; cached per path.

    Raises:
        RuleDataError: the file cannot be read, is not YAML, or a rule, exemption, red
            flag or port in it is invalid (the message names the file, the rule and the key).
    """
    return _load(Path(path or DEFAULT_CATALOGUE).resolve())
