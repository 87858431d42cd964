"""Suppressions need a justification and may expire; severities can be overridden."""

from __future__ import annotations

import datetime as dt
from typing import Any

from archlib.checks import run_checks
from archlib.model import Architecture
from tests.checks.helpers import check, stage_data


def stage_2_with(**checks: Any) -> dict[str, Any]:
    data = stage_data(2)
    data["checks"] = checks
    return data


def rule_ids(findings: Any) -> list[str]:
    return [f.rule_id for f in findings]


def test_justified_suppression_moves_the_finding_aside() -> None:
    result = check(
        stage_2_with(
            suppressions=[
                {"rule": "SPOF003", "component": "mysql", "justification": "accepted until Q3"}
            ]
        )
    )
    assert "SPOF003" not in rule_ids(result.findings)
    assert [(f.rule_id, f.component) for f in result.suppressed] == [("SPOF003", "mysql")]


def test_suppression_without_justification_is_a_finding_and_does_not_apply() -> None:
    result = check(stage_2_with(suppressions=[{"rule": "SPOF003", "component": "mysql"}]))
    assert "SPOF003" in rule_ids(result.findings)
    assert "CHK001" in rule_ids(result.findings)
    assert result.suppressed == ()


def test_expired_suppression_is_a_finding_and_does_not_apply() -> None:
    data = stage_2_with(
        suppressions=[
            {
                "rule": "SPOF003",
                "component": "mysql",
                "justification": "migration planned",
                "expires": "2026-03-01",
            }
        ]
    )
    model = Architecture.model_validate(data)
    before = run_checks(model, today=dt.date(2026, 2, 28))
    after = run_checks(model, today=dt.date(2026, 3, 2))
    assert rule_ids(before.suppressed) == ["SPOF003"]
    assert "CHK002" not in rule_ids(before.findings)
    assert {"SPOF003", "CHK002"} <= set(rule_ids(after.findings))
    assert after.suppressed == ()


def test_suppression_for_another_component_does_not_apply() -> None:
    result = check(
        stage_2_with(suppressions=[{"rule": "SPOF003", "component": "web", "justification": "n/a"}])
    )
    assert "SPOF003" in rule_ids(result.findings)
    assert "CHK003" in rule_ids(result.findings)


def test_suppression_by_link() -> None:
    data = stage_data(2)
    data["components"][2]["egress"] = "none"
    data["checks"] = {
        "suppressions": [
            {"rule": "SEC008", "link": "web->static", "justification": "S3 via gateway endpoint"}
        ]
    }
    result = check(data)
    assert [f.link for f in result.findings if f.rule_id == "SEC008"] == ["web->mysql"]
    assert [f.link for f in result.suppressed] == ["web->static"]


def test_severity_override() -> None:
    result = check(stage_2_with(severity={"SPOF003": "warning"}))
    by_rule = {f.rule_id: f.severity for f in result.findings}
    assert by_rule["SPOF003"] == "warning"
    assert by_rule["SPOF001"] == "error"


def test_unknown_rule_in_policy() -> None:
    result = check(
        stage_2_with(
            severity={"XYZ999": "info"},
            suppressions=[{"rule": "XYZ998", "justification": "typo"}],
        )
    )
    assert rule_ids(result.findings).count("CHK004") == 2


def test_findings_are_sorted_most_severe_first() -> None:
    result = check(stage_2_with(severity={"SPOF001": "info"}))
    ranks = [("error", "warning", "info").index(f.severity) for f in result.findings]
    assert ranks == sorted(ranks)
