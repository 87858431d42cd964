"""How model validation and YAML loading scale with the number of components.

Run: `python -m benchmarks.model_load`. Prints microseconds per component for each size; a
flat column means linear scaling.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

from archlib.loader import load, save
from archlib.model import Architecture
from benchmarks.synthetic import synthetic_architecture

SIZES = (1_000, 10_000, 50_000)
"""50,000 components is about 7 MB of YAML, inside the loader's 10 MiB file limit."""


def _best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def _measure(size: int, folder: Path) -> tuple[int, float, float]:
    data = synthetic_architecture(size).model_dump(mode="json")
    path = folder / f"model-{size}.yaml"
    save(Architecture.model_validate(data), path)
    validate = _best_of(3, lambda: Architecture.model_validate(data))
    loading = _best_of(1, lambda: load(path))
    return len(data["components"]), validate, loading


def main() -> None:
    header = ("components", "validate s", "us/comp", "load yaml s", "us/comp")
    print("{:>10}  {:>10}  {:>8}  {:>11}  {:>8}".format(*header))
    with TemporaryDirectory() as folder:
        for size in SIZES:
            count, validate, loading = _measure(size, Path(folder))
            print(
                f"{count:>10}  {validate:>10.3f}  {validate / count * 1e6:>8.1f}  "
                f"{loading:>11.3f}  {loading / count * 1e6:>8.1f}"
            )


if __name__ == "__main__":
    main()
