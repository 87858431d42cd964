"""Logical ids and component names from Terraform addresses.

The address itself is the logical id (`module.alb.aws_lb.this[0]`): it is what the user
sees in `terraform plan` and what stays the same between two versions of a configuration.
The component's name is the part a reader recognises: the resource's name, or its module's
when the name only says "this".
"""

from __future__ import annotations

import re

from archlib.importers.cfn.naming import kebab
from archlib.importers.tf.module import TfResource

COMPONENT_TYPES = frozenset(
    {
        "aws_instance", "aws_spot_instance_request", "aws_autoscaling_group", "aws_lb",
        "aws_alb", "aws_elb", "aws_db_instance", "aws_rds_cluster", "aws_elasticache_cluster",
        "aws_elasticache_replication_group", "aws_s3_bucket", "aws_dynamodb_table",
        "aws_sqs_queue", "aws_redshift_cluster", "aws_lambda_function", "aws_ecs_service",
        "aws_cloudfront_distribution", "aws_nat_gateway", "aws_route53_record",
    }
)  # fmt: skip
"""Types that can become a component: two of one name get their type in their names."""
GENERIC = frozenset({"this", "main", "default", "example", "resource", "this_resource"})
_KEY = re.compile(r"\[([^\]]*)\]$")


def component_name(resource: TfResource, clash: bool = False, single: bool = False) -> str:
    """`clash`: another resource has the same name, so the type is added (`web-elb`);
    `single`: the only instance of its block (`count = var.create ? 1 : 0`), so no `-0`."""
    name = resource.name
    short = resource.type.removeprefix("aws_")
    module = resource.module[-1] if resource.module else ""
    call = _KEY.search(module)
    base = _KEY.sub("", module)
    if call:
        base = f"{base}-{call.group(1).strip(chr(34))}"
    if name in GENERIC or name.startswith("this_"):
        name = f"{base}-{short}" if base else short
    elif clash:
        name = f"{base}-{name}-{short}" if base else f"{name}-{short}"
    key = _KEY.search(resource.address)
    if key and not (single and key.group(1) == "0"):
        name = f"{name}-{key.group(1).strip(chr(34))}"
    return kebab(name.replace("_", "-")) or "resource"


def block_address(address: str) -> str:
    """`aws_instance.web[2]` -> `aws_instance.web`: the block an instance comes from."""
    return _KEY.sub("", address)
