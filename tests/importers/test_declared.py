"""An imported stack is priced and shown as it is: its own operations resources, what it
leaves out, the names it gives, and the capacity its groups hold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from archlib.cost import estimate
from archlib.importers.cfn.importer import import_template
from tests.conftest import CliResult
from tests.importers.support import corpus

HOURS = 730

WATCHED_GROUP: dict[str, Any] = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Resources": {
        "Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
        "SubnetA": {
            "Type": "AWS::EC2::Subnet",
            "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24",
                           "AvailabilityZone": "us-east-1a"},
        },
        "SubnetB": {
            "Type": "AWS::EC2::Subnet",
            "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24",
                           "AvailabilityZone": "us-east-1b"},
        },
        "AppGroup": {
            "Type": "AWS::AutoScaling::AutoScalingGroup",
            "Properties": {
                "MinSize": "1", "MaxSize": "6", "DesiredCapacity": "3",
                "VPCZoneIdentifier": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
                "LaunchTemplate": {"LaunchTemplateId": {"Ref": "AppLaunch"},
                                   "Version": {"Fn::GetAtt": ["AppLaunch", "LatestVersionNumber"]}},
                "Tags": [{"Key": "Name", "Value": "orders-app", "PropagateAtLaunch": True}],
            },
        },
        "AppLaunch": {
            "Type": "AWS::EC2::LaunchTemplate",
            "Properties": {"LaunchTemplateData": {"InstanceType": "m7g.large",
                                                  "ImageId": "ami-12345678"}},
        },
        "CpuHigh": {
            "Type": "AWS::CloudWatch::Alarm",
            "Properties": {"MetricName": "CPUUtilization", "Namespace": "AWS/EC2",
                           "Statistic": "Average", "Period": 300, "EvaluationPeriods": 2,
                           "Threshold": 80, "ComparisonOperator": "GreaterThanThreshold"},
        },
        "Alerts": {
            "Type": "AWS::SNS::Topic",
            "Properties": {"Subscription": [{"Endpoint": "ops@example.com",
                                             "Protocol": "email"}]},
        },
        "DataKey": {"Type": "AWS::KMS::Key", "Properties": {}},
        "Queue": {"Type": "AWS::SQS::Queue", "Properties": {}},
        "Api": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "orders"}},
        "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
        "AppRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}},
    },
}  # fmt: skip


def write(tmp_path: Path, template: dict[str, Any], name: str = "stack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(template, sort_keys=False), encoding="utf-8")
    return path


def test_the_template_s_own_operations_are_priced_and_nothing_archlib_would_add(
    tmp_path: Path,
) -> None:
    model = import_template(write(tmp_path, WATCHED_GROUP)).model
    assert model.operations.resources is not None
    kinds = sorted(r.kind for r in model.operations.resources)
    assert kinds == ["alarm", "api", "kms_key", "topic", "user_pool"]
    priced = estimate(model)
    operations = priced.component("operations")
    names = {line.name: line for line in operations.lines}
    assert set(names) == {
        "Alarms (CpuHigh)",
        "Alarm notifications by email (Alerts)",
        "KMS keys (DataKey)",
    }
    assert names["Alarms (CpuHigh)"].monthly_usd == pytest.approx(0.10)
    assert names["KMS keys (DataKey)"].monthly_usd == pytest.approx(1.00)
    assert not any("Interface endpoints" in line.name for line in operations.lines)
    said = " ".join(priced.not_priced)
    assert "API Gateway requests (Api)" in said and "Cognito monthly active users (Pool)" in said


def test_a_group_without_a_scaling_policy_holds_its_desired_capacity(tmp_path: Path) -> None:
    model = import_template(write(tmp_path, WATCHED_GROUP)).model
    group = model.component("app-group")
    assert group.count == 3 and group.autoscaling is None  # type: ignore[attr-defined]
    hours = next(
        line for line in estimate(model).component("app-group").lines if "Instance" in line.name
    )
    assert hours.quantity == 3 * HOURS
    assert hours.monthly_usd == pytest.approx(3 * HOURS * 0.0816)  # m7g.large, us-east-1


def test_components_carry_the_template_s_names(tmp_path: Path) -> None:
    model = import_template(write(tmp_path, WATCHED_GROUP)).model
    assert model.component("app-group").display_name == "orders-app"  # its Name tag
    assert model.component("queue").display_name == "Queue"  # its logical id


def test_the_model_keeps_what_it_left_out_with_lines_and_it_round_trips(tmp_path: Path) -> None:
    from archlib.loader import dump_yaml, load

    path = write(tmp_path, WATCHED_GROUP)
    model = import_template(path).model
    imported = model.imported
    assert imported is not None
    left = {(item.logical_id, item.type) for item in imported.not_modelled}
    assert left == {("AppRole", "AWS::IAM::Role")}
    line = next(item.line for item in imported.not_modelled)
    assert path.read_text().splitlines()[line - 1].startswith("  AppRole:")
    assert imported.declared == 5 and imported.resources == 12
    assert "12 resources: 6 modelled, 5 operations resources priced as declared, 1 not " in (
        imported.coverage_line()
    )
    written = tmp_path / "model.yaml"
    written.write_text(dump_yaml(model), encoding="utf-8")
    again = load(written)
    assert again.imported == model.imported
    assert again.operations.resources == model.operations.resources
    assert estimate(again).monthly_usd == pytest.approx(estimate(model).monthly_usd)


@pytest.mark.parametrize(
    ("command", "marker"),
    [
        (("check", "-f", "text"), "coverage: "),
        (("cost",), "coverage: "),
        (("cost", "-f", "markdown"), "## Coverage of the template"),
        (("capacity",), "not modelled"),
        (("capacity", "-f", "markdown"), "## Coverage of the template"),
        (("flows",), "not modelled"),
        (("flows", "-f", "markdown"), "## Coverage of the template"),
        (("show",), "not modelled"),
    ],
)
def test_every_text_output_carries_the_coverage_line(
    tmp_path: Path, run_cli: Callable[..., CliResult], command: tuple[str, ...], marker: str
) -> None:
    path = write(tmp_path, WATCHED_GROUP)
    result = run_cli(command[0], path, *command[1:])
    assert result.exit_code in (0, 1), result.stderr
    assert marker in result.stdout
    assert "AppRole" in result.stdout


@pytest.mark.parametrize("command", ["check", "cost", "capacity", "flows", "show"])
def test_every_json_output_carries_the_coverage(
    tmp_path: Path, run_cli: Callable[..., CliResult], command: str
) -> None:
    result = run_cli(command, write(tmp_path, WATCHED_GROUP), "-f", "json")
    coverage = json.loads(result.stdout)["coverage"]
    assert coverage["resources"] == 12 and coverage["declared_operations"] == 5
    assert [item["logical_id"] for item in coverage["not_modelled"]] == ["AppRole"]


def test_sarif_junit_and_the_review_page_carry_the_coverage(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = write(tmp_path, WATCHED_GROUP)
    sarif = json.loads(run_cli("check", path, "-f", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["coverage"][0]["not_modelled"][0]["type"] == (
        "AWS::IAM::Role"
    )
    junit = run_cli("check", path, "-f", "junit").stdout
    assert 'name="not_modelled"' in junit and "AppRole (AWS::IAM::Role)" in junit
    assert run_cli("report", path, "-o", tmp_path / "site", "-q").exit_code == 0
    page = (tmp_path / "site" / "stack.html").read_text(encoding="utf-8")
    assert 'id="coverage"' in page and "<code>AppRole</code>" in page


def test_a_web_acl_is_priced_on_the_requests_of_what_it_protects(tmp_path: Path) -> None:
    template = {
        "Resources": {
            "Site": {
                "Type": "AWS::CloudFront::Distribution",
                "Properties": {
                    "DistributionConfig": {
                        "Enabled": True,
                        "WebACLId": {"Fn::GetAtt": ["Firewall", "Arn"]},
                        "Origins": [{"Id": "o", "DomainName": "example.com",
                                     "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"}}],
                        "DefaultCacheBehavior": {"TargetOriginId": "o",
                                                 "ViewerProtocolPolicy": "https-only"},
                    }
                },
            },
            "Firewall": {
                "Type": "AWS::WAFv2::WebACL",
                "Properties": {"Scope": "CLOUDFRONT", "DefaultAction": {"Allow": {}},
                               "Rules": [{"Name": "a"}, {"Name": "b"}],
                               "VisibilityConfig": {}},
            },
        }
    }  # fmt: skip
    model = import_template(write(tmp_path, template)).model
    priced = estimate(model)
    lines = {line.name: line for line in priced.component("operations").lines}
    assert lines["Web ACLs (Firewall)"].monthly_usd == pytest.approx(5.00)
    assert lines["Web ACL rules and rule groups"].monthly_usd == pytest.approx(2.00)
    requests = lines["Requests the web ACLs inspect"]
    assert requests.quantity == pytest.approx(
        priced.requests_per_month
    )  # every request enters at the distribution
    assert requests.monthly_usd == pytest.approx(requests.quantity * 0.60 / 1e6)


# --- The corpus templates the figures were wrong on, against a hand computation. -----------


def _total(path: Path) -> float:
    return estimate(import_template(path).model).monthly_usd


def test_auto_scaling_with_notifications_is_priced_from_its_own_resources() -> None:
    path = corpus() / "AutoScaling/AutoScalingMultiAZWithNotifications.yaml"
    priced = estimate(import_template(path).model)
    names = [line.name for line in priced.component("operations").lines]
    assert names == [
        "Alarms (CPUAlarmHigh, CPUAlarmLow)",
        "Alarm notifications by email (NotificationTopic)",
    ]
    # Illustrative load: 10M reads (half static, 58 KB; half 1 KB) and 100k 1 KB writes.
    gb_out = (5e6 * 58 + 5e6 * 1 + 1e5 * 1) / 1e6
    hand = (
        HOURS * 0.0084  # one t4g.micro (step policies, minimum 1, the load needs 1)
        + 32 * 0.08  # its 32 GB gp3 root volume
        + HOURS * 0.0225  # the ALB's hours
        + gb_out * 0.008  # LCUs: processed bytes dominate, 1 GB per LCU-hour
        + 2 * HOURS * 0.005  # two public IPv4 addresses: an ALB spans at least two AZs
        + gb_out * 0.09  # data transfer out, first tier
        + 2 * 0.10  # the template's two alarms; four emails are within SNS's free 1,000
    )
    assert priced.monthly_usd == pytest.approx(hand, rel=0.05)
    assert priced.monthly_usd == pytest.approx(hand, abs=0.01)


def test_ecs_public_vpc_runs_its_desired_three_hosts() -> None:
    path = corpus() / "ECS/EC2LaunchType/clusters/public-vpc.yaml"
    priced = estimate(import_template(path).model)
    gb_out = (5e6 * 58 + 5e6 * 1 + 1e5 * 1) / 1e6
    hand = (
        3 * HOURS * 0.199  # DesiredCapacity 3 c4.xlarge, no scaling policy
        + 3 * 8 * 0.08  # their 8 GB root volumes
        + HOURS * 0.0225
        + gb_out * 0.008
        + 2 * HOURS * 0.005
        + gb_out * 0.09  # the ALB
    )
    assert priced.monthly_usd == pytest.approx(hand, rel=0.05)
    assert (
        not priced.component("operations").lines
        if any(c.id == "operations" for c in priced.components)
        else True
    )


def test_rds_read_replica_template_is_priced_with_gp2_storage() -> None:
    path = corpus() / "RDS/RDS_MySQL_With_Read_Replica.yaml"
    priced = estimate(import_template(path).model)
    storage = [
        line for c in priced.components for line in c.lines if line.name.startswith("Storage")
    ]
    assert any("gp2" in line.name for line in storage)
    assert priced.monthly_usd == pytest.approx(
        2 * HOURS * 0.068 + 2 * 20 * 0.115 + 0.40, rel=0.05
    )  # two db.t3.medium, 20 GB each, the template's DBCredential secret


def test_ecs_private_vpc_reaches_its_hosts_through_the_public_balancer() -> None:
    from archlib.capacity import analyse

    model = import_template(corpus() / "ECS/EC2LaunchType/clusters/private-vpc.yaml").model
    links = {(link.source, link.target, link.port) for link in model.links}
    assert ("users", "public", 80) in links and ("public", "ecs", 80) in links
    assert ("private", "ecs", 80) not in links  # the hosts call it: no loop of requests
    assert {s.type for s in model.subnets_of(model.component("ecs"))} == {"private"}
    report = analyse(model)
    assert report.max_users is not None and report.max_users > 0


def test_an_ingress_rule_from_a_balancer_s_group_becomes_its_link(tmp_path: Path) -> None:
    """Tasks register with the target group at run time; the hosts' group rule says who
    forwards to them, on the port the target group names."""
    template: dict[str, Any] = {
        "Resources": {
            **{k: v for k, v in WATCHED_GROUP["Resources"].items()
               if k in ("Vpc", "SubnetA", "SubnetB", "AppLaunch")},
            "Hosts": {
                "Type": "AWS::AutoScaling::AutoScalingGroup",
                "Properties": {
                    "MinSize": "2", "MaxSize": "2",
                    "VPCZoneIdentifier": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
                    "LaunchTemplate": {"LaunchTemplateId": {"Ref": "AppLaunch"}, "Version": "1"},
                },
            },
            "HostGroup": {"Type": "AWS::EC2::SecurityGroup",
                          "Properties": {"GroupDescription": "hosts", "VpcId": {"Ref": "Vpc"}}},
            "FromBalancer": {
                "Type": "AWS::EC2::SecurityGroupIngress",
                "Properties": {"GroupId": {"Ref": "HostGroup"}, "IpProtocol": "-1",
                               "SourceSecurityGroupId": {"Ref": "BalancerGroup"}},
            },
            "BalancerGroup": {
                "Type": "AWS::EC2::SecurityGroup",
                "Properties": {"GroupDescription": "lb", "VpcId": {"Ref": "Vpc"},
                               "SecurityGroupIngress": [{"CidrIp": "0.0.0.0/0", "IpProtocol": "tcp",
                                                         "FromPort": 80, "ToPort": 80}]},
            },
            "Balancer": {
                "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "Properties": {"Subnets": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
                               "SecurityGroups": [{"Ref": "BalancerGroup"}]},
            },
            "Targets": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
                        "Properties": {"Port": 8080, "Protocol": "HTTP", "VpcId": {"Ref": "Vpc"}}},
            "Listener": {
                "Type": "AWS::ElasticLoadBalancingV2::Listener",
                "Properties": {"LoadBalancerArn": {"Ref": "Balancer"}, "Port": 80,
                               "Protocol": "HTTP",
                               "DefaultActions": [{"Type": "forward",
                                                   "TargetGroupArn": {"Ref": "Targets"}}]},
            },
        }
    }  # fmt: skip
    template["Resources"]["AppLaunch"] = {
        "Type": "AWS::EC2::LaunchTemplate",
        "Properties": {"LaunchTemplateData": {"InstanceType": "m7g.large", "ImageId": "ami-1",
                                              "SecurityGroupIds": [{"Ref": "HostGroup"}]}},
    }  # fmt: skip
    model = import_template(write(tmp_path, template)).model
    links = {(link.source, link.target, link.port) for link in model.links}
    assert ("balancer", "hosts", 8080) in links


def test_a_classic_load_balancer_is_priced_drawn_and_kept_as_one(tmp_path: Path) -> None:
    from archlib.cloudformation import to_cloudformation
    from archlib.drawing.lookup import ModelIndex
    from archlib.drawing.nodes import component_node

    template: dict[str, Any] = {
        "Resources": {
            "Front": {
                "Type": "AWS::ElasticLoadBalancing::LoadBalancer",
                "Properties": {
                    "AvailabilityZones": ["us-east-1a", "us-east-1b"],
                    "Listeners": [{"LoadBalancerPort": "80", "InstancePort": "80",
                                   "Protocol": "HTTP"}],
                },
            }
        }
    }  # fmt: skip
    model = import_template(write(tmp_path, template)).model
    front = model.component("front")
    assert front.type == "classic"  # type: ignore[attr-defined]
    assert "classic ELB" in component_node(ModelIndex(model), front, None).detail
    lines = {line.name: line for line in estimate(model).component("front").lines}
    assert lines["Classic load balancer hours"].monthly_usd == pytest.approx(HOURS * 0.025)
    assert "Capacity units" not in lines
    processed = lines["Data processed"]
    assert processed.monthly_usd == pytest.approx(processed.quantity * 0.008)
    exported = to_cloudformation(model)
    assert not any(
        r["Type"].startswith("AWS::ElasticLoadBalancing") for r in exported["Resources"].values()
    )


def test_elb_with_locked_down_instances_matches_a_hand_computation() -> None:
    path = corpus() / "ElasticLoadBalancing/ELBWithLockedDownAutoScaledInstances.yaml"
    priced = estimate(import_template(path).model)
    gb = (5e6 * 58 + 5e6 * 1 + 1e5 * 1) / 1e6
    hand = (
        2 * HOURS * 0.023  # two t2.small, the group's fixed size
        + 2 * 8 * 0.08  # their root volumes
        + HOURS * 0.025  # the classic ELB's hours
        + gb * 0.008  # and the GB it processes
        + 2 * HOURS * 0.005  # its public addresses in two AZs
        + gb * 0.09  # data transfer out
    )
    assert priced.monthly_usd == pytest.approx(hand, rel=0.05)
    assert all(c.id != "operations" for c in priced.components)


@pytest.mark.parametrize(("form", "suffix"), [("dot", ".dot"), ("mermaid", ".mmd")])
def test_the_diagram_says_how_much_of_the_template_it_shows(
    tmp_path: Path, run_cli: Callable[..., CliResult], form: str, suffix: str
) -> None:
    path = write(tmp_path, WATCHED_GROUP)
    assert run_cli("render", path, "-f", form, "-o", tmp_path / "out", "-q").exit_code == 0
    text = (tmp_path / "out" / f"stack{suffix}").read_text(encoding="utf-8")
    assert "Template: 12 resources: 6 drawn, 5 operations, 1 not modelled" in text


@pytest.mark.parametrize("form", ["table", "markdown", "json"])
def test_a_diff_of_two_templates_carries_both_coverages(
    tmp_path: Path, run_cli: Callable[..., CliResult], form: str
) -> None:
    before = write(tmp_path, WATCHED_GROUP, "before.yaml")
    grown = {"Resources": {**WATCHED_GROUP["Resources"], "Extra": {"Type": "AWS::IAM::User"}}}
    after = write(tmp_path, {**WATCHED_GROUP, **grown}, "after.yaml")
    result = run_cli("diff", before, after, "-f", form)
    assert result.exit_code == 0, result.stderr
    if form == "json":
        coverage = json.loads(result.stdout)["coverage"]
        assert [len(coverage[s]["not_modelled"]) for s in ("before", "after")] == [1, 2]
    else:
        flat = " ".join(result.stdout.split())
        assert "12 resources" in flat and "13 resources" in flat


def test_a_listener_s_tls_policy_is_read_and_judged(tmp_path: Path) -> None:
    from archlib.checks import run_checks

    def template(policy: str | None) -> dict[str, Any]:
        listener: dict[str, Any] = {
            "LoadBalancerArn": {"Ref": "Front"}, "Port": 443, "Protocol": "HTTPS",
            "Certificates": [{"CertificateArn": "arn:aws:acm:us-east-1:1:certificate/x"}],
            "DefaultActions": [{"Type": "fixed-response",
                                "FixedResponseConfig": {"StatusCode": "200"}}],
        }  # fmt: skip
        if policy is not None:
            listener["SslPolicy"] = policy
        return {
            "Resources": {
                "Front": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
                          "Properties": {"Subnets": ["subnet-1", "subnet-2"]}},
                "Https": {"Type": "AWS::ElasticLoadBalancingV2::Listener",
                          "Properties": listener},
            }
        }  # fmt: skip

    def sec013(policy: str | None) -> list[str]:
        model = import_template(write(tmp_path, template(policy))).model
        return [f.subject for f in run_checks(model).findings if f.rule_id == "SEC013"]

    assert sec013("ELBSecurityPolicy-TLS-1-0-2015-04") == ["front"]
    assert sec013(None) == ["front"]  # ELB's default for a listener naming none: 2016-08
    assert sec013("ELBSecurityPolicy-TLS13-1-2-2021-06") == []
