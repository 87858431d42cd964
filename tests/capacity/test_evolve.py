"""`archlib evolve`: the stages side by side, and the committed page that shows them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from archlib import load
from archlib.cli.app import app
from archlib.evolve import evolve
from archlib.report.evolution import evolution_markdown

ROOT = Path(__file__).parents[2]
STAGES = sorted((ROOT / "models" / "scaling-aws").glob("*.yaml"))
runner = CliRunner()


def _steps():
    return evolve([(path.name, load(path)) for path in STAGES])


def test_each_row_compares_with_the_stage_before():
    steps = _steps()
    assert steps[0].previous is None and steps[0].removed == ()
    assert steps[1].added == ("static",)
    assert steps[1].removed == ("box",)
    assert "mysql" in steps[1].changed  # moved off the box onto RDS
    assert steps[3].added == ("replica-lb", "replicas", "cache")
    assert steps[4].added == ()
    assert set(steps[4].changed) == {"web", "read-api", "write-api"}  # autoscaling groups


def test_spofs_come_from_the_checks_and_cost_from_the_estimator():
    import archlib

    steps = _steps()
    assert steps[0].stage.spofs == ("box",)  # one root cause: the box, with what it runs
    assert steps[1].spofs_removed == ("box",)
    assert steps[2].spofs_removed == ("web", "mysql")
    assert all(step.stage.spofs == () for step in steps[2:])
    for step in steps:
        estimate = archlib.estimate_cost(step.stage.model)
        assert step.stage.monthly_usd == estimate.monthly_usd
        assert step.stage.usd_per_million_requests == estimate.usd_per_million_requests
    # Each stage serves a request more cheaply than the one before, except stage 5, which
    # only saves the off-peak fleet.
    per_million = [step.stage.usd_per_million_requests for step in steps]
    assert per_million == sorted(per_million, reverse=True)
    assert steps[4].stage.monthly_usd < steps[3].stage.monthly_usd


def test_the_committed_page_is_what_the_models_give_now():
    page = (ROOT / "docs" / "evolution.md").read_text("utf-8")
    assert page == evolution_markdown(_steps()), "docs/evolution.md is stale: run `make run`"


def test_json_has_one_object_per_stage_in_order():
    result = runner.invoke(app, ["evolve", *map(str, STAGES), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [row["model"] for row in rows] == [load(path).name for path in STAGES]
    assert [row["survives_az_loss"] for row in rows] == [False, False, True, True, True, True]
    assert [row["bottleneck"] for row in rows] == [
        "box", "web", "mysql", "replicas", "replicas", "mysql"
    ]  # fmt: skip
    sustained = [row["users_sustained"] for row in rows]
    assert sustained[5] > 10_000_000
    assert rows[1]["spofs_removed"] == ["box"]
    assert all(row["monthly_usd"] > 0 for row in rows)


def test_output_file_is_written_and_table_prints(tmp_path):
    target = tmp_path / "evolution.md"
    result = runner.invoke(app, ["evolve", str(STAGES[0].parent), "-f", "markdown", "-o", target])
    assert result.exit_code == 0
    assert target.read_text("utf-8").startswith("# How the stages evolve")
    table = runner.invoke(app, ["evolve", str(STAGES[0].parent)])
    assert table.exit_code == 0 and "carries" in table.output
