"""One module per family of resources; each turns its resources into component drafts."""

from __future__ import annotations

from collections.abc import Callable

from archlib.importers.cfn.context import ImportContext
from archlib.importers.cfn.mappers import balancing, compute, databases, edge, serverless, stores

MAPPERS: tuple[Callable[[ImportContext], None], ...] = (
    compute.map_instances,
    compute.map_auto_scaling_groups,
    serverless.map_functions,
    serverless.map_ecs_services,
    databases.map_databases,
    databases.map_caches,
    stores.map_buckets,
    stores.map_tables,
    stores.map_queues,
    stores.map_warehouses,
    balancing.map_load_balancers,
    edge.map_distributions,
    edge.map_dns,
    serverless.map_event_sources,
)
"""In order: load balancers, CDNs and DNS come after the components they point at."""
