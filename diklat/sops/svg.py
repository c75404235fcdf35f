"""SVG drawing of a flowchart page: the SOP AP table, the five symbols and the arrows.

Pure. Only presentation attributes are used (no ``style``), so the same markup is allowed by the
page's Content-Security-Policy, rendered by WeasyPrint in the PDF and by CairoSVG for the DOCX.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from diklat.sops.flowchart import Arrow, FlowPage
from diklat.sops.layout import FONT, HEADER_TOP, LINE, PAD, Box, Row, wrap

INK = "#000000"
GRID = "#6b6b6b"
HEAD_FILL = "#e8e8e8"
FONT_FAMILY = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
HEADINGS = {
    "no": "No",
    "activity": "Kegiatan",
    "requirements": "Kelengkapan",
    "time": "Waktu",
    "output": "Output",
    "notes": "Keterangan",
}
BRANCH_WORDS = {"yes": "Ya", "no": "Tidak"}


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, content: str, anchor: str = "start", bold: bool = False, size: float = FONT) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" text-anchor="{anchor}"{weight}>'
        f"{escape(content)}</text>"
    )


def _lines(x: float, y: float, lines: list[str], anchor: str = "start", bold: bool = False) -> list[str]:
    return [_text(x, y + PAD + FONT * 0.85 + k * LINE, line, anchor, bold) for k, line in enumerate(lines)]


def _rect(
    x: float, y: float, w: float, h: float, fill: str = "none", stroke: str = GRID, rx: float = 0, width: float = 0.2
) -> str:
    radius = f' rx="{_num(rx)}"' if rx else ""
    return (
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}"{radius} fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{_num(width)}"/>'
    )


def _header(page: FlowPage, actor_names: list[str]) -> list[str]:
    cols, head = page.columns, page.header
    out: list[str] = [_rect(0, 0, page.width, head, fill=HEAD_FILL)]
    lanes = cols.actors
    groups = [
        ("Pelaksana", lanes[0].x, lanes[-1].right),
        ("Mutu Baku", cols.get("requirements").x, cols.get("output").right),
    ]
    for title, x0, x1 in groups:
        out.append(_rect(x0, 0, x1 - x0, HEADER_TOP))
        out.append(_text((x0 + x1) / 2, HEADER_TOP / 2 + FONT * 0.35, title, "middle", bold=True))
    for key in ("no", "activity", "notes"):
        col = cols.get(key)
        out.append(_rect(col.x, 0, col.width, head))
        out.append(_text(col.center, head / 2 + FONT * 0.35, HEADINGS[key], "middle", bold=True))
    for key in ("requirements", "time", "output"):
        col = cols.get(key)
        out.append(_rect(col.x, HEADER_TOP, col.width, head - HEADER_TOP))
        out.append(_text(col.center, (HEADER_TOP + head) / 2 + FONT * 0.35, HEADINGS[key], "middle", bold=True))

    for lane, name in zip(lanes, actor_names or ["—"], strict=False):
        out.append(_rect(lane.x, HEADER_TOP, lane.width, head - HEADER_TOP))
        out += _lines(lane.center, HEADER_TOP, wrap(name, lane.width - 2 * PAD), "middle", bold=True)
    return out


def _row(page: FlowPage, row: Row) -> list[str]:
    out: list[str] = []
    for col in page.columns.all:
        out.append(_rect(col.x, row.y, col.width, row.height))
    if row.step is None:
        return out
    for key, lines in row.cells.items():
        col = page.columns.get(key)
        if key in ("no", "time"):
            out += _lines(col.center, row.y, lines, "middle")
        else:
            out += _lines(col.x + PAD, row.y, lines)
    return out


def _symbol(box: Box) -> str:
    w, h = box.x1 - box.x0, box.y1 - box.y0
    stroke = f'fill="#ffffff" stroke="{INK}" stroke-width="0.35"'
    if box.kind in ("start", "end"):
        return (
            f'<rect x="{_num(box.x0)}" y="{_num(box.y0)}" width="{_num(w)}" height="{_num(h)}" '
            f'rx="{_num(h / 2)}" {stroke}/>'
        )
    if box.kind == "decision":
        pts = [(box.cx, box.y0), (box.x1, box.cy), (box.cx, box.y1), (box.x0, box.cy)]
    elif box.kind == "connector":
        pts = [
            (box.x0, box.y0),
            (box.x1, box.y0),
            (box.x1, box.y0 + h * 0.55),
            (box.cx, box.y1),
            (box.x0, box.y0 + h * 0.55),
        ]
    else:
        return f'<rect x="{_num(box.x0)}" y="{_num(box.y0)}" width="{_num(w)}" height="{_num(h)}" {stroke}/>'
    points = " ".join(f"{_num(x)},{_num(y)}" for x, y in pts)
    shape = f'<polygon points="{points}" {stroke}/>'
    if box.kind == "connector":
        shape += _text(box.cx, box.y0 + h * 0.5, box.label, "middle", bold=True)
    return shape


def _arrow(arrow: Arrow) -> list[str]:
    points = " ".join(f"{_num(x)},{_num(y)}" for x, y in arrow.points)
    out = [f'<polyline points="{points}" fill="none" stroke="{INK}" stroke-width="0.3"/>']
    (x0, y0), (x1, y1) = arrow.points[-2], arrow.points[-1]
    dx, dy = (x1 > x0) - (x1 < x0), (y1 > y0) - (y1 < y0)
    size, half = 1.5, 0.75
    base = (x1 - dx * size, y1 - dy * size)
    left = (base[0] - dy * half, base[1] + dx * half)
    right = (base[0] + dy * half, base[1] - dx * half)
    tri = " ".join(f"{_num(x)},{_num(y)}" for x, y in ((x1, y1), left, right))
    out.append(f'<polygon points="{tri}" fill="{INK}" stroke="none"/>')
    if arrow.label and arrow.label_at:
        x, y, anchor = arrow.label_at
        out.append(_text(x, y, BRANCH_WORDS[arrow.label], anchor, size=FONT * 0.9))
    return out


def render_page(page: FlowPage, actor_names: list[str], title: str = "", html_id: str = "") -> str:
    """One page of the flowchart as a standalone SVG element sized in millimetres."""
    width, height = _num(page.width + 0.4), _num(page.height + 0.4)
    label = escape(title or f"Diagram alir, halaman {page.number} dari {page.count}")
    ident = f' id="{escape(html_id)}"' if html_id else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg"{ident} class="sop-flowchart" role="img" '
        f'width="{width}mm" height="{height}mm" viewBox="-0.2 -0.2 {width} {height}" '
        f'font-family="{FONT_FAMILY}" fill="{INK}">',
        f"<title>{label}</title>",
        '<rect x="-0.2" y="-0.2" width="100%" height="100%" fill="#ffffff"/>',
    ]
    parts += _header(page, actor_names)
    for row in page.rows:
        parts += _row(page, row)
    for arrow in page.arrows:
        parts += _arrow(arrow)
    parts += [_symbol(box) for box in page.boxes]
    parts.append("</svg>")
    return "\n".join(parts)
