"""RDS instances, clusters and replicas (`replicate_source_db`), and ElastiCache."""

from __future__ import annotations

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import Emit, Family, Patch, Result, emit, flat, pick


def db_instance(r: TfResource) -> Result:
    names = {
        "Engine": "engine",
        "EngineVersion": "engine_version",
        "DBInstanceClass": "instance_class",
        "AllocatedStorage": "allocated_storage",
        "MultiAZ": "multi_az",
        "StorageEncrypted": "storage_encrypted",
        "StorageType": "storage_type",
        "DBSubnetGroupName": "db_subnet_group_name",
        "PubliclyAccessible": "publicly_accessible",
        "BackupRetentionPeriod": "backup_retention_period",
        "Port": "port",
        "SourceDBInstanceIdentifier": "replicate_source_db",
        "DBClusterIdentifier": "cluster_identifier",
        "ManageMasterUserPassword": "manage_master_user_password",
    }
    properties = pick(r.attributes, names)
    groups = r.attributes.get("vpc_security_group_ids")
    if groups is not None:
        properties["VPCSecurityGroups"] = flat(groups)
    return emit("AWS::RDS::DBInstance", r, properties)


def cluster(r: TfResource) -> Result:
    names = {
        "Engine": "engine",
        "EngineVersion": "engine_version",
        "DBSubnetGroupName": "db_subnet_group_name",
        "StorageEncrypted": "storage_encrypted",
        "BackupRetentionPeriod": "backup_retention_period",
        "Port": "port",
        "DBClusterInstanceClass": "db_cluster_instance_class",
        "AllocatedStorage": "allocated_storage",
        "StorageType": "storage_type",
        "ManageMasterUserPassword": "manage_master_user_password",
    }
    properties = pick(r.attributes, names)
    groups = r.attributes.get("vpc_security_group_ids")
    if groups is not None:
        properties["VpcSecurityGroupIds"] = flat(groups)
    return emit("AWS::RDS::DBCluster", r, properties)


def cluster_instance(r: TfResource) -> Result:
    names = {
        "DBClusterIdentifier": "cluster_identifier",
        "DBInstanceClass": "instance_class",
        "Engine": "engine",
        "PubliclyAccessible": "publicly_accessible",
    }
    return emit("AWS::RDS::DBInstance", r, pick(r.attributes, names))


def db_subnet_group(r: TfResource) -> Result:
    return [Emit("AWS::RDS::DBSubnetGroup", {"SubnetIds": flat(r.attributes.get("subnet_ids"))})]


def cache_subnet_group(r: TfResource) -> Result:
    subnets = flat(r.attributes.get("subnet_ids"))
    return [Emit("AWS::ElastiCache::SubnetGroup", {"SubnetIds": subnets})]


def replication_group(r: TfResource) -> Result:
    names = {
        "Engine": "engine",
        "CacheNodeType": "node_type",
        "NumCacheClusters": "num_cache_clusters",
        "NumNodeGroups": "num_node_groups",
        "ReplicasPerNodeGroup": "replicas_per_node_group",
        "AutomaticFailoverEnabled": "automatic_failover_enabled",
        "MultiAZEnabled": "multi_az_enabled",
        "AtRestEncryptionEnabled": "at_rest_encryption_enabled",
        "TransitEncryptionEnabled": "transit_encryption_enabled",
        "CacheSubnetGroupName": "subnet_group_name",
        "Port": "port",
    }
    properties = pick(r.attributes, names)
    if "NumCacheClusters" not in properties and r.attributes.get("number_cache_clusters"):
        properties["NumCacheClusters"] = r.attributes["number_cache_clusters"]
    if r.attributes.get("security_group_ids") is not None:
        properties["SecurityGroupIds"] = flat(r.attributes["security_group_ids"])
    return emit("AWS::ElastiCache::ReplicationGroup", r, properties)


def cache_cluster(r: TfResource) -> Result:
    if r.attributes.get("replication_group_id") is not None:
        return [Patch(r.attributes["replication_group_id"])]  # a member of the group
    names = {
        "Engine": "engine",
        "CacheNodeType": "node_type",
        "NumCacheNodes": "num_cache_nodes",
        "CacheSubnetGroupName": "subnet_group_name",
        "Port": "port",
    }
    properties = pick(r.attributes, names)
    if r.attributes.get("security_group_ids") is not None:
        properties["VpcSecurityGroupIds"] = flat(r.attributes["security_group_ids"])
    return emit("AWS::ElastiCache::CacheCluster", r, properties)


FAMILY = Family(
    "databases",
    {
        "aws_db_instance": db_instance,
        "aws_rds_cluster": cluster,
        "aws_rds_cluster_instance": cluster_instance,
        "aws_db_subnet_group": db_subnet_group,
        "aws_elasticache_subnet_group": cache_subnet_group,
        "aws_elasticache_replication_group": replication_group,
        "aws_elasticache_cluster": cache_cluster,
    },
)
