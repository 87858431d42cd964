"""What `archlib import cfn` and `archlib import tf` do with an import: write the model, then
print the mapping report (or its JSON), the same way for both formats."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from archlib.cli.common import DataFormat, announce, console

if TYPE_CHECKING:
    from archlib.importers.cfn.report import ImportReport
    from archlib.model import Architecture


def show_import(
    model: Architecture,
    report: ImportReport,
    output: Path | None,
    format: DataFormat,
    *,
    quiet: bool,
    with_coverage: bool,
) -> None:
    """`with_coverage` adds the model's coverage line (and its summary to the JSON)."""
    from archlib.loader import save

    if output is not None:
        save(model, output)
        announce([output], quiet=quiet)
    coverage = model.imported if with_coverage else None
    if format is DataFormat.json:
        document = report.document()
        document["model"] = str(output) if output is not None else None
        if coverage is not None:
            document["coverage"] = coverage.summary()
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return
    out = console()
    for line in report.lines():
        out.print(line, markup=False, soft_wrap=True)
    if coverage is not None:
        out.print(coverage.coverage_line(), markup=False, soft_wrap=True)
