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


def component_name(resource: TfResource, clash: bool = False) -> str:
    """`clash`: another resource has the same name, so the type is added (`web-elb`)."""
    name = resource.name
    if clash:
        name = f"{name}-{resource.type.removeprefix('aws_')}"
    if name in GENERIC or name.startswith("this_"):
        module = resource.module[-1].split("[")[0] if resource.module else ""
        short = resource.type.removeprefix("aws_")
        name = f"{module}-{short}" if module else short
    key = _KEY.search(resource.address)
    if key:
        name = f"{name}-{key.group(1).strip(chr(34))}"
    return kebab(name.replace("_", "-")) or "resource"
