"""Links: who talks to whom, on which port, and how much the caller depends on the answer."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from archlib.model.base import Identifier, Label, Port, StrictModel

LinkMode = Literal["sync", "async", "replication"]
Dependency = Literal["hard", "soft"]
TrafficClass = Literal["all", "reads", "writes", "static", "sessions", "jobs", "replication"]


class Link(StrictModel):
    """A directed flow from `source` (the caller) to `target`.

    `dependency: soft` marks a call whose failure the caller survives, such as a cache-aside
    read that falls back to the database; single-point-of-failure analysis ignores it.
    """

    source: Identifier = Field(description="The caller: the component that opens the connection.")
    target: Identifier = Field(description="The component called.")
    port: Port | None = Field(default=None, description="Defaults to the target's port.")
    protocol: Literal["tcp", "udp"] | None = Field(
        default=None, description="Defaults to the target kind's protocol."
    )
    purpose: Label | None = Field(default=None, description="A short label, e.g. HTTPS or reads.")
    mode: LinkMode = Field(
        default="sync", description="sync (request/response), async (queue), replication."
    )
    dependency: Dependency = Field(
        default="hard", description="soft: the caller survives the target failing."
    )
    traffic: TrafficClass = Field(default="all", description="Which requests flow along it.")
    share: float | None = Field(
        default=None,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="Fraction of the caller's stream of its class this link carries; links "
        "without one each carry the whole stream (fan-out).",
    )

    @property
    def key(self) -> str:
        """Stable identity for findings and diffs."""
        return f"{self.source}->{self.target}"
