"""Name-matching benchmark: tradescreen's Screener beside nomenklatura's logic-v2.

Runs the committed evaluation set (``benchmarks/eval/queries.jsonl``) against the
combined index of every list in ../shared/data that has a parser, and reports:

- recall at the default threshold on perturbed listed names (a query is found when a
  hit is its target designation, or the same designee on another list: entities that
  share a full name of two tokens or more are one designee);
- alerts per true query (distinct designees hit, by the benchmark's clustering), and our
  hits (one per designee the screener's cross-list resolution knows) and the listings
  under them per true query; false-alert rate on clean names;
- the share of UN designees that the resolution links to their OFAC and UK listings;
- candidate recall (the target among the names the index hands to the scorer);
- queries per second on one core, p50/p99 latency, index build time and memory;
- pairwise F1 of ``compare_names`` and of logic-v2 on (query, listed name) pairs;
- recall on listed Arabic and Russian person names respelt by common romanisation rules
  (Husayn for Hussein, Alexander for Aleksandr), a probe the evaluation set does not make;
- logic-v2 screening quality on a sample (scoring the same candidates), and its speed
  scanning the UN list, with ratios;
- a synthetic scale test (``--scale``, default one million names): memory and speed.

logic-v2 needs nomenklatura, a bench-only dependency (``nomenklatura==4.17.4``); without
it the logic-v2 columns are skipped.

Usage: ``python benchmarks/bench_matching.py [--shared ../shared] [--sample N] [--scale N]``
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval.build_eval import ListedNames  # noqa: E402
from lists import load_lists  # noqa: E402
from tradescreen.matching import DEFAULT_THRESHOLD, Hit, Screener, compare_names  # noqa: E402
from tradescreen.matching.normalize import analyze_name, schema_family  # noqa: E402
from tradescreen.model import Entity, Name, NameKind  # noqa: E402

HERE = Path(__file__).resolve().parent
LOGIC_V2_THRESHOLD = 0.7


def rss_mb() -> float:
    """Resident memory of this process in MiB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def read_queries(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def designees(entities: list[Entity]) -> list[int]:
    """Cluster number per entity: entities sharing a full name (2+ tokens) are one designee."""
    parent = list(range(len(entities)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, tuple[str, ...]], int] = {}
    for number, entity in enumerate(entities):
        family = schema_family(entity.schema)
        for name in entity.names:
            if name.kind is NameKind.WEAK_ALIAS:
                continue
            for form in analyze_name(name.value, entity.schema)[:1]:
                strong = [
                    k or t
                    for t, k, w in zip(form.tokens, form.keys, form.weights, strict=True)
                    if w >= 1.0
                ]
                if len(strong) < 2:
                    continue
                key = (family, tuple(sorted(strong)))
                other = first.setdefault(key, number)
                parent[find(number)] = find(other)
    return [find(i) for i in range(len(entities))]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Run:
    """Screening outcomes of one matcher over a set of queries."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.found = self.positives = self.alerts = 0
        #: Our hits (one per designee the resolution knows) and the listings under them.
        self.hits = self.listings = 0
        self.false_alerts = self.negatives = 0
        self.candidate_found = 0
        self.latencies: list[float] = []
        self.cpu = 0.0  # CPU seconds spent screening (queries per second per core)
        self.misses: list[str] = []
        self.by_kind: dict[str, list[int]] = {}

    def record(
        self,
        query: dict[str, Any],
        hit_clusters: set[int],
        target: int | None,
        hits: Sequence[Hit] = (),
    ) -> None:
        kind = query["kind"]
        stats = self.by_kind.setdefault(kind, [0, 0])
        stats[1] += 1
        if target is None:
            self.negatives += 1
            if hit_clusters:
                self.false_alerts += 1
                stats[0] += 1
            return
        self.positives += 1
        self.alerts += len(hit_clusters)
        self.hits += len(hits)
        self.listings += sum(len(hit.listings) for hit in hits)
        if target in hit_clusters:
            self.found += 1
            stats[0] += 1
        elif len(self.misses) < 400:
            self.misses.append(f"{kind}\t{query['query']}\t{query['target']}")

    def summary(self) -> dict[str, float]:
        return {
            "recall": self.found / max(1, self.positives),
            "alerts_per_true_query": self.alerts / max(1, self.positives),
            "hits_per_true_query": self.hits / max(1, self.positives),
            "listings_per_true_query": self.listings / max(1, self.positives),
            "false_alert_rate": self.false_alerts / max(1, self.negatives),
        }


def listed_clusters(
    hits: Sequence[Hit], clusters: list[int], entity_number: dict[str, int]
) -> set[int]:
    """The benchmark's designees among every listing of the hits."""
    return {clusters[entity_number[ls.entity_id]] for hit in hits for ls in hit.listings}


def resolution_report(screener: Screener) -> None:
    """The share of UN designees that the screener's resolution links to other lists."""
    entities, resolution = screener.entities, screener.resolution
    un = [n for n, e in enumerate(entities) if e.source == "un"]
    linked: Counter[str] = Counter()
    for number in un:
        sources = {entities[n].source for n in resolution.listings(number)} - {"un"}
        linked.update({s.split("-")[0] for s in sources} | ({"any"} if sources else set()))
    print(
        f"resolution: {len(resolution.links)} designees on several lists; of {len(un)} UN "
        "designees linked to "
        + ", ".join(
            f"{label} {linked[key] / max(1, len(un)):.1%}"
            for key, label in (("ofac", "OFAC"), ("uk", "UK"), ("any", "any other list"))
        )
    )


def screen_all(
    screener: Screener, queries: list[dict[str, Any]], clusters: list[int], targets: dict[str, int]
) -> tuple[Run, list[dict[int, float]]]:
    """Screen every query at the default threshold (timed), then at 0 for the sweep.

    The sweep keeps the better score of both: at the default threshold the screener scores
    more candidates when none of the first makes an alert, which it never does at 0.
    """
    run = Run("tradescreen")
    entity_number = {e.entity_id: i for i, e in enumerate(screener.entities)}
    scored: list[dict[int, float]] = []
    for query in queries:
        start, cpu = time.perf_counter(), time.process_time()
        hits = screener.screen(query["query"], schema=query["schema"])
        run.latencies.append(time.perf_counter() - start)
        run.cpu += time.process_time() - cpu
        target = targets.get(query["target"]) if query["target"] else None
        run.record(query, listed_clusters(hits, clusters, entity_number), target, hits)
        best: dict[int, float] = {}
        for hit in hits + screener.screen(
            query["query"], schema=query["schema"], threshold=0.0, limit=10_000
        ):
            for cluster in listed_clusters([hit], clusters, entity_number):
                best[cluster] = max(best.get(cluster, 0.0), hit.score)
        scored.append(best)
        if target is not None and target in best:
            run.candidate_found += 1
    return run, scored


def sweep(
    queries: list[dict[str, Any]], scored: list[dict[int, float]], targets: dict[str, int]
) -> None:
    """Recall, alerts per true query and false-alert rate at thresholds around the default
    (every hit at or above the threshold: no relative margin, so more alerts per query)."""
    print("  threshold sweep (no relative margin): threshold recall alerts/true false-alert-rate")
    for step in range(-4, 6):
        threshold = round(DEFAULT_THRESHOLD + step * 0.02, 2)
        found = alerts = positives = false = negatives = 0
        for query, best in zip(queries, scored, strict=True):
            hit = {c for c, score in best.items() if score >= threshold}
            if query["target"]:
                positives += 1
                alerts += len(hit)
                found += targets[query["target"]] in hit
            else:
                negatives += 1
                false += bool(hit)
        print(
            f"    {threshold:.2f} {found / positives:.4f} {alerts / positives:.2f} "
            f"{false / negatives:.4f}"
        )


#: Spellings one romanisation gives and another does not, as (pattern, replacement); one is
#: applied to each listed person name it fits.
ROMANISATIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "arabic": (
        (r"\bMohamm?ed\b", "Muhammad"),
        (r"\bMuhammad\b", "Mohammed"),
        (r"\bAbdel", "Abdul"),
        (r"\bAbdul", "Abdel"),
        (r"ou", "u"),
        (r"ee", "i"),
        (r"\b[Aa]l-", "El-"),
        (r"Hussein", "Husayn"),
        (r"Husayn", "Hussein"),
        (r"Yusuf", "Yousef"),
        (r"Youssef", "Yusuf"),
        (r"Osama", "Usama"),
        (r"Usama", "Osama"),
        (r"Ahmed", "Ahmad"),
        (r"Ahmad", "Ahmed"),
        (r"q", "k"),
        (r"\bKh", "H"),
        (r"dh", "z"),
        (r"Omar", "Umar"),
    ),
    "russian": (
        (r"Aleksandr", "Alexander"),
        (r"Alexander", "Aleksandr"),
        (r"Yevgen", "Evgen"),
        (r"Evgen", "Yevgen"),
        (r"iy\b", "y"),
        (r"yy\b", "y"),
        (r"ks", "x"),
        (r"kh", "h"),
        (r"ev\b", "ov"),
        (r"Sergey", "Sergei"),
        (r"Sergei", "Sergey"),
        (r"Dmitriy", "Dmitry"),
        (r"Dmitry", "Dmitri"),
        (r"Andrey", "Andrei"),
        (r"Aleksey", "Alexei"),
        (r"Alexey", "Alexei"),
        (r"Mikhail", "Michael"),
        (r"Yuriy", "Yuri"),
        (r"Yury", "Yuri"),
        (r"ts", "tz"),
    ),
}


def romanisation_probe(screener: Screener, entities: list[Entity], clusters: list[int]) -> None:
    """Recall on listed person names (UN, OFAC SDN, UK) respelt by one ``ROMANISATIONS``
    rule each: a hit on the same designee counts."""
    rng = random.Random(11)
    entity_number = {e.entity_id: i for i, e in enumerate(entities)}
    print("\nromanisation probe (listed person names respelt by one rule; found / total)")
    for kind, rules in ROMANISATIONS.items():
        found = total = 0
        for number, entity in enumerate(entities):
            if entity.schema != "Person" or entity.source not in ("un", "ofac-sdn", "uk-ofsi"):
                continue
            fitting = [(a, b) for a, b in rules if re.search(a, entity.caption)]
            if not fitting:
                continue
            pattern, replacement = rng.choice(fitting)
            query = re.sub(pattern, replacement, entity.caption, count=1)
            total += 1
            hits = screener.screen(query, schema="Person")
            found += clusters[number] in listed_clusters(hits, clusters, entity_number)
        print(f"  {kind}: {found}/{total} = {found / max(1, total):.4f}")


def f1(scores: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float]:
    tp = sum(1 for s, m in scores if s >= threshold and m)
    fp = sum(1 for s, m in scores if s >= threshold and not m)
    fn = sum(1 for s, m in scores if s < threshold and m)
    precision = tp / max(1, tp + fp)
    recall = tp / max(1, tp + fn)
    return precision, recall, 2 * precision * recall / max(1e-9, precision + recall)


class LogicV2:
    """nomenklatura's logic-v2 over FtM proxies made from the same entities."""

    def __init__(self) -> None:
        from followthemoney.proxy import EntityProxy
        from nomenklatura.matching import LogicV2 as Algorithm
        from nomenklatura.matching import ScoringConfig

        from tradescreen.model.ftm import entity_to_ftm

        self._proxy = EntityProxy.from_dict
        self._to_ftm = entity_to_ftm
        self._algorithm = Algorithm
        self._config = ScoringConfig.defaults()
        self._cache: dict[int, Any] = {}
        self._queries = 0

    def query(self, name: str, schema: str) -> Any:
        # Unique ids: nomenklatura caches name analysis by entity id.
        self._queries += 1
        return self._proxy(
            {"id": f"query-{self._queries}", "schema": schema, "properties": {"name": [name]}}
        )

    def entity(self, entity: Entity) -> Any:
        proxy = self._cache.get(id(entity))
        if proxy is None:
            proxy = self._cache[id(entity)] = self._proxy(self._to_ftm(entity))
        return proxy

    def score(self, query: Any, candidate: Any) -> float:
        return float(self._algorithm.compare(query, candidate, self._config).score)

    def compare_names(self, name1: str, name2: str, schema: str) -> float:
        self._queries += 1
        other = self._proxy(
            {"id": f"other-{self._queries}", "schema": schema, "properties": {"name": [name2]}}
        )
        return self.score(self.query(name1, schema), other)


def load_logic_v2() -> LogicV2 | None:
    try:
        return LogicV2()
    except ImportError as exc:
        print(f"logic-v2 skipped: {exc} (pip install nomenklatura==4.17.4)")
        return None


def screen_logic_v2(
    logic: LogicV2,
    screener: Screener,
    queries: list[dict[str, Any]],
    clusters: list[int],
    targets: dict[str, int],
) -> Run:
    """logic-v2 scoring the candidates tradescreen's index finds (as yente scores ES candidates)."""
    run = Run("logic-v2")
    entity_number = {e.entity_id: i for i, e in enumerate(screener.entities)}
    for query in queries:
        candidates = screener.screen(
            query["query"], schema=query["schema"], threshold=0.0, limit=10_000
        )
        proxy = logic.query(query["query"], query["schema"])
        start = time.perf_counter()
        hit_clusters = set()
        for hit in candidates:
            number = entity_number[hit.entity_id]
            if logic.score(proxy, logic.entity(screener.entities[number])) >= LOGIC_V2_THRESHOLD:
                hit_clusters.add(clusters[number])
        run.latencies.append(time.perf_counter() - start)
        target = targets.get(query["target"]) if query["target"] else None
        run.record(query, hit_clusters, target)
    return run


def time_full_scan(
    logic: LogicV2, screener: Screener, entities: list[Entity], queries: list[dict[str, Any]]
) -> tuple[float, float]:
    """Seconds per query: logic-v2 scanning every entity, and tradescreen's index, same list."""
    proxies = [logic.entity(e) for e in entities]
    start = time.perf_counter()
    for query in queries:
        proxy = logic.query(query["query"], query["schema"])
        for candidate in proxies:
            logic.score(proxy, candidate)
    logic_time = (time.perf_counter() - start) / len(queries)
    start = time.perf_counter()
    for _ in range(20):
        for query in queries:
            screener.screen(query["query"], schema=query["schema"])
    return logic_time, (time.perf_counter() - start) / (20 * len(queries))


def synthetic_entities(entities: list[Entity], count: int, seed: int = 7) -> list[Entity]:
    """``count`` person and company names built from the real lists' tokens."""
    rng = random.Random(seed)
    persons = sorted(
        {
            t
            for e in entities
            if e.schema == "Person"
            for n in e.names
            for t in n.value.replace(",", " ").split()
        }
    )
    orgs = sorted(
        {t for e in entities if e.schema != "Person" for n in e.names for t in n.value.split()}
    )
    made = []
    for number in range(count):
        if number % 3:
            name = " ".join(rng.choice(persons) for _ in range(rng.choice((2, 3, 3, 4))))
            schema = "Person"
        else:
            name = " ".join(rng.choice(orgs) for _ in range(rng.choice((2, 3, 4, 5))))
            schema = "Company"
        made.append(Entity("synthetic", f"s{number}", schema, (Name(name),)))
    return made


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))


def ratio(ours: float, theirs: float, higher_is_better: bool = True) -> str:
    if not theirs or not ours:
        return "-"
    return f"{(ours / theirs if higher_is_better else theirs / ours):.2f}x"


def measure(label: str, func: Callable[[], Any]) -> tuple[Any, float, float]:
    gc.collect()
    before, start = rss_mb(), time.perf_counter()
    value = func()
    elapsed = time.perf_counter() - start
    gc.collect()
    # As a long-running screening service would: the index never changes once built,
    # so keep the cyclic collector from walking it on every full collection (p99).
    gc.freeze()
    return value, elapsed, rss_mb() - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[1] / "shared")
    parser.add_argument("--queries", type=Path, default=HERE / "eval" / "queries.jsonl")
    parser.add_argument("--sample", type=int, default=1500, help="queries scored by logic-v2")
    parser.add_argument("--scale", type=int, default=1_000_000, help="synthetic names (0: skip)")
    parser.add_argument("--misses", type=Path, default=None, help="write missed queries here")
    args = parser.parse_args()

    entities, report = load_lists(args.shared)
    print("lists in the combined index:\n  " + "\n  ".join(report))
    screener, build_time, build_mb = measure("build", lambda: Screener(entities))
    print(
        f"index: {len(entities)} entities, {screener.name_count} names, "
        f"built in {build_time:.1f} s, "
        f"+{build_mb:.0f} MiB RSS"
    )
    resolution_report(screener)
    clusters = designees(entities)
    targets = {f"{e.source}:{e.source_id}": clusters[i] for i, e in enumerate(entities)}
    queries = [
        q for q in read_queries(args.queries) if q["target"] is None or q["target"] in targets
    ]
    print(f"queries: {len(queries)} ({sum(1 for q in queries if q['target'])} positive)")

    listed_names = ListedNames(entities)
    listed = {
        q["id"]
        for q in queries
        if q["target"] is None and listed_names.holds(q["query"], q["schema"])
    }
    queries = [q for q in queries if q["id"] not in listed]
    print(f"  ({len(listed)} clean names dropped: they are listed names in this index)")
    ours, scored = screen_all(screener, queries, clusters, targets)
    summary = ours.summary()
    qps = len(ours.latencies) / ours.cpu
    print(f"\ntradescreen at DEFAULT_THRESHOLD={DEFAULT_THRESHOLD}")
    print(
        f"  recall {summary['recall']:.4f}  "
        f"alerts/true query {summary['alerts_per_true_query']:.2f} "
        f"(hits {summary['hits_per_true_query']:.2f}, "
        f"listings {summary['listings_per_true_query']:.2f})  "
        f"false-alert rate {summary['false_alert_rate']:.4f}  "
        f"candidate recall {ours.candidate_found / max(1, ours.positives):.4f}"
    )
    print(
        f"  {qps:.0f} queries/s on one core, p50 {percentile(ours.latencies, 0.5) * 1000:.2f} ms, "
        f"p99 {percentile(ours.latencies, 0.99) * 1000:.2f} ms"
    )
    print(
        "  by kind (found or alerted / total): "
        + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(ours.by_kind.items()))
    )
    sweep(queries, scored, targets)
    if args.misses:
        args.misses.write_text("\n".join(ours.misses) + "\n", encoding="utf-8")
    romanisation_probe(screener, entities, clusters)

    pairs = [
        (q["query"], q["listed"], q["schema"], q["target"] is not None)
        for q in queries
        if q.get("listed")
    ]
    our_pairs = [(compare_names(a, b, s), m) for a, b, s, m in pairs]
    print(
        f"\npairwise ({len(pairs)} pairs): compare_names P/R/F1 "
        + "/".join(f"{x:.3f}" for x in f1(our_pairs, DEFAULT_THRESHOLD))
    )

    logic = load_logic_v2()
    if logic is not None:
        their_pairs = [(logic.compare_names(a, b, s), m) for a, b, s, m in pairs]
        print(
            "pairwise: logic-v2 P/R/F1 "
            + "/".join(f"{x:.3f}" for x in f1(their_pairs, LOGIC_V2_THRESHOLD))
        )
        rng = random.Random(3)
        sample = rng.sample(queries, min(args.sample, len(queries)))
        mine = Run("tradescreen")
        entity_number = {e.entity_id: i for i, e in enumerate(entities)}
        for query in sample:
            hits = screener.screen(query["query"], schema=query["schema"])
            target = targets.get(query["target"]) if query["target"] else None
            mine.record(query, listed_clusters(hits, clusters, entity_number), target, hits)
        theirs = screen_logic_v2(logic, screener, sample, clusters, targets)
        a, b = mine.summary(), theirs.summary()
        un = [e for e in entities if e.source == "un"]
        un_screener = Screener(un)
        scan_queries = sample[:15]
        logic_scan, our_scan = time_full_scan(logic, un_screener, un, scan_queries)
        print(
            f"\nside by side on {len(sample)} sampled queries "
            f"(logic-v2 at {LOGIC_V2_THRESHOLD} scoring the "
            f"index's candidates; tradescreen at {DEFAULT_THRESHOLD})"
        )
        print_table(
            [
                ("metric", "tradescreen", "logic-v2", "ratio"),
                (
                    "recall",
                    f"{a['recall']:.4f}",
                    f"{b['recall']:.4f}",
                    ratio(a["recall"], b["recall"]),
                ),
                (
                    "alerts/true query",
                    f"{a['alerts_per_true_query']:.2f}",
                    f"{b['alerts_per_true_query']:.2f}",
                    ratio(a["alerts_per_true_query"], b["alerts_per_true_query"], False),
                ),
                (
                    "false-alert rate",
                    f"{a['false_alert_rate']:.4f}",
                    f"{b['false_alert_rate']:.4f}",
                    ratio(a["false_alert_rate"], b["false_alert_rate"], False),
                ),
                (
                    "ms/query, UN list (full scan for logic-v2)",
                    f"{our_scan * 1000:.3f}",
                    f"{logic_scan * 1000:.1f}",
                    ratio(our_scan, logic_scan, False),
                ),
            ]
        )
        print(
            "  logic-v2 by kind: "
            + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(theirs.by_kind.items()))
        )

    if args.scale:
        synthetic = synthetic_entities(entities, args.scale)
        gc.collect()
        big, big_time, big_mb = measure("scale", lambda: Screener(synthetic + entities))
        sample = random.Random(5).sample(queries, min(2000, len(queries)))
        start = time.perf_counter()
        latencies = []
        for query in sample:
            t0 = time.perf_counter()
            big.screen(query["query"], schema=query["schema"])
            latencies.append(time.perf_counter() - t0)
        print(
            f"\nscale: {big.name_count} names indexed in {big_time:.0f} s, +{big_mb:.0f} MiB RSS "
            f"(process {rss_mb():.0f} MiB); "
            f"{len(sample) / (time.perf_counter() - start):.0f} queries/s, "
            f"p99 {percentile(latencies, 0.99) * 1000:.2f} ms"
        )


if __name__ == "__main__":
    main()
