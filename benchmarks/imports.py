"""What each library on `archlib check`'s path costs at start-up, as whole processes.

Run: `python -m benchmarks.imports [--runs N]`. Each row is a fresh interpreter that imports
one more layer than the row above (PyYAML, pydantic, the model's classes, the checks, typer,
rich), then one that loads and checks stage 1 without the CLI, then `archlib check` itself.
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
LAYERS: tuple[tuple[str, str], ...] = (
    ("python -c pass", "pass"),
    ("+ PyYAML (libyaml)", "import yaml"),
    ("+ pydantic", "import yaml, pydantic"),
    ("+ the model's classes", "import yaml, pydantic, archlib.model.architecture"),
    ("+ the checks, capacity and traffic", "import archlib.loader, archlib.checks"),
    ("+ typer", "import archlib.loader, archlib.checks, typer"),
    ("+ rich's console and table", "import archlib.loader, archlib.checks, typer, rich.table"),
    (
        "load and check stage 1, printed plainly",
        "import sys; from pathlib import Path; from archlib.checks import run_checks; "
        "from archlib.loader import load_located; "
        f"loaded = load_located(Path({str(STAGE)!r}), parameters={{}}); "
        "[print(f.rule_id, f.subject, f.message) for f in run_checks(loaded.model).findings]",
    ),
)


def _cpu(command: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=child_environment())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(runs: int) -> None:
    rows = [(label, [sys.executable, "-c", code]) for label, code in LAYERS]
    archlib = str(Path(sys.executable).with_name("archlib"))
    rows.append(("archlib check stage 1", [archlib, "check", str(STAGE), "--fail-on", "never"]))
    samples: dict[str, list[float]] = {label: [] for label, _ in rows}
    for _, command in rows:  # once each first: byte-code caches, disk caches
        _cpu(command)
    for _ in range(runs):
        for label, command in rows:
            samples[label].append(_cpu(command))
    print(f"command: python -m benchmarks.imports --runs {runs}")
    print(f"{'process':<42} {'CPU ms':>7} {'step ms':>8} {'× pass':>7}")
    bare = statistics.median(samples[rows[0][0]])
    previous = None
    for label, _ in rows:
        cpu = statistics.median(samples[label])
        step = "" if previous is None else f"{(cpu - previous) * 1e3:+.0f}"
        print(f"{label:<42} {cpu * 1e3:>7.0f} {step:>8} {cpu / bare:>6.1f}x")
        previous = cpu


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.imports")
    parser.add_argument("--runs", type=int, default=10)
    measure(parser.parse_args().runs)


if __name__ == "__main__":
    main()
