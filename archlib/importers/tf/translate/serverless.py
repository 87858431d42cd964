"""Lambda functions and event sources, API Gateway (v1 and v2) and ECS services."""

from __future__ import annotations

from typing import Any

from archlib.importers.tf.module import TfResource
from archlib.importers.tf.translate.base import (
    Emit,
    Family,
    Result,
    block,
    blocks,
    emit,
    flat,
    pick,
)


def function(r: TfResource) -> Result:
    a = r.attributes
    properties: dict[str, Any] = pick(
        a,
        {
            "FunctionName": "function_name",
            "MemorySize": "memory_size",
            "Runtime": "runtime",
            "Role": "role",
            "Timeout": "timeout",
        },
    )
    vpc = block(a, "vpc_config")
    if vpc:
        properties["VpcConfig"] = {
            "SubnetIds": flat(vpc.get("subnet_ids")),
            "SecurityGroupIds": flat(vpc.get("security_group_ids")),
        }
    return emit("AWS::Lambda::Function", r, properties)


def event_source(r: TfResource) -> Result:
    names = {"FunctionName": "function_name", "EventSourceArn": "event_source_arn"}
    return [Emit("AWS::Lambda::EventSourceMapping", pick(r.attributes, names))]


def rest_api(r: TfResource) -> Result:
    return emit("AWS::ApiGateway::RestApi", r, pick(r.attributes, {"Name": "name"}))


def http_api(r: TfResource) -> Result:
    names = {"Name": "name", "ProtocolType": "protocol_type"}
    return emit("AWS::ApiGatewayV2::Api", r, pick(r.attributes, names))


def cluster(r: TfResource) -> Result:
    return emit("AWS::ECS::Cluster", r, pick(r.attributes, {"ClusterName": "name"}))


def task_definition(r: TfResource) -> Result:
    a = r.attributes
    properties = pick(
        a,
        {
            "Cpu": "cpu",
            "Memory": "memory",
            "NetworkMode": "network_mode",
            "TaskRoleArn": "task_role_arn",
        },
    )
    if a.get("requires_compatibilities") is not None:
        properties["RequiresCompatibilities"] = flat(a["requires_compatibilities"])
    architecture = block(a, "runtime_platform").get("cpu_architecture")
    if architecture is not None:
        properties["RuntimePlatform"] = {"CpuArchitecture": architecture}
    return [Emit("AWS::ECS::TaskDefinition", properties)]


def service(r: TfResource) -> Result:
    a = r.attributes
    properties: dict[str, Any] = pick(
        a,
        {
            "Cluster": "cluster",
            "TaskDefinition": "task_definition",
            "DesiredCount": "desired_count",
            "LaunchType": "launch_type",
        },
    )
    strategy = [
        pick(s, {"CapacityProvider": "capacity_provider", "Weight": "weight"})
        for s in blocks(a, "capacity_provider_strategy")
    ]
    if strategy:
        properties["CapacityProviderStrategy"] = strategy
    network = block(a, "network_configuration")
    if network:
        properties["NetworkConfiguration"] = {
            "AwsvpcConfiguration": {
                "Subnets": flat(network.get("subnets")),
                "SecurityGroups": flat(network.get("security_groups")),
            }
        }
    balancers = [
        pick(
            b,
            {
                "TargetGroupArn": "target_group_arn",
                "ContainerPort": "container_port",
                "LoadBalancerName": "elb_name",
            },
        )
        for b in blocks(a, "load_balancer")
    ]
    if balancers:
        properties["LoadBalancers"] = balancers
    return emit("AWS::ECS::Service", r, properties)


def capacity_provider(r: TfResource) -> Result:
    provider = block(r.attributes, "auto_scaling_group_provider")
    group = {"AutoScalingGroupArn": provider.get("auto_scaling_group_arn")}
    return [Emit("AWS::ECS::CapacityProvider", {"AutoScalingGroupProvider": group})]


FAMILY = Family(
    "serverless and containers",
    {
        "aws_lambda_function": function,
        "aws_lambda_event_source_mapping": event_source,
        "aws_api_gateway_rest_api": rest_api,
        "aws_apigatewayv2_api": http_api,
        "aws_ecs_cluster": cluster,
        "aws_ecs_task_definition": task_definition,
        "aws_ecs_service": service,
        "aws_ecs_capacity_provider": capacity_provider,
    },
)
