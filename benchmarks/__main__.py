"""Run every benchmark in turn: `python -m benchmarks`."""

from __future__ import annotations

from importlib import import_module

MODULES = ("benchmarks.startup", "benchmarks.model_load", "benchmarks.capacity")

for name in MODULES:
    print(f"\n== {name}")
    import_module(name).main()
