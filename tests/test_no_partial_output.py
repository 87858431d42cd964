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


def _blocked(tmp_path: Path, where: str) -> Path:
    """The output root with a directory standing where the second model's file would go."""
    out = tmp_path / "out"
    (out / where).mkdir(parents=True)
    return out


BLOCKED = [
    (["report", "{a}", "{b}", "-o", "{out}"], "index.html"),
    (["report", "{a}", "{b}", "-o", "{out}"], "2-users-plus.html"),
    (["render", "{a}", "{b}", "-o", "{out}", "-f", "dot"], "2-users-plus.dot"),
    (["cfn", "{a}", "{b}", "-o", "{out}"], "2-users-plus.yaml"),
    (["cost", "{a}", "{b}", "--output", "{out}"], "2-users-plus.md"),
    (["cost", "{a}", "{b}", "--output", "{out}"], "summary.md"),
]


@pytest.mark.parametrize(("command", "where"), BLOCKED, ids=[f"{c[0]}-{w}" for c, w in BLOCKED])
def test_one_blocked_destination_writes_nothing(
    tmp_path: Path, run_cli: Callable[..., CliResult], command: list[str], where: str
) -> None:
    out = _blocked(tmp_path, where)
    args = [p.format(a=STAGE_FILES[0], b=STAGE_FILES[1], out=out) for p in command]
    result = run_cli(*args)
    assert result.exit_code == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if not line.startswith("archlib: warn")]
    assert "Traceback" not in result.stderr and len(errors) == 1, result.stderr
    assert f"{where}: is a directory, expected a file to write" in result.stderr
    assert [p.name for p in out.iterdir()] == [where]  # nothing else, no temporary files
    assert not any((out / where).iterdir())


@pytest.mark.parametrize(
    "command",
    [
        ["cfn", "{a}", "-o", "{file}/stack.yaml"],
        ["report", "{a}", "-o", "{file}"],
        ["render", "{a}", "-o", "{file}"],
        ["cost", "{a}", "--output", "{file}"],
        ["check", "{a}", "-o", "{file}/x.json", "-f", "json"],
    ],
    ids=["cfn", "report", "render", "cost", "check"],
)
def test_a_file_where_a_directory_is_needed_is_one_line(
    tmp_path: Path, run_cli: Callable[..., CliResult], command: list[str]
) -> None:
    plain = tmp_path / "plainfile"
    plain.write_text("keep me\n", encoding="utf-8")
    result = run_cli(*[p.format(a=STAGE_FILES[0], file=plain) for p in command])
    assert result.exit_code == 2 and "Traceback" not in result.stderr, result.stderr
    assert "plainfile" in result.stderr and result.stderr.count("\n") == 1
    assert plain.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("command", ["cfn", "report", "render"])
def test_a_file_name_too_long_is_one_line(
    tmp_path: Path, run_cli: Callable[..., CliResult], command: str
) -> None:
    result = run_cli(command, STAGE_FILES[0], "-o", tmp_path / ("a" * 300))
    assert result.exit_code == 2 and "longer than 255 bytes" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_second_report_run_leaves_no_page_the_index_does_not_list(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    site = tmp_path / "site"
    keep = site / "notes.html"
    assert run_cli("report", STAGE_FILES[0], "-o", site, "-q").exit_code == 0
    keep.write_text("mine\n", encoding="utf-8")
    assert run_cli("report", STAGE_FILES[1], "-o", site, "-q").exit_code == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in site.glob("*.html") if p.name not in ("index.html", keep.name))
    assert pages == ["2-users-plus.html"] and "2-users-plus.html" in index
    assert keep.read_text(encoding="utf-8") == "mine\n"  # only pages archlib wrote are removed
