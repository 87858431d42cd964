"""How the checks scale with model size, and what `archlib check` costs as a whole process.

Run with `python -m benchmarks.checks` (or `make bench`). It prints time per component for
synthetic models of 1,000, 10,000 and 100,000 components (the check should scale about
linearly; 10,000 components well under a second), then the wall time of `archlib check` on
each reference stage.

Comparing with cfn-lint: append to `BESIDE` a function that, given a stage's model file and a
scratch directory, writes that stage's CloudFormation template there and returns the command
to time (e.g. `["cfn-lint", str(template)]`). Its timing is printed beside archlib's.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from archlib.checks import run_checks
from archlib.model import Architecture
from benchmarks.synthetic import synthetic_architecture

SIZES = (1_000, 10_000, 100_000)
STAGES = Path(__file__).resolve().parents[1] / "models" / "scaling-aws"
ARCHLIB = [sys.executable, "-m", "archlib"]

BESIDE: list[tuple[str, Callable[[Path, Path], list[str] | None]]] = []
"""(label, command maker) pairs timed beside `archlib check` on each stage."""


def best_of(repeats: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def one_pass(model: Architecture) -> int:
    """The cheapest linear work on a model: read each component's and link's identity.

    Its time per component shows what memory alone costs as the model grows (cache misses
    grow with the working set), so the check's time can be read against it.
    """
    total = 0
    for component in model.components:
        total += len(component.id) + len(component.kind)
    for link in model.links:
        total += len(link.source) + len(link.target)
    return total


def scaling() -> None:
    print("check time by model size (building the model is not timed)")
    print(
        f"{'components':>11} {'findings':>9} {'seconds':>9} {'µs/component':>13} "
        f"{'ratio':>6} {'× one pass':>11}"
    )
    previous: float | None = None
    for size in SIZES:
        model = synthetic_architecture(size)
        gc.collect()
        count = len(model.components)
        findings = len(run_checks(model).findings)
        repeats = 5 if size < 100_000 else 2
        seconds = best_of(repeats, lambda m=model: run_checks(m))
        baseline = best_of(repeats, lambda m=model: one_pass(m))
        per = seconds / count * 1e6
        ratio = f"{per / previous:.2f}" if previous else "-"
        print(
            f"{count:>11,} {findings:>9,} {seconds:>9.3f} {per:>13.1f} {ratio:>6} "
            f"{seconds / baseline:>11.0f}"
        )
        previous = per
    print(
        "ratio: time per component against the row above (1 would be perfectly linear)\n"
        "× one pass: the check's time over one plain pass over the same model; a steady "
        "figure means\nthe check grows like a linear scan does on this machine\n"
    )


def process_times() -> None:
    print("whole process, median of 5 runs (seconds)")
    labels = ["archlib check", *(label for label, _ in BESIDE)]
    print(f"{'stage':<24}" + "".join(f"{label:>16}" for label in labels))
    for stage in sorted(STAGES.glob("*.yaml")):
        row = [median_run([*ARCHLIB, "check", str(stage), "--fail-on", "never"])]
        with tempfile.TemporaryDirectory() as scratch:
            for _, make in BESIDE:
                command = make(stage, Path(scratch))
                row.append(median_run(command) if command else None)
        cells = "".join(f"{t:>16.3f}" if t is not None else f"{'n/a':>16}" for t in row)
        print(f"{stage.stem:<24}{cells}")


def median_run(command: list[str]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    scaling()
    process_times()


if __name__ == "__main__":
    main()
