"""One meaning per resource, two syntaxes: a stack written as CloudFormation and as
Terraform gives the same components, links and findings; SARIF points at the .tf line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema

from archlib.checks import run_checks
from archlib.importers.cfn.importer import import_template
from archlib.importers.tf.importer import import_terraform
from archlib.model import Architecture
from tests.checks.test_cli_check import validator  # noqa: F401  (the SARIF schema fixture)
from tests.conftest import CliResult
from tests.importers.tf.stacks import NETWORK, SINGLE, write

TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Gateway:
    Type: AWS::EC2::InternetGateway
  PublicSubnet0:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: us-east-1a}
  PublicSubnet1:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1b}
  PrivateSubnet0:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.10.0/24, AvailabilityZone: us-east-1a}
  PrivateSubnet1:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.11.0/24, AvailabilityZone: us-east-1b}
  PublicRoutes:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref PublicRoutes, DestinationCidrBlock: 0.0.0.0/0,
                 GatewayId: !Ref Gateway}
  PublicAssociation0:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnet0, RouteTableId: !Ref PublicRoutes}
  PublicAssociation1:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref PublicSubnet1, RouteTableId: !Ref PublicRoutes}
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: db, VpcId: !Ref Vpc}
  DbFromWeb:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref DbGroup, IpProtocol: tcp, FromPort: 5432, ToPort: 5432,
                 SourceSecurityGroupId: !Ref WebGroup}
  Web:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, InstanceType: t3.small, SubnetId: !Ref PublicSubnet0,
                 SecurityGroupIds: [!Ref WebGroup]}
  DbSubnets:
    Type: AWS::RDS::DBSubnetGroup
    Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref PrivateSubnet0,
                 !Ref PrivateSubnet1]}
  Db:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: postgres, DBInstanceClass: db.t3.medium, AllocatedStorage: 20,
                 DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref DbGroup],
                 StorageEncrypted: true, BackupRetentionPeriod: 7}
"""


def test_same_stack_in_both_syntaxes_gives_the_same_model(tmp_path: Path) -> None:
    template = tmp_path / "stack.yaml"
    template.write_text(TEMPLATE, encoding="utf-8")
    cfn = import_template(template).model
    tf = import_terraform(write(tmp_path / "tf", network=NETWORK, main=SINGLE)).model

    def components(model: Architecture) -> list[tuple[str, str, int]]:
        return sorted(
            (c.id, c.kind, len(getattr(c, "subnets", []) or [])) for c in model.components
        )

    def links(model: Architecture) -> list[tuple[str, str, int | None]]:
        return sorted((ln.source, ln.target, ln.port) for ln in model.links)

    assert components(tf) == components(cfn)
    assert links(tf) == links(cfn)

    def findings(model: Architecture) -> list[tuple[str, str | None]]:
        return sorted((f.rule_id, f.component) for f in run_checks(model).findings)

    assert findings(tf) == findings(cfn)
    assert findings(tf)


def test_sarif_points_at_the_tf_file_and_line(
    tmp_path: Path,
    run_cli: Callable[..., CliResult],
    validator: jsonschema.protocols.Validator,  # noqa: F811
) -> None:
    root = write(tmp_path / "tf", network=NETWORK, main=SINGLE)
    result = run_cli("check", root, "-f", "sarif")
    document = json.loads(result.stdout)
    validator.validate(document)
    results = document["runs"][0]["results"]
    spof = next(r for r in results if r["ruleId"] == "SPOF003")
    location = spof["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("tf/main.tf")
    line = SINGLE.splitlines().index('resource "aws_db_instance" "db" {') + 1
    assert location["physicalLocation"]["region"]["startLine"] == line
    names = [entry["name"] for entry in location["logicalLocations"]]
    assert "aws_db_instance.db" in names


def test_junit_and_text_name_the_tf_file(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    root = write(tmp_path / "tf", network=NETWORK, main=SINGLE)
    junit = run_cli("check", root, "-f", "junit")
    assert f"{(root / 'main.tf').as_posix()}:" in junit.stdout
    text = run_cli("check", root)
    assert "main.tf:" in text.stdout


def test_output_is_deterministic(tmp_path: Path) -> None:
    from archlib.loader import dump_yaml

    root = write(tmp_path / "tf", network=NETWORK, main=SINGLE)
    first, second = import_terraform(root), import_terraform(root)
    assert dump_yaml(first.model) == dump_yaml(second.model)
    assert first.report.lines() == second.report.lines()
