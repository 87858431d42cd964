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
    parts: tuple[tuple[str, float], ...] = ()
    """(tone, value) segments splitting the bar, e.g. its fixed and usage-based cost."""


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


LABEL_CHARS = 20
"""Characters of a bar's name that fit left of the bars; longer names end in an ellipsis and
keep their full text in the tooltip."""


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "\u2026"


def bar_chart(
    name: str,
    title: str,
    bars: Sequence[Bar],
    fmt: Format,
    *,
    scale_max: float | None = None,
    markers: Sequence[tuple[float, str]] = (),
    track: bool = False,
    log_ticks: Format | None = None,
) -> Markup:
    """Horizontal bars, one per row; `markers` draw vertical lines (a limit, 100 %); `track`
    draws each bar's full scale behind it (0 to 100 % for utilisation); `log_ticks` lays the
    bars on a log scale with a tick at each power of ten, so a bar a thousand times smaller
    than the largest still shows."""
    drawn = [b.value for b in bars if b.value is not None]
    top = max([scale_max or 0.0, *drawn, *(m[0] for m in markers)]) or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = len(bars) * ROW + 24
    body: list[str] = []
    bottom = 8 + len(bars) * ROW
    positive = [v for v in drawn if v > 0]
    # A decade below the smallest bar, so the smallest still has length.
    low_power = math.floor(math.log10(min(positive))) - 1 if positive else 0
    high_power = math.ceil(math.log10(top)) if top > 0 else 1
    high_power = max(high_power, low_power + 1)

    def length_of(value: float) -> float:
        if log_ticks is None:
            return max(value, 0.0) / top * span
        if value <= 0:
            return 0.0
        share = (math.log10(value) - low_power) / (high_power - low_power)
        return max(share, 0.0) * span

    if log_ticks is not None:
        for power in range(low_power, high_power + 1):
            x = LABEL_WIDTH + length_of(10.0**power) if power > low_power else LABEL_WIDTH
            body.append(
                f'<g class="grid"><line x1="{_n(x)}" y1="2" x2="{_n(x)}" y2="{_n(bottom - 6)}"/>'
                f'<text x="{_n(x)}" y="{_n(bottom + 10)}" text-anchor="middle">'
                f"{escape(log_ticks(10.0**power))}</text></g>"
            )
    for value, label in markers:
        x = LABEL_WIDTH + length_of(value)
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
            f'text-anchor="end">{escape(_short(bar.label))}</text>'
        )
        if track:
            body.append(
                f'<rect class="track" x="{LABEL_WIDTH}" y="{y}" '
                f'width="{_n(length_of(scale_max or top))}" height="{BAR}" rx="2"/>'
            )
        length = 0.0 if bar.value is None else length_of(bar.value)
        if bar.value is not None and bar.parts and (bar.value or 0) > 0:
            x = float(LABEL_WIDTH)
            for tone, value in bar.parts:
                piece = max(length, 1.5) * value / bar.value
                body.append(
                    f'<rect class="part tone-{escape(tone)}" x="{_n(x)}" y="{y}" '
                    f'width="{_n(piece)}" height="{BAR}"/>'
                )
                x += piece
        elif bar.value is not None:
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
