"""The verdicts the design expects of the six reference stages."""

from __future__ import annotations

import archlib
from tests.checks.helpers import STAGE_FILES, check, stage_data


def spof_subjects(number: int) -> set[str]:
    return {f.subject for f in check(stage_data(number)).findings if f.category == "spof"}


def test_stage_1_reports_the_box() -> None:
    """One root cause, one finding: the box, naming what it runs and its one AZ."""
    findings = check(stage_data(1)).findings
    assert [(f.rule_id, f.subject) for f in findings] == [("SPOF001", "box")]
    [chokepoint] = findings
    assert set(chokepoint.components) >= {"box", "web", "mysql"}
    assert "1 instance, in AZ a" in chokepoint.message


def test_stage_2_reports_the_web_server_and_the_database() -> None:
    findings = [f for f in check(stage_data(2)).findings if f.category == "spof"]
    assert {(f.rule_id, f.subject) for f in findings} == {
        ("SPOF001", "web"),
        ("SPOF003", "mysql"),
    }


def test_stage_3_one_instance_read_or_write_api_is_a_spof_for_its_class() -> None:
    for tier, request_class in (("read-api", "read"), ("write-api", "write")):
        data = stage_data(3)
        next(c for c in data["components"] if c["id"] == tier)["count"] = 1
        findings = [f for f in check(data).findings if f.category == "spof"]
        assert [(f.rule_id, f.subject) for f in findings] == [("SPOF001", tier)]
        assert f"every {request_class} request to" in findings[0].message
        assert "mysql" in findings[0].message


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
