"""The templates deploy a service that runs and can be operated: one test per defect a review
found in the skeleton templates (numbered as in docs/cloudformation.md)."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from archlib import load
from archlib.cloudformation import to_cloudformation
from archlib.cloudformation.naming import pascal
from archlib.model import Architecture, ComputeTier, Queue, RelationalDatabase
from tests.cloudformation.support import STAGES, resources_of, stage_template

IDS = [p.stem for p in STAGES]


def _script(user_data: dict[str, Any]) -> str:
    return str(user_data["Fn::Base64"]["Fn::Sub"])


def _with(model: Architecture, component_id: str, **fields: Any) -> Architecture:
    data = model.model_dump(mode="json", exclude_unset=True, by_alias=True)
    for component in data["components"]:
        if component["id"] == component_id:
            component.update(fields)
    return Architecture.model_validate(data)


# 1. Stage 1 keeps its database through a routine update


def test_stage_one_pins_its_image_and_keeps_data_on_a_volume_of_its_own() -> None:
    model, template = stage_template(STAGES[0])
    image = template["Parameters"]["BoxImageId"]
    assert image["Type"] == "AWS::EC2::Image::Id", "SSM's latest AMI would replace the box"
    assert "Default" not in image
    instance = template["Resources"]["BoxInstance"]["Properties"]
    assert instance["ImageId"] == {"Ref": "BoxImageId"}
    (attached,) = instance["Volumes"]
    assert attached["VolumeId"] == {"Ref": "BoxDataVolume"}
    volume = template["Resources"]["BoxDataVolume"]
    assert (volume["DeletionPolicy"], volume["UpdateReplacePolicy"]) == ("Snapshot", "Snapshot")
    mysql = model.component("mysql")
    assert isinstance(mysql, RelationalDatabase)
    assert volume["Properties"]["Size"] == mysql.storage_gb
    assert volume["Properties"]["Encrypted"] is True
    rule = template["Resources"]["BoxBackupPlan"]["Properties"]["BackupPlan"]["BackupPlanRule"]
    assert rule[0]["Lifecycle"]["DeleteAfterDays"] == mysql.backup_retention_days
    selection = template["Resources"]["BoxBackupSelection"]["Properties"]["BackupSelection"]
    assert "${BoxDataVolume}" in selection["Resources"][0]["Fn::Sub"]
    assert "/var/lib/mysql" in _script(instance["UserData"])


def test_a_baked_image_is_the_default() -> None:
    model = _with(load(STAGES[0]), "box", bootstrap={"image_id": "ami-0123456789abcdef0"})
    parameter = to_cloudformation(model)["Parameters"]["BoxImageId"]
    assert parameter == parameter | {
        "Type": "AWS::EC2::Image::Id",
        "Default": "ami-0123456789abcdef0",
    }


# 2. Something runs on every instance, and CloudFormation waits for it


@pytest.mark.parametrize("path", STAGES, ids=IDS)
def test_every_instance_boots_and_signals(path: Any) -> None:
    model, template = stage_template(path)
    resources = template["Resources"]
    images = set()
    for tier in model.components:
        name = pascal(tier.id)
        if f"{name}AutoScalingGroup" in resources:
            assert isinstance(tier, ComputeTier)
            group = resources[f"{name}AutoScalingGroup"]
            data = resources[f"{name}LaunchTemplate"]["Properties"]["LaunchTemplateData"]
            script = _script(data["UserData"])
            assert f"--resource {name}AutoScalingGroup" in script
            signals = group["CreationPolicy"]["ResourceSignal"]
            assert signals["Count"] == tier.baseline_instances
            rolling = group["UpdatePolicy"]["AutoScalingRollingUpdate"]
            assert rolling["WaitOnResourceSignals"] is True
            assert rolling["MinInstancesInService"] < tier.max_instances
            images.add(data["ImageId"]["Ref"])
        elif f"{name}Instance" in resources:
            instance = resources[f"{name}Instance"]
            assert f"--resource {name}Instance" in _script(instance["Properties"]["UserData"])
            assert instance["CreationPolicy"]["ResourceSignal"]["Count"] == 1
            images.add(instance["Properties"]["ImageId"]["Ref"])
    tiers = resources_of(template, "AWS::AutoScaling::AutoScalingGroup")
    assert len(images) == len(tiers) + len(resources_of(template, "AWS::EC2::Instance"))


@pytest.mark.parametrize("path", STAGES[2:], ids=IDS[2:])
def test_the_default_bootstrap_answers_the_health_check(path: Any) -> None:
    model, template = stage_template(path)
    for group in resources_of(template, "AWS::ElasticLoadBalancingV2::TargetGroup").values():
        properties = group["Properties"]
        if properties.get("HealthCheckProtocol") != "HTTP":
            continue
        tier = next(
            t
            for t in model.of_type(ComputeTier)
            if properties["Tags"][0]["Value"]["Fn::Sub"].endswith(f"-{t.id}")
        )
        data = template["Resources"][f"{pascal(tier.id)}LaunchTemplate"]["Properties"]
        script = _script(data["LaunchTemplateData"]["UserData"])
        port, path_ = properties["Port"], properties["HealthCheckPath"]
        assert f"http.server {port}" in script
        assert f"/var/lib/archlib/health/{port}{path_}" in script


def test_the_model_s_own_script_runs_and_its_exit_code_is_signalled() -> None:
    model = _with(
        load(STAGES[4]),
        "web",
        bootstrap={"user_data": "#!/bin/bash\necho ${HOSTNAME} > /tmp/hello\n"},
    )
    template = to_cloudformation(model)
    data = template["Resources"]["WebLaunchTemplate"]["Properties"]["LaunchTemplateData"]
    script = _script(data["UserData"])
    assert "echo ${!HOSTNAME} > /tmp/hello" in script, "shell variables survive Fn::Sub"
    assert "bash /var/lib/archlib/bootstrap.sh || { signal 1; exit 1; }" in script
    assert script.rstrip().endswith("probe_http 80 /health || { signal 1; exit 1; }\nsignal 0")
    assert "http.server" not in script
    assert base64.b64encode(script.encode())  # plain text, CloudFormation encodes it


def test_scheduled_sizes_survive_a_stack_update() -> None:
    _, template = stage_template(STAGES[4])
    web = template["Resources"]["WebAutoScalingGroup"]["UpdatePolicy"]
    assert web["AutoScalingScheduledAction"] == {"IgnoreUnmodifiedGroupSizeProperties": True}
    write = template["Resources"]["WriteApiAutoScalingGroup"]["UpdatePolicy"]
    assert "AutoScalingScheduledAction" not in write


# 5. Applications can read the database credentials


def test_tiers_that_reach_the_database_may_read_its_secret() -> None:
    _, template = stage_template(STAGES[5])
    assert template["Outputs"]["MysqlSecretArn"]["Value"] == {"Ref": "MysqlMasterSecret"}
    secret = {"Ref": "MysqlAppSecret"}  # the application user's, never the master's
    assert template["Outputs"]["MysqlAppSecretArn"]["Value"] == secret
    readers = set()
    for logical, role in resources_of(template, "AWS::IAM::Role").items():
        for policy in role["Properties"].get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                resources = statement["Resource"]
                if secret in (resources if isinstance(resources, list) else [resources]):
                    assert "secretsmanager:GetSecretValue" in statement["Action"]
                    readers.add(logical.removesuffix("Role"))
    # the Read API through the replicas' read name, the Write API and the worker directly
    assert readers == {"ReadApi", "WriteApi", "Worker"}
    assert template["Resources"]["MysqlDatabase"]["Properties"]["EnableIAMDatabaseAuthentication"]
    assert "SecretsmanagerEndpoint" in template["Resources"]


# 6. The model's operations become resources


def test_stage_six_operations_are_resources() -> None:
    model, template = stage_template(STAGES[5])
    alarms = resources_of(template, "AWS::CloudWatch::Alarm")
    for expected in (
        "LbErrorRateAlarm",
        "LbLatencyAlarm",
        "MysqlCpuAlarm",
        "MysqlFreeStorageAlarm",
        "ReplicasReplica1LagAlarm",
        "QueueBacklogAlarm",
        "QueueDeadLetterAlarm",
        "CacheEvictionAlarm",
        "WebCpuAlarm",
    ):
        assert expected in alarms
        assert alarms[expected]["Properties"]["AlarmActions"] == [{"Ref": "AlarmTopic"}]
    evictions = alarms["CacheEvictionAlarm"]["Properties"]["Metrics"]
    assert len(evictions) == 2 * 3 + 1, "every node of both shards, and their sum"
    assert "AlarmTopic" in resources_of(template, "AWS::SNS::Topic")
    groups = resources_of(template, "AWS::Logs::LogGroup")
    assert all(
        g["Properties"]["RetentionInDays"] == model.operations.log_retention_days
        for g in groups.values()
    )
    assert {"WebLogGroup", "WorkerLogGroup", "VpcFlowLogGroup"} <= set(groups)
    trail = template["Resources"]["AuditTrail"]["Properties"]
    assert trail["IsLogging"] and trail["EnableLogFileValidation"]
    attributes = template["Resources"]["LbLoadBalancer"]["Properties"]["LoadBalancerAttributes"]
    assert {"Key": "access_logs.s3.enabled", "Value": "true"} in attributes
    cdn = template["Resources"]["CdnDistribution"]["Properties"]["DistributionConfig"]
    assert cdn["Logging"]["Bucket"] == {"Fn::GetAtt": ["LogBucket", "RegionalDomainName"]}
    bucket = template["Resources"]["StaticBucket"]["Properties"]["LoggingConfiguration"]
    assert bucket["DestinationBucketName"] == {"Ref": "LogBucket"}
    assert "OperationsDashboard" in template["Resources"]
    assert "VpcFlowLog" in template["Resources"]


def test_what_has_no_resource_is_said_in_the_metadata() -> None:
    _, template = stage_template(STAGES[5])
    notes = " ".join(template["Metadata"]["archlib"]["NotExported"])
    for said in ("external monitoring", "error reporting", "Ansible", "metric memory"):
        assert said in notes


def test_stage_one_alarms_recover_the_box_and_notify_no_one_by_design() -> None:
    _, template = stage_template(STAGES[0])
    recovery = template["Resources"]["BoxInstanceRecoveryAlarm"]["Properties"]
    assert recovery["MetricName"] == "StatusCheckFailed_System"
    assert ":ec2:recover" in recovery["AlarmActions"][0]["Fn::Sub"]
    assert "AlarmTopic" not in template["Resources"]
    notes = template["Metadata"]["archlib"]["NotExported"]
    assert any("incident_notification is off" in note for note in notes)


# 7. The worker scales on its queue


def test_the_worker_scales_on_its_queue_backlog() -> None:
    model, template = stage_template(STAGES[5])
    policy = template["Resources"]["WorkerCustomScalingPolicy"]["Properties"]
    config = policy["TargetTrackingConfiguration"]
    metrics = {m["Id"]: m for m in config["CustomizedMetricSpecification"]["Metrics"]}
    visible = metrics["visible"]["MetricStat"]["Metric"]
    assert (visible["Namespace"], visible["MetricName"]) == (
        "AWS/SQS",
        "ApproximateNumberOfMessagesVisible",
    )
    assert visible["Dimensions"][0]["Value"] == {"Fn::GetAtt": ["QueueQueue", "QueueName"]}
    assert metrics["instances"]["MetricStat"]["Metric"]["MetricName"] == "GroupInServiceInstances"
    assert metrics["backlog"]["ReturnData"] is True
    worker = model.component("worker")
    assert isinstance(worker, ComputeTier) and worker.autoscaling is not None
    assert config["TargetValue"] == worker.autoscaling.policies[0].target
    collection = template["Resources"]["WorkerAutoScalingGroup"]["Properties"]["MetricsCollection"]
    assert collection, "in-service instances are published for the metric math"
    assert any(isinstance(c, Queue) for c in model.components)


# 8. The smaller items


def test_the_smaller_items() -> None:
    _, template = stage_template(STAGES[5])
    resources = template["Resources"]
    assert "InternetGatewayAttachment" in resources["LbLoadBalancer"]["DependsOn"]
    assert resources["NatANatGateway"]["DependsOn"] == "InternetGatewayAttachment"
    assert resources["WarehouseCluster"]["Properties"]["AutomatedSnapshotRetentionPeriod"] == 7
    cache = resources["CacheReplicationGroup"]["Properties"]
    assert "resolve:secretsmanager:${CacheAuthSecret}" in cache["AuthToken"]["Fn::Sub"]
    mysql = resources["MysqlDatabase"]["Properties"]
    assert mysql["MaxAllocatedStorage"] == 8000, "room for the 6-month window the model keeps"
    assert mysql["AutoMinorVersionUpgrade"] is False, "the pinned version is the one that runs"
    assert resources["NosqlTable"]["Properties"]["DeletionProtectionEnabled"] is True
    gateways = {
        e["Properties"]["ServiceName"]["Fn::Sub"].rsplit(".", 1)[1]
        for e in resources_of(template, "AWS::EC2::VPCEndpoint").values()
        if e["Properties"]["VpcEndpointType"] == "Gateway"
    }
    assert gateways == {"s3", "dynamodb"}


def test_the_master_user_name_is_one_every_engine_of_the_model_accepts() -> None:
    """RDS for PostgreSQL refuses `admin`; MySQL's 16-character limit takes `dbadmin` too."""
    stage = load(STAGES[2])
    mysql = to_cloudformation(stage)["Parameters"]["DatabaseMasterUsername"]["Default"]
    assert mysql == "admin"
    data = stage.model_dump(mode="json")
    for component in data["components"]:
        if component["kind"] == "relational_database":
            component["engine"] = "postgres"
    postgres = Architecture.model_validate(data)
    default = to_cloudformation(postgres)["Parameters"]["DatabaseMasterUsername"]["Default"]
    assert default == "dbadmin"
