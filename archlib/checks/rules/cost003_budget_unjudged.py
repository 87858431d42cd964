"""COST003: a budget the estimate cannot judge, because some components have no price."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    budget = context.model.budget
    if budget is None:
        return
    estimate = context.cost_estimate
    if not estimate.partial:
        return
    shown = "; ".join(estimate.unpriced[:2]) + ("; ..." if len(estimate.unpriced) > 2 else "")
    yield RULE.finding(
        f"budget ${budget.monthly_usd:,.2f} not judged: {len(estimate.unpriced)} "
        f"component(s) not priced ({shown})",
        location=("budget", "monthly_usd"),
    )


RULE = Rule(
    id="COST003",
    category="cost",
    severity="warning",
    title="Budget not judged: the estimate is partial",
    rationale=(
        "Some components have no price for the model's region, engine or class, so the "
        "total leaves them out: comparing it with the budget would pass a design that may "
        "be over it."
    ),
    remediation=(
        "Get prices for the region (`archlib prices refresh --region R`, or `--prices FILE`) "
        "or choose a class the catalogue prices; `archlib cost MODEL` lists what is missing."
    ),
    check=_check,
)
