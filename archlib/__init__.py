"""archlib: one typed model of a system's architecture, drawn, checked, priced and deployed.

Names are imported on first use, so `archlib --help` does not pay for pydantic or networkx.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping

    from archlib.capacity import analyse_capacity
    from archlib.checks import CheckResult
    from archlib.cost import CostEstimate, PriceBook
    from archlib.errors import InputError
    from archlib.loader import load, load_text, save
    from archlib.model import Architecture

__version__ = "0.1.0"

_LAZY = {
    "Architecture": "archlib.model",
    "CheckResult": "archlib.checks",
    "CostEstimate": "archlib.cost",
    "PriceBook": "archlib.cost",
    "analyse_capacity": "archlib.capacity",
    "InputError": "archlib.errors",
    "load": "archlib.loader",
    "load_text": "archlib.loader",
    "save": "archlib.loader",
}

__all__ = [
    "Architecture",
    "CheckResult",
    "CostEstimate",
    "InputError",
    "PriceBook",
    "analyse_capacity",
    "check",
    "estimate_cost",
    "load",
    "load_text",
    "render",
    "save",
    "to_cloudformation",
]


def __dir__() -> list[str]:
    """The documented API, so completion in a notebook offers `load`, `check`, ..."""
    return sorted([*__all__, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'archlib' has no attribute {name!r}")


def render(
    model: Architecture,
    formats: Iterable[str] = ("svg",),
    *,
    highlight: Mapping[str, Any] | None = None,
    detail: str | None = None,
    direction: str | None = None,
) -> dict[str, bytes]:
    """The model's diagram as bytes per format (png, svg, dot, mermaid); see archlib.drawing.

    `detail` is "overview", "tiers" or "full"; by default it suits the model's size.
    `direction` is "TB" or "LR"; by default the one closer to landscape."""
    from archlib.drawing import render as render_diagram

    return dict(
        render_diagram(
            model,
            formats,  # type: ignore[arg-type]
            highlight=highlight,
            detail=detail,  # type: ignore[arg-type]
            direction=direction,  # type: ignore[arg-type]
        )
    )


def check(model: Architecture, *, today: dt.date | None = None) -> CheckResult:
    """Run every check on a model: single points of failure and security findings."""
    from archlib.checks import run_checks

    return run_checks(model, today=today)


def estimate_cost(model: Architecture, prices: PriceBook | None = None) -> CostEstimate:
    """Monthly on-demand cost of a model, from the bundled price snapshot unless given one."""
    from archlib.cost import estimate

    return estimate(model, prices)


def to_cloudformation(model: Architecture) -> dict[str, object]:
    """The model's CloudFormation template as data; `archlib.cloudformation.render` prints it."""
    from archlib.cloudformation import to_cloudformation as export

    return export(model)
