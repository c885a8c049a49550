"""The PDF edition: the whole book on one HTML page (Sphinx's singlehtml builder), printed by headless Chromium.

`python -m nearabroad.pdf` (or `make pdf`) builds it offline into `_build/html/downloads/`, where the footer of every
page links to it. Chromium lays out the same HTML and CSS as the web book, so figures and tables carry the same
numbers; a title page and a table of contents are added for print, web-only furniture (navigation, download links,
cite blocks, the gallery) is hidden, and the PDF gets bookmarks from the headings and page numbers in the footer.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from . import BOOK_AUTHOR, BOOK_TITLE, LICENCE_DATA, __version__
from .data import cutoff
from .release import DOWNLOADS

ROOT = Path(__file__).resolve().parents[2]
SINGLE = ROOT / "_build" / "singlehtml"
HTML_DIR = ROOT / "_build" / "html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pdf_name(version: str = __version__) -> str:
    return f"loosening-grip-{version}.pdf"


PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
html, body { background: #fff !important; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article, .bd-footer, .bd-footer-content,
.prev-next-area, #pst-back-to-top, .figure-downloads, .figure-cite, .data-download, .headerlink, .bd-search, .skip-link,
#jb-print-docs-body, .theme-switch-button, .search-button, .figure-gallery, .gallery-card { display: none !important; }
.bd-main, .bd-content, .bd-article-container, .bd-article, .bd-page-width { max-width: none !important; width: 100% !important;
  padding: 0 !important; margin: 0 !important; }
body { font-size: 10pt; font-family: "DejaVu Sans", sans-serif !important; }  /* Latin, Cyrillic, Armenian, Georgian */
h1, h2.pdf-chapter { break-before: page; }
h2.pdf-chapter { font-size: 20pt; }
#pdf-title h1, #pdf-toc h1 { break-before: auto; }
figure, table, img, .claim-card { break-inside: avoid; }
img { max-width: 100% !important; }
.book-table-wrap { overflow: visible !important; }
.book-table { font-size: 8pt; min-width: 0 !important; }
a { color: #0b4fa8; text-decoration: none; }
#pdf-title { height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
#pdf-title .title { font-size: 26pt; font-weight: 700; line-height: 1.2; margin-bottom: 12mm; }
#pdf-title p { font-size: 12pt; }
#pdf-toc li { font-size: 12pt; }
#pdf-toc { break-after: page; }
#pdf-toc li { margin: 1.5mm 0; }
"""

FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;color:#555;">'
          f'{html.escape(BOOK_TITLE)} · v{__version__} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def title_page() -> str:
    return (
        '<section id="pdf-title">'
        f'<div class="title">{html.escape(BOOK_TITLE)}</div>'
        f'<p>A data report by the {html.escape(BOOK_AUTHOR)}.</p>'
        f'<p>Version {__version__}. Data cut-off: {cutoff()}.</p>'
        f'<p>Text and data: {LICENCE_DATA}, with the original sources credited. Code: MIT.</p>'
        f'<p>How to cite: {html.escape(BOOK_AUTHOR)} (2026). <em>{html.escape(BOOK_TITLE)}</em>, version {__version__}. '
        'Data report (Jupyter Book), PDF edition.</p>'
        '</section>'
    )


# Adds the title page and a table of contents built from the chapter headings (links are live in the PDF).
INJECT = r"""
([titleHtml, css]) => {
  const style = document.createElement('style'); style.textContent = css; document.head.appendChild(style);
  const article = document.querySelector('article.bd-article') || document.body;
  // The gallery repeats the figures as thumbnails for the web: the PDF leaves it out.
  document.querySelectorAll('.figure-gallery').forEach(g => g.closest('section').remove());
  // On the single page each chapter's title is an h2 numbered "N. " (sections below it are "N.M").
  const heads = [...article.querySelectorAll('section > h2')].filter(
    h => /^\d+\.\s*$/.test((h.querySelector('.section-number') || {}).textContent || ''));
  heads.forEach(h => h.classList.add('pdf-chapter'));
  const toc = document.createElement('section'); toc.id = 'pdf-toc';
  toc.innerHTML = '<h1>Contents</h1><ol></ol>';
  for (const h of heads) {
    const id = h.closest('section').id;
    const li = document.createElement('li');
    const a = document.createElement('a'); a.href = '#' + id; a.textContent = h.textContent.replace('#', '').trim();
    li.appendChild(a); toc.querySelector('ol').appendChild(li);
  }
  toc.querySelector('ol').style.listStyle = 'none';
  article.prepend(toc);
  const title = document.createElement('div'); title.innerHTML = titleHtml; article.prepend(title.firstChild);
  return heads.length;
}
"""


def build_single_html() -> Path:
    """The book as one page, built strictly like the web book."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    shutil.rmtree(SINGLE, ignore_errors=True)
    subprocess.run([str(jupyter_book), "build", str(ROOT), "--builder", "singlehtml", "-W", "-n", "--keep-going",
                    "--quiet"], check=True, cwd=ROOT)
    root = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))["root"]
    page = SINGLE / f"{root}.html"  # index.html only redirects there
    # singlehtml writes image paths relative to the output root although the page sits one folder down
    for folder in ("_images",):
        if page.parent != SINGLE and (SINGLE / folder).is_dir():
            shutil.copytree(SINGLE / folder, page.parent / folder, dirs_exist_ok=True)
    return page


def print_pdf(page: Path, target: Path) -> Path:
    from playwright.sync_api import sync_playwright

    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        tab = browser.new_page()
        tab.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        tab.goto(page.as_uri(), wait_until="load")
        chapters = tab.evaluate(INJECT, [title_page(), PRINT_CSS])
        # Images below the fold load lazily: load every one before printing.
        tab.evaluate("""async () => {
          const imgs = [...document.images];
          imgs.forEach(i => { i.loading = 'eager'; });
          await Promise.all(imgs.map(i => i.complete && i.naturalWidth ? null : new Promise(r => {
            i.addEventListener('load', r, {once: true}); i.addEventListener('error', r, {once: true}); })));
        }""")
        broken = tab.evaluate("[...document.images].filter(i => !i.naturalWidth).map(i => i.src)")
        if broken:
            raise RuntimeError(f"images that did not load: {broken[:5]}")
        if chapters < 5:
            raise RuntimeError(f"only {chapters} chapters found on {page}")
        tab.emulate_media(media="print")
        tab.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
                header_template="<span></span>", footer_template=FOOTER, outline=True, tagged=True,
                margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"})
        browser.close()
    return target


def build() -> Path:
    target = HTML_DIR / DOWNLOADS / pdf_name()
    print_pdf(build_single_html(), target)
    return target


if __name__ == "__main__":
    out = build()
    print(f"The PDF edition is at {out} ({out.stat().st_size / 1e6:.1f} MB)")
