"""Check results off a terminal (a CI log, a pipe, a file): one finding per line.

`FILE:LINE: SEVERITY: RULE SUBJECT: MESSAGE` is the form compilers and linters print, so
editors' quickfix lists, CI problem matchers and grep read it as it is; and writing it needs
no terminal library, which is most of what a check on a small model would otherwise spend.
"""

from __future__ import annotations

from archlib.checks.engine import CheckResult
from archlib.checks.formats.place import finding_place
from archlib.checks.locate import Locator
from archlib.errors import printable
from archlib.loader import LoadedModel

SEVERITIES = ("error", "warning", "info")
COUNTED = {
    "error": ("error", "errors"),
    "warning": ("warning", "warnings"),
    "info": ("note", "notes"),
}


def result_lines(loaded: LoadedModel, result: CheckResult) -> list[str]:
    """The model's heading, its findings most severe first, what was suppressed, a tally."""
    locator = Locator.of(loaded.model)
    lines = [f"{printable(loaded.model.name)} ({printable(loaded.path.as_posix())})"]
    imported = loaded.model.imported
    if imported is not None:
        lines.append(f"  coverage: {printable(imported.coverage_line())}")
        lines.extend(
            f"    not modelled: {printable(text)}" for text in imported.not_modelled_lines()
        )
    for severity in SEVERITIES:
        for finding in (f for f in result.findings if f.severity == severity):
            written, line = finding_place(loaded, locator, finding)
            lines.append(
                f"{printable(written.as_posix())}:{line}: {severity}: {finding.rule_id} "
                f"{printable(finding.subject)}: {printable(finding.message)}"
            )
    if result.suppressed:
        ids = ", ".join(f"{f.rule_id} {f.subject}" for f in result.suppressed)
        lines.append(f"  suppressed by the model ({len(result.suppressed)}): {printable(ids)}")
    lines.append(f"  {tally(result)}")
    return lines


def tally(result: CheckResult) -> str:
    """'2 errors, 1 warning, no notes', or 'no findings'."""
    if not result.findings:
        return "no findings"
    counts = []
    for severity in SEVERITIES:
        number = sum(1 for f in result.findings if f.severity == severity)
        one, many = COUNTED[severity]
        counts.append(f"{number} {one if number == 1 else many}" if number else f"no {many}")
    return ", ".join(counts)


def results_text(results: list[tuple[LoadedModel, CheckResult]]) -> str:
    """Every model's lines, a blank line after each."""
    return "".join("\n".join(result_lines(loaded, result)) + "\n\n" for loaded, result in results)
