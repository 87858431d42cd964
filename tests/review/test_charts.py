"""The inline SVG charts: lengths in proportion, text escaped, scales that read right."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archlib.review import charts


def _widths(svg: str) -> list[float]:
    return [float(w) for w in re.findall(r'<rect x="150" y="\d+" width="([\d.]+)"', svg)]


@given(st.lists(st.floats(min_value=1, max_value=1e7), min_size=2, max_size=12))
def test_bar_lengths_are_in_proportion(values: list[float]) -> None:
    svg = charts.bar_chart("t", "t", [charts.Bar(f"b{i}", v) for i, v in enumerate(values)], str)
    widths = _widths(str(svg))
    top = max(values)
    for value, width in zip(values, widths, strict=True):
        assert width == pytest.approx(max(value / top * 380, 1.5), abs=0.06)


def test_a_marker_sits_at_its_value() -> None:
    svg = str(
        charts.bar_chart("u", "u", [charts.Bar("a", 0.5)], str, scale_max=1.0, markers=[(0.8, "x")])
    )
    assert '<line x1="454" y1="2" x2="454"' in svg  # 150 + 0.8 x 380


def test_chart_text_is_escaped_and_the_svg_well_formed() -> None:
    svg = str(charts.bar_chart("c", "a <b> & c", [charts.Bar("<script>", 1.0, title='"q"')], str))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)


def test_log_scale_spaces_tenfold_steps_evenly() -> None:
    points = [charts.Point(str(v), v, str(v)) for v in (10.0, 100.0, 1000.0)]
    svg = str(charts.series_chart("s", "s", points, str, log=True))
    ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    assert ys[0] - ys[1] == pytest.approx(ys[1] - ys[2], abs=0.2)
    ElementTree.fromstring(svg)


def test_a_missing_value_is_written_not_drawn() -> None:
    points = [charts.Point("a", 1.0, "1"), charts.Point("b", None, "no limit")]
    svg = str(charts.series_chart("m", "m", points, str))
    assert svg.count("<circle") == 1 and "no limit" in svg


def _bar_rects(svg: str) -> list[tuple[str, float]]:
    """(class, width) of each drawn rectangle that starts a bar at x=150."""
    return [
        (cls, float(width))
        for cls, width in re.findall(
            r'<rect(?: class="([^"]*)")? x="150" y="\d+" width="([\d.]+)"', svg
        )
    ]


def test_on_a_log_scale_a_bar_a_thousand_times_smaller_still_shows() -> None:
    """The cost chart's one $137k CDN bar made twenty others hairlines on a linear scale."""
    bars = [charts.Bar("cdn", 137_000.0), charts.Bar("dns", 137.0)]
    linear = _widths(str(charts.bar_chart("c", "c", bars, str)))
    logged = _widths(str(charts.bar_chart("c", "c", bars, str, log_ticks=str)))
    assert linear[1] < 1.6  # a hairline
    assert logged[1] > 0.1 * logged[0]
    assert logged[0] > logged[1]


def test_a_split_bar_draws_its_parts_in_proportion_to_its_length() -> None:
    bar = charts.Bar("db", 100.0, parts=(("fixed", 75.0), ("usage", 25.0)))
    svg = str(charts.bar_chart("s", "s", [bar, charts.Bar("x", 50.0)], str))
    fixed = re.search(r'class="part tone-fixed" x="150" y="\d+" width="([\d.]+)"', svg)
    usage = re.search(r'class="part tone-usage" x="([\d.]+)" y="\d+" width="([\d.]+)"', svg)
    assert fixed and usage
    assert float(fixed.group(1)) == pytest.approx(3 * float(usage.group(2)), abs=0.1)
    assert float(usage.group(1)) == pytest.approx(150 + float(fixed.group(1)), abs=0.1)


def test_utilisation_bars_sit_on_a_zero_to_hundred_track() -> None:
    svg = str(charts.bar_chart("u", "u", [charts.Bar("a", 0.2)], str, scale_max=1.0, track=True))
    assert _bar_rects(svg)[0] == ("track", 380.0)


def test_a_long_name_is_shortened_and_kept_whole_in_the_tooltip() -> None:
    name = "site-cloud-front-logs-replica"
    svg = str(charts.bar_chart("n", "n", [charts.Bar(name, 1.0, title=name)], str))
    label = re.search(r'<text class="bar-label"[^>]*>([^<]+)</text>', svg)
    assert label and label.group(1) == "site-cloud-front-lo\u2026"
    assert f"<title>{name}</title>" in svg


def test_the_cost_chart_groups_the_tail_into_other(stage_pages: dict[str, str]) -> None:
    page = stage_pages["6-users-plus-5"]
    chart = re.search(r'data-chart="cost-by-component".*?</svg>', page, re.S)
    assert chart
    labels = re.findall(r'<text class="bar-label"[^>]*>([^<]+)</text>', chart.group(0))
    assert len(labels) == 16 and labels[-1].startswith("other (")
    assert "(log scale)" in chart.group(0)
