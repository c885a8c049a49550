"""The overview chapter: the book's answer for all ten countries at once.

Every verdict comes from `countries.signals` (criteria in that module's docstring); this module only lays the
signals out as a table, a tile map, the vote grid and two before/after dot charts, and computes the few numbers the
prose glues that are not findings (counts of verdicts, the trade shares `analysis.partner_share` computes).
"""

from __future__ import annotations

import re

import matplotlib as mpl
import pandas as pd

from ..claims import load_claims
from .. import analysis as an
from .. import countries as ct
from .. import findings, plots, present
from ..charts import COUNTRY_COLOURS, new_figure

FOCUS = ct.FOCUS
REFERENCE = ["RUS", "UKR"]  # drawn in the vote grid only, for orientation
TERRITORIAL = ct.TERRITORIAL["before"] + ct.TERRITORIAL["after"]
VERDICT_COLOURS = {"drifting": "#4477AA", "hedging": "#DDCC77", "bound": "#EE6677", "too little data": "#DDDDDD"}
DIRECTION_WORDS = {"away": "Away from Russia", "toward": "Toward Russia", "no change": "No change",
                   "already aligned": "Already with the majority", "mixed": "Mixed"}
STATUS_WORDS = {"EU applicant": "applied to join the EU", "EU accession halted": "EU accession halted in practice",
                "CSTO frozen": "CSTO participation frozen", "CIS withdrawing": "leaving the CIS",
                "CIS Inter-Parliamentary Assembly withdrawing": "leaving the CIS Inter-Parliamentary Assembly",
                "CIS withdrawn": "left the CIS"}
# The article's central claim covers the former Soviet states other than Belarus and Georgia (seeds/claims.yml).
THESIS_COUNTRIES = next(c["countries"] for c in load_claims() if c["id"] == "all-central-thesis")
REMITTANCES = "remittances_gdp_pct"
REMITTANCE_START = 2021


names = an.country_names


def _join(items: list[str]) -> str:
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _keys(cells) -> str:
    return ";".join(dict.fromkeys(k.strip() for cell in cells for k in str(cell).split(";") if k.strip()))


# ---- the numbers behind each signal -----------------------------------------------------------------------------

def trade_pairs(tables) -> pd.DataFrame:
    """Russia's share of goods trade in the last full year up to 2021 and the latest from 2023 on, one publisher per
    country, exactly the pair `countries.trade_signal` compares; countries without both are left out."""
    shares = an.partner_share(tables["indicators"], "russia", FOCUS)
    rows = []
    for code in FOCUS:
        s = shares[shares["iso3"] == code]
        before, after = s[s["year"] <= 2021], s[s["year"] >= 2023]
        if before.empty or after.empty:
            continue
        for period, r in (("last pre-war year", before.iloc[-1]), ("latest full year", after.iloc[-1])):
            rows.append({"iso3": code, "period": period, "year": int(r["year"]), "value": float(r["value"]),
                         "publisher": r["publisher"], "basis": r["basis"], "source": r["source"]})
    return pd.DataFrame(rows, columns=["iso3", "period", "year", "value", "publisher", "basis", "source"])


def remittance_pairs(tables) -> pd.DataFrame:
    """World Bank remittances, % of GDP, in 2021 and in each country's latest year (all countries with both)."""
    rows = an.series(tables["indicators"], REMITTANCES, FOCUS)
    out = []
    for code, group in rows.groupby("iso3", sort=False):
        start, later = group[group["year"] == REMITTANCE_START], group[group["year"] > REMITTANCE_START]
        if start.empty or later.empty:
            continue
        for period, r in (("2021", start.iloc[0]), ("latest", later.iloc[-1])):
            out.append({"iso3": code, "period": period, "year": int(r["year"]), "indicator": REMITTANCES,
                        "value": float(r["value"]), "publisher": r["publisher"], "source": r["source"]})
    frame = pd.DataFrame(out, columns=["iso3", "period", "year", "indicator", "value", "publisher", "source"])
    return frame.set_index("iso3").loc[[c for c in FOCUS if c in set(frame["iso3"])]].reset_index()


def signal_sources(tables, iso3: str) -> str:
    """The sources of the rows each of a country's signals reads (votes, trade pair, Gallup pair, ties)."""
    votes = tables["unga_votes"]
    cells = list(votes[(votes["iso3"] == iso3) & votes["resolution"].isin(TERRITORIAL)]["source"])
    trade = trade_pairs(tables)
    cells += list(trade[trade["iso3"] == iso3]["source"])
    gallup = an.series(tables["indicators"], "gallup_russia_approval_pct", iso3)
    before, after = gallup[gallup["year"] == 2021], gallup[gallup["year"] >= 2022]
    if len(before) and len(after):
        cells += [before["source"].iloc[-1], after["source"].iloc[-1]]
    m = tables["memberships"]
    m = m[m["iso3"] == iso3]
    new = m[pd.to_datetime(m["start"], format="ISO8601") >= ct.INVASION]
    cells += list((new if len(new) else m[m["end"].fillna("") == ""])["source"])  # unchanged: the ties in force
    return _keys(cells)


# ---- table -------------------------------------------------------------------------------------------------------

def _detail(direction: str, detail: str) -> str | None:
    if direction == "no data":
        return None
    if detail.startswith("no change of status"):
        return DIRECTION_WORDS["no change"]
    parts = sorted(detail.split("; "), key=lambda p: p[-5:-1])  # status changes in the order of their years
    for code, words in STATUS_WORDS.items():
        parts = [p.replace(code, words) for p in parts]
    return f"{DIRECTION_WORDS[direction]}: {'; '.join(parts)}"


def country_link(tables, iso3: str) -> str:
    """The country's name, opening its profile (every number on it in one place)."""
    c = tables["countries"].set_index("iso3")
    return f'<a href="profiles/{iso3.lower()}.html">{c.loc[iso3, "name"]}</a>'


def table_signals(tables):
    """Per country: each signal's direction with its numbers, then the verdict (`countries.signals`)."""
    s = ct.signals(tables)
    frame = pd.DataFrame({"Country": [country_link(tables, c) for c in s["iso3"]]})
    for name in ct.SIGNALS:
        frame[ct.SIGNAL_LABELS[name]] = [_detail(d, t) for d, t in zip(s[name], s[f"{name}_detail"])]
    frame["Verdict"] = s["verdict"].str.capitalize()
    return present.table(frame, html_columns=("Country",))


# ---- figures -----------------------------------------------------------------------------------------------------

def figure_verdicts(tables):
    """The verdicts on a tile map (colour and word), with how many of the four signals have data."""
    s = ct.signals(tables).set_index("iso3")
    label = names(tables)
    fig, ax = new_figure(6.4, 3.7)
    for code in FOCUS:
        row, col = plots.TILE_POSITIONS[code]
        verdict = s.loc[code, "verdict"]
        measured = int(s.loc[code, list(ct.SIGNALS)].ne("no data").sum())
        ax.add_patch(mpl.patches.FancyBboxPatch((col + 0.04, -row + 0.04), 0.92, 0.92,
                                                boxstyle="round,pad=0,rounding_size=0.08",
                                                facecolor=VERDICT_COLOURS[verdict], edgecolor="white"))
        dark = verdict == "drifting"
        ax.text(col + 0.5, -row + 0.5, f"{label[code]}\n{verdict.upper()}\n{measured} of 4 signals",
                ha="center", va="center", fontsize=7, linespacing=1.5, color="white" if dark else "#222222")
    ax.set_xlim(-0.05, 6.05)
    ax.set_ylim(-3.05, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    data = pd.DataFrame({"iso3": FOCUS, "country": [label[c] for c in FOCUS],
                         "verdict": [s.loc[c, "verdict"] for c in FOCUS],
                         "signals_with_data": [int(s.loc[c, list(ct.SIGNALS)].ne("no data").sum()) for c in FOCUS],
                         "source": [signal_sources(tables, c) for c in FOCUS]})
    return fig, data


def figure_votes(tables):
    """Twelve countries x ten resolutions, the three on territorial integrity first and set apart."""
    votes = tables["unga_votes"]
    order = TERRITORIAL + [r for r in an.resolutions_in_order(votes) if r not in TERRITORIAL]
    rows = FOCUS + REFERENCE
    matrix = an.vote_matrix(votes, rows)[order]
    label = names(tables)
    fig, ax = plots.vote_grid(matrix, names=label, height=5.0)
    ax.axvline(len(TERRITORIAL) - 0.5, color="#222222", lw=1.5)
    ax.axhline(len(FOCUS) - 0.5, color="white", lw=4)
    ax.text((len(TERRITORIAL) - 1) / 2, -0.7, "Territorial integrity", ha="center", va="bottom", fontsize=8,
            fontweight="bold")
    ax.text((len(TERRITORIAL) + len(order) - 1) / 2, -0.7, "Other resolutions on the war", ha="center",
            va="bottom", fontsize=8, fontweight="bold")
    data = votes[votes["iso3"].isin(rows)].copy()
    data["country"] = data["iso3"].map(label)
    data["group"] = ["territorial integrity" if r in TERRITORIAL else "other" for r in data["resolution"]]
    data["record"] = ["report of the roll call" if r in ct.TERRITORIAL["before"] else "UN record"
                      for r in data["resolution"]]
    data["date"] = data["date"].dt.strftime("%Y-%m-%d")
    data = data.assign(col=data["resolution"].map(order.index), row=data["iso3"].map(rows.index))
    data = data.sort_values(["col", "row"])[["resolution", "date", "group", "iso3", "country", "vote", "record",
                                             "source"]]
    return fig, data.reset_index(drop=True)


def _dumbbells(pairs: pd.DataFrame, *, label: dict[str, str], xlabel: str, first: str, last: str):
    """One row per country: hollow dot = first period, filled dot = last, arrow between, values written beside.
    Where every country shares the two years, they are named once in the legend; otherwise beside each value."""
    from matplotlib.lines import Line2D

    wide = pairs.pivot(index="iso3", columns="period", values="value")
    years = pairs.pivot(index="iso3", columns="period", values="year")
    shared = years[first].nunique() == 1 and years[last].nunique() == 1
    order = sorted(wide.index, key=lambda c: wide.loc[c, last])
    fig, ax = new_figure(6.4, 1.3 + 0.34 * len(order))
    top = max(wide.max())
    for y, code in enumerate(order):
        a, b = wide.loc[code, first], wide.loc[code, last]
        colour = COUNTRY_COLOURS.get(code, "#555555")
        if abs(b - a) > 0.05 * top:  # an arrow only where it has room to show
            ax.annotate("", xy=(b, y), xytext=(a, y),
                        arrowprops={"arrowstyle": "-|>", "color": "#888888", "lw": 1, "shrinkA": 4, "shrinkB": 4})
        ax.scatter([a], [y], s=36, facecolor="white", edgecolor=colour, lw=1.5, zorder=4, clip_on=False)
        ax.scatter([b], [y], s=36, color=colour, zorder=3, clip_on=False)
        when = ("", "") if shared else (f" ({int(years.loc[code, first])})", f" ({int(years.loc[code, last])})")
        ax.text(max(a, b) + 0.03 * top, y, f"{findings.fmt(a, 'pct')}{when[0]} → {findings.fmt(b, 'pct')}{when[1]}",
                va="center", fontsize=7.5, color="#333333")
    ax.set_yticks(range(len(order)), [label[c] for c in order])
    ax.set_xlim(0, top * (1.3 if shared else 1.6))
    ax.set_ylim(-0.6, len(order) - 0.4)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:g}%")
    ax.set_xlabel(xlabel)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    if shared:
        marks = [Line2D([], [], ls="", marker="o", markersize=6, markerfacecolor=face, markeredgecolor="#555555",
                        label=str(int(years[period].iloc[0])))
                 for face, period in (("white", first), ("#555555", last))]
        ax.legend(handles=marks, loc="lower right", bbox_to_anchor=(1, 1), ncol=2, fontsize=8, handletextpad=0.2)
    return fig, ax


def figure_trade(tables):
    """Russia's share of goods trade, last pre-war full year vs latest full year, where one publisher gives both."""
    pairs = trade_pairs(tables)
    fig, ax = _dumbbells(pairs, label=names(tables), xlabel="Russia's share of the country's trade (%)",
                         first="last pre-war year", last="latest full year")
    data = pairs.assign(country=pairs["iso3"].map(names(tables)), indicator="russia_share_of_trade_pct")
    return fig, data[["iso3", "country", "period", "year", "indicator", "value", "basis", "publisher", "source"]]


def figure_remittances(tables):
    """Remittances received, % of GDP (World Bank), 2021 vs latest year, every country with data."""
    pairs = remittance_pairs(tables)
    fig, ax = _dumbbells(pairs, label=names(tables), xlabel="Personal remittances received (% of GDP)",
                         first="2021", last="latest")
    data = pairs.assign(country=pairs["iso3"].map(names(tables)))
    return fig, data[["iso3", "country", "period", "year", "indicator", "value", "publisher", "source"]]


# ---- facts the prose glues (not findings: counts of computed verdicts, shares computed in code) -----------------

def _names_of(codes, label) -> str:
    return _join([label[c] for c in codes])


def facts(tables) -> dict[str, str]:
    label = names(tables)
    s = ct.signals(tables)
    measured = s[list(ct.SIGNALS)].ne("no data").sum(axis=1)
    out: dict[str, str] = {}
    for v in ("drifting", "hedging", "bound"):
        codes = list(s.loc[s["verdict"] == v, "iso3"])
        out[f"n_{v}"] = str(len(codes))
        out[f"names_{v}"] = _names_of(codes, label) or "none"
    bound = measured[s["verdict"] == "bound"]
    if len(bound):
        low, high = int(bound.min()), int(bound.max())
        out["bound_measured"] = str(low) if low == high else f"{low} to {high}"
    else:
        out["bound_measured"] = "–"
    trade = trade_pairs(tables)
    compared = [c for c in FOCUS if c in set(trade["iso3"])]
    out["trade_names"] = _names_of(compared, label)
    out["trade_gap_names"] = _names_of([c for c in FOCUS if c not in compared], label)
    out["n_trade_gaps"] = str(len(FOCUS) - len(compared))
    kgz = trade[trade["iso3"] == "KGZ"].set_index("period")
    if len(kgz) == 2:
        a, b = kgz.loc["last pre-war year"], kgz.loc["latest full year"]
        out.update(kgz_trade_start=findings.fmt(a["value"], "pct"), kgz_trade_end=findings.fmt(b["value"], "pct"),
                   kgz_trade_start_year=str(a["year"]), kgz_trade_end_year=str(b["year"]),
                   kgz_trade_verb="fell" if b["value"] < a["value"] else "rose")
    rem = remittance_pairs(tables)
    out["remittance_gap_names"] = _names_of([c for c in FOCUS if c not in set(rem["iso3"])], label) or "none"
    out["n_remittance_countries"] = str(rem["iso3"].nunique())
    out["remittance_end_year"] = _join(sorted({str(y) for y in rem.loc[rem["period"] == "latest", "year"]}))
    cells = s[list(ct.SIGNALS)]
    movers = s.loc[s["votes"].isin(["away", "toward"]), "iso3"]
    out["vote_movers"] = _names_of(list(movers), label) or "none"
    out["n_cells"], out["n_no_data"] = str(cells.size), str(int(cells.eq("no data").sum().sum()))
    out["n_toward"], out["n_away"] = str(int(cells.eq("toward").sum().sum())), str(int(cells.eq("away").sum().sum()))
    opinion = s.loc[s["opinion"] != "no data", "iso3"]
    out["opinion_names"] = _names_of(list(opinion), label) or "none"
    out["trade_points"], out["opinion_points"] = f"{ct.TRADE_POINTS:g}", f"{ct.OPINION_POINTS:g}"
    thesis = ct.thesis_verdict(tables, THESIS_COUNTRIES)
    out["thesis_verdict"] = thesis.verdict
    out["thesis_evidence"] = re.sub(r"\b[A-Z]{3}\b", lambda m: label.get(m.group(0), m.group(0)), thesis.evidence)
    return out


def glue_facts(tables) -> None:
    from myst_nb import glue

    for key, value in facts(tables).items():
        glue(key, value, display=False)
