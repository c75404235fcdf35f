"""The one Markdown + sanitiser pipeline."""

from __future__ import annotations

from diklat.common.richtext import markdown_to_html, sanitize, shift_headings


def test_scripts_handlers_and_javascript_links_are_removed():
    html = sanitize('<p onclick="x()">a</p><script>alert(1)</script><a href="javascript:alert(1)">b</a><img src=x>')
    assert "script" not in html and "onclick" not in html and "javascript" not in html and "<img" not in html
    assert "<p>a</p>" in html


def test_links_keep_safe_schemes_with_noopener():
    html = sanitize('<a href="https://jdih.menpan.go.id" target="_blank">PermenPAN</a>')
    assert 'href="https://jdih.menpan.go.id"' in html and 'rel="noopener noreferrer"' in html
    assert "target" not in html


def test_markdown_tables_and_shifted_headings():
    html = markdown_to_html("# Judul\n\n## Bagian\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", heading_shift=1)
    assert "<h2>Judul</h2>" in html and "<h3>Bagian</h3>" in html and "<td>1</td>" in html
    assert "<h1" not in html


def test_raw_html_in_markdown_is_sanitised():
    assert "<script" not in markdown_to_html("Halo <script>alert(1)</script> **tebal**")
    assert "<strong>tebal</strong>" in markdown_to_html("**tebal**")


def test_shift_moves_each_heading_once():
    assert shift_headings("<h1>a</h1><h2>b</h2>", 1) == "<h2>a</h2><h3>b</h3>"
