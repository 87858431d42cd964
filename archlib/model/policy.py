"""What the model says about its own checks: suppressions, severity overrides, a budget."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from archlib.model.base import Identifier, StrictModel
from archlib.model.limits import MAX_MONTHLY_BUDGET_USD

Severity = Literal["error", "warning", "info"]


class Suppression(StrictModel):
    """An accepted finding; it must say why, and may lapse on a date."""

    rule: str = Field(pattern=r"^[A-Z]+[0-9]{3}$", description="A rule id such as SEC004.")
    component: Identifier | None = Field(
        default=None, description="The component it applies to; omit for the whole model."
    )
    link: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9-]*->[a-z][a-z0-9-]*$")
    justification: str = Field(default="", description="Why the finding is acceptable.")
    expires: dt.date | None = None


class ChecksPolicy(StrictModel):
    severity: dict[str, Severity] = Field(
        default_factory=dict, description="Rule id to the severity it should have here."
    )
    suppressions: list[Suppression] = Field(default_factory=list)
    utilisation_limit: float = Field(
        default=0.8, gt=0, le=1, description="Peak utilisation above which capacity warns."
    )


class Budget(StrictModel):
    monthly_usd: float = Field(
        gt=0,
        le=MAX_MONTHLY_BUDGET_USD,
        allow_inf_nan=False,
        description="US dollars a month, at most a billion.",
    )
