"""`archlib capacity` and `archlib assumptions` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib.cli.app import app

STAGES = Path(__file__).parents[2] / "models" / "scaling-aws"
runner = CliRunner()


def test_json_reports_every_stage_with_its_bottleneck_and_az_verdict():
    result = runner.invoke(app, ["capacity", str(STAGES), "--format", "json"])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.output)
    assert [d["stage"] for d in documents] == [1, 2, 3, 4, 5, 6]
    assert [d["az_failure"]["survives"] for d in documents] == [False, False] + [True] * 4
    assert documents[5]["bottleneck"]["component"] == "mysql"
    assert documents[5]["sustains"]["users"] > 10_000_000


def test_the_same_model_gives_byte_identical_output():
    args = ["capacity", str(STAGES / "6-users-plus-5.yaml"), "--format", "markdown"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0
    assert first.output == second.output
    assert "| mysql * |" in first.output


def test_users_option_scales_the_peak():
    model = str(STAGES / "3-users-plus-2.yaml")
    base = json.loads(runner.invoke(app, ["capacity", model, "-f", "json"]).output)
    double = json.loads(
        runner.invoke(app, ["capacity", model, "-f", "json", "--users", "200000"]).output
    )
    assert double["peak"]["scale"] == 2
    assert double["bottleneck"]["utilisation"] == pytest.approx(
        2 * base["bottleneck"]["utilisation"], abs=2e-4
    )
    assert double["sustains"]["users"] == base["sustains"]["users"]


def test_table_output_names_the_bottleneck():
    result = runner.invoke(app, ["capacity", str(STAGES / "2-users-plus.yaml")])
    assert result.exit_code == 0
    assert "bottleneck" in result.output and "web" in result.output


def test_bad_overrides_are_one_line_and_exit_code_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("cache:\n  operations_per_nod: 5\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "archlib", "capacity", str(STAGES), "--assumptions", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"archlib: error: {bad}:2:3: cache.operations_per_nod: unknown assumption"
    ]


def test_assumptions_markdown_is_written_atomically(tmp_path):
    target = tmp_path / "docs" / "assumptions.md"
    result = runner.invoke(app, ["assumptions", "-f", "markdown", "-o", str(target)])
    assert result.exit_code == 0
    assert "`database.write_queries_per_vcpu`" in target.read_text("utf-8")
