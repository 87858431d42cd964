"""How the checks scale with model size, and what `archlib check` costs as a whole process.

Run with `python -m benchmarks.checks [--runs N] [--part processes|scaling|breakdown]` (or
`make bench`). It prints the wall time of `archlib check` as a whole process beside the
per-resource tools archlib's topology checks complement (cfn-lint, and checkov when it is
installed: `BESIDE` lists them), with the ratio of each to archlib: on each reference stage
(the peers read the stage's exported template) and on the five largest templates of the
corpus beside the repository that archlib imports (all three read the template). Then CPU
time and peak memory per component for synthetic models of 1,000, 10,000 and 100,000
components (the check should scale linearly). Then, at 10,000 components, the time of
each analysis the rules share and of each rule, added up against the whole check.
"""

from __future__ import annotations

import argparse
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import TypeVar

from archlib.checks import run_checks
from archlib.checks.context import CheckContext
from archlib.checks.registry import RULES
from archlib.gc_pause import cyclic_gc_paused
from archlib.model import Architecture
from benchmarks.environment import child_environment
from benchmarks.exponent import scaling_exponent
from benchmarks.synthetic import synthetic_architecture

SIZES = (1_000, 10_000, 100_000)
NOT_CAPACITY = tuple(rule for rule in RULES if not rule.id.startswith("CAP"))
STAGES = Path(__file__).resolve().parents[1] / "models" / "scaling-aws"
ARCHLIB = [str(Path(sys.executable).with_name("archlib"))]
"""The console script, as users run it."""


def _template(stage: Path, scratch: Path) -> Path:
    """The stage's own CloudFormation template, exported into `scratch` once."""
    template = scratch / f"{stage.stem}.yaml"
    if not template.exists():
        from archlib import load, to_cloudformation
        from archlib.cloudformation.render import render

        template.write_text(render(to_cloudformation(load(stage))))
    return template


CHECKOV_VENV = Path(__file__).resolve().parents[1] / ".venv-checkov" / "bin"
"""Where `make setup` installs checkov, whose pins clash with the project's."""


def installed_tool(name: str) -> str | None:
    """The tool beside this interpreter, else in the project's checkov environment, else on
    PATH; None when it is not installed."""
    for folder in (Path(sys.executable).parent, CHECKOV_VENV):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def cfn_lint_command(template: Path) -> list[str] | None:
    tool = installed_tool("cfn-lint")
    return [tool, str(template)] if tool else None


def checkov_command(template: Path) -> list[str] | None:
    tool = installed_tool("checkov")
    if tool is None:
        return None
    return [tool, "--quiet", "--compact", "-f", str(template)]


BESIDE: tuple[tuple[str, Callable[[Path], list[str] | None]], ...] = (
    ("cfn-lint", cfn_lint_command),
    ("checkov", checkov_command),
)
"""(label, command maker) pairs timed beside `archlib check` on the same template; a maker
returns None when its tool is not installed."""

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "cfn-corpus" / "templates"
CORPUS_TEMPLATES = 5


def corpus_templates(count: int = CORPUS_TEMPLATES) -> list[Path]:
    """The `count` largest templates of the corpus beside the repository that archlib imports
    (a refused template would time an error message); none without the corpus."""
    from archlib.errors import InputError
    from archlib.importers.cfn.importer import import_template
    from archlib.importers.cfn.sniff import looks_like_template

    if not CORPUS.is_dir():
        return []
    found: list[Path] = []
    candidates = (p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    for path in sorted(candidates, key=lambda p: (-p.stat().st_size, p)):
        if len(found) == count:
            break
        if not looks_like_template(path):
            continue
        try:
            import_template(path)
        except InputError:
            continue
        found.append(path)
    return found


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """The fastest of `repeats` runs, in CPU seconds of this process (neighbours on a shared
    machine disturb CPU time less than wall time)."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def peak_megabytes(action: Callable[[], object]) -> float:
    """Memory the action allocates at its peak, beyond what existed before it ran."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


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
    print("check CPU time by model size (building the model is not timed)")
    print(
        f"{'components':>11} {'findings':>9} {'seconds':>9} {'µs/component':>13} "
        f"{'ratio':>6} {'× one pass':>11} {'no CAP s':>9} {'peak MB':>8} {'KB/comp':>8}"
    )
    previous: float | None = None
    measured: list[tuple[int, float]] = []
    for size in SIZES:
        model = synthetic_architecture(size)
        gc.collect()
        count = len(model.components)
        findings = len(run_checks(model).findings)
        repeats = 5 if size < 100_000 else 2
        seconds = best_of(repeats, partial(run_checks, model))
        baseline = best_of(repeats, partial(one_pass, model))
        without_capacity = best_of(repeats, partial(run_checks, model, rules=NOT_CAPACITY))
        peak = peak_megabytes(partial(run_checks, model))
        per = seconds / count * 1e6
        ratio = f"{per / previous:.2f}" if previous else "-"
        print(
            f"{count:>11,} {findings:>9,} {seconds:>9.3f} {per:>13.1f} {ratio:>6} "
            f"{seconds / baseline:>11.0f} {without_capacity:>9.3f} {peak:>8.0f} "
            f"{peak * 1e3 / count:>8.1f}"
        )
        previous = per
        measured.append((count, seconds))
    k = scaling_exponent([count for count, _ in measured], [seconds for _, seconds in measured])
    if k is not None:
        print(f"scaling exponent (slope of log time on log components; 1.00 is linear): {k:.2f}")
    print(
        "ratio: time per component against the row above (1 would be perfectly linear)\n"
        "× one pass: the check's time over one plain pass over the same model; a steady "
        "figure means\nthe check grows like a linear scan does on this machine\n"
        "no CAP s: the same check without the capacity rules (CAP*), which share one capacity "
        "analysis\npeak MB: memory the check allocates at its peak (tracemalloc), beyond the "
        "model itself\n"
        f"command: python -m benchmarks.checks (sizes {', '.join(map(str, SIZES))})\n"
    )


Result = TypeVar("Result")
BREAKDOWN_SIZE = 10_000
BREAKDOWN_SHOWN = 15


def shared_analyses(model: Architecture) -> list[str]:
    """The analyses a check of `model` computes once for its rules, in the order it completes
    them (an analysis that needs another completes after it)."""
    context = CheckContext.of(model)
    run_checks(model, context=context)
    own = {field.name for field in fields(CheckContext)}
    return [name for name in vars(context) if name not in own]


def breakdown(size: int = BREAKDOWN_SIZE, repeats: int = 3) -> None:
    """Where a large check's time goes: each analysis the rules share, forced in the order
    the check completes them, then each rule on its own; fastest of `repeats`, in CPU time."""
    model = synthetic_architecture(size)
    shared = ["the context and its graph", *shared_analyses(model)]
    gc.collect()
    whole = best_of(repeats, partial(run_checks, model))
    best: dict[str, float] = {}

    def keep(label: str, action: Callable[[], Result]) -> Result:
        start = time.process_time()
        result = action()
        elapsed = time.process_time() - start
        best[label] = min(best.get(label, elapsed), elapsed)
        return result

    gc.collect()
    with cyclic_gc_paused():
        for _ in range(repeats):
            context = keep(shared[0], partial(CheckContext.of, model))
            for name in shared[1:]:
                keep(name, partial(getattr, context, name))
            for rule in RULES:
                if rule.check is not None:
                    keep(rule.id, partial(list, rule.check(context)))
    in_shared = sum(best[name] for name in shared)
    in_rules = sum(seconds for label, seconds in best.items() if label not in shared)
    print(
        f"check of {len(model.components):,} components, part by part (CPU ms, fastest of "
        f"{repeats}, the collector paused)"
    )
    for label, seconds in sorted(best.items(), key=lambda item: -item[1])[:BREAKDOWN_SHOWN]:
        kind = "shared analysis" if label in shared else "rule"
        print(f"{label:<28} {kind:<16} {seconds * 1e3:>8.1f}")
    rules = len(best) - len(shared)
    print(
        f"{'shared analyses':<45} {in_shared * 1e3:>8.1f}\n"
        f"{f'{rules} rules':<45} {in_rules * 1e3:>8.1f}\n"
        f"{'the parts together':<45} {(in_shared + in_rules) * 1e3:>8.1f}\n"
        f"{'run_checks as a whole':<45} {whole * 1e3:>8.1f}\n"
        f"command: python -m benchmarks.checks --part breakdown\n"
    )


def process_times(runs: int = 5) -> None:
    """Whole processes, round-robin per input so load on a shared machine hits all alike.

    Each reference stage is checked as a model beside the peers on the stage's exported
    template; each corpus template is checked by all three as it is."""
    labels = ["archlib check", *(label for label, _ in BESIDE)]
    print(f"whole process, median of {runs} runs (seconds); ratio: peer / archlib check")
    print(
        f"{'input':<40}"
        + "".join(f"{label:>14}" for label in labels)
        + "".join(f"{label + ' ratio':>16}" for label in labels[1:])
    )
    with tempfile.TemporaryDirectory() as scratch:
        inputs = [
            (stage.stem, stage, _template(stage, Path(scratch)))
            for stage in sorted(STAGES.glob("*.yaml"))
        ]
        inputs += [(str(t.relative_to(CORPUS)), t, t) for t in corpus_templates()]
        for label, checked, template in inputs:
            row: list[list[str] | None] = [
                [*ARCHLIB, "check", str(checked), "--fail-on", "never"],
                *(make(template) for _, make in BESIDE),
            ]
            print(f"{label[-40:]:<40}{_row(row, runs)}")
    print(
        f"command: python -m benchmarks.checks --runs {runs}; "
        f"archlib check runs as {' '.join(ARCHLIB)}\n"
    )


def _row(row: list[list[str] | None], runs: int) -> str:
    """Median wall times of the commands, run round-robin, then each peer's ratio."""
    samples: list[list[float]] = [[] for _ in row]
    for _ in range(runs):
        for index, command in enumerate(row):
            if command is not None:
                samples[index].append(_wall(command))
    medians = [statistics.median(s) if s else None for s in samples]
    cells = "".join(f"{t:>14.3f}" if t is not None else f"{'n/a':>14}" for t in medians)
    archlib = medians[0]
    assert archlib is not None
    ratios = "".join(
        f"{t / archlib:>15.1f}x" if t is not None else f"{'not installed':>16}" for t in medians[1:]
    )
    return cells + ratios


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True, env=child_environment())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.checks")
    parser.add_argument("--runs", type=int, default=5, help="whole-process runs per command")
    parser.add_argument(
        "--part",
        choices=("all", "processes", "scaling", "breakdown"),
        default="all",
        help="what to measure",
    )
    arguments = parser.parse_args()
    if arguments.part in ("all", "processes"):
        process_times(arguments.runs)
    if arguments.part in ("all", "scaling"):
        scaling()
    if arguments.part in ("all", "breakdown"):
        breakdown()


if __name__ == "__main__":
    main()
