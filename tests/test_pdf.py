"""The PDF edition (`make pdf`): every chapter and figure of the web book, bookmarks, page numbers, fonts embedded."""

import html
import re
import subprocess

import pytest

from bookserver import HTML, pages
from nearabroad import pdf, release

pytestmark = pytest.mark.built
PDF = HTML / release.DOWNLOADS / pdf.pdf_name()


def run(*cmd) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def text():
    assert PDF.is_file(), "build the PDF edition first (make pdf)"
    return re.sub(r"\s+", " ", run("pdftotext", "-enc", "UTF-8", str(PDF), "-"))


def test_pdf_has_a_plausible_number_of_pages_and_its_title():
    info = run("pdfinfo", str(PDF))
    pages_ = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 40 <= pages_ <= 250, pages_


def test_pdf_has_title_page_contents_and_every_chapter_title(text):
    assert "Loosening Grip" in text and "Data cut-off" in text and "How to cite" in text and "Contents" in text
    for page in pages():
        if not page.startswith("book/") or page == "book/gallery.html":  # the gallery repeats the figures for the web
            continue
        title = html.unescape(re.search(r"<title>(.*?) &#8212;", (HTML / page).read_text(encoding="utf-8")).group(1))
        assert re.sub(r"\s+", " ", title) in text, f"chapter '{title}' missing from the PDF"


def test_every_figure_number_of_the_web_book_is_in_the_pdf(text):
    numbers = set()
    for page in pages():
        if page.startswith("book/") and page != "book/gallery.html":
            numbers |= set(re.findall(r'<span class="caption-number">(Figure [0-9.]+) </span>',
                                      (HTML / page).read_text(encoding="utf-8")))
    assert len(numbers) >= 20
    missing = sorted(n for n in numbers if n.rstrip(".") not in text)
    assert not missing, missing


def test_every_font_is_embedded_and_cyrillic_text_survives(text):
    fonts = run("pdffonts", str(PDF)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), "\n".join(fonts)
    assert re.search("[А-Яа-я]{4}", text), "no Cyrillic text extracted: a glyph or font is missing"


def test_every_page_links_to_the_pdf():
    for page in pages():
        if page.startswith("book/"):
            assert f"downloads/{pdf.pdf_name()}" in (HTML / page).read_text(encoding="utf-8"), page


def test_pdf_has_bookmarks_and_is_tagged():
    raw = PDF.read_bytes()
    assert b"/Outlines" in raw and b"/StructTreeRoot" in raw
