"""The review pages of the six stages, written once for the session by the real command."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, STAGE_FILES

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot not installed")


def write_report(out: Path, *args: str) -> Path:
    """`archlib report ARGS -o OUT`, run as a user runs it, from the repository."""
    result = subprocess.run(
        [sys.executable, "-m", "archlib", "report", *args, "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`archlib report models/scaling-aws -o DIR`."""
    if shutil.which("dot") is None:
        pytest.skip("Graphviz dot not installed")
    return write_report(tmp_path_factory.mktemp("report"), "models/scaling-aws")


@pytest.fixture(scope="session")
def stage_pages(report_dir: Path) -> dict[str, str]:
    return {
        path.stem: (report_dir / f"{path.stem}.html").read_text("utf-8") for path in STAGE_FILES
    }
