"""The scene as Graphviz DOT, built with the `diagrams` package's Diagram, Cluster and nodes.

`diagrams` is used for what it is good at (icons, node and cluster conventions, the DOT it
assembles through the `graphviz` package) and kept away from what breaks review: node ids are
the component ids, icon paths are relative to the diagrams install (so the DOT is the same on
every machine), and nothing is rendered or written to the current directory here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from archlib.drawing.direction import Direction
from archlib.drawing.elements import Scene, SceneCluster, SceneEdge, SceneNode, members
from archlib.drawing.highlight import MARK_COLOUR_NAMES, MARK_MEANING, Mark
from archlib.drawing.icons import node_class, relative_icon
from archlib.drawing.text import (
    cluster_title,
    dot_left_text,
    dot_padded_text,
    dot_text,
    wrap,
    wrap_at_spaces,
)
from archlib.model import Architecture

GRAPH_ATTRS = {
    "pad": "0.4",
    "splines": "spline",
    "nodesep": "0.7",
    "ranksep": "0.75",
    "newrank": "true",
    "labelloc": "t",
    "fontsize": "18",
    "compound": "true",
}
NODE_ATTRS = {"fontsize": "12", "imagepos": "tc"}
"""`imagepos=tc`: the icon sits at the top of its node, so an arrow from above ends on it."""
EDGE_ATTRS = {"fontsize": "10", "fontcolor": "#404040", "arrowsize": "0.8"}

EDGE_LABEL_WIDTH = 22
"""Characters on a line of an edge label. Graphviz sets a label to one side of its edge, and a
long one-line label (`port 3306: SQL reads (cache misses)`) reaches over the next edge from
the same node, where that edge's label then lands on it."""

INNER_LABEL_WIDTH = 12
"""Characters on a line of the label of an edge between two nodes of one box (the web server
and MySQL on stage 1's single host): Graphviz does not grow the box for the label, so a wide
one runs over its border."""

EDGE_STYLES: dict[str, dict[str, str]] = {
    "sync": {"style": "solid", "color": "#5B6770"},
    "async": {"style": "dashed", "color": "#1F77B4", "fontcolor": "#1F77B4"},
    "replication": {
        "style": "dotted",
        "color": "#8E44AD",
        "fontcolor": "#8E44AD",
        "penwidth": "2",
    },
    "egress": {"style": "dashed", "color": "#95A5A6"},
}
CLUSTER_STYLES: dict[str, dict[str, str]] = {
    "vpc": {"pencolor": "#248814", "penwidth": "2", "bgcolor": "#FFFFFF"},
    "public_subnets": {"pencolor": "#7AA116", "bgcolor": "#F2F8E9"},
    "private_subnets": {"pencolor": "#147EBA", "bgcolor": "#E6F2F8"},
    "subnets": {"pencolor": "#7AA116", "bgcolor": "#F2F8E9"},
    "autoscale": {"pencolor": "#D86613", "style": "rounded,dashed", "bgcolor": "#FDF7E3"},
    "host": {"pencolor": "#D86613", "bgcolor": "#FDF7E3"},
    "sql": {"pencolor": "#3B48CC", "style": "rounded,dashed", "bgcolor": "#ECE8F6"},
    "partition": {"pencolor": "#3B48CC", "style": "rounded,dashed", "bgcolor": "#F7F5FC"},
    "group": {"pencolor": "#AEB6BE", "bgcolor": "#FFFFFF"},
}

ICON_HEIGHT = 1.45
LINE_HEIGHT = 0.2
"""Inches: a node is its icon and its label's lines, so the label sits right under the icon."""

CLUSTER_MARGIN = "20"
TITLE_FONTSIZE = "11"
ROW_ANCHOR_ATTRS = {
    "label": "",
    "style": "invis",
    "shape": "point",
    "width": "0",
    "height": "0",
    "fixedsize": "true",
    "image": "",
}
"""An invisible point per row, chained top to bottom: a row is a row even for a component no
link pushes down (a tier's first server that nothing calls)."""

TITLE_ATTRS = {
    "shape": "plaintext",
    "fontsize": TITLE_FONTSIZE,
    "margin": "0",
    "fixedsize": "false",
    "width": "0",
    "labelloc": "t",
    "image": "",
}
"""Points around a cluster's nodes: room for labels wider than their icon."""

MARK_MARGIN = "8"
"""Points between a highlighted node's icon and label and its coloured border."""

EDGE_LEGEND: dict[str, str] = {
    "sync": "solid: request",
    "async": "dashed: async (queue)",
    "replication": "dotted: replication",
}
SOFT_LEGEND = "hollow head: soft dependency"
BORDER_LEGEND = {
    "error": "solid border: error",
    "warning": "dashed: warning",
    "info": "dotted: note",
}
EGRESS_LEGEND = (
    "grey dashed into a subnet group: its outbound internet traffic through a NAT gateway"
)


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
    lines = [scene.title, *([scene.coverage] if scene.coverage else [])]
    modes = {edge.mode for edge in scene.edges}
    styles = [text for mode, text in EDGE_LEGEND.items() if mode in modes]
    if any(edge.soft for edge in scene.edges):
        styles.append(SOFT_LEGEND)
    if styles:
        lines.append(", ".join(styles))
    if "egress" in modes:
        lines.append(EGRESS_LEGEND)
    if marks:
        seen = dict.fromkeys(
            f"{MARK_COLOUR_NAMES[m.category]} border: {MARK_MEANING[m.category]}" for m in marks
        )
        severities = {m.severity for m in marks}
        borders = [text for severity, text in BORDER_LEGEND.items() if severity in severities]
        lines.append(", ".join(seen) + ("; " + ", ".join(borders) if len(borders) > 1 else ""))
    return "\n".join(lines)


def _cluster_marks(scene: Scene) -> set[Mark]:
    return {c.mark for c in scene.clusters() if c.mark}


def _mark_attrs(mark: Mark) -> dict[str, str]:
    """A border in the mark's colour, drawn as a cluster so it keeps clear of the icon."""
    return {
        "label": "",
        "margin": MARK_MARGIN,
        "pencolor": mark.colour,
        "penwidth": "3",
        "style": f"rounded,{mark.line_style},bold",
        "bgcolor": "transparent",
    }


def _cluster_attrs(cluster: SceneCluster) -> dict[str, str]:
    attrs = {
        "label": dot_left_text(cluster_title(cluster.label)),
        "fontsize": TITLE_FONTSIZE,
        "margin": CLUSTER_MARGIN,
        **CLUSTER_STYLES[cluster.style],
    }
    if cluster.mark is not None:
        attrs.update(pencolor=cluster.mark.colour, penwidth="3")
        attrs["style"] = f"rounded,{cluster.mark.line_style},bold"
    return attrs


def _edge_attrs(scene: Scene, edge: SceneEdge, width: int = EDGE_LABEL_WIDTH) -> dict[str, str]:
    attrs = {**EDGE_ATTRS, **EDGE_STYLES[edge.mode]}
    if edge.label:
        lines = (wrap_at_spaces(line, width) for line in edge.label.split("\n"))
        attrs["label"] = dot_padded_text("\n".join(lines))
    if edge.soft:
        attrs["arrowhead" if not edge.backwards else "arrowtail"] = "empty"
    if edge.both:
        attrs["dir"] = "both"
        if edge.soft:
            attrs["arrowtail"] = "empty"
    _, tail_cluster = scene.endpoint(edge.tail)
    _, head_cluster = scene.endpoint(edge.head)
    if edge.mode == "egress":
        return attrs  # drawn to the subnet group's title: that group's traffic leaves here
    if tail_cluster is not None:
        attrs["ltail"] = f"cluster_{tail_cluster}"
    if head_cluster is not None:
        attrs["lhead"] = f"cluster_{head_cluster}"
    return attrs


RENDER_HINT = """\
// Icon paths are relative to the directory that holds the `diagrams` Python package.
// Render this file on its own with: dot -Tpng -Gimagepath="$DIR" FILE.dot -o FILE.png, where
// DIR=$(python3 -c 'import diagrams, os; print(os.path.dirname(os.path.dirname(diagrams.__file__)))')
"""  # noqa: E501 - a command to copy whole
"""A committed .dot file renders with its icons only when Graphviz can find them."""


@dataclass(frozen=True)
class TitleNode:
    """A cluster's title drawn as a node first in the cluster's top row.

    Graphviz routes edges around nodes but straight through cluster labels; as a node, the
    title keeps its corner, and edges into the cluster come down beside it.
    """

    id: str
    cluster: str
    text: str
    row: int
    right_of_it: list[str]


def _title_nodes(scene: Scene) -> dict[str, TitleNode]:
    """Cluster id -> its title node; a cluster with nothing on a row keeps a plain label."""
    row_of = {node: number for number, row in enumerate(scene.rows) for node in row}
    titles: dict[str, TitleNode] = {}
    for cluster in scene.clusters():
        if not cluster.label:
            continue
        inside = members(cluster)
        ranked = [row_of[n] for n in inside if n in row_of]
        if not ranked:
            continue
        top = min(ranked)
        beside = [n for n in inside if row_of.get(n) == top]
        text = cluster_title(cluster.label)
        titles[cluster.id] = TitleNode(f"title-{cluster.id}", cluster.id, text, top, beside)
    for cluster in scene.clusters():
        outer = titles.get(cluster.id)
        if outer is None:
            continue
        for child in _descendants(cluster):
            inner = titles.get(child.id)
            if inner is not None and inner.row == outer.row:
                outer.right_of_it.append(inner.id)
    return titles


def _descendants(cluster: SceneCluster) -> list[SceneCluster]:
    found: list[SceneCluster] = []
    for child in cluster.clusters:
        found.append(child)
        found.extend(_descendants(child))
    return found


def _node_label(node: SceneNode) -> str:
    label = wrap(node.title, 20)
    if node.detail:
        fits = len(node.detail) <= 22
        label += "\n" + (node.detail if fits else node.detail.replace(", ", "\n"))
    return label


def _node_height(label: str) -> float:
    return ICON_HEIGHT + LINE_HEIGHT * (label.count("\n") + 1)


def _own_ports(tail_row: int | None, head_row: int | None) -> dict[str, str]:
    """Ports for the second of two opposite edges between the same nodes (A calls B, B calls A).

    Graphviz draws such a pair as one edge with both labels in one place; stating the sides
    they leave and enter by keeps them two edges, each label beside its own line.
    """
    if tail_row is None or head_row is None or tail_row == head_row:
        return {"tailport": "e", "headport": "e"}
    if tail_row > head_row:
        return {"tailport": "n", "headport": "s"}
    return {"tailport": "s", "headport": "n"}


def _connect(
    diagram: Any,
    scene: Scene,
    titles: dict[str, TitleNode],
    drawn: dict[str, Any],
    rows: list[list[str]],
) -> None:
    """Every scene edge; one into a cluster is drawn to the cluster's title, right inside it."""
    from diagrams import Edge

    def aim(end: str) -> Any:
        node, cluster = scene.endpoint(end)
        title = titles.get(cluster) if cluster is not None else None
        return title.id if title is not None else drawn[node]

    def name(end: Any) -> str:
        return end if isinstance(end, str) else str(end.nodeid)

    row_of = {node: number for number, row in enumerate(rows) for node in row}
    connected: set[tuple[str, str]] = set()
    labelled: set[tuple[str, str]] = set()
    home = {node: cluster.id for cluster in scene.clusters() for node in cluster.nodes}
    for edge in scene.edges:
        tail, head = aim(edge.tail), aim(edge.head)
        inside = home.get(edge.tail) is not None and home.get(edge.tail) == home.get(edge.head)
        attrs = _edge_attrs(scene, edge, INNER_LABEL_WIDTH if inside else EDGE_LABEL_WIDTH)
        ends = (name(tail), name(head))
        if "label" in attrs:
            # Edges converging on one node with the same words: Graphviz can set both labels
            # in one place where the edges meet, so the words are said once.
            said = (ends[0] if edge.backwards else ends[1], attrs["label"])
            if said in labelled:
                del attrs["label"]
            labelled.add(said)
        if ends[::-1] in connected:
            attrs.update(_own_ports(row_of.get(ends[0]), row_of.get(ends[1])))
        connected.add(ends)
        if isinstance(tail, str) or isinstance(head, str):
            attrs.setdefault("dir", "back" if edge.backwards else "forward")
            diagram.dot.edge(*ends, fontname="Sans-Serif", **attrs)
            continue
        forward = not edge.backwards or edge.both
        reverse = edge.backwards or edge.both
        attrs.pop("dir", None)
        diagram.connect(tail, head, Edge(forward=forward, reverse=reverse, **attrs))


def build_dot(model: Architecture, scene: Scene, direction: Direction = "TB") -> str:
    from diagrams import Cluster, Diagram, Edge, getcluster

    components = {c.id: c for c in model.components}
    diagram = Diagram(
        name=dot_text(scene.title),
        filename="diagram",
        direction=direction,
        show=False,
        outformat="dot",
        graph_attr={**GRAPH_ATTRS, "label": dot_text(_title(scene))},
        node_attr=NODE_ATTRS,
        edge_attr=EDGE_ATTRS,
    )
    drawn: dict[str, Any] = {}
    labels = {node_id: _node_label(node) for node_id, node in scene.nodes.items()}
    row_height = [max(_node_height(labels[n]) for n in row) for row in scene.rows]
    titles = _title_nodes(scene)

    def add_node(node: SceneNode) -> None:
        cls = node_class(components[node.component or node.id])
        drawn[node.id] = cls(
            dot_text(labels[node.id]),
            nodeid=node.id,
            height=f"{_node_height(labels[node.id]):.2f}",
            image=relative_icon(cls),
            tooltip=dot_text(f"{node.id} ({node.kind})"),
        )

    def add_nodes(cluster: SceneCluster) -> None:
        title = titles.get(cluster.id)
        if title is not None:
            height = f"{row_height[title.row]:.2f}"
            getcluster().node(title.id, dot_left_text(title.text), height=height, **TITLE_ATTRS)
        for node_id in cluster.nodes:
            node = scene.nodes[node_id]
            if node.mark is None:
                add_node(node)
                continue
            with Cluster(f"mark-{node_id}", graph_attr=_mark_attrs(node.mark)):
                add_node(node)

    def add_cluster(cluster: SceneCluster) -> None:
        attrs = _cluster_attrs(cluster)
        if cluster.id in titles:
            attrs["label"] = ""
        with Cluster(cluster.id, direction="TB", graph_attr=attrs):
            add_nodes(cluster)
            for child in cluster.clusters:
                add_cluster(child)

    with _drawing(diagram):
        add_nodes(scene.root)
        for child in scene.root.clusters:
            add_cluster(child)
        rows = [list(row) for row in scene.rows]
        for title in titles.values():
            rows[title.row].insert(0, title.id)
        for number, row in enumerate(rows):
            with diagram.dot.subgraph(name=f"row_{number}") as sub:
                sub.attr(rank="same")
                sub.node(f"row-{number}", **ROW_ANCHOR_ATTRS)
                for node_id in row:
                    sub.node(node_id)
        for number in range(1, len(rows)):
            diagram.dot.edge(f"row-{number - 1}", f"row-{number}", style="invis")
        for title in titles.values():
            for node_id in title.right_of_it:
                diagram.dot.edge(title.id, node_id, style="invis")
        for left, right in scene.order:
            # Left to right, Graphviz stacks a rank's nodes from the bottom up: the first of
            # a pair (NAT gateway AZ a, say) goes on top when the pair is given the other way.
            first, second = (left, right) if direction == "TB" else (right, left)
            diagram.connect(drawn[first], drawn[second], Edge(style="invis"))

        _connect(diagram, scene, titles, drawn, rows)
    return RENDER_HINT + str(diagram.dot.source)
