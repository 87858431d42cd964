"""SPOF001 against a brute-force oracle: a server is a chokepoint exactly when taking it out
cuts some store that requests need off from the users."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.checks.helpers import db, lb, minimal, subjects, web

SERVERS = 5
STORES = 2


@st.composite
def architectures(draw: st.DrawFn) -> dict[str, Any]:
    counts = draw(st.lists(st.sampled_from([1, 2]), min_size=SERVERS, max_size=SERVERS))
    candidates = [("lb", f"s{i}") for i in range(SERVERS)]
    candidates += [(f"s{i}", f"s{j}") for i in range(SERVERS) for j in range(i + 1, SERVERS)]
    candidates += [(f"s{i}", f"d{k}") for i in range(SERVERS) for k in range(STORES)]
    chosen = draw(st.lists(st.sampled_from(candidates), unique=True, min_size=3, max_size=14))
    links: list[dict[str, Any]] = [{"source": "users", "target": "lb"}]
    for source, target in chosen:
        soft = draw(st.booleans()) and draw(st.booleans())
        links.append({"source": source, "target": target, "dependency": "soft" if soft else "hard"})
    servers = [web(f"s{i}", count=count) for i, count in enumerate(counts)]
    stores = [db(f"d{k}") for k in range(STORES)]
    return minimal([lb(), *servers, *stores], links)  # type: ignore[arg-type]


def reachable(links: list[dict[str, Any]], without: str | None = None) -> set[str]:
    hard = [(x["source"], x["target"]) for x in links if x.get("dependency") != "soft"]
    seen = {"users"}
    frontier = ["users"]
    while frontier:
        node = frontier.pop()
        for source, target in hard:
            if source == node and target != without and target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def oracle(data: dict[str, Any]) -> list[str]:
    needed = {n for n in reachable(data["links"]) if n.startswith("d")}
    single = {c["id"] for c in data["components"] if c.get("count") == 1}
    return sorted(
        server
        for server in single
        if server in reachable(data["links"]) and needed - reachable(data["links"], server)
    )


@settings(max_examples=80, deadline=None)
@given(architectures())
def test_chokepoints_match_brute_force(data: dict[str, Any]) -> None:
    assert subjects(data, "SPOF001") == oracle(data)
