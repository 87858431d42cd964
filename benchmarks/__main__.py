"""Run every benchmark module in this package, in name order."""

from __future__ import annotations

import importlib
import pkgutil

import benchmarks

for module in sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__)):
    if not module.startswith("_"):
        importlib.import_module(f"benchmarks.{module}").main()
