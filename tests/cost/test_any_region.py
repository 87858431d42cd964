"""A model outside the bundled regions keeps every command; its cost says what is not priced."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib.checks import run_checks
from archlib.cli.app import app
from archlib.cost.estimator import estimate
from archlib.cost.render import summary_markdown
from archlib.loader import load, load_text

STAGES = sorted((Path(__file__).resolve().parents[2] / "models" / "scaling-aws").glob("*.yaml"))


def _moved(path: Path, tmp_path: Path, region: str = "eu-west-1", extra: str = "") -> Path:
    text = path.read_text().replace("region: us-east-1", f"region: {region}")
    moved = tmp_path / path.name
    moved.write_text(text + extra)
    return moved


@pytest.mark.parametrize("stage", STAGES, ids=lambda p: p.stem)
def test_every_command_runs_in_a_region_without_bundled_prices(stage: Path, tmp_path: Path) -> None:
    model = _moved(stage, tmp_path)
    runner = CliRunner()
    for args in (
        ["check", str(model), "--fail-on", "never"],
        ["render", str(model), "-o", str(tmp_path / "d"), "-f", "dot"],
        ["capacity", str(model)],
        ["flows", str(model)],
        ["cfn", str(model), "-o", str(tmp_path / "t")],
        ["report", str(model), "-o", str(tmp_path / "r")],
        ["diff", "-f", "markdown", str(stage), str(model)],
        ["cost", str(model), "-f", "markdown"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    page = (tmp_path / "r" / f"{stage.stem}.html").read_text()
    assert "not priced in eu-west-1" in page and "The total is partial" in page


def test_the_estimate_lists_each_unpriced_component_and_is_partial(tmp_path: Path) -> None:
    result = estimate(load(_moved(STAGES[2], tmp_path)))
    assert result.partial and result.monthly_usd == 0
    unpriced = {item.split(" ", 1)[0] for item in result.unpriced}
    assert {"mysql", "web", "cdn", "lb", "operations"} <= unpriced
    assert all("eu-west-1" in item for item in result.unpriced)


def test_a_class_without_a_rate_is_a_line_not_an_exit() -> None:
    model = load(STAGES[2]).model_copy(deep=True)
    # The catalogue knows db.r6g.4xlarge but has no MySQL rate for it.
    model.component("mysql").instance_class = "db.r6g.4xlarge"  # type: ignore[union-attr]
    result = estimate(model)
    assert [item.split(" ", 1)[0] for item in result.unpriced] == ["mysql"]
    assert "db.r6g.4xlarge" in result.unpriced[0]
    assert result.component("web").monthly_usd > 0


def test_a_budget_is_not_judged_on_a_partial_estimate(tmp_path: Path) -> None:
    budget = "budget: {monthly_usd: 1}\n"
    moved = load(_moved(STAGES[2], tmp_path, extra=budget))
    ids = [f.rule_id for f in run_checks(moved).findings]
    assert "COST003" in ids and "COST001" not in ids
    home = load_text(STAGES[2].read_text() + budget, "home.yaml")
    ids = [f.rule_id for f in run_checks(home).findings]
    assert "COST001" in ids and "COST003" not in ids


def test_every_format_says_the_region_has_no_prices_and_how_to_get_them(tmp_path: Path) -> None:
    model = _moved(STAGES[0], tmp_path)
    runner = CliRunner()

    def output(*args: str) -> str:
        result = runner.invoke(app, ["cost", str(model), *args])
        assert result.exit_code == 0, result.output
        return result.output

    document = json.loads(output("-f", "json"))
    assert document["prices_published"] is None
    assert "archlib prices refresh --region eu-west-1" in document["prices_origin"]
    assert "(eu-west-1: no prices)" in output()
    prices = next(line for line in output("-f", "markdown").splitlines() if "Prices:" in line)
    assert prices.startswith("- Prices: no bundled prices for eu-west-1")
    rows = list(csv.DictReader(io.StringIO(output("-f", "csv"))))
    assert {row["prices_published"] for row in rows} == {""}
    assert summary_markdown([estimate(load(model))]).count("No prices for eu-west-1") == 1
    for text in (output(), output("-f", "markdown"), output("-f", "csv")):
        assert "published none" not in text


def test_a_comparison_across_regions_names_each_side_s_prices(tmp_path: Path) -> None:
    moved = _moved(STAGES[0], tmp_path)
    result = CliRunner().invoke(app, ["cost", str(STAGES[0]), str(moved)])
    assert result.exit_code == 0, result.output
    assert "before: prices published 2026-12-07; after: no prices for eu-west-1" in result.output
    markdown = CliRunner().invoke(app, ["cost", str(STAGES[0]), str(moved), "-f", "markdown"])
    assert "after, no bundled prices for eu-west-1" in markdown.output


def test_the_review_page_and_the_pr_comment_say_there_are_no_prices(tmp_path: Path) -> None:
    model = _moved(STAGES[0], tmp_path)
    runner = CliRunner()
    assert (
        runner.invoke(app, ["report", str(model), "-o", str(tmp_path / "r"), "-q"]).exit_code == 0
    )
    page = (tmp_path / "r" / f"{STAGES[0].stem}.html").read_text()
    assert "No bundled prices for eu-west-1" in page
    assert "No prices for eu-west-1; diagram laid out" in page
    assert "published none" not in page
    comment = runner.invoke(app, ["diff", "-f", "markdown", str(STAGES[0]), str(model)]).output
    assert "archlib: no prices for eu-west-1; capacity" in comment
