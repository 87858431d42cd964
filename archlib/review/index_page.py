"""The index of a set of pages; for a series of stages, the figures plotted stage by stage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from archlib.review import charts, numbers

if TYPE_CHECKING:
    from markupsafe import Markup

    from archlib.capacity import CapacityReport
    from archlib.evolve import Step
    from archlib.review.facts import ReviewSet


def _stage_label(step: Step) -> str:
    stage = step.stage.model.stage
    return f"stage {stage.number}" if stage is not None else step.stage.model.name


@dataclass(frozen=True)
class Series:
    name: str
    title: str
    value: Callable[[Step], float | None]
    text: Callable[[Step], str]
    tick: Callable[[float], str]
    log: bool = False
    whole: bool = False


SERIES = (
    Series(
        "series-monthly-cost",
        "Monthly cost (log scale)",
        lambda s: s.stage.monthly_usd,
        lambda s: numbers.money_short(s.stage.monthly_usd),
        numbers.money_short,
        log=True,
    ),
    Series(
        "series-cost-per-million",
        "Cost per million requests",
        lambda s: s.stage.usd_per_million_requests,
        lambda s: numbers.money(s.stage.usd_per_million_requests),
        numbers.money_short,
    ),
    Series(
        "series-users-sustained",
        "Users sustained at peak (log scale)",
        lambda s: s.stage.capacity.max_users,
        lambda s: numbers.count(s.stage.capacity.max_users),
        numbers.count,
        log=True,
    ),
    Series(
        "series-spof-count",
        "Single points of failure",
        lambda s: float(len(s.stage.spofs)),
        lambda s: str(len(s.stage.spofs)),
        lambda value: f"{value:g}",
        whole=True,
    ),
)
"""Cost and users grow by orders of magnitude over the stages: a log scale keeps the early
stages readable."""


def series_charts(steps: tuple[Step, ...]) -> list[tuple[str, Markup]]:
    """Monthly cost, cost per million requests, users sustained and SPOF count by stage."""
    return [
        (
            series.title,
            charts.series_chart(
                series.name,
                series.title,
                [charts.Point(_stage_label(s), series.value(s), series.text(s)) for s in steps],
                series.tick,
                log=series.log,
                whole=series.whole,
            ),
        )
        for series in SERIES
    ]


INDEX_COLUMNS = (
    "stage",
    "what changed",
    "SPOFs",
    "monthly cost",
    "$ per million requests",
    "users sustained",
    "peak req/s sustained",
    "bottleneck",
    "one AZ lost",
)
"""The evolve table's columns folded to fit a page: the changes in one cell, the users the
profile states under the users sustained."""


def _signed_dollars(change: float) -> str:
    return f"{'+' if change >= 0 else '-'}${abs(change):,.0f}"


def _zone_tone(report: CapacityReport) -> str:
    """Carrying the peak above the utilisation limit is no all-clear."""
    if not report.survives_az_loss:
        return "over"
    limit = report.utilisation_limit
    return "warn" if any((z.tightest_utilisation or 0.0) > limit for z in report.zones) else "ok"


def evolution_rows(steps: tuple[Step, ...]) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """The same figures as `archlib evolve`, one row per stage."""
    from archlib.report.evolution import COLUMNS

    rows = []
    previous: float | None = None
    for step in steps:
        text = {column.key: column.text(step) for column in COLUMNS}
        cost = step.stage.monthly_usd
        move = "" if previous is None else _signed_dollars(cost - previous)
        previous = cost
        changes = [
            (kind, ids)
            for kind, ids in (
                ("added", step.added),
                ("changed", step.changed),
                ("removed", step.removed),
            )
            if ids
        ]
        spofs = (text["spofs"] if step.stage.spofs else "none") + (
            f"; removed: {text['spofs_removed']}" if step.spofs_removed else ""
        )
        rows.append(
            {
                "stage": text["model"],
                "changes": [(kind, ", ".join(ids)) for kind, ids in changes],
                "spofs": spofs,
                "numbers": [
                    text["monthly_usd"],
                    text["usd_per_million_requests"],
                ],
                "cost_move": move,
                "users": text["users_sustained"],
                "profile": text["users"],
                "rate": text["requests_per_second_sustained"],
                "bottleneck": text["bottleneck"],
                "az": text["survives_az_loss"],
                "az_tone": _zone_tone(step.stage.capacity),
            }
        )
    return INDEX_COLUMNS, rows


def index_context(review_set: ReviewSet) -> dict[str, Any]:
    from archlib.review.sections.cost import total_text

    pages = []
    for review in review_set.reviews:
        model = review.loaded.model
        counts = Counter(f.severity for f in review.result.findings)
        by_severity = ", ".join(
            f"{counts[severity]} {severity}{'s' if counts[severity] != 1 else ''}"
            for severity in ("error", "warning", "info")
            if counts[severity]
        )
        pages.append(
            {
                "href": review.page,
                "title": model.title,
                "name": model.name,
                "findings": len(review.result.findings),
                "by_severity": (by_severity or "none")
                + (
                    f" ({len(review.result.suppressed)} suppressed)"
                    if review.result.suppressed
                    else ""
                ),
                "cost": total_text(review.estimate),
                "cost_value": review.estimate.monthly_usd,
                "users": numbers.count(review.capacity.max_users),
                "users_value": review.capacity.max_users or 0.0,
                "survives": review.capacity.survives_az_loss,
                "az_tone": _zone_tone(review.capacity),
            }
        )
    steps = review_set.steps
    context: dict[str, Any] = {"pages": pages, "series": None}
    if steps is not None:
        headers, rows = evolution_rows(steps)
        first = steps[0].stage.model.stage
        context["series"] = {
            "name": first.series if first is not None else "",
            "charts": series_charts(steps),
            "headers": headers,
            "rows": rows,
            "links": [review.page for review in review_set.reviews],
        }
    return context
