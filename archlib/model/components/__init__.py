"""Every component kind, in one discriminated union: add a new kind here and nowhere else."""

from __future__ import annotations

from typing import Annotated, get_args

from pydantic import Field

from archlib.model.components.base import (
    Autoscaling,
    Bootstrap,
    ComponentBase,
    KindTraits,
    LayoutHint,
    PlacedComponent,
    ScalingPolicy,
    ScheduledAction,
    field_or,
)
from archlib.model.components.compute import (
    AppServer,
    Bastion,
    ComputeTier,
    Host,
    WebServer,
    Worker,
)
from archlib.model.components.data import (
    Cache,
    DataWarehouse,
    NoSqlTable,
    ObjectStore,
    Partition,
    Partitioning,
    Queue,
    RelationalDatabase,
)
from archlib.model.components.edge import Cdn, Client, Dns, DnsRecord, LoadBalancer, NatGateway

Component = Annotated[
    Client
    | Dns
    | Cdn
    | LoadBalancer
    | NatGateway
    | Host
    | WebServer
    | AppServer
    | Worker
    | Bastion
    | RelationalDatabase
    | Cache
    | ObjectStore
    | NoSqlTable
    | Queue
    | DataWarehouse,
    Field(discriminator="kind"),
]

KIND_CLASSES: dict[str, type[ComponentBase]] = {
    get_args(cls.model_fields["kind"].annotation)[0]: cls
    for cls in get_args(get_args(Component)[0])
}
"""Kind name to class, in the order above."""
KIND_NAMES: dict[type[ComponentBase], str] = {cls: kind for kind, cls in KIND_CLASSES.items()}


__all__ = [
    "KIND_CLASSES",
    "KIND_NAMES",
    "AppServer",
    "Autoscaling",
    "Bastion",
    "Bootstrap",
    "Cache",
    "Cdn",
    "Client",
    "Component",
    "ComponentBase",
    "ComputeTier",
    "DataWarehouse",
    "Dns",
    "DnsRecord",
    "Host",
    "KindTraits",
    "LayoutHint",
    "LoadBalancer",
    "NatGateway",
    "NoSqlTable",
    "ObjectStore",
    "Partition",
    "Partitioning",
    "PlacedComponent",
    "Queue",
    "RelationalDatabase",
    "ScalingPolicy",
    "ScheduledAction",
    "WebServer",
    "Worker",
    "field_or",
]
