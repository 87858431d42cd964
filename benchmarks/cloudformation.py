"""`archlib cfn` over the six reference stages as whole processes, beside cfn-lint and
checkov (when `make setup` has built its venv) on the output.

Run: python -m benchmarks.cloudformation [--repeat N]
Prints the median wall time of each and the ratio of export to lint time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "models" / "scaling-aws"
BIN = Path(sys.executable).parent
CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


def _median(command: list[str], repeat: int) -> float:
    return statistics.median(_timed(command) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    stages = sorted(MODELS.glob("*.yaml"))
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        archlib = [str(BIN / "archlib"), "cfn"]
        together = _median([*archlib, str(MODELS), "-o", str(out)], repeat)
        one_by_one = sum(
            _median([*archlib, str(stage), "-o", str(out / f"{stage.stem}.yaml")], repeat)
            for stage in stages
        )
        templates = sorted(str(p) for p in out.glob("*.yaml"))
        lint = _median([str(BIN / "cfn-lint"), "-c", "I", "--", *templates], repeat)
        rows = [
            (f"archlib cfn, {len(stages)} stages in one process", together),
            (f"archlib cfn, {len(stages)} processes (one per stage)", one_by_one),
            (f"cfn-lint -c I on the {len(templates)} templates", lint),
        ]
        if CHECKOV.exists():
            scan = [str(CHECKOV), "-d", str(out), "--framework", "cloudformation", "--quiet"]
            rows.append((f"checkov on the {len(templates)} templates", _median(scan, repeat)))
    width = max(len(label) for label, _ in rows)
    print(f"median of {repeat} runs, wall time")
    for label, seconds in rows:
        print(f"  {label:<{width}}  {seconds:6.2f} s")
    print(f"  export / lint (one process)  {together / lint:.2f}")


if __name__ == "__main__":
    main()
