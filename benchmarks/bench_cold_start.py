"""How long a user waits for one command: `--help`, `screen` and `check` as new processes.

The store holds the newest publication of every supported list in ../shared/data (about
21,000 entities). Each command runs as a fresh process, as a user or a script calls it;
the figure is the median of several runs. The baseline, in the same run, is `screen`
without its compiled lists (the artefact removed before each run), which builds the
screening index from the store as every process did before lists were compiled at import.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lists import PUBLICATIONS

EXECUTABLE = Path(sys.executable).with_name("tradescreen")
ORDER = Path(__file__).resolve().parents[1] / "examples" / "aluminium_tubes_to_dprk.json"
NAME = "Korea Mining Development Trading Corporation"


def timed(
    args: list[str], env: dict[str, str], runs: int, before: Callable[[], None] | None = None
) -> float:
    """Median wall time of ``tradescreen ARGS`` over ``runs`` fresh processes."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        done = subprocess.run([str(EXECUTABLE), *args], env=env, capture_output=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # check exits 1 for a prohibited order
            raise SystemExit(f"tradescreen {' '.join(args)} failed:\n{done.stderr.decode()}")
    return statistics.median(times)


def run(shared: Path, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TRADESCREEN_DATA_DIR": tmp}
        start = time.perf_counter()
        for files in PUBLICATIONS:
            paths = [str(shared / "data" / f) for f in files]
            subprocess.run(
                [str(EXECUTABLE), "lists", "import", "--json", *paths],
                env=env,
                check=True,
                capture_output=True,
            )
        print(f"imported {len(PUBLICATIONS)} publications in {time.perf_counter() - start:.1f} s")
        compiled = Path(tmp) / "compiled"
        artefact = next(compiled.glob("*.compiled"))
        print(f"compiled lists: {artefact.stat().st_size / 2**20:.0f} MB")
        saved = artefact.read_bytes()

        def remove_artefact() -> None:
            for path in compiled.glob("*.compiled"):
                path.unlink()

        screen = ["screen", NAME, "--schema", "Organization"]
        rebuilt = timed(screen, env, runs, before=remove_artefact)
        artefact.write_bytes(saved)
        figures = {
            "--help": timed(["--help"], env, runs),
            "screen (compiled lists)": timed(screen, env, runs),
            "check (compiled lists)": timed(["check", str(ORDER)], env, runs),
        }
        print(f"{'command':32} {'median s':>9}")
        print(f"{'screen, building the index':32} {rebuilt:9.2f}   (baseline)")
        for label, seconds in figures.items():
            print(f"{label:32} {seconds:9.2f}   ({seconds / rebuilt:.2f} of baseline)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run(args.shared.resolve(), args.runs)


if __name__ == "__main__":
    main()
