"""One row per stage, each compared with the stage before it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from archlib.capacity import Assumptions, CapacityReport, analyse, default_assumptions
from archlib.model import Architecture


@dataclass(frozen=True)
class Stage:
    """What one model is: its capacity, and (where the analyses exist) its SPOFs and cost."""

    name: str
    model: Architecture
    capacity: CapacityReport

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


def evolve(
    models: Sequence[tuple[str, Architecture]], assumptions: Assumptions | None = None
) -> tuple[Step, ...]:
    """`models` in the order they evolve (name, model); each row compares with the one before."""
    table = assumptions if assumptions is not None else default_assumptions()
    stages = [Stage(name, model, analyse(model, table)) for name, model in models]
    return tuple(
        Step(stage, stages[index - 1] if index else None) for index, stage in enumerate(stages)
    )
