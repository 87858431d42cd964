"""Rules judge the union of a component's sources: pieces that cover every address are the
internet, whichever way the address space was cut."""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_network

from hypothesis import given
from hypothesis import strategies as st

from archlib.model.exposure import EffectiveRule, world_unions


def _split(network: IPv4Network | IPv6Network, cuts: list[int]) -> list[str]:
    """Cut the network in halves, recursing into the half each draw picks."""
    pieces: list[str] = []
    current = network
    for cut in cuts:
        if current.prefixlen >= current.max_prefixlen - 1:
            break
        low, high = current.subnets(prefixlen_diff=1)
        keep, other = (low, high) if cut % 2 else (high, low)
        pieces.append(str(other))
        current = keep
    pieces.append(str(current))
    return pieces


def _rules(sources: list[str], port: int = 3306) -> list[EffectiveRule]:
    return [EffectiveRule(source, port, port, "tcp", "stated") for source in sources]


@given(st.sampled_from(["0.0.0.0/0", "::/0"]), st.lists(st.integers(0, 1), min_size=1, max_size=40))
def test_any_split_of_the_world_is_the_internet(world: str, cuts: list[int]) -> None:
    pieces = _split(ip_network(world), cuts)
    [union] = world_unions(_rules(pieces))
    assert union.from_internet
    assert {rule.source for rule in union.parts} == set(pieces)
    assert ("every IPv4 address" if ":" not in world else "every IPv6 address") in union.source


@given(st.sampled_from(["0.0.0.0/0", "::/0"]), st.lists(st.integers(0, 1), min_size=1, max_size=40))
def test_a_missing_piece_is_not_the_internet(world: str, cuts: list[int]) -> None:
    pieces = _split(ip_network(world), cuts)
    assert world_unions(_rules(pieces[1:])) == []


def test_pieces_on_different_ports_do_not_add_up() -> None:
    rules = _rules(["0.0.0.0/1"], port=22) + _rules(["128.0.0.0/1"], port=3306)
    assert world_unions(rules) == []


def test_port_ranges_add_up_only_where_they_overlap() -> None:
    rules = [
        EffectiveRule("0.0.0.0/1", 80, 443, "tcp", "stated"),
        EffectiveRule("128.0.0.0/1", 443, 8080, "tcp", "stated"),
    ]
    [union] = world_unions(rules)
    assert (union.port, union.port_to) == (443, 443)
