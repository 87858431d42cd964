"""SEC012: clients fetch from an object store directly instead of through the CDN."""

from __future__ import annotations

from collections.abc import Iterator

from archlib.checks.context import CheckContext
from archlib.checks.finding import Finding
from archlib.checks.rule import Rule
from archlib.model.components import Client, ObjectStore


def _check(context: CheckContext) -> Iterator[Finding]:
    for store in context.model.of_type(ObjectStore):
        for link in context.graph.incoming[store.id]:
            if isinstance(context.components[link.source], Client):
                yield RULE.finding(
                    f"{link.source} read {store.id} directly; serve it through the CDN",
                    component=store.id,
                    link=link.key,
                    others=[link.source],
                    location=("links", context.link_indexes[link.key]),
                )


RULE = Rule(
    id="SEC012",
    category="security",
    severity="warning",
    title="Object store served without the CDN",
    rationale=(
        "A bucket that clients read directly must allow public reads, and its content goes "
        "out without the CDN's TLS settings, caching and request filtering."
    ),
    remediation=(
        "Put the CDN in front (a link client -> cdn -> object store) and let only the CDN "
        "read the bucket."
    ),
    check=_check,
)
