"""What each library on `archlib check`'s path costs at start-up, as whole processes.

Run: `python -m benchmarks.imports [--runs N]`. Each row is a fresh interpreter that imports
one more layer than the row above (PyYAML, pydantic, the model's classes, the checks, the
check of stage 1 itself, typer, rich, which only a terminal's tables need), then `archlib
check` itself (off a terminal: no rich).
Rows run round-robin; the figure is the median CPU time of the child (user + system), which
load on a shared machine disturbs less than wall time, and the step from the row above.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.environment import child_environment

ROOT = Path(__file__).resolve().parents[1]
STAGE = ROOT / "models" / "scaling-aws" / "1-single-box.yaml"
CHECK_STAGE_1 = (
    "import sys; from pathlib import Path; from archlib.checks import run_checks; "
    "from archlib.loader import load_located; "
    f"loaded = load_located(Path({str(STAGE)!r}), parameters={{}}); "
    "[print(f.rule_id, f.subject, f.message) for f in run_checks(loaded.model).findings]"
)
LAYERS: tuple[tuple[str, str], ...] = (
    ("python -c pass", "pass"),
    ("+ PyYAML (libyaml)", "import yaml"),
    ("+ pydantic", "import yaml, pydantic"),
    ("+ the model's classes", "import yaml, pydantic, archlib.model.architecture"),
    ("+ the checks, capacity and traffic", "import archlib.loader, archlib.checks"),
    ("+ loading and checking stage 1, printed plainly", CHECK_STAGE_1),
    ("+ typer", f"import typer; {CHECK_STAGE_1}"),
)
"""Each row imports, or does, what the row above did and one thing more."""
TERMINAL = ("+ rich's console and table", f"import typer, rich.table; {CHECK_STAGE_1}")
"""What a terminal's tables add to the `+ typer` row: off a terminal `check` does without."""


def _cpu(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=child_environment())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(runs: int) -> None:
    archlib = str(Path(sys.executable).with_name("archlib"))
    rows = [(label, [sys.executable, "-c", code]) for label, code in LAYERS]
    rows.append(("archlib check stage 1", [archlib, "check", str(STAGE), "--fail-on", "never"]))
    rows.append((TERMINAL[0], [sys.executable, "-c", TERMINAL[1]]))
    base = {label: rows[index - 1][0] for index, (label, _) in enumerate(rows) if index}
    base[TERMINAL[0]] = LAYERS[-1][0]
    samples: dict[str, list[float]] = {label: [] for label, _ in rows}
    for _, command in rows:  # once each first: byte-code caches, disk caches
        _cpu(command)
    for _ in range(runs):
        for label, command in rows:
            samples[label].append(_cpu(command))
    median = {label: statistics.median(times) for label, times in samples.items()}
    print(f"command: python -m benchmarks.imports --runs {runs}")
    print(f"{'process':<50} {'CPU ms':>7} {'step ms':>8} {'× pass':>7}  step from")
    bare = median[rows[0][0]]
    for label, _ in rows:
        cpu = median[label]
        step = f"{(cpu - median[base[label]]) * 1e3:+.0f}" if label in base else ""
        print(f"{label:<50} {cpu * 1e3:>7.0f} {step:>8} {cpu / bare:>6.1f}x  {base.get(label, '')}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports")
    parser.add_argument("--runs", type=int, default=10)
    measure(parser.parse_args().runs)


if __name__ == "__main__":
    main()
