"""`archlib cfn` as a user runs it: files written atomically, bad input as one line, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from archlib import load
from archlib.cloudformation import to_cloudformation
from tests.cloudformation.support import ROOT, STAGES, TEMPLATES


def run(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    return subprocess.run(
        [sys.executable, "-m", "archlib", "cfn", *map(str, arguments)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
    )


def test_writes_json_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "stack.json"
    result = run(STAGES[3], "-o", target, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(target.read_text()) == to_cloudformation(load(STAGES[3]))


def test_writes_every_stage_into_a_directory_byte_for_byte(tmp_path: Path) -> None:
    """A fresh process with another hash seed gives the committed bytes."""
    result = run(STAGES[0].parent, "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    for path in STAGES:
        written = (tmp_path / f"{path.stem}.yaml").read_bytes()
        assert written == (TEMPLATES / f"{path.stem}.yaml").read_bytes()


def test_bad_model_is_one_line_exit_2_and_nothing_written(tmp_path: Path) -> None:
    model = tmp_path / "bad.yaml"
    model.write_text(STAGES[0].read_text().replace("instance_type: m6i.large", "instance_typ: x"))
    target = tmp_path / "out.yaml"
    result = run(model, "-o", target)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.yaml:" in lines[0] and "instance_typ" in lines[0]
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_several_models_need_a_directory(tmp_path: Path) -> None:
    existing = tmp_path / "one.yaml"
    existing.write_text("keep")
    result = run(STAGES[0], STAGES[1], "-o", existing)
    assert result.returncode == 2
    assert "--output" in result.stderr
    assert existing.read_text() == "keep"


def test_what_cannot_be_exported_is_said_on_stderr(tmp_path: Path) -> None:
    text = (
        STAGES[2]
        .read_text()
        .replace(
            "    scheme: internet-facing\n    subnets: [public-a, public-b]",
            "    scheme: internet-facing\n    subnets: [public-a]",
        )
    )
    model = tmp_path / "single-az-lb.yaml"
    model.write_text(text)
    target = tmp_path / "out.yaml"
    result = run(model, "-o", target)
    assert result.returncode == 0, result.stderr
    assert (
        "not exported: load balancer lb: an application load balancer needs subnets in two AZs"
        in (result.stderr)
    )
    assert "NotExported:" in target.read_text()
