"""Which assumption decides the bill: the total with each figure at the low and the high end
of its range, the rest held, largest swing first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from archlib.cost.estimate import CostEstimate
from archlib.cost.figures import FIGURES, Figure
from archlib.model import Architecture


@dataclass(frozen=True)
class Swing:
    key: str
    label: str
    value: float
    basis: str
    low: float
    high: float
    total: float
    total_at_low: float
    total_at_high: float

    @property
    def spread(self) -> float:
        return abs(self.total_at_high - self.total_at_low)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "value": self.value,
            "basis": self.basis,
            "low": self.low,
            "high": self.high,
            "monthly_usd": self.total,
            "monthly_usd_at_low": self.total_at_low,
            "monthly_usd_at_high": self.total_at_high,
            "spread_usd": self.spread,
        }


def _swing(
    model: Architecture,
    figure: Figure,
    total: float,
    price: Callable[[Architecture], CostEstimate],
) -> Swing:
    low, high = figure.range(model)
    return Swing(
        figure.key,
        figure.label,
        figure.value(model),
        figure.basis(model),
        low,
        high,
        total,
        price(figure.at(model, low)).monthly_usd,
        price(figure.at(model, high)).monthly_usd,
    )


def sensitivity(
    model: Architecture, price: Callable[[Architecture], CostEstimate]
) -> tuple[Swing, ...]:
    """`price` estimates a model with the caller's prices and usage figures."""
    total = price(model).monthly_usd
    swings = [_swing(model, figure, total, price) for figure in FIGURES]
    return tuple(sorted(swings, key=lambda swing: (-round(swing.spread, 2), swing.key)))
