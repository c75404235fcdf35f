"""Geometry of the SOP AP flowchart table: columns, rows, page breaks and symbol boxes (millimetres).

Pure. One step per row; its symbol sits in its actor's column with free bands above and below
and free margins left and right, so arrows can run in those gaps without crossing any symbol.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diklat.sops.document import SopDocument
from diklat.sops.fonts import MEASURE_SIZE, measuring_font

PAGE_WIDTH = 277.0  # A4 landscape minus 10 mm margins
PAGE_HEIGHT = 178.0  # one flowchart page: A4 landscape minus margins, title line and page number
FONT = 2.4  # text size in mm (about 6.8 pt)
LINE = 3.0
PAD = 1.2
HEADER_TOP = 6.0
CONNECTOR_ROW = 11.0
FIXED = {"no": 7.0, "activity": 56.0, "requirements": 40.0, "time": 15.0, "output": 30.0, "notes": 26.0}
SYMBOL = {"start": 7.0, "process": 7.0, "end": 7.0, "decision": 10.0, "connector": 6.0}
MIN_BAND = 3.0
SIDE_MARGIN = 4.0


def text_width(text: str, size: float = FONT) -> float:
    """Width of ``text`` in mm at ``size`` mm, with DejaVu Sans metrics (the font the PDF is set in)."""
    return measuring_font().getlength(text) / MEASURE_SIZE * size


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` mm (long words are cut)."""
    lines: list[str] = []
    for paragraph in (text or "").splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            while text_width(word, size) > width and len(word) > 1:
                cut = max(1, int(len(word) * width / text_width(word, size)) - 1)
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{line} {word}".strip()
            if text_width(candidate, size) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


@dataclass
class Column:
    """A table column: key, left edge and width."""

    key: str
    x: float
    width: float

    @property
    def right(self) -> float:
        """Right edge."""
        return self.x + self.width

    @property
    def center(self) -> float:
        """Horizontal centre."""
        return self.x + self.width / 2


@dataclass
class Box:
    """A symbol: what it is, its box and the column it sits in."""

    kind: str  # start | process | decision | end | connector
    x0: float
    y0: float
    x1: float
    y1: float
    column: int
    key: str = ""  # step uid, or connector id
    label: str = ""  # connector letter

    @property
    def cx(self) -> float:
        """Centre x."""
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        """Centre y."""
        return (self.y0 + self.y1) / 2


@dataclass
class Row:
    """A table row: a step (with its text lines) or a row of off-page connectors."""

    y: float
    height: float
    step: int | None = None  # index in the document, None for a connector row
    cells: dict[str, list[str]] = field(default_factory=dict)

    @property
    def bottom(self) -> float:
        """Lower edge."""
        return self.y + self.height


@dataclass
class Columns:
    """All columns of the table and the actor (swimlane) columns."""

    all: list[Column]
    actors: list[Column]

    def get(self, key: str) -> Column:
        """A fixed column by key."""
        return next(c for c in self.all if c.key == key)


def columns_for(actor_count: int) -> Columns:
    """Column geometry for ``actor_count`` swimlanes (at least one)."""
    n = max(actor_count, 1)
    fixed_total = sum(FIXED.values())
    lane = min(28.0, max(16.0, (PAGE_WIDTH - fixed_total) / n))
    widths = dict(FIXED)
    widths["activity"] = max(40.0, PAGE_WIDTH - (fixed_total - FIXED["activity"]) - lane * n)
    cols: list[Column] = []
    x = 0.0
    for key in ("no", "activity"):
        cols.append(Column(key, x, widths[key]))
        x += widths[key]
    lanes = []
    for i in range(n):
        lanes.append(Column(f"actor-{i}", x, lane))
        x += lane
    cols += lanes
    for key in ("requirements", "time", "output", "notes"):
        cols.append(Column(key, x, widths[key]))
        x += widths[key]
    return Columns(cols, lanes)


def symbol_width(cols: Columns) -> float:
    """Width of process and decision symbols: the lane minus free margins on both sides."""
    return min(16.0, cols.actors[0].width - 2 * SIDE_MARGIN)


def header_height(doc: SopDocument, cols: Columns) -> float:
    """Height of the two header rows (actor names may wrap)."""
    lines = max([len(wrap(a, cols.actors[0].width - 2 * PAD)) for a in doc.actors] or [1])
    return HEADER_TOP + max(6.0, lines * LINE + 2 * PAD)


def step_cells(doc: SopDocument, index: int, cols: Columns, time_text: str) -> dict[str, list[str]]:
    """Wrapped text of each text cell of a step row."""
    step = doc.steps[index]
    texts = {
        "no": str(index + 1),
        "activity": step.activity,
        "requirements": step.requirements,
        "time": time_text,
        "output": step.output,
        "notes": step.notes,
    }
    return {key: wrap(text, cols.get(key).width - 2 * PAD) for key, text in texts.items()}


def row_height(kind: str, cells: dict[str, list[str]]) -> float:
    """Tall enough for the text and for the symbol with its free bands."""
    lines = max((len(v) for v in cells.values()), default=1)
    return max(lines * LINE + 2 * PAD, SYMBOL[kind] + 2 * MIN_BAND)


def paginate(heights: list[float], first_top: float, available: float = PAGE_HEIGHT) -> list[list[int]]:
    """Split row indexes into pages. When the table breaks, every page keeps room for a row of
    incoming connectors at the top and one of outgoing connectors at the bottom (loops may go back)."""
    if first_top + sum(heights) <= available:
        return [list(range(len(heights)))]
    room = available - first_top - 2 * CONNECTOR_ROW
    pages: list[list[int]] = [[]]
    used = 0.0
    for i, h in enumerate(heights):
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0.0
        pages[-1].append(i)
        used += h
    return pages
