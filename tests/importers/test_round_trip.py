"""import(cfn(model)) gives the model back, as far as a template can carry it."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from archlib.loader import load
from archlib.model import Architecture
from tests.cloudformation.strategies import architectures
from tests.conftest import STAGE_FILES
from tests.importers.support import carried, export_and_import, named_in, view

NOT_CARRIED = {
    "1-single-box": (
        {"web", "mysql", "box"},
        "web and mysql share the host box: a template holds only the instance, which comes "
        "back as a web server, and the verdicts on what shares it (SPOF001, SPOF003, SPOF005)",
    ),
}
"""Per stage: components a template cannot carry, and why."""

STACK_LOG_BUCKET = {"log"}
"""The bucket the export adds for access logs when operations.log_analysis is on: it comes
back as an object store of its own."""

OPERATIONS_ONLY = (
    "alarm actions:",
    "metric ",
    "configuration management",
    "error reporting:",
    "external monitoring:",
    "load balancer ",
)
"""What the export lists as not exported without changing the topology the import reads
back: operations that are not resources of the stack, and a replicas' load balancer that
private DNS records stand in for."""


@pytest.mark.parametrize("path", STAGE_FILES, ids=[p.stem for p in STAGE_FILES])
def test_stage_comes_back_from_its_template(path: Path, tmp_path: Path) -> None:
    model = load(path)
    imported, not_exported = export_and_import(model, tmp_path)
    assert [n for n in not_exported if not n.startswith(OPERATIONS_ONLY)] == []
    skip, _ = NOT_CARRIED.get(path.stem, (set(), ""))
    before = view(carried(model), skip)
    after = view(
        imported.model, skip | (STACK_LOG_BUCKET if model.operations.log_analysis else set())
    )
    assert after.components == before.components
    assert after.links == before.links
    assert after.verdicts == before.verdicts


def test_single_box_difference_is_the_shared_host(tmp_path: Path) -> None:
    """The one stage a template cannot carry whole: what runs on the box is not in it."""
    model = load(next(p for p in STAGE_FILES if p.stem == "1-single-box"))
    imported, _ = export_and_import(model, tmp_path)
    assert imported.model.component("box").kind == "web_server"
    assert {c.id for c in imported.model.components} == {"users", "dns", "box"}
    lost = view(carried(model)).verdicts - view(imported.model).verdicts
    assert lost == {("SPOF001", "box")}
    # Without the database on it, the box is still a single point of failure, by AZ.
    assert ("SPOF002", "box") in view(imported.model).verdicts


def test_traffic_is_not_carried(tmp_path: Path) -> None:
    model = load(STAGE_FILES[-1])
    imported, _ = export_and_import(model, tmp_path)
    assert imported.model.traffic != model.traffic
    assert imported.model.traffic.users_illustrative
    assert "illustrative default" in imported.report.traffic


def _not_carried(model: Architecture, not_exported: list[str]) -> set[str]:
    """What the exporter left out, what depends on it for its kind, hosts and partitions."""
    skip = named_in(not_exported, model)
    skip |= {link.target for link in model.links if link.source in skip}
    for component in model.components:
        host = getattr(component, "host", None)
        if host is not None:
            skip |= {component.id, host}
        partitioning = getattr(component, "partitioning", None)
        replica_of = getattr(component, "replica_of", None)
        if replica_of is not None:
            partitioning = getattr(model.component(replica_of), "partitioning", None)
        if partitioning is not None:  # one database per partition in the template
            skip.add(component.id)
            for partition in partitioning.partitions:
                skip |= {
                    f"{component.id}-{partition.name}",
                    f"{component.id}-" + "".join(partition.name.split("-")),
                }
    return skip


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(architectures())
def test_generated_models_come_back_from_their_templates(model: Architecture) -> None:
    with tempfile.TemporaryDirectory() as directory:
        imported, not_exported = export_and_import(model, Path(directory))
    skip = _not_carried(model, not_exported)
    before = view(carried(model), skip)
    after = view(
        imported.model, skip | (STACK_LOG_BUCKET if model.operations.log_analysis else set())
    )
    for component_id, shape in before.components.items():
        assert after.components.get(component_id) == shape, component_id
    assert before.links <= after.links
    if not not_exported:  # a part left out changes every path through it: nothing to compare
        assert after.verdicts == before.verdicts
