"""Where Graphviz actually put things: no edge through a cluster's title, no labels on top of
each other, read from its own layout output (`dot -Tjson`), on the stages and on any model."""

from __future__ import annotations

import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archlib.cli.render import findings_marks
from archlib.drawing import DETAILS, Detail, render
from archlib.model import Architecture
from tests.drawing.conftest import needs_dot
from tests.drawing.large import large_model
from tests.drawing.layout import Box, cluster_titles, edge_labels, edge_paths, laid_out, problems
from tests.strategies import architectures

pytestmark = needs_dot


def _layout(model: Architecture, detail: Detail | None, highlight: Any = None) -> dict[str, Any]:
    dot = render(model, ("dot",), highlight=highlight, detail=detail)["dot"].decode()
    return laid_out(dot)


def test_the_check_sees_an_edge_through_a_title_and_labels_on_each_other() -> None:
    """The layout check itself: it must fail on the layouts it exists to catch."""
    data = laid_out(
        "digraph { compound=true; a [label=A]; "
        'subgraph cluster_x { label="a wide title that spans the box"; labeljust=c; b [label=B] } '
        'c [label=C]; d [label=D]; a -> b; c -> d [label="same"]; c -> d [label="same"] }'
    )
    assert [box.name for box in cluster_titles(data)] == ["cluster_x"]
    assert len(edge_paths(data)) == 3 and len(edge_labels(data)) == 2
    found = problems(data)
    assert any("a->b passes through the title of cluster_x" in p for p in found), found
    assert Box("l", 0, 0, 10, 10).overlaps(Box("r", 9, 9, 20, 20))
    assert not Box("l", 0, 0, 10, 10).overlaps(Box("r", 10, 0, 20, 10))


@pytest.mark.parametrize("detail", DETAILS)
def test_stage_diagrams_keep_edges_off_titles_and_labels_apart(
    stage: tuple[str, Architecture], detail: Detail
) -> None:
    _, model = stage
    assert problems(_layout(model, detail, findings_marks(model))) == []


def test_the_committed_stage_diagrams_have_titles_to_check(stage: tuple[str, Architecture]) -> None:
    """Every stage has a VPC, so the check above is not vacuous."""
    _, model = stage
    data = _layout(model, None, findings_marks(model))
    assert any(box.name == "title-vpc" for box in cluster_titles(data))
    assert edge_labels(data)


PURPOSES = ["reads", "writes", "key-value reads", "key-value writes", "SQL reads (cache misses)"]


@st.composite
def richer_models(draw: st.DrawFn) -> Architecture:
    """Generated models with labelled links, some with NAT gateways serving private subnets
    and sharded or federated databases."""
    data = draw(architectures()).model_dump(mode="json", exclude_unset=True)
    if draw(st.booleans()):
        for subnet in data["network"]["subnets"]:
            if subnet["type"] == "private":
                nat = f"nat-{subnet['az']}"
                subnet["nat_gateway"] = nat
                data["components"].append(
                    {"id": nat, "kind": "nat_gateway", "subnet": f"public-{subnet['az']}"}
                )
    for link in data["links"]:
        link["purpose"] = draw(st.sampled_from(PURPOSES))
        if draw(st.booleans()):
            link["port"] = draw(st.sampled_from([80, 443, 3306, 6379]))
    for component in data["components"]:
        if component["kind"] == "relational_database" and draw(st.booleans()):
            component["partitioning"] = {
                "strategy": draw(st.sampled_from(["sharding", "federation"])),
                "partitions": [{"name": "part-a"}, {"name": "part-b"}],
            }
    return Architecture.model_validate(data)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,  # the same draw on every run: see the known limit below
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(model=richer_models(), detail=st.sampled_from(DETAILS))
def test_generated_models_keep_edges_off_titles_and_labels_apart(
    model: Architecture, detail: Detail
) -> None:
    assert problems(_layout(model, detail)) == []


def test_a_150_component_stack_gives_a_small_readable_overview_in_seconds() -> None:
    model = large_model()
    assert len(model.components) == 150
    started = time.perf_counter()
    rendered = render(model, ("svg", "dot"))  # the default level for a model this size
    elapsed = time.perf_counter() - started
    assert elapsed < 10, elapsed  # about 1 s here; generous for a shared machine
    data = laid_out(rendered["dot"].decode())
    drawn = [o for o in data["objects"] if "pos" in o and not o["name"].startswith("title-")]
    assert len(drawn) <= 20
    assert problems(data) == []
    width, height = (float(v) for v in data["bb"].split(",")[2:])
    assert width < 1800 and height < 1800  # points: fits a slide at a readable size


@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="Graphviz sets both labels in one place"
)
def test_known_limit_labelled_edges_crossing_a_subnet_border() -> None:
    """About one generated model in 400 has two labelled edges that cross each other on their
    way in and out of a subnet cluster; Graphviz then sets both labels in one place. Drawn
    here so a Graphviz or layout change that fixes it turns this test red (strict xfail)."""
    model = Architecture.model_validate(
        {
            "name": "crossing",
            "title": "Crossing",
            "traffic": {"users": 10, "reads_per_month": 10, "writes_per_month": 1},
            "network": {
                "azs": ["a"],
                "subnets": [
                    {"id": "public-a", "cidr": "10.0.0.0/24", "az": "a", "type": "public"},
                    {"id": "private-a", "cidr": "10.0.10.0/24", "az": "a", "type": "private"},
                ],
            },
            "components": [
                {"id": "users", "kind": "client"},
                {"id": "store-0", "kind": "object_store"},
                {"id": "store-1", "kind": "object_store"},
                *(
                    {
                        "id": name,
                        "kind": "web_server",
                        "instance_type": "t3.medium",
                        "subnets": [subnet],
                    }
                    for name, subnet in (
                        ("web-2", "public-a"),
                        ("web-3", "public-a"),
                        ("web-4", "private-a"),
                    )
                ),
            ],
            "links": [
                {"source": source, "target": target, "purpose": "reads"}
                for source, target in (
                    ("users", "store-0"),
                    ("users", "store-1"),
                    ("users", "web-3"),
                    ("store-0", "web-2"),
                    ("web-3", "store-1"),
                )
            ],
        }
    )
    assert problems(_layout(model, "tiers")) == []
