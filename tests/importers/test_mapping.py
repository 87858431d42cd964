"""Small templates, one concern each: network, security groups, and each resource family."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from archlib.checks import run_checks
from archlib.errors import InputError
from archlib.importers.cfn.importer import ImportedTemplate, import_template
from archlib.model.components import (
    Bastion,
    Cache,
    Cdn,
    Dns,
    LoadBalancer,
    NatGateway,
    NoSqlTable,
    ObjectStore,
    Queue,
    RelationalDatabase,
    WebServer,
    Worker,
)


def ref(name: str) -> dict[str, str]:
    return {"Ref": name}


def att(name: str, attribute: str) -> dict[str, list[str]]:
    return {"Fn::GetAtt": [name, attribute]}


def zone(index: int) -> dict[str, Any]:
    return {"Fn::Select": [index, {"Fn::GetAZs": ""}]}


def network(nats: int = 2) -> dict[str, Any]:
    """A VPC with a public and a private subnet in two AZs, and `nats` NAT gateways."""
    resources: dict[str, Any] = {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "Igw": {"Type": "AWS::EC2::InternetGateway"},
        "PublicRoutes": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": ref("Vpc")}},
        "PublicRoute": {
            "Type": "AWS::EC2::Route",
            "Properties": {
                "RouteTableId": ref("PublicRoutes"),
                "DestinationCidrBlock": "0.0.0.0/0",
                "GatewayId": ref("Igw"),
            },
        },
    }
    for index, letter in enumerate("AB"):
        for kind, third in (("Public", index), ("Private", 10 + index)):
            resources[f"{kind}{letter}"] = {
                "Type": "AWS::EC2::Subnet",
                "Properties": {
                    "VpcId": ref("Vpc"),
                    "CidrBlock": f"10.0.{third}.0/24",
                    "AvailabilityZone": zone(index),
                },
            }
        resources[f"Public{letter}Assoc"] = {
            "Type": "AWS::EC2::SubnetRouteTableAssociation",
            "Properties": {"SubnetId": ref(f"Public{letter}"), "RouteTableId": ref("PublicRoutes")},
        }
        nat = f"Nat{letter if index < nats else 'A'}"
        if index < nats:
            resources[nat] = {
                "Type": "AWS::EC2::NatGateway",
                "Properties": {"SubnetId": ref(f"Public{letter}")},
            }
        resources[f"Private{letter}Routes"] = {
            "Type": "AWS::EC2::RouteTable",
            "Properties": {"VpcId": ref("Vpc")},
        }
        resources[f"Private{letter}Route"] = {
            "Type": "AWS::EC2::Route",
            "Properties": {
                "RouteTableId": ref(f"Private{letter}Routes"),
                "DestinationCidrBlock": "0.0.0.0/0",
                "NatGatewayId": ref(nat),
            },
        }
        resources[f"Private{letter}Assoc"] = {
            "Type": "AWS::EC2::SubnetRouteTableAssociation",
            "Properties": {
                "SubnetId": ref(f"Private{letter}"),
                "RouteTableId": ref(f"Private{letter}Routes"),
            },
        }
    return resources


def group(*rules: dict[str, Any]) -> dict[str, Any]:
    return {
        "Type": "AWS::EC2::SecurityGroup",
        "Properties": {
            "GroupDescription": "g",
            "VpcId": ref("Vpc"),
            "SecurityGroupIngress": list(rules),
        },
    }


def tcp(port: int, **source: Any) -> dict[str, Any]:
    return {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, **source}


def imported(
    tmp_path: Path,
    resources: dict[str, Any],
    parameters: dict[str, Any] | None = None,
    **given: str,
) -> ImportedTemplate:
    document = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}
    if parameters:
        document["Parameters"] = parameters
    path = tmp_path / "template.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return import_template(path, given)


def web_stack(nats: int = 2) -> dict[str, Any]:
    resources = network(nats)
    resources |= {
        "LbGroup": group(tcp(443, CidrIp="0.0.0.0/0"), tcp(80, CidrIp="0.0.0.0/0")),
        "WebGroup": group(tcp(80, SourceSecurityGroupId=att("LbGroup", "GroupId"))),
        "DbGroup": group(tcp(3306, SourceSecurityGroupId=att("WebGroup", "GroupId"))),
        "Lb": {
            "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Properties": {
                "Subnets": [ref("PublicA"), ref("PublicB")],
                "SecurityGroups": [att("LbGroup", "GroupId")],
            },
        },
        "Targets": {
            "Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
            "Properties": {"Port": 80, "Protocol": "HTTP", "VpcId": ref("Vpc")},
        },
        "Https": {
            "Type": "AWS::ElasticLoadBalancingV2::Listener",
            "Properties": {
                "LoadBalancerArn": ref("Lb"),
                "Port": 443,
                "Protocol": "HTTPS",
                "DefaultActions": [{"Type": "forward", "TargetGroupArn": ref("Targets")}],
            },
        },
        "Launch": {
            "Type": "AWS::EC2::LaunchTemplate",
            "Properties": {
                "LaunchTemplateData": {
                    "InstanceType": "m6i.large",
                    "SecurityGroupIds": [att("WebGroup", "GroupId")],
                }
            },
        },
        "WebAutoScalingGroup": {
            "Type": "AWS::AutoScaling::AutoScalingGroup",
            "Properties": {
                "MinSize": "2",
                "MaxSize": "6",
                "DesiredCapacity": "3",
                "VPCZoneIdentifier": [ref("PrivateA"), ref("PrivateB")],
                "LaunchTemplate": {
                    "LaunchTemplateId": ref("Launch"),
                    "Version": att("Launch", "LatestVersionNumber"),
                },
                "TargetGroupARNs": [ref("Targets")],
            },
        },
        "Db": {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {
                "Engine": "postgres",
                "DBInstanceClass": "db.m6i.large",
                "AllocatedStorage": "200",
                "MultiAZ": {"Ref": "MultiAZ"},
                "StorageEncrypted": True,
                "DBSubnetGroupName": ref("DbSubnets"),
                "VPCSecurityGroups": [att("DbGroup", "GroupId")],
            },
        },
        "DbSubnets": {
            "Type": "AWS::RDS::DBSubnetGroup",
            "Properties": {
                "DBSubnetGroupDescription": "d",
                "SubnetIds": [ref("PrivateA"), ref("PrivateB")],
            },
        },
    }
    return resources


MULTI_AZ = {"MultiAZ": {"Type": "String", "Default": "false", "AllowedValues": ["true", "false"]}}


def test_subnets_public_by_their_routes_with_nat_per_az(tmp_path: Path) -> None:
    model = imported(tmp_path, network()).model
    subnets = {s.id: (s.az, s.type, s.nat_gateway) for s in model.network.subnets}
    assert subnets == {
        "subnet-public-a": ("a", "public", None),
        "subnet-private-a": ("a", "private", "nat-a"),
        "subnet-public-b": ("b", "public", None),
        "subnet-private-b": ("b", "private", "nat-b"),
    }
    assert {c.id for c in model.of_type(NatGateway)} == {"nat-a", "nat-b"}
    assert not [f for f in run_checks(model).findings if f.rule_id == "SPOF006"]


def test_one_nat_for_two_azs_is_found(tmp_path: Path) -> None:
    model = imported(tmp_path, network(nats=1)).model
    assert [f.component for f in run_checks(model).findings if f.rule_id == "SPOF006"] == ["nat-a"]


def test_groups_become_links_and_the_tier_its_kind(tmp_path: Path) -> None:
    result = imported(tmp_path, web_stack(), MULTI_AZ)
    model = result.model
    web = model.component("web")
    assert isinstance(web, WebServer) and web.instance_type == "m6i.large"
    # No scaling policy or schedule: the group holds its desired capacity, 2-6 are bounds.
    assert web.autoscaling is None and web.count == 3
    assert any("holds its desired capacity of 3" in a for a in result.report.assumptions)
    assert model.azs_of(web) == ["a", "b"]
    lb = model.component("lb")
    assert isinstance(lb, LoadBalancer) and lb.tls and lb.listener_port == 443
    links = {(link.source, link.target, link.port) for link in model.links}
    assert links == {
        ("users", "lb", 443),
        ("users", "lb", 80),
        ("lb", "web", 80),
        ("web", "db", 3306),
    }
    db = model.component("db")
    assert isinstance(db, RelationalDatabase) and db.engine == "postgres" and not db.multi_az
    assert ("SPOF003", "db") in {(f.rule_id, f.component) for f in run_checks(model).findings}
    assert result.report.components[0].logical_ids == ("WebAutoScalingGroup",)


def test_a_parameter_changes_the_verdict(tmp_path: Path) -> None:
    model = imported(tmp_path, web_stack(), MULTI_AZ, MultiAZ="true").model
    assert not [f for f in run_checks(model).findings if f.rule_id.startswith("SPOF")]


def test_world_cidr_on_ssh_is_a_rule_and_any_zero_prefix_is_the_internet(tmp_path: Path) -> None:
    resources = network() | {
        "Group": group(tcp(22, CidrIp="192.168.1.0/0"), tcp(5432, CidrIp="203.0.113.0/24")),
        "Box": {
            "Type": "AWS::EC2::Instance",
            "Properties": {
                "InstanceType": "t3.small",
                "SubnetId": ref("PublicA"),
                "SecurityGroupIds": [att("Group", "GroupId")],
            },
        },
    }
    model = imported(tmp_path, resources).model
    box = model.component("box")
    assert box.kind == "app_server"
    assert [(r.source, r.port) for r in box.ingress] == [("internet", 22), ("203.0.113.0/24", 5432)]
    rules = {(f.rule_id, f.component) for f in run_checks(model).findings}
    assert {("SEC001", "box"), ("SEC007", "box"), ("SPOF002", "box")} <= rules


def test_standalone_ingress_and_bastions(tmp_path: Path) -> None:
    resources = network() | {
        "BastionGroup": group(tcp(22, CidrIp="198.51.100.0/24", Description="operators")),
        "AppGroup": group(),
        "SshFromBastion": {
            "Type": "AWS::EC2::SecurityGroupIngress",
            "Properties": {
                "GroupId": att("AppGroup", "GroupId"),
                **tcp(22, SourceSecurityGroupId=att("BastionGroup", "GroupId")),
            },
        },
        "Jump": {
            "Type": "AWS::EC2::Instance",
            "Properties": {"SubnetId": ref("PublicA"), "SecurityGroupIds": [ref("BastionGroup")]},
        },
        "App": {
            "Type": "AWS::EC2::Instance",
            "Properties": {"SubnetId": ref("PrivateA"), "SecurityGroupIds": [ref("AppGroup")]},
        },
    }
    result = imported(tmp_path, resources)
    jump = result.model.component("jump")
    assert isinstance(jump, Bastion)
    assert jump.instance_type == "m1.small"  # EC2's default, stated
    assert any("m1.small" in text for text in result.report.assumptions)
    assert jump.ingress[0].reason == "operators"
    assert [(link.source, link.target, link.port) for link in result.model.links] == [
        ("jump", "app", 22)
    ]


def test_subnet_parameters_take_their_az_from_the_value(tmp_path: Path) -> None:
    parameters = {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}}
    resources = {
        "Workers": {
            "Type": "AWS::AutoScaling::AutoScalingGroup",
            "Properties": {
                "MinSize": 1,
                "MaxSize": 4,
                "VPCZoneIdentifier": ref("Subnets"),
                "LaunchConfigurationName": ref("Config"),
            },
        },
        "Config": {
            "Type": "AWS::AutoScaling::LaunchConfiguration",
            "Properties": {"InstanceType": "c6i.large", "ImageId": "ami-1"},
        },
    }
    unknown = imported(tmp_path, resources, parameters)
    assert unknown.report.placeholders == {"Subnets": "a subnet in an unknown AZ"}
    assert unknown.model.network.azs == ["unknown"]
    given = imported(
        tmp_path, resources, parameters, Subnets="subnet-1@us-east-1a,subnet-2@us-east-1c"
    ).model
    worker = given.component("workers")
    assert isinstance(worker, Worker) and given.azs_of(worker) == ["a", "c"]
    assert worker.instance_type == "c6i.large"


def test_an_undeclared_parameter_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="declares no such parameter"):
        imported(tmp_path, web_stack(), MULTI_AZ, Nope="1")


def test_managed_services_and_edge(tmp_path: Path) -> None:
    resources = {
        "Files": {
            "Type": "AWS::S3::Bucket",
            "Properties": {"VersioningConfiguration": {"Status": "Enabled"}},
        },
        "Open": {
            "Type": "AWS::S3::Bucket",
            "Properties": {
                "PublicAccessBlockConfiguration": {"BlockPublicPolicy": False},
            },
        },
        "Table": {
            "Type": "AWS::DynamoDB::Table",
            "Properties": {
                "BillingMode": "PROVISIONED",
                "ProvisionedThroughput": {"ReadCapacityUnits": 5, "WriteCapacityUnits": 2},
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            },
        },
        "Jobs": {
            "Type": "AWS::SQS::Queue",
            "Properties": {
                "RedrivePolicy": {"deadLetterTargetArn": att("Dead", "Arn"), "maxReceiveCount": 3}
            },
        },
        "Dead": {"Type": "AWS::SQS::Queue"},
        "Handler": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": 512}},
        "Trigger": {
            "Type": "AWS::Lambda::EventSourceMapping",
            "Properties": {"FunctionName": ref("Handler"), "EventSourceArn": att("Jobs", "Arn")},
        },
        "Cdn": {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {
                "DistributionConfig": {
                    "Origins": [{"Id": "s3", "DomainName": att("Files", "RegionalDomainName")}],
                    "DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"},
                }
            },
        },
        "Record": {
            "Type": "AWS::Route53::RecordSet",
            "Properties": {
                "HostedZoneName": "example.org.",
                "Name": "cdn.example.org",
                "AliasTarget": {"DNSName": att("Cdn", "DomainName")},
            },
        },
        "Cache": {
            "Type": "AWS::ElastiCache::ReplicationGroup",
            "Properties": {
                "Engine": "redis",
                "CacheNodeType": "cache.r6g.large",
                "NumCacheClusters": 2,
                "AutomaticFailoverEnabled": True,
            },
        },
    }
    model = imported(tmp_path, resources).model
    files, open_ = model.component("files"), model.component("open")
    assert isinstance(files, ObjectStore) and files.block_public_access and files.versioning
    assert isinstance(open_, ObjectStore) and not open_.block_public_access
    table = model.component("table")
    assert isinstance(table, NoSqlTable) and table.read_capacity == 5
    assert table.partition_key == "id"
    jobs = model.component("jobs")
    assert isinstance(jobs, Queue) and jobs.dead_letter_queue and jobs.max_receive_count == 3
    assert "dead" not in {c.id for c in model.components}
    handler = model.component("handler")
    assert isinstance(handler, Worker) and handler.runtime == "lambda"
    assert handler.lambda_memory_mb == 512
    cdn = model.component("cdn")
    assert isinstance(cdn, Cdn) and cdn.viewer_protocol == "https-only"
    assert cdn.minimum_tls == "TLSv1"  # CloudFront's default certificate
    dns = model.component("dns")
    assert isinstance(dns, Dns) and dns.domain == "example.org"
    assert [(r.name, r.target) for r in dns.records] == [("cdn", "cdn")]
    cache = model.component("cache")
    assert isinstance(cache, Cache) and cache.nodes == 2 and cache.automatic_failover
    links = {(link.source, link.target) for link in model.links}
    assert {("handler", "jobs"), ("cdn", "files"), ("users", "cdn"), ("users", "dns")} <= links


def test_read_replicas_group_into_one_component(tmp_path: Path) -> None:
    resources = {
        "Main": {
            "Type": "AWS::RDS::DBInstance",
            "Properties": {"Engine": "mysql", "DBInstanceClass": "db.r6i.large", "MultiAZ": True},
        },
        **{
            f"MainReplica{n}": {
                "Type": "AWS::RDS::DBInstance",
                "Properties": {
                    "SourceDBInstanceIdentifier": ref("Main"),
                    "DBInstanceClass": "db.r6i.large",
                },
            }
            for n in (1, 2)
        },
    }
    model = imported(tmp_path, resources).model
    replicas = model.component("main")
    assert isinstance(replicas, RelationalDatabase) and replicas.multi_az
    group_ = next(c for c in model.of_type(RelationalDatabase) if c.is_replica)
    assert (group_.count, group_.replica_of) == (2, "main")
    assert [(link.source, link.target, link.mode) for link in model.links] == [
        (group_.replica_of, group_.id, "replication")
    ]


def test_permissions_name_the_stores_a_function_uses(tmp_path: Path) -> None:
    resources = {
        "Orders": {"Type": "AWS::DynamoDB::Table", "Properties": {"TableName": "orders"}},
        "Uploads": {"Type": "AWS::S3::Bucket"},
        "HandlerRole": {"Type": "AWS::IAM::Role", "Properties": {}},
        "HandlerPolicy": {
            "Type": "AWS::IAM::RolePolicy",
            "Properties": {
                "RoleName": ref("HandlerRole"),
                "PolicyDocument": {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Action": ["dynamodb:PutItem"],
                            "Resource": "arn:aws:dynamodb:us-east-1:123456789012:table/orders",
                        },
                        {
                            "Effect": "Allow",
                            "Action": "s3:GetObject",
                            "Resource": {"Fn::Sub": "${Uploads.Arn}/*"},
                        },
                        {"Effect": "Deny", "Action": "sqs:*", "Resource": "*"},
                    ]
                },
            },
        },
        "Handler": {
            "Type": "AWS::Lambda::Function",
            "Properties": {"Role": att("HandlerRole", "Arn")},
        },
    }
    result = imported(tmp_path, resources)
    links = {(link.source, link.target, link.purpose) for link in result.model.links}
    assert links == {("handler", "orders", "IAM: dynamodb"), ("handler", "uploads", "IAM: s3")}
    handler = next(c for c in result.report.components if c.component == "handler")
    assert handler.absorbed == ("HandlerRole", "HandlerPolicy")
    assert result.report.not_modelled == []


def test_serverless_functions_with_policy_templates_and_events(tmp_path: Path) -> None:
    resources = {
        "Jobs": {"Type": "AWS::SQS::Queue"},
        "Items": {"Type": "AWS::DynamoDB::Table", "Properties": {"BillingMode": "PAY_PER_REQUEST"}},
        "Worker": {
            "Type": "AWS::Serverless::Function",
            "Properties": {
                "MemorySize": 256,
                "Policies": [{"DynamoDBCrudPolicy": {"TableName": ref("Items")}}],
                "Events": {"Poll": {"Type": "SQS", "Properties": {"Queue": att("Jobs", "Arn")}}},
            },
        },
    }
    model = imported(tmp_path, resources).model
    worker = model.component("worker")
    assert isinstance(worker, Worker) and worker.lambda_memory_mb == 256
    links = {(link.source, link.target, link.mode, link.purpose) for link in model.links}
    assert links == {
        ("worker", "items", "sync", "IAM: DynamoDBCrudPolicy"),
        ("worker", "jobs", "async", "event source"),
    }
