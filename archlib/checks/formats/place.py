"""Where a finding is written: the file and the line."""

from __future__ import annotations

from pathlib import Path

from archlib.checks.finding import Finding
from archlib.checks.locate import Locator
from archlib.loader import LoadedModel


def finding_place(loaded: LoadedModel, locator: Locator, finding: Finding) -> tuple[Path, int]:
    """The file (the model's, or a Terraform resource's own inside the folder read) and the
    1-based line of what the finding is about."""
    location = locator.location(finding)
    return loaded.file(location), loaded.line(location)
