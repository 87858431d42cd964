"""Flows, cost and capacity of one 10,000-component model, each timed.

Run: `python -m benchmarks.flows`. Cost and capacity each compute the shared flows they read,
so `flows` is included in both; computed once and passed to both, they are not. Times are
processor time (the best of three), so other work on the machine does not inflate them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from archlib.capacity import analyse, default_assumptions
from archlib.cost import estimate
from archlib.cost.pricelist import PriceBook
from archlib.traffic import compute
from benchmarks.cost import large_model

COMPONENTS = 10_001


def _best(run: Callable[[], object], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    model = large_model(COMPONENTS)
    book = PriceBook.bundled("us-east-1")
    table = default_assumptions()
    flows = _best(lambda: compute(model))
    cost = _best(lambda: estimate(model, book))
    capacity = _best(lambda: analyse(model, table))

    def both() -> None:
        shared = compute(model)
        estimate(model, book, flows=shared)
        analyse(model, table, flows=shared)

    together = _best(both)
    count = len(model.components)
    print(f"flows:    {count:,} components in {flows:.3f} s")
    print(f"cost:     {count:,} components in {cost:.3f} s (flows included)")
    print(f"capacity: {count:,} components in {capacity:.3f} s (flows once a scenario)")
    print(f"cost + capacity: {cost + capacity:.3f} s, or {together:.3f} s sharing the flows")


if __name__ == "__main__":
    main()
