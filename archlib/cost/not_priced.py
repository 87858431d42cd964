"""Charges a model implies that archlib does not price: named in every report they apply to."""

from __future__ import annotations

from collections.abc import Callable

from archlib.model import Architecture, Cache, Cdn, NoSqlTable
from archlib.model.endpoints import runs_instances


def _exported(model: Architecture) -> bool:
    """The charge comes from what archlib's own stack adds, not from a declared stack."""
    return model.operations.resources is None


NOT_PRICED: tuple[tuple[str, Callable[[Architecture], bool]], ...] = (
    (
        "CloudWatch Logs ingestion and storage: log_analysis is on but the model gives no log "
        "volume (state usage.log_gb_per_month on the components that log)",
        lambda m: m.operations.log_analysis,
    ),
    (
        "CloudTrail beyond the free copy of management events (operations.audit_trail)",
        lambda m: m.operations.audit_trail,
    ),
    (
        "data processed by the interface VPC endpoints (agent metrics, logs, Session Manager "
        "and API calls): the model gives no volume for it",
        lambda m: _exported(m) and (any(runs_instances(c) for c in m.components)),
    ),
    (
        "S3 storage of the load balancer access logs and trail files the exported stack "
        "writes to its log bucket: the model gives no log volume",
        lambda m: _exported(m) and (m.operations.log_analysis or m.operations.audit_trail),
    ),
    (
        "VPC flow logs the exported stack delivers to CloudWatch Logs (vended-log ingestion, "
        "then log storage for operations.log_retention_days): the model gives no flow volume",
        lambda m: _exported(m) and m.operations.log_analysis,
    ),
    (
        "CloudFront HTTP requests answered with a redirect to HTTPS (viewer_protocol "
        "redirect-to-https): the model gives no share of viewers that arrive over HTTP",
        lambda m: any(
            isinstance(c, Cdn) and c.viewer_protocol == "redirect-to-https" for c in m.components
        ),
    ),
    (
        "third-party site monitoring and error reporting services (not AWS)",
        lambda m: m.operations.external_monitoring or m.operations.error_reporting,
    ),
    (
        "ElastiCache backup storage beyond one free snapshot",
        lambda m: any(isinstance(c, Cache) for c in m.components),
    ),
    (
        "CloudFront invalidations, origin shield and real-time logs",
        lambda m: any(isinstance(c, Cdn) for c in m.components),
    ),
    (
        "DynamoDB on-demand backups, streams and global tables",
        lambda m: any(isinstance(c, NoSqlTable) for c in m.components),
    ),
    ("support plans, taxes and the AWS Free Tier", lambda m: True),
)
"""Each charge in words, with when it applies."""


def applying(model: Architecture) -> tuple[str, ...]:
    return tuple(text for text, applies in NOT_PRICED if applies(model))
