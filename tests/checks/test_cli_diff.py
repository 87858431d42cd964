"""`archlib diff`: the CI gate that catches a new single point of failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archlib.cli.app import app
from tests.checks.helpers import STAGE_FILES

runner = CliRunner()
STAGE_3 = STAGE_FILES[2]


@pytest.fixture
def one_web_server(tmp_path: Path) -> Path:
    text = STAGE_3.read_text()
    marker = "    role: reverse proxy\n    instance_type: m6i.large\n    count: 2\n"
    assert marker in text
    head = tmp_path / "3-one-web-server.yaml"
    head.write_text(text.replace(marker, marker.replace("count: 2", "count: 1")))
    return head


def diff(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["diff", *map(str, args)])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def test_new_spof_fails_the_gate(one_web_server: Path) -> None:
    code, out = diff(STAGE_3, one_web_server, "--fail-on-new", "spof")
    assert code == 1
    # One web server: a single point of failure (its loss with an AZ is part of it).
    assert "SPOF001" in out and "new findings: 1" in out


def test_removing_the_spof_passes(one_web_server: Path) -> None:
    code, out = diff(one_web_server, STAGE_3, "--fail-on-new", "spof")
    assert code == 0
    assert "resolved findings: 1" in out


def test_without_a_gate_the_diff_only_reports(one_web_server: Path) -> None:
    assert diff(STAGE_3, one_web_server)[0] == 0


def test_gate_by_category_or_severity(one_web_server: Path) -> None:
    assert diff(STAGE_3, one_web_server, "--fail-on-new", "security")[0] == 0
    assert diff(STAGE_3, one_web_server, "--fail-on-new", "warning")[0] == 1
    assert (
        diff(STAGE_3, one_web_server, "--fail-on-new", "security", "--fail-on-new", "error")[0] == 1
    )


def test_unknown_selector_is_bad_input(one_web_server: Path) -> None:
    assert diff(STAGE_3, one_web_server, "--fail-on-new", "spofs")[0] == 2


def test_components_and_findings_as_json() -> None:
    code, out = diff(STAGE_FILES[1], STAGE_FILES[2], "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert "lb" in document["components"]["added"]
    assert document["components"]["removed"] == []
    resolved = {(f["rule"], f["subject"]) for f in document["findings"]["resolved"]}
    assert resolved == {("SPOF001", "web"), ("SPOF003", "mysql")}
    assert document["findings"]["introduced"] == []


def _with_suppression(path: Path, line: str) -> Path:
    path.write_text(path.read_text() + "checks:\n  suppressions:\n" + line)
    return path


def test_a_suppression_added_in_the_change_cannot_hide_a_new_spof(one_web_server: Path) -> None:
    head = _with_suppression(
        one_web_server, "    - {rule: SPOF001, component: web, justification: temporary}\n"
    )
    code, out = diff(STAGE_3, head, "--fail-on-new", "spof")
    assert code == 1
    assert "suppressions added or widened: 1" in out
    assert "added SPOF001" in out and "web, no expiry; 'temporary'" in out
    assert "new findings hidden by those suppressions: 1" in out
    assert "gate failed (--fail-on-new spof):" in out
    assert "SPOF001 web (hidden by a suppression added here)" in out


def test_new_suppressions_can_be_allowed_explicitly(one_web_server: Path) -> None:
    head = _with_suppression(
        one_web_server, "    - {rule: SPOF001, component: web, justification: temporary}\n"
    )
    code, out = diff(STAGE_3, head, "--fail-on-new", "spof", "--allow-new-suppressions")
    assert code == 0
    assert "suppressions added or widened: 1" in out  # still listed


def test_a_widened_suppression_is_listed(one_web_server: Path, tmp_path: Path) -> None:
    line = "    - {rule: SPOF001, component: web, justification: drill, expires: 2099-01-01}\n"
    base = tmp_path / "base.yaml"
    base.write_text(one_web_server.read_text())
    _with_suppression(base, line)
    head = tmp_path / "head.yaml"
    head.write_text(base.read_text().replace(", expires: 2099-01-01", ""))
    code, out = diff(base, head, "--fail-on-new", "spof", "--format", "json")
    assert code == 0  # the finding was already there, suppressed: nothing new
    [change] = json.loads(out)["suppressions"]
    assert change["change"] == "widened"
    assert change["detail"] == "no expiry (was 2099-01-01)"


def test_a_rename_keeps_its_findings(one_web_server: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.yaml"
    text = one_web_server.read_text()
    renamed.write_text(
        text.replace("- id: web\n", "- id: proxy\n")
        .replace("target: web,", "target: proxy,")
        .replace("source: web,", "source: proxy,")
    )
    code, out = diff(one_web_server, renamed, "--fail-on-new", "spof")
    assert code == 0, out
    assert "components renamed: web -> proxy" in out
    assert "new findings: 0" in out and "resolved findings: 0" in out


def test_text_names_lines_and_does_not_repeat_the_subject(one_web_server: Path) -> None:
    _, out = diff(STAGE_3, one_web_server)
    line = one_web_server.read_text().splitlines().index("  - id: web") + 1
    assert f"error SPOF001 web ({one_web_server.as_posix()}:{line}): " in " ".join(out.split())
    assert "web: web" not in out
    assert all(not x.endswith(" ") for x in out.splitlines())
