"""Levels of detail: what a diagram leaves out so a large model still reads at slide size.

- `full`: every component; autoscaling groups as clusters around their tier.
- `tiers`: every component; a tier and its autoscaling group are one node with its bounds.
- `overview`: no VPC or subnets, no NAT gateways or bastions; internal load balancers fold
  into the links they carry; four or more components of one kind in one place become one
  node with their count.
"""

from __future__ import annotations

from typing import Literal

from archlib.model import Architecture, Bastion, ComponentBase, LoadBalancer, NatGateway

Detail = Literal["overview", "tiers", "full"]
DETAILS: tuple[Detail, ...] = ("overview", "tiers", "full")

OVERVIEW_ABOVE = 30
"""Components above which a diagram is drawn as an overview unless a level is asked for.

The six reference stages have 6 to 21; an imported stack of a hundred resources has more."""

GROUP_AT = 4
"""Components of one kind in one place drawn as one node in an overview: two or three
(Read API, Write API) still say something apart; four or more are a fleet."""

MAX_LABEL_LINES = 3
"""Lines of purposes an edge shows; the rest are counted (`+2 more`)."""


def choose(model: Architecture, detail: Detail | None) -> Detail:
    """The asked level, or the one that suits the model's size."""
    if detail is not None:
        if detail not in DETAILS:
            raise ValueError(f"unknown detail {detail!r}; use one of {', '.join(DETAILS)}")
        return detail
    return "overview" if len(model.components) > OVERVIEW_ABOVE else "tiers"


def is_plumbing(component: ComponentBase) -> bool:
    """Infrastructure an overview leaves out: it carries traffic but is not a tier."""
    return isinstance(component, NatGateway | Bastion)


def folds_into_links(component: ComponentBase, has_targets: bool) -> bool:
    """An internal load balancer in an overview: its callers link straight to its targets."""
    return isinstance(component, LoadBalancer) and component.scheme == "internal" and has_targets
