"""The request classes traffic is counted in."""

from __future__ import annotations

FORWARDED = ("static", "reads", "writes", "jobs")
"""Classes that enter from the users and travel along links as one stream each."""
SIDE_CALLS = ("sessions", "replication")
"""Classes a component creates from what it handles: session lookups, replicated writes."""
CLASSES = FORWARDED + SIDE_CALLS
