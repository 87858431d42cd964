"""CLI start-up cost as a ratio to a bare Python interpreter start.

Run: `python -m benchmarks.startup`. The ratio is what matters in pre-commit hooks: a check
that starts in a few interpreter-starts feels instant.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 10


def _median_seconds(command: list[str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    bare = _median_seconds([sys.executable, "-c", "pass"])
    help_ = _median_seconds([sys.executable, "-m", "archlib", "--help"])
    show = _median_seconds(
        [sys.executable, "-m", "archlib", "show", "models/scaling-aws/6-users-plus-5.yaml"]
    )
    print(f"python -c pass         {bare * 1000:7.1f} ms  1.0x")
    print(f"archlib --help         {help_ * 1000:7.1f} ms  {help_ / bare:.1f}x")
    print(f"archlib show (stage 6) {show * 1000:7.1f} ms  {show / bare:.1f}x")


if __name__ == "__main__":
    main()
