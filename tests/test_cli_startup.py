"""The CLI starts without importing the heavy libraries that only some commands need."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pydantic", "networkx", "diagrams", "graphviz", "boto3", "botocore")


def test_help_imports_no_heavy_module() -> None:
    probe = (
        f"import sys, archlib.cli.app; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert loaded == ""


def test_module_entry_point_prints_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "archlib", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for command in ("show", "usage", "schema"):
        assert command in result.stdout
