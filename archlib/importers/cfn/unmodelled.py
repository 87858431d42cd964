"""Why a resource type is not part of the model: said for each one the import leaves out."""

from __future__ import annotations

_BY_PREFIX: tuple[tuple[str, str], ...] = (
    ("AWS::IAM::", "identity and permissions are not part of the architecture model"),
    ("AWS::KMS::", "keys are not modelled; encryption is a property of each store"),
    ("AWS::SecretsManager::", "secrets are not modelled"),
    ("AWS::SSM::", "configuration and management are not modelled"),
    ("AWS::CloudWatch::", "monitoring is not modelled per resource (see the model's operations)"),
    ("AWS::Logs::", "logging is not modelled per resource (see the model's operations)"),
    ("AWS::CloudTrail::", "audit trails are not modelled per resource (see operations)"),
    ("AWS::SNS::", "notifications have no archlib kind"),
    ("AWS::Events::", "event rules have no archlib kind"),
    ("AWS::Lambda::", "a function's configuration beyond the function itself is not modelled"),
    ("AWS::CloudFormation::Stack", "a nested stack: import its template on its own"),
    ("AWS::CloudFormation::", "stack machinery, not architecture"),
    ("Custom::", "a custom resource: what it creates is not in the template"),
    ("Rain::Module", "a Rain module: its resources are inserted when rain packages the template"),
    ("AWS::EC2::SecurityGroup", "a security group (or rule) of no modelled component"),
    ("AWS::EC2::LaunchTemplate", "a launch template no modelled instance or group uses"),
    ("AWS::EC2::VPCEndpoint", "VPC endpoints are not modelled"),
    ("AWS::EC2::", "a network detail archlib does not model"),
    ("AWS::ElasticLoadBalancingV2::", "not attached to a modelled load balancer"),
    ("AWS::AutoScaling::", "not attached to a modelled Auto Scaling group"),
    ("AWS::Route53::", "DNS detail beyond records is not modelled"),
    ("AWS::CloudFront::", "CDN detail beyond distributions is not modelled"),
    ("AWS::ECS::", "ECS detail beyond services is not modelled"),
    ("AWS::RDS::", "database detail beyond instances and clusters is not modelled"),
    ("AWS::ElastiCache::", "cache detail beyond clusters is not modelled"),
    ("AWS::S3::", "bucket detail beyond buckets and policies is not modelled"),
)


def reason_for(resource_type: str) -> str:
    for prefix, reason in _BY_PREFIX:
        if resource_type.startswith(prefix):
            return reason
    return f"{resource_type} has no archlib component kind"
