"""Which AWS services a VPC reaches through free gateway endpoints.

The exported stack gives instances gateway endpoints for S3 (and DynamoDB when the model has a
table) so their calls bypass the NAT gateways; the traffic flows and so the cost read the same
rule, and NAT data processed is priced only for what still crosses a gateway.
"""

from __future__ import annotations

from archlib.model.architecture import Architecture
from archlib.model.components import ComponentBase, ComputeTier, Host, NoSqlTable, Worker

GATEWAY_SERVICES = {"object_store": "s3", "nosql_table": "dynamodb"}
"""Component kind -> the endpoint service that routes it."""


def runs_instances(component: ComponentBase) -> bool:
    """EC2 instances of its own: a host, or a tier that is neither hosted nor a Lambda."""
    if isinstance(component, Host):
        return True
    if isinstance(component, ComputeTier) and component.host is None:
        return not (isinstance(component, Worker) and component.runtime == "lambda")
    return False


def gateway_endpoint_kinds(model: Architecture) -> frozenset[str]:
    """Kinds reached through gateway endpoints: none unless the VPC runs instances."""
    if not any(runs_instances(c) for c in model.components):
        return frozenset()
    kinds = {"object_store"}
    if any(isinstance(c, NoSqlTable) for c in model.components):
        kinds.add("nosql_table")
    return frozenset(kinds)
