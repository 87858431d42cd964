"""Monthly AWS cost estimates from AWS Price List data, offline by default."""

from archlib.cost.budget import BudgetStatus, budget_status
from archlib.cost.estimate import ComponentCost, CostEstimate, CostLine
from archlib.cost.estimator import estimate
from archlib.cost.pricelist import MissingPriceError, PriceBook

__all__ = [
    "BudgetStatus",
    "ComponentCost",
    "CostEstimate",
    "CostLine",
    "MissingPriceError",
    "PriceBook",
    "budget_status",
    "estimate",
]
