"""The flowchart's measuring font comes from fontconfig; a missing font fails loudly."""

from __future__ import annotations

import shutil

import pytest

from diklat.sops import fonts
from diklat.sops.layout import text_width

pytestmark = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig (fc-match) is not installed")


def test_dejavu_sans_is_found_through_fontconfig():
    path = fonts.find_font()
    assert path.is_file() and "DejaVuSans" in path.name


def test_widths_are_real_metrics_not_a_guess():
    assert text_width("iiii") < text_width("MMMM")  # a per-character estimate would make them equal
    assert text_width("Berkas", 2.4) == pytest.approx(text_width("Berkas", 4.8) / 2)


def test_a_substitute_font_is_refused():
    with pytest.raises(fonts.FontMissingError, match="fonts-dejavu-core"):
        fonts.find_font("No Such Font Family 123")


def test_missing_fontconfig_is_refused(monkeypatch):
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    with pytest.raises(fonts.FontMissingError, match="fontconfig"):
        fonts.find_font()
