"""What the application is told at first boot: where each service it links to lives.

The bootstrap writes `/etc/archlib/app.env`, one `NAME=value` line per endpoint, filled in by
`Fn::Sub` when the stack is created: database and cache hosts and ports, the replicas' read
name, queue URLs, table and bucket names, and the ARNs of the secrets that hold credentials.
Names are the linked component's id in capitals (`read-lb` -> `READ_LB_HOST`). No secret
value is written: the application reads the secret named by the ARN, with its role.
"""

from __future__ import annotations

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.naming import partitions, pascal
from archlib.model import (
    Cache,
    Component,
    ComponentBase,
    DataWarehouse,
    LoadBalancer,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
)

ENV_FILE = "/etc/archlib/app.env"


def variable(component_id: str, field: str, part: str = "") -> str:
    base = component_id.upper().replace("-", "_")
    return f"{base}_{part.upper()}_{field}" if part else f"{base}_{field}"


def environment(ctx: ExportContext, component: ComponentBase) -> list[tuple[str, str]]:
    """(name, Fn::Sub text) of every endpoint the component and what it hosts link to."""
    entries: dict[str, str] = {"AWS_REGION": "${AWS::Region}"}
    for member in [component, *ctx.graph.hosted_on(component.id)]:
        for link in ctx.graph.outgoing[member.id]:
            if link.mode == "replication":
                continue
            target = ctx.model.component(link.target)
            for name, value in _endpoints(ctx, component, target):
                entries.setdefault(name, value)
    return list(entries.items())


def _endpoints(
    ctx: ExportContext, owner: ComponentBase, target: Component
) -> list[tuple[str, str]]:
    if isinstance(target, LoadBalancer):
        return _balancer(ctx, target)
    if isinstance(target, RelationalDatabase):
        return _database(ctx, owner, target)
    if isinstance(target, Cache):
        return _cache(target)
    if isinstance(target, DataWarehouse):
        return warehouse_endpoints(target)
    name = pascal(target.id)
    if isinstance(target, Queue):
        return [(variable(target.id, "URL"), f"${{{name}Queue}}")]
    if isinstance(target, NoSqlTable):
        return [(variable(target.id, "TABLE"), f"${{{name}Table}}")]
    if isinstance(target, ObjectStore):
        return [(variable(target.id, "BUCKET"), f"${{{name}Bucket}}")]
    return []


def _balancer(ctx: ExportContext, balancer: LoadBalancer) -> list[tuple[str, str]]:
    if ctx.resolves_by_dns(balancer):
        return _read_names(ctx, balancer)
    if not ctx.deploys_balancer(balancer):
        return []
    return [
        (variable(balancer.id, "HOST"), f"${{{pascal(balancer.id)}LoadBalancer.DNSName}}"),
        (variable(balancer.id, "PORT"), str(balancer.listener_port)),
    ]


def _read_names(ctx: ExportContext, balancer: LoadBalancer) -> list[tuple[str, str]]:
    """The private DNS name over the replicas (readpath.py), one per primary partition."""
    from archlib.cloudformation.readpath import PRIVATE_ZONE_NAME, read_names

    entries: list[tuple[str, str]] = []
    for read in read_names(ctx, balancer):
        part = read.suffix.lower()
        entries += [
            (variable(balancer.id, "HOST", part), f"{read.label}.${{{PRIVATE_ZONE_NAME}}}"),
            (variable(balancer.id, "PORT", part), str(read.replicas.port)),
            (variable(balancer.id, "SECRET_ARN", part), _secret(ctx, read.primary, read.prefix)),
        ]
    return entries


def _secret(ctx: ExportContext, primary: RelationalDatabase, prefix: str) -> str:
    """The application user's secret (appuser.py): the tiers never get the master's."""
    from archlib.cloudformation.appuser import app_secret_id

    return f"${{{app_secret_id(prefix)}}}"


def _database(
    ctx: ExportContext, owner: ComponentBase, database: RelationalDatabase
) -> list[tuple[str, str]]:
    if database.host is not None:
        host = database.host
        address = "127.0.0.1" if host == owner.id else f"${{{pascal(host)}Instance.PrivateIp}}"
        return [
            (variable(database.id, "HOST"), address),
            (variable(database.id, "PORT"), str(database.port)),
        ]
    if database.replica_of is None:
        entries: list[tuple[str, str]] = []
        for prefix in partitions(database):
            part = prefix.removeprefix(pascal(database.id)).lower()
            entries += [
                (variable(database.id, "HOST", part), f"${{{prefix}Database.Endpoint.Address}}"),
                (variable(database.id, "PORT", part), f"${{{prefix}Database.Endpoint.Port}}"),
                (variable(database.id, "SECRET_ARN", part), _secret(ctx, database, prefix)),
            ]
        return entries
    primary = ctx.model.component(database.replica_of)
    assert isinstance(primary, RelationalDatabase)
    if primary.host is not None:
        return []
    entries = []
    for prefix in partitions(primary):
        suffix = prefix.removeprefix(pascal(primary.id))
        hosts = ",".join(
            f"${{{pascal(database.id)}{suffix}Replica{index + 1}.Endpoint.Address}}"
            for index in range(database.count)
        )
        part = suffix.lower()
        entries += [
            (variable(database.id, "HOSTS", part), hosts),
            (variable(database.id, "PORT", part), str(database.port)),
            (variable(database.id, "SECRET_ARN", part), _secret(ctx, primary, prefix)),
        ]
    return entries


def _cache(cache: Cache) -> list[tuple[str, str]]:
    if not cache.subnets:
        return []
    name = pascal(cache.id)
    if cache.engine == "memcached":
        endpoint = f"{name}CacheCluster.ConfigurationEndpoint"
    elif cache.shards > 1:
        endpoint = f"{name}ReplicationGroup.ConfigurationEndPoint"
    else:
        endpoint = f"{name}ReplicationGroup.PrimaryEndPoint"
    entries = [
        (variable(cache.id, "HOST"), f"${{{endpoint}.Address}}"),
        (variable(cache.id, "PORT"), f"${{{endpoint}.Port}}"),
    ]
    if cache.engine != "memcached" and cache.encrypted_in_transit:
        entries.append((variable(cache.id, "AUTH_SECRET_ARN"), f"${{{name}AuthSecret}}"))
    return entries


def warehouse_endpoints(warehouse: DataWarehouse) -> list[tuple[str, str]]:
    cluster = f"{pascal(warehouse.id)}Cluster"
    return [
        (variable(warehouse.id, "HOST"), f"${{{cluster}.Endpoint.Address}}"),
        (variable(warehouse.id, "PORT"), f"${{{cluster}.Endpoint.Port}}"),
        (variable(warehouse.id, "SECRET_ARN"), f"${{{cluster}.MasterPasswordSecretArn}}"),
    ]


def env_file_lines(ctx: ExportContext, component: ComponentBase) -> list[str]:
    """Shell lines writing the env file; the values are substituted by CloudFormation."""
    lines = [
        "# Where the linked services live, for the application (archlib appconfig).",
        "mkdir -p /etc/archlib",
        f"cat > {ENV_FILE} <<'ARCHLIB_ENV'",
        *(f"{name}={value}" for name, value in environment(ctx, component)),
        "ARCHLIB_ENV",
        f"chmod 0644 {ENV_FILE}",
    ]
    return lines
