"""The flowchart of an SOP as page segments of the SOP AP table, with orthogonally routed arrows.

Pure. :func:`build_pages` lays out every page (rows, symbols, off-page connectors) and routes each
arrow through the free gaps: the band below its source, a vertical channel in a lane margin and the
band above its target. Symbols never share a row, so those gaps are always free of symbols.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field

from diklat.sops.document import SopDocument
from diklat.sops.layout import (
    CONNECTOR_ROW,
    PAGE_HEIGHT,
    SIDE_MARGIN,
    SYMBOL,
    Box,
    Columns,
    Row,
    columns_for,
    header_height,
    paginate,
    row_height,
    step_cells,
    symbol_width,
)

# The official format's own words: the printed SOP is an Indonesian government document.
UNIT_WORDS = {"minutes": "menit", "hours": "jam", "days": "hari kerja"}
CONNECTOR_W = 6.0


@dataclass
class Arrow:
    """An arrow as an orthogonal polyline from a source symbol to a target symbol."""

    points: list[tuple[float, float]]
    source: str
    target: str
    label: str = ""  # "yes" | "no" | ""
    label_at: tuple[float, float, str] | None = None  # x, y, anchor


@dataclass
class FlowPage:
    """One page of the flowchart table."""

    number: int
    count: int
    width: float
    height: float
    columns: Columns
    header: float
    rows: list[Row] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)


def time_text(value: float | None, unit: str) -> str:
    """'15 menit', '1,5 jam': the Waktu column."""
    if value is None:
        return ""
    number = f"{value:g}".replace(".", ",")
    return f"{number} {UNIT_WORDS.get(unit, unit)}"


def build_pages(doc: SopDocument, available: float = PAGE_HEIGHT) -> list[FlowPage]:
    """Lay out and route the whole flowchart, split into pages."""
    cols = columns_for(len(doc.actors))
    head = header_height(doc, cols)
    cells = [step_cells(doc, i, cols, time_text(s.time_value, s.time_unit)) for i, s in enumerate(doc.steps)]
    heights = [row_height(s.kind, cells[i]) for i, s in enumerate(doc.steps)]
    groups = paginate(heights, head, available)
    page_of = {i: p for p, group in enumerate(groups) for i in group}
    edges, incoming, outgoing = _split_edges(doc, page_of)
    pages = []
    for p, group in enumerate(groups):
        page = FlowPage(p + 1, len(groups), cols.all[-1].right, 0.0, cols, head)
        _place_rows(page, doc, group, cells, heights, incoming.get(p, []), outgoing.get(p, []))
        _Router(page).route_all(edges.get(p, []))
        pages.append(page)
    return pages


def _split_edges(doc: SopDocument, page_of: dict[int, int]) -> tuple[dict, dict, dict]:
    """Edges per page; an edge crossing pages becomes source → out-connector and in-connector → target."""
    letters: dict[int, str] = {}
    edges: dict[int, list[tuple[str, str, str]]] = {}
    incoming: dict[int, list[tuple[str, int]]] = {}
    outgoing: dict[int, list[tuple[str, int]]] = {}
    for i, j, label in doc.edges():
        src, dst = doc.steps[i].uid, doc.steps[j].uid
        if page_of[i] == page_of[j]:
            edges.setdefault(page_of[i], []).append((src, dst, label))
            continue
        letter = letters.setdefault(j, string.ascii_uppercase[len(letters) % 26])
        out_key, in_key = f"out-{letter}", f"in-{letter}"
        if out_key not in [k for k, _ in outgoing.get(page_of[i], [])]:
            outgoing.setdefault(page_of[i], []).append((out_key, i))
        if in_key not in [k for k, _ in incoming.get(page_of[j], [])]:
            incoming.setdefault(page_of[j], []).append((in_key, j))
            edges.setdefault(page_of[j], []).append((in_key, dst, ""))
        edges.setdefault(page_of[i], []).append((src, out_key, label))
    return edges, incoming, outgoing


def _lane(doc: SopDocument, index: int) -> int:
    actor = doc.steps[index].actor
    return doc.actors.index(actor) if actor in doc.actors else 0


def _place_rows(
    page: FlowPage,
    doc: SopDocument,
    group: list[int],
    cells: list[dict],
    heights: list[float],
    incoming: list[tuple[str, int]],
    outgoing: list[tuple[str, int]],
) -> None:
    y = page.header
    if incoming:
        y = _connector_row(page, doc, y, incoming)
    width = symbol_width(page.columns)
    for i in group:
        row = Row(y, heights[i], step=i, cells=cells[i])
        page.rows.append(row)
        kind = doc.steps[i].kind
        lane = page.columns.actors[_lane(doc, i)]
        h = SYMBOL[kind]
        top = y + (row.height - h) / 2
        page.boxes.append(
            Box(
                kind,
                lane.center - width / 2,
                top,
                lane.center + width / 2,
                top + h,
                _lane(doc, i),
                key=doc.steps[i].uid,
            )
        )
        y += row.height
    if outgoing:
        y = _connector_row(page, doc, y, outgoing)
    page.height = y


def _connector_row(page: FlowPage, doc: SopDocument, y: float, connectors: list[tuple[str, int]]) -> float:
    """A row of off-page connectors, each in the lane of the step it stands for, side by side if needed."""
    page.rows.append(Row(y, CONNECTOR_ROW))
    lanes = page.columns.actors
    capacity = max(1, int((lanes[0].width - 2 * SIDE_MARGIN + 1) // (CONNECTOR_W + 1)))
    per_lane: dict[int, list[str]] = {}
    for key, step in connectors:
        want = _lane(doc, step)
        lane_index = min(range(len(lanes)), key=lambda c: (len(per_lane.get(c, [])) >= capacity, abs(c - want)))
        per_lane.setdefault(lane_index, []).append(key)
    h = SYMBOL["connector"]
    top = y + (CONNECTOR_ROW - h) / 2
    for lane_index, keys in per_lane.items():
        lane = lanes[lane_index]
        span = len(keys) * CONNECTOR_W + (len(keys) - 1)
        left = lane.center - span / 2
        for slot, key in enumerate(keys):
            x0 = left + slot * (CONNECTOR_W + 1)
            page.boxes.append(
                Box("connector", x0, top, x0 + CONNECTOR_W, top + h, lane_index, key=key, label=key.split("-", 1)[1])
            )
    return y + CONNECTOR_ROW


def segment_hits_box(p: tuple[float, float], q: tuple[float, float], box: Box, eps: float = 0.05) -> bool:
    """Whether the axis-parallel segment p–q passes through the inside of ``box``."""
    x0, y0, x1, y1 = box.x0 + eps, box.y0 + eps, box.x1 - eps, box.y1 - eps
    lo_x, hi_x = sorted((p[0], q[0]))
    lo_y, hi_y = sorted((p[1], q[1]))
    return lo_x < x1 and hi_x > x0 and lo_y < y1 and hi_y > y0


class _Router:
    """Routes arrows on one page, keeping parallel vertical runs in separate tracks."""

    def __init__(self, page: FlowPage) -> None:
        self.page = page
        self.boxes = {b.key: b for b in page.boxes}
        self.row_of = {}
        for b in page.boxes:
            self.row_of[b.key] = next(r for r in page.rows if r.y <= b.cy <= r.bottom)
        self.exits: dict[str, set[str]] = {}
        self.tracks: dict[tuple[int, str, int], list[tuple[float, float]]] = {}
        self.track_count = max(1, int((SIDE_MARGIN - 2.0) / 0.8) + 1)

    def route_all(self, edges: list[tuple[str, str, str]]) -> None:
        """Route every edge; an edge to the very next row gets its source's bottom exit first."""
        rows = self.page.rows

        def adjacent(edge: tuple[str, str, str]) -> bool:
            return rows.index(self.row_of[edge[1]]) == rows.index(self.row_of[edge[0]]) + 1

        for source, target, label in sorted(edges, key=lambda e: not adjacent(e)):
            self.route(source, target, label)

    def route(self, source: str, target: str, label: str) -> None:
        """Add the arrow source → target."""
        a, b = self.boxes[source], self.boxes[target]
        ra, rb = self.row_of[source], self.row_of[target]
        used = self.exits.setdefault(source, set())
        y_in = (rb.y + b.y0) / 2
        if rb.y > ra.y and "bottom" not in used:
            used.add("bottom")
            y_out = (a.y1 + ra.bottom) / 2
            points = [(a.cx, a.y1), (a.cx, y_out)]
            if self._clear((b.cx, y_out), (b.cx, b.y0), {target}):
                points += [(b.cx, y_out), (b.cx, b.y0)]
            else:
                side = "r" if b.column >= a.column else "l"
                x = self._channel(a.column, side, y_out, y_in)
                points += [(x, y_out), (x, y_in), (b.cx, y_in), (b.cx, b.y0)]
            label_at = (a.cx + 0.8, a.y1 + 2.4, "start")
        else:
            side = "l" if (b.column < a.column or "right" in used) and "left" not in used else "r"
            used.add("left" if side == "l" else "right")
            start = (a.x0, a.cy) if side == "l" else (a.x1, a.cy)
            x = self._channel(a.column, side, a.cy, y_in)
            points = [start, (x, a.cy), (x, y_in), (b.cx, y_in), (b.cx, b.y0)]
            label_at = (a.x0 - 0.5, a.cy - 0.8, "end") if side == "l" else (a.x1 + 0.5, a.cy - 0.8, "start")
        arrow = Arrow(_simplify(points), source, target, label, label_at if label else None)
        self.page.arrows.append(arrow)

    def _clear(self, p: tuple[float, float], q: tuple[float, float], allowed: set[str]) -> bool:
        return not any(segment_hits_box(p, q, box) for key, box in self.boxes.items() if key not in allowed)

    def _channel(self, column: int, side: str, y0: float, y1: float) -> float:
        """x of a free vertical track in the margin of lane ``column`` on ``side``."""
        lane = self.page.columns.actors[column]
        lo, hi = sorted((y0, y1))
        for k in range(self.track_count):
            spans = self.tracks.setdefault((column, side, k), [])
            if all(hi < s0 - 0.6 or lo > s1 + 0.6 for s0, s1 in spans):
                spans.append((lo, hi))
                break
        else:
            k = self.track_count - 1
        offset = 1.6 + 0.8 * k
        return lane.right - offset if side == "r" else lane.x + offset


def _simplify(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[tuple[float, float]] = []
    for p in points:
        p = (round(p[0], 2), round(p[1], 2))
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    return out


__all__ = ["CONNECTOR_ROW", "Arrow", "FlowPage", "build_pages", "segment_hits_box", "time_text"]
