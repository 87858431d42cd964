"""What every part of the exporter looks up: the model, its graph and the template so far."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from archlib.cloudformation.intrinsics import Node, get_att, ref, sub
from archlib.cloudformation.naming import pascal
from archlib.cloudformation.template import Template
from archlib.model import (
    Architecture,
    ArchitectureGraph,
    Component,
    ComponentBase,
    LoadBalancer,
    PlacedComponent,
    RelationalDatabase,
)


@dataclass(frozen=True)
class ExportContext:
    model: Architecture
    graph: ArchitectureGraph
    template: Template

    @classmethod
    def of(cls, model: Architecture, template: Template) -> ExportContext:
        return cls(model, ArchitectureGraph.of(model), template)

    @cached_property
    def instance_owners(self) -> tuple[ComponentBase, ...]:
        """Hosts and tiers on instances of their own, with a security group: found once."""
        from archlib.cloudformation.endpoints import find_instance_owners

        return tuple(find_instance_owners(self))

    @cached_property
    def interface_services(self) -> tuple[str, ...]:
        """The AWS APIs the VPC's interface endpoints serve: decided once per export."""
        from archlib.cloudformation.endpoints import find_interface_services

        return tuple(find_interface_services(self))

    @cached_property
    def replicated(self) -> frozenset[str]:
        """RDS primaries with exported read replicas: found once, not per database."""
        from archlib.model import RelationalDatabase

        return frozenset(
            c.replica_of
            for c in self.model.of_type(RelationalDatabase)
            if c.replica_of is not None and c.host is None
        )

    @cached_property
    def database_engines(self) -> frozenset[str]:
        """The engines of the model's RDS databases (not those on a host)."""
        from archlib.model import RelationalDatabase

        return frozenset(d.engine for d in self.model.of_type(RelationalDatabase) if d.host is None)

    def owner(self, component: ComponentBase) -> Component:
        """The component whose network placement this one shares: its host, or itself."""
        host = getattr(component, "host", None)
        return self.model.component(host) if host else self.model.component(component.id)

    def has_guard(self, component: ComponentBase) -> bool:
        """True when the component (or its host) gets a security group of its own."""
        owner = self.owner(component)
        return (
            isinstance(owner, PlacedComponent)
            and bool(owner.subnets)
            and not self.resolves_by_dns(owner)
        )

    def resolves_by_dns(self, component: ComponentBase) -> bool:
        """A network load balancer in front of RDS read replicas becomes private DNS records.

        RDS gives replicas no fixed addresses to register as targets; DNS names follow them.
        """
        if not isinstance(component, LoadBalancer) or component.type != "network":
            return False
        targets = [
            self.model.component(link.target)
            for link in self.graph.outgoing[component.id]
            if link.mode != "replication"
        ]
        return bool(targets) and all(
            isinstance(t, RelationalDatabase) and t.replica_of is not None and t.host is None
            for t in targets
        )

    def downstream(self, component: ComponentBase) -> list[Component]:
        """What the component connects to, looking through balancers that are DNS records."""
        found: list[Component] = []
        for link in self.graph.outgoing[component.id]:
            if link.mode == "replication":
                continue
            target = self.model.component(link.target)
            if self.resolves_by_dns(target):
                found += [
                    self.model.component(inner.target)
                    for inner in self.graph.outgoing[target.id]
                    if inner.mode != "replication"
                ]
            else:
                found.append(target)
        return found

    def guard_id(self, component: ComponentBase) -> str:
        return f"{pascal(self.owner(component).id)}SecurityGroup"

    def guard_ref(self, component: ComponentBase) -> Node:
        return get_att(self.guard_id(component), "GroupId")

    def subnet_refs(self, component: ComponentBase) -> list[Node]:
        return [ref(subnet_logical_id(s.id)) for s in self.model.subnets_of(component)]

    def name_tag(self, component_id: str) -> list[dict[str, Any]]:
        return [{"Key": "Name", "Value": sub(f"${{EnvironmentName}}-{component_id}")}]

    def deploys_balancer(self, balancer: ComponentBase) -> bool:
        """ELB needs subnets; an application load balancer needs them in two AZs or more."""
        if not isinstance(balancer, LoadBalancer) or not balancer.subnets:
            return False
        return balancer.type == "network" or len(self.model.azs_of(balancer)) >= 2


def subnet_logical_id(subnet_id: str) -> str:
    return f"Subnet{pascal(subnet_id)}"
