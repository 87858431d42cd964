"""COST001: a model over its stated budget is a finding; within it, or with none, is not."""

from __future__ import annotations

from archlib.cost import estimate
from archlib.model import Architecture
from tests.checks.helpers import PRIVATE, fired, minimal, stage_data


def _priced_model(budget: float | None) -> dict[str, object]:
    data = minimal(
        [
            {"id": "web", "kind": "web_server", "instance_type": "m6i.large", "count": 2,
             "subnets": PRIVATE},
        ],
        [("users", "web")],
    )  # fmt: skip
    if budget is not None:
        data["budget"] = {"monthly_usd": budget}
    return data


def test_over_budget_fires_with_the_figures() -> None:
    data = _priced_model(50)
    total = estimate(Architecture.model_validate(data)).monthly_usd
    (finding,) = fired(data, "COST001")
    assert finding.category == "cost"
    assert finding.severity == "error"
    assert f"${total:,.2f}" in finding.message
    assert f"${total - 50:,.2f} over" in finding.message


def test_within_budget_is_quiet() -> None:
    data = _priced_model(50)
    total = estimate(Architecture.model_validate(data)).monthly_usd
    data["budget"] = {"monthly_usd": total + 1}
    assert fired(data, "COST001") == []


def test_no_budget_means_no_cost_finding() -> None:
    assert fired(_priced_model(None), "COST001") == []


def test_reference_stage_with_a_tight_budget_is_caught() -> None:
    data = stage_data(4)
    data["budget"] = {"monthly_usd": 1000}
    (finding,) = fired(data, "COST001")
    assert "over the budget of $1,000.00" in finding.message
