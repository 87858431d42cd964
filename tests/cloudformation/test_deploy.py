"""Each reference stage deploys to moto's CloudFormation; the resources read back through the
service APIs have the model's topology.

Resource types moto cannot create are listed as a warning (`MotoGap`) and checked against
the template in test_template.py instead.
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from archlib import load
from archlib.cloudformation import render, to_cloudformation
from archlib.cloudformation.naming import pascal
from archlib.model import (
    Architecture,
    ComponentBase,
    ComputeTier,
    DataWarehouse,
    LoadBalancer,
    NoSqlTable,
    ObjectStore,
    PlacedComponent,
    Queue,
    RelationalDatabase,
)
from archlib.model.exposure import ingress_of
from tests.cloudformation.moto_stack import Unverified, adapt, stand_ins
from tests.cloudformation.support import STAGES

REGION = "us-east-1"
KNOWN_GAPS = {
    "AWS::Backup::BackupPlan",
    "AWS::Backup::BackupSelection",
    "AWS::Backup::BackupVault",
    "AWS::CloudTrail::Trail",
    "AWS::CloudWatch::Alarm",
    "AWS::SecretsManager::Secret",
    "AWS::SecretsManager::SecretTargetAttachment",
    "AWS::SecretsManager::RotationSchedule",
    "AWS::SNS::Subscription",
    "AWS::CloudFront::Distribution",
    "AWS::CloudFront::OriginAccessControl",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::SubnetGroup",
    "AWS::S3::BucketPolicy",
    "AWS::AutoScaling::ScalingPolicy",
    "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::Route53::RecordSet",
}
"""Types some resource of which moto cannot verify; anything else unverified is a failure."""


PROPERTY_GAPS = {
    "AWS::S3::Bucket": ("VersioningConfiguration", "PublicAccessBlockConfiguration"),
    "AWS::DynamoDB::Table": ("PointInTimeRecoverySpecification",),
    "AWS::RDS::DBInstance": ("DBParameterGroupName",),
}
"""Properties moto's CloudFormation accepts but does not apply (or, for an instance's parameter
group, cannot take: moto_stack.py leaves it out); test_template.py checks them."""


class MotoGap(UserWarning):
    """Part of a template that moto could not create, so the deploy test could not check."""


SERVICES = (
    "acm", "autoscaling", "cloudformation", "dynamodb", "ec2", "elbv2", "rds", "redshift",
    "route53", "s3", "sqs",
)  # fmt: skip


@dataclass(frozen=True)
class Deployed:
    model: Architecture
    template: dict[str, Any]
    physical: dict[str, str]
    unverified: list[Unverified]
    status: str
    aws: dict[str, Any]


def _clients(account: str) -> dict[str, Any]:
    """Clients for a moto account of their own, so stacks never share names."""
    import boto3

    credentials = boto3.client("sts", region_name=REGION).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/archlib-tests", RoleSessionName="archlib-tests"
    )["Credentials"]
    session = boto3.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        region_name=REGION,
    )
    return {name: session.client(name) for name in SERVICES}  # type: ignore[call-overload]


def _prefix_list(aws: dict[str, Any], name: str) -> str:
    """The lookup docs/cloudformation.md gives operators, against moto's managed lists."""
    found = aws["ec2"].describe_managed_prefix_lists(
        Filters=[{"Name": "prefix-list-name", "Values": [name]}]
    )["PrefixLists"]
    return str(found[0]["PrefixListId"])


def _deploy(path: Path, account: str) -> Deployed:
    aws = _clients(account)
    zone = aws["route53"].create_hosted_zone(Name="example.com", CallerReference=account)
    certificate = aws["acm"].request_certificate(DomainName="example.com")["CertificateArn"]
    values = {
        "DnsHostedZoneId": zone["HostedZone"]["Id"].split("/")[-1],
        "CertificateArn": certificate,
        "CdnCertificateArn": certificate,
        "S3PrefixList": _prefix_list(aws, f"com.amazonaws.{REGION}.s3"),
    }
    model = load(path)
    template = to_cloudformation(model)
    image = aws["ec2"].describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    for name, definition in template.get("Parameters", {}).items():
        if definition["Type"] == "AWS::EC2::Image::Id" and "Default" not in definition:
            values[name] = image  # the pinned AMI an operator resolves once
    adapted, unverified = adapt(template)
    parameters = [
        {"ParameterKey": key, "ParameterValue": value}
        for key, value in values.items()
        if key in template.get("Parameters", {})
    ]
    cfn = aws["cloudformation"]
    name = f"stage-{path.stem}"
    cfn.create_stack(StackName=name, TemplateBody=render(adapted), Parameters=parameters)
    status = cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
    physical = {
        r["LogicalResourceId"]: r.get("PhysicalResourceId", "")
        for r in cfn.describe_stack_resources(StackName=name)["StackResources"]
        if r["ResourceStatus"] == "CREATE_COMPLETE"
    }
    return Deployed(model, template, physical, unverified, status, aws)


@pytest.fixture(scope="module")
def deployed() -> Iterator[dict[str, Deployed]]:
    from moto import mock_aws

    with mock_aws():
        yield {
            path.stem: _deploy(path, f"{100000000000 + index:012d}")
            for index, path in enumerate(STAGES, start=1)
        }


def _stage_ids() -> list[str]:
    return [p.stem for p in STAGES]


@pytest.fixture(params=_stage_ids())
def stage(request: pytest.FixtureRequest, deployed: dict[str, Deployed]) -> Deployed:
    return deployed[request.param]


def test_stack_is_created_and_gaps_are_reported(stage: Deployed) -> None:
    assert stage.status == "CREATE_COMPLETE"
    grouped: dict[tuple[str, str], list[str]] = {}
    for gap in stage.unverified:
        reason = "depends on what moto skips" if gap.reason.startswith("depends") else gap.reason
        grouped.setdefault((gap.type, reason), []).append(gap.logical_id)
    gaps = [f"{kind} ({reason}): {', '.join(ids)}" for (kind, reason), ids in grouped.items()]
    gaps += [f"{used}: moto has no such attribute or secret, a fixed value stood in" for used in
             stand_ins(stage.template)[1]]  # fmt: skip
    for logical, resource in stage.template["Resources"].items():
        for name in PROPERTY_GAPS.get(resource["Type"], ()):
            if name in resource["Properties"]:
                gaps.append(f"{logical}.{name}: moto does not apply it")
    if gaps:
        warnings.warn(
            MotoGap(f"{stage.model.name}: not verified in moto: " + "; ".join(gaps)), stacklevel=1
        )
    assert {gap.type for gap in stage.unverified} <= KNOWN_GAPS
    created = set(stage.physical)
    assert created | {gap.logical_id for gap in stage.unverified} == set(
        stage.template["Resources"]
    )


def test_subnets_sit_in_the_modelled_azs(stage: Deployed) -> None:
    aws = stage.aws
    ec2 = aws["ec2"]
    zones = sorted(z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"])
    subnets = stage.model.network.subnets
    ids = [stage.physical[f"Subnet{pascal(s.id)}"] for s in subnets]
    found = {s["SubnetId"]: s for s in ec2.describe_subnets(SubnetIds=ids)["Subnets"]}
    for subnet, subnet_id in zip(subnets, ids, strict=True):
        assert (
            found[subnet_id]["AvailabilityZone"] == zones[stage.model.network.azs.index(subnet.az)]
        )
        assert found[subnet_id]["CidrBlock"] == str(subnet.cidr)
    per_az = Counter(found[i]["AvailabilityZone"] for i in ids)
    expected = Counter(zones[stage.model.network.azs.index(s.az)] for s in subnets)
    assert per_az == expected


def _groups(stage: Deployed) -> Iterator[ComputeTier]:
    for tier in stage.model.of_type(ComputeTier):
        if tier.host is None and not tier.elastic_ip:
            yield tier


def test_auto_scaling_groups_have_model_bounds_and_subnets(stage: Deployed) -> None:
    aws = stage.aws
    for tier in _groups(stage):
        name = stage.physical[f"{pascal(tier.id)}AutoScalingGroup"]
        (group,) = aws["autoscaling"].describe_auto_scaling_groups(AutoScalingGroupNames=[name])[
            "AutoScalingGroups"
        ]
        assert (group["MinSize"], group["MaxSize"]) == (tier.min_instances, tier.max_instances)
        subnets = {stage.physical[f"Subnet{pascal(s)}"] for s in tier.subnets}
        assert set(group["VPCZoneIdentifier"].split(",")) == subnets
        fronted = any(
            isinstance(stage.model.component(link.source), LoadBalancer)
            for link in stage.model.links_to(tier.id)
        )
        assert group["HealthCheckType"] == ("ELB" if fronted else "EC2")
        if fronted:
            assert group["TargetGroupARNs"]
        schedules = aws["autoscaling"].describe_scheduled_actions(AutoScalingGroupName=name)
        modelled = tier.autoscaling.schedules if tier.autoscaling else []
        assert len(schedules["ScheduledUpdateGroupActions"]) == len(modelled)


def _replica_dns(model: Architecture, balancer: ComponentBase) -> bool:
    """A network load balancer in front of read replicas: exported as private DNS records."""
    targets = [model.component(link.target) for link in model.links_from(balancer.id)]
    return (
        isinstance(balancer, LoadBalancer)
        and balancer.type == "network"
        and bool(targets)
        and all(isinstance(t, RelationalDatabase) and t.replica_of is not None for t in targets)
    )


def _expected_ingress(stage: Deployed, owner: PlacedComponent) -> set[tuple[Any, ...]]:
    model = stage.model
    members = [owner, *model.hosted_on(owner.id)]
    expected: set[tuple[Any, ...]] = set()
    for member in members:
        for rule in ingress_of(model, member):
            if rule.source == "internet":
                sources = ["0.0.0.0/0"]
            elif rule.rule is not None and rule.rule.cidr is not None:
                sources = [str(rule.rule.cidr)]
            else:
                component = model.component(rule.source)
                # clients of a replica DNS name connect to the replicas themselves
                upstream = (
                    [model.component(link.source) for link in model.links_to(component.id)]
                    if _replica_dns(model, component)
                    else [component]
                )
                owners = {getattr(c, "host", None) or c.id for c in upstream} - {owner.id}
                sources = [stage.physical[f"{pascal(o)}SecurityGroup"] for o in sorted(owners)]
            expected |= {(rule.protocol, rule.port, rule.port_to, s) for s in sources}
    rotation = stage.physical.get(f"{pascal(owner.id)}RotationSecurityGroup")
    if isinstance(owner, RelationalDatabase) and rotation is not None:
        expected.add(("tcp", owner.port, owner.port, rotation))  # rotates the master secret
    return expected


def _actual_ingress(group: dict[str, Any]) -> set[tuple[Any, ...]]:
    actual: set[tuple[Any, ...]] = set()
    for permission in group["IpPermissions"]:
        key = (permission["IpProtocol"], permission["FromPort"], permission["ToPort"])
        actual |= {(*key, r["CidrIp"]) for r in permission.get("IpRanges", [])}
        actual |= {(*key, p["GroupId"]) for p in permission.get("UserIdGroupPairs", [])}
    return actual


def test_security_groups_allow_exactly_the_modelled_flows(stage: Deployed) -> None:
    aws = stage.aws
    for owner in stage.model.of_type(PlacedComponent):
        if getattr(owner, "host", None) is not None or not owner.subnets:
            continue
        if _replica_dns(stage.model, owner):
            assert f"{pascal(owner.id)}SecurityGroup" not in stage.physical
            continue
        group_id = stage.physical[f"{pascal(owner.id)}SecurityGroup"]
        (group,) = aws["ec2"].describe_security_groups(GroupIds=[group_id])["SecurityGroups"]
        actual = _actual_ingress(group)
        assert actual == _expected_ingress(stage, owner), owner.id
        assert not any(rule[3] == "0.0.0.0/0" and rule[1] <= 22 <= rule[2] for rule in actual)


def test_mysql_takes_connections_only_from_its_clients(stage: Deployed) -> None:
    aws = stage.aws
    model = stage.model
    for database in model.of_type(RelationalDatabase):
        if database.host is not None:
            continue
        group_id = stage.physical[f"{pascal(database.id)}SecurityGroup"]
        (group,) = aws["ec2"].describe_security_groups(GroupIds=[group_id])["SecurityGroups"]
        clients = {
            stage.physical[f"{pascal(source.id)}SecurityGroup"]
            for link in model.links_to(database.id)
            if link.mode != "replication"
            for source in (
                [model.component(inner.source) for inner in model.links_to(link.source)]
                if _replica_dns(model, model.component(link.source))
                else [model.component(link.source)]
            )
        }
        rotation = stage.physical.get(f"{pascal(database.id)}RotationSecurityGroup")
        if rotation is not None:
            clients.add(rotation)  # the function that rotates the master secret
        (permission,) = group["IpPermissions"]
        assert permission["FromPort"] == permission["ToPort"] == database.port
        assert permission.get("IpRanges", []) == []
        assert {p["GroupId"] for p in permission["UserIdGroupPairs"]} == clients


def test_databases_are_encrypted_and_multi_az_as_modelled(stage: Deployed) -> None:
    aws = stage.aws
    rds = aws["rds"]
    for database in stage.model.of_type(RelationalDatabase):
        if database.host is not None:
            continue
        name = pascal(database.id)
        if database.replica_of is None:
            (instance,) = rds.describe_db_instances(
                DBInstanceIdentifier=stage.physical[f"{name}Database"]
            )["DBInstances"]
            assert instance["MultiAZ"] is database.multi_az
            assert instance["StorageEncrypted"] is database.encrypted
            assert instance["Engine"] == database.engine
            assert instance["PubliclyAccessible"] is False
            subnets = {s["SubnetIdentifier"] for s in instance["DBSubnetGroup"]["Subnets"]}
            assert subnets == {stage.physical[f"Subnet{pascal(s)}"] for s in database.subnets}
        else:
            primary = stage.physical[f"{pascal(database.replica_of)}Database"]
            for index in range(database.count):
                (replica,) = rds.describe_db_instances(
                    DBInstanceIdentifier=stage.physical[f"{name}Replica{index + 1}"]
                )["DBInstances"]
                assert replica["ReadReplicaSourceDBInstanceIdentifier"] == primary


def test_load_balancers_and_target_groups(stage: Deployed) -> None:
    aws = stage.aws
    elbv2 = aws["elbv2"]
    for balancer in stage.model.of_type(LoadBalancer):
        if _replica_dns(stage.model, balancer):
            continue  # test_replica_reads_need_no_manual_step reads its records
        arn = stage.physical[f"{pascal(balancer.id)}LoadBalancer"]
        (found,) = elbv2.describe_load_balancers(LoadBalancerArns=[arn])["LoadBalancers"]
        assert found["Scheme"] == balancer.scheme
        listeners = {
            listener["Port"]: listener
            for listener in elbv2.describe_listeners(LoadBalancerArn=arn)["Listeners"]
        }
        if balancer.type == "application" and balancer.tls:
            assert listeners[balancer.listener_port]["Protocol"] == "HTTPS"
            assert listeners[balancer.listener_port]["SslPolicy"] == balancer.ssl_policy
            if balancer.redirect_http:
                (action,) = listeners[80]["DefaultActions"]
                assert action["Type"] == "redirect"
                assert action["RedirectConfig"]["Protocol"] == "HTTPS"
        for link in stage.model.links_from(balancer.id):
            group_arn = stage.physical[f"{pascal(balancer.id)}{pascal(link.target)}TargetGroup"]
            (group,) = elbv2.describe_target_groups(TargetGroupArns=[group_arn])["TargetGroups"]
            if balancer.type == "application":
                assert group["HealthCheckPath"] == balancer.health_check_path
                assert group["TargetType"] == "instance"
            else:
                assert group["TargetType"] == "ip"


def test_managed_data_services(stage: Deployed) -> None:
    aws = stage.aws
    for store in stage.model.of_type(ObjectStore):
        bucket = stage.physical[f"{pascal(store.id)}Bucket"]
        rules = aws["s3"].get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"][
            "Rules"
        ]
        assert rules[0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    for queue in stage.model.of_type(Queue):
        url = stage.physical[f"{pascal(queue.id)}Queue"]
        attributes = aws["sqs"].get_queue_attributes(QueueUrl=url, AttributeNames=["All"])
        redrive = json.loads(attributes["Attributes"]["RedrivePolicy"])
        assert int(redrive["maxReceiveCount"]) == queue.max_receive_count
        dead = stage.physical[f"{pascal(queue.id)}DeadLetterQueue"]
        dead_arn = aws["sqs"].get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])
        assert redrive["deadLetterTargetArn"] == dead_arn["Attributes"]["QueueArn"]
    for table in stage.model.of_type(NoSqlTable):
        name = stage.physical[f"{pascal(table.id)}Table"]
        described = aws["dynamodb"].describe_table(TableName=name)["Table"]
        assert described["KeySchema"] == [{"AttributeName": table.partition_key, "KeyType": "HASH"}]
    for warehouse in stage.model.of_type(DataWarehouse):
        name = stage.physical[f"{pascal(warehouse.id)}Cluster"]
        (cluster,) = aws["redshift"].describe_clusters(ClusterIdentifier=name)["Clusters"]
        assert cluster["Encrypted"] is warehouse.encrypted
        assert cluster["NumberOfNodes"] == warehouse.nodes


def test_single_boxes_have_their_elastic_ip(stage: Deployed) -> None:
    aws = stage.aws
    boxes = [
        c.id
        for c in stage.model.components
        if getattr(c, "elastic_ip", False) and getattr(c, "host", None) is None
    ]
    for box in boxes:
        instance = stage.physical[f"{pascal(box)}Instance"]
        addresses = aws["ec2"].describe_addresses(
            Filters=[{"Name": "instance-id", "Values": [instance]}]
        )["Addresses"]
        assert len(addresses) == 1


def test_replica_reads_need_no_manual_step(stage: Deployed) -> None:
    """Defect 4: a DNS name over the replicas' own endpoints, nothing to register by hand."""
    steps = stage.template.get("Metadata", {}).get("archlib", {}).get("AfterDeployment", [])
    assert all(s.startswith("create the application user") for s in steps), "no other step"
    balancers = [b for b in stage.model.of_type(LoadBalancer) if _replica_dns(stage.model, b)]
    if not balancers:
        return
    route53, rds = stage.aws["route53"], stage.aws["rds"]
    zone = stage.physical["PrivateHostedZone"]
    records = route53.list_resource_record_sets(HostedZoneId=zone)["ResourceRecordSets"]
    for balancer in balancers:
        (link,) = stage.model.links_from(balancer.id)
        replicas = stage.model.component(link.target)
        assert isinstance(replicas, RelationalDatabase)
        endpoints = {
            rds.describe_db_instances(
                DBInstanceIdentifier=stage.physical[f"{pascal(replicas.id)}Replica{i + 1}"]
            )["DBInstances"][0]["Endpoint"]["Address"]
            for i in range(replicas.count)
        }
        named = [r for r in records if r["Name"].startswith(f"{balancer.id}.")]
        assert {r["Type"] for r in named} == {"CNAME"}
        assert {v["Value"] for r in named for v in r["ResourceRecords"]} == endpoints
