"""Indonesian mode: no figure written with a decimal point anywhere a facilitator, a mentor or a participant looks.

Every page each demo role reaches by following links is scanned, and every PDF, DOCX, CSV and XLSX download linked
from those pages: a PDF through the HTML that WeasyPrint lays out, a DOCX through its paragraphs and tables, an XLSX
through its text cells (numbers belong in number cells). Indonesian writes "72,5"; "72.5" is the English way.
"""

from __future__ import annotations

import html as html_lib
import io
import re
from urllib.parse import urldefrag

import pytest
import weasyprint
from docx import Document
from openpyxl import load_workbook

from diklat.demo import run_demo_seed
from tests.crawl import crawl, shape_of

ROLES = {
    "facilitator": "fasilitator@diklat.example",
    "mentor": "mentor@diklat.example",
    "participant": "peserta01@diklat.example",
}
# A number with one or two digits after a point, not part of a longer dotted chain (an IP address, a version
# "1.2.3", a date "8.12.2026") and not glued to a letter ("v1.2"). Three digits after the point are Indonesian
# thousands ("1.234"), so they are left alone.
POINT_DECIMAL = re.compile(r"(?<![\w.,])\d+\.\d{1,2}(?![\w.,])")
TIME = re.compile(r"([01]\d|2[0-3])\.[0-5]\d")  # Indonesian clock time, always two-digit hours: "13.45", "06.06"
EXPORT_RE = re.compile(r'href="(/[^"#]*?\.(?:pdf|docx|csv|xlsx)(?:\?[^"#]*)?)"')


def decimals(text: str) -> list[str]:
    """Numbers written with a decimal point, leaving out Indonesian clock times."""
    return [n for n in POINT_DECIMAL.findall(text) if not TIME.fullmatch(n)]


def visible_text(page: str) -> str:
    """What a reader sees, a chart's labels included: scripts, styles, tags and attributes removed; and no ``<code>``,
    which shows syntax to type as it must be typed (GIFT's ``{#3.5:0.1}`` takes a point in every language)."""
    page = re.sub(r"<(script|style|template|code)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", page))


def docx_text(data: bytes) -> str:
    """Paragraphs, table cells, headers and footers of a DOCX."""
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def xlsx_text(data: bytes) -> str:
    """The text cells of a workbook (number and date cells are typed and carry their own formats)."""
    workbook = load_workbook(io.BytesIO(data))
    return "\n".join(
        cell.value for sheet in workbook for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Rata-rata 72.5 dari 100", ["72.5"]),
        ("NRR 3.03", ["3.03"]),
        ("Rata-rata 72,5; pukul 13.45; 1.234 peserta", []),
        ("v1.2, 10.0.0.1, 8.12.2026, NIP 198507122010011002", []),
    ],
)
def test_the_scan_tells_decimals_from_times_thousands_and_versions(text, found):
    assert decimals(text) == found


@pytest.fixture()
def pdf_sources(monkeypatch) -> list[str]:
    """The HTML of every PDF WeasyPrint lays out during the test (its text is exactly what the PDF shows)."""
    sources: list[str] = []
    real = weasyprint.HTML

    def recording(*args, string: str | None = None, **kwargs):
        if string is not None:
            sources.append(string)
        return real(*args, string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", recording)
    return sources


def _scan_download(client, url: str, pdf_sources: list[str]) -> tuple[str, list[str]] | None:
    before = len(pdf_sources)
    response = client.raw.get(url, headers={"Accept-Language": "id"})
    if response.status_code != 200:
        return None
    data, mimetype = response.data, response.mimetype
    if mimetype == "application/pdf":
        text = " ".join(visible_text(source) for source in pdf_sources[before:])
    elif mimetype.endswith("wordprocessingml.document"):
        text = docx_text(data)
    elif mimetype.endswith("spreadsheetml.sheet"):
        text = xlsx_text(data)
    else:
        text = data.decode("utf-8-sig")
    return mimetype, decimals(text)


def test_no_decimal_point_on_any_indonesian_page_or_download(app_ctx, client, pdf_sources):
    cohort_id = run_demo_seed().cohort.id
    problems: list[str] = []
    downloads: dict[str, str] = {}
    reached: dict[str, int] = {}
    for role, email in ROLES.items():
        client.login(email)

        def scan(url: str, page: str, role: str = role) -> None:
            found = decimals(visible_text(page))
            if found:
                problems.append(f"{role} {url}: {found[:5]}")
            for link in EXPORT_RE.findall(page):
                link = urldefrag(html_lib.unescape(link))[0]
                downloads.setdefault(shape_of(link), link)

        reached[role] = len(crawl(client, ["/", f"/cohorts/{cohort_id}"], per_shape=1, on_page=scan))
        kinds = set()
        for url in list(downloads.values()):
            result = _scan_download(client, url, pdf_sources)
            if result is None:
                continue
            kinds.add(result[0])
            if result[1]:
                problems.append(f"{role} {url}: {result[1][:5]}")
        downloads.clear()
        reached[role] += len(kinds)
        client.logout()
    assert all(n > 10 for n in reached.values()), reached
    assert pdf_sources, "no PDF was reached"
    assert not problems, "numbers written with a decimal point:\n" + "\n".join(problems)
