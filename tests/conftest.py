"""Shared fixtures: the reference stages and a way to run the CLI in-process."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from archlib.cli.app import main

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    # The same examples on every CI run: a red build is the change's doing, not the draw's.
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
STAGES_DIR = REPO / "models" / "scaling-aws"
STAGE_FILES = sorted(STAGES_DIR.glob("*.yaml"))


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run `archlib ARGS` through the real entry point, error boundary included."""

    def run(*args: str | Path) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["archlib", *map(str, args)])
        capsys.readouterr()
        try:
            main()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        else:
            code = 0
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
