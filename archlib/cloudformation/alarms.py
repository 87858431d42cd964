"""CloudWatch alarms on what the model monitors, an SNS topic for incidents, a dashboard.

Thresholds are fixed here, each with its reason, and repeated in every alarm's description so
the person who gets paged reads why it fired.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.intrinsics import Node, equals, get_att, not_, ref, sub
from archlib.cloudformation.naming import partitions, pascal
from archlib.model import (
    Architecture,
    Cache,
    ComputeTier,
    Host,
    LoadBalancer,
    Queue,
    RelationalDatabase,
)

ALARM_TOPIC = "AlarmTopic"
ALARM_EMAIL = "AlarmEmail"
PERIOD_S = 300
EVALUATIONS = 3
"""Three five-minute periods in a row: a sustained problem, not a blip."""
ERROR_RATE_PERCENT = 1.0
"""5xx responses above 1% of requests: users notice."""
LATENCY_P99_S = 1.0
"""A 99th-percentile response slower than a second."""
CPU_PERCENT = 80.0
"""Sustained CPU above 80% leaves no headroom for a peak."""
FREE_STORAGE_FRACTION = 0.1
"""Less than 10% of the allocated storage left."""
REPLICA_LAG_S = 30.0
"""Replicas more than 30 s behind serve visibly stale reads."""
OLDEST_MESSAGE_S = 600.0
"""A job waiting ten minutes: the workers are not keeping up, or not running."""
NODE_LIMIT = 9
"""CloudWatch metric math in one alarm takes at most ten metrics; one is the sum."""
FREEABLE_MEMORY_FRACTION = 0.1
"""Less than 10% of the instance's memory free: the buffer pool or the OS starts to swap."""
DISK_QUEUE_DEPTH = 20.0
"""Twenty I/O requests waiting on the volume: storage, not the engine, sets the pace."""
CONNECTIONS_FRACTION = 0.8
"""80% of the engine's default max_connections: the next peak is refused connections."""
CONNECTION_MEMORY_BYTES = {"mysql": 12_582_880, "mariadb": 12_582_880, "postgres": 9_531_392}
"""RDS's default max_connections is the class memory divided by this (per engine)."""
POSTGRES_MAX_CONNECTIONS = 5000
CACHE_CPU_PERCENT = 80.0
"""Redis runs commands on one thread: its engine CPU above 80% queues every client."""
CACHE_MEMORY_PERCENT = 80.0
"""Past 80% of its memory a cache evicts, or refuses writes, sooner than the model plans."""


def export_alarm_topic(ctx: ExportContext) -> str | None:
    if not exports_alarm_topic(ctx.model):
        return None
    template = ctx.template
    email = template.parameter(
        ALARM_EMAIL,
        {
            "Type": "String",
            "Default": "",
            "AllowedPattern": r"^$|^[^@\s]+@[^@\s]+$",
            "Description": "Who gets the alarms by email (confirm the subscription); empty: none",
        },
    )
    condition = template.condition("HasAlarmEmail", not_(equals(ref(email), "")))
    topic = template.resource(ALARM_TOPIC, "AWS::SNS::Topic", {"Tags": ctx.name_tag("alarms")})
    template.skip_check(
        topic,
        "CKV_AWS_26",
        "CloudWatch cannot publish to a topic under the AWS managed SNS key; alarms carry no "
        "customer data",
    )
    template.resource(
        "AlarmEmailSubscription",
        "AWS::SNS::Subscription",
        {"TopicArn": ref(topic), "Protocol": "email", "Endpoint": ref(email)},
        Condition=condition,
    )
    template.output("AlarmTopicArn", ref(topic), "SNS topic of the stack's alarms")
    return topic


@dataclass(frozen=True)
class AlarmSpec:
    """One alarm as the template writes it, less the incident topic's actions."""

    logical_id: str
    description: str
    comparison: str
    threshold: float
    metric: dict[str, Any]
    """A metric's fields, or `Metrics`: the metric math over several."""
    actions: tuple[Node, ...] = ()
    """Actions of its own on ALARM (EC2 recovery), before the topic's."""

    @property
    def metrics_read(self) -> int:
        """CloudWatch bills a metric math alarm per metric it reads."""
        metrics = self.metric.get("Metrics")
        if metrics is None:
            return 1
        return sum(1 for metric in metrics if "MetricStat" in metric)

    def properties(self, topic: str | None) -> dict[str, Any]:
        properties: dict[str, Any] = {
            "AlarmDescription": self.description,
            "ComparisonOperator": self.comparison,
            "Threshold": self.threshold,
            "EvaluationPeriods": EVALUATIONS,
            "DatapointsToAlarm": EVALUATIONS,
            "TreatMissingData": "notBreaching",
            **self.metric,
        }
        notify = [ref(topic)] if topic else []
        every = [*self.actions, *notify]
        if every:
            properties["AlarmActions"] = every
        if notify:
            properties["OKActions"] = notify
        return properties


@dataclass(frozen=True)
class AlarmPlan:
    """The alarms the model's monitoring asks for, and what of it cannot be an alarm."""

    alarms: tuple[AlarmSpec, ...]
    not_exported: tuple[str, ...]


def exports_alarm_topic(model: Architecture) -> bool:
    """Incidents go to a topic when there are alarms and the model wants to be told."""
    operations = model.operations
    return operations.monitoring != "none" and operations.incident_notification


def plan_alarms(ctx: ExportContext) -> AlarmPlan:
    """What the alarm exporter writes and the cost counts, decided once, without a template."""
    if ctx.model.operations.monitoring == "none":
        return AlarmPlan((), ())
    alarms = _Alarms(ctx)
    metrics = set(ctx.model.operations.metrics)
    for owner in ctx.instance_owners:
        alarms.instances(owner, "cpu" in metrics)
    for balancer in ctx.model.of_type(LoadBalancer):
        if balancer.type == "application" and ctx.deploys_balancer(balancer):
            alarms.balancer(balancer, "error_rate" in metrics, "latency" in metrics)
        if ctx.deploys_balancer(balancer) and balancer.type in ("application", "network"):
            alarms.unhealthy_hosts(balancer)
    for database in ctx.model.of_type(RelationalDatabase):
        if database.host is None:
            alarms.database(database, "cpu" in metrics, "replica_lag" in metrics)
    for queue in ctx.model.of_type(Queue):
        alarms.queue(queue)
    for cache in ctx.model.of_type(Cache):
        if "cache_hit_rate" in metrics:
            alarms.cache(cache)
        alarms.cache_load(cache, "cpu" in metrics)
    return AlarmPlan(tuple(alarms.specs), tuple(alarms.notes))


def export_alarms(ctx: ExportContext) -> None:
    if ctx.model.operations.monitoring == "none":
        return
    topic = export_alarm_topic(ctx)
    if topic is None:
        ctx.template.not_exported.append(
            "alarm actions: operations.incident_notification is off, so alarms notify no one"
        )
    plan = plan_alarms(ctx)
    for alarm in plan.alarms:
        ctx.template.resource(alarm.logical_id, "AWS::CloudWatch::Alarm", alarm.properties(topic))
    ctx.template.not_exported.extend(plan.not_exported)


class _Alarms:
    """Collects the alarms' specifications, component by component."""

    def __init__(self, ctx: ExportContext) -> None:
        self.ctx = ctx
        self.specs: list[AlarmSpec] = []
        self.notes: list[str] = []

    def _alarm(
        self,
        logical: str,
        description: str,
        comparison: str,
        threshold: float,
        metric: dict[str, Any],
        actions: list[Node] | None = None,
    ) -> None:
        self.specs.append(
            AlarmSpec(logical, description, comparison, threshold, metric, tuple(actions or ()))
        )

    @staticmethod
    def _single(
        namespace: str, name: str, dimensions: dict[str, Node], statistic: str = "Average"
    ) -> dict[str, Any]:
        metric: dict[str, Any] = {
            "Namespace": namespace,
            "MetricName": name,
            "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
            "Period": PERIOD_S,
        }
        if statistic.startswith("p"):
            metric["ExtendedStatistic"] = statistic
        else:
            metric["Statistic"] = statistic
        return metric

    def instances(self, owner: Any, cpu: bool) -> None:
        name = pascal(owner.id)
        if isinstance(owner, Host) or (isinstance(owner, ComputeTier) and owner.elastic_ip):
            count = 1 if isinstance(owner, Host) else owner.count
            for index in range(count):
                suffix = "" if count == 1 else str(index + 1)
                instance = ref(f"{name}Instance{suffix}")
                recover = sub("arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover")
                self._alarm(
                    f"{name}Instance{suffix}RecoveryAlarm",
                    f"{owner.id}: the host failed its system status check; EC2 recovers the "
                    "instance onto healthy hardware, keeping its volumes and addresses",
                    "GreaterThanThreshold",
                    0,
                    self._single(
                        "AWS/EC2", "StatusCheckFailed_System", {"InstanceId": instance}, "Maximum"
                    ),
                    actions=[recover],
                )
                if cpu:
                    self._alarm(
                        f"{name}Instance{suffix}CpuAlarm",
                        f"{owner.id}: CPU above {CPU_PERCENT:g}% for 15 minutes, no headroom "
                        "for a peak",
                        "GreaterThanThreshold",
                        CPU_PERCENT,
                        self._single("AWS/EC2", "CPUUtilization", {"InstanceId": instance}),
                    )
        elif cpu:
            self._alarm(
                f"{name}CpuAlarm",
                f"{owner.id}: average CPU above {CPU_PERCENT:g}% for 15 minutes although the "
                "group scales",
                "GreaterThanThreshold",
                CPU_PERCENT,
                self._single(
                    "AWS/EC2",
                    "CPUUtilization",
                    {"AutoScalingGroupName": ref(f"{name}AutoScalingGroup")},
                ),
            )

    def balancer(self, balancer: LoadBalancer, errors: bool, latency: bool) -> None:
        name = pascal(balancer.id)
        full_name = get_att(f"{name}LoadBalancer", "LoadBalancerFullName")

        def count(metric_id: str, metric: str) -> dict[str, Any]:
            return {
                "Id": metric_id,
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/ApplicationELB",
                        "MetricName": metric,
                        "Dimensions": [{"Name": "LoadBalancer", "Value": full_name}],
                    },
                    "Period": PERIOD_S,
                    "Stat": "Sum",
                },
                "ReturnData": False,
            }

        if errors:
            self._alarm(
                f"{name}ErrorRateAlarm",
                f"{balancer.id}: more than {ERROR_RATE_PERCENT:g}% of requests answered 5xx "
                "for 15 minutes",
                "GreaterThanThreshold",
                ERROR_RATE_PERCENT,
                {
                    "Metrics": [
                        count("targets", "HTTPCode_Target_5XX_Count"),
                        count("balancer", "HTTPCode_ELB_5XX_Count"),
                        count("requests", "RequestCount"),
                        {
                            "Id": "rate",
                            "Expression": "100 * (FILL(targets, 0) + FILL(balancer, 0)) / "
                            "IF(requests > 0, requests, 1)",
                            "Label": "5xx responses, % of requests",
                            "ReturnData": True,
                        },
                    ]
                },
            )
        if latency:
            self._alarm(
                f"{name}LatencyAlarm",
                f"{balancer.id}: 99th-percentile response time above {LATENCY_P99_S:g} s for "
                "15 minutes",
                "GreaterThanThreshold",
                LATENCY_P99_S,
                self._single(
                    "AWS/ApplicationELB",
                    "TargetResponseTime",
                    {"LoadBalancer": full_name},
                    "p99",
                ),
            )

    def database(self, database: RelationalDatabase, cpu: bool, lag: bool) -> None:
        name = pascal(database.id)
        if database.replica_of is not None:
            if not lag:
                return
            primary = self.ctx.model.component(database.replica_of)
            assert isinstance(primary, RelationalDatabase)
            if primary.host is not None:
                return
            for prefix in partitions(primary):
                suffix = prefix.removeprefix(pascal(primary.id))
                for index in range(database.count):
                    replica = f"{name}{suffix}Replica{index + 1}"
                    self._alarm(
                        f"{replica}LagAlarm",
                        f"{database.id} replica {index + 1}: more than {REPLICA_LAG_S:g} s "
                        "behind its primary",
                        "GreaterThanThreshold",
                        REPLICA_LAG_S,
                        self._single(
                            "AWS/RDS", "ReplicaLag", {"DBInstanceIdentifier": ref(replica)}
                        ),
                    )
            return
        for prefix in partitions(database):
            instance = ref(f"{prefix}Database")
            free_bytes = database.storage_gb * FREE_STORAGE_FRACTION * 1024**3
            self._alarm(
                f"{prefix}FreeStorageAlarm",
                f"{database.id}: less than {FREE_STORAGE_FRACTION:.0%} of its "
                f"{database.storage_gb} GB left",
                "LessThanThreshold",
                round(free_bytes),
                self._single("AWS/RDS", "FreeStorageSpace", {"DBInstanceIdentifier": instance}),
            )
            self._database_load(database, prefix)
            if cpu:
                self._alarm(
                    f"{prefix}CpuAlarm",
                    f"{database.id}: CPU above {CPU_PERCENT:g}% for 15 minutes",
                    "GreaterThanThreshold",
                    CPU_PERCENT,
                    self._single("AWS/RDS", "CPUUtilization", {"DBInstanceIdentifier": instance}),
                )

    def _database_load(self, database: RelationalDatabase, prefix: str) -> None:
        """Memory, the volume's queue and connections, against the instance class."""
        from archlib.catalogue import Catalogue

        assert database.instance_class is not None
        instance = {"DBInstanceIdentifier": ref(f"{prefix}Database")}
        known = Catalogue.bundled().get(database.instance_class)
        self._alarm(
            f"{prefix}DiskQueueAlarm",
            f"{database.id}: more than {DISK_QUEUE_DEPTH:g} I/O requests waiting on the "
            "volume for 15 minutes; storage sets the pace",
            "GreaterThanThreshold",
            DISK_QUEUE_DEPTH,
            self._single("AWS/RDS", "DiskQueueDepth", instance),
        )
        if known is None:
            return
        memory = known.memory_gib * 1024**3
        self._alarm(
            f"{prefix}FreeableMemoryAlarm",
            f"{database.id}: less than {FREEABLE_MEMORY_FRACTION:.0%} of its "
            f"{known.memory_gib:g} GiB of memory free for 15 minutes",
            "LessThanThreshold",
            round(memory * FREEABLE_MEMORY_FRACTION),
            self._single("AWS/RDS", "FreeableMemory", instance),
        )
        limit = int(memory // CONNECTION_MEMORY_BYTES[database.engine])
        if database.engine == "postgres":
            limit = min(limit, POSTGRES_MAX_CONNECTIONS)
        self._alarm(
            f"{prefix}ConnectionsAlarm",
            f"{database.id}: over {CONNECTIONS_FRACTION:.0%} of the {limit} connections "
            "its class allows by default, for 15 minutes",
            "GreaterThanThreshold",
            round(limit * CONNECTIONS_FRACTION),
            self._single("AWS/RDS", "DatabaseConnections", instance, "Maximum"),
        )

    def unhealthy_hosts(self, balancer: LoadBalancer) -> None:
        """A target failing its health check for 15 minutes: the group has lost capacity."""
        from archlib.cloudformation.balancing import target_group_id, target_groups

        name = pascal(balancer.id)
        namespace = "AWS/ApplicationELB" if balancer.type == "application" else "AWS/NetworkELB"
        exported = target_groups(self.ctx, balancer)
        for link in self.ctx.graph.outgoing[balancer.id]:
            group = target_group_id(balancer, link.target)
            if group not in exported:
                continue
            self._alarm(
                f"{group.removesuffix('TargetGroup')}UnhealthyHostsAlarm",
                f"{balancer.id} -> {link.target}: a target has failed its health check for "
                "15 minutes; the tier runs short of capacity",
                "GreaterThanThreshold",
                0,
                self._single(
                    namespace,
                    "UnHealthyHostCount",
                    {
                        "TargetGroup": get_att(group, "TargetGroupFullName"),
                        "LoadBalancer": get_att(f"{name}LoadBalancer", "LoadBalancerFullName"),
                    },
                    "Maximum",
                ),
            )

    def queue(self, queue: Queue) -> None:
        name = pascal(queue.id)
        self._alarm(
            f"{name}BacklogAlarm",
            f"{queue.id}: the oldest job has waited over {OLDEST_MESSAGE_S:g} s",
            "GreaterThanThreshold",
            OLDEST_MESSAGE_S,
            self._single(
                "AWS/SQS",
                "ApproximateAgeOfOldestMessage",
                {"QueueName": get_att(f"{name}Queue", "QueueName")},
                "Maximum",
            ),
        )
        if queue.dead_letter_queue:
            self._alarm(
                f"{name}DeadLetterAlarm",
                f"{queue.id}: jobs failed {queue.max_receive_count} times and wait in the "
                "dead-letter queue",
                "GreaterThanThreshold",
                0,
                self._single(
                    "AWS/SQS",
                    "ApproximateNumberOfMessagesVisible",
                    {"QueueName": get_att(f"{name}DeadLetterQueue", "QueueName")},
                    "Maximum",
                ),
            )

    def cache(self, cache: Cache) -> None:
        """Evictions summed over the nodes: the cache is too small for what it should hold.

        ElastiCache publishes per node; replication group nodes are named
        `<group>-<shard 0001..>-<node 001..>` with cluster mode on, `<group>-<node 001..>`
        with it off; memcached nodes are a cluster id and a node id `0001..`.
        """
        name = pascal(cache.id)
        nodes = self._cache_nodes(cache, "eviction alarm")
        if not nodes:
            return
        self._alarm(
            f"{name}EvictionAlarm",
            f"{cache.id}: keys evicted for lack of memory for 15 minutes; the hit rate falls",
            "GreaterThanThreshold",
            0,
            {"Metrics": self._per_node(nodes, "Evictions", "Sum", "SUM", "Evictions on all nodes")},
        )

    def cache_load(self, cache: Cache, cpu: bool) -> None:
        """The busiest node's engine CPU and memory (Redis and Valkey)."""
        if cache.engine == "memcached":
            return
        name = pascal(cache.id)
        nodes = self._cache_nodes(cache, "load alarms")
        if not nodes:
            return
        if cpu:
            self._alarm(
                f"{name}EngineCpuAlarm",
                f"{cache.id}: a node's engine thread above {CACHE_CPU_PERCENT:g}% CPU for "
                "15 minutes; commands queue",
                "GreaterThanThreshold",
                CACHE_CPU_PERCENT,
                {
                    "Metrics": self._per_node(
                        nodes, "EngineCPUUtilization", "Average", "MAX", "Busiest node"
                    )
                },
            )
        self._alarm(
            f"{name}MemoryAlarm",
            f"{cache.id}: a node above {CACHE_MEMORY_PERCENT:g}% of its memory for 15 minutes",
            "GreaterThanThreshold",
            CACHE_MEMORY_PERCENT,
            {
                "Metrics": self._per_node(
                    nodes, "DatabaseMemoryUsagePercentage", "Average", "MAX", "Fullest node"
                )
            },
        )

    def _cache_nodes(self, cache: Cache, what: str) -> list[dict[str, Node]]:
        name = pascal(cache.id)
        if not cache.subnets:
            return []
        nodes: list[dict[str, Node]] = []
        if cache.engine == "memcached":
            cluster = ref(f"{name}CacheCluster")
            nodes = [
                {"CacheClusterId": cluster, "CacheNodeId": f"{n + 1:04d}"}
                for n in range(cache.nodes * cache.shards)
            ]
        else:
            group = f"{name}ReplicationGroup"
            if cache.shards > 1:
                nodes = [
                    {"CacheClusterId": sub(f"${{{group}}}-{shard + 1:04d}-{node + 1:03d}")}
                    for shard in range(cache.shards)
                    for node in range(cache.nodes)
                ]
            else:
                nodes = [
                    {"CacheClusterId": sub(f"${{{group}}}-{node + 1:03d}")}
                    for node in range(cache.nodes)
                ]
        if len(nodes) > NODE_LIMIT:
            self.notes.append(
                f"{what} of {cache.id}: {len(nodes)} nodes are more than one alarm "
                f"can sum ({NODE_LIMIT})"
            )
            return []
        return nodes

    @staticmethod
    def _per_node(
        nodes: list[dict[str, Node]], metric: str, stat: str, function: str, label: str
    ) -> list[dict[str, Any]]:
        """One metric per node and one expression over them (`SUM`, `MAX`)."""
        metrics: list[dict[str, Any]] = [
            {
                "Id": f"node{index + 1}",
                "MetricStat": {
                    "Metric": {
                        "Namespace": "AWS/ElastiCache",
                        "MetricName": metric,
                        "Dimensions": [{"Name": k, "Value": v} for k, v in node.items()],
                    },
                    "Period": PERIOD_S,
                    "Stat": stat,
                },
                "ReturnData": False,
            }
            for index, node in enumerate(nodes)
        ]
        metrics.append(
            {
                "Id": "result",
                "Expression": f"{function}(METRICS())",
                "Label": label,
                "ReturnData": True,
            }
        )
        return metrics
