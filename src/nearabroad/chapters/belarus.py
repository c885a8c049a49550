"""The Belarus chapter: votes, trade, energy, arms, security ties, opinion and relations with the West.

Rules this module keeps so that the chapter's figures say no more than the data:
- one publisher per series: Belstat's partner shares, the Foreign Ministry's 2021 shares (a recorded series break),
  the IMF's China figures, Gazprom's gas volumes and the Belarusian government's gas prices and 2023 trade claim are
  drawn with their own marks and never joined by a line;
- the years in which Belstat published no partner breakdown (2022 on) are a shaded blank band, never zeros;
- a price in force for part of a year is drawn over that part of the year only;
- timelines are HTML lists (`present.event_list`), never images; an event whose only sources are relays is left out
  of the lists (it stays in the data);
- the verdict comes from `countries.signals`, never from this module.
"""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from .. import analysis as an
from .. import countries as ct
from .. import plots, present
from ..charts import COUNTRY_COLOURS, PARTNER_COLOURS, new_figure
from ..data import bibliography
from ..findings import fmt

ISO3 = "BLR"
GRID_ORDER = ["BLR", "RUS", "ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB", "MDA", "UKR"]
TERRITORIAL = ct.TERRITORIAL["before"] + ct.TERRITORIAL["after"]
FIRST_YEAR, LAST_YEAR = 2014, 2025
LAST_PARTNER_YEAR = 2021  # Belstat's last year with trade by partner country
GAP_COLOUR = "#EEEEEE"
GAP_LABEL = "no partner\nbreakdown\npublished\n(2022–)"
BREAK_PUBLISHER = "Government of Belarus"  # the Foreign Ministry's report: the 2021 shares (data/series_breaks.csv)
RUSSIA, CHINA, EU = PARTNER_COLOURS["Russia"], PARTNER_COLOURS["China"], PARTNER_COLOURS["EU"]
UKRAINE = COUNTRY_COLOURS["UKR"]
CHATHAM = ["chathamhouse_blr_russian_troops_leave_now_pct", "chathamhouse_blr_support_russia_military_actions_pct",
           "chathamhouse_blr_oppose_russia_military_actions_pct", "chathamhouse_blr_army_join_war_support_pct"]

# The dated events each list shows, as (date, category): chosen here, checked to exist, so a list never silently
# loses an event when the data change.
SECURITY_EVENTS = [("2021-09-10", "security"), ("2021-11-04", "summit"), ("2022-02-10", "security"),
                   ("2022-02-20", "security"), ("2022-02-24", "war"), ("2022-02-27", "domestic"),
                   ("2022-03-02", "security"), ("2023-05-25", "security"), ("2023-06-13", "security"),
                   ("2023-06-27", "security"), ("2025-09-12", "security"), ("2025-12-18", "security")]
WEST_EVENTS = [("2014-09-05", "diplomacy"), ("2015-02-12", "diplomacy"), ("2015-08-22", "domestic"),
               ("2020-02-01", "diplomacy"), ("2020-08-09", "elections"), ("2021-05-23", "security"),
               ("2021-06-24", "sanctions"), ("2021-06-28", "diplomacy"), ("2022-03-02", "sanctions"),
               ("2025-01-26", "elections")]
MONEY_EVENTS = [("2020-01-01", "energy"), ("2020-02-07", "energy"), ("2020-09-14", "energy"), ("2020-09-16", "energy"),
                ("2022-11-15", "energy"), ("2024-04-25", "energy"), ("2025-03-14", "energy")]

ORGANISATIONS = {"Union State": "Union State of Belarus and Russia", "CSTO": "Collective Security Treaty Organization",
                 "EAEU": "Eurasian Economic Union", "CIS": "Commonwealth of Independent States",
                 "SCO": "Shanghai Cooperation Organisation"}
DIRECTIONS = {"away": "away from Russia", "toward": "toward Russia", "no change": "no change", "no data": "no data",
              "already aligned": "already with the majority", "mixed": "mixed"}


names = an.country_names


def _blr(tables, indicator: str) -> pd.DataFrame:
    return an.series(tables["indicators"], indicator, ISO3)


def _tidy(rows: pd.DataFrame, **extra) -> pd.DataFrame:
    cols = ["iso3", "year", "indicator", "value", "publisher", "source"]
    return rows[cols].assign(**extra)


def _mark_gap(ax, label: bool = True) -> None:
    """Shade the years without a partner breakdown: a blank period, not a zero."""
    ax.axvspan(LAST_PARTNER_YEAR + 0.5, LAST_YEAR + 0.5, facecolor=GAP_COLOUR, lw=0, zorder=0)
    if label:
        ax.text((LAST_PARTNER_YEAR + 1 + LAST_YEAR) / 2, 0.97, GAP_LABEL, transform=ax.get_xaxis_transform(),
                ha="center", va="top", fontsize=7, color="#555555")


def _years(ax, first: int = FIRST_YEAR, last: int = LAST_YEAR, step: int = 2) -> None:
    ax.set_xlim(first - 0.6, last + 0.6)
    ax.set_xticks(range(first, last + 1, step))


def _points(ax, rows: pd.DataFrame, *, colour: str, marker: str, hollow: bool = False, label: str | None = None,
            ms: float = 5.5, zorder: int = 3):
    """A publisher's values as marks, joined only across consecutive years of the same publisher."""
    if rows.empty:
        return
    s = rows.set_index("year")["value"].astype(float)
    s = s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))  # a missing year breaks the line
    ax.plot(s.index, s.values, color=colour, marker=marker, ms=ms, lw=1.6, label=label, zorder=zorder,
            markerfacecolor="white" if hollow else colour, markeredgecolor=colour, markeredgewidth=1.4)


def _legend_below(ax, handles=None, ncol: int = 2) -> None:
    kwargs = {"handles": handles} if handles is not None else {}
    ax.legend(**kwargs, loc="upper left", bbox_to_anchor=(-0.02, -0.13), ncol=ncol, fontsize=7, handlelength=1.8,
              columnspacing=1.0, borderaxespad=0.0)


PUBLISHER_HANDLES = [Line2D([], [], ls="none", marker="o", ms=5.5, color="#555555", label="filled: Belstat"),
                     Line2D([], [], ls="none", marker="o", ms=5.5, color="#555555", markerfacecolor="white",
                            markeredgewidth=1.4, label="hollow: Foreign\nMinistry, 2021")]


def _split(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the series' own publisher, the recorded break) for a Russia share series."""
    brk = rows["publisher"] == BREAK_PUBLISHER
    return rows[~brk], rows[brk]


# ---- votes ------------------------------------------------------------------------------------------------------

def vote_columns(votes: pd.DataFrame) -> list[str]:
    """The territorial-integrity resolutions first (the report's vote signal), then the others in date order."""
    others = [r for r in an.resolutions_in_order(votes) if r not in TERRITORIAL]
    return TERRITORIAL + others


def figure_votes(tables):
    """Twelve countries x ten General Assembly resolutions, territorial-integrity texts first, Belarus outlined."""
    votes = tables["unga_votes"]
    cols = vote_columns(votes)
    matrix = an.vote_matrix(votes, GRID_ORDER)[cols]
    fig, ax = plots.vote_grid(matrix, names=names(tables))
    ax.add_patch(Rectangle((-0.5, -0.5), len(cols), 1, fill=False, edgecolor="#222222", lw=1.6, clip_on=False))
    n = len(TERRITORIAL)
    ax.axvline(n - 0.5, color="#222222", lw=1.2)
    ax.text((n - 1) / 2, -0.7, "territorial integrity", ha="center", va="bottom", fontsize=7.5, fontweight="bold")
    ax.text((n + len(cols) - 1) / 2, -0.7, "other resolutions on the war", ha="center", va="bottom", fontsize=7.5,
            fontweight="bold")
    data = votes[votes["iso3"].isin(GRID_ORDER)].assign(
        date=lambda d: d["date"].dt.strftime("%Y-%m-%d"),
        group=lambda d: d["resolution"].map(lambda r: "territorial integrity" if r in TERRITORIAL else "other"))
    return fig, data[["resolution", "date", "group", "iso3", "vote", "source"]].reset_index(drop=True)


# ---- trade --------------------------------------------------------------------------------------------------------

def china_share(tables) -> pd.DataFrame:
    """China's share of Belarus's goods trade, computed from the IMF's own partner and total values (DOTS)."""
    rows = an.partner_share(tables["indicators"], "china", [ISO3])
    return rows[rows["publisher"] == "International Monetary Fund"].reset_index(drop=True)


def figure_trade_shares(tables):
    """Left: partner shares of all goods trade (Russia, China, Ukraine). Right: Russia's and the EU's shares of
    exports and of imports. Belstat marks are filled, the Foreign Ministry's 2021 values hollow (a series break),
    China's IMF-based line has its own colour; the years without partner data are a blank band."""
    fig, (left, right) = new_figure(6.4, 3.9, ncols=2, sharey=True)
    plotted = []
    russia = _blr(tables, "russia_share_of_trade_pct")
    own, brk = _split(russia)
    _points(left, own, colour=RUSSIA, marker="o", label="Russia (Belstat)")
    _points(left, brk, colour=RUSSIA, marker="o", hollow=True, label="Russia, 2021\n(Foreign Ministry)")
    plotted += [_tidy(own, partner="Russia", flow="trade", basis="published share"),
                _tidy(brk, partner="Russia", flow="trade", basis="published share (series break)")]
    china = china_share(tables)
    _points(left, china, colour=CHINA, marker="s", ms=3.5, zorder=2, label="China (IMF)")
    plotted.append(china.assign(indicator="china_share_of_trade_pct", partner="China", flow="trade")[
        ["iso3", "year", "indicator", "value", "publisher", "source", "partner", "flow", "basis"]])
    ukraine = _blr(tables, "ukraine_share_of_trade_pct")
    _points(left, ukraine, colour=UKRAINE, marker="^", ms=6.5, label="Ukraine (Belstat)")
    plotted.append(_tidy(ukraine, partner="Ukraine", flow="trade", basis="published share"))
    left.set_title("Share of all goods trade", fontsize=9)
    _legend_below(left)
    specs = [("russia_share_of_exports_pct", RUSSIA, "^", "Russia, exports", "exports"),
             ("russia_share_of_imports_pct", RUSSIA, "v", "Russia, imports", "imports"),
             ("eu_share_of_exports_pct", EU, "^", "EU, exports", "exports"),
             ("eu_share_of_imports_pct", EU, "v", "EU, imports", "imports")]
    for indicator, colour, marker, label, flow in specs:
        rows = _blr(tables, indicator)
        own, brk = _split(rows)
        _points(right, own, colour=colour, marker=marker, label=label)
        _points(right, brk, colour=colour, marker=marker, hollow=True)
        partner = "Russia" if indicator.startswith("russia") else "EU"
        plotted.append(_tidy(own, partner=partner, flow=flow, basis="published share"))
        if len(brk):
            plotted.append(_tidy(brk, partner=partner, flow=flow, basis="published share (series break)"))
    right.set_title("Share of exports and of imports", fontsize=9)
    handles, _ = right.get_legend_handles_labels()
    _legend_below(right, handles + PUBLISHER_HANDLES)
    for ax in (left, right):
        _mark_gap(ax)
        _years(ax)
        ax.tick_params(axis="x", labelsize=7.5)
    left.set_ylim(0, 75)
    left.set_ylabel("% of Belarus's goods trade")
    left.yaxis.set_major_formatter(lambda v, _: f"{v:g}%")
    data = pd.concat([p for p in plotted if len(p)], ignore_index=True)
    return fig, data


def figure_trade_values(tables):
    """Goods exports and imports (stacked) with Russia and with the EU, US$ billion, Belstat years only; the
    government's 2023 goods-and-services figure for Russia is a separate diamond, never joined to the bars."""
    fig, axes = new_figure(6.4, 3.1, ncols=2, sharey=True)
    plotted = []
    panels = ((axes[0], "Russia", RUSSIA, "exports_to_russia_usd", "imports_from_russia_usd"),
              (axes[1], "EU", EU, "exports_to_eu_usd", "imports_from_eu_usd"))
    for ax, partner, colour, exp_id, imp_id in panels:
        exp, imp = _blr(tables, exp_id).set_index("year"), _blr(tables, imp_id).set_index("year")
        for year in sorted(set(exp.index) | set(imp.index)):
            e = exp["value"].get(year, 0.0) / 1e9
            i = imp["value"].get(year)
            if year in exp.index:
                ax.bar(year, e, width=0.7, color=colour, zorder=2)
            if i is not None:
                ax.bar(year, i / 1e9, bottom=e, width=0.7, color=colour, alpha=0.45, zorder=2)
        plotted += [_tidy(exp.reset_index(), partner=partner, flow="exports", unit="US$"),
                    _tidy(imp.reset_index(), partner=partner, flow="imports", unit="US$")]
        ax.set_title(f"With {'the ' if partner == 'EU' else ''}{partner}", fontsize=9)
        _mark_gap(ax)
        _years(ax)
        ax.tick_params(axis="x", labelsize=7.5)
    claim = _blr(tables, "trade_with_russia_goods_services_usd")
    axes[0].plot(claim["year"], claim["value"] / 1e9, ls="none", marker="D", ms=6, color=RUSSIA,
                 markerfacecolor="white", markeredgewidth=1.5, zorder=3)
    plotted.append(_tidy(claim, partner="Russia", flow="goods and services (government statement)", unit="US$"))
    axes[0].set_ylim(0, 75)
    axes[0].set_ylabel("US$ billion")
    handles = [Patch(color=RUSSIA, label="exports (Belstat)"),
               Patch(color=RUSSIA, alpha=0.45, label="imports (Belstat)"),
               Line2D([], [], ls="none", marker="D", color=RUSSIA, markerfacecolor="white",
                      label="goods and services,\ngovernment statement")]
    axes[0].legend(handles=handles, loc="upper left", fontsize=7, borderaxespad=0.2)
    axes[1].legend(handles=[Patch(color=EU, label="exports (Belstat)"),
                            Patch(color=EU, alpha=0.45, label="imports (Belstat)")],
                   loc="upper left", fontsize=7, borderaxespad=0.2)
    return fig, pd.concat(plotted, ignore_index=True)


# ---- energy and arms ------------------------------------------------------------------------------------------------

PRICE_PERIODS = {  # year -> (start, end) of the period the stated price applies to; year Y runs from Y-0.5 to Y+0.5
    2015: (2014.5, 2014.5),  # the price announced in January 2015; the formula moved during the year
    2017: (2017.0, 2017.5),  # second half of 2017 only
}


def figure_energy(tables):
    """Left: gas delivered by Gazprom (its own figures), bcm. Right: the price of Russian gas as stated by the
    Belarusian government, each drawn over the period it applies to."""
    fig, (left, right) = new_figure(6.4, 3.0, ncols=2)
    gas = _blr(tables, "gas_imports_from_russia_bcm")
    _points(left, gas, colour=RUSSIA, marker="o")
    for r in gas.itertuples():
        left.annotate(f"{r.value:g}", (r.year, r.value), xytext=(0, 5), textcoords="offset points", ha="center",
                      fontsize=7)
    left.set_ylim(0, 25)
    left.set_title("Gas delivered by Gazprom, bcm", fontsize=9)
    price = _blr(tables, "gas_price_blr_usd_per_tcm")
    periods = []
    for r in price.itertuples():
        start, end = PRICE_PERIODS.get(r.year, (r.year - 0.5, r.year + 0.5))
        if start == end:
            right.plot(start, r.value, marker="D", ms=5.5, color=RUSSIA, markerfacecolor="white", markeredgewidth=1.4)
            periods.append("announced in January; the formula moved during the year")
        else:
            right.plot([start, end], [r.value, r.value], color=RUSSIA, lw=2.6, solid_capstyle="butt")
            periods.append("whole year" if end - start == 1 else "July-December only")
        right.annotate(f"{r.value:g}", ((start + end) / 2, r.value), xytext=(0, 6), textcoords="offset points",
                       ha="center", fontsize=7)
    right.set_ylim(0, 180)
    right.set_title("Gas price, US$ per 1000 m³", fontsize=9)
    right.legend(handles=[Line2D([], [], color=RUSSIA, lw=2.6, label="price for the months\nthe bar spans"),
                          Line2D([], [], ls="none", marker="D", color=RUSSIA, markerfacecolor="white",
                                 label="announced Jan 2015")], loc="lower left", fontsize=7, borderaxespad=0.2)
    for ax in (left, right):
        _years(ax, 2014, 2021, step=1)
        ax.tick_params(axis="x", labelsize=7)
    data = pd.concat([_tidy(gas, series="gas delivered, Gazprom's figures", period="calendar year"),
                      _tidy(price, series="gas price, Belarusian government", period=periods)], ignore_index=True)
    return fig, data


def figure_arms(tables):
    """Deliveries of major arms from Russia, SIPRI TIV per year (SIPRI's exporter table for Russia, March 2024 release, to 2023)."""
    fig, ax = new_figure(6.4, 2.6)
    arms = _blr(tables, "sipri_arms_imports_from_russia_tiv")
    ax.set_axisbelow(True)
    ax.bar(arms["year"], arms["value"], width=0.7, color=RUSSIA)
    for r in arms.itertuples():
        ax.annotate(f"{r.value:g}", (r.year, r.value), xytext=(0, 2), textcoords="offset points", ha="center",
                    va="bottom", fontsize=7)
    ax.set_ylabel("million TIV")
    ax.set_ylim(0, arms["value"].max() * 1.15)
    ax.set_xticks(list(arms["year"]))
    return fig, _tidy(arms, supplier="Russia")


# ---- tables and lists -------------------------------------------------------------------------------------------

def _citable(events: pd.DataFrame) -> pd.DataFrame:
    """Events with at least one source above the relay tier."""
    bib = bibliography()
    return events[[bib.best_tier(s) != "relay" for s in events["source"]]]


def events_of(tables, wanted: list[tuple[str, str]]) -> pd.DataFrame:
    ev = tables["events"]
    ev = _citable(ev[ev["iso3"] == ISO3])
    key = list(zip(ev["date"].dt.strftime("%Y-%m-%d"), ev["category"]))
    rows = ev[[k in set(wanted) for k in key]]
    missing = set(wanted) - set(zip(rows["date"].dt.strftime("%Y-%m-%d"), rows["category"]))
    if missing:
        raise KeyError(f"Belarus events not in the data (or only relay-sourced): {sorted(missing)}")
    return rows


def table_security(tables):
    return present.event_list(events_of(tables, SECURITY_EVENTS), names(tables), with_country=False)


def table_west(tables):
    return present.event_list(events_of(tables, WEST_EVENTS), names(tables), with_country=False)


def table_money(tables):
    return present.event_list(events_of(tables, MONEY_EVENTS), names(tables), with_country=False)


def _date(text: str) -> str:
    return pd.Timestamp(text).strftime("%-d %b %Y") if len(str(text)) > 4 else str(text)


def table_memberships(tables):
    m = tables["memberships"]
    m = m[m["iso3"] == ISO3].assign(_start=lambda d: d["start"].str[:4]).sort_values(["_start", "organisation"])
    frame = pd.DataFrame({
        "Organisation": m["organisation"].map(ORGANISATIONS).fillna(m["organisation"]),
        "Status": m["status"].str.replace("_", " "),
        "From": m["start"].map(_date),
        "Until": m["end"].map(lambda e: _date(e) if e else ""),
        "The start date marks": m["start_marks"],
        "Source": m["source"].map(present.source_links),
    })
    return present.table(frame, html_columns=("Source",))


def poll_design(note: str) -> dict[str, str]:
    """'sample: 823; fieldwork: 8-18 Apr 2022; margin: ±3.6 pp' at the end of a poll row's note, as fields."""
    out = {}
    for name in ("sample", "fieldwork", "margin"):
        found = re.search(rf"{name}: ([^;]+)", note)
        out[name] = found.group(1).strip().rstrip(".") if found else "not published"
    return out


def opinion_rows(tables) -> pd.DataFrame:
    ind = tables["indicators"]
    rows = ind[(ind["iso3"] == ISO3) & ind["indicator"].isin(CHATHAM)]
    rows = rows.set_index("indicator").loc[[c for c in CHATHAM if c in set(rows["indicator"])]].reset_index()
    design = pd.DataFrame([poll_design(n) for n in rows["note"]])
    return pd.concat([rows, design], axis=1)


def table_opinion(tables):
    rows = opinion_rows(tables)
    labels = tables["indicator_catalogue"].set_index("indicator")["label"]
    frame = pd.DataFrame({
        "Statement": rows["indicator"].map(labels).str.replace(r"\s*\(Chatham House Belarus\)", "", regex=True),
        "Share agreeing": rows["value"].map(lambda v: f"{v:g} %"),
        "Fieldwork": rows["fieldwork"].str.replace("-", "–"),
        "Sample": rows["sample"],
        "Margin of error": rows["margin"],
        "Source": rows["source"].map(present.source_links),
    })
    return present.table(frame, html_columns=("Source",), numeric=("Share agreeing",))


def signals_row(tables) -> dict:
    table = ct.signals(tables, [ISO3])
    return table.iloc[0].to_dict()


def table_verdict(tables):
    row = signals_row(tables)
    frame = pd.DataFrame({
        "Signal": [ct.SIGNAL_LABELS[s] for s in ct.SIGNALS],
        "Direction": [DIRECTIONS.get(row[s], row[s]) for s in ct.SIGNALS],
        "What it rests on": [row[f"{s}_detail"] for s in ct.SIGNALS],
    })
    return present.table(frame)


# ---- numbers the prose glues that are not findings --------------------------------------------------------------

def facts(tables) -> dict[str, str]:
    ind = tables["indicators"]

    def v(indicator, year):
        return an.value(ind, ISO3, indicator, year)

    china = china_share(tables)
    opinion = opinion_rows(tables).set_index("indicator")
    support = opinion.loc["chathamhouse_blr_support_russia_military_actions_pct"]
    price = _blr(tables, "gas_price_blr_usd_per_tcm").set_index("year")["value"]
    row = signals_row(tables)
    away = sum(row[s] == "away" for s in ct.SIGNALS)
    with_data = sum(row[s] != "no data" for s in ct.SIGNALS)
    return {
        "by-ru-trade-2021": fmt(v("russia_share_of_trade_pct", 2021), "pct"),
        "by-ru-exports-2021": fmt(v("russia_share_of_exports_pct", 2021), "pct"),
        "by-ru-imports-2021": fmt(v("russia_share_of_imports_pct", 2021), "pct"),
        "by-china-first-year": str(int(china["year"].min())),
        "by-china-last-year": str(int(china["year"].max())),
        "by-china-min": f"{china['value'].min():.1f} %",
        "by-china-max": f"{china['value'].max():.1f} %",
        "by-china-2021": f"{china.set_index('year').loc[2021, 'value']:.1f} %",
        "by-eu-exports-share-2017": fmt(v("eu_share_of_exports_pct", 2017), "pct"),
        "by-ru-goods-2017": fmt(v("exports_to_russia_usd", 2017) + v("imports_from_russia_usd", 2017), "usd"),
        "by-ru-goods-2020": fmt(v("exports_to_russia_usd", 2020) + v("imports_from_russia_usd", 2020), "usd"),
        "by-eu-goods-2017": fmt(v("exports_to_eu_usd", 2017) + v("imports_from_eu_usd", 2017), "usd"),
        "by-eu-goods-2020": fmt(v("exports_to_eu_usd", 2020) + v("imports_from_eu_usd", 2020), "usd"),
        "by-ru-claim-2023": f"${v('trade_with_russia_goods_services_usd', 2023) / 1e9:g} billion",
        "by-price-2015": f"${price[2015]:g}",
        "by-price-2017h2": f"${price[2017]:g}",
        "by-price-2018": f"${price[2018]:g}",
        "by-price-2019": f"${price[2019]:g}",
        "by-oil-2016": f"{v('russian_oil_supplies_blr_mt', 2016):g} million tonnes",
        "by-arms-last-year": str(int(_blr(tables, "sipri_arms_imports_from_russia_tiv")["year"].max())),
        "by-support-war": f"{support['value']:g} %",
        "by-support-sample": support["sample"],
        "by-support-margin": support["margin"],
        "by-support-fieldwork": support["fieldwork"].replace("-", "–"),
        "by-army-join": f"{opinion.loc['chathamhouse_blr_army_join_war_support_pct', 'value']:g} %",
        "by-troops-leave": f"{opinion.loc['chathamhouse_blr_russian_troops_leave_now_pct', 'value']:g} %",
        "by-verdict": row["verdict"],
        "by-signals-away": str(away),
        "by-signals-with-data": str(with_data),
        "by-signals-total": str(len(ct.SIGNALS)),
    }
