"""Which `diagrams` node class (and so which icon) draws each component kind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from archlib.model import (
    KIND_NAMES,
    ComponentBase,
    LoadBalancer,
    RelationalDatabase,
    Worker,
)


def node_class(component: ComponentBase) -> Any:
    """The diagrams class for a component; imported here so the CLI starts without it."""
    from diagrams.aws.analytics import Redshift
    from diagrams.aws.compute import EC2, Lambda
    from diagrams.aws.database import RDS, Dynamodb, ElastiCache
    from diagrams.aws.integration import SQS
    from diagrams.aws.network import (
        ELB,
        CloudFront,
        ElbApplicationLoadBalancer,
        ElbClassicLoadBalancer,
        ElbNetworkLoadBalancer,
        NATGateway,
        Route53,
    )
    from diagrams.aws.storage import S3
    from diagrams.onprem.client import Users
    from diagrams.onprem.database import Mariadb, Mysql, Postgresql

    if isinstance(component, LoadBalancer):
        return {
            "application": ElbApplicationLoadBalancer,
            "network": ElbNetworkLoadBalancer,
            "classic": ElbClassicLoadBalancer,
        }[component.type]
    if isinstance(component, RelationalDatabase) and component.host is not None:
        return {"mysql": Mysql, "mariadb": Mariadb, "postgres": Postgresql}[component.engine]
    if isinstance(component, Worker) and component.runtime == "lambda":
        return Lambda
    by_kind: dict[str, Any] = {
        "client": Users,
        "dns": Route53,
        "cdn": CloudFront,
        "load_balancer": ELB,
        "nat_gateway": NATGateway,
        "host": EC2,
        "web_server": EC2,
        "app_server": EC2,
        "worker": EC2,
        "bastion": EC2,
        "relational_database": RDS,
        "cache": ElastiCache,
        "object_store": S3,
        "nosql_table": Dynamodb,
        "queue": SQS,
        "data_warehouse": Redshift,
    }
    return by_kind[KIND_NAMES[type(component)]]


def icon_root() -> Path:
    """The directory diagrams resolves its icon paths against (its `resources/` parent)."""
    import diagrams

    return Path(diagrams.__file__).resolve().parent.parent


def relative_icon(cls: Any) -> str:
    """The icon path relative to `icon_root()`: the same string on every machine."""
    return f"{cls._icon_dir}/{cls._icon}"
