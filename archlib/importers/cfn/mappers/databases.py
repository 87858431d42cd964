"""RDS instances, clusters and read replicas, and ElastiCache: the stores in the VPC."""

from __future__ import annotations

import re
from typing import Any

from archlib.catalogue import Catalogue
from archlib.importers.cfn.context import Draft, ImportContext, as_bool, as_int, as_list
from archlib.importers.cfn.mappers.compute import known_type, security_groups
from archlib.importers.cfn.values import ResourceRef

ENGINES = {"mysql": "mysql", "mariadb": "mariadb", "postgres": "postgres"}
AURORA = {"aurora": "mysql", "aurora-mysql": "mysql", "aurora-postgresql": "postgres"}
DB_CLASS = re.compile(r"^db\.[a-z0-9]+\.[a-z0-9]+$")
CACHE_NODE = re.compile(r"^cache\.[a-z0-9]+\.[a-z0-9]+$")
RDS_MIN_STORAGE_GB = 20
CFN_DEFAULT_BACKUP_DAYS = 1
"""RDS keeps automated backups one day when BackupRetentionPeriod is not given."""


def subnet_group(ctx: ImportContext, value: Any, kind: str) -> tuple[list[str], list[str]]:
    """Subnets of a DB / cache / cluster subnet group, and the group's logical id."""
    if isinstance(value, ResourceRef) and ctx.type_of(value.logical_id) == kind:
        props = ctx.props(value.logical_id)
        ids = props.get("SubnetIds", props.get("SubnetIDs"))
        return ctx.network.subnet_ids(as_list(ids)), [value.logical_id]
    return [], []


def _db_class(ctx: ImportContext, value: Any, owner: str) -> str:
    if isinstance(value, str) and DB_CLASS.match(value):
        return known_type(ctx, value, "rds", owner)
    ctx.report.assume(f"{owner}: DB instance class not known; db.t3.medium stands in")
    return "db.t3.medium"


def map_databases(ctx: ImportContext) -> None:
    instances = ctx.resources_of("AWS::RDS::DBInstance")
    clusters = {lid for lid, _ in ctx.resources_of("AWS::RDS::DBCluster")}
    members: dict[str, list[str]] = {}
    replicas: dict[tuple[str, str], list[str]] = {}
    for logical_id, resource in instances:
        props = ctx.props(logical_id)
        cluster = props.get("DBClusterIdentifier")
        source = props.get("SourceDBInstanceIdentifier")
        if isinstance(cluster, ResourceRef) and cluster.logical_id in clusters:
            members.setdefault(cluster.logical_id, []).append(logical_id)
        elif isinstance(source, ResourceRef):
            key = (source.logical_id, str(props.get("DBInstanceClass")))
            replicas.setdefault(key, []).append(logical_id)
        else:
            _primary(ctx, logical_id, resource["Type"])
    for logical_id, _ in ctx.resources_of("AWS::RDS::DBCluster"):
        _cluster(ctx, logical_id, members.get(logical_id, []))
    for (source, _), logical_ids in replicas.items():
        _replicas(ctx, source, logical_ids)


def _engine(ctx: ImportContext, value: Any, logical_id: str, type_: str) -> str | None:
    name = str(value).lower() if isinstance(value, str) else "mysql"
    if not isinstance(value, str):
        ctx.report.assume(f"{logical_id}: engine not known; MySQL stands in")
    if name in ENGINES:
        return ENGINES[name]
    if name in AURORA:
        return AURORA[name]
    ctx.report.skip(
        logical_id, type_, f"engine {value} has no archlib model (MySQL, MariaDB, PostgreSQL)"
    )
    return None


def _primary(ctx: ImportContext, logical_id: str, type_: str) -> None:
    props = ctx.props(logical_id)
    engine = _engine(ctx, props.get("Engine"), logical_id, type_)
    if engine is None:
        return
    subnets, absorbed = subnet_group(ctx, props.get("DBSubnetGroupName"), "AWS::RDS::DBSubnetGroup")
    if not subnets:
        subnets = ctx.network.default_subnets(2)
    storage = as_int(props.get("AllocatedStorage"), 100) or 100
    if storage < RDS_MIN_STORAGE_GB:
        ctx.report.assume(
            f"{logical_id}: {storage} GB allocated; the model starts at {RDS_MIN_STORAGE_GB} GB"
        )
        storage = RDS_MIN_STORAGE_GB
    storage_type = str(props.get("StorageType", "gp2"))
    data: dict[str, Any] = {
        "kind": "relational_database",
        "engine": engine,
        "instance_class": _db_class(ctx, props.get("DBInstanceClass"), logical_id),
        "multi_az": as_bool(props.get("MultiAZ"), False),
        "storage_gb": min(storage, 65536),
        "storage_type": storage_type if storage_type in ("gp2", "gp3", "io1", "io2") else "gp2",
        "encrypted": as_bool(props.get("StorageEncrypted"), False),
        "backup_retention_days": min(
            as_int(props.get("BackupRetentionPeriod"), CFN_DEFAULT_BACKUP_DAYS) or 0, 35
        ),
        "subnets": subnets,
    }
    if isinstance(props.get("EngineVersion"), str):
        data["engine_version"] = props["EngineVersion"]
    port = as_int(props.get("Port"))
    data["port"] = port if port and 1 <= port <= 65535 else (5432 if engine == "postgres" else 3306)
    if as_bool(props.get("PubliclyAccessible"), False):
        ctx.report.assume(
            f"{logical_id}: PubliclyAccessible; reachable from the internet only as far as "
            "its security groups and subnets allow, which the model checks"
        )
    groups = security_groups(ctx, props.get("VPCSecurityGroups"), props.get("DBSecurityGroups"))
    ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id], groups), *absorbed)


def _cluster(ctx: ImportContext, logical_id: str, members: list[str]) -> None:
    props = ctx.props(logical_id)
    engine = _engine(ctx, props.get("Engine"), logical_id, "AWS::RDS::DBCluster")
    if engine is None:
        return
    subnets, absorbed = subnet_group(ctx, props.get("DBSubnetGroupName"), "AWS::RDS::DBSubnetGroup")
    if not subnets:
        subnets = ctx.network.default_subnets(2)
    first = ctx.props(members[0]) if members else {}
    data: dict[str, Any] = {
        "kind": "relational_database",
        "engine": engine,
        "instance_class": _db_class(
            ctx, first.get("DBInstanceClass", props.get("DBClusterInstanceClass")), logical_id
        ),
        "multi_az": len(members) >= 2,
        "encrypted": as_bool(props.get("StorageEncrypted"), False),
        "subnets": subnets,
        "port": 5432 if engine == "postgres" else 3306,
    }
    ctx.report.assume(
        f"{logical_id}: an Aurora or Multi-AZ DB cluster of {len(members)} instance(s) is one "
        "database whose failover is its second instance; priced as an RDS instance of its "
        "class, not with Aurora's storage and I/O rates"
    )
    groups = security_groups(ctx, props.get("VpcSecurityGroupIds"))
    for member in members:
        groups |= security_groups(ctx, ctx.props(member).get("VPCSecurityGroups"))
    ids = [logical_id, *members]
    ctx.add(Draft(ctx.new_id(logical_id), data, ids, groups), *absorbed)


def _replicas(ctx: ImportContext, source: str, logical_ids: list[str]) -> None:
    primary = ctx.owner.get(source)
    if primary is None or primary.kind != "relational_database":
        for logical_id in logical_ids:
            ctx.report.skip(
                logical_id,
                "AWS::RDS::DBInstance",
                f"read replica of {source}, which is not modelled",
            )
        return
    first = ctx.props(logical_ids[0])
    data: dict[str, Any] = {
        "kind": "relational_database",
        "engine": primary.data["engine"],
        "instance_class": _db_class(
            ctx, first.get("DBInstanceClass", primary.data["instance_class"]), logical_ids[0]
        ),
        "replica_of": primary.id,
        "count": min(len(logical_ids), 15),
        "storage_gb": primary.data.get("storage_gb", 100),
        "encrypted": primary.data.get("encrypted", False),
        "subnets": primary.data["subnets"],
        "port": primary.data["port"],
    }
    if "engine_version" in primary.data:
        data["engine_version"] = primary.data["engine_version"]
    groups: set[str] = set()
    for logical_id in logical_ids:
        groups |= security_groups(ctx, ctx.props(logical_id).get("VPCSecurityGroups"))
    stem = re.sub(r"Replica\d*$", "", logical_ids[0])
    name = stem or f"{source}Replicas"
    draft = ctx.add(Draft(ctx.new_id(name), data, list(logical_ids), groups))
    ctx.link(primary.id, draft.id, mode="replication", traffic="replication", purpose="replication")


def map_caches(ctx: ImportContext) -> None:
    for logical_id, resource in ctx.resources_of(
        "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"
    ):
        props = ctx.props(logical_id)
        group = resource["Type"] == "AWS::ElastiCache::ReplicationGroup"
        engine = str(props.get("Engine", "redis")).lower()
        if engine not in ("redis", "valkey", "memcached"):
            engine = "redis"
        if group:
            shards = as_int(props.get("NumNodeGroups"), 1) or 1
            per_shard = as_int(props.get("ReplicasPerNodeGroup"))
            nodes = (
                per_shard + 1
                if per_shard is not None
                else as_int(props.get("NumCacheClusters"), 1) or 1
            )
        else:
            shards, nodes = 1, as_int(props.get("NumCacheNodes"), 1) or 1
        nodes = min(max(nodes, 1), 6)
        failover = (
            group
            and engine != "memcached"
            and nodes >= 2
            and as_bool(props.get("AutomaticFailoverEnabled"), False)
        )
        node_type = props.get("CacheNodeType")
        if not (isinstance(node_type, str) and CACHE_NODE.match(node_type)):
            ctx.report.assume(f"{logical_id}: cache node type not known; cache.t3.medium stands in")
            node_type = "cache.t3.medium"
        elif Catalogue.bundled().get(node_type) is None:
            closest = Catalogue.bundled().suggest(node_type, "elasticache")
            ctx.report.skip(
                logical_id,
                resource["Type"],
                f"node type {node_type} is not in archlib's catalogue"
                + (f" (closest known: {', '.join(closest)})" if closest else ""),
            )
            continue
        subnets, absorbed = subnet_group(
            ctx, props.get("CacheSubnetGroupName"), "AWS::ElastiCache::SubnetGroup"
        )
        if not subnets:
            subnets = ctx.network.default_subnets(2)
        port = as_int(props.get("Port"))
        data: dict[str, Any] = {
            "kind": "cache",
            "engine": engine,
            "node_type": node_type,
            "nodes": nodes,
            "shards": min(max(shards, 1), 500),
            "automatic_failover": failover,
            "multi_az": as_bool(props.get("MultiAZEnabled"), False) if group else False,
            "encrypted_at_rest": as_bool(props.get("AtRestEncryptionEnabled"), False),
            "encrypted_in_transit": as_bool(props.get("TransitEncryptionEnabled"), False),
            "subnets": subnets,
            "port": port
            if port and 1 <= port <= 65535
            else (11211 if engine == "memcached" else 6379),
        }
        groups = security_groups(
            ctx, props.get("SecurityGroupIds"), props.get("VpcSecurityGroupIds")
        )
        ctx.add(Draft(ctx.new_id(logical_id), data, [logical_id], groups), *absorbed)
