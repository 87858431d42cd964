"""SEC011: an object store whose public access is not blocked."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import ObjectStore


def _check(context: CheckContext) -> Iterator[Finding]:
    for index, component in enumerate(context.model.components):
        if isinstance(component, ObjectStore) and not component.block_public_access:
            yield RULE.finding(
                f"{component.id}: public access is not blocked; one bucket policy or ACL "
                "mistake publishes its contents",
                component=component.id,
                location=("components", index, "block_public_access"),
            )


RULE = Rule(
    id="SEC011",
    category="security",
    severity="error",
    title="Object store public access not blocked",
    rationale=(
        "Public buckets are the most common cloud data leak. With S3 Block Public Access on, "
        "no policy or ACL can make the contents public by accident."
    ),
    remediation=(
        "Set block_public_access: true and serve public content through the CDN with an "
        "origin access control."
    ),
    check=_check,
)
