"""The verdicts the design expects of the six reference stages."""

from __future__ import annotations

import archlib
from tests.checks.helpers import STAGE_FILES, check, stage_data


def spof_subjects(number: int) -> set[str]:
    return {f.subject for f in check(stage_data(number)).findings if f.category == "spof"}


def test_stage_1_reports_the_box() -> None:
    findings = [f for f in check(stage_data(1)).findings if f.category == "spof"]
    assert {f.subject for f in findings} == {"box", "mysql"}
    chokepoint = next(f for f in findings if f.rule_id == "SPOF001")
    assert set(chokepoint.components) >= {"box", "web", "mysql"}
    assert {f.rule_id for f in findings if f.subject == "box"} == {
        "SPOF001",
        "SPOF002",
        "SPOF005",
    }


def test_stage_2_reports_the_web_server_and_the_database() -> None:
    findings = [f for f in check(stage_data(2)).findings if f.category == "spof"]
    assert {(f.rule_id, f.subject) for f in findings} == {
        ("SPOF001", "web"),
        ("SPOF002", "web"),
        ("SPOF003", "mysql"),
    }


def test_stages_3_to_6_have_no_spof() -> None:
    for number in (3, 4, 5, 6):
        assert spof_subjects(number) == set(), number


def test_no_stage_has_a_security_error_or_an_unjustified_warning() -> None:
    for path in STAGE_FILES:
        result = archlib.check(archlib.load(path))
        security = [f for f in result.findings if f.category in ("security", "policy")]
        assert security == [], path.name
        assert all(f.severity == "error" for f in result.findings), path.name


def test_library_entry_point_matches_run_checks() -> None:
    from archlib.checks import run_checks

    model = archlib.load(STAGE_FILES[0])
    assert archlib.check(model) == run_checks(model)
