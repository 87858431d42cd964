"""Load balancers (ALB, NLB, classic ELB) with listeners and target groups: links to targets."""

from __future__ import annotations

from typing import Any

from archlib.importers.cfn.context import Draft, ImportContext, as_int, as_list
from archlib.importers.cfn.mappers.compute import security_groups
from archlib.importers.cfn.values import ResourceRef
from archlib.model.security import modern_tls_policy

SECURE = ("HTTPS", "TLS", "SSL")


def map_load_balancers(ctx: ImportContext) -> None:
    _register_targets(ctx)
    listeners = _listeners(ctx)
    for logical_id, _ in ctx.resources_of("AWS::ElasticLoadBalancingV2::LoadBalancer"):
        props = ctx.props(logical_id)
        kind = str(props.get("Type", "application"))
        if kind not in ("application", "network"):
            ctx.report.skip(
                logical_id,
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                f"a {kind} load balancer has no archlib model",
            )
            continue
        mapped = [
            m.get("SubnetId") for m in as_list(props.get("SubnetMappings")) if isinstance(m, dict)
        ]
        subnets = ctx.network.subnet_ids(as_list(props.get("Subnets")) + mapped)
        if not subnets:
            subnets = ctx.network.default_subnets(2)
        own = listeners.get(logical_id, [])
        data = _balancer(kind, str(props.get("Scheme", "internet-facing")), subnets, own)
        policy = _tls_policy(ctx, logical_id, own)
        if policy is not None:
            data["ssl_policy"] = policy
        groups = security_groups(ctx, props.get("SecurityGroups"))
        draft = ctx.add(
            Draft(ctx.new_id(logical_id), data, [logical_id], groups),
            *(listener for listener, _, _, _ in own),
        )
        for listener, _, _, _ in own:
            ctx.absorb(draft, *ctx.listener_rules.get(listener, []))
        draft.served_ports.update(port for _, port, _, _ in own)
        for _, _, _, target_groups in own:
            for group in target_groups:
                _link_targets(ctx, draft, group)
    _classic(ctx)


def _balancer(
    kind: str, scheme: str, subnets: list[str], listeners: list[tuple[str, int, str, list[str]]]
) -> dict[str, Any]:
    forwarding = [entry for entry in listeners if entry[3]]
    secure = [entry for entry in forwarding if entry[2] in SECURE]
    chosen = (secure or forwarding or listeners or [("", 80, "HTTP", [])])[0]
    ports = {entry[1] for entry in listeners}
    data: dict[str, Any] = {
        "kind": "load_balancer",
        "type": kind,
        "scheme": "internal" if scheme == "internal" else "internet-facing",
        "subnets": subnets,
        "listener_port": chosen[1],
        "tls": chosen[2] in SECURE,
        # A classic load balancer cannot redirect: port 80 stays open as a listener.
        "redirect_http": kind != "classic" and bool(secure) and 80 in ports and chosen[1] != 80,
    }
    return data


ELB_DEFAULT_POLICY = "ELBSecurityPolicy-2016-08"
"""What Elastic Load Balancing applies to an HTTPS or TLS listener that names no policy."""


def _tls_policy(
    ctx: ImportContext, balancer: str, listeners: list[tuple[str, int, str, list[str]]]
) -> str | None:
    """The weakest policy among the balancer's TLS listeners (what a client can negotiate)."""
    policies = []
    for listener, _, protocol, _ in listeners:
        if protocol not in SECURE:
            continue
        given = ctx.props(listener).get("SslPolicy")
        if isinstance(given, str) and given:
            policies.append(given)
        else:
            ctx.report.assume(f"{listener}: no SslPolicy, so ELB applies {ELB_DEFAULT_POLICY}")
            policies.append(ELB_DEFAULT_POLICY)
    if not policies:
        return None
    weak = [p for p in policies if not modern_tls_policy(p)]
    return (weak or policies)[0]


def _listeners(ctx: ImportContext) -> dict[str, list[tuple[str, int, str, list[str]]]]:
    """Load balancer -> (listener id, port, protocol, target groups it forwards to)."""
    found: dict[str, list[tuple[str, int, str, list[str]]]] = {}
    rules: dict[str, list[str]] = {}
    for logical_id, _ in ctx.resources_of("AWS::ElasticLoadBalancingV2::ListenerRule"):
        props = ctx.props(logical_id)
        listener = props.get("ListenerArn")
        if isinstance(listener, ResourceRef):
            ctx.listener_rules.setdefault(listener.logical_id, []).append(logical_id)
            rules.setdefault(listener.logical_id, []).extend(_forwards(ctx, props.get("Actions")))
    for logical_id, _ in ctx.resources_of("AWS::ElasticLoadBalancingV2::Listener"):
        props = ctx.props(logical_id)
        balancer = props.get("LoadBalancerArn")
        if not isinstance(balancer, ResourceRef):
            continue
        port = as_int(props.get("Port"), 80) or 80
        groups = _forwards(ctx, props.get("DefaultActions")) + rules.get(logical_id, [])
        protocol = str(props.get("Protocol", "HTTP"))
        found.setdefault(balancer.logical_id, []).append((logical_id, port, protocol, groups))
    return found


def _forwards(ctx: ImportContext, actions: Any) -> list[str]:
    groups: list[str] = []
    for action in as_list(actions):
        if not isinstance(action, dict):
            continue
        groups.extend(ctx.referenced(action.get("TargetGroupArn")))
        forward = action.get("ForwardConfig")
        if isinstance(forward, dict):
            for entry in as_list(forward.get("TargetGroups")):
                if isinstance(entry, dict):
                    groups.extend(ctx.referenced(entry.get("TargetGroupArn")))
    return groups


def _register_targets(ctx: ImportContext) -> None:
    """Targets a target group lists itself (instances, functions)."""
    for logical_id, _ in ctx.resources_of("AWS::ElasticLoadBalancingV2::TargetGroup"):
        for target in as_list(ctx.props(logical_id).get("Targets")):
            if isinstance(target, dict):
                for ref in ctx.referenced(target.get("Id")):
                    if ref in ctx.owner:
                        ctx.attach([logical_id], ctx.owner[ref])


def _link_targets(ctx: ImportContext, balancer: Draft, group: str) -> None:
    if ctx.type_of(group) != "AWS::ElasticLoadBalancingV2::TargetGroup":
        return
    ctx.absorb(balancer, group)
    props = ctx.props(group)
    port = as_int(props.get("Port"))
    for target in ctx.attachments.get(group, []):
        target_port = port if port and 1 <= port <= 65535 else None
        if target_port is not None:
            target.served_ports.add(target_port)
        ctx.link(balancer.id, target.id, port=target_port, purpose="forwards")


def _classic(ctx: ImportContext) -> None:
    instances: dict[str, list[Draft]] = {}
    for logical_id, _ in ctx.resources_of("AWS::ElasticLoadBalancing::LoadBalancer"):
        for ref in ctx.referenced(ctx.props(logical_id).get("Instances")):
            if ref in ctx.owner:
                instances.setdefault(logical_id, []).append(ctx.owner[ref])
    for logical_id, _ in ctx.resources_of("AWS::ElasticLoadBalancing::LoadBalancer"):
        props = ctx.props(logical_id)
        subnets = ctx.network.subnet_ids(as_list(props.get("Subnets")))
        if not subnets:
            subnets = ctx.network.default_subnets(2)
        listeners = [entry for entry in as_list(props.get("Listeners")) if isinstance(entry, dict)]
        entries = [
            (
                "",
                as_int(entry.get("LoadBalancerPort"), 80) or 80,
                str(entry.get("Protocol", "HTTP")).upper(),
                ["targets"],
            )
            for entry in listeners
        ]
        data = _balancer("classic", str(props.get("Scheme", "internet-facing")), subnets, entries)
        groups = security_groups(ctx, props.get("SecurityGroups"))
        draft = ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id], groups))
        draft.served_ports.update(port for _, port, _, _ in entries)
        ports = [as_int(entry.get("InstancePort")) for entry in listeners]
        targets = ctx.attachments.get(logical_id, []) + instances.get(logical_id, [])
        for target in targets:
            for port in ports or [None]:
                if port is not None and 1 <= port <= 65535:
                    target.served_ports.add(port)
                    ctx.link(draft.id, target.id, port=port, purpose="forwards")
                else:
                    ctx.link(draft.id, target.id, purpose="forwards")
