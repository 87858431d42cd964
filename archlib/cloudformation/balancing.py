"""Load balancers: an internet-facing ALB with HTTPS and an HTTP redirect, internal ALBs
between tiers, and NLBs (e.g. in front of read replicas), each with its target groups."""

from __future__ import annotations

from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import Node, get_att, ref
from archlib.cloudformation.logs import (
    LOG_ANALYSIS_OFF,
    LOG_BUCKET_POLICY,
    balancer_log_attributes,
    logs_enabled,
)
from archlib.cloudformation.naming import pascal
from archlib.cloudformation.readpath import export_replica_records
from archlib.model import Component, ComputeTier, Host, LoadBalancer, Worker
from archlib.model.exposure import link_port, link_protocol
from archlib.model.links import Link

CERTIFICATE_PARAMETER = "CertificateArn"
CERTIFICATE_PATTERN = r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[0-9a-f-]+$"


def export_load_balancers(ctx: ExportContext) -> None:
    for balancer in ctx.model.of_type(LoadBalancer):
        if ctx.resolves_by_dns(balancer):
            export_replica_records(ctx, balancer)
            continue
        if balancer.type == "classic":
            ctx.template.not_exported.append(
                f"load balancer {balancer.id}: a classic load balancer is not exported "
                "(type application or network is)"
            )
            continue
        if not ctx.deploys_balancer(balancer):
            ctx.template.not_exported.append(
                f"load balancer {balancer.id}: an {balancer.type} load balancer needs "
                + ("subnets in two AZs or more" if balancer.subnets else "subnets")
            )
            continue
        _export_balancer(ctx, balancer)


def _export_balancer(ctx: ExportContext, balancer: LoadBalancer) -> None:
    template, name = ctx.template, pascal(balancer.id)
    application = balancer.type == "application"
    properties: dict[str, Any] = {
        "Type": balancer.type,
        "Scheme": balancer.scheme,
        "Subnets": ctx.subnet_refs(balancer),
        "SecurityGroups": [ctx.guard_ref(balancer)],
        "Tags": ctx.name_tag(balancer.id),
    }
    attributes = balancer_log_attributes(ctx, balancer.id)
    if application:
        attributes.insert(
            0, {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}
        )
    if attributes:
        properties["LoadBalancerAttributes"] = attributes
    depends = []
    if balancer.scheme == "internet-facing":
        depends.append("InternetGatewayAttachment")
    if logs_enabled(ctx.model):
        depends.append(LOG_BUCKET_POLICY)
    lb = template.resource(
        f"{name}LoadBalancer",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        properties,
        **({"DependsOn": depends} if depends else {}),
    )
    if not logs_enabled(ctx.model):
        template.skip_check(lb, "CKV_AWS_91", LOG_ANALYSIS_OFF)

    template.output(f"{name}DnsName", get_att(lb, "DNSName"), f"DNS name of {balancer.id}")

    groups = [
        group
        for link in ctx.graph.outgoing[balancer.id]
        if link.mode != "replication"
        if (group := _export_target_group(ctx, balancer, link)) is not None
    ]
    if not groups and not application:
        template.not_exported.append(
            f"listener of {balancer.id}: a network load balancer needs a target to forward to"
        )
        return
    action = _forward(groups) if groups else _no_target()
    if balancer.tls:
        certificate = template.parameter(
            CERTIFICATE_PARAMETER,
            {
                "Type": "String",
                "AllowedPattern": CERTIFICATE_PATTERN,
                "ConstraintDescription": "an ACM certificate ARN",
                "Description": "ACM certificate for the load balancers' TLS listeners",
            },
        )
        listener: dict[str, Any] = {
            "LoadBalancerArn": ref(lb),
            "Port": balancer.listener_port,
            "Protocol": "HTTPS" if application else "TLS",
            "Certificates": [{"CertificateArn": ref(certificate)}],
            "SslPolicy": balancer.ssl_policy,
            "DefaultActions": [action],
        }
        template.resource(
            f"{name}{'Https' if application else 'Tls'}Listener",
            "AWS::ElasticLoadBalancingV2::Listener",
            listener,
        )
        if application and balancer.redirect_http and balancer.listener_port != 80:
            redirect = template.resource(
                f"{name}HttpRedirectListener",
                "AWS::ElasticLoadBalancingV2::Listener",
                {
                    "LoadBalancerArn": ref(lb),
                    "Port": 80,
                    "Protocol": "HTTP",
                    "DefaultActions": [
                        {
                            "Type": "redirect",
                            "RedirectConfig": {
                                "Protocol": "HTTPS",
                                "Port": str(balancer.listener_port),
                                "StatusCode": "HTTP_301",
                            },
                        }
                    ],
                },
            )
            for check in ("CKV_AWS_2", "CKV_AWS_103"):
                template.skip_check(
                    redirect, check, "port 80 only redirects to HTTPS; it serves no content"
                )
    else:
        listener_id = template.resource(
            f"{name}{'Http' if application else 'Tcp'}Listener",
            "AWS::ElasticLoadBalancingV2::Listener",
            {
                "LoadBalancerArn": ref(lb),
                "Port": balancer.listener_port,
                "Protocol": "HTTP" if application else "TCP",
                "DefaultActions": [action],
            },
        )
        reason = f"the model says tls: false for {balancer.scheme} {balancer.id}" + (
            ": its traffic stays inside the VPC" if balancer.scheme == "internal" else ""
        )
        for check in ("CKV_AWS_2", "CKV_AWS_103"):
            template.skip_check(listener_id, check, reason)


def _forward(groups: list[str]) -> dict[str, Any]:
    if len(groups) == 1:
        return {"Type": "forward", "TargetGroupArn": ref(groups[0])}
    return {
        "Type": "forward",
        "ForwardConfig": {
            "TargetGroups": [{"TargetGroupArn": ref(g), "Weight": 1} for g in groups]
        },
    }


def _no_target() -> dict[str, Any]:
    return {
        "Type": "fixed-response",
        "FixedResponseConfig": {"StatusCode": "503", "ContentType": "text/plain"},
    }


def exports_balancer(ctx: ExportContext, balancer: LoadBalancer) -> bool:
    """The balancer becomes an ELB of its own (not DNS records, not a note)."""
    return (
        not ctx.resolves_by_dns(balancer)
        and balancer.type != "classic"
        and ctx.deploys_balancer(balancer)
    )


def target_group_id(balancer: LoadBalancer, target_id: str) -> str:
    return f"{pascal(balancer.id)}{pascal(target_id)}TargetGroup"


def _fronts_function(ctx: ExportContext, target: Component) -> bool:
    owner = ctx.owner(target)
    return isinstance(owner, Worker) and owner.runtime == "lambda"


def target_groups(ctx: ExportContext, balancer: LoadBalancer) -> set[str]:
    """The target groups an exported balancer gets: one per target it forwards to on a port,
    but for Lambda workers. Read by the alarms without a template."""
    if not exports_balancer(ctx, balancer):
        return set()
    return {
        target_group_id(balancer, link.target)
        for link in ctx.graph.outgoing[balancer.id]
        if link.mode != "replication"
        and link_port(ctx.model, link) is not None
        and not _fronts_function(ctx, ctx.model.component(link.target))
    }


def _export_target_group(ctx: ExportContext, balancer: LoadBalancer, link: Link) -> str | None:
    template = ctx.template
    target = ctx.model.component(link.target)
    port = link_port(ctx.model, link)
    if port is None:
        return None
    logical = target_group_id(balancer, target.id)
    if logical in template.resources:
        return logical
    application = balancer.type == "application"
    owner = ctx.owner(target)
    properties: dict[str, Any] = {"VpcId": ref("Vpc"), "Port": port}
    if application:
        properties |= {
            "Protocol": "HTTP",
            "HealthCheckProtocol": "HTTP",
            "HealthCheckPath": balancer.health_check_path,
            "Matcher": {"HttpCode": "200"},
        }
    else:
        properties |= {
            "Protocol": "UDP" if link_protocol(ctx.model, link) == "udp" else "TCP",
            "HealthCheckProtocol": "TCP",
        }
    if _fronts_function(ctx, target):
        template.not_exported.append(
            f"{balancer.id} -> {target.id}: a load balancer in front of a Lambda worker"
        )
        return None
    if isinstance(owner, Host | ComputeTier):
        properties["TargetType"] = "instance"
        fixed = _fixed_instances(ctx, owner)
        if fixed:
            properties["Targets"] = [{"Id": instance, "Port": port} for instance in fixed]
    else:
        properties["TargetType"] = "ip"
        template.manual_steps.append(
            f"register the private IP addresses of {target.id} with {logical}: "
            f"CloudFormation does not expose a {target.kind}'s addresses"
        )
    properties["Tags"] = ctx.name_tag(f"{balancer.id}-{target.id}")
    return template.resource(logical, "AWS::ElasticLoadBalancingV2::TargetGroup", properties)


def _fixed_instances(ctx: ExportContext, owner: Host | ComputeTier) -> list[Node]:
    """Instances the template creates one by one (hosts, tiers with Elastic IPs)."""
    name = pascal(owner.id)
    if isinstance(owner, Host):
        return [ref(f"{name}Instance")]
    if owner.elastic_ip:
        if owner.count == 1:
            return [ref(f"{name}Instance")]
        return [ref(f"{name}Instance{index + 1}") for index in range(owner.count)]
    return []
