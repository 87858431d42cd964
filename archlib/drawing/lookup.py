"""The model's look-ups by id, built once, so drawing stays linear in the model's size."""

from __future__ import annotations

from archlib.model import Architecture, ComponentBase
from archlib.model.architecture import azs_in_order, placement_subnets
from archlib.model.links import Link
from archlib.model.network import Subnet


class ModelIndex:
    """The model's look-ups by id, built once: components, subnets, links by caller."""

    def __init__(self, model: Architecture) -> None:
        self.model = model
        self.components = {c.id: c for c in model.components}
        self.subnets = {s.id: s for s in model.network.subnets}
        self._placed: dict[str, list[Subnet]] = {}
        self._tier_labels: dict[str, str] = {}
        self.targets: dict[str, list[Link]] = {}
        for link in model.links:
            self.targets.setdefault(link.source, []).append(link)

    def subnets_of(self, component: ComponentBase) -> list[Subnet]:
        if component.id not in self._placed:
            self._placed[component.id] = placement_subnets(
                component, self.components.__getitem__, self.subnets.__getitem__
            )
        return self._placed[component.id]

    def tier_label(self, tier: str) -> str:
        if not self._tier_labels:
            tiers: dict[str, list[Subnet]] = {}
            for subnet in self.model.network.subnets:
                tiers.setdefault(tier_of(subnet), []).append(subnet)
            for name, members in tiers.items():
                self._tier_labels[name] = tier_label_of(name, members)
        return self._tier_labels[tier]

    def tier_kind(self, tier: str) -> str:
        """public, private, or mixed when the tier's subnets are of both types."""
        types = {s.type for s in self.model.network.subnets if tier_of(s) == tier}
        return types.pop() if len(types) == 1 else "mixed"

    def azs_of(self, component: ComponentBase) -> list[str]:
        return azs_in_order(self.model.network.azs, self.subnets_of(component))


def tier_of(subnet: Subnet) -> str:
    """`app-a` in AZ `a` belongs to tier `app`; a name without the AZ suffix is its own tier."""
    suffix = f"-{subnet.az}"
    return subnet.id[: -len(suffix)] if subnet.id.endswith(suffix) else subnet.id


def tier_label_of(tier: str, members: list[Subnet]) -> str:
    types = {s.type for s in members}
    kind = types.pop() if len(types) == 1 else "mixed"
    noun = "subnet" if len(members) == 1 else "subnets"
    cidrs = ", ".join(f"{s.az}: {s.cidr}" for s in members)
    described = f"{kind} {noun} ({cidrs})"
    return described if tier == kind else f"{tier}: {described}"
