"""The scene as Graphviz DOT, built with the `diagrams` package's Diagram, Cluster and nodes.

`diagrams` is used for what it is good at (icons, node and cluster conventions, the DOT it
assembles through the `graphviz` package) and kept away from what breaks review: node ids are
the component ids, icon paths are relative to the diagrams install (so the DOT is the same on
every machine), and nothing is rendered or written to the current directory here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from archlib.drawing.highlight import MARK_COLOUR_NAMES, MARK_MEANING, Mark
from archlib.drawing.icons import node_class, relative_icon
from archlib.drawing.scene import Scene, SceneCluster, SceneEdge, SceneNode
from archlib.drawing.text import dot_text, wrap
from archlib.model import Architecture

GRAPH_ATTRS = {
    "pad": "0.4",
    "splines": "spline",
    "nodesep": "0.7",
    "ranksep": "0.75",
    "newrank": "true",
    "labelloc": "t",
    "fontsize": "18",
}
NODE_ATTRS = {"fontsize": "12"}
EDGE_ATTRS = {"fontsize": "10", "fontcolor": "#404040", "arrowsize": "0.8"}

EDGE_STYLES: dict[str, dict[str, str]] = {
    "sync": {"style": "solid", "color": "#5B6770"},
    "async": {"style": "dashed", "color": "#1F77B4", "fontcolor": "#1F77B4"},
    "replication": {
        "style": "dotted",
        "color": "#8E44AD",
        "fontcolor": "#8E44AD",
        "penwidth": "2",
    },
}
CLUSTER_STYLES: dict[str, dict[str, str]] = {
    "vpc": {"pencolor": "#248814", "penwidth": "2", "bgcolor": "#FFFFFF"},
    "subnets": {"pencolor": "#7AA116", "bgcolor": "#F2F8E9"},
    "autoscale": {"pencolor": "#D86613", "style": "rounded,dashed", "bgcolor": "#FDF7E3"},
    "host": {"pencolor": "#D86613", "bgcolor": "#FDF7E3"},
    "sql": {"pencolor": "#3B48CC", "style": "rounded,dashed", "bgcolor": "#ECE8F6"},
    "group": {"pencolor": "#AEB6BE", "bgcolor": "#FFFFFF"},
}

CLUSTER_MARGIN = "20"
"""Points around a cluster's nodes: room for labels wider than their icon."""

LEGEND = "solid: request, dashed: async (queue), dotted: replication, hollow head: soft dependency"


@contextmanager
def _drawing(diagram: Any) -> Iterator[Any]:
    """Make `diagram` the current one without rendering it on exit (Diagram.__exit__ does)."""
    import diagrams

    diagrams.setdiagram(diagram)
    try:
        yield diagram
    finally:
        diagrams.setdiagram(None)


def _title(scene: Scene) -> str:
    marks = sorted({n.mark for n in scene.nodes.values() if n.mark} | _cluster_marks(scene))
    lines = [scene.title, LEGEND]
    if marks:
        seen = dict.fromkeys(
            f"{MARK_COLOUR_NAMES[m.category]} border: {MARK_MEANING[m.category]}" for m in marks
        )
        lines.append(", ".join(seen))
    return "\n".join(lines)


def _cluster_marks(scene: Scene) -> set[Mark]:
    return {c.mark for c in scene.clusters() if c.mark}


def _mark_attrs(mark: Mark) -> dict[str, str]:
    return {
        "shape": "box",
        "style": f"rounded,{mark.line_style},bold",
        "color": mark.colour,
        "penwidth": "3",
    }


def _node_attrs(node: SceneNode) -> dict[str, str]:
    attrs: dict[str, str] = {"tooltip": dot_text(f"{node.id} ({node.kind})")}
    if node.mark is not None:
        attrs.update(_mark_attrs(node.mark))
    return attrs


def _cluster_attrs(cluster: SceneCluster) -> dict[str, str]:
    attrs = {
        "label": dot_text(cluster.label),
        "fontsize": "11",
        "margin": CLUSTER_MARGIN,
        **CLUSTER_STYLES[cluster.style],
    }
    if cluster.mark is not None:
        attrs.update(pencolor=cluster.mark.colour, penwidth="3")
        attrs["style"] = f"rounded,{cluster.mark.line_style},bold"
    return attrs


def _edge_attrs(edge: SceneEdge) -> dict[str, str]:
    attrs = {**EDGE_ATTRS, **EDGE_STYLES[edge.mode]}
    if edge.label:
        attrs["label"] = dot_text(edge.label)
    if edge.soft:
        attrs["arrowhead" if not edge.backwards else "arrowtail"] = "empty"
    return attrs


RENDER_HINT = """\
// Icon paths are relative to the directory that holds the `diagrams` Python package.
// Render this file on its own with: dot -Tpng -Gimagepath="$DIR" FILE.dot -o FILE.png, where
// DIR=$(python3 -c 'import diagrams, os; print(os.path.dirname(os.path.dirname(diagrams.__file__)))')
"""  # noqa: E501 - a command to copy whole
"""A committed .dot file renders with its icons only when Graphviz can find them."""


def build_dot(model: Architecture, scene: Scene) -> str:
    from diagrams import Cluster, Diagram, Edge

    components = {c.id: c for c in model.components}
    diagram = Diagram(
        name=dot_text(scene.title),
        filename="diagram",
        direction="TB",
        show=False,
        outformat="dot",
        graph_attr={**GRAPH_ATTRS, "label": dot_text(_title(scene))},
        node_attr=NODE_ATTRS,
        edge_attr=EDGE_ATTRS,
    )
    drawn: dict[str, Any] = {}

    def add_nodes(cluster: SceneCluster) -> None:
        for node_id in cluster.nodes:
            node = scene.nodes[node_id]
            cls = node_class(components[node_id])
            label = wrap(node.title, 20)
            if node.detail:
                fits = len(node.detail) <= 22
                label += "\n" + (node.detail if fits else node.detail.replace(", ", "\n"))
            drawn[node_id] = cls(
                dot_text(label),
                nodeid=node_id,
                image=relative_icon(cls),
                **_node_attrs(node),
            )

    def add_cluster(cluster: SceneCluster) -> None:
        with Cluster(cluster.id, direction="TB", graph_attr=_cluster_attrs(cluster)):
            add_nodes(cluster)
            for child in cluster.clusters:
                add_cluster(child)

    with _drawing(diagram):
        add_nodes(scene.root)
        for child in scene.root.clusters:
            add_cluster(child)
        for number, row in enumerate(scene.rows):
            if len(row) < 2:
                continue
            with diagram.dot.subgraph(name=f"row_{number}") as sub:
                sub.attr(rank="same")
                for node_id in row:
                    sub.node(node_id)
        for left, right in scene.order:
            diagram.connect(drawn[left], drawn[right], Edge(style="invis"))
        for edge in scene.edges:
            diagram.connect(
                drawn[edge.tail],
                drawn[edge.head],
                Edge(forward=not edge.backwards, reverse=edge.backwards, **_edge_attrs(edge)),
            )
    return RENDER_HINT + str(diagram.dot.source)
