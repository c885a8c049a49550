"""Helpers for the Belarus chapter: partner shares and flows with the post-2021 statistical blackout drawn as an
explicit blank period, gas and oil panels that keep each publisher's series apart, and a two-period timeline.

Nothing here fills a gap: a year without a sourced value stays empty, and series from different publishers (Belstat,
Russian customs, Gazprom, officials' statements) are drawn with different marks and never joined by a line.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .charts import COUNTRY_COLOURS, PARTNER_COLOURS, new_figure
from .plots import CATEGORY_COLOURS

FIRST_YEAR, LAST_YEAR = 2014, 2025
# Belstat's last year with partner tables; from 2022 it stopped publishing trade by country.
LAST_BELSTAT_YEAR = 2021
GAP_LABEL = "no Belstat\npartner data\n(2022–)"
GAP_COLOUR = "#F2F2F2"
UKRAINE = COUNTRY_COLOURS["UKR"]

# Partner shares (Belstat, full years): (indicator, legend label, colour, line style).
RUSSIA_SHARES = [
    ("russia_share_of_trade_pct", "of trade turnover", PARTNER_COLOURS["Russia"], "-", "o"),
    ("russia_share_of_exports_pct", "of exports", PARTNER_COLOURS["Russia"], "--", "^"),
    ("russia_share_of_imports_pct", "of imports", PARTNER_COLOURS["Russia"], ":", "s"),
]
OTHER_SHARES = [
    ("eu_share_of_exports_pct", "EU, of exports", PARTNER_COLOURS["EU"], "--", "^"),
    ("eu_share_of_imports_pct", "EU, of imports", PARTNER_COLOURS["EU"], ":", "s"),
    ("ukraine_share_of_trade_pct", "Ukraine, of trade turnover", UKRAINE, "-", "o"),
]
OFFICIAL_SHARE = "russia_share_of_exports_official_jan_sep_pct"


def publisher_of(note: str) -> str:
    """Whose statistics a row's `note` says it is: the few publishers the Belarus energy and trade rows use."""
    text = str(note)
    if "Federal Customs" in text or "FCS" in text or "Russian customs" in text:
        return "Russian customs"
    if "Gazprom" in text:
        return "Gazprom"
    if "Belstat" in text or "statistics committee" in text.lower():
        return "Belstat"
    if "CDU TEK" in text:
        return "Russian energy ministry dispatch (CDU TEK)"
    return "other"


def mark_gap(ax, start: int = LAST_BELSTAT_YEAR + 1, end: int = LAST_YEAR, label: str | None = GAP_LABEL) -> None:
    """Shade the years without partner statistics and say so on the chart (a blank period, not a zero)."""
    ax.axvspan(start - 0.5, end + 0.5, facecolor=GAP_COLOUR, lw=0, zorder=0)
    if label:
        ax.text((start + end) / 2, 0.97, label, transform=ax.get_xaxis_transform(), ha="center", va="top",
                fontsize=6.5, color="#555555")


def _year_axis(ax) -> None:
    ax.set_xlim(FIRST_YEAR - 0.5, LAST_YEAR + 0.5)
    ax.set_xticks(range(FIRST_YEAR, LAST_YEAR + 1, 2))


def _line(ax, rows: pd.DataFrame, *, colour: str, style: str, label: str, marker: str = "o", filled: bool = True):
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    s = rows.set_index("year")["value"].reindex(years)  # a missing year breaks the line, never bridged
    ax.plot(list(years), s.to_numpy(dtype=float), ls=style, marker=marker, color=colour, label=label, lw=1.6,
            markerfacecolor=colour if filled else "white", markeredgecolor=colour, markersize=5)


def trade_shares_figure(indicators: pd.DataFrame, iso3: str = "BLR"):
    """Two panels of partner shares by year: Russia (left) and the EU and Ukraine (right).

    Belstat's full-year shares are solid marks; the one post-2021 figure, an official's January-September statement,
    is a hollow diamond kept off the Belstat lines. Returns (fig, axes, plotted tidy rows).
    """
    ind = indicators[indicators["iso3"] == iso3]
    fig, axes = new_figure(6.4, 3.4, ncols=2, sharey=True)
    plotted = []
    for ax, spec, title in ((axes[0], RUSSIA_SHARES, "Russia's share"), (axes[1], OTHER_SHARES, "EU and Ukraine")):
        mark_gap(ax)
        for indicator, label, colour, style, marker in spec:
            rows = ind[ind["indicator"] == indicator].sort_values("year")
            if rows.empty:
                continue
            _line(ax, rows, colour=colour, style=style, label=label, marker=marker)
            plotted.append(rows.assign(series="Belstat, full year"))
        ax.set_title(title, fontsize=9)
        _year_axis(ax)
    official = ind[ind["indicator"] == OFFICIAL_SHARE].sort_values("year")
    if not official.empty:
        _line(axes[0], official, colour="#7A2E3B", style=(0, (1, 2)), marker="D", filled=False,
              label="of exports, Jan–Sep\n(official's statement)")
        plotted.append(official.assign(series="official statement, January-September"))
    axes[0].set_ylabel("% of Belarus's goods trade")
    axes[0].set_ylim(0, 100)
    axes[0].yaxis.set_major_formatter(lambda v, _: f"{v:g}%")
    axes[0].legend(loc="lower left", fontsize=6.5, handlelength=2.6)  # below the data (shares of 40-60 %)
    axes[1].legend(loc="upper left", fontsize=6.5, handlelength=2.6, bbox_to_anchor=(0.0, 0.86))  # above it
    data = pd.concat(plotted, ignore_index=True)[["iso3", "year", "indicator", "value", "series", "source"]]
    return fig, axes, data


# Bars from a publisher other than Belstat are hollow and hatched, so a reader never reads them as one series.
FLOW_HATCH = {"Russian customs": "xxx", "other": "\\\\\\"}


def trade_flows_figure(indicators: pd.DataFrame, iso3: str = "BLR"):
    """Belarus's goods trade with Russia (left) and the EU (right), US$ billion, stacked exports + imports per year.

    Belstat years are solid; Russian customs' mirror figures are hatched; a turnover published without its split is an
    outlined bar; officials' goods-and-services claims are a separate diamond. Years without data stay blank.
    """
    ind = indicators[indicators["iso3"] == iso3]

    def get(indicator):
        return ind[ind["indicator"] == indicator].set_index("year")

    fig, axes = new_figure(6.4, 3.5, ncols=2, sharey=True)
    plotted = []
    panels = ((axes[0], "Russia", "exports_to_russia_usd", "imports_from_russia_usd", "trade_with_russia_usd"),
              (axes[1], "EU", "exports_to_eu_usd", "imports_from_eu_usd", "trade_with_eu_usd"))
    for ax, partner, exp_id, imp_id, tot_id in panels:
        mark_gap(ax)
        colour = PARTNER_COLOURS[partner]
        exp, imp, tot = get(exp_id), get(imp_id), get(tot_id)
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            e = exp["value"].get(year)
            i = imp["value"].get(year)
            pub = publisher_of((exp["note"].get(year) if e is not None else imp["note"].get(year)) or "")
            hatch = FLOW_HATCH.get(pub)
            face_e, face_i = (colour, _lighter(colour)) if hatch is None else ("white", "white")
            if e is not None:
                ax.bar(year, e / 1e9, width=0.7, color=face_e, edgecolor=colour, hatch=hatch, lw=0.8)
                plotted.append({"partner": partner, "year": year, "flow": "exports", "value_usd_bn": e / 1e9,
                                "series": _series_label(pub), "source": exp["source"].get(year)})
            if i is not None:
                ax.bar(year, i / 1e9, bottom=(e or 0) / 1e9, width=0.7, color=face_i, edgecolor=colour, hatch=hatch,
                       lw=0.8)
                plotted.append({"partner": partner, "year": year, "flow": "imports", "value_usd_bn": i / 1e9,
                                "series": _series_label(pub), "source": imp["source"].get(year)})
            t = tot["value"].get(year)
            if t is not None and (e is None or i is None):  # a turnover without its split: outline only
                ax.bar(year, t / 1e9, width=0.7, fill=False, edgecolor=colour, lw=1.0, ls="--")
                plotted.append({"partner": partner, "year": year, "flow": "turnover (no split published)",
                                "value_usd_bn": t / 1e9, "series": publisher_of(tot["note"].get(year)),
                                "source": tot["source"].get(year)})
        ax.set_title(f"Goods trade with {'the ' if partner == 'EU' else ''}{partner}", fontsize=9)
        _year_axis(ax)
    claims = get("trade_with_russia_goods_services_usd")
    for year, row in claims.iterrows():
        axes[0].plot(year, row["value"] / 1e9, marker="D", color="#7A2E3B", markerfacecolor="white", ms=5, ls="none")
        plotted.append({"partner": "Russia", "year": year, "flow": "goods and services (official claim)",
                        "value_usd_bn": row["value"] / 1e9, "series": "Belarusian officials",
                        "source": row["source"]})
    axes[0].set_ylabel("US$ billion")
    axes[0].set_ylim(0, 70)  # head-room so the gap label clears the tallest mark
    handles = [Patch(facecolor=PARTNER_COLOURS["Russia"], label="exports (Belstat)"),
               Patch(facecolor=_lighter(PARTNER_COLOURS["Russia"]), label="imports (Belstat)"),
               Patch(facecolor="white", edgecolor=PARTNER_COLOURS["Russia"], hatch="xxx",
                     label="Russian customs (mirror)"),
               Patch(fill=False, edgecolor=PARTNER_COLOURS["Russia"], ls="--", label="turnover, no split"),
               _diamond_handle("officials' claim,\ngoods + services")]
    axes[0].legend(handles=handles, loc="upper left", fontsize=6.2, bbox_to_anchor=(0.0, 0.99))
    axes[1].legend(handles=[Patch(facecolor=PARTNER_COLOURS["EU"], label="exports (Belstat)"),
                            Patch(facecolor=_lighter(PARTNER_COLOURS["EU"]), label="imports (Belstat)"),
                            Patch(facecolor="white", edgecolor=PARTNER_COLOURS["EU"], hatch="\\\\\\",
                                  label="exports, press report\n(publisher not named)")],
                   loc="upper left", fontsize=6.2, bbox_to_anchor=(0.0, 0.99))
    return fig, axes, pd.DataFrame(plotted)


def _series_label(publisher: str) -> str:
    return "press report, statistical publisher not named" if publisher == "other" else publisher


def _diamond_handle(label: str):
    from matplotlib.lines import Line2D

    return Line2D([], [], marker="D", color="#7A2E3B", markerfacecolor="white", ls="none", label=label)


def _lighter(hex_colour: str, amount: float = 0.55) -> str:
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    mixed = rgb + (255 - rgb) * amount
    return "#" + "".join(f"{int(round(v)):02X}" for v in mixed)


ENERGY_MARKS = {"Gazprom": ("o", True), "Russian customs": ("s", False), "Belstat": ("^", False)}


def energy_figure(indicators: pd.DataFrame, iso3: str = "BLR"):
    """Three small panels: Russian gas volumes by publisher, the Russian gas price, and Russian crude supplies."""
    ind = indicators[indicators["iso3"] == iso3]
    fig, axes = new_figure(6.4, 2.9, ncols=3)
    plotted = []
    colour = PARTNER_COLOURS["Russia"]
    gas = ind[ind["indicator"].isin(["gas_imports_from_russia_bcm", "gas_imports_bcm"])].copy()
    gas["series"] = [("Belstat, all imports" if r.indicator == "gas_imports_bcm" else publisher_of(r.note))
                     for r in gas.itertuples()]
    for series, rows in gas.groupby("series", sort=True):
        key = "Belstat" if series.startswith("Belstat") else series
        marker, filled = ENERGY_MARKS.get(key, ("o", True))
        _line(axes[0], rows.sort_values("year"), colour=colour, style="-", marker=marker, filled=filled, label=series)
        plotted.append(rows)
    axes[0].set_title("Gas delivered, bcm", fontsize=8.5)
    axes[0].set_ylim(0, 25)
    axes[0].legend(fontsize=6, loc="lower left")
    for ax, indicator, title, top in ((axes[1], "gas_price_blr_usd_per_tcm", "Gas price, US$ per 1000 m³", 200),
                                      (axes[2], "russian_oil_supplies_blr_mt", "Crude oil supplied, Mt", 30)):
        rows = ind[ind["indicator"] == indicator].sort_values("year")
        _line(ax, rows, colour=colour, style="-", label=title)
        ax.set_title(title, fontsize=8.5)
        ax.set_ylim(0, top)
        plotted.append(rows.assign(series=""))  # mixed publishers; the note column says whose each value is
    for ax in axes:
        ax.set_xlim(FIRST_YEAR - 0.5, 2021.5)
        ax.set_xticks(range(FIRST_YEAR, 2022, 2), [f"’{y % 100:02d}" for y in range(FIRST_YEAR, 2022, 2)])
    data = pd.concat(plotted, ignore_index=True)
    return fig, axes, data[["iso3", "year", "indicator", "value", "series", "source", "note"]]


def events_by_period(events: pd.DataFrame, split: str, labels: tuple[str, str]) -> pd.DataFrame:
    """Count events per category before and from `split` (a date), categories as rows, the two periods as columns."""
    when = np.where(events["date"] < pd.Timestamp(split), labels[0], labels[1])
    table = events.assign(period=when).groupby(["category", "period"]).size().unstack(fill_value=0)
    table = table.reindex(columns=list(labels), fill_value=0)
    return table.sort_values(list(labels)[::-1], ascending=False)


def two_period_timeline(events: pd.DataFrame, split: str, *, titles: tuple[str, str], width: float = 6.4,
                        wrap: int = 38):
    """Two timelines side by side, events before `split` on the left and from it on the right, dots by category."""
    parts = [events[events["date"] < pd.Timestamp(split)], events[events["date"] >= pd.Timestamp(split)]]
    texts = []
    for rows in parts:
        rows = rows.sort_values("date")
        texts.append([("\n".join(textwrap.wrap(f"{r.date:%d %b %Y} – {r.summary}", wrap)), r.category)
                      for r in rows.itertuples()])
    lines = max(sum(t.count("\n") + 1 for t, _ in col) + 0.4 * len(col) for col in texts)
    fig, axes = new_figure(width, 1.0 + 0.15 * lines, ncols=2)
    for ax, col, title in zip(axes, texts, titles):
        y = 0.0
        for text, category in col:
            ax.scatter([0], [y - 0.35], s=24, color=CATEGORY_COLOURS.get(category, "#555555"), zorder=3)
            ax.text(0.07, y, text, va="top", fontsize=6.8)
            y -= text.count("\n") + 1.4
        ax.plot([0, 0], [min(y, -1), 0.3], color="#CCCCCC", lw=1, zorder=1)
        ax.set_xlim(-0.05, 1)
        ax.set_ylim(-lines - 0.5, 0.9)
        ax.set_title(title, fontsize=9, loc="left")
        ax.axis("off")
    used = [c for c in CATEGORY_COLOURS if c in set(events["category"])]
    # The legend goes under the shorter column, where there is room (the figure title is added later, on top).
    heights = [sum(t.count("\n") + 1.4 for t, _ in col) for col in texts]
    axes[int(np.argmin(heights))].legend(handles=[Patch(color=CATEGORY_COLOURS[c], label=c) for c in used],
                                         loc="lower left", ncol=2, fontsize=7, title="kind of event",
                                         title_fontsize=7)
    return fig, axes
