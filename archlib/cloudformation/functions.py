"""Workers that run as Lambda functions, fed by the queues they link to."""

from __future__ import annotations

import math
from typing import Any

from archlib.cloudformation.appconfig import environment
from archlib.cloudformation.context import ExportContext
from archlib.cloudformation.iam import export_role, link_statements, managed_policy
from archlib.cloudformation.intrinsics import get_att, ref, sub
from archlib.cloudformation.naming import pascal
from archlib.model import Queue, Worker

LAMBDA_RESERVED = {"AWS_REGION"}
"""Lambda sets the region itself and refuses a variable of that name."""


def export_function(ctx: ExportContext, worker: Worker) -> None:
    """A worker that runs as a Lambda function, fed by the queues it links to."""
    template, name = ctx.template, pascal(worker.id)
    code = {}
    for key, description in (("CodeBucket", "S3 bucket"), ("CodeKey", "S3 key")):
        parameter = template.parameter(
            f"{name}{key}",
            {
                "Type": "String",
                "MinLength": 1,
                "Description": f"{description} of {worker.id}'s code",
            },
        )
        code[f"S3{key.removeprefix('Code')}"] = ref(parameter)
    policies = [managed_policy("service-role/AWSLambdaBasicExecutionRole")]
    if worker.subnets:
        policies.append(managed_policy("service-role/AWSLambdaVPCAccessExecutionRole"))
    role = export_role(
        ctx, f"{name}Role", "lambda.amazonaws.com", policies, link_statements(ctx, [worker])
    )
    properties: dict[str, Any] = {
        "Code": code,
        "Handler": "app.handler",
        "Runtime": "python3.12",
        "MemorySize": worker.lambda_memory_mb,
        "Timeout": min(900, max(1, math.ceil(worker.lambda_duration_ms / 1000))),
        "Role": get_att(role, "Arn"),
    }
    if worker.subnets:
        properties["VpcConfig"] = {
            "SecurityGroupIds": [ctx.guard_ref(worker)],
            "SubnetIds": ctx.subnet_refs(worker),
        }
    variables = {
        key: sub(value) if "${" in value else value
        for key, value in environment(ctx, worker)
        if key not in LAMBDA_RESERVED
    }
    if variables:
        properties["Environment"] = {"Variables": variables}
    function = template.resource(f"{name}Function", "AWS::Lambda::Function", properties)
    template.skip_check(
        function,
        "CKV_AWS_116",
        "invoked by its queues' event source mappings, never asynchronously: failed jobs go "
        "to the queue's dead-letter queue",
    )
    template.skip_check(
        function,
        "CKV_AWS_115",
        "the model sets no concurrency limit; reserving one would take it from the account's "
        "other functions",
    )
    if variables:
        template.skip_check(
            function,
            "CKV_AWS_173",
            "the variables name endpoints and secret ARNs, never a secret; Lambda encrypts "
            "them with its AWS managed key",
        )
    for link in ctx.graph.outgoing[worker.id]:
        target = ctx.model.component(link.target)
        if isinstance(target, Queue):
            template.resource(
                f"{name}{pascal(target.id)}EventSourceMapping",
                "AWS::Lambda::EventSourceMapping",
                {
                    "EventSourceArn": get_att(f"{pascal(target.id)}Queue", "Arn"),
                    "FunctionName": ref(function),
                },
            )
