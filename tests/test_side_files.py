"""Side files (--usage, --assumptions, --prices) and templates are read like models: a bad
one is one located line and exit code 2, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import STAGE_FILES, CliResult

STAGE = STAGE_FILES[2]

SIDE_FILES = {
    "tagged bool": ("side.yaml", "web: !!bool perhaps\n", "invalid boolean 'perhaps'"),
    "a list where a map is expected": ("side.yaml", "- 1\n- 2\n", "expected a mapping"),
    "a directory": ("side", None, "is a directory"),
}


@pytest.mark.parametrize("option", ["--usage", "--assumptions", "--prices"])
@pytest.mark.parametrize("case", sorted(SIDE_FILES))
def test_a_bad_side_file_is_one_line(
    tmp_path: Path, run_cli: Callable[..., CliResult], option: str, case: str
) -> None:
    name, text, fragment = SIDE_FILES[case]
    path = tmp_path / name
    if text is None:
        path.mkdir()
    else:
        path.write_text(text, encoding="utf-8")
    command = "capacity" if option == "--assumptions" else "cost"
    result = run_cli(command, STAGE, option, path)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    if option != "--prices" or text is None:
        assert fragment in result.stderr, result.stderr


TEMPLATES = {
    "tagged bool": (
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        "      FifoQueue: !!bool perhaps\n",
        "t.yaml:5:",
    ),
    "python tag on a mapping": (
        "Resources:\n  Q: !!python/object:os.system\n    Type: AWS::SQS::Queue\n",
        "unsupported YAML tag",
    ),
}


@pytest.mark.parametrize("case", sorted(TEMPLATES))
@pytest.mark.parametrize("command", ["check", "cost", "show"])
def test_a_badly_tagged_template_is_one_line(
    tmp_path: Path, run_cli: Callable[..., CliResult], case: str, command: str
) -> None:
    text, fragment = TEMPLATES[case]
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli(command, path)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert fragment in result.stderr and result.stderr.count("\n") == 1


def test_aliases_joined_into_one_huge_string_are_refused(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    big = "x" * 200_000
    ten = ", ".join(["*a"] * 10)
    joins = ", ".join(["*j"] * 10)
    text = (
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        f"      QueueName: &a {big}\n      Tags:\n"
        f"        - {{Key: k, Value: &j !Join ['', [{ten}]]}}\n"
        f"        - {{Key: k2, Value: !Join ['', [{joins}]]}}\n"
    )
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 2 and "more than 1,000,000 characters" in result.stderr


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e400"])
def test_an_assumption_must_be_a_finite_positive_number(
    tmp_path: Path, run_cli: Callable[..., CliResult], value: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"instance_families:\n  m6i: {{value: {value}}}\n", encoding="utf-8")
    result = run_cli("capacity", STAGE, "--assumptions", path)
    assert result.exit_code == 2 and "finite positive number" in result.stderr
    assert "instance_families.m6i" in result.stderr


@pytest.mark.parametrize("text", ['{"formatVersion": NaN}', "[1, 2]"])
def test_a_price_snapshot_must_be_an_object_of_finite_figures(
    tmp_path: Path, run_cli: Callable[..., CliResult], text: str
) -> None:
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    result = run_cli("cost", STAGE, "--prices", path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
