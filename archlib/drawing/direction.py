"""Which way a diagram runs: top to bottom, or left to right so it fills a 16:9 slide.

A top-to-bottom layout is as tall as its rows and as wide as its widest row. A diagram of many
rows and few side by side is portrait (stage 6 laid out top to bottom is 2391 x 2845 px) and
wastes half a slide; drawn left to right the rows become columns and it turns landscape. The
choice is made from the scene alone, so the DOT source is the same with or without Graphviz.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from archlib.drawing.elements import Scene

Direction = Literal["TB", "LR"]
DIRECTIONS: tuple[Direction, ...] = ("TB", "LR")

LR_FROM_ROWS = 5
"""Rows from which a top-to-bottom layout is tall enough to turn: the reference stages 1 and 2
have three rows and are landscape already (1390 x 1030 px for stage 1)."""

LR_ROWS_PER_COLUMN = 1.5
"""Rows per node of the widest row from which it turns: a node with its label is drawn wider
than a row is tall, so 1.5 rows to each node across is about square."""


def choose_direction(scene: Scene, direction: Direction | None) -> Direction:
    """The asked direction, or the one that lays the scene out closer to landscape."""
    if direction is not None:
        if direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {direction!r}; use one of {', '.join(DIRECTIONS)}")
        return direction
    rows = len(scene.rows)
    widest = max((len(row) for row in scene.rows), default=1)
    return "LR" if rows >= LR_FROM_ROWS and rows >= LR_ROWS_PER_COLUMN * widest else "TB"
