"""How the capacity analysis (peak, bottleneck and one scenario per AZ) scales with size.

Run: `python -m benchmarks.capacity`. Prints microseconds per component for each size; a
flat column means linear scaling.
"""

from __future__ import annotations

import time

from archlib.capacity import analyse, default_assumptions
from benchmarks.synthetic import synthetic_architecture

SIZES = (100, 1_000, 5_000, 20_000)


def main() -> None:
    table = default_assumptions()
    print(f"{'components':>10} {'analyse (s)':>12} {'us/component':>13}")
    for size in SIZES:
        model = synthetic_architecture(size)
        best = float("inf")
        for _ in range(3 if size < 10_000 else 1):
            start = time.perf_counter()
            analyse(model, table)
            best = min(best, time.perf_counter() - start)
        count = len(model.components)
        print(f"{count:>10,} {best:>12.3f} {best / count * 1e6:>13.1f}")


if __name__ == "__main__":
    main()
