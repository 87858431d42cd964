"""What the exported stack holds of what it costs to run and watch, counted without writing it.

Each count comes from the decision the exporter itself makes (the alarm plan, the interface
services, the secrets' owners, the data volumes...), so the cost reads what `archlib cfn`
writes without building the template, most of which (security groups, instances and their
settings) the estimate does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from archlib.cloudformation.alarms import exports_alarm_topic, plan_alarms
from archlib.cloudformation.backup import DataVolume, data_volume
from archlib.cloudformation.context import ExportContext, subnet_logical_id
from archlib.cloudformation.data import has_auth_secret
from archlib.cloudformation.endpoints import endpoint_subnets
from archlib.cloudformation.exporter import build_template, require_exportable
from archlib.cloudformation.logs import exports_trail
from archlib.cloudformation.naming import partitions, pascal
from archlib.cloudformation.operations import dashboard_balancers
from archlib.cloudformation.readpath import needs_private_zone
from archlib.cloudformation.secrets import has_replicas
from archlib.cloudformation.template import Template
from archlib.model import Architecture, Cache, Host, RelationalDatabase


@dataclass(frozen=True)
class StackCensus:
    """The quantities the estimate prices, each as many as the template holds."""

    interface_services: tuple[str, ...]
    """The AWS APIs with an interface endpoint, in the template's order."""
    endpoint_zones: int
    """AZs each interface endpoint serves (one subnet in each)."""
    alarm_metrics: tuple[int, ...]
    """The metrics each alarm reads, alarm by alarm."""
    alarm_topic: bool
    dashboards: int
    trails: int
    rds_managed_secrets: int
    """Primary instances (one per partition) whose master password RDS keeps in a secret."""
    template_secrets: int
    """Secrets of the template: master users with replicas, application users, AUTH tokens."""
    data_volumes: tuple[DataVolume, ...]
    """The hosts' data volumes: their sizes, and whether a backup plan copies them."""
    private_zones: int


def _shares_a_stem(model: Architecture) -> bool:
    """Two ids with one logical-id stem (`a-b`, `a--b`), which the exporter refuses.

    Rarer clashes go unseen here: an id whose stem runs on into another's resource names
    (queues `jobs` and `jobs-dead-letter` both name a `JobsDeadLetterQueue`) is refused by
    `archlib cfn` but counted; finding those takes every logical id, that is the template.
    """
    stems = [pascal(c.id) for c in model.components]
    stems += [subnet_logical_id(s.id) for s in model.network.subnets]
    return len(set(stems)) < len(stems)


def _secrets(ctx: ExportContext) -> tuple[int, int]:
    managed = own = 0
    for database in ctx.model.of_type(RelationalDatabase):
        if database.host is not None or database.replica_of is not None:
            continue
        instances = len(partitions(database))
        if has_replicas(ctx, database):
            own += instances  # the master secret the template makes and rotates
        else:
            managed += instances
        own += instances  # the application user's
    own += sum(1 for cache in ctx.model.of_type(Cache) if has_auth_secret(cache))
    return managed, own


def stack_census(model: Architecture) -> StackCensus:
    """The counts, or the InputError `to_cloudformation` raises for a model it refuses."""
    require_exportable(model)
    if _shares_a_stem(model):
        build_template(model)  # the exporter's own refusal, naming the clashing resource
    ctx = ExportContext.of(model, Template(description=""))
    managed, own = _secrets(ctx)
    volumes = (data_volume(ctx, host) for host in model.of_type(Host))
    return StackCensus(
        interface_services=ctx.interface_services,
        endpoint_zones=len(endpoint_subnets(ctx)),
        alarm_metrics=tuple(alarm.metrics_read for alarm in plan_alarms(ctx).alarms),
        alarm_topic=exports_alarm_topic(model),
        dashboards=1 if dashboard_balancers(ctx) else 0,
        trails=1 if exports_trail(model) else 0,
        rds_managed_secrets=managed,
        template_secrets=own,
        data_volumes=tuple(volume for volume in volumes if volume is not None),
        private_zones=1 if needs_private_zone(ctx) else 0,
    )
