"""Effective ingress: the rules a component's links imply plus the ones the model states.

Checks and the CloudFormation exporter both read this, so the security groups deployed are
exactly the ones checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from ipaddress import collapse_addresses, ip_network
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from archlib.model.architecture import Architecture
from archlib.model.components import (
    KIND_CLASSES,
    Client,
    ComponentBase,
    ComputeTier,
    Host,
    PlacedComponent,
    RelationalDatabase,
    field_or,
)
from archlib.model.links import Link
from archlib.model.security import INTERNET, IngressRule

if TYPE_CHECKING:
    from ipaddress import IPv4Network, IPv6Network


def link_port(model: Architecture, link: Link, target: ComponentBase | None = None) -> int | None:
    """The port a link uses: its own, else the port its target serves on.

    Pass `target` when it is at hand: looking it up in the model is linear.
    """
    if link.port is not None:
        return link.port
    if target is None:
        target = model.component(link.target)
    served = field_or(target, "port")
    if isinstance(served, int):
        return served
    return target.traits.default_port


def link_protocol(
    model: Architecture, link: Link, target: ComponentBase | None = None
) -> Literal["tcp", "udp"]:
    if link.protocol is not None:
        return link.protocol
    if target is None:
        target = model.component(link.target)
    return target.traits.default_protocol


@dataclass(frozen=True)
class EffectiveRule:
    """An allowed inbound flow and where it came from (a link, or a stated rule)."""

    source: str
    """`internet`, a CIDR, or a component id."""
    port: int
    port_to: int
    protocol: Literal["tcp", "udp"]
    origin: Literal["link", "stated"]
    link: Link | None = None
    rule: IngressRule | None = None
    parts: tuple[EffectiveRule, ...] = ()
    """For a rule that stands for several whose CIDRs together cover every address."""

    @property
    def from_internet(self) -> bool:
        return bool(self.parts) or self.source == INTERNET or self.source in WORLD


WORLD = {"0.0.0.0/0": "every IPv4 address", "::/0": "every IPv6 address"}


def world_unions(rules: list[EffectiveRule]) -> list[EffectiveRule]:
    """Rules whose CIDRs only together cover a whole address family, for each port span.

    `0.0.0.0/1` and `128.0.0.0/1` open a port to the internet as surely as `0.0.0.0/0`;
    one rule per span and family stands for them, naming the parts. Spans where a single
    rule is already world-open are left to that rule.
    """
    cidr_rules = [r for r in rules if r.source not in WORLD and _network(r.source) is not None]
    if len(cidr_rules) < 2:
        return []
    found: list[EffectiveRule] = []
    for protocol in ("tcp", "udp"):
        same = [r for r in rules if r.protocol == protocol]
        edges = sorted({r.port for r in same} | {r.port_to + 1 for r in same})
        for start, end in pairwise(edges):
            covering = [r for r in same if r.port <= start and end - 1 <= r.port_to]
            if any(r.from_internet for r in covering):
                continue
            for version, world in ((4, "0.0.0.0/0"), (6, "::/0")):
                parts = [r for r in covering if r in cidr_rules and _version(r) == version]
                networks = [n for r in parts if (n := _network(r.source)) is not None]
                if len(parts) < 2 or str(_union(networks)) != world:
                    continue
                sources = " + ".join(r.source for r in parts)
                found.append(
                    EffectiveRule(
                        f"{sources} ({WORLD[world]})",
                        start,
                        end - 1,
                        protocol,
                        "stated",
                        parts=tuple(parts),
                    )
                )
    return found


def _network(source: str) -> IPv4Network | IPv6Network | None:
    if "/" not in source and ":" not in source:
        return None
    try:
        return ip_network(source)
    except ValueError:
        return None


def _version(rule: EffectiveRule) -> int:
    network = _network(rule.source)
    return network.version if network is not None else 0


def _union(networks: list[IPv4Network | IPv6Network]) -> IPv4Network | IPv6Network | None:
    collapsed = list(collapse_addresses(networks))  # type: ignore[type-var]  # one family
    return collapsed[0] if len(collapsed) == 1 else None


def _link_source(
    model: Architecture, link: Link, components: Mapping[str, ComponentBase] | None
) -> str:
    source = components[link.source] if components else model.component(link.source)
    return INTERNET if isinstance(source, Client) else source.id


def endpoint_of(
    model: Architecture,
    component: ComponentBase,
    components: Mapping[str, ComponentBase] | None = None,
) -> ComponentBase:
    """The component that owns the network interface: the shared host, if there is one."""
    host_id = field_or(component, "host")
    if host_id is None:
        return component
    return components[host_id] if components else model.component(host_id)


def is_local(
    model: Architecture, link: Link, components: Mapping[str, ComponentBase] | None = None
) -> bool:
    """Both ends run on the same host, so the link never touches the network."""
    source = components[link.source] if components else model.component(link.source)
    target = components[link.target] if components else model.component(link.target)
    return endpoint_of(model, source, components).id == endpoint_of(model, target, components).id


def ingress_of(
    model: Architecture,
    component: ComponentBase,
    incoming: list[Link] | None = None,
    components: Mapping[str, ComponentBase] | None = None,
) -> list[EffectiveRule]:
    """Every inbound flow the component allows, links first, in model order.

    A host's rules include those of the components it runs; links between components on the
    same host are local and need no rule. Pass `incoming` (the links into the component) and
    `components` (id to component), e.g. from `ArchitectureGraph`, when calling this for
    every component of a large model.
    """
    members: list[ComponentBase] = [component]
    if isinstance(component, Host):
        members += model.hosted_on(component.id)
    if incoming is None or len(members) > 1:
        member_ids = {member.id for member in members}
        incoming = [link for link in model.links if link.target in member_ids]
    rules: list[EffectiveRule] = []
    for link in incoming:
        target = components[link.target] if components else model.component(link.target)
        derive = not isinstance(target, PlacedComponent) or target.ingress_from_links
        if not derive or link.mode == "replication" or is_local(model, link, components):
            continue
        port = link_port(model, link, target)
        if port is None:
            continue
        rules.append(
            EffectiveRule(
                _link_source(model, link, components),
                port,
                port,
                link_protocol(model, link, target),
                "link",
                link,
            )
        )
    for member in members:
        if isinstance(member, PlacedComponent):
            for rule in member.ingress:
                last = rule.port_to if rule.port_to is not None else rule.port
                rules.append(
                    EffectiveRule(rule.source, rule.port, last, rule.protocol, "stated", rule=rule)
                )
    return rules


def is_internet_facing(model: Architecture, component: ComponentBase) -> bool:
    """Clients reach it directly, or a stated rule opens it to the whole internet."""
    return faces_internet(ingress_of(model, component))


def faces_internet(rules: list[EffectiveRule]) -> bool:
    """A rule from the internet, or several CIDRs that together cover every address."""
    return any(rule.from_internet for rule in rules) or bool(world_unions(rules))


def is_hosted(component: ComponentBase) -> bool:
    return isinstance(component, ComputeTier | RelationalDatabase) and component.host is not None


def kind_title(kind: str) -> str:
    return KIND_CLASSES[kind].traits.title
