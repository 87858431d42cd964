"""A change as a pull-request comment: the verdict up top, the details folded away.

The first line is a marker the CI action looks for, so it updates its one comment instead of
adding another on every push.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archlib.checks.formats.diff_review import spof_first
from archlib.cost.render import usd

if TYPE_CHECKING:
    from archlib.checks.finding import Finding
    from archlib.checks.formats.diff_review import DiffReview
    from archlib.cost.estimate import CostEstimate

MARKER = "<!-- archlib-diff -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _signed(value: float) -> str:
    sign = "+" if value >= 0 else "-"
    return f"{sign}{usd(abs(value))}"


def _users(value: float | None) -> str:
    return "no limit" if value is None else f"{value:,.0f}"


def _survives(value: bool) -> str:
    return "survives" if value else "fails"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _finding(finding: Finding) -> str:
    return (
        f"- **{finding.rule_id}** `{finding.subject}` ({finding.category}, {finding.severity}): "
        f"{_cell(finding.message)}"
    )


def _headline(review: DiffReview) -> str:
    new_spofs = sum(1 for f in review.introduced if f.category == "spof")
    parts = []
    if new_spofs:
        parts.append(f"**{_plural(new_spofs, 'new single point')} of failure**")
    parts.append(f"{_plural(len(review.introduced), 'new finding')}")
    parts.append(f"{len(review.resolved)} resolved")
    base, head = review.base, review.head
    change = head.cost.monthly_usd - base.cost.monthly_usd
    if base.cost.partial or head.cost.partial:
        parts.append("cost not comparable (some components not priced)")
    else:
        parts.append(f"cost {_signed(change)}/month")
    if base.capacity.survives_az_loss and not head.capacity.survives_az_loss:
        parts.append("**no longer survives losing an AZ**")
    return " · ".join(parts)


def _figures(review: DiffReview) -> list[str]:
    base, head = review.base, review.head
    change = head.cost.monthly_usd - base.cost.monthly_usd
    share = f" ({change / base.cost.monthly_usd:+.1%})" if base.cost.monthly_usd else ""
    partial = [side for side in (base, head) if side.cost.partial]
    users_before, users_after = base.capacity.max_users, head.capacity.max_users
    users_change = ""
    if users_before and users_after is not None:
        ratio = users_after / users_before - 1
        users_change = "unchanged" if abs(ratio) < 0.005 else f"{ratio:+.0%}"
    return [
        "| | before | after | change |",
        "|---|---:|---:|---:|",
        f"| monthly cost | {_total(base.cost)} | {_total(head.cost)} | "
        + ("not comparable: partial |" if partial else f"{_signed(change)}{share} |"),
        f"| users sustained at peak | {_users(users_before)} | {_users(users_after)} | "
        f"{users_change} |",
        f"| bottleneck | {base.capacity.bottleneck or '-'} | {head.capacity.bottleneck or '-'} | |",
        f"| one AZ lost | {_survives(base.capacity.survives_az_loss)} | "
        f"**{_survives(head.capacity.survives_az_loss)}** | |",
    ]


def _prices(cost: CostEstimate) -> str:
    if cost.price_date is None:
        return cost.prices
    return f"AWS on-demand prices for {cost.region} published {cost.price_date}"


def _total(cost: CostEstimate) -> str:
    """The total, marked when some components have no price (it leaves them out)."""
    return f"{usd(cost.monthly_usd)} (partial)" if cost.partial else usd(cost.monthly_usd)


def _details(summary: str, lines: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *lines, "", "</details>", ""]


def _coverage(review: DiffReview) -> list[str]:
    """What each side's template leaves out: a finding cannot come from a resource not read."""
    lines = [
        f"- {label}: {_cell(side.model.imported.coverage_line())}"
        for label, side in (("before", review.base), ("after", review.head))
        if side.model.imported is not None
    ]
    return [*lines, ""] if lines else []


def diff_markdown(review: DiffReview) -> str:
    changes = review.changes
    lines = [
        MARKER,
        f"### archlib: `{review.base.path}` → `{review.head.path}`",
        "",
        _headline(review),
        "",
        *_figures(review),
        "",
        *_coverage(review),
    ]
    if review.introduced:
        lines += [f"**New findings ({len(review.introduced)})**", ""]
        lines += [_finding(f) for f in review.introduced]
        lines.append("")
    if changes.hidden:
        lines += [
            f"**New findings hidden by suppressions added in this change ({len(changes.hidden)})**",
            "",
        ]
        lines += [_finding(f) for f in spof_first(changes.hidden)]
        lines.append("")
    if changes.suppressions:
        lines += [f"**Suppressions added or widened ({len(changes.suppressions)})**", ""]
        lines += [
            f"- {c.change} **{c.suppression.rule}**: {_cell(c.detail)}; "
            f"{_cell(c.suppression.justification.strip() or 'no justification')}"
            for c in changes.suppressions
        ]
        lines.append("")
    if changes.severity_changes:
        lines += [f"**Severity overrides changed ({len(changes.severity_changes)})**", ""]
        lines += [
            f"- **{c.rule}**: {c.before} → {c.after}"
            + (" (new findings of it are gated at its old severity)" if c.lowers else "")
            for c in changes.severity_changes
        ]
        lines.append("")
    if changes.covered:
        lines += [
            f"**New findings hidden by suppressions already in place ({len(changes.covered)})**",
            "",
        ]
        lines += [
            f"{_finding(f)} (hidden by the suppression of **{s.rule}** on "
            f"{_cell(s.component or s.link or 'the whole model')})"
            for f, s in changes.covered
        ]
        lines.append("")
    if changes.silenced:
        lines += _details(
            f"Findings suppressed rather than fixed ({len(changes.silenced)})",
            [_finding(f) for f in changes.silenced],
        )
    gate = review.gate
    if gate.selectors:
        asked = " ".join(f"`--fail-on-new {s}`" for s in gate.selectors)
        if gate.failed_by:
            failed = ", ".join(f"{f.rule_id} `{f.subject}`" for f in gate.failed_by)
            lines += [f"**Gate failed** ({asked}): {failed}", ""]
        else:
            lines += [f"Gate passed ({asked}).", ""]
    if review.resolved:
        lines += _details(
            f"Resolved findings ({len(review.resolved)})",
            [_finding(f) for f in review.resolved],
        )
    added, removed = changes.components_added, changes.components_removed
    changed = review.components_changed
    component_lines = [
        f"- {label}: {', '.join(f'`{c}`' for c in ids)}"
        for label, ids in (("added", added), ("removed", removed), ("changed", changed))
        if ids
    ]
    component_lines += [
        f"- renamed: `{old}` → `{new}` (findings matched across the rename)"
        for old, new in changes.components_renamed
    ]
    component_lines += [
        f"- links {label}: {', '.join(f'`{k}`' for k in keys)}"
        for label, keys in (("added", changes.links_added), ("removed", changes.links_removed))
        if keys
    ]
    lines += _details(
        f"Components: {len(added)} added, {len(removed)} removed, {len(changed)} changed",
        component_lines or ["No component or link changed."],
    )
    moves = review.cost_changes
    cost_lines = ["| component | before | after | change |", "|---|---:|---:|---:|"]
    cost_lines += [
        f"| `{m.component}` | {usd(m.before) if m.before is not None else '-'} | "
        f"{usd(m.after) if m.after is not None else '-'} | {_signed(m.change)} |"
        for m in moves
    ]
    lines += _details(
        f"Cost by component ({_plural(len(moves), 'change')})",
        cost_lines if moves else ["No component's monthly cost changed."],
    )
    lines.append(
        f"<sub>archlib: {_prices(review.head.cost)}; capacity at the profile's peak.</sub>"
    )
    return "\n".join(lines) + "\n"
