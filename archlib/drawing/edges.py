"""Edges from links: one per caller and callee, through folded balancers, and NAT egress."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from archlib.drawing.detail import MAX_LABEL_LINES
from archlib.drawing.elements import SceneCluster, SceneEdge, members
from archlib.drawing.lookup import ModelIndex, tier_of
from archlib.model import Queue, Worker
from archlib.model.links import Link, LinkMode


def link_label(link: Link) -> str:
    """`port 80: redirect to HTTPS`: the port first, so it never reads as part of the purpose."""
    if link.port is None:
        return link.purpose or ""
    return f"port {link.port}: {link.purpose}" if link.purpose else f"port {link.port}"


def _is_consumer(index: ModelIndex, link: Link) -> bool:
    return isinstance(index.components[link.target], Queue) and isinstance(
        index.components[link.source], Worker
    )


def _through(index: ModelIndex, folded: set[str], target: str) -> list[str]:
    """Where a call to `target` ends when folded load balancers pass it on."""
    ends: list[str] = []
    seen: set[str] = set()
    pending = [target]
    while pending:
        current = pending.pop(0)
        if current in seen:
            continue
        seen.add(current)
        if current in folded:
            pending.extend(link.target for link in index.targets.get(current, []))
        else:
            ends.append(current)
    return ends


@dataclass
class _Bundle:
    """Links drawn as one edge: the first one's style, every purpose in the label."""

    mode: LinkMode
    soft: bool
    labels: list[str] = field(default_factory=list)

    def add(self, link: Link) -> None:
        self.soft = self.soft and link.dependency == "soft"
        label = link_label(link)
        if link.mode != self.mode:
            label = f"{label} ({link.mode})" if label else link.mode
        if label and label not in self.labels:
            self.labels.append(label)


def link_edges(index: ModelIndex, unit_of: Mapping[str, str], folded: set[str]) -> list[SceneEdge]:
    """One edge per caller and callee: parallel links (443 and 80, reads and jobs) share it.

    Graphviz would set the labels of parallel edges side by side with no room between them;
    one edge with the purposes one under the other reads better. A purpose whose link has
    another style than the edge says so: `jobs (async)`.
    """
    bundles: dict[tuple[str, str, bool], _Bundle] = {}
    for link in index.model.links:
        if link.source not in unit_of:
            continue
        for end in _through(index, folded, link.target):
            if end not in unit_of or unit_of[end] == unit_of[link.source]:
                continue
            backwards = _is_consumer(index, link)
            source, target = unit_of[link.source], unit_of[end]
            tail, head = (target, source) if backwards else (source, target)
            key = (tail, head, backwards)
            if key not in bundles:
                bundles[key] = _Bundle(link.mode, link.dependency == "soft")
            bundles[key].add(link)
    first_member: dict[str, str] = {}
    for component, owner in unit_of.items():
        first_member.setdefault(owner, component)
    edges: list[SceneEdge] = []
    merged: set[tuple[str, str, bool]] = set()
    for (tail, head, backwards), bundle in bundles.items():
        if (tail, head, backwards) in merged:
            continue
        labels = list(bundle.labels)
        opposite = bundles.get((head, tail, False)) if not backwards else None
        if opposite is not None:
            merged.add((head, tail, False))
            caller = index.components[first_member[head]].display_name
            labels += [f"{label} (from {caller})" for label in opposite.labels]
        edges.append(
            SceneEdge(
                tail,
                head,
                _combined(labels),
                bundle.mode,
                bundle.soft,
                backwards,
                both=opposite is not None,
            )
        )
    return edges


def _combined(labels: list[str]) -> str:
    if len(labels) <= MAX_LABEL_LINES:
        return "\n".join(labels)
    shown = labels[: MAX_LABEL_LINES - 1]
    return "\n".join([*shown, f"+{len(labels) - len(shown)} more"])


def egress_edges(
    index: ModelIndex,
    clusters: Mapping[str, SceneCluster],
    unit_of: Mapping[str, str],
    rows: list[list[str]],
    endpoints: dict[str, tuple[str, str]],
) -> list[SceneEdge]:
    """Each NAT gateway to the subnet tiers that send their outbound traffic through it."""
    row_of = {node: number for number, row in enumerate(rows) for node in row}
    edges: list[SceneEdge] = []
    served: dict[tuple[str, str], list[str]] = {}
    # Unlabelled: the legend says what the line means and the NAT's label names its AZ.
    for subnet in index.model.network.subnets:
        if subnet.nat_gateway is None or subnet.nat_gateway not in unit_of:
            continue
        tier = f"tier-{tier_of(subnet)}"
        if tier in clusters:
            served.setdefault((subnet.nat_gateway, tier), []).append(subnet.id)
    for nat, tier in served:
        inside = members(clusters[tier])
        if nat in inside:
            continue
        ranked = [n for n in inside if n in row_of]
        if not ranked:
            continue
        endpoints[tier] = (min(ranked, key=lambda n: row_of[n]), tier)
        edges.append(SceneEdge(nat, tier, "", "egress", False, backwards=True))
    return edges
