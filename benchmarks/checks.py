"""How the checks scale with model size, and what `archlib check` costs as a whole process.

Run with `python -m benchmarks.checks` (or `make bench`). It prints time per component for
synthetic models of 1,000, 10,000 and 100,000 components (the check should scale about
linearly; 10,000 components well under a second), then the wall time of `archlib check` on
each reference stage.

Beside `archlib check`, the same stage's CloudFormation template is linted by cfn-lint, the
per-resource tool archlib's topology checks complement: `BESIDE` lists such commands.
"""

from __future__ import annotations

import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from archlib.checks import run_checks
from archlib.model import Architecture
from benchmarks.synthetic import synthetic_architecture

SIZES = (1_000, 10_000, 100_000)
STAGES = Path(__file__).resolve().parents[1] / "models" / "scaling-aws"
ARCHLIB = [sys.executable, "-m", "archlib"]


def cfn_lint_command(stage: Path, scratch: Path) -> list[str] | None:
    """Export the stage's template into `scratch`; the command lints it."""
    from archlib import load, to_cloudformation
    from archlib.cloudformation.render import render

    template = scratch / f"{stage.stem}.yaml"
    template.write_text(render(to_cloudformation(load(stage))))
    return [str(Path(sys.executable).with_name("cfn-lint")), str(template)]


BESIDE: tuple[tuple[str, Callable[[Path, Path], list[str] | None]], ...] = (
    ("cfn-lint", cfn_lint_command),
)
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
        seconds = best_of(repeats, partial(run_checks, model))
        baseline = best_of(repeats, partial(one_pass, model))
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
        row: list[float | None] = [
            median_run([*ARCHLIB, "check", str(stage), "--fail-on", "never"])
        ]
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
