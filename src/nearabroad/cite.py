"""How to cite a figure of the book: plain text, BibTeX and RIS, all from one record.

The web address comes from one place, `html_baseurl` in `_config.yml`. Until it is set, citations give the version
and the figure id and no address (none is invented); the build says so.
"""

from __future__ import annotations

import re

from . import BOOK_AUTHOR, BOOK_TITLE, BOOK_YEAR, LICENCE_DATA, __version__

# TeX's special characters and what each becomes inside a BibTeX field.
_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
        "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_TEX_RE = re.compile("|".join(re.escape(c) for c in _TEX))
ACCESSED = "[date you accessed it]"


def tex_escape(text: str) -> str:
    """`text` safe inside a BibTeX field: every TeX special character escaped."""
    return _TEX_RE.sub(lambda m: _TEX[m.group()], text)


def page_url(base_url: str, page: str, fig_id: str) -> str:
    """The figure's absolute address, or '' while the book has no base address."""
    return f"{base_url.rstrip('/')}/{page}#{fig_id}" if base_url else ""


def figure_citation(fig_id: str, number: str, title: str, sources: str, page: str, base_url: str = "") -> dict:
    """Plain text, BibTeX and RIS citations of one figure; `url` is '' while the base address is unset."""
    url = page_url(base_url, page, fig_id)
    where = f"{BOOK_TITLE}, version {__version__}, figure {fig_id}"
    plain = (f"{BOOK_AUTHOR} ({BOOK_YEAR}). Figure {number}: {title}. In {where}. "
             + (f"{url}. Accessed {ACCESSED}. " if url else "")
             + f"Data: {sources} Licence: {LICENCE_DATA}.")
    fields = [
        ("author", f"{{{tex_escape(BOOK_AUTHOR)}}}"),
        ("title", tex_escape(f"Figure {number}: {title}")),
        ("howpublished", tex_escape(f"In: {where}")),
        ("year", BOOK_YEAR),
        ("version", __version__),
        *([("url", url)] if url else []),
        ("note", tex_escape(f"Data: {sources} Licence: {LICENCE_DATA}.")
         + (f" Accessed {tex_escape(ACCESSED)}." if url else "")),
    ]
    bibtex = "\n".join([f"@misc{{loosening-grip-{fig_id},", *(f"  {k} = {{{v}}}," for k, v in fields[:-1]),
                        f"  {fields[-1][0]} = {{{fields[-1][1]}}}", "}"]) + "\n"
    ris_tags = [("TY", "FIGURE"), ("AU", BOOK_AUTHOR), ("TI", f"Figure {number}: {title}"), ("T2", BOOK_TITLE),
                ("PY", BOOK_YEAR), ("ET", __version__), *([("UR", url)] if url else []),
                ("N1", f"Figure id {fig_id}. Data: {sources} Licence: {LICENCE_DATA}."), ("ER", "")]
    ris = "".join(f"{tag}  - {value}\r\n" for tag, value in ris_tags)
    return {"url": url, "plain": plain, "bibtex": bibtex, "ris": ris}
