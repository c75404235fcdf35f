"""Server-side SVG line charts (no JavaScript): pure, returns markup as a string.

Only presentation attributes are used (no ``style`` attributes), so the charts pass the CSP and
render the same in the browser and in WeasyPrint.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from diklat.common.formatting import compact

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 64
COLOURS = ("#0b5394", "#b34700", "#1e6b34")
DASHES = ("", "6 3", "2 3")


@dataclass(frozen=True)
class Series:
    """A named line; ``None`` values leave a gap."""

    name: str
    values: list[float | None]


@dataclass(frozen=True)
class Marker:
    """A horizontal reference line (baseline average, promised time)."""

    label: str
    value: float
    colour: str = "#4a5561"
    dash: str = "8 4"


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 × 10^k)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return float(candidate)
    return float(10 ** (exponent + 1))  # pragma: no cover


def _fmt(value: float) -> str:
    """An axis label in the reader's way: "2,5", "10"."""
    return compact(value, 1)


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    x_labels: list[str],
    series: list[Series],
    markers: list[Marker] = (),
    split_at: int | None = None,
    split_label: str = "",
    baseline_label: str = "",
) -> str:
    """An SVG line chart; months before ``split_at`` are shaded as the baseline period."""
    count = max(len(x_labels), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [v for s in series for v in s.values if v is not None] + [m.value for m in markers]
    top = nice_max(max(values) * 1.1 if values else 1)

    def x(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / count)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    if split_at is not None and split_at > 0:
        parts.append(
            f'<rect x="{LEFT}" y="{TOP}" width="{plot_w * split_at / count:.1f}" height="{plot_h}" fill="#eef1f4"/>'
        )
        parts.append(f'<text x="{LEFT + 4}" y="{TOP + 12}" fill="#4a5561">{escape(baseline_label)}</text>')
    parts += _grid(top, plot_w, y)
    if split_at is not None and 0 < split_at < count:
        sx = LEFT + plot_w * split_at / count
        parts.append(
            f'<line x1="{sx:.1f}" y1="{TOP}" x2="{sx:.1f}" y2="{TOP + plot_h}" stroke="#1b1f24" stroke-width="1.5"/>'
        )
        parts.append(f'<text x="{sx + 4:.1f}" y="{TOP + 12}" fill="#1b1f24">{escape(split_label)}</text>')
    for marker in markers:
        my = y(marker.value)
        parts.append(
            f'<line x1="{LEFT}" y1="{my:.1f}" x2="{LEFT + plot_w}" y2="{my:.1f}" stroke="{marker.colour}" '
            f'stroke-width="2" stroke-dasharray="{marker.dash}"/>'
        )
    for index, line in enumerate(series):
        parts += _series(line, index, x, y)
    parts += _x_axis(x_labels, x, plot_h)
    parts += _legend(series, markers)
    parts.append("</svg>")
    return "".join(parts)


def _grid(top: float, plot_w: float, y) -> list[str]:  # noqa: ANN001
    out = []
    for step in range(5):
        value = top * step / 4
        gy = y(value)
        out.append(
            f'<line x1="{LEFT}" y1="{gy:.1f}" x2="{LEFT + plot_w}" y2="{gy:.1f}" stroke="#c9d1d9" stroke-width="1"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end" fill="#4a5561">{_fmt(value)}</text>')
    return out


def _series(line: Series, index: int, x, y) -> list[str]:  # noqa: ANN001
    colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
    out, segment = [], []
    for i, value in enumerate([*line.values, None]):
        if value is None:
            if len(segment) > 1:
                dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
                out.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
                )
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(value):.1f}")
        out.append(f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="3.5" fill="{colour}"/>')
    return out


def _x_axis(labels: list[str], x, plot_h: float) -> list[str]:  # noqa: ANN001
    every = max(1, math.ceil(len(labels) / 12))
    out = [f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" stroke="#1b1f24"/>']
    for i, label in enumerate(labels):
        if i % every == 0:
            out.append(
                f'<text x="{x(i):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" fill="#1b1f24">{escape(label)}</text>'
            )
    return out


def _legend(series: list[Series], markers: list[Marker]) -> list[str]:
    items = [(s.name, COLOURS[i % len(COLOURS)], DASHES[i % len(DASHES)], "2.5") for i, s in enumerate(series)]
    items += [(m.label, m.colour, m.dash, "2") for m in markers]
    out, lx, ly = [], LEFT, HEIGHT - 28
    for label, colour, dash, width in items:
        size = 36 + 6.5 * len(label)
        if lx > LEFT and lx + size > WIDTH - RIGHT:
            lx, ly = LEFT, ly + 16
        dash_attr = f" stroke-dasharray={quoteattr(dash)}" if dash else ""
        out.append(
            f'<line x1="{lx:.0f}" y1="{ly}" x2="{lx + 22:.0f}" y2="{ly}" stroke={quoteattr(colour)} '
            f'stroke-width="{width}"{dash_attr}/>'
        )
        out.append(f'<text x="{lx + 26:.0f}" y="{ly + 4}" fill="#1b1f24">{escape(label)}</text>')
        lx += size
    return out
