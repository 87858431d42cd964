"""Which row each drawn unit sits on, so the request path reads top to bottom.

Works on units (a node, or a partitioned database drawn as a cluster) and their edges, in the
model's order; every step is linear in units plus edges but for one longest-path pass per
subnet tier.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from graphlib import TopologicalSorter
from itertools import pairwise

from archlib.model import Client, ComponentBase, Dns, RelationalDatabase


@dataclass(frozen=True)
class RowEdge:
    tail: str
    head: str
    replication: bool


Callers = Mapping[str, Collection[str]]
"""Unit -> the units with an edge to it, on a graph without cycles."""


def _longest_paths(callers: Callers, floor: Mapping[str, int]) -> dict[str, int]:
    """Each unit's row: the longest path reaching it, and at least its floor.

    The graph has no cycles (`_without_cycles` broke them), so the standard library's
    topological order is enough; networkx would cost more to import than the drawing."""
    level: dict[str, int] = {}
    for unit in TopologicalSorter(callers).static_order():
        parents = [level[caller] + 1 for caller in callers[unit]]
        level[unit] = max([floor.get(unit, 0), *parents])
    return {unit: level[unit] for unit in callers}


def _without_cycles(units: Sequence[str], pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The edges less those that close a cycle, found depth-first in the model's order.

    A call back up the path (A calls B, B calls A) then runs upwards between two rows instead
    of pulling the whole cycle onto one row, where Graphviz stacks flat edge labels.
    """
    after: dict[str, list[str]] = {unit: [] for unit in units}
    for tail, head in pairs:
        after[tail].append(head)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    closing: set[tuple[str, str]] = set()
    for start in units:
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(after[start]))]
        while stack:
            node, heads = stack[-1]
            following = next(heads, None)
            if following is None:
                state[node] = 2
                stack.pop()
            elif state.get(following) == 1:
                closing.add((node, following))
            elif following not in state:
                state[following] = 1
                stack.append((following, iter(after[following])))
    return [pair for pair in pairs if pair not in closing]


def rows(
    units: Sequence[str],
    component: Mapping[str, ComponentBase],
    edges: Sequence[RowEdge],
    where: Mapping[str, list[str]],
    public_tiers: Collection[str] = (),
) -> list[list[str]]:
    """Rows of unit ids, top row first: the longest request path from the client.

    Subnet tiers stack (public tiers first, then the others in request order: public above app
    above data) so no two tiers share a row and edges
    run down rather than across them. A stated `layout.rank` wins; DNS asked only by clients
    sits beside them; a primary sits beside its read replicas; a unit with no links joins
    the top row of its cluster. `component` gives the component each unit stands for.
    """
    callees: dict[str, dict[str, None]] = {unit: {} for unit in units}
    callers: dict[str, dict[str, None]] = {unit: {} for unit in units}
    for tail, head in _without_cycles(
        units, [(e.tail, e.head) for e in edges if not e.replication]
    ):
        callees[tail][head] = None
        callers[head][tail] = None
    depth = _longest_paths(callers, {})
    tiers: dict[str, list[str]] = {}
    for unit in units:
        tier = next((key for key in where[unit] if key.startswith("tier-")), None)
        if tier is not None and (callers[unit] or callees[unit]):
            tiers.setdefault(tier, []).append(unit)
    floor: dict[str, int] = {}
    clients = [u for u in units if isinstance(component[u], Client)]
    bottom = max((depth[c] for c in clients), default=-1)  # the client's row sits above tiers
    stacked = sorted(
        tiers.items(),
        key=lambda item: (item[0] not in public_tiers, min(depth[m] for m in item[1])),
    )
    for _, members in stacked:
        for member in members:
            floor[member] = bottom + 1
        depth = _longest_paths(callers, floor)
        bottom = max(depth[m] for m in members)
    for unit in units:
        successors = list(callees[unit])
        if callers[unit] or not successors or isinstance(component[unit], Client):
            continue
        depth[unit] = max(0, min(depth[s] for s in successors) - 1)
    for unit in units:
        if (
            isinstance(component[unit], Dns)
            and callers[unit]
            and set(callers[unit]) <= set(clients)
        ):
            depth[unit] = min(depth[client] for client in callers[unit])
    primary_unit = {component[u].id: u for u in units}
    for unit in units:
        replica = component[unit]
        if isinstance(replica, RelationalDatabase) and replica.replica_of in primary_unit:
            primary = primary_unit[replica.replica_of]
            lowest = max(depth[unit], depth[primary])
            depth[unit] = depth[primary] = lowest
    linked = {e.tail for e in edges} | {e.head for e in edges}
    top_of_cluster: dict[tuple[str, ...], int] = {}
    for unit in units:
        if unit in linked:
            cluster = tuple(where[unit][-1:])
            top_of_cluster[cluster] = min(top_of_cluster.get(cluster, depth[unit]), depth[unit])
    for unit in units:
        if unit in linked:
            continue
        cluster = tuple(where[unit][-1:])
        if cluster in top_of_cluster:
            depth[unit] = top_of_cluster[cluster]
        else:
            del depth[unit]
    for unit in units:
        hint = component[unit].layout
        if hint is not None and hint.rank is not None:
            depth[unit] = hint.rank
    by_row: dict[int, list[str]] = {}
    for unit in units:
        if unit in depth:
            by_row.setdefault(depth[unit], []).append(unit)
    return [by_row[number] for number in sorted(by_row)]


def order(
    rows: Sequence[Sequence[str]], edges: Sequence[RowEdge], where: Mapping[str, list[str]]
) -> list[tuple[str, str]]:
    """Pairs drawn left to right: unlinked siblings in a row, in model order (NAT a, b)."""
    linked = {e.tail for e in edges} | {e.head for e in edges}
    pairs: list[tuple[str, str]] = []
    for row in rows:
        loose = [unit for unit in row if unit not in linked]
        for left, right in pairwise(loose):
            if where[left] == where[right]:
                pairs.append((left, right))
    return pairs
