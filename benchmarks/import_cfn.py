"""Importing and checking the corpus's largest template, beside per-resource linters.

Run with `python -m benchmarks.import_cfn` (or `make bench`). It times, as whole processes
(median of 5 runs), `archlib check` and `archlib import cfn` on the largest template of the
corpus beside the repository (`../shared/cfn-corpus/templates/`), cfn-lint on the same file,
and checkov when it is installed; then the import alone, in process, for every template of
the corpus. Without the corpus it says so and measures nothing.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from archlib.errors import InputError
from benchmarks.environment import child_environment

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "cfn-corpus" / "templates"
ARCHLIB = [sys.executable, "-m", "archlib"]
REPEATS = 5


def templates() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))


def median_run(command: list[str]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True, env=child_environment())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def checkov() -> str | None:
    """Beside this interpreter, in the project's checkov environment, or on PATH."""
    from benchmarks.checks import installed_tool

    return installed_tool("checkov")


def process_times(largest: Path) -> None:
    from archlib.importers.cfn.template import read_template

    resources = len(read_template(largest).resources)
    print(
        f"largest template: {largest.relative_to(CORPUS)} ({largest.stat().st_size:,} bytes, "
        f"{resources} resources)"
    )
    print(f"whole process, median of {REPEATS} runs (seconds)")
    commands: list[tuple[str, list[str] | None]] = [
        ("archlib check", [*ARCHLIB, "check", str(largest), "--fail-on", "never"]),
        ("archlib import cfn", [*ARCHLIB, "import", "cfn", str(largest)]),
        ("cfn-lint", [str(Path(sys.executable).with_name("cfn-lint")), str(largest)]),
    ]
    stage = Path(__file__).resolve().parents[1] / "models" / "scaling-aws" / "6-users-plus-5.yaml"
    commands.append(
        (
            "archlib check, stage 6 model (same machine load, for reference)",
            [*ARCHLIB, "check", str(stage), "--fail-on", "never"],
        )
    )
    found = checkov()
    commands.append(
        ("checkov", [found, "--quiet", "--compact", "-f", str(largest)] if found else None)
    )
    for label, command in commands:
        cell = f"{median_run(command):.3f}" if command else "not installed"
        print(f"  {cell:>14}  {label}")


def in_process(paths: list[Path]) -> None:
    from archlib.importers.cfn.importer import import_template
    from archlib.importers.cfn.sniff import looks_like_template

    imported = refused = 0
    slowest = (0.0, paths[0])
    start = time.perf_counter()
    for path in paths:
        if not looks_like_template(path):
            refused += 1
            continue
        began = time.perf_counter()
        try:
            import_template(path)
            imported += 1
        except InputError:
            refused += 1
        slowest = max(slowest, (time.perf_counter() - began, path))
    total = time.perf_counter() - start
    print(
        f"import in process: {len(paths)} templates in {total:.2f} s "
        f"({imported} imported, {refused} refused); slowest {slowest[0] * 1000:.0f} ms "
        f"({slowest[1].relative_to(CORPUS)})"
    )


def main() -> None:
    if not CORPUS.is_dir():
        print(f"no template corpus at {CORPUS}: nothing measured")
        return
    paths = templates()
    process_times(max(paths, key=lambda p: p.stat().st_size))
    in_process(paths)


if __name__ == "__main__":
    main()
