"""What an estimate is: components, their cost lines (quantity x unit price) and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archlib.cost.pricelist import Price

if TYPE_CHECKING:
    from archlib.cost.figures import FigureBasis
    from archlib.model.provenance import Provenance


@dataclass(frozen=True)
class CostLine:
    """One cost component: a monthly quantity, the price it is charged at, and why."""

    name: str
    quantity: float
    price: Price
    basis: str
    """How the quantity was derived, in words, so every assumption is on the page."""
    usage_based: bool = False
    """The quantity follows traffic or a usage figure, not what is provisioned."""
    allocated_usd: float | None = None
    """This line's part of a tiered rate walked once across the account's lines."""

    @property
    def unit(self) -> str:
        return self.price.unit

    @property
    def monthly_usd(self) -> float:
        if self.allocated_usd is not None:
            return self.allocated_usd
        return self.price.cost(self.quantity)

    @property
    def unit_price(self) -> float:
        """The flat rate, or the effective average rate across the tiers used."""
        if self.price.flat or self.quantity == 0:
            return self.price.first_rate
        return self.monthly_usd / self.quantity

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "quantity": self.quantity,
            "unit": self.unit,
            "unit_price_usd": self.unit_price,
            "tiered": not self.price.flat,
            "monthly_usd": self.monthly_usd,
            "usage_based": self.usage_based,
            "basis": self.basis,
            "price": {
                "service": self.price.query.service,
                "product_family": self.price.query.family,
                "attributes": dict(self.price.query.attributes),
                "sku": self.price.sku,
                "sku_available": self.price.sku_available,
                "description": self.price.description,
                "source": dict(self.price.source),
            },
        }


@dataclass(frozen=True)
class ComponentCost:
    id: str
    kind: str
    label: str
    lines: tuple[CostLine, ...]
    note: str | None = None

    @property
    def monthly_usd(self) -> float:
        return sum(line.monthly_usd for line in self.lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "monthly_usd": self.monthly_usd,
            "note": self.note,
            "lines": [line.as_dict() for line in self.lines],
        }


@dataclass(frozen=True)
class CostEstimate:
    model: str
    title: str
    region: str
    price_date: str | None
    """When the prices were published; None when the region has no snapshot to price from."""
    price_origin: str
    requests_per_month: float
    components: tuple[ComponentCost, ...]
    assumptions: tuple[str, ...] = field(default=())
    not_priced: tuple[str, ...] = field(default=())
    """Charges the model implies that archlib cannot price, in words."""
    unpriced: tuple[str, ...] = field(default=())
    """Components with no price in the book (a region, engine or class without a rate),
    each with the reason: the total leaves them out and is partial."""
    figures: tuple[FigureBasis, ...] = field(default=())
    """The traffic figures the lines rest on, each with its basis or "assumed"."""
    coverage: Provenance | None = None
    """The template the model was imported from: its resources the estimate cannot include."""

    @property
    def prices(self) -> str:
        """The prices in a heading's words: their snapshot's date, or that there are none."""
        if self.price_date is None:
            return f"no prices for {self.region}"
        return f"prices published {self.price_date}"

    @property
    def price_source(self) -> str:
        """Where the prices come from, as a sentence: the snapshot, or how to get one."""
        if self.price_date is None:
            return f"{self.price_origin[:1].upper()}{self.price_origin[1:]}."
        return (
            f"AWS on-demand prices for {self.region}, {self.price_origin} published "
            f"{self.price_date}."
        )

    @property
    def partial(self) -> bool:
        return bool(self.unpriced) or bool(self.coverage and self.coverage.not_modelled)

    @property
    def monthly_usd(self) -> float:
        return sum(component.monthly_usd for component in self.components)

    @property
    def usage_monthly_usd(self) -> float:
        return sum(
            line.monthly_usd for c in self.components for line in c.lines if line.usage_based
        )

    @property
    def fixed_monthly_usd(self) -> float:
        return self.monthly_usd - self.usage_monthly_usd

    @property
    def usage_share(self) -> float:
        """The part of the estimate that depends on usage, 0 to 1."""
        return self.usage_monthly_usd / self.monthly_usd if self.monthly_usd else 0.0

    @property
    def usd_per_million_requests(self) -> float | None:
        if not self.requests_per_month:
            return None
        return self.monthly_usd / self.requests_per_month * 1_000_000

    def component(self, component_id: str) -> ComponentCost:
        for component in self.components:
            if component.id == component_id:
                return component
        raise KeyError(component_id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "title": self.title,
            "region": self.region,
            "prices_published": self.price_date,
            "prices_origin": self.price_origin,
            "requests_per_month": self.requests_per_month,
            "monthly_usd": self.monthly_usd,
            "fixed_monthly_usd": self.fixed_monthly_usd,
            "usage_monthly_usd": self.usage_monthly_usd,
            "usd_per_million_requests": self.usd_per_million_requests,
            "assumptions": list(self.assumptions),
            "not_priced": list(self.not_priced),
            "partial": self.partial,
            "unpriced": list(self.unpriced),
            "figures": [figure.as_dict() for figure in self.figures],
            **({"coverage": self.coverage.summary()} if self.coverage else {}),
            "components": [component.as_dict() for component in self.components],
        }
