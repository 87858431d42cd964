"""`archlib diff`: what a change does to a model, and whether it brings new findings."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from archlib.cli.common import ParameterOption, console, parameters_of


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


if TYPE_CHECKING:
    from rich.console import Console

    from archlib.checks.diff import ModelDiff
    from archlib.checks.finding import Finding
    from archlib.loader import LoadedModel

SELECTORS = ("spof", "security", "capacity", "cost", "policy", "error", "warning", "info")


def diff(
    base: Annotated[Path, typer.Argument(help="The model before the change.")],
    head: Annotated[Path, typer.Argument(help="The model after the change.")],
    fail_on_new: Annotated[
        list[str] | None,
        typer.Option(
            metavar="SELECTOR",
            help="Exit 1 when the head brings a new finding of this category "
            "(spof, security, ...) or severity (error, warning, info: that and above), "
            "counting new findings that a suppression added or widened in the head hides. "
            "Repeatable.",
        ),
    ] = None,
    allow_new_suppressions: Annotated[
        bool,
        typer.Option(
            "--allow-new-suppressions",
            help="Let suppressions added or widened in the head hide new findings from "
            "--fail-on-new (they are still listed).",
        ),
    ] = False,
    format: Annotated[
        DiffFormat,
        typer.Option(
            "--format",
            "-f",
            help="markdown: a pull-request comment with cost, users sustained and AZ loss "
            "before and after; json: the same as data.",
        ),
    ] = DiffFormat.table,
    parameter: ParameterOption = None,
) -> None:
    """Compare two models: what changed, and which findings came or went.

    Lists components added, removed and renamed, suppressions added or widened, and findings
    introduced, hidden by those suppressions, and resolved.
    """
    from archlib.checks import run_checks
    from archlib.checks.context import CheckContext
    from archlib.checks.diff import diff_models
    from archlib.loader import load_located

    selectors = fail_on_new or []
    unknown = [s for s in selectors if s not in SELECTORS]
    if unknown:
        raise typer.BadParameter(
            f"{', '.join(unknown)}: expected one of {', '.join(SELECTORS)}",
            param_hint="--fail-on-new",
        )
    given = parameters_of(parameter)
    before = load_located(base, parameters=given)
    after = load_located(head, parameters=given)
    contexts = CheckContext.of(before.model), CheckContext.of(after.model)
    changes = diff_models(
        before.model,
        run_checks(before.model, context=contexts[0]),
        after.model,
        run_checks(after.model, context=contexts[1]),
    )
    tripped = changes.gated(selectors, allow_suppressions=allow_new_suppressions)
    if format is not DiffFormat.table:
        from archlib.checks.formats.diff_markdown import diff_markdown
        from archlib.checks.formats.diff_review import DiffReview, Gate, diff_document, side

        review = DiffReview(
            side(base.as_posix(), contexts[0]),
            side(head.as_posix(), contexts[1]),
            changes,
            Gate(tuple(selectors), allow_new_suppressions, tuple(tripped)),
        )
        if format is DiffFormat.json:
            text = json.dumps(diff_document(review), indent=2, ensure_ascii=False) + "\n"
        else:
            text = diff_markdown(review)
        sys.stdout.write(text)
    else:
        _print_text(console(), before, after, changes, selectors, tripped)
    if tripped:
        raise typer.Exit(1)


def _print_text(
    out: Console,
    before: LoadedModel,
    after: LoadedModel,
    changes: ModelDiff,
    selectors: list[str],
    tripped: list[Finding],
) -> None:
    """One item a line; a long line wraps under its own indent, never to column 0, and
    never mid-word, so paths and ids stay whole."""
    import textwrap

    from archlib.checks.locate import Locator
    from archlib.errors import printable

    def item(text: str, indent: int = 2, style: str = "") -> None:
        wrapped = textwrap.fill(
            text,
            width=max(out.width, 40),
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + 2),
            break_long_words=False,
            break_on_hyphens=False,
        )
        out.print(wrapped, style=style or None, soft_wrap=True, markup=False)

    def at(loaded: LoadedModel, finding: Finding) -> str:
        location = Locator.of(loaded.model).location(finding)
        line = loaded.line(location)
        return f"{printable(loaded.file(location).as_posix())}:{line}"

    def name(loaded: LoadedModel) -> str:
        return printable(loaded.path.as_posix())

    def finding_line(loaded: LoadedModel, finding: Finding) -> str:
        message = finding.message.removeprefix(f"{finding.subject}: ")
        return (
            f"{finding.severity} {finding.rule_id} {finding.subject} ({at(loaded, finding)}): "
            f"{message}"
        )

    item(f"{name(before)} -> {name(after)}", indent=0, style="bold")
    for label, loaded in (("before", before), ("after", after)):
        if loaded.model.imported is not None:
            item(f"coverage {label}: {loaded.model.imported.coverage_line()}")
    if changes.components_renamed:
        renames = ", ".join(f"{old} -> {new}" for old, new in changes.components_renamed)
        item(f"components renamed: {renames} (a rename only: findings matched across it)")
    for title, names in (
        ("components added", changes.components_added),
        ("components removed", changes.components_removed),
        ("links added", changes.links_added),
        ("links removed", changes.links_removed),
    ):
        if names:
            item(f"{title}: {', '.join(names)}")
    if changes.suppressions:
        item(f"suppressions added or widened: {len(changes.suppressions)}", style="yellow")
        for change in changes.suppressions:
            line = after.line(("checks", "suppressions", change.index))
            why = change.suppression.justification.strip() or "no justification"
            item(
                f"{change.change} {change.suppression.rule} ({name(after)}:{line}): "
                f"{change.detail}; {why!r}",
                indent=4,
            )
    if changes.severity_changes:
        item(f"severity overrides changed: {len(changes.severity_changes)}", style="yellow")
        for severity in changes.severity_changes:
            gated = " (new findings gated at the old severity)" if severity.lowers else ""
            item(f"{severity.rule}: {severity.before} -> {severity.after}{gated}", indent=4)
    if changes.covered:
        item(
            f"new findings hidden by suppressions already in place: {len(changes.covered)}",
            style="yellow",
        )
        for finding, suppression in changes.covered:
            scope = suppression.component or suppression.link or "the whole model"
            item(
                f"{finding_line(after, finding)} (hidden by {suppression.rule} on {scope})",
                indent=4,
            )
    sections: list[tuple[str, str, tuple[Finding, ...], LoadedModel]] = [
        ("new findings", "red", changes.introduced, after),
        ("new findings hidden by those suppressions", "red", changes.hidden, after),
        ("findings suppressed, not fixed", "yellow", changes.silenced, after),
        ("resolved findings", "green", changes.resolved, before),
    ]
    for title, style, findings, loaded in sections:
        if not findings and title != "new findings" and title != "resolved findings":
            continue
        item(f"{title}: {len(findings)}", style=style)
        for finding in findings:
            item(finding_line(loaded, finding), indent=4)
    if selectors:
        gate = " ".join(f"--fail-on-new {s}" for s in selectors)
        if tripped:
            item(f"gate failed ({gate}):", indent=0, style="bold red")
            for finding in tripped:
                how = " (hidden by a suppression added here)" if finding in changes.hidden else ""
                item(f"{finding.rule_id} {finding.subject}{how}", indent=2)
        else:
            item(f"gate passed ({gate})", indent=0, style="bold green")
