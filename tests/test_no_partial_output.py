"""One bad model among good ones: every writing command fails with exit 2 and writes nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, STAGE_FILES, CliResult

COMMANDS = [
    ["render", "{models}", "-o", "{out}/diagrams", "-f", "dot", "-f", "mermaid"],
    ["cost", "{models}", "--output", "{out}/costs"],
    ["cfn", "{models}", "-o", "{out}/templates"],
    ["check", "{models}", "-o", "{out}/findings.json", "-f", "json"],
    ["evolve", "{models}", "--format", "markdown", "--output", "{out}/evolution.md"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_bad_model_leaves_no_output(
    command: list[str], tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(STAGE_FILES[0], models / "1-good.yaml")
    shutil.copy(REPO / "tests" / "bad_models" / "link-unknown-target.yaml", models / "2-bad.yaml")
    out = tmp_path / "out"
    args = [part.format(models=models, out=out) for part in command]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "2-bad.yaml:26:19: links[1].target" in result.stderr
    assert not out.exists()
