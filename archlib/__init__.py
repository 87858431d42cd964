"""archlib: one typed model of a system's architecture, drawn, checked, priced and deployed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archlib.errors import InputError
from archlib.loader import load, load_text, save
from archlib.model import Architecture

if TYPE_CHECKING:
    from archlib.cost import CostEstimate, PriceBook

__all__ = ["Architecture", "InputError", "estimate_cost", "load", "load_text", "save"]
__version__ = "0.1.0"


def estimate_cost(model: Architecture, prices: PriceBook | None = None) -> CostEstimate:
    """Monthly on-demand cost of a model, from the bundled price snapshot unless given one."""
    from archlib.cost import estimate

    return estimate(model, prices)
