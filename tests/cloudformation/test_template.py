"""What the six stages' templates say, read straight from the template: the properties moto
does not apply, least-privilege security groups, AZ spread, determinism and minimal diffs."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

from archlib import InputError, load
from archlib.cloudformation import render, to_cloudformation
from archlib.cloudformation.naming import pascal
from archlib.model import Architecture, ComputeTier
from archlib.model.exposure import link_port
from tests.cloudformation.support import (
    STAGES,
    TEMPLATES,
    resources_of,
    stage_template,
    stage_text,
    subnet_az_index,
)

IDS = [p.stem for p in STAGES]
DATABASE_PORTS = {3306, 5432, 5439, 6379}


@pytest.fixture(params=STAGES, ids=IDS)
def stage(request: pytest.FixtureRequest) -> tuple[Architecture, dict[str, Any]]:
    path: Path = request.param
    return stage_template(path)


@pytest.mark.parametrize("path", STAGES, ids=IDS)
def test_committed_template_is_current(path: Path) -> None:
    committed = TEMPLATES / f"{path.stem}.yaml"
    assert committed.read_text(encoding="utf-8") == stage_text(path), (
        f"{committed} is stale: run `make run`"
    )


def test_same_model_same_bytes() -> None:
    model = load(STAGES[-1])
    assert render(to_cloudformation(model)) == render(to_cloudformation(model.model_copy()))


def test_description_names_model_and_stage(stage: tuple[Architecture, dict[str, Any]]) -> None:
    model, template = stage
    assert model.name in template["Description"]
    assert model.stage is not None
    assert f"stage {model.stage.number}" in template["Description"]


def test_yaml_is_block_style_with_short_tags() -> None:
    text = stage_text(STAGES[-1])
    assert "!Ref " in text and "!GetAtt " in text and "!Sub " in text
    assert "Fn::Sub" not in text and "Fn::Select" not in text
    assert "!GetAZs ''" in text
    assert not any(line.rstrip().endswith("{") for line in text.splitlines())
    assert "us-east-1a" not in text and "us-east-1b" not in text


def test_security_groups_are_least_privilege(stage: tuple[Architecture, dict[str, Any]]) -> None:
    _, template = stage
    for ingress in resources_of(template, "AWS::EC2::SecurityGroupIngress").values():
        rule = ingress["Properties"]
        ports = range(rule["FromPort"], rule["ToPort"] + 1)
        if rule.get("CidrIp") == "0.0.0.0/0":
            assert 22 not in ports, "SSH is never open to the world"
        if DATABASE_PORTS & set(ports):
            assert "SourceSecurityGroupId" in rule, "database ports only from client groups"
    for group in resources_of(template, "AWS::EC2::SecurityGroup").values():
        egress = group["Properties"]["SecurityGroupEgress"]
        assert egress, "egress is explicit"
        for rule in egress:
            if rule.get("CidrIp") == "0.0.0.0/0":
                assert (rule["IpProtocol"], rule["FromPort"]) == ("tcp", 443)


def test_stage_one_box_reaches_aws_apis_and_nothing_else() -> None:
    """Defect 3: Session Manager and the CloudWatch agent work, yet `egress: none` holds:
    HTTPS to the VPC's interface endpoints and to S3 through its gateway, no route out."""
    _, template = stage_template(STAGES[0])
    (rule,) = template["Resources"]["BoxSecurityGroup"]["Properties"]["SecurityGroupEgress"]
    assert rule["DestinationPrefixListId"] == {"Ref": "S3PrefixList"}
    assert (rule["IpProtocol"], rule["FromPort"], rule["ToPort"]) == ("tcp", 443, 443)
    (egress,) = resources_of(template, "AWS::EC2::SecurityGroupEgress").values()
    assert egress["Properties"]["DestinationSecurityGroupId"] == {
        "Fn::GetAtt": ["VpcEndpointSecurityGroup", "GroupId"]
    }
    endpoints = resources_of(template, "AWS::EC2::VPCEndpoint").values()
    services = {e["Properties"]["ServiceName"]["Fn::Sub"].rsplit(".", 1)[1] for e in endpoints}
    assert {"ssm", "ssmmessages", "ec2messages", "logs", "monitoring", "s3"} <= services
    interface = [e for e in endpoints if e["Properties"]["VpcEndpointType"] == "Interface"]
    assert all(e["Properties"]["PrivateDnsEnabled"] for e in interface)


@pytest.mark.parametrize("path", STAGES[2:], ids=IDS[2:])
def test_every_instance_tier_reaches_the_endpoints(path: Path) -> None:
    """Defect 3: in stages 3-6 the web tier had no HTTPS egress at all."""
    model, template = stage_template(path)
    egress = resources_of(template, "AWS::EC2::SecurityGroupEgress")
    for tier in model.of_type(ComputeTier):
        if tier.host is None and tier.uses_instances:
            rule = egress[f"{pascal(tier.id)}EgressToVpcEndpointsTcp443"]["Properties"]
            assert rule["FromPort"] == 443
    gateways = {
        e["Properties"]["ServiceName"]["Fn::Sub"].rsplit(".", 1)[1]
        for e in resources_of(template, "AWS::EC2::VPCEndpoint").values()
        if e["Properties"]["VpcEndpointType"] == "Gateway"
    }
    assert "s3" in gateways
    assert ("dynamodb" in gateways) == any(c.kind == "nosql_table" for c in model.components)


def test_mysql_ingress_only_from_application_tiers() -> None:
    _, template = stage_template(STAGES[2])
    sources = {
        rule["Properties"]["SourceSecurityGroupId"]["Fn::GetAtt"][0]
        for rule in resources_of(template, "AWS::EC2::SecurityGroupIngress").values()
        if rule["Properties"]["GroupId"] == {"Fn::GetAtt": ["MysqlSecurityGroup", "GroupId"]}
    }
    assert sources == {"ReadApiSecurityGroup", "WriteApiSecurityGroup"}
    egress = resources_of(template, "AWS::EC2::SecurityGroupEgress")
    assert egress["ReadApiEgressToMysqlTcp3306"]["Properties"]["DestinationSecurityGroupId"] == {
        "Fn::GetAtt": ["MysqlSecurityGroup", "GroupId"]
    }


def test_instances_use_imdsv2_and_encrypted_gp3(stage: tuple[Architecture, dict[str, Any]]) -> None:
    _, template = stage
    templates = resources_of(template, "AWS::EC2::LaunchTemplate").values()
    assert templates
    for launch in templates:
        data = launch["Properties"]["LaunchTemplateData"]
        assert data["MetadataOptions"]["HttpTokens"] == "required"
        (device,) = data["BlockDeviceMappings"]
        assert device["Ebs"]["VolumeType"] == "gp3" and device["Ebs"]["Encrypted"] is True


def test_scaling_policies_and_schedules_follow_the_model() -> None:
    model, template = stage_template(STAGES[4])
    policies = resources_of(template, "AWS::AutoScaling::ScalingPolicy")
    web = policies["WebRequestCountScalingPolicy"]["Properties"]["TargetTrackingConfiguration"]
    assert web["TargetValue"] == 1000
    spec = web["PredefinedMetricSpecification"]
    assert spec["PredefinedMetricType"] == "ALBRequestCountPerTarget"
    assert spec["ResourceLabel"]["Fn::Join"][1][1] == {
        "Fn::GetAtt": ["LbWebTargetGroup", "TargetGroupFullName"]
    }
    cpu = policies["WebCpuScalingPolicy"]["Properties"]["TargetTrackingConfiguration"]
    assert cpu["PredefinedMetricSpecification"]["PredefinedMetricType"] == (
        "ASGAverageCPUUtilization"
    )
    expected = sum(len(t.autoscaling.policies) for t in model.of_type(ComputeTier) if t.autoscaling)
    assert len(policies) == expected
    night = template["Resources"]["WebNightScheduledAction"]["Properties"]
    assert (night["Recurrence"], night["MinSize"]) == ("0 1 * * *", 2)


def _keys(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [*node, *(k for v in node.values() for k in _keys(v))]
    if isinstance(node, list):
        return [k for item in node for k in _keys(item)]
    return []


def test_databases_never_hold_a_plaintext_password(
    stage: tuple[Architecture, dict[str, Any]],
) -> None:
    _, template = stage
    assert "MasterPassword" not in set(_keys(template))
    instances = resources_of(template, "AWS::RDS::DBInstance")
    sources = {
        r["Properties"]["SourceDBInstanceIdentifier"]["Ref"]
        for r in instances.values()
        if "SourceDBInstanceIdentifier" in r["Properties"]
    }
    for logical, database in instances.items():
        assert database["DeletionPolicy"] and database["UpdateReplacePolicy"]
        properties = database["Properties"]
        if logical in sources:
            # a dynamic reference, resolved by CloudFormation from the generated secret
            password = properties["MasterUserPassword"]["Fn::Sub"]
            assert password.startswith("{{resolve:secretsmanager:")
        elif "SourceDBInstanceIdentifier" not in properties:
            assert "MasterUserPassword" not in properties
            assert properties["ManageMasterUserPassword"] is True
        if "SourceDBInstanceIdentifier" not in properties:
            assert properties["StorageEncrypted"] is True
            assert properties["PubliclyAccessible"] is False


def test_static_content_is_private_and_served_through_cloudfront() -> None:
    _, template = stage_template(STAGES[2])
    bucket = template["Resources"]["StaticBucket"]["Properties"]
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    distribution = template["Resources"]["CdnDistribution"]["Properties"]["DistributionConfig"]
    (origin,) = distribution["Origins"]
    assert origin["OriginAccessControlId"] == {"Fn::GetAtt": ["CdnStaticOriginAccessControl", "Id"]}
    statements = template["Resources"]["StaticBucketPolicy"]["Properties"]["PolicyDocument"][
        "Statement"
    ]
    reads = next(s for s in statements if s["Sid"] == "CdnReads")
    assert reads["Principal"] == {"Service": "cloudfront.amazonaws.com"}
    assert "CdnDistribution" in reads["Condition"]["StringEquals"]["AWS:SourceArn"]["Fn::Sub"]


def test_cache_queue_and_table_settings() -> None:
    _, template = stage_template(STAGES[5])
    cache = template["Resources"]["CacheReplicationGroup"]["Properties"]
    assert cache["AutomaticFailoverEnabled"] and cache["MultiAZEnabled"]
    assert cache["AtRestEncryptionEnabled"] and cache["TransitEncryptionEnabled"]
    assert (cache["NumNodeGroups"], cache["ReplicasPerNodeGroup"]) == (2, 2)
    queue = template["Resources"]["QueueQueue"]["Properties"]
    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {
        "Fn::GetAtt": ["QueueDeadLetterQueue", "Arn"]
    }
    table = template["Resources"]["NosqlTable"]["Properties"]
    assert table["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True


def test_public_load_balancer_terminates_tls_with_a_parameterised_certificate() -> None:
    _, template = stage_template(STAGES[3])
    assert "Default" not in template["Parameters"]["CertificateArn"]
    https = template["Resources"]["LbHttpsListener"]["Properties"]
    assert https["Certificates"] == [{"CertificateArn": {"Ref": "CertificateArn"}}]
    assert https["SslPolicy"].startswith("ELBSecurityPolicy-TLS13")
    redirect = template["Resources"]["LbHttpRedirectListener"]["Properties"]
    assert redirect["DefaultActions"][0]["RedirectConfig"]["Port"] == "443"
    steps = template["Metadata"]["archlib"]["AfterDeployment"]
    assert all(s.startswith("create the application user") for s in steps), "no other step"
    assert "ReplicaLbLoadBalancer" not in template["Resources"]
    assert "ReplicaLbReadEndpoint" in template["Outputs"]


def test_outputs_name_the_endpoints() -> None:
    _, first = stage_template(STAGES[0])
    assert "BoxPublicIp" in first["Outputs"]
    _, last = stage_template(STAGES[5])
    for name in ("LbDnsName", "CdnDomainName", "MysqlEndpoint", "CacheEndpoint", "QueueQueueUrl"):
        assert name in last["Outputs"]


def _az_spread(template: dict[str, Any]) -> dict[str, set[int]]:
    """For every tier in the template, the AZ indices it runs in."""
    resources = template["Resources"]
    spread: dict[str, set[int]] = {}
    for logical, group in resources_of(template, "AWS::AutoScaling::AutoScalingGroup").items():
        subnets = group["Properties"]["VPCZoneIdentifier"]
        spread[logical] = {subnet_az_index(template, s) for s in subnets}
    for logical, balancer in resources_of(
        template, "AWS::ElasticLoadBalancingV2::LoadBalancer"
    ).items():
        spread[logical] = {subnet_az_index(template, s) for s in balancer["Properties"]["Subnets"]}
    for logical, instance in resources_of(template, "AWS::EC2::Instance").items():
        spread[logical] = {subnet_az_index(template, instance["Properties"]["SubnetId"])}
    replicas: dict[str, set[int]] = {}
    for logical, database in resources_of(template, "AWS::RDS::DBInstance").items():
        properties = database["Properties"]
        if "SourceDBInstanceIdentifier" in properties:
            zone = properties["AvailabilityZone"]["Fn::Select"][0]
            replicas.setdefault(properties["VPCSecurityGroups"][0]["Fn::GetAtt"][0], set()).add(
                zone
            )
        else:
            group = resources[properties["DBSubnetGroupName"]["Ref"]]["Properties"]["SubnetIds"]
            zones = {subnet_az_index(template, s) for s in group}
            spread[logical] = zones if properties["MultiAZ"] else set(list(zones)[:1])
    spread |= replicas
    for logical, cache in resources_of(template, "AWS::ElastiCache::ReplicationGroup").items():
        properties = cache["Properties"]
        group = resources[properties["CacheSubnetGroupName"]["Ref"]]["Properties"]["SubnetIds"]
        zones = {subnet_az_index(template, s) for s in group}
        spread[logical] = zones if properties["MultiAZEnabled"] else set(list(zones)[:1])
    return spread


@pytest.mark.parametrize("path", STAGES[2:], ids=IDS[2:])
def test_stages_without_single_points_of_failure_span_two_azs(path: Path) -> None:
    _, template = stage_template(path)
    single = {tier: zones for tier, zones in _az_spread(template).items() if len(zones) < 2}
    assert single == {}


@pytest.mark.parametrize("path", STAGES[:2], ids=IDS[:2])
def test_early_stages_run_a_tier_in_one_az(path: Path) -> None:
    _, template = stage_template(path)
    assert any(len(zones) == 1 for zones in _az_spread(template).values())


@pytest.mark.skipif(
    importlib.util.find_spec("archlib.checks") is None,
    reason="archlib.checks (run_checks) is not part of this build yet",
)
@pytest.mark.parametrize("path", STAGES, ids=IDS)
def test_checks_agree_with_the_template(path: Path) -> None:
    from archlib.checks import run_checks  # type: ignore[import-not-found,unused-ignore]

    model, template = stage_template(path)
    spof_free = not any(
        f.category == "spof" and getattr(f, "severity", "error") != "info"
        for f in run_checks(model).findings
    )
    spread = _az_spread(template)
    assert spof_free == all(len(zones) >= 2 for zones in spread.values())


def _changed(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    keys = set(before["Resources"]) | set(after["Resources"])
    return {k for k in keys if before["Resources"].get(k) != after["Resources"].get(k)}


def test_a_changed_model_changes_only_its_own_resources() -> None:
    model = load(STAGES[2])
    data = model.model_dump(mode="json", exclude_unset=True, by_alias=True)
    for component in data["components"]:
        if component["id"] == "web":
            component["count"] = 3
    grown = Architecture.model_validate(data)
    assert _changed(to_cloudformation(model), to_cloudformation(grown)) == {"WebAutoScalingGroup"}


def test_a_new_component_leaves_existing_resources_alone() -> None:
    model = load(STAGES[2])
    data = model.model_dump(mode="json", exclude_unset=True, by_alias=True)
    data["components"].append({"id": "jobs", "kind": "queue"})
    data["links"].append({"source": "write-api", "target": "jobs", "mode": "async"})
    changed = _changed(
        to_cloudformation(model), to_cloudformation(Architecture.model_validate(data))
    )
    # the Write API already reaches S3 over HTTPS, so its security group stays as it was;
    # its launch template gains the queue's URL in the env file
    assert changed == {
        "JobsQueue",
        "JobsDeadLetterQueue",
        "WriteApiRole",
        "WriteApiLaunchTemplate",
        "JobsBacklogAlarm",
        "JobsDeadLetterAlarm",
    }


def _replica_name(component: Any) -> bool:
    """In these stages a network load balancer fronts read replicas: it becomes DNS records."""
    return component.kind == "load_balancer" and component.type == "network"


def _expected_egress(model: Architecture) -> set[tuple[str, str, int]]:
    """(group, destination group, port) for every link that leaves a group for another."""
    expected: set[tuple[str, str, int]] = set()
    for link in model.links:
        source, target = model.component(link.source), model.component(link.target)
        source_owner = model.component(getattr(source, "host", None) or source.id)
        target_owner = model.component(getattr(target, "host", None) or target.id)
        if link.mode == "replication" or getattr(source, "egress", None) != "links":
            continue
        if not getattr(target_owner, "subnets", None) or target_owner.id == source_owner.id:
            continue
        if not getattr(source_owner, "subnets", None) or _replica_name(source_owner):
            continue
        if _replica_name(target):
            # a replica set's read name: the clients connect to the replicas themselves
            for inner in model.links_from(target.id):
                expected.add((source_owner.id, inner.target, link_port(model, inner) or 0))
            continue
        expected.add((source_owner.id, target_owner.id, link_port(model, link) or 0))
    return expected


def test_egress_follows_the_links_and_nothing_else(
    stage: tuple[Architecture, dict[str, Any]],
) -> None:
    model, template = stage
    ids = {pascal(c.id): c.id for c in model.components}
    actual = {
        (
            ids[rule["Properties"]["GroupId"]["Fn::GetAtt"][0].removesuffix("SecurityGroup")],
            ids[
                rule["Properties"]["DestinationSecurityGroupId"]["Fn::GetAtt"][0].removesuffix(
                    "SecurityGroup"
                )
            ],
            rule["Properties"]["FromPort"],
        )
        for rule in resources_of(template, "AWS::EC2::SecurityGroupEgress").values()
        if rule["Properties"]["DestinationSecurityGroupId"]["Fn::GetAtt"][0]
        != "VpcEndpointSecurityGroup"
    }
    assert actual == _expected_egress(model)


def test_ids_that_would_share_a_logical_id_are_refused() -> None:
    model = load(STAGES[5])
    data = model.model_dump(mode="json", exclude_unset=True, by_alias=True)
    data["components"] += [{"id": "jobs-a", "kind": "queue"}, {"id": "jobs--a", "kind": "queue"}]
    clash = r"two resources would be named JobsA.*rename one of the ids"
    with pytest.raises(InputError, match=clash):
        to_cloudformation(Architecture.model_validate(data))
