"""Why a Terraform resource type is not part of the model, said for each one left out."""

from __future__ import annotations

_BY_PREFIX: tuple[tuple[str, str], ...] = (
    ("aws_iam_", "identity and permissions are not part of the architecture model"),
    ("aws_kms_", "keys are not modelled; encryption is a property of each store"),
    ("aws_secretsmanager_", "secrets are not modelled beyond the secret itself"),
    ("aws_ssm_", "configuration and management are not modelled"),
    ("aws_cloudwatch_", "monitoring is not modelled per resource (see the model's operations)"),
    ("aws_sns_", "notifications have no archlib kind"),
    ("aws_lambda_", "a function's configuration beyond the function itself is not modelled"),
    ("aws_api_gateway_", "API detail beyond the API itself is not modelled"),
    ("aws_apigatewayv2_", "API detail beyond the API itself is not modelled"),
    ("aws_acm_", "certificates are not modelled; TLS is a property of each listener"),
    ("aws_ecr_", "container registries are not modelled"),
    ("aws_eks_", "EKS has no archlib component kind"),
    ("aws_ecs_", "ECS detail beyond services is not modelled"),
    ("aws_security_group", "a security group (or rule) of no modelled component"),
    ("aws_vpc_security_group", "a security group rule of no modelled component"),
    ("aws_launch_", "a launch template no modelled instance or group uses"),
    ("aws_lb", "not attached to a modelled load balancer"),
    ("aws_alb", "not attached to a modelled load balancer"),
    ("aws_autoscaling_", "not attached to a modelled Auto Scaling group"),
    ("aws_route53_", "DNS detail beyond records is not modelled"),
    ("aws_cloudfront_", "CDN detail beyond distributions is not modelled"),
    ("aws_db_", "database detail beyond instances and clusters is not modelled"),
    ("aws_rds_", "database detail beyond instances and clusters is not modelled"),
    ("aws_elasticache_", "cache detail beyond clusters is not modelled"),
    ("aws_s3_", "bucket detail beyond buckets and policies is not modelled"),
    ("aws_dynamodb_", "table detail beyond tables is not modelled"),
    ("aws_appautoscaling_", "application auto scaling is not modelled"),
    ("aws_wafv2_", "web ACL detail beyond the ACL is not modelled"),
    ("aws_elasticsearch_", "search domains have no archlib component kind"),
    ("aws_opensearch_", "search domains have no archlib component kind"),
    ("aws_key_pair", "key pairs are not part of the architecture model"),
    ("aws_network_interface", "a network interface detail archlib does not model"),
    ("aws_", "a detail archlib does not model"),
    ("random_", "a value the random provider makes; not infrastructure"),
    ("null_", "no infrastructure (the null provider)"),
    ("terraform_", "no infrastructure (terraform's own resource)"),
    ("tls_", "a key the tls provider makes; not infrastructure"),
    ("local_", "a local file; not infrastructure"),
    ("time_", "a timer; not infrastructure"),
)


def reason_for(resource_type: str) -> str:
    for prefix, reason in _BY_PREFIX:
        if resource_type.startswith(prefix):
            return reason
    provider = resource_type.split("_", 1)[0]
    return f"a resource of the {provider} provider: archlib models AWS only"
