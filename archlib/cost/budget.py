"""The model's monthly budget against an estimate: what a `cost` check reports on."""

from __future__ import annotations

from dataclasses import dataclass

from archlib.cost.estimate import CostEstimate
from archlib.model import Architecture


@dataclass(frozen=True)
class BudgetStatus:
    budget_usd: float
    estimate_usd: float

    @property
    def over(self) -> bool:
        return self.estimate_usd > self.budget_usd

    @property
    def overrun_usd(self) -> float:
        return max(0.0, self.estimate_usd - self.budget_usd)

    @property
    def used_share(self) -> float:
        return self.estimate_usd / self.budget_usd

    def message(self) -> str:
        verdict = "over" if self.over else "within"
        return (
            f"estimated ${self.estimate_usd:,.2f} a month is {verdict} the budget of "
            f"${self.budget_usd:,.2f} ({self.used_share:.0%})"
        )


def budget_status(model: Architecture, estimate: CostEstimate | None = None) -> BudgetStatus | None:
    """`None` when the model states no budget; otherwise how the estimate compares.

    A `cost` check rule calls this and reports a finding when `.over` is true, using
    `.message()`; pass an estimate already computed to avoid pricing the model twice.
    """
    if model.budget is None:
        return None
    if estimate is None:
        from archlib.cost.estimator import estimate as price

        estimate = price(model)
    return BudgetStatus(model.budget.monthly_usd, estimate.monthly_usd)
