"""COST001: the design's estimated monthly cost exceeds the budget the model states."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    if context.model.budget is None:
        return
    from archlib.cost import budget_status

    estimate = context.cost_estimate
    if estimate.partial:
        return  # COST003 says it cannot be judged
    status = budget_status(context.model, estimate)
    if status is not None and status.over:
        yield RULE.finding(
            f"{status.message()}: ${status.overrun_usd:,.2f} over",
            location=("budget", "monthly_usd"),
        )


RULE = Rule(
    id="COST001",
    category="cost",
    severity="error",
    title="Estimated cost over budget",
    rationale=(
        "A budget in the model is the spending the design was approved for; a change that "
        "prices above it should be seen in review, not on the next invoice."
    ),
    remediation=(
        "Run `archlib cost MODEL` to see which components and line items drive the total; "
        "resize or autoscale them, or raise the budget with the approval it needs."
    ),
    check=_check,
)
