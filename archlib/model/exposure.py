"""Effective ingress: the rules a component's links imply plus the ones the model states.

Checks and the CloudFormation exporter both read this, so the security groups deployed are
exactly the ones checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from archlib.model.architecture import Architecture
from archlib.model.components import (
    KIND_CLASSES,
    Client,
    ComponentBase,
    ComputeTier,
    Host,
    PlacedComponent,
    RelationalDatabase,
)
from archlib.model.links import Link
from archlib.model.security import INTERNET, IngressRule


def link_port(model: Architecture, link: Link, target: ComponentBase | None = None) -> int | None:
    """The port a link uses: its own, else the port its target serves on.

    Pass `target` when it is at hand: looking it up in the model is linear.
    """
    if link.port is not None:
        return link.port
    if target is None:
        target = model.component(link.target)
    served = getattr(target, "port", None)
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

    @property
    def from_internet(self) -> bool:
        return self.source == INTERNET or self.source in ("0.0.0.0/0", "::/0")


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
    host_id = getattr(component, "host", None)
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
    return any(rule.from_internet for rule in ingress_of(model, component))


def is_hosted(component: ComponentBase) -> bool:
    return isinstance(component, ComputeTier | RelationalDatabase) and component.host is not None


def kind_title(kind: str) -> str:
    return KIND_CLASSES[kind].traits.title
