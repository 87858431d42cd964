"""Shared reading of ingress rules for the security rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from archlib.checks.context import CheckContext
from archlib.checks.finding import Location
from archlib.model.components import Client, Component, PlacedComponent
from archlib.model.exposure import EffectiveRule
from archlib.model.links import Link
from archlib.model.security import INTERNET, IngressRule


@dataclass(frozen=True)
class Guarded:
    """A component with a security group and the rules it allows."""

    component: Component
    rules: list[EffectiveRule]


def guarded(context: CheckContext) -> Iterator[Guarded]:
    """Components with a security group: placed ones, and hosted ones (their host's group)."""
    for component_id, rules in context.guarded.items():
        yield Guarded(context.components[component_id], rules)


def ports(rule: EffectiveRule) -> range:
    return range(rule.port, rule.port_to + 1)


def describe(rule: EffectiveRule) -> str:
    span = str(rule.port) if rule.port == rule.port_to else f"{rule.port}-{rule.port_to}"
    return f"{span}/{rule.protocol} from {rule.source}"


def rule_key(rule: EffectiveRule) -> str:
    return f"{rule.source}:{rule.port}-{rule.port_to}/{rule.protocol}"


def stated_location(
    context: CheckContext, component: Component, rule: EffectiveRule
) -> Location | None:
    """The stated rule's place in the file, or the link that implies the rule."""
    if rule.parts:
        return stated_location(context, component, rule.parts[0])
    if rule.rule is not None and isinstance(component, PlacedComponent):
        for index, stated in enumerate(component.ingress):
            if stated is rule.rule:
                return ("components", context.component_index(component.id), "ingress", index)
    if rule.link is not None:
        return ("links", context.link_indexes[rule.link.key])
    return None


def allows(context: CheckContext, rule: IngressRule, link: Link) -> bool:
    """Does a stated rule let this link's traffic in?"""
    port = context.port_of(link)
    if port is None or not rule.covers(port, context.protocol_of(link)):
        return False
    source = context.components[link.source]
    if rule.source_kind == "component":
        return rule.source == link.source
    if isinstance(source, Client):
        return rule.is_world_open or rule.source == INTERNET
    if rule.is_world_open:
        return True
    network = rule.cidr
    subnets = context.subnets_of(source)
    if network is None or not subnets:
        return False
    if network.version != 4:
        return False
    return all(subnet.cidr.subnet_of(network) for subnet in subnets)
