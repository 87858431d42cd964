"""Where data lives: relational databases, caches, object stores, NoSQL, queues, warehouses."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from archlib.model.base import Identifier, StrictModel
from archlib.model.components.base import (
    ComponentBase,
    KindTraits,
    PlacedComponent,
    catalogue_type,
)
from archlib.model.limits import MAX_OBJECT_KB


class Partition(StrictModel):
    """One shard or federated database; each is a primary of its own."""

    name: Identifier
    description: str | None = None


class Partitioning(StrictModel):
    strategy: Literal["sharding", "federation"]
    partitions: list[Partition] = Field(min_length=2)


ENGINE_DEFAULTS = {
    "mysql": ("8.4.8", 3306),
    "mariadb": ("10.11.14", 3306),
    "postgres": ("17.6", 5432),
}
"""Per engine: the version and port a database gets when the model states none."""


RDS_MAX_STORAGE_GB = 65_536
"""64 TiB: the largest gp3, io1 or io2 volume RDS for MySQL, MariaDB and PostgreSQL allows."""


class RelationalDatabase(PlacedComponent):
    """MySQL and friends: RDS when it has an instance_class, self-managed on a host otherwise.

    A read-replica set is a component of its own with `replica_of`, so links can say which
    traffic goes to the replicas and which to the primary.
    """

    traits: ClassVar[KindTraits] = KindTraits(
        "data", "Amazon RDS", "MySQL", stores_data=True, in_vpc=True, default_port=3306
    )
    kind: Literal["relational_database"]
    engine: Literal["mysql", "mariadb", "postgres"] = "mysql"
    engine_version: str = Field(
        default="8.4.8",
        description="Default: 8.4.8 (MySQL), 10.11.14 (MariaDB), 17.6 (PostgreSQL).",
    )
    instance_class: str | None = Field(default=None, pattern=r"^db\.[a-z0-9]+\.[a-z0-9]+$")
    host: Identifier | None = Field(default=None, description="The host it shares, if any.")
    multi_az: bool = Field(default=False, description="A standby in another AZ (failover).")
    replica_of: Identifier | None = Field(
        default=None, description="The primary this read-replica set copies."
    )
    count: int = Field(default=1, ge=1, le=15, description="Instances; above 1 only for replicas.")
    storage_gb: int = Field(default=100, ge=20, le=RDS_MAX_STORAGE_GB)
    max_storage_gb: int | None = Field(
        default=None,
        ge=21,
        le=RDS_MAX_STORAGE_GB,
        description="Ceiling of RDS storage autoscaling; defaults to twice storage_gb.",
    )
    storage_type: Literal["gp3", "gp2", "io1", "io2"] = "gp3"
    stored_kb_per_write: float | None = Field(
        default=None,
        gt=0,
        le=MAX_OBJECT_KB,
        allow_inf_nan=False,
        description="KB each write keeps here; default traffic.record_kb (a row).",
    )
    encrypted: bool = True
    backup_retention_days: int = Field(default=7, ge=0, le=35)
    retention_months: int | None = Field(
        default=None,
        ge=1,
        description=(
            "Months of content kept here when older rows move elsewhere (a data warehouse): a "
            "rolling window, priced full; defaults to the traffic profile's retention_months, "
            "priced as it grows."
        ),
    )
    partitioning: Partitioning | None = None
    port: int = Field(
        default=3306, ge=1, le=65535, description="Default: 3306, or 5432 for PostgreSQL."
    )

    @field_validator("instance_class")
    @classmethod
    def _known_class(cls, value: str | None) -> str | None:
        return None if value is None else catalogue_type(value, "rds")

    @property
    def storage_ceiling_gb(self) -> int:
        """The most storage one copy can grow to: max_storage_gb (twice storage_gb when not
        stated, as the exported stack sets it), never above RDS's 64 TiB."""
        stated = self.max_storage_gb if self.max_storage_gb is not None else 2 * self.storage_gb
        return min(stated, RDS_MAX_STORAGE_GB)

    @property
    def storage_ceiling_basis(self) -> str:
        if self.max_storage_gb is not None:
            return "max_storage_gb"
        if 2 * self.storage_gb <= RDS_MAX_STORAGE_GB:
            return "max_storage_gb, by default twice storage_gb"
        return "RDS's 64 TiB limit"

    @model_validator(mode="after")
    def _consistent(self) -> RelationalDatabase:
        if self.host is not None:
            stated = sorted(
                {"instance_class", "multi_az", "subnets", "replica_of"} & self.model_fields_set
            )
            if stated:
                raise ValueError(
                    f"runs on host {self.host!r} (self-managed); remove {', '.join(stated)}"
                )
        else:
            if self.instance_class is None:
                raise ValueError("needs an instance_class (RDS) or a host to run on")
            if not self.subnets:
                raise ValueError("needs at least one subnet (or a host to run on)")
        if self.count > 1 and self.replica_of is None:
            raise ValueError("count above 1 is for read-replica sets; set replica_of")
        if self.max_storage_gb is not None and self.max_storage_gb <= self.storage_gb:
            raise ValueError(
                f"max_storage_gb {self.max_storage_gb} must exceed storage_gb {self.storage_gb}"
            )
        if self.replica_of is not None and self.partitioning is not None:
            raise ValueError("a replica set copies its primary's partitioning; remove partitioning")
        version, port = ENGINE_DEFAULTS[self.engine]
        # The engine's own defaults where the model states none; kept out of the fields set,
        # so a saved model stays as it was written.
        if "engine_version" not in self.model_fields_set:
            self.__dict__["engine_version"] = version
        if "port" not in self.model_fields_set:
            self.__dict__["port"] = port
        return self

    @property
    def is_replica(self) -> bool:
        return self.replica_of is not None

    @property
    def primaries(self) -> int:
        """Independent write masters: one, or one per shard or federated database."""
        return len(self.partitioning.partitions) if self.partitioning else 1


class Cache(PlacedComponent):
    traits: ClassVar[KindTraits] = KindTraits(
        "data",
        "Amazon ElastiCache",
        "Memory Cache",
        stores_data=True,
        in_vpc=True,
        default_port=6379,
    )
    kind: Literal["cache"]
    engine: Literal["redis", "valkey", "memcached"] = "redis"
    node_type: str = Field(default="cache.r6g.large", pattern=r"^cache\.[a-z0-9]+\.[a-z0-9]+$")
    nodes: int = Field(
        default=2, ge=1, le=6, description="Nodes per shard: a primary and replicas."
    )
    shards: int = Field(default=1, ge=1, le=500)
    automatic_failover: bool = True
    multi_az: bool = True
    encrypted_at_rest: bool = True
    encrypted_in_transit: bool = True
    port: int = Field(default=6379, ge=1, le=65535)
    hit_rate: float | None = Field(
        default=None,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Share of reads it answers; default traffic.cache_hit_rate.",
    )

    @field_validator("node_type")
    @classmethod
    def _known_node_type(cls, value: str) -> str:
        return catalogue_type(value, "elasticache")

    @model_validator(mode="after")
    def _failover_needs_replicas(self) -> Cache:
        if self.automatic_failover and self.nodes < 2:
            raise ValueError("automatic_failover needs at least 2 nodes")
        if self.engine == "memcached" and self.automatic_failover:
            raise ValueError("memcached has no replication, so no automatic_failover")
        return self


class ObjectStore(ComponentBase):
    traits: ClassVar[KindTraits] = KindTraits(
        "data",
        "Amazon S3",
        "Object Store",
        managed_regional=True,
        stores_data=True,
        default_port=443,
    )
    kind: Literal["object_store"]
    encrypted: bool = True
    block_public_access: bool = True
    versioning: bool = True
    storage_class: Literal["STANDARD", "STANDARD_IA", "INTELLIGENT_TIERING"] = "STANDARD"
    contents: list[str] = Field(default_factory=list, description="What it holds: JS, images, ...")
    stored_kb_per_write: float | None = Field(
        default=None,
        gt=0,
        le=MAX_OBJECT_KB,
        allow_inf_nan=False,
        description="KB each write keeps here; default traffic.write_size_kb (an object).",
    )


class NoSqlTable(ComponentBase):
    traits: ClassVar[KindTraits] = KindTraits(
        "data",
        "Amazon DynamoDB",
        "NoSQL",
        managed_regional=True,
        stores_data=True,
        default_port=443,
    )
    kind: Literal["nosql_table"]
    billing_mode: Literal["on_demand", "provisioned"] = "on_demand"
    read_capacity: int | None = Field(default=None, ge=1)
    write_capacity: int | None = Field(default=None, ge=1)
    encrypted: bool = True
    point_in_time_recovery: bool = True
    partition_key: str = Field(default="pk", min_length=1, max_length=255)
    stored_kb_per_write: float | None = Field(
        default=None,
        gt=0,
        le=MAX_OBJECT_KB,
        allow_inf_nan=False,
        description="KB each write keeps here; default traffic.record_kb (an item).",
    )

    @model_validator(mode="after")
    def _capacity_matches_mode(self) -> NoSqlTable:
        provisioned = self.read_capacity is not None or self.write_capacity is not None
        if self.billing_mode == "provisioned" and not (self.read_capacity and self.write_capacity):
            raise ValueError("provisioned billing needs read_capacity and write_capacity")
        if self.billing_mode == "on_demand" and provisioned:
            raise ValueError("read_capacity and write_capacity are for provisioned billing")
        return self


class Queue(ComponentBase):
    traits: ClassVar[KindTraits] = KindTraits(
        "data", "Amazon SQS", "Queue", managed_regional=True, stores_data=True, default_port=443
    )
    kind: Literal["queue"]
    encrypted: bool = True
    fifo: bool = False
    dead_letter_queue: bool = True
    max_receive_count: int = Field(default=5, ge=1, le=1000)
    visibility_timeout_s: int = Field(default=60, ge=0, le=43200)


class DataWarehouse(PlacedComponent):
    traits: ClassVar[KindTraits] = KindTraits(
        "data",
        "Amazon Redshift",
        "Data Warehouse",
        stores_data=True,
        in_vpc=True,
        default_port=5439,
    )
    kind: Literal["data_warehouse"]
    node_type: str = Field(default="ra3.xlplus", pattern=r"^[a-z0-9]+\.[a-z0-9]+$")
    stored_kb_per_write: float | None = Field(
        default=None,
        gt=0,
        le=MAX_OBJECT_KB,
        allow_inf_nan=False,
        description="KB each write keeps here; default traffic.record_kb (a row).",
    )
    nodes: int = Field(default=2, ge=1, le=128)
    encrypted: bool = True
    snapshot_retention_days: int = Field(
        default=7, ge=1, le=35, description="Days Redshift keeps automated snapshots."
    )
    port: int = Field(default=5439, ge=1150, le=65535)

    @field_validator("node_type")
    @classmethod
    def _known_node_type(cls, value: str) -> str:
        return catalogue_type(value, "redshift")

    @model_validator(mode="after")
    def _needs_subnets(self) -> DataWarehouse:
        if not self.subnets:
            raise ValueError("needs at least one subnet")
        return self
