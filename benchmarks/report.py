"""How long the design review takes, as a user meets it: whole `archlib report` processes.

Run: python -m benchmarks.report
Prints wall-clock seconds for the six reference stages (six pages and the index), the
command's start-up and `archlib render` of the same SVGs for comparison, and the pages' sizes.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models" / "scaling-aws"
REPEATS = 5


def _seconds(command: list[str]) -> tuple[float, float]:
    """Median and spread (max - min) of whole-process wall-clock seconds."""
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), max(timings) - min(timings)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "archlib", *args]


def main() -> None:
    if shutil.which("dot") is None:
        sys.exit("benchmarks.report needs Graphviz `dot`")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        startup, startup_spread = _seconds(_cli("--help"))
        render, render_spread = _seconds(_cli("render", str(MODELS), "-o", str(out / "svg")))
        report, report_spread = _seconds(_cli("report", str(MODELS), "-o", str(out / "html")))
        pages = sorted((out / "html").glob("*.html"))
        size = sum(page.stat().st_size for page in pages)
        print(
            f"archlib --help (start-up)             {startup:6.2f} s  (spread {startup_spread:.2f})"
        )
        print(
            f"archlib render, six stages, SVG       {render:6.2f} s  (spread {render_spread:.2f})"
        )
        print(
            f"archlib report, six stages + index    {report:6.2f} s  (spread {report_spread:.2f})"
        )
        print(f"  per stage beyond start-up           {(report - startup) / 6:6.2f} s")
        print(f"  {len(pages)} pages, {size / 1e6:.2f} MB in all, largest "
              f"{max(page.stat().st_size for page in pages) / 1e3:,.0f} kB")  # fmt: skip


if __name__ == "__main__":
    main()
