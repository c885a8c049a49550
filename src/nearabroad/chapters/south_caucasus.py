"""The South Caucasus chapter (Armenia, Azerbaijan, Georgia): its figures, tables and the facts its prose glues.

Figures return `(fig, data)`: `data` holds one row per plotted value with its `source` (sources.bib keys) and, for
indicator rows, its `publisher`. Tables go through `present.table` / `present.event_list`. `facts` gives every glued
number that is not a finding (seeds/findings/south_caucasus.yml): shares computed from one publisher's own values,
dates, counts of people, the per-country verdicts of `countries.signals`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .. import analysis as an
from .. import countries as cty
from .. import plots, present
from ..charts import PARTNER_COLOURS, new_figure
from ..findings import fmt

SC = ["ARM", "AZE", "GEO"]
TERRITORIAL = cty.TERRITORIAL["before"] + cty.TERRITORIAL["after"]  # 68/262 (2014), ES-11/1 and ES-11/4 (2022)
LEADERS = {"ARM": "Pashinyan", "AZE": "Aliyev"}
# When two rows describe the same day's event for one country, keep the hardest-edged one.
CATEGORY_PRIORITY = ["war", "security", "sanctions", "eu", "energy", "diplomacy", "summit", "elections", "domestic",
                     "trade", "media", "un"]
KARABAKH = r"Karabakh|Lachin|peacekeep"

# Money: the Central Bank of Armenia's transfers table and the National Bank of Georgia's releases.
TRANSFER_PANELS = [
    ("ARM", "Armenia: all transfers", {"transfers_from_russia_usd": "From Russia",
                                      "money_transfers_total_usd": "From all countries"}),
    ("ARM", "Armenia: non-commercial part", {"transfers_from_russia_noncommercial_usd": "From Russia",
                                             "money_transfers_noncommercial_total_usd": "From all countries"}),
    ("GEO", "Georgia: all transfers", {"transfers_from_russia_usd": "From Russia",
                                      "money_transfers_total_usd": "From all countries"}),
]
TRANSFER_COLOURS = {"From Russia": PARTNER_COLOURS["Russia"], "From all countries": "#777777"}

# Opinion: each poll question is its own series (label, whether it is about Russia or the EU).
OPINION_SERIES = {
    "gallup_russia_approval_pct": ("Gallup: approve of Russia's leadership", "Russia"),
    "gallup_russia_disapproval_pct": ("Gallup: disapprove of Russia's leadership", "Russia"),
    "crrc_russia_main_friend_pct": ("CRRC: Russia is the main friend", "Russia"),
    "crrc_russia_main_enemy_pct": ("CRRC: Russia is the main enemy", "Russia"),
    "iri_russia_political_threat_pct": ("IRI: Russia a political threat", "Russia"),
    "iri_relations_with_russia_good_pct": ("IRI: relations with Russia good", "Russia"),
    "euneighbours_trust_eu_pct": ("EU NEIGHBOURS east: trust the EU", "EU"),
    "euneighbours_eu_positive_image_pct": ("EU NEIGHBOURS east: EU image positive", "EU"),
    "ndi_geo_join_eu_approve_pct": ("NDI: approve goal of joining the EU", "EU"),
    "ndi_geo_eu_application_approve_pct": ("NDI: approve the 2022 EU application", "EU"),
    "iri_eu_membership_support_pct": ("IRI: support EU membership", "EU"),
}
OPINION_COLOURS = {"Russia": PARTNER_COLOURS["Russia"], "EU": PARTNER_COLOURS["EU"]}
POLLSTERS = {"gallup": "Gallup World Poll", "crrc": "CRRC Caucasus Barometer", "iri": "IRI",
             "euneighbours": "EU NEIGHBOURS east", "ndi": "NDI (fieldwork CRRC Georgia)"}

ORGANISATIONS = {"CSTO": "Collective Security Treaty Organization", "EAEU": "Eurasian Economic Union",
                 "CIS": "Commonwealth of Independent States", "EU": "European Union",
                 "SCO": "Shanghai Cooperation Organisation", "GUAM": "GUAM"}
STATUSES = {"member": "member", "dialogue_partner": "dialogue partner",
            "withdrawn": "left", "applicant": "applied for membership", "candidate": "candidate for membership",
            "association_agreement": "association agreement in force"}


_names = an.country_names


def _rows(tables, indicators, iso3=SC) -> pd.DataFrame:
    ind = tables["indicators"]
    rows = ind[ind["indicator"].isin(list(indicators)) & ind["iso3"].isin(iso3)]
    return rows.sort_values(["iso3", "indicator", "year"]).reset_index(drop=True)


def _date(text: str) -> str:
    """'2024-02-22' -> '22 Feb 2024'; '1993-12' -> 'Dec 1993'; '' -> ''."""
    if not text:
        return ""
    parts = text.split("-")
    stamp = pd.Timestamp(text if len(parts) == 3 else f"{text}-01" if len(parts) == 2 else f"{text}-01-01")
    return f"{stamp.day} {stamp:%b %Y}" if len(parts) == 3 else f"{stamp:%b %Y}" if len(parts) == 2 else text


def _long_date(stamp: pd.Timestamp) -> str:
    return f"{stamp.day} {stamp:%B %Y}"


# ---- UN votes ------------------------------------------------------------------------------------------------------

def figure_votes(tables):
    """Countries x resolutions: the three territorial-integrity texts first, then the others in date order."""
    votes = tables["unga_votes"]
    others = [r for r in an.resolutions_in_order(votes) if r not in TERRITORIAL]
    matrix = an.vote_matrix(votes, SC).reindex(columns=TERRITORIAL + others)
    fig, ax = plots.vote_grid(matrix, names=_names(tables), height=2.6)
    split = len(TERRITORIAL) - 0.5
    ax.axvline(split, color="white", lw=5)
    ax.text((len(TERRITORIAL) - 1) / 2, -0.62, "Territorial integrity", ha="center", va="bottom", fontsize=8,
            fontweight="bold")
    ax.text(len(TERRITORIAL) + (len(others) - 1) / 2, -0.62, "Other Ukraine resolutions", ha="center", va="bottom",
            fontsize=8, fontweight="bold")
    rows = votes[votes["iso3"].isin(SC)].copy()
    data = pd.DataFrame({
        "resolution": rows["resolution"], "date": rows["date"].dt.strftime("%Y-%m-%d"), "iso3": rows["iso3"],
        "country": rows["iso3"].map(_names(tables)), "vote": rows["vote"],
        "group": np.where(rows["resolution"].isin(TERRITORIAL), "territorial integrity", "other"),
        "score": rows["vote"].map(cty.VOTE_SCORE), "source": rows["source"]})
    return fig, data.sort_values(["group", "date", "iso3"], ascending=[False, True, True]).reset_index(drop=True)


# ---- Memberships ---------------------------------------------------------------------------------------------------

def table_memberships(tables):
    m = tables["memberships"]
    m = m[m["iso3"].isin(SC)].copy()
    m["_start"] = m["start"].str.pad(10, side="right", fillchar="0")
    m = m.sort_values(["iso3", "organisation", "_start"])
    status = [present.status_words(o, s) if s == "frozen" else STATUSES[s]  # 'frozen' differs for the EU and the CSTO
              for o, s in zip(m["organisation"], m["status"])]
    frame = pd.DataFrame({
        "Country": m["iso3"].map(_names(tables)),
        "Organisation": [f"{ORGANISATIONS.get(o, o)} ({o})" if o in ORGANISATIONS and o != "GUAM" else o
                         for o in m["organisation"]],
        "Status": status, "From": m["start"].map(_date), "Until": m["end"].map(_date),
        "The start date marks": m["start_marks"], "Source": m["source"].map(present.source_links)})
    return present.table(frame, html_columns=("Source",))


# ---- Money ---------------------------------------------------------------------------------------------------------

def figure_transfers(tables):
    """Money transfers received, from Russia and from all countries, as each central bank publishes them."""
    fig, axes = new_figure(6.4, 3.0, ncols=3, sharey=True)
    parts = []
    for ax, (iso3, title, series) in zip(axes, TRANSFER_PANELS):
        rows = _rows(tables, series, [iso3])
        frame = rows.pivot(index="year", columns="indicator", values="value").reindex(range(2014, 2025))
        for ind, label in series.items():
            if ind in frame:
                ax.plot(frame.index, frame[ind] / 1e9, marker="o", color=TRANSFER_COLOURS[label], label=label)
        ax.set_title(title, fontsize=8, loc="left")
        ax.set_xticks([2016, 2020, 2024])
        ax.set_xlim(2013.4, 2024.6)
        parts.append(rows.assign(panel=title, series=rows["indicator"].map(series)))
    axes[0].set_ylim(bottom=0)
    axes[0].set_ylabel("US$ billion")
    axes[0].legend(loc="upper left", fontsize=7)
    data = pd.concat(parts)
    data = data.assign(country=data["iso3"].map(_names(tables)))
    return fig, data[["panel", "iso3", "country", "year", "indicator", "series", "value", "publisher", "source",
                      "note"]].reset_index(drop=True)


def figure_remittances(tables):
    """World Bank personal remittances received, % of GDP (WDI BX.TRF.PWKR.DT.GD.ZS), published values."""
    rows = _rows(tables, ["remittances_gdp_pct"])
    frame = rows.pivot(index="year", columns="iso3", values="value")[SC]
    fig, ax = plots.lines(frame, ylabel="% of GDP", names=_names(tables), percent=True, height=3.0)
    data = rows.assign(country=rows["iso3"].map(_names(tables)))
    return fig, data[["iso3", "country", "year", "indicator", "value", "publisher", "source"]]


def cba_russia_shares(tables) -> pd.DataFrame:
    """Russia's share of the transfers in the Central Bank of Armenia's table, all purposes and non-commercial,
    computed from the bank's own Russia and all-country values of the same year."""
    ind = tables["indicators"]
    out = []
    for part, (russia, total) in {"all purposes": ("transfers_from_russia_usd", "money_transfers_total_usd"),
                                  "non-commercial": ("transfers_from_russia_noncommercial_usd",
                                                     "money_transfers_noncommercial_total_usd")}.items():
        r = an.series(ind, russia, "ARM").set_index("year")["value"]
        t = an.series(ind, total, "ARM").set_index("year")["value"]
        both = pd.concat([r, t], axis=1, join="inner", keys=["russia", "total"])
        out.append(both.assign(part=part, share=100 * both["russia"] / both["total"]).reset_index())
    return pd.concat(out, ignore_index=True)


# ---- Trade ---------------------------------------------------------------------------------------------------------

def figure_china_trade(tables):
    """China's share of goods trade (exports + imports), computed from the IMF Direction of Trade Statistics."""
    shares = an.partner_share(tables["indicators"], "china", SC)
    frame = shares.pivot(index="year", columns="iso3", values="value")[SC]
    fig, ax = plots.lines(frame, ylabel="% of goods trade", names=_names(tables), percent=True, height=3.0)
    data = shares.assign(country=shares["iso3"].map(_names(tables)), indicator="china_share_of_trade_pct")
    return fig, data[["iso3", "country", "year", "indicator", "value", "publisher", "basis", "source"]]


def national_trade_shares(tables) -> pd.DataFrame:
    """Partner shares that a national statistics office's own figures give, one publisher each (full years):
    Georgia's Russia and China shares of goods trade (Geostat) and Armenia's Russia share of exports (Armstat)."""
    ind = tables["indicators"]
    rows = []
    russia = an.partner_share(ind, "russia", ["GEO"])
    for r in russia.itertuples():
        rows.append(("GEO", "Russia's share of goods trade", r.year, r.value, r.publisher, r.source))
    china = an.series(ind, "trade_with_china_usd", "GEO").merge(
        an.series(ind, "trade_turnover_total_usd", "GEO"), on=["iso3", "year", "publisher"], suffixes=("", "_total"))
    for r in china.itertuples():
        rows.append(("GEO", "China's share of goods trade", r.year, 100 * r.value / r.value_total, r.publisher,
                     ";".join(dict.fromkeys(f"{r.source};{r.source_total}".split(";")))))
    ids = ["exports_to_china_usd", "imports_from_china_usd", "exports_total_usd", "imports_total_usd"]
    parts = [an.series(ind, i, "GEO").set_index("year") for i in ids]
    for year in sorted(set.intersection(*(set(p.index) for p in parts))):
        if len({p.loc[year, "publisher"] for p in parts}) == 1:
            value = 100 * (parts[0].loc[year, "value"] + parts[1].loc[year, "value"]) / (
                parts[2].loc[year, "value"] + parts[3].loc[year, "value"])
            source = ";".join(dict.fromkeys(";".join(p.loc[year, "source"] for p in parts).split(";")))
            rows.append(("GEO", "China's share of goods trade", year, value, parts[0].loc[year, "publisher"], source))
    for r in an.series(ind, "russia_share_of_exports_pct", "ARM").itertuples():
        rows.append(("ARM", "Russia's share of goods exports", r.year, r.value, r.publisher, r.source))
    return pd.DataFrame(rows, columns=["iso3", "measure", "year", "value", "publisher", "source"])


def table_trade_shares(tables):
    shares = national_trade_shares(tables)
    shares["shown"] = shares["value"].map(lambda v: f"{v:.0f} %")
    wide = shares.pivot_table(index=["iso3", "measure", "publisher"], columns="year", values="shown", aggfunc="first")
    sources = shares.groupby(["iso3", "measure", "publisher"])["source"].agg(
        lambda s: ";".join(dict.fromkeys(";".join(s).split(";"))))
    wide = wide.join(sources).reset_index().sort_values(["iso3", "measure"], ascending=[False, False])
    years = [c for c in wide.columns if isinstance(c, (int, np.integer))]
    frame = pd.DataFrame({"Country": wide["iso3"].map(_names(tables)), "Share": wide["measure"],
                          **{str(y): wide[y] for y in years}, "Publisher": wide["publisher"],
                          "Source": wide["source"].map(present.source_links)})
    return present.table(frame, html_columns=("Source",), numeric=tuple(str(y) for y in years))


# ---- Opinion -------------------------------------------------------------------------------------------------------

def poll_details(note: str) -> dict[str, str]:
    """Sample, fieldwork and margin from a row note's closing 'sample: …; fieldwork: …; margin: …' (empty where
    the note does not give one), with any bracketed remark about where a figure was read dropped."""
    out = {"sample": "", "fieldwork": "", "margin": ""}
    for name in out:
        match = re.search(rf"{name}: ([^;]*)", str(note))
        if match:
            text = re.sub(r"\s*\([^)]*\)", "", match.group(1)).strip().rstrip(".")
            out[name] = "" if text.startswith("not published") else text
    if out["sample"].isdigit():
        out["sample"] = f"{int(out['sample']):,}"
    if not out["fieldwork"]:
        wave = re.search(r"last wave of the year \(([A-Z][a-z]{2} \d{4})\)", str(note))
        month = re.search(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                          r"December) (\d{4})\b", str(note))
        out["fieldwork"] = wave.group(1) if wave else f"{month.group(1)[:3]} {month.group(2)}" if month else ""
    return out


def opinion_rows(tables) -> pd.DataFrame:
    rows = _rows(tables, OPINION_SERIES)
    details = pd.DataFrame([poll_details(n) for n in rows["note"]], index=rows.index)
    rows = pd.concat([rows, details], axis=1)
    rows["series"] = rows["indicator"].map(lambda i: OPINION_SERIES[i][0])
    rows["about"] = rows["indicator"].map(lambda i: OPINION_SERIES[i][1])
    rows["country"] = rows["iso3"].map(_names(tables))
    return rows


def figure_opinion(tables):
    """Every poll reading as a dot on its own row, one row per poll question, one panel per country."""
    rows = opinion_rows(tables)
    order = list(OPINION_SERIES)
    counts = [rows[rows["iso3"] == c]["indicator"].nunique() for c in SC]
    fig, axes = new_figure(6.4, 1.2 + 0.36 * sum(counts), nrows=3, sharex=True,
                           gridspec_kw={"height_ratios": counts})
    for ax, code in zip(axes, SC):
        mine = rows[rows["iso3"] == code]
        series = [i for i in order if i in set(mine["indicator"])][::-1]
        for y, ind in enumerate(series):
            pts = mine[mine["indicator"] == ind]
            colour = OPINION_COLOURS[OPINION_SERIES[ind][1]]
            ax.hlines(y, 2009.5, 2024.5, color="#EEEEEE", lw=0.8, zorder=0)
            ax.scatter(pts["year"], [y] * len(pts), color=colour, s=18, zorder=3)
            for r in pts.itertuples():
                ax.text(r.year, y + 0.2, f"{r.value:.0f}", ha="center", va="bottom", fontsize=6.5, color=colour)
        ax.set_yticks(range(len(series)), [OPINION_SERIES[i][0] for i in series], fontsize=7)
        ax.set_ylim(-0.6, len(series) - 0.1)
        ax.set_title(_names(tables)[code], fontsize=9, loc="left")
        ax.grid(False)
        ax.tick_params(axis="y", length=0)
    axes[-1].set_xlim(2009.5, 2024.5)
    axes[-1].set_xticks(range(2010, 2025, 2))
    axes[-1].set_xlabel("Year of fieldwork; number = % of respondents")
    axes[0].legend(handles=[Line2D([], [], marker="o", ls="", color=c, label=f"About {'the EU' if k == 'EU' else k}")
                            for k, c in OPINION_COLOURS.items()], loc="lower right", bbox_to_anchor=(1, 1.0),
                   ncol=2, fontsize=7)
    data = rows[["iso3", "country", "year", "indicator", "series", "value", "sample", "fieldwork", "margin",
                 "publisher", "source"]]
    return fig, data.reset_index(drop=True)


def table_polls(tables, since: int = 2021):
    """Poll readings from `since` on, with sample, fieldwork and margin where the pollster's release gives them."""
    rows = opinion_rows(tables)
    rows = rows[rows["year"] >= since].copy()
    rows["_order"] = rows["indicator"].map({k: i for i, k in enumerate(OPINION_SERIES)})
    rows = rows.sort_values(["iso3", "_order", "year"])
    pollster = rows["indicator"].str.split("_").str[0].map(POLLSTERS)
    frame = pd.DataFrame({
        "Country": rows["country"], "Poll": pollster,
        "Question": rows["series"].str.split(": ", n=1).str[1].map(lambda q: q[:1].upper() + q[1:]),
        "Year": rows["year"].astype(str), "Share": rows["value"].map(lambda v: f"{v:.0f} %"),
        "Sample": rows["sample"], "Fieldwork": rows["fieldwork"], "Margin": rows["margin"],
        "Source": rows["source"].map(present.source_links)})
    return present.table(frame, html_columns=("Source",), numeric=("Share", "Sample"))


# ---- Energy --------------------------------------------------------------------------------------------------------

ENERGY_ROWS = [  # (iso3, indicator, label, formatter)
    ("ARM", "gas_price_arm_usd_per_tcm", "Border price of Russian gas, US$ per 1,000 m³", lambda v: f"{v:.0f}"),
    ("GEO", "gas_imports_from_russia_usd", "Gas imported from Russia, US$ million", lambda v: f"{v / 1e6:g}"),
    ("GEO", "russia_share_of_gas_imports_value_pct", "Russia's share of gas import value", lambda v: f"{v:g} %"),
    ("AZE", "gas_exports_to_europe_bcm", "Gas exported to Europe, bcm (preliminary)", lambda v: f"{v:g}"),
]


def table_energy(tables):
    ind = tables["indicators"]
    records = []
    for iso3, indicator, label, show in ENERGY_ROWS:
        rows = an.series(ind, indicator, iso3)
        records.append({"Country": _names(tables)[iso3], "Measure": label,
                        **{str(r.year): show(r.value) for r in rows.itertuples()},
                        "Publisher": rows["publisher"].iloc[0],
                        "Source": present.source_links(";".join(dict.fromkeys(";".join(rows["source"]).split(";"))))})
    frame = pd.DataFrame(records)
    years = sorted(c for c in frame.columns if c.isdigit())
    frame = frame[["Country", "Measure", *years, "Publisher", "Source"]]
    return present.table(frame, html_columns=("Source",), numeric=tuple(years))


# ---- Dated events (listed, never counted) --------------------------------------------------------------------------

def one_per_day(events: pd.DataFrame) -> pd.DataFrame:
    """One event per (date, country): the one whose category comes first in CATEGORY_PRIORITY (ties: first row)."""
    rank = {c: i for i, c in enumerate(CATEGORY_PRIORITY)}
    out = events.assign(_rank=events["category"].map(lambda c: rank.get(c, len(rank))), _pos=range(len(events)))
    out = out.sort_values(["date", "iso3", "_rank", "_pos"]).drop_duplicates(["date", "iso3"], keep="first")
    return out.drop(columns=["_rank", "_pos"]).reset_index(drop=True)


def _tidy(events: pd.DataFrame) -> pd.DataFrame:
    """Drop the '[Partner] ' tag of summit rows and name the leader where a shared row says only 'The leader'."""
    out = events.copy()
    text = out["summary"].str.replace(r"^\[[^\]]+\]\s*", "", regex=True)
    for iso3, name in LEADERS.items():
        mine = out["iso3"] == iso3
        text[mine] = text[mine].str.replace(r"^The leader\b", name, regex=True)
    return out.assign(summary=text)


def chosen_events(tables, which: str) -> pd.DataFrame:
    """'armenia': Armenia's security break and Nagorno-Karabakh; 'georgia': Georgia's EU path and its ties to
    Russia; 'azerbaijan': Azerbaijan and Russia. From 2022 on."""
    ev = tables["events"]
    ev = ev[ev["date"] >= "2022-01-01"]
    karabakh = ev["summary"].str.contains(KARABAKH)
    pick = {"armenia": (ev["iso3"] == "ARM") | ((ev["iso3"] == "AZE") & karabakh & (ev["category"] == "war")),
            "georgia": ev["iso3"] == "GEO",
            "azerbaijan": (ev["iso3"] == "AZE") & ~((ev["category"] == "war") & karabakh)
            & ~ev["summary"].str.match(r"\[(?!Russia|US)[^\]]+\]")}[which]
    return _tidy(one_per_day(ev[pick]))


def table_events(tables, which: str):
    return present.event_list(chosen_events(tables, which), _names(tables), with_country=which == "armenia")


# ---- Verdicts ------------------------------------------------------------------------------------------------------

def table_verdicts(tables):
    s = cty.signals(tables, SC)
    frame = pd.DataFrame({"Country": s["iso3"].map(_names(tables))})
    for name in cty.SIGNALS:
        frame[cty.SIGNAL_LABELS[name]] = [d if d == "no data" or detail.startswith(d) else f"{d}: {detail}"
                                          for d, detail in zip(s[name], s[f"{name}_detail"])]
    frame["Verdict"] = s["verdict"]
    return present.table(frame)


# ---- Facts the prose glues -----------------------------------------------------------------------------------------

def _pct(value: float) -> str:
    return fmt(value, "pct")


def facts(tables) -> dict[str, str]:
    ind = tables["indicators"]
    out: dict[str, str] = {}
    signals = cty.signals(tables, SC).set_index("iso3")
    for code in SC:
        out[f"{code.lower()}_verdict"] = signals.loc[code, "verdict"]
        for name in cty.SIGNALS:
            out[f"{code.lower()}_{name}_signal"] = signals.loc[code, name]
        out[f"{code.lower()}_signals_measured"] = str(int((signals.loc[code, list(cty.SIGNALS)] != "no data").sum()))
    m = tables["memberships"]
    freeze = m[(m["iso3"] == "ARM") & (m["organisation"] == "CSTO") & (m["status"] == "frozen")].iloc[0]
    out["arm_csto_frozen"] = _long_date(pd.Timestamp(freeze["start"]))
    halt = m[(m["iso3"] == "GEO") & (m["organisation"] == "EU") & (m["status"] == "frozen")].iloc[0]
    out["geo_eu_halted"] = _long_date(pd.Timestamp(halt["start"]))
    cand = m[(m["iso3"] == "GEO") & (m["organisation"] == "EU") & (m["status"] == "candidate")].iloc[0]
    out["geo_eu_candidate"] = _long_date(pd.Timestamp(cand["start"]))
    out["nk_arrivals"] = f"{an.value(ind, 'ARM', 'nk_refugees_armgov_persons', 2023):,.0f}"
    out["nk_peacekeepers"] = f"{an.value(ind, 'AZE', 'russian_peacekeepers_karabakh_count', 2020):,.0f}"
    shares = cba_russia_shares(tables).set_index(["part", "year"])["share"]
    for part, key in (("all purposes", "all"), ("non-commercial", "noncommercial")):
        for year in (2021, 2024):
            out[f"arm_cba_russia_share_{key}_{year}"] = _pct(shares[(part, year)])
    china = an.partner_share(ind, "china", SC).set_index(["iso3", "year"])["value"]
    for code in SC:
        for year in (2021, 2024):
            out[f"{code.lower()}_china_{year}"] = _pct(china[(code, year)])
    out["china_years"] = f"{china.index.get_level_values('year').min()}–{china.index.get_level_values('year').max()}"
    geo = an.partner_share(ind, "russia", ["GEO"]).set_index("year")["value"]
    out["geo_russia_share_2021"] = f"{geo[2021]:.0f} %"
    out["geo_transfers_russia_share_2022"] = f"{an.value(ind, 'GEO', 'russia_share_of_transfers_pct', 2022):.0f} %"
    out["geo_iri_eu_2023"] = f"{an.value(ind, 'GEO', 'iri_eu_membership_support_pct', 2023):.0f} %"
    polls = opinion_rows(tables).set_index(["iso3", "indicator", "year"])
    out["geo_iri_eu_2023_fieldwork"] = polls.loc[("GEO", "iri_eu_membership_support_pct", 2023), "fieldwork"]
    out["geo_ndi_application_2022"] = f"{an.value(ind, 'GEO', 'ndi_geo_eu_application_approve_pct', 2022):.0f} %"
    out["geo_crrc_enemy_2024_fieldwork"] = polls.loc[("GEO", "crrc_russia_main_enemy_pct", 2024), "fieldwork"]
    latest_eu = max(int(y) for (c, i, y) in polls.index if c == "GEO" and OPINION_SERIES[i][1] == "EU")
    out["geo_latest_eu_poll_year"] = str(latest_eu)
    price = an.series(ind, "gas_price_arm_usd_per_tcm", "ARM")
    out["arm_gas_price_2022"] = f"{price.loc[price['year'] == 2022, 'value'].iloc[0]:.0f}"
    out["aze_gas_europe_2025"] = fmt(an.value(ind, "AZE", "gas_exports_to_europe_bcm", 2025), "bcm")
    return out
