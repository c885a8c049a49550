"""The chart kinds the chapters share, drawn in the house style. Each returns (fig, ax) ready for `publish`."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .analysis import RESOLUTION_LABELS
from .charts import COUNTRY_COLOURS, VOTE_COLOURS, VOTE_ORDER, new_figure


def lines(frame: pd.DataFrame, *, ylabel: str, names: dict[str, str] | None = None, colours: dict | None = None,
          width: float = 6.4, height: float = 3.6, ax=None, percent: bool = False, start_zero: bool = True,
          breaks: dict[str, list[int]] | None = None):
    """One line per column of a year-indexed table, labelled at its last point (no legend to decode).

    A missing year breaks the line instead of bridging it; so does a change of publisher (`breaks`: column -> first
    years of a new publisher), where the segment after the break is drawn with hollow markers.
    End labels are spread vertically so they never overlap.
    """
    colours = colours or COUNTRY_COLOURS
    names = names or {}
    fig, ax = new_figure(width, height) if ax is None else (ax.figure, ax)
    if len(frame.index):
        frame = frame.reindex(range(int(frame.index.min()), int(frame.index.max()) + 1))
    ends = []
    for col in frame.columns:
        s = frame[col].dropna()
        if s.empty:
            continue
        colour = colours.get(col, "#555555")
        cuts = sorted((breaks or {}).get(col, []))
        edges = [frame.index.min(), *cuts, frame.index.max() + 1]
        for k, (lo, hi) in enumerate(zip(edges, edges[1:])):
            part = frame[col].loc[lo:hi - 1]
            ax.plot(part.index, part.values, marker="o", color=colour, markerfacecolor=colour if k == 0 else "white",
                    label=names.get(col, col) if k == 0 else None)
        ends.append((s.values[-1], s.index[-1], col, colour))
    if start_zero:
        ax.set_ylim(bottom=0)
    low, high = ax.get_ylim()
    ends.sort()
    ys = spread([e[0] for e in ends], gap=0.06 * (high - low))
    for (value, year, col, colour), y in zip(ends, ys):
        ax.annotate(names.get(col, col), (year, value), xytext=(frame.index.max() + 0.25, y), textcoords="data",
                    va="center", fontsize=8, color=colour)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(_year_locator(frame.index))
    if percent:
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:g}%")
    ax.set_xlim(frame.index.min() - 0.4, frame.index.max() + 0.25 + 0.11 * max(1, len(frame.index)))
    return fig, ax


def _year_locator(index):
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True, nbins=min(8, max(2, len(index))))


def vote_grid(matrix: pd.DataFrame, *, names: dict[str, str], width: float = 6.4, height: float | None = None):
    """Countries x resolutions, each cell coloured and lettered by the vote."""
    height = height or 1.2 + 0.32 * len(matrix)
    fig, ax = new_figure(width, height)
    codes = {v: i for i, v in enumerate(VOTE_ORDER)}
    from matplotlib.colors import ListedColormap

    grid = matrix.replace(codes).astype(float).to_numpy()
    ax.imshow(grid, cmap=ListedColormap([VOTE_COLOURS[v] for v in VOTE_ORDER]), vmin=-0.5, vmax=3.5, aspect="auto")
    for (r, c), vote in np.ndenumerate(matrix.to_numpy()):
        if isinstance(vote, str):
            ax.text(c, r, {"yes": "Y", "no": "N", "abstain": "A", "absent": "–"}[vote], ha="center", va="center",
                    fontsize=7, color="white" if vote in ("yes", "no") else "#333333")
        else:
            ax.text(c, r, "?", ha="center", va="center", fontsize=7, color="#999999")
    ax.set_yticks(range(len(matrix)), [names.get(i, i) for i in matrix.index])
    ax.set_xticks(range(len(matrix.columns)), [RESOLUTION_LABELS.get(c, c) for c in matrix.columns], fontsize=7)
    ax.tick_params(length=0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=VOTE_COLOURS[v], label=_VOTE_LEGEND[v]) for v in VOTE_ORDER],
              loc="upper center", bbox_to_anchor=(0.5, -0.02 - 2.4 / height * 0.12), ncol=4, fontsize=7)
    return fig, ax


_VOTE_LEGEND = {"yes": "Yes (with the majority)", "abstain": "Abstained", "absent": "Did not vote", "no": "No (with Russia)"}


def heatmap(table: pd.DataFrame, *, names: dict[str, str], vmax: float, label: str, width: float = 6.4,
            cmap: str = "Blues", fmt: str = "{:g}"):
    """Rows x columns of numbers as shaded, labelled cells (e.g. years of data per country and indicator)."""
    height = 1.6 + 0.3 * len(table)
    fig, ax = new_figure(width, height)
    image = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
    for (r, c), v in np.ndenumerate(table.to_numpy(dtype=float)):
        if v != v:  # no data: say so rather than print "nan"
            ax.text(c, r, "no data", ha="center", va="center", fontsize=6, color="#777777")
            continue
        red, green, blue, _ = image.cmap(image.norm(v))
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5  # white text on dark cells, whatever the colour map
        ax.text(c, r, fmt.format(v), ha="center", va="center", fontsize=7, color="white" if dark else "#333333")
    ax.set_yticks(range(len(table)), [names.get(i, i) for i in table.index])
    ax.set_xticks(range(len(table.columns)), [c.replace("_", " ") for c in table.columns], rotation=40, ha="right",
                  fontsize=7)
    ax.tick_params(length=0)
    ax.grid(False)
    fig.colorbar(image, ax=ax, label=label, shrink=0.8)
    return fig, ax


def dot_compare(frame: pd.DataFrame, *, names: dict[str, str], xlabel: str, width: float = 6.4,
                colours: tuple[str, ...] = ("#004488", "#BB5566")):
    """One row per index entry, one dot per column (e.g. a score under two sets of weights)."""
    fig, ax = new_figure(width, 0.9 + 0.28 * len(frame))
    y = np.arange(len(frame))
    for col, colour, marker in zip(frame.columns, colours, ("o", "D")):
        ax.scatter(frame[col], y, color=colour, marker=marker, label=col, zorder=3)
    ax.hlines(y, frame.min(axis=1), frame.max(axis=1), color="#BBBBBB", lw=1, zorder=1)
    ax.set_yticks(y, [names.get(i, i) for i in frame.index])
    ax.set_xlabel(xlabel)
    ax.set_xlim(-0.03, 1.03)
    ax.grid(axis="x")
    ax.legend(loc="lower right")
    return fig, ax


# Tile-grid map: each country a square placed roughly where it lies (row, column), so no boundary file is needed.
TILE_POSITIONS = {"BLR": (0, 1), "RUS": (0, 3), "MDA": (1, 0), "UKR": (1, 1), "KAZ": (1, 4), "GEO": (2, 2),
                  "AZE": (2, 3), "UZB": (2, 4), "KGZ": (2, 5), "ARM": (3, 2), "TKM": (3, 4), "TJK": (3, 5)}


def spread(values: list[float], gap: float) -> list[float]:
    """Label positions for sorted `values`, pushed apart to at least `gap` so labels do not overlap."""
    out: list[float] = []
    for v in values:
        out.append(max(v, out[-1] + gap) if out else v)
    shift = (sum(out) - sum(values)) / len(out) if out else 0  # re-centre on the data
    return [y - shift for y in out]
