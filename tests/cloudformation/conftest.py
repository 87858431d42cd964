"""Hypothesis settings for the CloudFormation tests: few examples, derandomized for CI."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "cloudformation",
    max_examples=12,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
