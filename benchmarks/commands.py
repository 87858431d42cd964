"""Every command that reads a model, on synthetic models of 1,000, 10,000 and 100,000 components.

Run: `python -m benchmarks.commands [NAME ...] [--sizes 1000 10000 100000]`. Each size runs
in a process of its own, which builds the model in memory (`benchmarks.synthetic`) and then
does each command's work after loading: the same library calls the command makes, its output
rendered to memory. Loading a model file is `benchmarks.model_load`'s subject (and the
loader refuses files over 10 MiB, which a 100,000-component model is). Graphviz's own layout
(PNG, SVG) is `benchmarks.render`'s.

Prints CPU seconds and microseconds per component for each command and size, the ratio of
time per component to the size below (1.0 is linear), and the process's peak memory. CPU time
of the process, not wall time: on a shared machine wall time mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from archlib.model import Architecture
from benchmarks.exponent import scaling_exponent

SIZES = (1_000, 10_000, 100_000)


def _printed(renderables: list[Any]) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    screen = Console(file=buffer, width=120, highlight=False)
    for item in renderables:
        screen.print(item)
    return buffer.getvalue()


def show(model: Architecture) -> object:
    from archlib.report.summary import summary_tables

    return _printed(summary_tables(model))


def show_json(model: Architecture) -> object:
    from archlib.report.summary import summary_document

    return json.dumps(summary_document(model), indent=2)


def usage(model: Architecture) -> object:
    from archlib.report.usage import usage_table

    return _printed([usage_table(model)])


def check(model: Architecture) -> object:
    from archlib.checks import run_checks

    return run_checks(model)


def cost(model: Architecture) -> object:
    from archlib.cost import render
    from archlib.cost.estimator import estimate

    return render.markdown(estimate(model))


def capacity(model: Architecture) -> object:
    from archlib.capacity import analyse, default_assumptions
    from archlib.report.capacity import capacity_markdown

    return capacity_markdown(analyse(model, default_assumptions()))


def evolve(model: Architecture) -> object:
    from archlib.capacity import default_assumptions
    from archlib.evolve import evolve as compare
    from archlib.report.evolution import evolution_markdown

    return evolution_markdown(compare([("a", model), ("b", model)], default_assumptions()))


def render_dot(model: Architecture) -> object:
    from archlib.drawing import render

    return render(model, ["dot"])


def render_mermaid(model: Architecture) -> object:
    from archlib.drawing import render

    return render(model, ["mermaid"])


def cfn(model: Architecture) -> object:
    from archlib.cloudformation import build_template, render

    return render(build_template(model).document())


COMMANDS: dict[str, tuple[str, Callable[[Architecture], object]]] = {
    "show": ("archlib show", show),
    "show-json": ("archlib show -f json", show_json),
    "usage": ("archlib usage", usage),
    "check": ("archlib check (the analysis)", check),
    "cost": ("archlib cost --output", cost),
    "capacity": ("archlib capacity -f markdown", capacity),
    "evolve": ("archlib evolve (two stages) -f markdown", evolve),
    "render-dot": ("archlib render -f dot", render_dot),
    "render-mermaid": ("archlib render -f mermaid", render_mermaid),
    "cfn": ("archlib cfn", cfn),
}
"""Name -> (the command it stands for, its work after loading)."""


def peak_megabytes() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(size: int, names: list[str]) -> dict[str, Any]:
    """In this process: build the model, then time each command once."""
    from benchmarks.synthetic import synthetic_architecture

    warm = synthetic_architecture(20)
    for name in names:  # imports and caches, so they are not counted at the smallest size
        COMMANDS[name][1](warm)
    start = time.process_time()
    model = synthetic_architecture(size)
    built = time.process_time() - start
    result: dict[str, Any] = {
        "components": len(model.components),
        "links": len(model.links),
        "build_s": built,
        "model_mb": peak_megabytes(),
        "seconds": {},
    }
    for name in names:
        work = COMMANDS[name][1]
        gc.collect()
        start = time.process_time()
        work(model)
        result["seconds"][name] = time.process_time() - start
    result["peak_mb"] = peak_megabytes()
    return result


def run_size(size: int, names: list[str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.commands", "--one", str(size), *names]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    loaded: dict[str, Any] = json.loads(done.stdout)
    return loaded


def report(results: list[dict[str, Any]], names: list[str]) -> None:
    print("CPU µs per component by command (CPU time / components; ratio to the size above)")
    header = f"{'command':<42}" + "".join(f"{r['components']:>18,}" for r in results)
    print(header + f"{'exponent':>10}")
    for name in names:
        cells = []
        previous: float | None = None
        for r in results:
            per = r["seconds"][name] / r["components"] * 1e6
            ratio = f"{per / previous:.2f}" if previous else "-"
            cells.append(f"{per:>10.1f} ({ratio:>4})")
            previous = per
        k = scaling_exponent(
            [r["components"] for r in results], [r["seconds"][name] for r in results]
        )
        fitted = f"{k:>10.2f}" if k is not None else f"{'-':>10}"
        print(f"{COMMANDS[name][0]:<42}" + "".join(f"{c:>18}" for c in cells) + fitted)
    print("exponent: the slope of log(CPU time) on log(components); 1.00 is linear")
    print()
    print(f"{'size':>10} {'links':>9} {'model MB':>9} {'peak MB':>9} {'peak KB/comp':>13}  seconds")
    for r in results:
        seconds = ", ".join(f"{n} {r['seconds'][n]:.2f}" for n in names)
        print(
            f"{r['components']:>10,} {r['links']:>9,} {r['model_mb']:>9.0f} {r['peak_mb']:>9.0f} "
            f"{r['peak_mb'] * 1024 / r['components']:>13.1f}  CPU s: {seconds}"
        )
    print("model MB: peak memory once the model is built; peak MB: after every command ran")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("names", nargs="*", default=list(COMMANDS))
    arguments = parser.parse_args()
    names = arguments.names or list(COMMANDS)
    if arguments.one is not None:
        print(json.dumps(measure(arguments.one, names)))
        return
    chosen = "" if names == list(COMMANDS) else " ".join(names) + " "
    sizes = " ".join(map(str, arguments.sizes))
    print(f"command: python -m benchmarks.commands {chosen}--sizes {sizes}")
    report([run_size(size, names) for size in arguments.sizes], names)


if __name__ == "__main__":
    main()
