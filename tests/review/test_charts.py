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
