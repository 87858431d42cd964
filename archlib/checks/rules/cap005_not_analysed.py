"""CAP005: the capacity analysis could not run, so no capacity rule could judge the model."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    if context.capacity_error is not None:
        yield RULE.finding(f"capacity not analysed: {context.capacity_error}")


RULE = Rule(
    id="CAP005",
    category="capacity",
    severity="warning",
    title="Capacity could not be analysed",
    rationale=(
        "The capacity table has no figure for something the model uses (an instance family "
        "or size), so saturation and AZ-failure findings are missing, not absent."
    ),
    remediation="Add the missing figure with `archlib capacity --assumptions FILE`.",
    check=_check,
)
