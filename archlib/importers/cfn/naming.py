"""Model ids from logical ids: lower-case, hyphenated, unique."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Z]+\d*(?=[A-Z][a-z]|\b|_)|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+")
MAX_ID = 63


def kebab(logical_id: str) -> str:
    """`WebServerGroup` -> `web-server-group`; always a valid model identifier."""
    words = _WORD.findall(logical_id)
    text = "-".join(word.lower() for word in words) or "resource"
    text = re.sub(r"[^a-z0-9-]+", "-", text).strip("-")
    if not text or not text[0].isalpha():
        text = f"r-{text}".rstrip("-")
    return text[:MAX_ID].rstrip("-")


TYPE_SUFFIXES = (
    "AutoScalingGroup", "ScalingGroup", "Asg", "Instance", "DBInstance", "Database",
    "DBCluster", "LoadBalancer", "Distribution", "ReplicationGroup", "CacheCluster", "Bucket",
    "Queue", "Table", "Cluster", "NatGateway", "Service", "Function",
)  # fmt: skip
"""Words a logical id often ends with that only repeat the resource's type."""


def component_name(logical_id: str) -> str:
    """`WebAutoScalingGroup` -> `web`: the id without a trailing word that names its type."""
    for suffix in TYPE_SUFFIXES:
        if logical_id.endswith(suffix) and len(logical_id) > len(suffix):
            stem = logical_id[: -len(suffix)]
            if stem[-1].isalnum():
                return kebab(stem)
    return kebab(logical_id)


class IdAllocator:
    """Hands out each id once; a clash gets a numeric suffix."""

    def __init__(self, reserved: tuple[str, ...] = ()) -> None:
        self.used: set[str] = set(reserved)

    def take(self, wanted: str) -> str:
        base = kebab(wanted) if not re.fullmatch(r"[a-z][a-z0-9-]*", wanted) else wanted
        candidate = base[:MAX_ID]
        number = 2
        while candidate in self.used:
            suffix = f"-{number}"
            candidate = f"{base[: MAX_ID - len(suffix)]}{suffix}"
            number += 1
        self.used.add(candidate)
        return candidate
