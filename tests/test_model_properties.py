"""Round trips and invariants that hold for every valid model."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from archlib import load, save
from archlib.loader import dump_yaml, load_text
from archlib.model import Architecture, ArchitectureGraph
from archlib.model.traffic import SECONDS_PER_MONTH_EXACT
from tests.conftest import STAGE_FILES
from tests.strategies import architectures

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("path", STAGE_FILES, ids=lambda p: p.name)
def test_reference_stage_round_trips(path: Path, tmp_path: Path) -> None:
    model = load(path)
    for suffix in (".yaml", ".json"):
        copy = tmp_path / f"copy{suffix}"
        save(model, copy)
        assert load(copy) == model


@PROPERTY
@given(architectures())
def test_yaml_round_trip(model: Architecture) -> None:
    assert load_text(dump_yaml(model)) == model


@PROPERTY
@given(architectures())
def test_dump_is_deterministic(model: Architecture) -> None:
    assert dump_yaml(model) == dump_yaml(load_text(dump_yaml(model)))


@PROPERTY
@given(architectures())
def test_graph_has_a_node_per_component_and_an_edge_per_link(model: Architecture) -> None:
    view = ArchitectureGraph.of(model)
    assert set(view.graph.nodes) == {c.id for c in model.components}
    assert view.graph.number_of_edges() == len(model.links)
    assert sum(len(links) for links in view.outgoing.values()) == len(model.links)
    assert view.entry_points() == ["users"]


@PROPERTY
@given(architectures())
def test_usage_rates_multiply_back_to_monthly_totals(model: Architecture) -> None:
    figures = model.traffic.usage()
    assert figures.reads_per_second * SECONDS_PER_MONTH_EXACT == pytest.approx(
        model.traffic.reads_per_month
    )
    assert figures.peak_writes_per_second >= figures.writes_per_second
    assert figures.content_tb_retained == pytest.approx(
        figures.new_content_tb_per_month * model.traffic.retention_months
    )


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    model = load(STAGE_FILES[0])
    target = tmp_path / "model.yaml"
    save(model, target)
    save(model, target)
    assert [p.name for p in tmp_path.iterdir()] == ["model.yaml"]
