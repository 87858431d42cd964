"""One row per stage, each compared with the stage before it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from archlib.capacity import Assumptions, CapacityReport, analyse, default_assumptions
from archlib.errors import located
from archlib.model import Architecture


@dataclass(frozen=True)
class Stage:
    """One model with what the analyses say of it."""

    name: str
    model: Architecture
    capacity: CapacityReport
    spofs: tuple[str, ...]
    """Components the checks report as single points of failure (active findings)."""
    monthly_usd: float
    usd_per_million_requests: float | None

    @property
    def component_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.model.components)


@dataclass(frozen=True)
class Step:
    stage: Stage
    previous: Stage | None

    @property
    def added(self) -> tuple[str, ...]:
        before = set(self.previous.component_ids) if self.previous else set()
        return tuple(c for c in self.stage.component_ids if c not in before)

    @property
    def changed(self) -> tuple[str, ...]:
        """Components in both stages whose definition differs (resized, autoscaled, moved)."""
        if self.previous is None:
            return ()
        before = {c.id: c for c in self.previous.model.components}
        return tuple(
            c.id for c in self.stage.model.components if c.id in before and c != before[c.id]
        )

    @property
    def removed(self) -> tuple[str, ...]:
        if self.previous is None:
            return ()
        now = set(self.stage.component_ids)
        return tuple(c for c in self.previous.component_ids if c not in now)

    @property
    def spofs_removed(self) -> tuple[str, ...]:
        if self.previous is None:
            return ()
        now = set(self.stage.spofs)
        return tuple(c for c in self.previous.spofs if c not in now)

    @property
    def spofs_added(self) -> tuple[str, ...]:
        before = set(self.previous.spofs) if self.previous else set()
        return tuple(c for c in self.stage.spofs if c not in before)


def _spofs(model: Architecture, today: dt.date | None) -> tuple[str, ...]:
    from archlib.checks import run_checks

    found: dict[str, None] = {}
    for finding in run_checks(model, today=today).findings:
        if finding.category == "spof":
            found.setdefault(finding.subject, None)
    order = {c.id: index for index, c in enumerate(model.components)}
    return tuple(sorted(found, key=lambda subject: (order.get(subject, len(order)), subject)))


def stage_of(
    name: str, model: Architecture, assumptions: Assumptions, today: dt.date | None = None
) -> Stage:
    from archlib.cost import estimate

    cost = estimate(model)
    return Stage(
        name,
        model,
        analyse(model, assumptions),
        _spofs(model, today),
        cost.monthly_usd,
        cost.usd_per_million_requests,
    )


def evolve(
    models: Sequence[tuple[str, Architecture]],
    assumptions: Assumptions | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[Step, ...]:
    """`models` in the order they evolve (name, model); each row compares with the one before.
    `today` decides which suppressions in the models have expired (default: today)."""
    table = assumptions if assumptions is not None else default_assumptions()
    stages = []
    for name, model in models:
        with located(name):
            stages.append(stage_of(name, model, table, today))
    return tuple(
        Step(stage, stages[index - 1] if index else None) for index, stage in enumerate(stages)
    )
