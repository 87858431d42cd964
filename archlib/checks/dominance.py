"""Reachability and immediate dominators on a small directed graph of plain dictionaries.

The chokepoint rules need only these two questions answered, on graphs of the model's size.
networkx answers both, but importing it costs more than a whole single-stage check, so the
check path does without it; the tests compare every answer here with networkx's.

The dominator computation is the iterative data-flow method of Cooper, Harvey and Kennedy
("A Simple, Fast Dominance Algorithm", 2001): number the nodes in reverse postorder, then
move each node's dominator up to the nearest common dominator of its predecessors until
nothing changes. On the acyclic and nearly acyclic graphs a model gives, that settles in
two or three passes.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)

UNSETTLED = -1
"""A node's dominator before the first pass reaches it."""


def reachable(successors: Mapping[Node, Iterable[Node]], start: Node) -> set[Node]:
    """Every node a path from `start` reaches, `start` included.

    `successors` maps a node to the nodes it has an edge to; a node it lacks has none."""
    reached = {start}
    pending = [start]
    while pending:
        for target in successors.get(pending.pop(), ()):
            if target not in reached:
                reached.add(target)
                pending.append(target)
    return reached


def _reverse_postorder(successors: Mapping[Node, Iterable[Node]], start: Node) -> list[Node]:
    """Depth-first from `start`, without recursion: a model's request paths can be long."""
    order: list[Node] = []
    seen = {start}
    stack = [(start, iter(successors.get(start, ())))]
    while stack:
        node, targets = stack[-1]
        for target in targets:
            if target not in seen:
                seen.add(target)
                stack.append((target, iter(successors.get(target, ()))))
                break
        else:
            stack.pop()
            order.append(node)
    order.reverse()
    return order


def immediate_dominators(
    successors: Mapping[Node, Iterable[Node]], start: Node
) -> dict[Node, Node]:
    """Each node reachable from `start`, except `start`, mapped to its immediate dominator.

    A node's dominators are the nodes every path from `start` to it passes through; the
    immediate one is the closest of them. Nodes `start` cannot reach are left out.

    Nodes are worked on by their place in reverse postorder, in lists: on large models,
    dictionaries keyed by node cost several times more to reach.
    """
    order = _reverse_postorder(successors, start)
    position = {node: index for index, node in enumerate(order)}
    predecessors: list[list[int]] = [[] for _ in order]
    for index, node in enumerate(order):
        for target in successors.get(node, ()):
            predecessors[position[target]].append(index)
    dominator = [UNSETTLED] * len(order)
    dominator[0] = 0

    def common(first: int, second: int) -> int:
        while first != second:
            while first > second:
                first = dominator[first]
            while second > first:
                second = dominator[second]
        return first

    changed = True
    while changed:
        changed = False
        for index in range(1, len(order)):
            settled = [p for p in predecessors[index] if dominator[p] != UNSETTLED]
            closest = settled[0]
            for other in settled[1:]:
                closest = common(closest, other)
            if dominator[index] != closest:
                dominator[index] = closest
                changed = True
    return {order[index]: order[dominator[index]] for index in range(1, len(order))}
