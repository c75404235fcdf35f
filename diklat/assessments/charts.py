"""Server-side SVG charts (no JavaScript): paired pre→post, score distribution, grouped means; no Flask."""

from __future__ import annotations

import zlib
from html import escape

PRE_COLOUR, POST_COLOUR, AXIS_COLOUR, GRID_COLOUR = "#59636e", "#0b5394", "#1b1f24", "#d0d7de"
DOWN_COLOUR = "#a4161a"


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="chart" aria-labelledby="{_id(title)}-t {_id(title)}-d">'
        f'<title id="{_id(title)}-t">{escape(title)}</title><desc id="{_id(title)}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _id(title: str) -> str:
    return "c" + format(zlib.crc32(title.encode()), "x")


def _x_axis(left: int, right: int, y: int, top: int) -> list[str]:
    """Vertical grid lines and labels every 20 points on a 0–100 scale."""
    out = []
    for value in range(0, 101, 20):
        x = left + (right - left) * value / 100
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{y}" stroke="{GRID_COLOUR}"/>')
        out.append(
            f'<text x="{x:.1f}" y="{y + 16}" font-size="12" text-anchor="middle" fill="{AXIS_COLOUR}">{value}</text>'
        )
    return out


def _legend(x: int, y: int, labels: tuple[str, str]) -> list[str]:
    return [
        f'<circle cx="{x}" cy="{y}" r="5" fill="{PRE_COLOUR}"/>',
        f'<text x="{x + 10}" y="{y + 4}" font-size="12" fill="{AXIS_COLOUR}">{escape(labels[0])}</text>',
        f'<circle cx="{x + 110}" cy="{y}" r="5" fill="{POST_COLOUR}"/>',
        f'<text x="{x + 120}" y="{y + 4}" font-size="12" fill="{AXIS_COLOUR}">{escape(labels[1])}</text>',
    ]


def paired_chart(rows: list[tuple[str, float, float]], title: str, desc: str, labels: tuple[str, str]) -> str:
    """One line per participant from the pre-test score to the post-test score (0–100)."""
    left, right, row_h, top = 60, 520, 18, 34
    height = top + row_h * max(len(rows), 1) + 30
    body = _legend(left, 14, labels) + _x_axis(left, right, height - 26, top - 6)
    for i, (label, pre, post) in enumerate(rows):
        y = top + i * row_h + row_h / 2
        x1, x2 = left + (right - left) * pre / 100, left + (right - left) * post / 100
        colour = POST_COLOUR if post >= pre else DOWN_COLOUR
        body.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="{AXIS_COLOUR}">'
            f"{escape(label)}</text>"
        )
        body.append(f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="2"/>')
        body.append(f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="4" fill="{PRE_COLOUR}"/>')
        body.append(f'<circle cx="{x2:.1f}" cy="{y:.1f}" r="5" fill="{POST_COLOUR}"/>')
    return _svg(540, int(height), title, desc, body)


def histogram_counts(values: list[float], bins: int = 10) -> list[int]:
    """Counts of 0–100 scores in equal bins; 100 falls in the last bin."""
    counts = [0] * bins
    for value in values:
        counts[min(int(value * bins / 100), bins - 1)] += 1
    return counts


def distribution_chart(pre: list[float], post: list[float], title: str, desc: str, labels: tuple[str, str]) -> str:
    """Grouped bars: how many scores fall in each 10-point band, pre beside post."""
    left, bottom, width, height = 40, 230, 500, 190
    pre_counts, post_counts = histogram_counts(pre), histogram_counts(post)
    top = max(pre_counts + post_counts + [1])
    body = _legend(left, 14, labels)
    step = width / 10
    for tick in range(0, top + 1, max(1, top // 5)):
        y = bottom - height * tick / top
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + width}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>')
        body.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="12" text-anchor="end" fill="{AXIS_COLOUR}">{tick}</text>'
        )
    for i in range(10):
        x = left + i * step
        for j, (counts, colour) in enumerate(((pre_counts, PRE_COLOUR), (post_counts, POST_COLOUR))):
            h = height * counts[i] / top
            body.append(
                f'<rect x="{x + 4 + j * (step - 8) / 2:.1f}" y="{bottom - h:.1f}" width="{(step - 8) / 2:.1f}" '
                f'height="{h:.1f}" fill="{colour}"/>'
            )
        body.append(
            f'<text x="{x + step / 2:.1f}" y="{bottom + 16}" font-size="11" text-anchor="middle" '
            f'fill="{AXIS_COLOUR}">{i * 10}–{i * 10 + 10}</text>'
        )
    body.append(f'<line x1="{left}" y1="{bottom}" x2="{left + width}" y2="{bottom}" stroke="{AXIS_COLOUR}"/>')
    return _svg(560, 260, title, desc, body)


def grouped_chart(
    rows: list[tuple[str, float | None, float | None]], title: str, desc: str, labels: tuple[str, str]
) -> str:
    """Horizontal bars per group (module or topic): mean pre and post score, 0–100."""
    left, right, row_h, top = 200, 530, 34, 34
    height = top + row_h * max(len(rows), 1) + 30
    body = _legend(left, 14, labels) + _x_axis(left, right, height - 26, top - 6)
    for i, (label, pre, post) in enumerate(rows):
        y = top + i * row_h
        short = label if len(label) <= 28 else label[:27] + "…"
        body.append(
            f'<text x="{left - 8}" y="{y + row_h / 2 + 4:.1f}" font-size="12" text-anchor="end" '
            f'fill="{AXIS_COLOUR}">{escape(short)}</text>'
        )
        for j, (value, colour) in enumerate(((pre, PRE_COLOUR), (post, POST_COLOUR))):
            if value is None:
                continue
            w = (right - left) * value / 100
            body.append(f'<rect x="{left}" y="{y + 4 + j * 13}" width="{w:.1f}" height="12" fill="{colour}"/>')
    return _svg(550, int(height), title, desc, body)
