"""SPOF005: several components share one host."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Host


def _check(context: CheckContext) -> Iterator[Finding]:
    for host in context.model.of_type(Host):
        residents = context.residents.get(host.id, [])
        if len(residents) < 2 or host.id in context.unredundant_chokepoints:
            continue  # SPOF001 reports the host with what it runs
        yield RULE.finding(
            f"{host.id} runs {', '.join(residents)} together: they fail together and cannot "
            "be scaled apart",
            component=host.id,
            others=residents,
        )


RULE = Rule(
    id="SPOF005",
    category="spof",
    severity="error",
    title="Components co-located on one host",
    rationale=(
        "Components on one host share its failure: a crash, a full disk or a reboot takes "
        "all of them down, and one can starve the others of memory and CPU."
    ),
    remediation=(
        "Give each tier its own instances; move the database to a managed service (RDS) and "
        "the web tier to instances of its own."
    ),
    check=_check,
)
