"""Charts as static inline SVG: bars, a share bar and a series, with every figure written out.

Drawn here rather than by a plotting library so a page needs no script or download to show
them, the text stays selectable and searchable, and the markup is byte-identical on every run.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
LABEL_WIDTH = 150
VALUE_WIDTH = 110
ROW = 26
BAR = 16

Format = Callable[[float], str]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    """None: nothing to draw (a component with no fixed limit, say); the note says why."""
    tone: str = "neutral"
    """A CSS class suffix: neutral, fixed, usage, ok, warn, over, lost."""
    note: str = ""
    """Replaces the formatted value when set."""
    title: str = ""
    """The tooltip: the full name and the basis of the figure."""


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None
    text: str
    """The value as the page prints it."""


def _n(value: float) -> str:
    """Coordinates rounded to a tenth, so the markup does not vary with float noise."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _svg(name: str, title: str, height: float, body: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart-svg" data-chart="{escape(name)}" viewBox="0 0 {WIDTH} {_n(height)}" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        + "".join(body)
        + "</svg>"
    )


def bar_chart(
    name: str,
    title: str,
    bars: Sequence[Bar],
    fmt: Format,
    *,
    scale_max: float | None = None,
    markers: Sequence[tuple[float, str]] = (),
) -> Markup:
    """Horizontal bars, one per row; `markers` draw vertical lines (a limit, 100 %)."""
    drawn = [b.value for b in bars if b.value is not None]
    top = max([scale_max or 0.0, *drawn, *(m[0] for m in markers)]) or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(bars) * ROW + 24
    body: list[str] = []
    bottom = 8 + len(bars) * ROW
    for value, label in markers:
        x = LABEL_WIDTH + value / top * span
        body.append(
            f'<g class="marker"><line x1="{_n(x)}" y1="2" x2="{_n(x)}" y2="{_n(bottom - 6)}"/>'
            f'<text x="{_n(x)}" y="{_n(bottom + 10)}" text-anchor="middle">'
            f"{escape(label)}</text></g>"
        )
    for index, bar in enumerate(bars):
        y = 8 + index * ROW
        body.append(f'<g class="bar tone-{escape(bar.tone)}">')
        if bar.title:
            body.append(f"<title>{escape(bar.title)}</title>")
        body.append(
            f'<text class="bar-label" x="{LABEL_WIDTH - 8}" y="{_n(y + BAR - 4)}" '
            f'text-anchor="end">{escape(bar.label)}</text>'
        )
        length = 0.0 if bar.value is None else max(bar.value, 0.0) / top * span
        if bar.value is not None:
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{_n(max(length, 1.5))}" '
                f'height="{BAR}" rx="2"/>'
            )
        text = bar.note or ("" if bar.value is None else fmt(bar.value))
        body.append(
            f'<text class="bar-value" x="{_n(LABEL_WIDTH + length + 6)}" '
            f'y="{_n(y + BAR - 4)}">{escape(text)}</text>'
        )
        body.append("</g>")
    return _svg(name, title, height, body)


def share_bar(name: str, title: str, parts: Sequence[Bar], fmt: Format) -> Markup:
    """One bar split into its parts, each labelled with its value and share of the whole."""
    total = sum(p.value or 0.0 for p in parts) or 1.0
    body: list[str] = []
    x = 0.0
    for part in parts:
        width = (part.value or 0.0) / total * WIDTH
        body.append(f'<g class="share tone-{escape(part.tone)}">')
        body.append(f"<title>{escape(part.title or part.label)}</title>")
        body.append(f'<rect x="{_n(x)}" y="0" width="{_n(width)}" height="28"/>')
        body.append("</g>")
        x += width
    legend_x = 0.0
    for part in parts:
        share = (part.value or 0.0) / total
        text = f"{part.label}: {fmt(part.value or 0.0)} ({share:.0%})"
        body.append(
            f'<g class="legend tone-{escape(part.tone)}"><rect x="{_n(legend_x)}" y="40" '
            f'width="12" height="12" rx="2"/><text x="{_n(legend_x + 18)}" y="50">'
            f"{escape(text)}</text></g>"
        )
        legend_x += WIDTH / max(len(parts), 1)
    return _svg(name, title, 60, body)


def _ticks(low: float, high: float, log: bool, whole: bool) -> list[float]:
    if log:
        first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
        return [10.0**power for power in range(first, last + 1)]
    step = _nice_step(high / 4 if high > 0 else 1.0)
    if whole:
        step = max(1.0, math.ceil(step))
    return [step * i for i in range(0, math.ceil(high / step) + 1)]


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def series_chart(
    name: str,
    title: str,
    points: Sequence[Point],
    tick: Format,
    *,
    log: bool = False,
    whole: bool = False,
) -> Markup:
    """A line across the stages with each point's value written above it; `log` for figures
    that grow by orders of magnitude (cost, users), so the early stages stay readable; `whole`
    for counts, whose axis has no fractions."""
    height, left, right, top_pad, bottom_pad = 240.0, 64.0, 24.0, 28.0, 36.0
    values = [p.value for p in points if p.value is not None and (not log or p.value > 0)]
    if not values:
        values = [1.0]
    low = min(values) if log else 0.0
    high = max(values) if max(values) > 0 else 1.0
    ticks = _ticks(low, high, log, whole)
    low, high = ticks[0], ticks[-1]
    if high == low:
        high = low + 1

    def y_of(value: float) -> float:
        if log:
            share = (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))
        else:
            share = (value - low) / (high - low)
        return height - bottom_pad - share * (height - top_pad - bottom_pad)

    step = (WIDTH - left - right) / max(len(points), 1)
    body: list[str] = []
    for value in ticks:
        y = y_of(value)
        body.append(
            f'<g class="grid"><line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(WIDTH - right)}" '
            f'y2="{_n(y)}"/><text x="{_n(left - 6)}" y="{_n(y + 4)}" text-anchor="end">'
            f"{escape(tick(value))}</text></g>"
        )
    placed: list[tuple[float, float, Point]] = []
    for index, point in enumerate(points):
        x = left + step * (index + 0.5)
        body.append(
            f'<text class="axis-label" x="{_n(x)}" y="{_n(height - bottom_pad + 18)}" '
            f'text-anchor="middle">{escape(point.label)}</text>'
        )
        if point.value is not None and (not log or point.value > 0):
            placed.append((x, y_of(point.value), point))
    if len(placed) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _ in placed)
        body.append(f'<polyline class="series-line" points="{path}"/>')
    for x, y, point in placed:
        body.append(
            f'<g class="series-point"><title>{escape(point.label)}: {escape(point.text)}</title>'
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4.5"/>'
            f'<text x="{_n(x)}" y="{_n(y - 10)}" text-anchor="middle">{escape(point.text)}'
            "</text></g>"
        )
    for index, point in enumerate(points):
        if point.value is None or (log and point.value <= 0):
            x = left + step * (index + 0.5)
            body.append(
                f'<text class="series-missing" x="{_n(x)}" y="{_n(height - bottom_pad - 8)}" '
                f'text-anchor="middle">{escape(point.text)}</text>'
            )
    return _svg(name, title, height, body)
