"""Flowchart geometry: symbols in their lanes, orthogonal arrows that never cross a symbol, page breaks."""

from __future__ import annotations

import pytest

from diklat.sops.demo_content import SOPS
from diklat.sops.flowchart import build_pages, segment_hits_box
from diklat.sops.layout import Box, wrap
from diklat.sops.svg import render_page
from tests.sops.helpers import good_document, random_document


def demo_documents():
    from datetime import date

    from diklat.sops.demo import build_document

    return [build_document(spec, i, date(2026, 5, 7), None) for i, spec in enumerate(SOPS.values(), 1)]


def assert_clean(pages) -> None:
    for page in pages:
        for arrow in page.arrows:
            assert len(arrow.points) >= 2
            for p, q in zip(arrow.points, arrow.points[1:], strict=False):
                assert p[0] == q[0] or p[1] == q[1], f"diagonal segment {p}–{q}"
                for box in page.boxes:
                    assert not segment_hits_box(p, q, box), f"{arrow.source}->{arrow.target} crosses {box.key}"
        for a in page.boxes:  # symbols never overlap each other or leave the table
            assert a.x0 >= 0 and a.x1 <= page.width and page.header <= a.y0 and a.y1 <= page.height
            for b in page.boxes:
                if a is not b:
                    assert not segment_hits_box((a.x0, a.cy), (a.x1, a.cy), b)


def test_good_document_layout():
    doc = good_document()
    pages = build_pages(doc)
    assert len(pages) == 1
    page = pages[0]
    kinds = {b.key: b.kind for b in page.boxes}
    assert kinds == {
        "a": "start",
        "b": "process",
        "c": "decision",
        "d": "process",
        "e": "process",
        "f": "process",
        "g": "end",
    }
    lanes = {b.key: b.column for b in page.boxes}
    assert lanes["a"] == 0 and lanes["e"] == 2 and lanes["f"] == 4
    labels = {(a.source, a.target): a.label for a in page.arrows}
    assert labels[("c", "e")] == "yes" and labels[("c", "d")] == "no"
    assert ("d", "a") in labels  # the loop back is drawn
    assert_clean(pages)


def test_decision_branches_leave_from_different_corners():
    page = build_pages(good_document())[0]
    starts = {a.label: a.points[0] for a in page.arrows if a.source == "c"}
    assert starts["yes"] != starts["no"]


@pytest.mark.parametrize("index", range(6))
def test_demo_sops_are_drawn_cleanly(index):
    assert_clean(build_pages(demo_documents()[index]))


@pytest.mark.parametrize("seed", range(60))
def test_random_sops_never_cross_symbols(seed):
    doc = random_document(seed)
    pages = build_pages(doc)
    assert_clean(pages)
    drawn = sum(1 for p in pages for b in p.boxes if b.kind != "connector")
    assert drawn == len(doc.steps)


@pytest.mark.parametrize("actors", [1, 3, 7])
def test_long_sop_breaks_across_pages_with_connectors(actors):
    doc = random_document(99, n_steps=40, n_actors=actors)
    pages = build_pages(doc)
    assert len(pages) >= 3
    assert_clean(pages)
    letters_out = {b.label for p in pages for b in p.boxes if b.key.startswith("out-")}
    letters_in = {b.label for p in pages for b in p.boxes if b.key.startswith("in-")}
    assert letters_out and letters_out == letters_in
    for page in pages:
        assert page.height <= 178.0 + 0.01


def test_svg_uses_only_the_five_symbols_and_no_style_attribute():
    doc = random_document(7, n_steps=40, n_actors=4)
    svgs = [render_page(p, doc.actors) for p in build_pages(doc)]
    text = "\n".join(svgs)
    assert "style=" not in text and "<script" not in text
    assert text.count("<polygon") > 0 and "rx=" in text  # diamonds/connectors/arrowheads and capsules
    import cairosvg

    png = cairosvg.svg2png(bytestring=svgs[0].encode())
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_text_is_escaped_in_svg():
    doc = good_document()
    doc.steps[0].activity = "<script>alert(1)</script> & co"
    svg = render_page(build_pages(doc)[0], doc.actors)
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_wrap_keeps_lines_within_width():
    from diklat.sops.layout import text_width

    lines = wrap("Memverifikasi data usaha dan dokumen pendukung secara menyeluruh " * 3, 30)
    assert len(lines) > 3 and all(text_width(line) <= 30 for line in lines)
    assert wrap("Supercalifragilisticexpialidocious" * 3, 10)


def test_segment_hits_box():
    box = Box("process", 10, 10, 20, 20, 0)
    assert segment_hits_box((0, 15), (30, 15), box)
    assert not segment_hits_box((0, 20), (30, 20), box)  # along the edge only
    assert not segment_hits_box((15, 0), (15, 10), box)  # ends on the top edge
