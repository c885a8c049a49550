"""Helpers for the South Caucasus chapter: de-duplicating same-day events, a money-and-mood pair of panels, and
labelled horizontal bars for counts that come from different publishers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .charts import new_figure

# When two helpers described the same day's event under different categories, keep the hardest-edged one.
CATEGORY_PRIORITY = ["war", "security", "sanctions", "eu", "energy", "diplomacy", "summit", "elections", "domestic",
                     "trade", "media", "un"]

# Colours for the money series (Russia-related flows in Russia's partner colour family, totals in grey).
MONEY_COLOURS = {
    "Exports to Russia": "#BB5566",
    "Imports from Russia": "#EE99AA",
    "Transfers from Russia": "#882255",
    "All transfers received": "#BBBBBB",
}
# Colours for opinion series: favourable readings cool, hostile readings warm.
MOOD_COLOURS = {
    "Approve of Russia's leadership (Gallup)": "#4477AA",
    "Disapprove of Russia's leadership (Gallup)": "#EE6677",
    "Relations with Russia good (IRI)": "#66CCEE",
    "Russia a political threat (IRI)": "#AA3377",
    "Russia the main enemy (CRRC)": "#CC3311",
    "Approve the goal of joining the EU (NDI)": "#004488",
    "Support EU membership (IRI)": "#6699CC",
}


def one_per_day(events: pd.DataFrame, priority: list[str] = CATEGORY_PRIORITY) -> pd.DataFrame:
    """Keep one event per (date, iso3): the one whose category comes first in `priority` (ties: first row)."""
    if events.empty:
        return events.copy()
    rank = {c: i for i, c in enumerate(priority)}
    out = events.assign(_rank=events["category"].map(lambda c: rank.get(c, len(rank))), _pos=range(len(events)))
    out = out.sort_values(["date", "iso3", "_rank", "_pos"]).drop_duplicates(["date", "iso3"], keep="first")
    return out.drop(columns=["_rank", "_pos"]).reset_index(drop=True)


def money_and_mood(money: pd.DataFrame, mood: pd.DataFrame, *, money_label: str = "US$ billion",
                   mood_label: str = "% of respondents", mood_title: str = "Mood: views of Russia",
                   width: float = 8.6, height: float = 4.2):
    """Two panels side by side: grouped bars of money flows by year (left), opinion lines by year (right).

    `money` and `mood` are year-indexed tables, one column per series; missing cells stay empty (no bar, a break in
    the line), never zero. Returns (fig, (ax_money, ax_mood)).
    """
    fig, (ax_m, ax_o) = new_figure(width, height, ncols=2, gridspec_kw={"width_ratios": [1.15, 1]})
    n = max(1, len(money.columns))
    step = 0.8 / n
    x = np.arange(len(money.index))
    for i, col in enumerate(money.columns):
        ax_m.bar(x - 0.4 + step * (i + 0.5), money[col].to_numpy(dtype=float), width=step,
                 color=MONEY_COLOURS.get(col, "#777777"), label=col)
    ax_m.set_xticks(x, [str(i) for i in money.index])
    ax_m.set_ylabel(money_label)
    ax_m.legend(fontsize=7, loc="upper left")
    ax_m.set_title("Money: trade and transfers", fontsize=9)

    years = range(int(mood.index.min()), int(mood.index.max()) + 1) if len(mood.index) else []
    mood = mood.reindex(years)
    for col in mood.columns:
        s = mood[col]
        colour = MOOD_COLOURS.get(col, "#555555")
        ax_o.plot(mood.index, s.to_numpy(dtype=float), marker="o", color=colour, label=col)
    ax_o.set_ylim(0, 100)
    ax_o.set_ylabel(mood_label)
    ax_o.yaxis.set_major_formatter(lambda v, _: f"{v:g}%")
    ax_o.set_xticks(list(years))
    ax_o.tick_params(axis="x", labelsize=7)
    # below the panel, so that no poll reading hides behind it
    ax_o.legend(fontsize=6.5, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    ax_o.set_title(mood_title, fontsize=9)
    return fig, (ax_m, ax_o)


def labelled_hbars(values: pd.Series, *, colours: list[str] | None = None, xlabel: str = "persons",
                   width: float = 6.4, height: float | None = None, fmt: str = "{:,.0f}"):
    """One horizontal bar per entry of `values` (index = label), top to bottom in the given order, value printed."""
    height = height or 1.1 + 0.45 * len(values)
    fig, ax = new_figure(width, height)
    y = np.arange(len(values))[::-1]
    ax.barh(y, values.to_numpy(dtype=float), color=colours or "#CC6677", height=0.6)
    for yy, v in zip(y, values.to_numpy(dtype=float)):
        ax.text(v, yy, " " + fmt.format(v), va="center", ha="left", fontsize=8)
    ax.set_yticks(y, list(values.index), fontsize=8)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlim(0, float(values.max()) * 1.18)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    return fig, ax


def tidy_summaries(events: pd.DataFrame, leaders: dict[str, str]) -> pd.DataFrame:
    """Summaries ready for a timeline: drop the '[Partner] ' tag that summit rows carry for counting, and name the
    leader where a shared summit row says only 'The leader' (`leaders` maps iso3 to a surname)."""
    out = events.copy()
    text = out["summary"].str.replace(r"^\[[^\]]+\]\s*", "", regex=True)
    for iso3, name in leaders.items():
        mine = out["iso3"] == iso3
        text[mine] = text[mine].str.replace(r"^The leader\b", name, regex=True)
    out["summary"] = text
    return out
