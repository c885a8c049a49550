"""One house style for every figure, and `publish`, which makes a figure citable.

`publish` draws the title, the source line and the book's short citation into the figure, then writes the four
downloads (PNG at 300 dpi, SVG, PDF, and the plotted data as CSV) plus a JSON sidecar that the book's Sphinx
extension reads to put download links and a citation under the figure and into the gallery. All five files are
byte-identical from run to run: metadata that carries dates or software versions is dropped, and the SVG ids are
salted with a fixed string.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from contextlib import contextmanager
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from PIL import Image

from . import BOOK_AUTHOR, BOOK_SHORT, LICENCE_DATA
from .data import bibliography

FIGURE_DIR = Path(__file__).resolve().parents[2] / "book" / "_extra" / "figures"
FORMATS = ("svg", "png", "pdf")  # SVG first: its clip-path ids must not depend on which formats follow
# NEARABROAD_EXPORT=svg writes only what a notebook shows and nbval compares (SVG, CSV, sidecar): the quick proof run
# of `make book`. The default, "all", also writes the PNG, PDF and thumbnail: `make execute` and CI's `make test`.
EXPORT_ENV = "NEARABROAD_EXPORT"
DPI = 300
THUMB_SIZE = 360  # pixels, longest side
PAD_INCHES = 0.08
FIGURE_ID_PATTERN = r"fig-[a-z0-9]+(-[a-z0-9]+)*"

# Colour-blind-safe categorical colours (Paul Tol's "muted" scheme plus two from his extended set); one colour per
# country, kept in every chart so a reader learns them once.
COUNTRY_COLOURS = {
    "KAZ": "#332288",
    "KGZ": "#88CCEE",
    "TJK": "#44AA99",
    "TKM": "#117733",
    "UZB": "#999933",
    "ARM": "#CC6677",
    "AZE": "#882255",
    "GEO": "#AA4499",
    "MDA": "#E69F00",
    "BLR": "#661100",
    "RUS": "#222222",
    "UKR": "#0072B2",
}
# Trading and diplomatic partners (Tol's high-contrast scheme plus teal).
PARTNER_COLOURS = {"Russia": "#BB5566", "China": "#DDAA33", "EU": "#004488", "US": "#44AA99", "Turkey": "#999933", "other": "#BBBBBB"}
# Votes run from siding with Ukraine's territorial integrity (yes) to siding with Russia (no).
VOTE_COLOURS = {"yes": "#4477AA", "abstain": "#DDCC77", "absent": "#BBBBBB", "no": "#EE6677"}
VOTE_ORDER = ["yes", "abstain", "absent", "no"]

STYLE = {
    "figure.figsize": (6.4, 3.6),  # fits one text column of a paper at 100 %
    "figure.dpi": 100,
    "font.family": "DejaVu Sans",  # ships with matplotlib, so text renders the same on every machine
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": matplotlib.cycler(color=list(COUNTRY_COLOURS.values())),
    "legend.frameon": False,
    "legend.fontsize": 8,
    "lines.linewidth": 2.0,
    "lines.markersize": 4,
    "svg.hashsalt": "nearabroad",  # fixed ids inside SVG files
    "svg.fonttype": "none",  # text stays text: smaller, searchable SVG
    "pdf.fonttype": 42,
    "savefig.dpi": DPI,
}

SAVE_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def use_style() -> None:
    """Apply the house style (notebooks call this once, through `nearabroad.setup_notebook`)."""
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(STYLE)


def new_figure(width: float = 6.4, height: float = 3.6, **subplots):
    """A figure in the house style; returns (fig, ax) like plt.subplots."""
    use_style()
    return plt.subplots(figsize=(width, height), layout="constrained", **subplots)


SOURCE_WIDTH = 125  # characters per line of the source line drawn into a figure
SOURCE_LINES = 2  # at most: the main publishers, then a pointer to the full list in the figure's data


def source_line(frame: pd.DataFrame) -> str:
    """'Source: World Bank; Gallup; and 3 more (full list: figure data).', wrapped to at most two lines.

    Publishers (the `publisher` column where the data name the body that produced a value, else each source's
    author) are listed by how many plotted values they give, most first; the complete list, with each value's source
    and tier, is in the figure's CSV and sidecar.
    """
    bib = bibliography()
    counts: dict[str, int] = {}
    publishers = frame["publisher"] if "publisher" in frame.columns else [None] * len(frame)
    for cell, publisher in zip(frame["source"], publishers):
        # the body that produced the value where the data name it, else the author of its source
        names = {publisher} if isinstance(publisher, str) and publisher else {bib[k].author for k in _keys(cell)}
        for name in sorted(names):
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda a: (-counts[a], a))
    for n in range(len(ranked), 0, -1):
        rest = len(ranked) - n
        tail = f"; and {rest} more (full list: figure data)." if rest else "."
        text = "Source: " + "; ".join(ranked[:n]) + tail
        if len(textwrap.wrap(text, width=SOURCE_WIDTH)) <= SOURCE_LINES:
            return text
    return f"Source: {len(ranked)} publishers (full list: figure data)."


def _keys(cell: str) -> list[str]:
    return [k.strip() for k in str(cell).split(";") if k.strip()]


def publish(fig, fig_id: str, *, title: str, data: pd.DataFrame, out_dir: Path = FIGURE_DIR,
            profile_links: bool = False) -> dict:
    """Title and attribute `fig`, then write its downloads and sidecar to `out_dir/<fig_id>.*`; return the sidecar.

    `data` holds the plotted values, one row each, with a `source` column of sources.bib keys: the source line,
    the sidecar and the CSV (which gains each value's source tier) are all drawn from it. With `profile_links`, each
    country's mark on the page opens its country profile (a map of countries, say).
    """
    if not re.fullmatch(FIGURE_ID_PATTERN, fig_id):
        raise ValueError(f"figure id '{fig_id}' must look like 'fig-chapter-topic'")
    if "source" not in data.columns or data.empty:
        raise ValueError(f"{fig_id}: the plotted data need a 'source' column with a source for every value")
    bib = bibliography()
    for cell in data["source"]:
        if not _keys(cell):
            raise ValueError(f"{fig_id}: a plotted value has no source")
        unknown = [k for k in _keys(cell) if k not in bib.keys]
        if unknown:
            raise ValueError(f"{fig_id}: source keys not in sources.bib: {unknown}")
    keys = sorted({k for cell in data["source"] for k in _keys(cell)})
    data = _as_published(data)
    at = list(data.columns).index("source") + 1
    data.insert(at, "source_tier", [bib.best_tier(c) for c in data["source"]])
    data.insert(at + 1, "source_url", [" ; ".join(bib[k].url for k in _keys(c)) for c in data["source"]])

    fig.suptitle(title, x=0.0, ha="left", fontsize=11, fontweight="bold")
    line = source_line(data)
    footer = "\n".join(textwrap.wrap(line, width=SOURCE_WIDTH)) + f"\nChart: {BOOK_SHORT}, {fig_id}. {LICENCE_DATA}."
    fig.text(0.0, 0.0, footer, ha="left", va="top", fontsize=7, color="#555555", transform=fig.transFigure)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    # Work out the tight bounding box once (it needs a full draw) instead of once per format.
    fig.canvas.draw()
    clashes = overlapping_labels(fig)
    if clashes:
        raise ValueError(f"{fig_id}: labels overlap: " + "; ".join(f"'{a}' / '{b}'" for a, b in clashes))
    bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(PAD_INCHES)
    marks = _marks(fig, bbox, data, bib)
    everything = os.environ.get(EXPORT_ENV, "all") != "svg"
    described = {**SAVE_METADATA["pdf"], "Title": title, "Author": BOOK_AUTHOR,
                 "Subject": f"{title}. {line} {BOOK_SHORT}, figure {fig_id}. {LICENCE_DATA}.",
                 "Keywords": "; ".join([BOOK_SHORT, fig_id, *sorted({v for v in data.get("iso3", []) if isinstance(v, str)})])}
    for fmt in FORMATS if everything else ("svg",):
        meta = described if fmt == "pdf" else SAVE_METADATA[fmt]
        with _replacing(out_dir / f"{fig_id}.{fmt}") as path:
            fig.savefig(path, format=fmt, dpi=DPI, bbox_inches=bbox, metadata=meta)
    fig.nearabroad_svg = out_dir / f"{fig_id}.svg"
    if everything:
        with _replacing(out_dir / f"{fig_id}.thumb.png") as path:
            write_thumbnail(out_dir / f"{fig_id}.png", path)
    with _replacing(out_dir / f"{fig_id}.csv") as path:
        data.to_csv(path, index=False, lineterminator="\n")
    sidecar = {
        "id": fig_id,
        "title": title,
        "sources": keys,
        "source_tiers": {k: bib[k].tier for k in keys},
        "source_line": line,
        "files": {fmt: f"{fig_id}.{fmt}" for fmt in (*FORMATS, "csv")},
        "marks": marks,
        "marks_open_profiles": profile_links,
    }
    with _replacing(out_dir / f"{fig_id}.json") as path:
        path.write_text(json.dumps(sidecar, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return sidecar


@contextmanager
def _replacing(path: Path):
    """Write to a temporary file beside `path`, then put it in place in one step: a build reading the figure files
    while the notebooks are proven sees the old file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _marks(fig, bbox, data: pd.DataFrame, bib) -> list[dict]:
    """Where each data mark sits in the saved image and what it shows (the book's hover values; see marks.py)."""
    from .data import load
    from .marks import find_marks

    catalogue = load("indicator_catalogue")
    countries = load("countries")
    return find_marks(fig, bbox, data, labels=dict(zip(catalogue["indicator"], catalogue["label"])),
                      names=dict(zip(countries["iso3"], countries["name"])),
                      sources={k: bib[k].short for k in bib.keys},
                      units=dict(zip(catalogue["indicator"], catalogue["unit"])))


def _as_published(data: pd.DataFrame) -> pd.DataFrame:
    """The plotted data with computed values (shares worked out from two published figures) rounded to two
    decimals; values read from a source keep the precision they were published with."""
    data = data.copy()
    for col in data.columns:
        if pd.api.types.is_float_dtype(data[col]):
            computed = (data[col] - data[col].round(6)).abs() > 0
            data[col] = data[col].where(~computed, data[col].round(2))
    return data


def overlapping_labels(fig) -> list[tuple[str, str]]:
    """Pairs of text labels drawn on the same axes whose boxes overlap (annotations, tick labels, legends).

    Run on the drawn figure, so it sees the rendered sizes; `publish` refuses a figure with any overlap.
    """
    renderer = fig.canvas.get_renderer()
    clashes = []
    for ax in fig.axes:
        texts = [t for t in ax.texts if t.get_visible() and t.get_text().strip()]
        texts += [t for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_visible() and t.get_text().strip()]
        legend = ax.get_legend()
        if legend is not None:
            texts += [t for t in legend.get_texts() if t.get_text().strip()]
        boxes = [(t.get_text(), t.get_window_extent(renderer).shrunk(0.97, 0.9)) for t in texts]
        for i, (a, box_a) in enumerate(boxes):
            for b, box_b in boxes[i + 1:]:
                if box_a.overlaps(box_b):
                    clashes.append((a.replace("\n", " "), b.replace("\n", " ")))
    return clashes


def write_thumbnail(png: Path, thumb_path: Path) -> None:
    """A light thumbnail for the gallery page (not a download), scaled down from the PNG rather than drawn again.

    A 32-colour palette keeps each near 10-20 KB, so the gallery of every figure stays light.
    """
    with Image.open(png) as full:
        thumb = full.convert("RGB")
    thumb.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.LANCZOS)
    thumb = thumb.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    thumb.save(thumb_path, format="PNG", optimize=True)


def show(fig) -> None:
    """Display `fig` once in a notebook and release it.

    A published figure is shown as its exported SVG file, so nbval compares the very file readers download (and
    the figure is not drawn a fifth time); an unpublished one is rendered inline as SVG.
    """
    from IPython.display import SVG, display

    exported = getattr(fig, "nearabroad_svg", None)
    display(SVG(filename=str(exported)) if exported else fig)
    plt.close(fig)
