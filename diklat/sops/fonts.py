"""The font the flowchart is measured with, found through fontconfig (``fc-match``) like WeasyPrint finds it.

No silent fallback: a missing font raises :class:`FontMissingError` naming the package to install, because
measuring with guessed widths would break lines differently from the printed PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FAMILY = "DejaVu Sans"
PACKAGE = "fonts-dejavu-core"
MEASURE_SIZE = 100  # points; widths are scaled from this size


class FontMissingError(RuntimeError):
    """The measuring font is not installed (or fontconfig is missing)."""


def find_font(family: str = FAMILY) -> Path:
    """The file of ``family`` as fontconfig resolves it; raises when fontconfig offers only a substitute."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissingError(f"fontconfig (fc-match) is not installed; install fontconfig and {PACKAGE}")
    result = subprocess.run(
        [fc_match, "--format=%{family}|%{file}", family], capture_output=True, text=True, timeout=10, check=False
    )
    found_family, _, file = result.stdout.partition("|")
    if result.returncode != 0 or family not in found_family.split(",") or not Path(file).is_file():
        raise FontMissingError(f"font {family!r} not found by fontconfig (got {found_family!r}); install {PACKAGE}")
    return Path(file)


@lru_cache(maxsize=1)
def measuring_font() -> ImageFont.FreeTypeFont:
    """DejaVu Sans at :data:`MEASURE_SIZE` points, loaded once per process."""
    return ImageFont.truetype(str(find_font()), MEASURE_SIZE)
