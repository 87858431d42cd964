"""CLI start-up as a ratio to a bare interpreter start, as whole processes, in one run.

Run: `python -m benchmarks.startup [--runs N] [--bin DIR]`. Runs `python -c pass`,
`archlib --help`, `archlib check` on the first and last reference stage, `archlib show`,
`cost`, `diff` and `render -f dot` round-robin, so a burst of load on a shared machine hits
them alike. Prints for each the median wall time, its spread (fastest to slowest run), the
ratio of medians to `python -c pass`, and the same ratio for CPU time (user + system of the
child), which neighbours on a shared machine disturb less.

`--bin` picks the environment: by default this interpreter's; `benchmarks.fresh_clone` passes
the regular install `make run` creates, which is what users time (an editable install adds
a path finder to every start).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.environment import child_environment

ROOT = Path(__file__).resolve().parents[1]
STAGES = ROOT / "models" / "scaling-aws"
RUNS = 15


def commands(bin_dir: Path, scratch: Path) -> dict[str, list[str]]:
    """Every command the start-up goals name; `render` writes into `scratch`."""
    archlib = str(bin_dir / "archlib")
    first, second, *_, last = sorted(STAGES.glob("*.yaml"))
    return {
        "python -c pass": [str(bin_dir / "python"), "-c", "pass"],
        "archlib --help": [archlib, "--help"],
        f"archlib check {first.stem}": [archlib, "check", str(first), "--fail-on", "never"],
        f"archlib check {last.stem}": [archlib, "check", str(last), "--fail-on", "never"],
        f"archlib show {last.stem}": [archlib, "show", str(last)],
        f"archlib cost {first.stem}": [archlib, "cost", str(first)],
        f"archlib diff {first.stem} {second.stem}": [archlib, "diff", str(first), str(second)],
        f"archlib render {first.stem} -f dot": [
            archlib,
            "render",
            str(first),
            "-f",
            "dot",
            "-o",
            str(scratch),
        ],
    }


Run = tuple[list[str], dict[str, str]]
"""A command and the environment it runs in."""


def _one(run: Run) -> tuple[float, float]:
    """Wall seconds and the child's CPU seconds (user + system, to the microsecond)."""
    command, environment = run
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=environment)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(bin_dir: Path, runs: int = RUNS, against: Path | None = None) -> None:
    """Each command as installed; with `against` (another checkout of archlib), each archlib
    command a second time with that checkout's package imported instead, in the same round."""
    with tempfile.TemporaryDirectory() as scratch:
        table: dict[str, Run] = {}
        for label, command in commands(bin_dir, Path(scratch)).items():
            table[label] = (command, child_environment())
            if against is not None and label.startswith("archlib"):
                other = {**child_environment(), "PYTHONPATH": str(against)}
                table[f"{label} ({against.name})"] = (command, other)
        _measure(table, runs)
        suffix = f" --against {against}" if against is not None else ""
        print(f"command: python -m benchmarks.startup --runs {runs} --bin {bin_dir}{suffix}")


def _measure(table: dict[str, Run], runs: int) -> None:
    walls: dict[str, list[float]] = {label: [] for label in table}
    cpus: dict[str, list[float]] = {label: [] for label in table}
    for run in table.values():  # once each first: disk caches, byte-compiling
        _one(run)
    for _ in range(runs):
        for label, run in table.items():
            wall, cpu = _one(run)
            walls[label].append(wall)
            cpus[label].append(cpu)
    bare_wall = statistics.median(walls["python -c pass"])
    bare_cpu = statistics.median(cpus["python -c pass"])
    print(
        f"{'process':<56} {'median ms':>9} {'spread ms':>13} {'× pass (wall)':>14} "
        f"{'CPU ms':>7} {'× pass (CPU)':>13}"
    )
    for label in table:
        wall = statistics.median(walls[label])
        cpu = statistics.median(cpus[label])
        spread = f"{min(walls[label]) * 1e3:.0f}-{max(walls[label]) * 1e3:.0f}"
        print(
            f"{label:<56} {wall * 1e3:>9.0f} {spread:>13} {wall / bare_wall:>13.1f}x "
            f"{cpu * 1e3:>7.0f} {cpu / bare_cpu:>12.1f}x"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent)
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout of archlib (git worktree add DIR REV) to time beside this one",
    )
    arguments, _ = parser.parse_known_args()
    measure(arguments.bin, arguments.runs, arguments.against)


if __name__ == "__main__":
    main()
