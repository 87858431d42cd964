"""The root of a model: one stage of a system's architecture."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, NamedTuple, TypeVar

from pydantic import Field, ModelWrapValidatorHandler, ValidationInfo, model_validator

from archlib.model.base import Identifier, Label, StrictModel, Title
from archlib.model.components import (
    KIND_NAMES,
    Component,
    ComponentBase,
    ComputeTier,
    Dns,
    Host,
    NatGateway,
    PlacedComponent,
    RelationalDatabase,
    field_or,
)
from archlib.model.links import Link
from archlib.model.network import Network, Subnet
from archlib.model.operations import Operations
from archlib.model.policy import Budget, ChecksPolicy
from archlib.model.provenance import Provenance
from archlib.model.text import TEXT_CHECKED, has_text_problem, refuse_text
from archlib.model.traffic import TrafficProfile
from archlib.model.validation import ProblemCollector

C = TypeVar("C", bound=ComponentBase)


def placement_subnets(
    component: ComponentBase,
    component_by_id: Callable[[str], ComponentBase],
    subnet_by_id: Callable[[str], Subnet],
) -> list[Subnet]:
    """Where a component's network interfaces are: its host's subnets when it shares one."""
    host_id = field_or(component, "host")
    if host_id is not None:
        component = component_by_id(host_id)
    if isinstance(component, NatGateway):
        return [subnet_by_id(component.subnet)]
    if isinstance(component, PlacedComponent):
        return [subnet_by_id(s) for s in component.subnets]
    return []


def azs_in_order(azs: list[str], subnets: list[Subnet]) -> list[str]:
    used = {subnet.az for subnet in subnets}
    return [az for az in azs if az in used]


def _replica_cycles(components: list[Component]) -> list[tuple[int, list[str]]]:
    """Replica sets whose chain of `replica_of` comes back to them, each with its chain."""
    source = {
        c.id: c.replica_of
        for c in components
        if isinstance(c, RelationalDatabase) and c.replica_of is not None
    }
    cycles = []
    for index, component in enumerate(components):
        if component.id not in source:
            continue
        chain = [component.id]
        current: str | None = source[component.id]
        while current is not None and current not in chain and len(chain) <= len(source):
            chain.append(current)
            current = source.get(current)
        if current == component.id:
            cycles.append((index, [*chain, component.id]))
    return cycles


class _Positions(NamedTuple):
    """Where each component id first appears, for the component list it was built from."""

    components: list[Component]
    length: int
    position: dict[str, int]

    @classmethod
    def of(cls, components: list[Component]) -> _Positions:
        position: dict[str, int] = {}
        for index, component in enumerate(components):
            position.setdefault(component.id, index)
        return cls(components, len(components), position)

    def describes(self, components: list[Component]) -> bool:
        return self.components is components and self.length == len(components)


class Stage(StrictModel):
    """Where the model sits in a series of designs that evolve into one another."""

    series: str = Field(description="The series, e.g. scaling-aws.")
    number: int = Field(ge=1, description="Position in the series, from 1.")
    name: Label = Field(description="e.g. Users++.")
    bottleneck: str | None = Field(
        default=None, description="The bottleneck this stage's own load tests expose."
    )


class Architecture(StrictModel):
    name: Identifier = Field(description="Machine name: file names and stack names derive from it.")
    title: Title = Field(description="Human title for reports and diagrams.")
    description: str = Field(default="", description="The stage's assumptions and choices.")
    stage: Stage | None = Field(default=None, description="Place in a series of stages.")
    region: str = Field(
        default="us-east-1", pattern=r"^[a-z]{2}(-[a-z]+)+-\d$", description="AWS region."
    )
    traffic: TrafficProfile = Field(description="The load the design must carry.")
    network: Network = Field(description="The VPC, its AZs and subnets.")
    components: list[Component] = Field(
        min_length=1, description="The parts of the system, each with a `kind`."
    )
    links: list[Link] = Field(default_factory=list, description="Who calls whom.")
    operations: Operations = Field(
        default_factory=Operations, description="Monitoring and operations."
    )
    checks: ChecksPolicy = Field(
        default_factory=ChecksPolicy, description="Severity overrides and suppressions."
    )
    budget: Budget | None = Field(default=None, description="Monthly spending limit.")
    imported: Provenance | None = Field(
        default=None,
        description="The template the model was read from, and what of it the model leaves out.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _printable_text(
        cls, data: Any, handler: ModelWrapValidatorHandler[Architecture], info: ValidationInfo
    ) -> Architecture:
        """After the fields' own checks, whose messages are the more precise (a label's
        length limit, say), every string of the input."""
        model = handler(data)
        checked = isinstance(info.context, dict) and info.context.get(TEXT_CHECKED, False)
        if not checked and has_text_problem(data):
            refuse_text(data, (), cls.__name__)
        return model

    @model_validator(mode="after")
    def _references_resolve(self) -> Architecture:
        problems = ProblemCollector()
        ids: dict[str, int] = {}
        for index, component in enumerate(self.components):
            if component.id in ids:
                problems.add(
                    ("components", index, "id"),
                    "duplicate_id",
                    f"duplicate component id {component.id!r} "
                    f"(first used by components[{ids[component.id]}])",
                )
            ids.setdefault(component.id, index)
        subnet_ids = {subnet.id: subnet for subnet in self.network.subnets}

        def expect(
            loc: tuple[str | int, ...], ref: str, kinds: tuple[type[ComponentBase], ...] = ()
        ) -> None:
            if ref not in ids:
                problems.add(loc, "unknown_component", f"no component with id {ref!r}")
                return
            target = self.components[ids[ref]]
            if kinds and not isinstance(target, kinds):
                wanted = " or ".join(KIND_NAMES[k] for k in kinds)
                problems.add(loc, "wrong_kind", f"{ref!r} is a {target.kind}, expected a {wanted}")

        for index, subnet in enumerate(self.network.subnets):
            if subnet.nat_gateway is not None:
                expect(
                    ("network", "subnets", index, "nat_gateway"), subnet.nat_gateway, (NatGateway,)
                )

        for index, component in enumerate(self.components):
            where = ("components", index)
            if isinstance(component, PlacedComponent):
                for s_index, subnet_id in enumerate(component.subnets):
                    if subnet_id not in subnet_ids:
                        problems.add(
                            (*where, "subnets", s_index),
                            "unknown_subnet",
                            f"no subnet with id {subnet_id!r}",
                        )
                for r_index, rule in enumerate(component.ingress):
                    if rule.source_kind == "component":
                        expect((*where, "ingress", r_index, "source"), rule.source)
            if isinstance(component, NatGateway):
                nat_subnet = subnet_ids.get(component.subnet)
                if nat_subnet is None:
                    problems.add(
                        (*where, "subnet"), "unknown_subnet", f"no subnet {component.subnet!r}"
                    )
                elif nat_subnet.type != "public":
                    problems.add(
                        (*where, "subnet"),
                        "nat_in_private_subnet",
                        f"a NAT gateway must sit in a public subnet; {nat_subnet.id!r} is private",
                    )
            if isinstance(component, ComputeTier | RelationalDatabase) and component.host:
                expect((*where, "host"), component.host, (Host,))
            if isinstance(component, RelationalDatabase) and component.replica_of:
                expect((*where, "replica_of"), component.replica_of, (RelationalDatabase,))
            if isinstance(component, Dns):
                for r_index, record in enumerate(component.records):
                    expect((*where, "records", r_index, "target"), record.target)

        for index, cycle in _replica_cycles(self.components):
            problems.add(
                ("components", index, "replica_of"),
                "replica_cycle",
                "a replica set cannot copy itself: " + " -> ".join(cycle),
            )

        seen_links: dict[tuple[str, str, int | None], int] = {}
        for index, link in enumerate(self.links):
            expect(("links", index, "source"), link.source)
            expect(("links", index, "target"), link.target)
            if link.source == link.target:
                problems.add(
                    ("links", index, "target"), "self_link", "a link cannot loop to its source"
                )
            identity = (link.source, link.target, link.port)
            if identity in seen_links:
                problems.add(
                    ("links", index),
                    "duplicate_link",
                    f"duplicate link {link.key} (same as links[{seen_links[identity]}])",
                )
            seen_links.setdefault(identity, index)

        link_keys = {link.key for link in self.links}
        for index, suppression in enumerate(self.checks.suppressions):
            if suppression.component is not None:
                expect(("checks", "suppressions", index, "component"), suppression.component)
            if suppression.link is not None and suppression.link not in link_keys:
                problems.add(
                    ("checks", "suppressions", index, "link"),
                    "unknown_link",
                    f"no link {suppression.link!r}",
                )
        problems.raise_if_any(type(self).__name__)
        return self

    # Look-ups used by checks and exporters.

    def component(self, component_id: str) -> Component:
        """The component with this id, found through an index of positions.

        The index is rebuilt when the component list is replaced or changes length, and every
        hit is checked against the list, so a model changed in place still answers right.
        """
        positions = self._positions
        if not positions.describes(self.components):
            positions = _Positions.of(self.components)
            self.__dict__["_positions"] = positions
        index = positions.position.get(component_id)
        if index is not None and self.components[index].id == component_id:
            return self.components[index]
        for component in self.components:
            if component.id == component_id:
                return component
        raise KeyError(component_id)

    @cached_property
    def _positions(self) -> _Positions:
        return _Positions.of(self.components)

    def of_type(self, cls: type[C]) -> Iterator[C]:
        return (c for c in self.components if isinstance(c, cls))

    def subnets_of(self, component: ComponentBase) -> list[Subnet]:
        """The subnets a component's interfaces sit in, following a shared host.

        Scans the model; `ArchitectureGraph` answers the same from indexes."""
        return placement_subnets(component, self.component, self.network.subnet)

    def azs_of(self, component: ComponentBase) -> list[str]:
        """AZs in the network's order, so output never depends on set iteration."""
        return azs_in_order(self.network.azs, self.subnets_of(component))

    def links_from(self, component_id: str) -> list[Link]:
        return [link for link in self.links if link.source == component_id]

    def links_to(self, component_id: str) -> list[Link]:
        return [link for link in self.links if link.target == component_id]

    def hosted_on(self, host_id: str) -> list[Component]:
        return [c for c in self.components if field_or(c, "host") == host_id]

    # Notebook display: the model shows as its diagram; the renderer is imported only then.

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        from archlib.drawing.notebook import mimebundle

        return mimebundle(self)

    def _repr_svg_(self) -> str | None:
        from archlib.drawing.notebook import svg_or_none

        return svg_or_none(self)
