"""`python -m benchmarks`: run every benchmark module in this package, one after another."""

from __future__ import annotations

import importlib
import pkgutil

import benchmarks


def main() -> None:
    for module in pkgutil.iter_modules(benchmarks.__path__):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"benchmarks.{module.name}")
        if hasattr(loaded, "main"):
            print(f"== {module.name}")
            loaded.main()


if __name__ == "__main__":
    main()
