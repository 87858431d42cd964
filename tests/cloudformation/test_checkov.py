"""checkov joins cfn-lint as an oracle: no failed check on any stage's template or on generated
models; every skip sits in the resource's `Metadata.checkov.skip` with its reason.

checkov runs from its own venv (`make setup` builds `.venv-checkov`): its pins clash with the
project's.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from archlib import load
from archlib.cloudformation import render, to_cloudformation
from archlib.model import Architecture
from tests.cloudformation.strategies import architectures
from tests.cloudformation.support import ROOT, STAGES, stage_text

CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"


def checkov(directory: Path) -> list[dict[str, Any]]:
    """checkov's JSON report of every CloudFormation template in the directory."""
    assert CHECKOV.exists(), "checkov is missing: run `make setup`"
    environment = {**os.environ, "BC_SKIP_MAPPING": "TRUE", "LOG_LEVEL": "ERROR"}
    result = subprocess.run(
        [
            str(CHECKOV),
            *("-d", str(directory), "--framework", "cloudformation"),
            *("--compact", "-o", "json", "--skip-download"),
        ],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(result.stdout)
    return report if isinstance(report, list) else [report]


def _results(reports: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [check for report in reports for check in report["results"][kind]]


def _describe(check: dict[str, Any]) -> str:
    return f"{Path(check['file_path']).name}: {check['check_id']} {check['resource']}"


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[dict[str, Any]]]:
    directory = tmp_path_factory.mktemp("stages")
    for path in STAGES:
        (directory / f"{path.stem}.yaml").write_text(stage_text(path), encoding="utf-8")
    yield checkov(directory)


def test_no_stage_fails_a_check(stages: list[dict[str, Any]]) -> None:
    failed = _results(stages, "failed_checks")
    assert failed == [], "\n".join(map(_describe, failed))
    assert sum(report["summary"]["passed"] for report in stages) > 100, "checkov ran its checks"
    assert all(report["summary"]["parsing_errors"] == 0 for report in stages)


def _template_skips() -> Iterator[tuple[str, str, str, str]]:
    for path in STAGES:
        template = to_cloudformation(load(path))
        for logical, resource in template["Resources"].items():
            for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", []):
                yield path.stem, logical, skip["id"], skip.get("comment", "")


def test_every_skip_carries_a_one_line_reason() -> None:
    skips = list(_template_skips())
    assert skips
    for stage, logical, check, reason in skips:
        assert reason.strip() and "\n" not in reason, f"{stage} {logical} {check}"
        assert len(reason) <= 160, f"{stage} {logical} {check}: keep the reason to one line"


def test_every_skip_silences_a_check_that_runs(stages: list[dict[str, Any]]) -> None:
    """A skip whose check never fires would be a reason for nothing."""
    skipped = {
        (Path(c["file_path"]).stem, c["resource"].split(".")[-1], c["check_id"])
        for c in _results(stages, "skipped_checks")
    }
    stale = [s[:3] for s in _template_skips() if s[:3] not in skipped]
    assert stale == []


def test_the_oracle_is_live(tmp_path: Path) -> None:
    """Without its skip, the internet-facing port 80 of stage 1 fails CKV_AWS_260."""
    template = to_cloudformation(load(STAGES[0]))
    del template["Resources"]["BoxIngressFromInternetTcp80"]["Metadata"]
    (tmp_path / "stage.yaml").write_text(render(template), encoding="utf-8")
    failed = {check["check_id"] for check in _results(checkov(tmp_path), "failed_checks")}
    assert failed == {"CKV_AWS_260"}


@settings(settings.get_profile("cloudformation"), max_examples=4)
@given(architectures())
def test_generated_models_fail_no_check(model: Architecture) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        (Path(directory) / "model.yaml").write_text(
            render(to_cloudformation(model)), encoding="utf-8"
        )
        failed = _results(checkov(Path(directory)), "failed_checks")
    assert failed == [], "\n".join(map(_describe, failed))


def test_the_docs_list_every_skip_with_its_reason() -> None:
    page = (ROOT / "docs" / "cloudformation.md").read_text(encoding="utf-8")
    for _, _, check, reason in _template_skips():
        assert f"| `{check}` |" in page and f"| {reason} |" in page, (check, reason)
