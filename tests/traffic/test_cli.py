"""`archlib flows` and the cost command's usage options, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
STAGES = sorted((ROOT / "models" / "scaling-aws").glob("*.yaml"))
MODEL = """name: tiny
title: Tiny
traffic: {users: 10, reads_per_month: 1000, writes_per_month: 10}
network:
  azs: [a]
  subnets: [{id: s, cidr: 10.0.0.0/24, az: a, type: public}]
components:
  - {id: users, kind: client}
  - {id: files, kind: object_store}
links:
  - {source: users, target: files}
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("stage", STAGES, ids=lambda p: p.stem)
def test_flows_json_on_every_stage(stage: Path) -> None:
    code, output = run("flows", str(stage), "--format", "json")
    assert code == 0, output
    document = json.loads(output)
    assert {"model", "components", "links", "internet_gb_per_month"} <= set(document)
    users = next(c for c in document["components"] if c["kind"] == "client")
    assert sum(users["requests_per_month"].values()) > 0


def test_flows_markdown_and_table() -> None:
    code, output = run("flows", str(STAGES[5]), "--format", "markdown")
    assert code == 0 and "| mysql |" in output
    code, output = run("flows", str(STAGES[5]))
    assert code == 0 and "traffic a month" in output


def test_a_usage_file_overrides_the_flows(tmp_path: Path) -> None:
    model = tmp_path / "tiny.yaml"
    model.write_text(MODEL, "utf-8")
    usage = tmp_path / "usage.yaml"
    usage.write_text("files: {storage_gb: 1000}\n", "utf-8")
    code, output = run("cost", str(model), "--usage", str(usage), "-f", "json")
    assert code == 0, output
    files = next(c for c in json.loads(output)["components"] if c["id"] == "files")
    storage = next(line for line in files["lines"] if line["name"] == "Storage")
    assert storage["quantity"] == 1000
    assert storage["basis"] == "usage.storage_gb stated"


def test_a_misspelt_usage_key_is_one_line_with_a_suggestion(tmp_path: Path) -> None:
    model = tmp_path / "tiny.yaml"
    model.write_text(MODEL, "utf-8")
    usage = tmp_path / "usage.yaml"
    usage.write_text("files: {storage_gbs: 1000}\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "archlib", "cost", str(model), "--usage", str(usage)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "did you mean 'storage_gb'" in result.stderr


def test_the_usage_template_lists_each_components_keys(tmp_path: Path) -> None:
    model = tmp_path / "tiny.yaml"
    model.write_text(MODEL, "utf-8")
    code, output = run("cost", str(model), "--usage-template")
    assert code == 0
    assert "files:  # object_store in tiny" in output
    assert "  # put_requests_per_month: 0" in output
