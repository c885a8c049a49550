"""Sphinx extension: downloads and a citation under every figure, a generated figure gallery, the data release.

Every labelled figure (`fig-…`) in the book must have a sidecar written by `nearabroad.charts.publish`; a figure
without one is a build warning, which the strict build turns into an error. Figure numbers are only known once
Sphinx has numbered the whole book, so the links, the citation and the gallery are made at `doctree-resolved`.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import __version__
from .charts import FIGURE_DIR, FIGURE_ID_PATTERN
from .cite import figure_citation

logger = logging.getLogger(__name__)
DOWNLOAD_LABELS = {"png": "PNG (300 dpi)", "svg": "SVG", "pdf": "PDF", "csv": "Data (CSV)"}
URL_DIR = "figures"  # where html_extra_path puts FIGURE_DIR's files in the built book


class gallery_node(nodes.General, nodes.Element):
    """Marks where the gallery goes; filled in once every figure is numbered."""


class FigureGallery(SphinxDirective):
    def run(self):
        return [gallery_node()]


def _sidecar(fig_id: str) -> dict | None:
    path = FIGURE_DIR / f"{fig_id}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _figure_id(node: nodes.figure) -> str | None:
    for name in node.get("ids", []):
        if re.fullmatch(FIGURE_ID_PATTERN, name):
            return name
    return None


def _number(env, docname: str, fig_id: str) -> str:
    numbers = env.toc_fignumbers.get(docname, {}).get("figure", {}).get(fig_id)
    if not numbers:  # the single-page build resolves every chapter under the root document's name
        numbers = next((n["figure"][fig_id] for n in env.toc_fignumbers.values() if fig_id in n.get("figure", {})), None)
    return ".".join(str(n) for n in numbers) if numbers else "?"


def _downloads_html(prefix: str, side: dict) -> str:
    links = " · ".join(
        f'<a class="figure-download" href="{prefix}{URL_DIR}/{side["files"][fmt]}" download>{label}</a>'
        for fmt, label in DOWNLOAD_LABELS.items()
    )
    return f'<p class="figure-downloads">Download: {links}</p>'


def _sources_html(side: dict) -> str:
    """Every source of the figure with its tier (the image itself names only the main publishers)."""
    from .data import bibliography

    bib = bibliography()
    items = "".join(
        f'<li><a href="{html.escape(bib[k].url)}">{html.escape(bib[k].author)} ({html.escape(bib[k].year)}): '
        f'{html.escape(bib[k].title)}</a> <span class="source-tier tier-{bib[k].tier}">{bib[k].tier}</span></li>'
        for k in side["sources"])
    return f'<p>Sources of the plotted values (tier in the figure data, per value):</p><ul class="figure-sources">{items}</ul>'


def _cite_html(prefix: str, fig_id: str, cite: dict, side: dict) -> str:
    files = f'{prefix}{URL_DIR}/{fig_id}'
    return (
        '<details class="figure-cite"><summary>Cite this figure</summary>'
        f'<p class="figure-cite-text">{html.escape(cite["plain"])}</p>'
        f'<p>BibTeX (<a href="{files}.bib" download>download</a>):</p>'
        f'<pre class="figure-cite-bibtex">{html.escape(cite["bibtex"])}</pre>'
        f'<p>RIS, for Zotero, EndNote and Mendeley (<a href="{files}.ris" download>download</a>):</p>'
        f'<pre class="figure-cite-ris">{html.escape(cite["ris"].replace(chr(13), ""))}</pre>'
        f'{_sources_html(side)}</details>'
    )


def _add_marks(link: nodes.Element, number: str, marks: list[dict], profiles: str | None = None) -> None:
    """Lay a focusable mark over each data mark of the image (`link` holds it): its value shows on hover, tap or
    keyboard focus, and is read out under the figure. The image file itself is untouched. With `profiles` (the
    address of the profile pages), a country's mark is a link that opens its profile."""
    frame = nodes.container(classes=["figure-frame"])
    canvas = nodes.container(classes=["figure-canvas"])
    link.replace_self(frame)
    frame += canvas
    canvas += link
    ordered = sorted(marks, key=lambda m: (m["x"], m["y"]))  # arrow keys go left to right
    def mark(i: int, m: dict) -> str:
        where = f'style="left:{m["x"]}%;top:{m["y"]}%" tabindex="{0 if i == 0 else -1}"'
        tip = html.escape(m["text"])
        if profiles and m.get("iso3"):
            return (f'<a class="figure-mark" {where} href="{profiles}{m["iso3"].lower()}.html" data-tip="{tip}" '
                    f'aria-label="{tip}; open the country profile"></a>')
        return f'<button type="button" class="figure-mark" {where} aria-label="{tip}" data-tip="{tip}"></button>'

    buttons = "".join(mark(i, m) for i, m in enumerate(ordered))
    canvas += nodes.raw("", f'<div class="figure-marks" role="group" aria-label="Values in figure {number}: '
                            f'{len(marks)} marks; arrow keys move between them">{buttons}</div>', format="html")
    frame.parent.insert(frame.parent.index(frame) + 1, nodes.raw(
        "", '<p class="figure-readout" aria-live="polite">Point at, tap or tab to a mark on the chart to read its '
            "value.</p>", format="html"))


def _write_citation_files(app, fig_id: str, cite: dict) -> None:
    """The BibTeX and RIS files a reference manager imports, beside the figure's other downloads."""
    folder = Path(app.outdir) / URL_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{fig_id}.bib").write_text(cite["bibtex"], encoding="utf-8")
    (folder / f"{fig_id}.ris").write_bytes(cite["ris"].encode("utf-8"))


def collect_figures(app, doctree) -> None:
    """Remember every labelled figure of the document just read (id and caption) for the gallery."""
    env = app.env
    if not hasattr(env, "nearabroad_figures"):
        env.nearabroad_figures = {}
    found = []
    for node in doctree.findall(nodes.figure):
        fig_id = _figure_id(node)
        if fig_id:
            caption = next(iter(node.findall(nodes.caption)), None)
            found.append((fig_id, caption.astext() if caption else ""))
    env.nearabroad_figures[env.docname] = found


def purge(app, env, docname) -> None:
    getattr(env, "nearabroad_figures", {}).pop(docname, None)


def add_figure_furniture(app, doctree, docname) -> None:
    env = app.env
    prefix = "../" * docname.count("/")
    page = docname + ".html"
    for node in list(doctree.findall(nodes.figure)):
        fig_id = _figure_id(node)
        if not fig_id:
            continue
        side = _sidecar(fig_id)
        if side is None:
            logger.warning(f"figure {fig_id} has no downloads: run its notebook (publish writes them)", location=node)
            continue
        number = _number(env, docname, fig_id)
        for image in list(node.findall(nodes.image)):  # describe the chart, not its file name
            image["alt"] = f"Figure {number}: {side['title']}. {side['source_line']}"
            if not isinstance(image.parent, nodes.reference):  # one tap opens the full-size figure (phones)
                link = nodes.reference("", "", refuri=f"{prefix}{URL_DIR}/{side['files']['svg']}", classes=["figure-full"])
                image.replace_self(link)
                link += image
            if side.get("marks"):
                links = f"{prefix}book/profiles/" if side.get("marks_open_profiles") else None
                _add_marks(image.parent, number, side["marks"], links)
        cite = figure_citation(fig_id, number, side["title"], side["source_line"].removeprefix("Source: "), page,
                               app.config.html_baseurl)
        _write_citation_files(app, fig_id, cite)
        raw = nodes.raw("", _downloads_html(prefix, side) + _cite_html(prefix, fig_id, cite, side), format="html")
        node.parent.insert(node.parent.index(node) + 1, raw)

    for gallery in list(doctree.findall(gallery_node)):
        gallery.replace_self(nodes.raw("", _gallery_html(app, docname, prefix), format="html"))


def _gallery_html(app, docname: str, prefix: str) -> str:
    env = app.env
    figures = getattr(env, "nearabroad_figures", {})
    cards = []
    for doc in [d for d in _toc_order(app) if d in figures]:
        for fig_id, caption in figures[doc]:
            side = _sidecar(fig_id)
            if side is None:
                continue  # already reported where the figure is
            number = _number(env, doc, fig_id)
            link = app.builder.get_relative_uri(docname, doc) + "#" + fig_id
            title = env.titles[doc].astext()
            cards.append(
                f'<div class="gallery-card" id="gallery-{fig_id}">'
                f'<a href="{link}"><img src="{prefix}{URL_DIR}/{fig_id}.thumb.png" alt="Thumbnail of figure {number}: '
                f'{html.escape(side["title"])}"></a>'
                f'<p class="gallery-caption"><a href="{link}"><strong>Figure {number}</strong></a> '
                f'({html.escape(title)}): {html.escape(caption)}</p>'
                f'<details class="gallery-sources"><summary>Sources ({len(side["sources"])})</summary>'
                f'{html.escape(side["source_line"])}</details>'
                f"{_downloads_html(prefix, side)}</div>"
            )
    return '<div class="figure-gallery">' + "".join(cards) + "</div>"


def _toc_order(app) -> list[str]:
    """Documents in reading order, so the gallery lists figures as the book numbers them."""
    env = app.env
    order, seen = [], set()

    def walk(doc):
        if doc in seen:
            return
        seen.add(doc)
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            walk(child)

    walk(app.config.root_doc)
    return order


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Thebe (live code cells) is off, yet its config script is still injected, twice, naming a CDN: drop it."""
    def is_thebe(js) -> bool:
        return "thebe" in str(getattr(js, "filename", "") or "") or "THEBE_JS_URL" in str(
            getattr(js, "attributes", {}).get("body", ""))

    if "script_files" in context:
        context["script_files"] = [js for js in context["script_files"] if not is_thebe(js)]


def fix_citation_list_role(app, pagename, templatename, context, doctree) -> None:
    """docutils marks the bibliography `role="list"` but its entries are not list items: an accessibility error."""
    if "body" in context:
        context["body"] = context["body"].replace('<div role="list" class="citation-list">', '<div class="citation-list">')


def say_if_base_url_unset(app) -> None:
    """The citations' web address comes from html_baseurl; say plainly when there is none (not a warning: -W)."""
    if not app.config.html_baseurl:
        sys.stderr.write("nearabroad: html_baseurl is not set in _config.yml, so citations give the version and figure "
                         "id but no web address; set it once the book has its public address.\n")


def write_release(app, exception) -> None:
    """The data set's release archive and per-table CSV files, beside the pages that link to them."""
    if exception is None and app.builder.format == "html":
        from .release import write_downloads

        write_downloads(app.outdir)


def footer(app, config) -> None:
    """Every page's footer, from the one version number (the package's): version, PDF edition, data set, licences."""
    from .pdf import pdf_name
    from .release import DOWNLOADS, archive_name

    config.html_theme_options["extra_footer"] = (
        f'<p>Version {__version__} · <a href="{ROOT_MARK}{DOWNLOADS}/{pdf_name()}">PDF edition</a> · '
        f'<a href="{ROOT_MARK}{DOWNLOADS}/{archive_name()}">Data set</a> · Text and data: CC BY 4.0, with the original '
        "sources credited · Code: MIT · Built offline; this site loads nothing from other hosts.</p>")


ROOT_MARK = "@root/"  # the footer's links start from the site's root, whatever the depth of the page


def footer_links(app, pagename, templatename, context, doctree) -> None:
    """Point the footer's links at the site root from this page (a profile sits one folder deeper)."""
    text = context.get("theme_extra_footer")
    if text:
        context["theme_extra_footer"] = text.replace(ROOT_MARK, "../" * pagename.count("/"))


def setup(app):
    app.connect("config-inited", footer)
    app.connect("builder-inited", say_if_base_url_unset)
    app.connect("build-finished", write_release)
    app.connect("html-page-context", fix_citation_list_role)
    app.connect("html-page-context", footer_links)
    from .bibstyle import register

    register()  # the bibliography style named in _config.yml (bibtex_default_style)
    app.connect("html-page-context", drop_thebe, priority=900)
    app.add_node(gallery_node)
    app.add_directive("figure-gallery", FigureGallery)
    app.connect("doctree-read", collect_figures)
    app.connect("env-purge-doc", purge)
    app.connect("doctree-resolved", add_figure_furniture)
    return {"version": __version__, "parallel_read_safe": False, "parallel_write_safe": True}
