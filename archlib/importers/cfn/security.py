"""Security groups become links and rules.

A rule from group A to group B on port P is a link from A's components to B's. A rule from
`/0` on a port a component plausibly serves to the internet is a link from the users; every
other CIDR rule, and SSH or RDP between groups, stays a stated rule, so the checks judge it.
"""

from __future__ import annotations

from dataclasses import dataclass
from ipaddress import ip_network
from typing import Any

from archlib.importers.cfn.context import Draft, ImportContext, as_int, as_list
from archlib.importers.cfn.values import ResourceRef
from archlib.model.security import ADMIN_PORTS, WEB_PORTS

USERS = "users"
_PROTOCOLS = {"tcp": "tcp", "6": "tcp", "udp": "udp", "17": "udp", "-1": "all", "all": "all"}


@dataclass(frozen=True)
class GroupRule:
    group: str
    logical_id: str
    rule: dict[str, Any]


def apply_security_groups(ctx: ImportContext) -> None:
    members: dict[str, list[Draft]] = {}
    for draft in ctx.drafts:
        for group_id in sorted(draft.groups):
            members.setdefault(group_id, []).append(draft)
    for group_id, drafts in members.items():
        ctx.absorb(drafts[0], group_id)
    every = _rules(ctx)
    for rule in every:
        if members.get(rule.group) and rule.logical_id != rule.group:
            ctx.absorb(members[rule.group][0], rule.logical_id)
    for logical_id, _ in ctx.resources_of("AWS::EC2::SecurityGroupEgress"):
        owner = ctx.props(logical_id).get("GroupId")
        if isinstance(owner, ResourceRef) and members.get(owner.logical_id):
            ctx.absorb(members[owner.logical_id][0], logical_id)
    rules = [rule for rule in every if members.get(rule.group)]
    _find_bastions(ctx, rules, members)
    inferred: list[tuple[str, str, int, str]] = []
    for rule in rules:
        _apply(ctx, rule, members[rule.group], members, inferred)
    _forwarding_links(ctx, inferred)


def _forwarding_links(ctx: ImportContext, inferred: list[tuple[str, str, int, str]]) -> None:
    """Load balancer -> member links read from the members' ingress rules, unless the member
    already calls that balancer (an internal balancer between services is not a loop)."""
    for source, target, port, rule in inferred:
        if any(link["source"] == target and link["target"] == source for link in ctx.links):
            ctx.report.assume(
                f"{rule}: {target} calls {source} and {source} may forward to it; only the "
                "call is modelled, a loop of requests is not"
            )
            continue
        ctx.link(source, target, port=port, purpose="forwards (read from the ingress rule)")


def _find_bastions(
    ctx: ImportContext, rules: list[GroupRule], members: dict[str, list[Draft]]
) -> None:
    """Instances that serve nothing but SSH or RDP, and open it on others: the way in."""
    admin_sources: list[Draft] = []
    serving: set[str] = {draft.id for draft in ctx.drafts if draft.served_ports}
    for rule in rules:
        ports = _ports(ctx, rule, quiet=True)
        if ports is None:
            continue
        _, low, high = ports
        if not _admin_only(low, high):
            serving.update(draft.id for draft in members[rule.group])
            continue
        source = rule.rule.get("SourceSecurityGroupId", rule.rule.get("SourceSecurityGroupName"))
        if isinstance(source, ResourceRef):
            admin_sources.extend(members.get(source.logical_id, []))
    for draft in admin_sources:
        if draft.compute in ("instance", "group") and draft.id not in serving:
            draft.bastion = True


def _rules(ctx: ImportContext) -> list[GroupRule]:
    found: list[GroupRule] = []
    for logical_id, _ in ctx.resources_of("AWS::EC2::SecurityGroup"):
        for rule in as_list(ctx.props(logical_id).get("SecurityGroupIngress")):
            if isinstance(rule, dict):
                found.append(GroupRule(logical_id, logical_id, rule))
    for logical_id, _ in ctx.resources_of("AWS::EC2::SecurityGroupIngress"):
        props = ctx.props(logical_id)
        group = props.get("GroupId", props.get("GroupName"))
        if isinstance(group, ResourceRef):
            found.append(GroupRule(group.logical_id, logical_id, props))
        elif isinstance(group, str):
            found.append(GroupRule(f"external:{group}", logical_id, props))
    egress = ctx.resources_of("AWS::EC2::SecurityGroupEgress")
    if egress or any(
        ctx.props(lid).get("SecurityGroupEgress")
        for lid, _ in ctx.resources_of("AWS::EC2::SecurityGroup")
    ):
        ctx.report.assume(
            "egress rules are not read: each component may call its links' targets (the "
            "model's default)"
        )
    return found


def _ports(ctx: ImportContext, rule: GroupRule, quiet: bool = False) -> tuple[str, int, int] | None:
    raw = rule.rule.get("IpProtocol", "tcp")
    protocol = _PROTOCOLS.get(str(raw).lower())
    if protocol is None:
        if quiet:
            return None
        ctx.report.assume(f"{rule.logical_id}: a {raw} rule (not TCP or UDP) is not modelled")
        return None
    low = as_int(rule.rule.get("FromPort"), -1)
    high = as_int(rule.rule.get("ToPort"), low)
    if protocol == "all" or low is None or low < 1:
        low, high = 1, 65535
    if high is None or high < low or high > 65535:
        high = low
    return ("udp" if protocol == "udp" else "tcp"), low, high


def _apply(
    ctx: ImportContext,
    rule: GroupRule,
    targets: list[Draft],
    members: dict[str, list[Draft]],
    inferred: list[tuple[str, str, int, str]],
) -> None:
    ports = _ports(ctx, rule)
    if ports is None:
        return
    protocol, low, high = ports
    body = rule.rule
    reason = body.get("Description") if isinstance(body.get("Description"), str) else None
    source_group = body.get("SourceSecurityGroupId", body.get("SourceSecurityGroupName"))
    cidr = body.get("CidrIp", body.get("CidrIpv6"))
    if source_group is not None:
        key = (
            source_group.logical_id
            if isinstance(source_group, ResourceRef)
            else f"external:{source_group}"
        )
        sources = members.get(key, [])
        if not sources:
            ctx.report.assume(
                f"{rule.logical_id}: ingress from security group {_show(source_group)}, whose "
                "members are outside the template, is not modelled"
            )
        for source in sources:
            for target in targets:
                if source is target:
                    continue
                port = _serves(target, low, high)
                if port is None and source.kind == "load_balancer":
                    port = _forwarded_port(ctx, source, low, high)
                    if port is not None:
                        inferred.append((source.id, target.id, port, rule.logical_id))
                        continue
                if port is not None and (source.bastion or not _admin_only(low, high)):
                    ctx.link(source.id, target.id, port=port, **_protocol(protocol))
                else:
                    _rule(target, source.id, protocol, low, high, reason)
        return
    if isinstance(cidr, str):
        try:
            network = ip_network(cidr, strict=False)
        except ValueError:
            ctx.report.assume(f"{rule.logical_id}: CIDR {cidr!r} is not valid; not modelled")
            return
        for target in targets:
            if network.prefixlen == 0:
                port = _public_port(ctx, target, low, high)
                if port is not None:
                    ctx.link(USERS, target.id, port=port, **_protocol(protocol))
                    if (low, high) == (port, port):
                        continue
                    # The rule opens more than the port users are linked on: it stays stated,
                    # so SSH in an all-ports rule is SEC001's and the rest SEC003's.
                _rule(target, "internet", protocol, low, high, reason)
            else:
                _rule(target, str(network), protocol, low, high, reason)
        return
    if body.get("SourcePrefixListId") is not None:
        ctx.report.assume(f"{rule.logical_id}: ingress from a prefix list is not modelled")
    else:
        ctx.report.assume(f"{rule.logical_id}: ingress from a source not known; not modelled")


def _protocol(protocol: str) -> dict[str, str]:
    """TCP is what a link means unless it says otherwise."""
    return {"protocol": protocol} if protocol != "tcp" else {}


def _show(value: Any) -> str:
    return value.logical_id if isinstance(value, ResourceRef) else str(value)


def _admin_only(low: int, high: int) -> bool:
    """SSH or RDP alone (the two are not adjacent, so a wider range is more than that)."""
    return low == high and low in ADMIN_PORTS


def _serves(target: Draft, low: int, high: int) -> int | None:
    """The port a link on this range uses: one the target serves, else the range's first."""
    for port in sorted(target.served_ports):
        if low <= port <= high:
            return port
    if high - low > 1024:
        return None  # a wide range says nothing about what is served
    return low


def _forwarded_port(ctx: ImportContext, balancer: Draft, low: int, high: int) -> int | None:
    """The port a load balancer's target groups name, when its members' group admits it: how
    a cluster whose tasks register themselves later (ECS) is reached."""
    for logical_id in balancer.absorbed:
        if ctx.type_of(logical_id) != "AWS::ElasticLoadBalancingV2::TargetGroup":
            continue
        port = as_int(ctx.props(logical_id).get("Port"))
        if port is not None and low <= port <= high:
            return port
    return None


def _public_port(ctx: ImportContext, target: Draft, low: int, high: int) -> int | None:
    """A port a component plausibly serves to the internet: a web port or a listener."""
    if _admin_only(low, high):
        return None
    data = target.data
    if data["kind"] == "load_balancer":
        if data.get("scheme") != "internet-facing":
            return None
        return _serves(target, low, high)
    if target.compute is None:
        return None
    subnets = [ctx.network.subnets[s] for s in data.get("subnets", [])]
    if not any(s.public or s.logical_id is None for s in subnets):
        return None
    for port in sorted(WEB_PORTS | target.served_ports):
        if low <= port <= high:
            return port
    return None


def _rule(
    target: Draft, source: str, protocol: str, low: int, high: int, reason: str | None
) -> None:
    entry: dict[str, Any] = {"source": source, "port": low}
    if high != low:
        entry["port_to"] = high
    if protocol != "tcp":
        entry["protocol"] = protocol
    if reason:
        entry["reason"] = reason
    rules = target.data.setdefault("ingress", [])
    if entry not in rules:
        rules.append(entry)


def decide_kinds(ctx: ImportContext) -> None:
    """Instances and groups become web servers, app servers, workers or hosts by what they serve."""
    for draft in ctx.drafts:
        if draft.compute is None:
            continue
        served = set(draft.served_ports)
        for link in ctx.links:
            if link["target"] == draft.id and isinstance(link.get("port"), int):
                served.add(link["port"])
        for rule in draft.data.get("ingress", []):
            if rule.get("port_to") is None:
                served.add(rule["port"])
        served -= ADMIN_PORTS.keys()
        if draft.bastion:
            draft.data["kind"] = "bastion"
            continue
        if draft.compute == "service":
            if served:
                draft.data["port"] = min(served)
            continue
        if served & WEB_PORTS:
            draft.data["kind"] = "web_server"
            draft.data["port"] = 80 if 80 in served else 443
        elif served:
            draft.data["kind"] = "app_server"
            draft.data["port"] = min(served)
        elif draft.compute == "instance":
            draft.data["kind"] = "host"
        else:
            draft.data["kind"] = "worker"
        if draft.data["kind"] != "host" and draft.compute == "instance":
            volume = draft.data.get("volume_gb")
            if volume is None:
                draft.data.pop("volume_gb", None)
