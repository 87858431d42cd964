"""Reading Graphviz's own layout (`dot -Tjson`): where titles, edges and edge labels landed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from archlib.drawing.engine import layout

Point = tuple[float, float]

LABEL_GAP = 2.0
"""Points two edge labels keep apart: labels that touch read as one."""


@dataclass(frozen=True)
class Box:
    name: str
    left: float
    bottom: float
    right: float
    top: float

    def holds(self, point: Point) -> bool:
        x, y = point
        return self.left < x < self.right and self.bottom < y < self.top

    def overlaps(self, other: Box, gap: float = 0) -> bool:
        """Closer than `gap` points, or on top of each other."""
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.bottom < other.top + gap
            and other.bottom < self.top + gap
        )


def laid_out(dot_source: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(layout(dot_source, ("json",))["json"])
    return data


def _text_box(name: str, ops: list[dict[str, Any]]) -> Box | None:
    """The box around the text an object draws (`_ldraw_`): baseline, width and font size."""
    size = 14.0
    boxes: list[tuple[float, float, float, float]] = []
    for op in ops:
        if op["op"] == "F":
            size = float(op["size"])
        elif op["op"] == "T" and op["text"].strip():
            x, y = op["pt"]
            width = float(op["width"])
            left = {"l": x, "c": x - width / 2, "r": x - width}[op["align"]]
            boxes.append((left, y - 0.25 * size, left + width, y + 0.8 * size))
    if not boxes:
        return None
    return Box(
        name,
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def cluster_titles(data: dict[str, Any]) -> list[Box]:
    """Cluster labels, and the title nodes archlib draws in a cluster's corner instead."""
    found = []
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        if name.startswith(("cluster", "title-")) and "_ldraw_" in obj:
            box = _text_box(obj["name"], obj["_ldraw_"])
            if box is not None:
                found.append(box)
    return found


def _names(data: dict[str, Any]) -> dict[int, str]:
    return {obj["_gvid"]: obj["name"] for obj in data.get("objects", []) if "_gvid" in obj}


def _visible(data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    names = _names(data)
    for edge in data.get("edges", []):
        if edge.get("style") == "invis":
            continue
        yield f"{names.get(edge['tail'], '?')}->{names.get(edge['head'], '?')}", edge


def _bezier(points: list[Point], steps: int = 24) -> Iterator[Point]:
    """Points along a piecewise cubic Bézier (Graphviz's 1 + 3n control points)."""
    for start in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[start : start + 4]
        for step in range(steps + 1):
            t = step / steps
            u = 1 - t
            yield (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )


def edge_paths(data: dict[str, Any]) -> list[tuple[str, list[Point]]]:
    paths = []
    for name, edge in _visible(data):
        for op in edge.get("_draw_", []):
            if op["op"] == "b":
                points = [(float(x), float(y)) for x, y in op["points"]]
                paths.append((name, list(_bezier(points))))
    return paths


def edge_labels(data: dict[str, Any]) -> list[Box]:
    found = []
    for name, edge in _visible(data):
        box = _text_box(name, edge.get("_ldraw_", []))
        if box is not None:
            found.append(box)
    return found


def problems(data: dict[str, Any]) -> list[str]:
    """Edges through a cluster title, edge labels on a title, edge labels touching."""
    titles = cluster_titles(data)
    labels = edge_labels(data)
    found = [
        f"edge {name} passes through the title of {title.name}"
        for name, path in edge_paths(data)
        for title in titles
        if any(title.holds(point) for point in path)
    ]
    found += [
        f"label of {label.name} lies on the title of {title.name}"
        for label in labels
        for title in titles
        if label.overlaps(title)
    ]
    found += [
        f"labels of {a.name} and {b.name} touch"
        for n, a in enumerate(labels)
        for b in labels[n + 1 :]
        if a.overlaps(b, LABEL_GAP)
    ]
    return found


_TOUCH = re.compile(r"^labels of (\S+)->(\S+) and (\S+)->(\S+) touch$")


def converging(problem: str) -> bool:
    """Labels of two edges into one node, from different callers: the known Graphviz limit
    (see `test_known_limit_different_labels_converging_on_one_node`)."""
    found = _TOUCH.match(problem)
    return found is not None and found.group(2) == found.group(4)


def cluster_boxes(data: dict[str, Any]) -> dict[str, Box]:
    """Each cluster's drawn box (`bb`), by the cluster's name."""
    found = {}
    for obj in data.get("objects", []):
        name = obj.get("name", "")
        if name.startswith("cluster") and "bb" in obj:
            left, bottom, right, top = (float(v) for v in obj["bb"].split(","))
            found[name] = Box(name, left, bottom, right, top)
    return found


def within(inner: Box, outer: Box) -> bool:
    return (
        outer.left <= inner.left
        and inner.right <= outer.right
        and outer.bottom <= inner.bottom
        and inner.top <= outer.top
    )
