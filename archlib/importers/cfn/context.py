"""What every mapper shares: resolved properties, the network, ids and the report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from archlib.importers.cfn.intrinsics import Resolver
from archlib.importers.cfn.naming import IdAllocator, component_name
from archlib.importers.cfn.network import NetworkBuilder
from archlib.importers.cfn.report import ImportReport
from archlib.importers.cfn.template import Template
from archlib.importers.cfn.values import Composite, MissingParameter, ResourceRef, Unresolved


@dataclass
class Draft:
    """A component being built, with the resources it came from and its security groups."""

    id: str
    data: dict[str, Any]
    logical_ids: list[str]
    groups: set[str] = field(default_factory=set)
    served_ports: set[int] = field(default_factory=set)
    """Ports a load balancer forwards to it: what it serves, whatever its groups allow."""
    absorbed: list[str] = field(default_factory=list)
    """Resources folded into it: launch templates, listeners, subnet groups, its groups."""
    roles: set[str] = field(default_factory=set)
    """IAM roles it runs with: their permissions name the stores it uses."""
    policies: list[Any] = field(default_factory=list)
    """Policies stated on it (a serverless function's `Policies`)."""
    bastion: bool = False
    """Serves only SSH or RDP and opens it on other components."""
    compute: str | None = None
    """`instance`, `group`, `function` or `service` while the kind is still to be decided."""

    @property
    def kind(self) -> str:
        return str(self.data["kind"])


@dataclass
class ImportContext:
    template: Template
    resolver: Resolver
    report: ImportReport
    network: NetworkBuilder
    ids: IdAllocator = field(default_factory=IdAllocator)
    drafts: list[Draft] = field(default_factory=list)
    owner: dict[str, Draft] = field(default_factory=dict)
    """Logical id -> the component it became (or became part of)."""
    claimed: set[str] = field(default_factory=set)
    """Logical ids a component absorbed (launch templates, subnet groups, listeners, ...)."""
    links: list[dict[str, Any]] = field(default_factory=list)
    policies: dict[str, list[str]] = field(default_factory=dict)
    """Role logical id -> the standalone policies attached to it."""
    listener_rules: dict[str, list[str]] = field(default_factory=dict)
    named: dict[str, Draft] = field(default_factory=dict)
    """Bucket, table and queue names the template states -> the component they name."""
    attachments: dict[str, list[Draft]] = field(default_factory=dict)
    """Target group or classic load balancer logical id -> the components registered with it."""
    declared: list[dict[str, Any]] = field(default_factory=list)
    """The template's own operations resources, as the model's declared operations."""
    _properties: dict[str, dict[str, Any]] = field(default_factory=dict)

    operation_parts: set[str] = field(default_factory=set)
    """Resources folded into a declared operation (a web ACL's associations)."""

    def declared_ids(self) -> set[str]:
        """Resources of the template that became declared operations, or part of one."""
        own = {d["logical_id"] for d in self.declared if d["logical_id"] in self.template.resources}
        return own | self.operation_parts

    def resources_of(self, *types: str) -> list[tuple[str, dict[str, Any]]]:
        """Active resources of these types, in template order."""
        return [
            (logical_id, resource)
            for logical_id, resource in self.template.resources.items()
            if resource.get("Type") in types and self.resolver.active(resource)
        ]

    def type_of(self, logical_id: str) -> str | None:
        resource = self.template.resources.get(logical_id)
        return str(resource.get("Type")) if resource else None

    def props(self, logical_id: str) -> dict[str, Any]:
        if logical_id not in self._properties:
            resource = self.template.resources.get(logical_id, {})
            raw = resource.get("Properties", {})
            resolved = self.resolver.resolve(raw) if isinstance(raw, dict) else {}
            self._properties[logical_id] = resolved if isinstance(resolved, dict) else {}
        return self._properties[logical_id]

    def add(self, draft: Draft, *absorbed: str) -> Draft:
        self.drafts.append(draft)
        for logical_id in draft.logical_ids:
            self.owner[logical_id] = draft
            self.claimed.add(logical_id)
        self.absorb(draft, *absorbed)
        return draft

    def absorb(self, draft: Draft, *logical_ids: str) -> None:
        """Resources that are part of a component: listed with it, never as left out."""
        for logical_id in logical_ids:
            if logical_id not in self.claimed and logical_id in self.template.resources:
                self.claimed.add(logical_id)
                draft.absorbed.append(logical_id)

    def attach(self, logical_ids: list[str], draft: Draft) -> None:
        for logical_id in logical_ids:
            self.attachments.setdefault(logical_id, []).append(draft)

    def new_id(self, logical_id: str) -> str:
        if logical_id in self.template.names:
            return self.ids.take(self.template.names[logical_id])
        return self.ids.take(component_name(logical_id))

    def link(self, source: str, target: str, **fields: Any) -> None:
        if source == target:
            return
        port = fields.get("port")
        for existing in self.links:
            if (existing["source"], existing["target"], existing.get("port")) == (
                source,
                target,
                port,
            ):
                return
        self.links.append({"source": source, "target": target, **fields})

    def referenced(self, value: Any) -> list[str]:
        """Logical ids a resolved value points at."""
        if isinstance(value, ResourceRef):
            return [value.logical_id]
        if isinstance(value, Composite):
            return [ref.logical_id for ref in value.refs]
        if isinstance(value, list):
            return [found for item in value for found in self.referenced(item)]
        if isinstance(value, dict):
            return [found for item in value.values() for found in self.referenced(item)]
        return []


def as_bool(value: Any, default: bool) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return default


def as_int(value: Any, default: int | None = None) -> int | None:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return default
    return default


def as_list(value: Any) -> list[Any]:
    """A list as given, or one value as a list; what is unknown is left out, except a
    parameter nobody gave, which a subnet list turns into a placeholder."""
    if value is None or (isinstance(value, Unresolved) and not isinstance(value, MissingParameter)):
        return []
    return value if isinstance(value, list) else [value]
