"""The built book, read as files: every figure has its four downloads, a citation and a gallery entry."""

import re
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
import yaml

from bookserver import HTML, pages

pytestmark = pytest.mark.built

FIGURE = re.compile(r'<figure[^>]*\bid="(fig-[a-z0-9-]+)"')
FORMATS = ("png", "svg", "pdf", "csv")
# The book's public address, set in one place (empty until it is published)
BASE_URL = yaml.safe_load((HTML.parents[1] / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]["html_baseurl"]


def chapter_pages():
    return [p for p in pages() if p.startswith("book/") and p != "book/gallery.html"]


def figures_in(page: str) -> list[tuple[str, str]]:
    """(figure id, the HTML from this figure to the next one) for each labelled figure of a page."""
    html = (HTML / page).read_text(encoding="utf-8")
    starts = [(m.group(1), m.start()) for m in FIGURE.finditer(html)]
    return [(fid, html[pos: starts[i + 1][1] if i + 1 < len(starts) else len(html)]) for i, (fid, pos) in enumerate(starts)]


def all_figures():
    return [(page, fid, chunk) for page in chapter_pages() for fid, chunk in figures_in(page)]


def test_book_was_built():
    assert (HTML / "index.html").exists(), "build the book first (make book)"
    assert len(all_figures()) >= 10


@pytest.mark.parametrize("page, fig_id, chunk", all_figures(), ids=lambda v: v if isinstance(v, str) and v.startswith("fig-") else "")
def test_figure_has_downloads_and_citation(page, fig_id, chunk):
    for fmt in FORMATS:
        match = re.search(rf'href="([^"]*{re.escape(fig_id)}\.{fmt})"', chunk)
        assert match, f"{page}: {fig_id} lacks its {fmt.upper()} download"
        target = Path(unquote(urljoin(str(HTML / page), match.group(1))))
        assert target.is_file() and target.stat().st_size > 0, f"{page}: broken download {match.group(1)}"
    cite = re.search(r'<details class="figure-cite">(.*?)</details>', chunk, re.S)
    assert cite, f"{page}: {fig_id} lacks its 'Cite this figure' block"
    block = cite.group(1)
    assert f"figure {fig_id}" in block and "@misc{" in block and "version" in block and "TY  - FIGURE" in block
    citation = block.split("Sources of the plotted values")[0]
    if BASE_URL:
        assert f"{BASE_URL.rstrip('/')}/{page}#{fig_id}" in citation
    else:  # no address is invented while the book has none
        assert "http" not in citation
    for ext in ("bib", "ris"):
        match = re.search(rf'href="([^"]*{re.escape(fig_id)}\.{ext})"', block)
        assert match, f"{page}: {fig_id} lacks its {ext} download"
        assert Path(unquote(urljoin(str(HTML / page), match.group(1)))).is_file()
    assert re.search(r'<img[^>]*alt="Figure [0-9.]+: [^"]+Source: ', chunk), f"{page}: {fig_id} image lacks alt text"


def test_gallery_lists_every_figure_once_with_thumbnail_and_downloads():
    gallery = (HTML / "book" / "gallery.html").read_text(encoding="utf-8")
    listed = re.findall(r'id="gallery-(fig-[a-z0-9-]+)"', gallery)
    in_book = [fid for _, fid, _ in all_figures()]
    assert sorted(listed) == sorted(in_book)
    for fid in listed:
        card = gallery.split(f'id="gallery-{fid}"', 1)[1].split('class="gallery-card"', 1)[0]
        for fmt in FORMATS + ("thumb.png",):
            assert (HTML / "figures" / f"{fid}.{fmt}").is_file()
            assert f"figures/{fid}.{fmt}" in card


def test_exported_png_is_300_dpi_and_svg_carries_title_source_and_citation():
    from PIL import Image

    for _, fid, _ in all_figures():
        with Image.open(HTML / "figures" / f"{fid}.png") as img:
            assert round(img.info["dpi"][0]) == 300, fid
        svg = (HTML / "figures" / f"{fid}.svg").read_text(encoding="utf-8")
        assert "Source: " in svg and "Loosening Grip v" in svg and fid in svg, fid


def test_footer_shows_the_package_version():
    import nearabroad

    assert f"Version {nearabroad.__version__}" in (HTML / "book" / "intro.html").read_text(encoding="utf-8")


def test_no_stale_downloads():
    """Every exported file belongs to a figure that is in the book (renamed figures leave no orphans)."""
    from nearabroad.charts import FIGURE_DIR

    in_book = {fid for _, fid, _ in all_figures()}
    exported = {p.name.split(".")[0] for p in FIGURE_DIR.iterdir()}
    assert exported == in_book


TABLE = re.compile(r"<table\b.*?</table>", re.S)
CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S)
RAW_VALUE = re.compile(r"^(nan|NaN|None|<NA>|NaT)$")
CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")


def tables_in(page: str) -> list[str]:
    html = (HTML / page).read_text(encoding="utf-8")
    return [t for t in TABLE.findall(html) if "highlight" not in t]


@pytest.mark.parametrize("page", chapter_pages())
def test_tables_are_edited(page):
    """No raw DataFrame anywhere: no index column, no NaN/None, no snake_case codes, no cut-off cells, and every
    generated table sits in a box that scrolls on its own (the page never scrolls sideways)."""
    html = (HTML / page).read_text(encoding="utf-8")
    assert 'class="dataframe' not in html, f"{page}: a raw DataFrame is shown"
    for table in tables_in(page):
        for cell in CELL.findall(table):
            text = re.sub(r"<[^>]+>", "", cell).strip()
            assert not RAW_VALUE.match(text), f"{page}: raw missing value in a table: {text!r}"
            assert not CODE.match(text), f"{page}: code instead of a label in a table: {text!r}"
            assert not text.endswith(("...", "…")), f"{page}: cell cut off: {text!r}"
    assert html.count('class="book-table"') == html.count('class="book-table-wrap"'), f"{page}: table without its wrapper"


def test_no_timeline_is_an_image_of_text():
    """Timelines are HTML lists: no figure id names a timeline and no figure data is a list of sentences."""
    import csv

    for page, fig_id, _ in all_figures():
        assert "timeline" not in fig_id, f"{page}: {fig_id} is a timeline drawn as an image"
        path = Path(__file__).resolve().parents[1] / "book" / "_extra" / "figures" / f"{fig_id}.csv"
        with path.open(encoding="utf-8") as fh:
            assert "summary" not in next(csv.reader(fh)), f"{fig_id}: a figure of sentences"


def test_figure_source_lines_are_at_most_two_lines():
    import json

    from nearabroad.charts import SOURCE_WIDTH
    import textwrap

    folder = Path(__file__).resolve().parents[1] / "book" / "_extra" / "figures"
    for side in folder.glob("fig-*.json"):
        line = json.loads(side.read_text())["source_line"]
        assert len(textwrap.wrap(line, width=SOURCE_WIDTH)) <= 2, side.name


def test_data_release_is_in_the_book_and_linked_from_the_data_page_and_the_introduction():
    from nearabroad import release

    archive = HTML / release.DOWNLOADS / release.archive_name()
    assert archive.is_file()
    for page in ("book/data.html", "book/intro.html"):
        text = (HTML / page).read_text(encoding="utf-8")
        links = re.findall(r'href="([^"]*downloads/[^"]+)"', text)
        assert any(link.endswith(release.archive_name()) for link in links), page
        for link in links:
            assert Path(unquote(urljoin(str(HTML / page), link))).is_file(), f"{page}: broken {link}"
    data_page = (HTML / "book" / "data.html").read_text(encoding="utf-8")
    assert all(f'downloads/{name}' in data_page for name in ("indicators.csv", "unga_votes.csv", "events.csv"))


def test_bibliography_shows_titles_as_published_without_tex_escapes():
    page = (HTML / "book" / "references.html").read_text(encoding="utf-8")
    assert "\\$" not in page and "\\%" not in page and "`" not in page
    assert "US$" in page


def test_updating_guide_is_in_the_book_with_the_loader_s_real_messages():
    import html as html_lib

    from nearabroad import errorguide
    page = (HTML / "book" / "updating.html").read_text(encoding="utf-8")
    page = html_lib.unescape(re.sub(r"<[^>]+>", "", page))  # code blocks are split into highlighted spans
    for section in errorguide.MISTAKES.values():
        for fixture, target, _ in section:
            assert errorguide.message(fixture, target) in page
    assert "make execute" in page and "_build/impact.md" in page
