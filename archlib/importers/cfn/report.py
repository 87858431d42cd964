"""What an import did: each component and where it came from, and what it left out and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MappedComponent:
    component: str
    kind: str
    logical_ids: tuple[str, ...]
    absorbed: tuple[str, ...] = ()
    """Resources that are part of it: launch templates, listeners, groups, roles, ..."""


@dataclass(frozen=True)
class NotModelled:
    logical_id: str
    type: str
    reason: str


@dataclass
class ImportReport:
    template: str
    region: str
    components: list[MappedComponent] = field(default_factory=list)
    network: list[str] = field(default_factory=list)
    """Logical ids of the VPC, subnets, routes and gateways that became the network."""
    declared: list[str] = field(default_factory=list)
    """Logical ids of the alarms, topics, keys, web ACLs ... that became declared operations."""
    not_modelled: list[NotModelled] = field(default_factory=list)
    placeholders: dict[str, str] = field(default_factory=dict)
    """Parameters with neither a value nor a default, and what stands in for each."""
    assumptions: list[str] = field(default_factory=list)
    """Everything the import had to assume, with its basis."""
    traffic: str = ""

    def assume(self, text: str) -> None:
        if text not in self.assumptions:
            self.assumptions.append(text)

    def skip(self, logical_id: str, type_: str, reason: str) -> None:
        self.not_modelled.append(NotModelled(logical_id, type_, reason))

    def document(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "region": self.region,
            "traffic": self.traffic,
            "components": [
                {
                    "id": c.component,
                    "kind": c.kind,
                    "logical_ids": list(c.logical_ids),
                    "absorbed": list(c.absorbed),
                }
                for c in self.components
            ],
            "network": list(self.network),
            "declared_operations": list(self.declared),
            "not_modelled": [
                {"logical_id": n.logical_id, "type": n.type, "reason": n.reason}
                for n in self.not_modelled
            ],
            "placeholders": dict(self.placeholders),
            "assumptions": list(self.assumptions),
        }

    def lines(self) -> list[str]:
        out = [f"{self.template}: {len(self.components)} components (region {self.region})"]
        for mapped in self.components:
            out.append(f"  {mapped.component} ({mapped.kind}) <- {', '.join(mapped.logical_ids)}")
            if mapped.absorbed:
                out.append(f"      with {', '.join(mapped.absorbed)}")
        if self.network:
            out.append(f"  network <- {', '.join(self.network)}")
        if self.declared:
            out.append(f"  operations (priced as declared) <- {', '.join(self.declared)}")
        out.append(f"not modelled: {len(self.not_modelled)}")
        for item in self.not_modelled:
            out.append(f"  {item.logical_id} ({item.type}): {item.reason}")
        if self.placeholders:
            out.append("parameters without a value or default:")
            for name, stands in sorted(self.placeholders.items()):
                out.append(f"  {name}: {stands}")
        out.append(f"traffic: {self.traffic}")
        if self.assumptions:
            out.append("assumptions:")
            out.extend(f"  - {text}" for text in self.assumptions)
        return out
