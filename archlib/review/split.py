"""Which part of a monthly estimate is fixed and which grows with use."""

from __future__ import annotations

from archlib.cost import CostEstimate, CostLine

USAGE_UNITS = frozenset(
    {"Requests", "Queries", "GB", "LCU-Hrs", "ReadRequestUnits", "WriteRequestUnits"}
)
"""Units AWS charges per request or per gigabyte moved: the bill follows the traffic. The rest
(instance, node and gateway hours, provisioned or stored gigabyte-months) is paid for the
month whatever the traffic."""


def usage_based(line: CostLine) -> bool:
    """The estimator's own flag when it sets one; otherwise the line's billing unit decides."""
    flag = getattr(line, "usage_based", None)
    if isinstance(flag, bool):
        return flag
    return line.unit in USAGE_UNITS


def fixed_and_usage(estimate: CostEstimate) -> tuple[float, float]:
    """Monthly dollars (fixed, usage-based); they sum to the estimate's total."""
    usage = sum(
        line.monthly_usd
        for component in estimate.components
        for line in component.lines
        if usage_based(line)
    )
    return estimate.monthly_usd - usage, usage
