"""The figures a bill rests on, their basis, and which one decides the total."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from archlib.cost.estimator import estimate
from archlib.cost.figures import ASSUMED, FIGURES, STATED, bases
from archlib.cost.sensitivity import sensitivity
from archlib.loader import load, load_text

from .conftest import BASE, MODELS, ROOT, STAGES

STAGE_3 = MODELS / "3-users-plus-2.yaml"


def _cdn_line(model_text: str, name: str) -> float:
    for line in estimate(load_text(model_text, "m.yaml")).component("cdn").lines:
        if line.name.startswith(name):
            return line.quantity
    raise AssertionError(name)


def test_moving_static_share_moves_the_cdn_lines_in_proportion() -> None:
    text = STAGE_3.read_text()
    assert "  static_share: 0.5\n" in text
    quarter = text.replace("  static_share: 0.5\n", "  static_share: 0.25\n")
    for name in ("Data transfer out", "HTTPS requests"):
        assert _cdn_line(quarter, name) == pytest.approx(_cdn_line(text, name) / 2)


def test_sensitivity_names_static_share_as_deciding_stage_3() -> None:
    model = load(STAGE_3)
    swings = sensitivity(model, estimate)
    by_key = {swing.key: swing for swing in swings}
    share = by_key["traffic.static_share"]
    assert share.total_at_low < share.total < share.total_at_high
    assert swings[0].key in {"traffic.static_share", "traffic.sizes.static.response_kb"}
    assert [s.spread for s in swings] == sorted((s.spread for s in swings), reverse=True)
    # a figure the design does not use moves nothing
    assert by_key["traffic.cache_hit_rate"].spread == pytest.approx(0, abs=0.01)  # no cache


def test_a_figure_at_the_end_of_its_range_is_validated_like_a_users_model() -> None:
    model = load(STAGE_3)
    for figure in FIGURES:
        low, high = figure.range(model)
        assert figure.value(figure.at(model, low)) == pytest.approx(low)
        assert figure.value(figure.at(model, high)) == pytest.approx(high)


def test_a_stated_figure_is_the_authors_and_a_default_carries_its_basis() -> None:
    model = load_text(BASE + "components:\n  - {id: users, kind: client}\n", "tiny.yaml")
    basis = {figure.key: figure.basis for figure in bases(model)}
    assert basis["traffic.static_share"] == STATED
    assert basis["traffic.cdn_hit_rate"] == ASSUMED
    assert basis["traffic.sizes.static.response_kb"].startswith("HTTP Archive")
    assert basis["traffic.requests_per_connection"].startswith("assumed")


@pytest.mark.parametrize("stage", STAGES, ids=lambda path: path.stem)
def test_every_stage_report_lists_its_figures_with_a_basis(stage) -> None:  # type: ignore[no-untyped-def]
    report = (ROOT / "costs" / f"{stage.stem}.md").read_text()
    assert "## Figures the bill rests on" in report
    assert "## Sensitivity" in report
    for figure in FIGURES:
        row = next(line for line in report.splitlines() if line.startswith(f"| `{figure.key}`"))
        assert row.rstrip("|").strip().split("|")[-1].strip()  # a basis, never blank


def _cost(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archlib", "cost", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_cli_prints_the_sensitivity_as_json_largest_first() -> None:
    done = _cost("--sensitivity", "-f", "json", str(STAGE_3))
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    swings = document["sensitivity"]
    assert len(swings) == len(FIGURES)
    spreads = [swing["spread_usd"] for swing in swings]
    assert spreads == sorted(spreads, reverse=True)
    assert {"key", "basis", "low", "high", "monthly_usd_at_low"} <= set(swings[0])


def test_two_files_get_a_sensitivity_each_not_a_comparison() -> None:
    done = _cost("--sensitivity", "-f", "json", str(STAGES[0]), str(STAGE_3))
    assert done.returncode == 0, done.stderr
    assert [item["model"] for item in json.loads(done.stdout)] == [
        load(STAGES[0]).name,
        load(STAGE_3).name,
    ]


@pytest.mark.parametrize(
    "args",
    [("-f", "csv", str(STAGE_3)), ("--compare", str(STAGES[0]), str(STAGE_3))],
    ids=["csv", "compare"],
)
def test_cli_refuses_what_sensitivity_cannot_print_in_one_line(args: tuple[str, ...]) -> None:
    done = _cost("--sensitivity", *args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_a_figure_stated_near_its_bound_varies_within_it() -> None:
    text = BASE.replace("  static_share: 0.5\n", "  static_share: 0.5\n  record_kb: 4000000000\n")
    model = load_text(text + "components:\n  - {id: users, kind: client}\n", "big.yaml")
    record = next(figure for figure in FIGURES if figure.key == "traffic.record_kb")
    low, high = record.range(model)
    assert (low, high) == (2e9, 5e9)  # 4x would pass S3's largest object
    assert sensitivity(model, estimate)  # every end still loads


def test_an_object_store_keeps_the_static_objects_it_serves() -> None:
    lines = estimate(load(STAGE_3)).component("static").lines
    storage = next(line for line in lines if line.name == "Storage")
    assert "58 KB per write, the static objects it serves" in storage.basis
    # 1,000,000 PUTs a month of 58 KB objects: 58 GB a month, averaged over 36 months
    assert storage.quantity == pytest.approx(58 * 37 / 2)
