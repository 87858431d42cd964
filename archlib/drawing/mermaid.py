"""The scene as a Mermaid flowchart, which GitHub renders in Markdown and pull requests."""

from __future__ import annotations

import json

from archlib.drawing.elements import Scene, SceneCluster, SceneEdge, SceneNode
from archlib.drawing.highlight import CATEGORIES, MARK_COLOURS, Mark
from archlib.drawing.text import mermaid_text

_SHAPES = {
    "person": ('(["', '"])'),
    "box": ('["', '"]'),
    "cylinder": ('[("', '")]'),
    "queue": ('[["', '"]]'),
    "round": ('("', '")'),
}
_ARROWS = {"sync": "-->", "async": "-.->", "replication": "==>", "egress": "-.->"}
_LINK_COLOURS = {
    "sync": "#5B6770",
    "async": "#1F77B4",
    "replication": "#8E44AD",
    "egress": "#95A5A6",
}
_CLUSTER_FILL = {
    "vpc": "fill:#FFFFFF,stroke:#248814",
    "public_subnets": "fill:#F2F8E9,stroke:#7AA116",
    "private_subnets": "fill:#E6F2F8,stroke:#147EBA",
    "subnets": "fill:#F2F8E9,stroke:#7AA116",
    "autoscale": "fill:#FDF7E3,stroke:#D86613,stroke-dasharray:5 3",
    "host": "fill:#FDF7E3,stroke:#D86613",
    "sql": "fill:#ECE8F6,stroke:#3B48CC,stroke-dasharray:5 3",
    "partition": "fill:#F7F5FC,stroke:#3B48CC,stroke-dasharray:5 3",
    "group": "fill:#FFFFFF,stroke:#AEB6BE",
}


def node_ref(component_id: str) -> str:
    """Ids as Mermaid wants them: hyphens would read as arrows, words like `end` as keywords."""
    return "n_" + component_id.replace("-", "_")


def _cluster_ref(cluster_id: str) -> str:
    return "c_" + cluster_id.replace("-", "_")


def _node_line(node: SceneNode) -> str:
    opening, closing = _SHAPES[node.shape]
    return f"{node_ref(node.id)}{opening}{mermaid_text(node.label)}{closing}"


def _end_ref(scene: Scene, end: str) -> str:
    """A node, or the subgraph an edge ends at (a subnet group, a partitioned database)."""
    _, cluster = scene.endpoint(end)
    return node_ref(end) if cluster is None else _cluster_ref(cluster)


def _edge_line(scene: Scene, edge: SceneEdge) -> str:
    tail, head = _end_ref(scene, edge.tail), _end_ref(scene, edge.head)
    if edge.backwards:
        tail, head = head, tail
    arrow = _ARROWS[edge.mode]
    if edge.both:
        arrow = "<" + arrow
    label = " ".join(part for part in (edge.label, "(soft)" if edge.soft else "") if part)
    text = f'|"{mermaid_text(label)}"|' if label else ""
    return f"{tail} {arrow}{text} {head}"


def _mark_class(mark: Mark) -> str:
    return f"{mark.category}_{mark.severity}"


def build_mermaid(scene: Scene) -> str:
    title = json.dumps(scene.title, ensure_ascii=False)
    lines = ["---", f"title: {title}", "---", "flowchart TB"]
    if scene.coverage:
        lines.append(f"    %% {scene.coverage}")
    styles: list[str] = []

    def emit(cluster: SceneCluster, depth: int) -> None:
        pad = "  " * depth
        for node_id in cluster.nodes:
            lines.append(pad + _node_line(scene.nodes[node_id]))
        for child in cluster.clusters:
            ref = _cluster_ref(child.id)
            lines.append(f'{pad}subgraph {ref}["{mermaid_text(child.label)}"]')
            lines.append(f"{pad}  direction TB")
            emit(child, depth + 1)
            lines.append(f"{pad}end")
            style = _CLUSTER_FILL[child.style]
            if child.mark is not None:
                style += f",stroke:{child.mark.colour},stroke-width:4px"
            styles.append(f"style {ref} {style}")

    emit(scene.root, 1)
    lines.extend(f"  {_edge_line(scene, edge)}" for edge in scene.edges)
    lines.append(f"  linkStyle default stroke:{_LINK_COLOURS['sync']}")
    for number, edge in enumerate(scene.edges):
        if edge.mode != "sync":
            lines.append(f"  linkStyle {number} stroke:{_LINK_COLOURS[edge.mode]}")
    lines.extend(f"  {style}" for style in styles)
    marked = [node for node in scene.nodes.values() if node.mark is not None]
    for category in CATEGORIES:
        for severity in ("error", "warning", "info"):
            mark = Mark(category, severity)
            members = [n for n in marked if n.mark == mark]
            if not members:
                continue
            dash = {
                "error": "",
                "warning": ",stroke-dasharray:6 3",
                "info": ",stroke-dasharray:2 2",
            }
            lines.append(
                f"  classDef {_mark_class(mark)} "
                f"stroke:{MARK_COLOURS[category]},stroke-width:4px{dash[severity]}"
            )
            refs = ",".join(node_ref(n.id) for n in members)
            lines.append(f"  class {refs} {_mark_class(mark)}")
    return "\n".join(lines) + "\n"
