"""The chokepoint rules' graph answers agree with networkx's on any graph."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from archlib.checks.dominance import immediate_dominators, reachable


@st.composite
def graphs(draw: st.DrawFn) -> dict[int, dict[int, None]]:
    """Random directed graphs over nodes 0..n-1, cycles and self-loops included; 0 is the root."""
    size = draw(st.integers(min_value=1, max_value=14))
    nodes = st.integers(min_value=0, max_value=size - 1)
    edges = draw(st.lists(st.tuples(nodes, nodes), max_size=size * 3))
    graph: dict[int, dict[int, None]] = {node: {} for node in range(size)}
    for source, target in edges:
        graph[source][target] = None
    return graph


def _networkx(graph: dict[int, dict[int, None]]) -> nx.DiGraph:
    view: nx.DiGraph = nx.DiGraph()
    view.add_nodes_from(graph)
    view.add_edges_from((source, target) for source, targets in graph.items() for target in targets)
    return view


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_immediate_dominators_match_networkx(graph: dict[int, dict[int, None]]) -> None:
    expected = dict(nx.immediate_dominators(_networkx(graph), 0))
    expected.pop(0, None)
    assert immediate_dominators(graph, 0) == expected


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_reachable_matches_networkx(graph: dict[int, dict[int, None]]) -> None:
    assert reachable(graph, 0) == nx.descendants(_networkx(graph), 0) | {0}


def test_a_diamond_is_dominated_by_its_split_not_either_branch() -> None:
    diamond = {"root": {"lb": None}, "lb": {"a": None, "b": None}, "a": {"db": None}}
    diamond["b"] = {"db": None}
    assert immediate_dominators(diamond, "root") == {"lb": "root", "a": "lb", "b": "lb", "db": "lb"}


def test_nodes_the_root_cannot_reach_have_no_dominator() -> None:
    assert immediate_dominators({"root": {}, "island": {"root": None}}, "root") == {}


def test_a_long_chain_does_not_recurse() -> None:
    chain = {index: {index + 1: None} for index in range(20_000)}
    dominators = immediate_dominators(chain, 0)
    assert dominators[20_000] == 19_999
    assert len(dominators) == 20_000
