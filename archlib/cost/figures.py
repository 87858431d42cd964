"""The traffic figures a bill rests on: each one's value, why it has that value, and the
range a reviewer should try it at.

A figure the model states is the author's; a default carries its source, or says it is
assumed. The range is what `archlib cost --sensitivity` prices, so the figure that decides
the bill is the one the review argues about.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from archlib.model import Architecture
from archlib.model.text import TEXT_CHECKED
from archlib.model.traffic import STATIC_OBJECT_KB, TrafficProfile

STATED = "stated in the model"


@dataclass(frozen=True)
class Figure:
    path: tuple[str, ...]
    """Where the figure sits under `traffic`, e.g. ("sizes", "static", "response_kb")."""
    label: str
    default: float
    default_basis: str
    low: float
    high: float
    relative: bool = False
    """low and high are factors of the figure's value, not values."""

    @property
    def key(self) -> str:
        return "traffic." + ".".join(self.path)

    def value(self, model: Architecture) -> float:
        node: Any = model.traffic
        for part in self.path:
            node = getattr(node, part)
        return float(node) if node is not None else self.default

    def stated(self, model: Architecture) -> bool:
        node: Any = model.traffic
        for part in self.path[:-1]:
            if part not in node.model_fields_set:
                return False
            node = getattr(node, part)
        return self.path[-1] in node.model_fields_set and getattr(node, self.path[-1]) is not None

    def basis(self, model: Architecture) -> str:
        return STATED if self.stated(model) else self.default_basis

    def range(self, model: Architecture) -> tuple[float, float]:
        """Within what the field accepts, so a stated figure near a bound still varies."""
        value = self.value(model)
        low, high = (
            (value * self.low, value * self.high) if self.relative else (self.low, self.high)
        )
        floor, ceiling = _field_bounds(self.path)
        return min(max(low, floor), ceiling), min(max(high, floor), ceiling)

    def at(self, model: Architecture, value: float) -> Architecture:
        """The same model with this figure at `value`, validated as a user's would be."""
        document = model.model_dump(by_alias=True, exclude_unset=True)
        node = document.setdefault("traffic", {})
        for part in self.path[:-1]:
            node = node.setdefault(part, {})
        node[self.path[-1]] = int(value) if isinstance(self.default, int) else value
        # Only a number changed, so the text the model was built from stands as checked.
        return type(model).model_validate(document, context={TEXT_CHECKED: True})


def _field_bounds(path: tuple[str, ...]) -> tuple[float, float]:
    """The ge/le bounds the model declares for the field at `path` under `traffic`."""
    owner: Any = TrafficProfile
    info = None
    for part in path:
        info = owner.model_fields[part]
        owner = info.annotation
    assert info is not None
    floor, ceiling = -math.inf, math.inf
    for constraint in info.metadata:
        floor = max(floor, float(getattr(constraint, "ge", getattr(constraint, "gt", floor))))
        ceiling = min(ceiling, float(getattr(constraint, "le", getattr(constraint, "lt", ceiling))))
    return floor, ceiling


ASSUMED = "assumed: no source of standing gives it"

FIGURES: tuple[Figure, ...] = (
    Figure(("static_share",), "share of reads that are static objects", 0.5, ASSUMED, 0.25, 0.75),
    Figure(
        ("sizes", "static", "response_kb"),
        "KB per static object",
        STATIC_OBJECT_KB,
        "HTTP Archive Web Almanac 2024 (Page Weight): the median desktop page's image bytes "
        "over its image requests, a ratio of two medians",
        0.5,
        2.0,
        relative=True,
    ),
    Figure(("cdn_hit_rate",), "CDN hit rate on static objects", 0.9, ASSUMED, 0.8, 0.98),
    Figure(("cache_hit_rate",), "memory-cache hit rate on reads", 0.8, ASSUMED, 0.6, 0.95),
    Figure(
        ("requests_per_connection",),
        "requests per load-balancer connection",
        1.0,
        "assumed: a new connection per request, the most capacity units",
        1.0,
        10.0,
    ),
    Figure(("peak_to_average",), "peak over average request rate", 3.0, ASSUMED, 2.0, 5.0),
    Figure(
        ("sizes", "reads", "response_kb"),
        "KB per API read response",
        1.0,
        "the source's 1 KB item",
        0.5,
        4.0,
        relative=True,
    ),
    Figure(
        ("write_size_kb",), "KB per write", 1.0, "the source's 1 KB item", 0.5, 10.0, relative=True
    ),
    Figure(
        ("record_kb",),
        "KB a database keeps per write",
        1.0,
        "the source's 1 KB item",
        0.5,
        4.0,
        relative=True,
    ),
    Figure(("retention_months",), "months content is kept", 36, ASSUMED, 12, 60),
)


@dataclass(frozen=True)
class FigureBasis:
    key: str
    label: str
    value: float
    basis: str

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "value": self.value, "basis": self.basis}

    def sentence(self) -> str:
        return f"{self.key} = {self.value:g} ({self.label}): {self.basis}"


def bases(model: Architecture) -> tuple[FigureBasis, ...]:
    return tuple(
        FigureBasis(figure.key, figure.label, figure.value(model), figure.basis(model))
        for figure in FIGURES
    )
