"""The GitHub Action and the workflow docs/ci.md tells users to copy: valid, consistent, and
its comparison script does what the docs say."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from archlib.checks.formats.diff_markdown import MARKER
from tests.conftest import REPO, STAGE_FILES

ACTION = REPO / "action.yml"
CI_DOC = REPO / "docs" / "ci.md"
BIN = Path(sys.executable).parent


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text())
    return data


def _workflow_text() -> str:
    blocks = re.findall(r"```yaml\n(.*?)```", CI_DOC.read_text(), re.S)
    workflows = [b for b in blocks if b.startswith("name:") and "\njobs:" in b]
    assert len(workflows) == 1
    return workflows[0]


def _validate(path: Path, schema: str) -> None:
    tool = BIN / "check-jsonschema"
    assert tool.exists(), "check-jsonschema is a dev dependency: run `make setup`"
    result = subprocess.run(
        [str(tool), "--builtin-schema", schema, str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_action_matches_the_actions_metadata_schema() -> None:
    _validate(ACTION, "vendor.github-actions")


def test_documented_workflow_matches_the_workflow_schema(tmp_path: Path) -> None:
    workflow = tmp_path / "archlib.yml"
    workflow.write_text(_workflow_text())
    _validate(workflow, "vendor.github-workflows")


def test_every_reference_in_the_action_exists() -> None:
    action = _action()
    text = ACTION.read_text()
    inputs = set(action["inputs"])
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    used_inputs = set(re.findall(r"inputs\.([a-z0-9-]+)", text))
    assert used_inputs <= inputs, used_inputs - inputs
    assert inputs <= used_inputs, f"declared, never used: {inputs - used_inputs}"
    ids = {step["id"]: step for step in steps if "id" in step}
    for step_id, output in re.findall(r"steps\.([a-z0-9-]+)\.outputs\.([a-z0-9_-]+)", text):
        assert step_id in ids, step_id
        assert f'echo "{output}=' in ids[step_id]["run"], (step_id, output)
    for step in steps:
        if "run" in step:
            assert step.get("shell") == "bash", step["name"]  # composite steps must say


def test_the_workflow_passes_only_inputs_the_action_declares() -> None:
    workflow = yaml.safe_load(_workflow_text())
    action = _action()
    uses = [s for s in workflow["jobs"]["review"]["steps"] if "archlib" in s.get("uses", "")]
    assert len(uses) == 1
    given = set(uses[0]["with"])
    assert given <= set(action["inputs"])
    required = {name for name, spec in action["inputs"].items() if spec.get("required")}
    assert required <= given
    permissions = workflow["permissions"]
    assert permissions["pull-requests"] == "write"
    assert permissions["security-events"] == "write"


def test_every_archlib_option_the_action_uses_exists() -> None:
    for step in _action()["runs"]["steps"]:
        for command, rest in re.findall(r"\barchlib (check|diff) ([^\n]*)", step.get("run", "")):
            help_text = subprocess.run(
                [sys.executable, "-m", "archlib", command, "--help"],
                capture_output=True,
                text=True,
                env={**os.environ, "COLUMNS": "200"},
            ).stdout
            for option in re.findall(r"(--[a-z-]+)", rest):
                assert option in help_text, (command, option)


def test_the_comment_marker_is_the_one_diff_writes() -> None:
    text = ACTION.read_text()
    assert text.count(MARKER) == 2  # written at the top of the comment, searched for


def _step(step_id: str) -> dict[str, Any]:
    step: dict[str, Any] = next(s for s in _action()["runs"]["steps"] if s.get("id") == step_id)
    return step


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
        env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
             "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"},
    ).stdout.strip()  # fmt: skip


def _commit_all(repo: Path) -> str:
    """A repository of what `repo` holds now, committed once; the commit's id."""
    _git(repo, "init", "--quiet")
    _git(repo, "add", ".")
    _git(repo, "commit", "--quiet", "-m", "base")
    return _git(repo, "rev-parse", "HEAD")


def _run_diff_step(
    repo: Path, outputs: Path, runner_temp: Path, models: str, base: str, fail_on: str
) -> subprocess.CompletedProcess[str]:
    """The action's comparison step, run in `repo` as the runner would."""
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "MODELS": models,
        "BASE_REF": base,
        "FAIL_ON": fail_on,
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_OUTPUT": str(outputs),
    }
    return subprocess.run(
        ["bash", "-c", _step("diff")["run"]], cwd=repo, env=env, capture_output=True, text=True
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_the_comparison_script_writes_the_comment_and_trips_the_gate(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    text = STAGE_FILES[2].read_text()
    (repo / "models" / "stage-3.yaml").write_text(text)
    base = _commit_all(repo)
    marker = "    role: reverse proxy\n    instance_type: m6i.large\n    count: 2\n"
    (repo / "models" / "stage-3.yaml").write_text(
        text.replace(marker, marker.replace("count: 2", "count: 1"))
    )
    (repo / "models" / "new.yaml").write_text(STAGE_FILES[0].read_text())
    outputs = tmp_path / "github-output"
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    result = _run_diff_step(repo, outputs, runner_temp, "models/", base, "spof security")
    assert result.returncode == 0, result.stderr
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    assert written["gate"] == "1"
    comment = Path(written["body"]).read_text()
    assert comment.startswith(MARKER + "\n")
    assert "### archlib: `models/new.yaml`\n\nNew in this change" in comment
    assert "**1 new single point of failure**" in comment
    assert "- **SPOF001** `web` (spof, error)" in comment
    assert not (repo / ".archlib-base").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_an_unchanged_model_passes_the_gate(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    (repo / "models" / "stage-3.yaml").write_text(STAGE_FILES[2].read_text())
    base = _commit_all(repo)
    outputs = tmp_path / "github-output"
    result = _run_diff_step(repo, outputs, tmp_path, "models/stage-3.yaml", base, "spof")
    assert result.returncode == 0, result.stderr
    assert "gate=0" in outputs.read_text()


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_a_terraform_folder_is_compared_as_one_configuration(tmp_path: Path) -> None:
    """The folder is the input, as Terraform reads it; its base comes from `git archive`."""
    repo = tmp_path / "repo"
    infra = repo / "infra"
    infra.mkdir(parents=True)
    server = (
        'resource "aws_instance" "web{n}" {{\n  ami = "ami-1"\n  instance_type = "t3.micro"\n}}\n'
    )
    (infra / "main.tf").write_text(server.format(n=0) + server.format(n=1))
    base = _commit_all(repo)
    (infra / "main.tf").write_text(server.format(n=0))
    outputs = tmp_path / "github-output"
    result = _run_diff_step(repo, outputs, tmp_path, "infra/", base, "spof")
    assert result.returncode == 0, result.stderr
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    comment = Path(written["body"]).read_text()
    assert "New in this change" not in comment
    assert "web1" in comment  # the server the change removes
    assert not (repo / ".archlib-base").exists()
