"""The CLI reads well in a terminal and in CI: full values at 80 columns, plain help text,
a version, and every writer naming what it wrote."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import archlib
from archlib.cli.app import command
from tests.conftest import REPO, STAGE_FILES, CliResult

STAGE_6 = REPO / "models" / "scaling-aws" / "6-users-plus-5.yaml"


def _piped(*args: str | Path) -> str:
    """`COLUMNS=80 archlib ARGS | cat`: a narrow terminal setting, output to a pipe."""
    result = subprocess.run(
        [sys.executable, "-m", "archlib", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def _leaves(document: Any) -> Iterator[str]:
    if isinstance(document, dict):
        for value in document.values():
            yield from _leaves(value)
    elif isinstance(document, list):
        for value in document:
            yield from _leaves(value)
    elif isinstance(document, str) and document:
        yield document


def test_cost_at_80_columns_piped_keeps_every_value() -> None:
    text = _piped("cost", STAGE_6)
    assert "…" not in text
    document = json.loads(_piped("cost", STAGE_6, "--format", "json"))
    for component in document["components"]:
        assert component["id"] in text
        for line in component["lines"]:
            assert f"${line['monthly_usd']:,.2f}" in text
            assert line["basis"] in text
            assert line["name"] in text


def test_show_at_80_columns_piped_keeps_every_value() -> None:
    text = _piped("show", STAGE_6)
    assert "…" not in text
    document = json.loads(_piped("show", STAGE_6, "--format", "json"))
    for component in document["components"]:
        assert component["id"] in text and component["label"] in text
    for link in document["links"]:
        if link["purpose"]:
            assert link["purpose"] in text


def test_check_at_80_columns_piped_keeps_every_value() -> None:
    for model in (STAGE_6, STAGE_FILES[1]):
        text = _piped("check", model)
        assert "…" not in text
        document = json.loads(_piped("check", model, "--format", "json"))
        for finding in document["findings"]:
            assert finding["message"] in text
        for finding in document["suppressed"]:
            assert f"{finding['rule']} {finding['component']}" in text


def test_version(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"archlib {archlib.__version__}\n"


def test_bare_archlib_shows_help_and_succeeds(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli()
    assert result.exit_code == 0
    assert "Usage: archlib" in result.stdout and "check" in result.stdout


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and sub-command, loading the lazily registered ones."""
    yield prefix
    if not hasattr(group, "list_commands"):
        return
    for name in group.list_commands(None):
        yield from _commands(group.get_command(None, name), (*prefix, name))


PYTHON_TYPES = re.compile(r"<\w|\blist\[|\bbool\b|\bPath\b|\bNoneType\b|--\w+,--\w+")


@pytest.mark.parametrize("words", list(_commands(command())), ids=" ".join)
def test_help_shows_no_python_type_names(
    run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch, words: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    result = run_cli(*words, "--help")
    assert result.exit_code == 0
    assert not PYTHON_TYPES.search(result.stdout), result.stdout


TEMPLATE_1 = STAGE_FILES[0].parents[2] / "templates" / "scaling-aws" / "1-single-box.yaml"
WRITERS: dict[str, tuple[list[str], list[str]]] = {
    "check": (["check", str(STAGE_FILES[0]), "-o", "{out}/findings.txt"], ["findings.txt"]),
    "cost": (
        ["cost", str(STAGE_FILES[0]), str(STAGE_FILES[1]), "--no-compare", "-o", "{out}"],
        ["1-single-box.md", "2-users-plus.md", "summary.md"],
    ),
    "evolve": (
        ["evolve", str(STAGE_FILES[0]), "-f", "markdown", "-o", "{out}/evolution.md"],
        ["evolution.md"],
    ),
    "cfn": (["cfn", str(STAGE_FILES[0]), "-o", "{out}/stack.yaml"], ["stack.yaml"]),
    "render": (
        ["render", str(STAGE_FILES[0]), "-o", "{out}", "-f", "dot", "-f", "mermaid"],
        ["1-single-box.dot", "1-single-box.mmd"],
    ),
    "assumptions": (
        ["assumptions", "-f", "markdown", "-o", "{out}/assumptions.md"],
        ["assumptions.md"],
    ),
    "docs": (["docs", "-o", "{out}"], []),
    "report": (["report", str(STAGE_FILES[0]), "-o", "{out}"], ["1-single-box.html", "index.html"]),
    "import cfn": (
        ["import", "cfn", str(TEMPLATE_1), "-o", "{out}/model.yaml"],
        ["model.yaml"],
    ),
}


WARNING = "archlib: warning: "
"""What a writer may say besides naming its outputs (what it could not export, say)."""


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_every_writing_command_names_its_outputs(
    run_cli: Callable[..., CliResult], tmp_path: Path, name: str
) -> None:
    args, expected = WRITERS[name]
    out = tmp_path / "out"
    result = run_cli(*[a.format(out=out) for a in args])
    assert result.exit_code in (0, 1), result.stderr
    written = sorted(p for p in out.rglob("*") if p.is_file())
    assert written
    assert {p.name for p in written} >= set(expected)
    announced = [x for x in result.stderr.splitlines() if not x.startswith(WARNING)]
    assert sorted(announced) == sorted(f"wrote {p}" for p in written)
    assert "wrote" not in result.stdout

    quiet = run_cli(*[a.format(out=tmp_path / "quiet") for a in args], "--quiet")
    assert quiet.exit_code == result.exit_code
    assert all(x.startswith(WARNING) for x in quiet.stderr.splitlines())


def test_dir_lists_the_documented_api() -> None:
    names = dir(archlib)
    assert {"load", "save", "check", "render", "estimate_cost", "Architecture"} <= set(names)
    assert not {"Any", "TYPE_CHECKING", "import_module", "gc_pause"} & set(names)
    assert set(archlib.__all__) <= set(names)
    for name in archlib.__all__:
        assert getattr(archlib, name) is not None


def test_license_is_mit_and_packaged() -> None:
    text = (REPO / "LICENSE").read_text()
    assert text.startswith("MIT License")
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]


def test_committed_dot_says_how_to_render_its_icons() -> None:
    for path in sorted((REPO / "diagrams").glob("*.dot")):
        head = path.read_text().splitlines()[:3]
        assert any("-Gimagepath" in line for line in head), path.name
