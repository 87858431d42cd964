"""CAP004: an Auto Scaling group whose maximum is below what the peak needs."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule


def _check(context: CheckContext) -> Iterator[Finding]:
    report = context.capacity
    if report is None:
        return
    for use in report.components:
        if use.needed_units is None or use.units is None or use.needed_units <= use.units:
            continue
        yield RULE.finding(
            f"{use.id}: the peak needs {use.needed_units} instances at the "
            f"{report.utilisation_limit:.0%} utilisation limit; the group's max is {use.units}",
            component=use.id,
        )


RULE = Rule(
    id="CAP004",
    category="capacity",
    severity="warning",
    title="Autoscaling maximum below what the peak needs",
    rationale=(
        "An Auto Scaling group never grows past its max: at the peak it stops adding "
        "instances while their utilisation keeps climbing past the limit."
    ),
    remediation="Raise the group's `autoscaling.max`, or use a larger instance type.",
    check=_check,
)
