"""CAP002: a component over the model's utilisation limit at peak, short of saturation."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    report = context.capacity
    if report is None:
        return
    limit = report.utilisation_limit
    for use in report.components:
        if not use.limited or use.utilisation is None or not limit < use.utilisation < 1:
            continue
        yield RULE.finding(
            f"{use.id}: {use.utilisation:.0%} utilised at the peak, over the {limit:.0%} "
            f"limit (mostly {use.driver}); it saturates at "
            f"{report.demand.users / use.utilisation:,.0f} users",
            component=use.id,
        )


RULE = Rule(
    id="CAP002",
    category="capacity",
    severity="warning",
    title="Over the utilisation limit at peak",
    rationale=(
        "A component run close to its capacity at peak has no room for a spike, a slow "
        "dependency or a lost instance; response times rise steeply before saturation."
    ),
    remediation=(
        "Add capacity or take load off the component; or, where the margin is accepted, "
        "raise `checks.utilisation_limit` or suppress the finding with a justification."
    ),
    check=_check,
)
