"""SPOF002: a tier whose instances, subnets or autoscaling group sit in one AZ."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Bastion, ComputeTier, DataWarehouse, Host, LoadBalancer


def _check(context: CheckContext) -> Iterator[Finding]:
    for component in context.model.components:
        if isinstance(component, ComputeTier):
            if component.host is not None or not component.uses_instances:
                continue  # a hosted tier is its host's; a Lambda worker spans the region
        elif not isinstance(component, Host | LoadBalancer | DataWarehouse):
            continue  # databases and caches: SPOF003, SPOF004; managed services span AZs
        azs = context.azs_of(component)
        if len(azs) != 1 or component.id in context.unredundant_chokepoints:
            continue  # one instance on every path: SPOF001 names its AZ too
        what = "subnets" if isinstance(component, LoadBalancer) else "instances"
        if isinstance(component, ComputeTier) and component.autoscaling is not None:
            what = "autoscaling group"
        finding = RULE.finding(
            f"{component.id}: its {what} sit in AZ {azs[0]} only; an outage of that AZ "
            "takes it down",
            component=component.id,
            location=("components", context.component_index(component.id), "subnets"),
        )
        if isinstance(component, Bastion) and component.id not in context.hard_reachable:
            # Operators lose SSH for the outage; no request fails.
            finding = replace(
                finding,
                severity="warning",
                message=finding.message + " (operator access only: no request needs it)",
            )
        yield finding


RULE = Rule(
    id="SPOF002",
    category="spof",
    severity="error",
    title="Tier in a single availability zone",
    rationale=(
        "An AZ can fail as a whole (power, network). A tier, autoscaling group or load "
        "balancer whose subnets are all in one AZ goes down with it, however many instances "
        "it runs. A bastion that no request needs is a warning: an outage costs operators "
        "their SSH access, not users their service."
    ),
    remediation=(
        "Give the tier subnets in at least two AZs (a load balancer needs one subnet per AZ) "
        "and spread its instances across them."
    ),
    check=_check,
)
