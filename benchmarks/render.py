"""How long drawing takes, measured as a user meets it: whole `archlib render` processes.

Run: python -m benchmarks.render
Prints wall-clock seconds for all six reference stages (PNG + SVG, and DOT + Mermaid alone),
the command's start-up for comparison, and how SVG time grows with the number of components.
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
REPEATS = 3


def _seconds(command: list[str]) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "archlib", *args]


def synthetic_model(tiers: int) -> str:
    """A client, a load balancer and `tiers` app tiers, each with its own database."""
    components = [
        "  - {id: users, kind: client}",
        "  - {id: lb, kind: load_balancer, subnets: [public-a, public-b]}",
    ]
    links = ["  - {source: users, target: lb}"]
    for n in range(tiers):
        components.append(
            f"  - {{id: app-{n}, kind: app_server, instance_type: m6i.large, count: 2,"
            " subnets: [app-a, app-b]}"
        )
        components.append(
            f"  - {{id: db-{n}, kind: relational_database, instance_class: db.m6i.large,"
            " multi_az: true, subnets: [data-a, data-b]}"
        )
        links.append(f"  - {{source: lb, target: app-{n}}}")
        links.append(f"  - {{source: app-{n}, target: db-{n}}}")
    subnets = [
        f"    - {{id: {tier}-{az}, cidr: 10.0.{i * 2 + j}.0/24, az: {az}, type: {kind}}}"
        for i, (tier, kind) in enumerate(
            (("public", "public"), ("app", "private"), ("data", "private"))
        )
        for j, az in enumerate("ab")
    ]
    return "\n".join(
        [
            f"name: synthetic-{tiers}",
            f"title: Synthetic, {tiers} tiers",
            "traffic: {users: 1000, reads_per_month: 1000000, writes_per_month: 10000}",
            "network:",
            "  azs: [a, b]",
            "  subnets:",
            *subnets,
            "components:",
            *components,
            "links:",
            *links,
            "",
        ]
    )


def main() -> None:
    if shutil.which("dot") is None:
        sys.exit("benchmarks.render needs Graphviz `dot`")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        startup = _seconds(_cli("--help"))
        text = _seconds(_cli("render", str(MODELS), "-o", str(out), "-f", "dot", "-f", "mermaid"))
        images = _seconds(_cli("render", str(MODELS), "-o", str(out), "-f", "png", "-f", "svg"))
        print(f"archlib --help (start-up)            {startup:6.2f} s")
        print(f"six stages, DOT + Mermaid             {text:6.2f} s")
        print(f"six stages, PNG + SVG                 {images:6.2f} s")
        print(f"  per stage beyond start-up           {(images - startup) / 6:6.2f} s")
        print("\nSVG time by model size (components, seconds, seconds per component):")
        for tiers in (5, 10, 20, 40):
            model = out / f"synthetic-{tiers}.yaml"
            model.write_text(synthetic_model(tiers), encoding="utf-8")
            seconds = _seconds(_cli("render", str(model), "-o", str(out), "-f", "svg"))
            size = 2 + 2 * tiers
            print(f"  {size:4d}  {seconds:6.2f}  {seconds / size:7.4f}")


if __name__ == "__main__":
    main()
