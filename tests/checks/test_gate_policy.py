"""Severity overrides are policy changes like suppressions: the gate cannot be silenced by
one added beside the fault, and every comment names the policy that hides a new fault."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO, CliResult

TINY = (REPO / "tests" / "valid_tiny.yaml").read_text(encoding="utf-8")
SSH_OPEN = TINY.replace(
    "    subnets: [public-a]\n",
    "    subnets: [public-a]\n    ingress:\n      - {source: internet, port: 22}\n",
    1,
)
SUPPRESSED = "checks:\n  suppressions:\n    - {rule: SEC001, justification: reviewed later}\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_added_with_the_fault_does_not_pass_the_gate(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    base = _write(tmp_path, "base.yaml", TINY)
    head = _write(tmp_path, "head.yaml", SSH_OPEN + "checks:\n  severity: {SEC001: info}\n")
    result = run_cli("diff", base, head, "--fail-on-new", "error")
    assert result.exit_code == 1
    assert "SEC001: error -> info (new findings gated at the old severity)" in result.stdout
    assert "gate failed" in result.stdout
    allowed = run_cli("diff", base, head, "--fail-on-new", "error", "--allow-new-suppressions")
    assert allowed.exit_code == 0
    document = json.loads(run_cli("diff", base, head, "-f", "json").stdout)
    assert document["severity_changes"] == [{"rule": "SEC001", "before": "error", "after": "info"}]


def test_an_override_already_in_the_base_judges_at_its_severity(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    policy = "checks:\n  severity: {SEC001: info}\n"
    base = _write(tmp_path, "base.yaml", TINY + policy)
    head = _write(tmp_path, "head.yaml", SSH_OPEN + policy)
    assert run_cli("diff", base, head, "--fail-on-new", "error").exit_code == 0


def test_a_suppression_from_an_earlier_change_is_named_beside_the_fault_it_hides(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    base = _write(tmp_path, "base.yaml", TINY + SUPPRESSED)
    head = _write(tmp_path, "head.yaml", SSH_OPEN + SUPPRESSED)
    text = run_cli("diff", base, head)
    assert "new findings hidden by suppressions already in place: 1" in text.stdout
    assert "(hidden by SEC001 on the whole model)" in " ".join(text.stdout.split())
    markdown = run_cli("diff", base, head, "-f", "markdown").stdout
    assert "New findings hidden by suppressions already in place (1)" in markdown
    document = json.loads(run_cli("diff", base, head, "-f", "json").stdout)
    assert [f["rule"] for f in document["findings"]["covered"]] == ["SEC001"]
    # Accepted in an earlier change: listed every time, but not this change's fault.
    assert run_cli("diff", base, head, "--fail-on-new", "error").exit_code == 0
