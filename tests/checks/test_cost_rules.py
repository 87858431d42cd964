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


def _web_on(instance_type: str) -> dict[str, object]:
    return minimal(
        [
            {"id": "web", "kind": "web_server", "instance_type": instance_type, "count": 2,
             "subnets": PRIVATE},
        ],
        [("users", "web")],
    )  # fmt: skip


def test_previous_generation_type_names_the_current_upgrade() -> None:
    (finding,) = fired(_web_on("m3.xlarge"), "COST002")
    assert finding.severity == "info" and finding.component == "web"
    assert "m3.xlarge, a previous-generation type" in finding.message
    assert "m7i.xlarge (4 vCPU, 16 GiB) covers its 4 vCPU and 15 GiB" in finding.message


def test_ec2_default_m1_small_moves_to_the_smallest_m7i() -> None:
    (finding,) = fired(_web_on("m1.small"), "COST002")
    assert "m7i.large" in finding.message


def test_older_types_aws_still_lists_as_current_are_quiet() -> None:
    for instance_type in ("t2.small", "m4.large", "c4.xlarge", "m6i.large"):
        assert fired(_web_on(instance_type), "COST002") == [], instance_type
