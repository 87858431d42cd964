"""Ingress rules and egress policy.

Rules a link needs are derived from the link (see `archlib.model.exposure`); a model states
only the extra rules, such as SSH from an allowlist, once, with the reason they exist.
"""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Literal

from pydantic import Field, field_validator, model_validator

from archlib.model.base import Port, StrictModel

INTERNET = "internet"
"""Rule source meaning every address, IPv4 and IPv6."""
ADMIN_PORTS = {22: "SSH", 3389: "RDP"}
"""Remote administration ports: open to the world, they are an attack surface by themselves."""
WEB_PORTS = frozenset({80, 443})
"""The ports a public web entry point serves."""

EgressPolicy = Literal["none", "links", "any"]
"""`none`: the component never initiates connections; `links`: only to its link targets."""


class IngressRule(StrictModel):
    """One allowed inbound flow: from the internet, a CIDR, or another component."""

    source: str = Field(
        description="`internet`, a CIDR such as 203.0.113.0/24, or the id of a component."
    )
    port: Port
    port_to: Port | None = Field(default=None, description="Last port of a range.")
    protocol: Literal["tcp", "udp"] = "tcp"
    reason: str | None = Field(
        default=None,
        description="Why the rule exists; a rule that no link uses is over-permissive without one.",
    )

    @field_validator("source")
    @classmethod
    def _valid_source(cls, value: str) -> str:
        if "/" in value or ":" in value:
            try:
                ip_network(value, strict=True)
            except ValueError as error:
                raise ValueError(f"invalid CIDR {value!r}: {error}") from None
        return value

    @model_validator(mode="after")
    def _ordered_range(self) -> IngressRule:
        if self.port_to is not None and self.port_to < self.port:
            raise ValueError(f"port_to {self.port_to} is below port {self.port}")
        return self

    @property
    def source_kind(self) -> Literal["internet", "cidr", "component"]:
        if self.source == INTERNET:
            return "internet"
        if "/" in self.source or ":" in self.source:
            return "cidr"
        return "component"

    @property
    def cidr(self) -> IPv4Network | IPv6Network | None:
        return ip_network(self.source) if self.source_kind == "cidr" else None

    @property
    def is_world_open(self) -> bool:
        """True for the internet and for CIDRs that cover every address (0.0.0.0/0, ::/0)."""
        cidr = self.cidr
        return self.source_kind == "internet" or (cidr is not None and cidr.prefixlen == 0)

    def covers(self, port: int, protocol: str) -> bool:
        last = self.port_to if self.port_to is not None else self.port
        return self.protocol == protocol and self.port <= port <= last


def modern_tls_policy(name: str) -> bool:
    """An ELB security policy that negotiates TLS 1.2 or later only: the TLS13 policies and
    those AWS names for TLS 1.2 (`...-TLS-1-2-...`, `...-TLS13-1-2-...`); the older ones
    (`ELBSecurityPolicy-2016-08`, `-TLS-1-0-2015-04`, `-TLS-1-1-2017-01`, `-FS-2018-06`)
    still accept TLS 1.0 or 1.1."""
    return "TLS13" in name or "TLS-1-2" in name or name.startswith("ELBSecurityPolicy-FS-1-2")
