"""The assumptions table as a Markdown page, so the docs cannot drift from the data."""

from __future__ import annotations

from archlib.capacity.assumptions import Assumptions

TITLES = {
    "compute_roles": "Web and application servers (per vCPU of the reference family m6i)",
    "instance_families": "Instance families (throughput per vCPU relative to m6i)",
    "database": "MySQL (RDS or self-managed)",
    "cache": "Memory cache (ElastiCache Redis, Valkey or memcached)",
    "managed": "Managed services and their quotas",
}


def _value(value: float | None) -> str:
    if value is None:
        return "no fixed limit"
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


def assumptions_markdown(table: Assumptions) -> str:
    lines = [
        "# Capacity assumptions",
        "",
        "Generated from `archlib/capacity/assumptions.yaml` by `archlib docs` (`make run`);",
        "do not edit by hand.",
        "Override any entry with `archlib capacity --assumptions FILE` (see capacity.md).",
    ]
    for section, entries in table.entries.items():
        lines += ["", f"## {TITLES.get(section, section)}", ""]
        lines += ["| assumption | value | unit | basis |", "|---|---|---|---|"]
        for entry in entries.values():
            basis = entry.basis.replace("|", "\\|")
            lines.append(
                f"| `{section}.{entry.name}` | {_value(entry.value)} | {entry.unit} | {basis} |"
            )
    return "\n".join(lines) + "\n"
