"""`archlib cost` as users run it: formats, compare, committed reports, bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib.cli.app import app
from archlib.cost import estimate
from archlib.cost.render import markdown, summary_markdown
from archlib.cost.sensitivity import sensitivity
from archlib.loader import load

from .conftest import MODELS, ROOT, STAGES

runner = CliRunner()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archlib", *args], capture_output=True, text=True, cwd=ROOT
    )


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_committed_reports_match_their_models() -> None:
    models = [load(path) for path in STAGES]
    estimates = [estimate(model) for model in models]
    for path, model, priced in zip(STAGES, models, estimates, strict=True):
        committed = (ROOT / "costs" / f"{path.stem}.md").read_text(encoding="utf-8")
        expected = markdown(priced, sensitivity(model, estimate))
        assert committed == expected, f"costs/{path.stem}.md is stale: run make run"
    summary = (ROOT / "costs" / "summary.md").read_text(encoding="utf-8")
    assert summary == summary_markdown(estimates)


def test_out_writes_the_same_reports(tmp_path: Path) -> None:
    run("cost", str(MODELS), "--output", str(tmp_path), "--sensitivity")  # as make run does
    for path in sorted(tmp_path.iterdir()):
        assert path.read_text() == (ROOT / "costs" / path.name).read_text()
    assert len(list(tmp_path.iterdir())) == len(STAGES) + 1


def test_out_prices_each_model_once_unless_sensitivity_is_asked_for(tmp_path: Path) -> None:
    run("cost", str(STAGES[0]), "--output", str(tmp_path))
    report = (tmp_path / f"{STAGES[0].stem}.md").read_text()
    assert "## Figures the bill rests on" in report
    assert "## Sensitivity" not in report


def test_json_has_every_line_with_its_price_and_source() -> None:
    document = json.loads(run("cost", str(STAGES[0]), "--format", "json"))
    assert document["prices_published"] == "2026-12-07"
    box = next(c for c in document["components"] if c["id"] == "box")
    hours = box["lines"][0]
    assert hours["quantity"] == 730
    assert hours["unit"] == "Hrs"
    assert hours["monthly_usd"] == hours["quantity"] * hours["unit_price_usd"]
    assert hours["price"]["attributes"]["instanceType"] == "m6i.large"
    assert hours["price"]["source"]["url"] == "https://aws.amazon.com/ec2/pricing/on-demand/"
    total = sum(c["monthly_usd"] for c in document["components"])
    assert abs(document["monthly_usd"] - total) < 1e-9
    assert document["usd_per_million_requests"] == pytest.approx(document["monthly_usd"] / 10.1)


def test_csv_rows_sum_to_the_total() -> None:
    rows = list(csv.DictReader(io.StringIO(run("cost", str(STAGES[2]), "-f", "csv"))))
    lines = [r for r in rows if r["line"] != "total"]
    (total,) = (r for r in rows if r["line"] == "total")
    assert abs(sum(float(r["monthly_usd"]) for r in lines) - float(total["monthly_usd"])) < 0.05
    assert {r["prices_published"] for r in rows} == {"2026-12-07"}


def test_markdown_and_table_show_the_price_date() -> None:
    assert "snapshot published 2026-12-07" in run("cost", str(STAGES[0]), "-f", "markdown")
    assert "prices published 2026-12-07" in run("cost", str(STAGES[0]))


def test_two_files_compare_by_default() -> None:
    document = json.loads(run("cost", str(STAGES[3]), str(STAGES[4]), "-f", "json"))
    assert document["delta_usd"] < 0
    assert document["after"]["prices_published"] == "2026-12-07"
    # stage 5 also turns on detailed monitoring, log analysis, the trail and notifications
    changed = {c["component"] for c in document["components"]}
    assert changed == {"web", "read-api", "write-api", "operations"}
    text = run("cost", str(STAGES[3]), str(STAGES[4]), "-f", "markdown")
    assert "| web | Instance usage (Linux, on-demand, m6i.large) | changed |" in text
    assert run("cost", str(STAGES[3]), str(STAGES[4]), "--no-compare", "-f", "csv")


def test_compare_shows_added_and_removed_components() -> None:
    document = json.loads(run("cost", str(STAGES[0]), str(STAGES[1]), "-f", "json"))
    statuses = {c["component"]: c["status"] for c in document["components"]}
    assert statuses["box"] == "removed"
    assert statuses["static"] == "added"


def test_output_is_byte_identical_across_runs() -> None:
    first = run("cost", str(MODELS), "-f", "json")
    assert first == run("cost", str(MODELS), "-f", "json")


def test_an_unpriced_item_is_a_not_priced_line_and_a_partial_total(tmp_path: Path) -> None:
    text = STAGES[1].read_text().replace("db.m6i.large", "db.m5.24xlarge")
    model = tmp_path / "m5.yaml"
    model.write_text(text)
    result = cli("cost", str(model), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "partial: 1 component not priced (mysql)" in result.stdout
    assert (
        "- not priced: mysql (relational_database): no on-demand price for db.m5.24xlarge "
        "(mysql, single-az) in us-east-1" in result.stdout
    )
    assert "closest priced: db.m5.12xlarge" in result.stdout


def test_compare_needs_two_models() -> None:
    result = cli("cost", str(MODELS), "--compare")
    assert result.returncode == 2
    assert "--compare needs exactly two models, got 6" in result.stderr


def test_the_summary_splits_each_stage_into_fixed_and_usage() -> None:
    estimates = [estimate(load(path)) for path in STAGES]
    rows = [line for line in summary_markdown(estimates).splitlines() if line.startswith("| scal")]
    assert len(rows) == len(STAGES)
    for row, priced in zip(rows, estimates, strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[3] == f"${priced.fixed_monthly_usd:,.2f}"
        assert cells[4] == f"${priced.usage_monthly_usd:,.2f}"
        assert priced.fixed_monthly_usd + priced.usage_monthly_usd == pytest.approx(
            priced.monthly_usd
        )
