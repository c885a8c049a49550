"""The Central Asia chapter: UN votes, trade shares by publisher, remittances, Russian arms deliveries, polls,
memberships, dated events and the per-country verdicts, for Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and
Uzbekistan.

Every figure function returns (fig, data): `data` holds one row per plotted value with its `source` (sources.bib
keys) and, for indicator rows, its `publisher`. Tables go through `present.table`, timelines through
`present.event_list`. `facts` gives the numbers and generated phrases the prose glues that are not findings.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML
from matplotlib.lines import Line2D

from .. import analysis as an
from .. import countries as cty
from .. import plots, present
from ..charts import COUNTRY_COLOURS, PARTNER_COLOURS, new_figure

CA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
PARTNERS = ["Russia", "China", "EU"]
# The statistics offices' "EU" group changed when the UK left: the line breaks there (hollow marks after).
EU_GROUPING_BREAKS = {"KGZ": 2020, "KAZ": 2023}
# Short names of the publishers, for panel titles (the CSV carries the full names).
PUBLISHER_SHORT = {
    "Bureau of National Statistics of Kazakhstan": "Kazakh statistics bureau",
    "National Statistical Committee of the Kyrgyz Republic": "Kyrgyz statistics committee",
    "Statistics Agency of Uzbekistan": "Uzbek statistics agency*",
    "Agency on Statistics of Tajikistan": "Tajik statistics agency",
    "International Monetary Fund": "IMF estimate†",
}
MIRROR_BASIS = "computed from the IMF's estimates built from partner countries' records"
ARMS_YEARS = range(2014, 2024)  # SIPRI's exporter table for Russia in its March 2024 release ends in 2023
ORGS = ["CSTO", "EAEU", "CIS", "SCO"]
STATUS = {"member": "Member", "suspended": "Suspended", "observer": "Observer", "associate": "Associate member"}
DIRECTION = {"away": "away from Russia", "toward": "toward Russia", "no change": "no change", "no data": "no data",
             "already aligned": "already with the majority", "mixed": "mixed"}
SUMMIT_START = pd.Timestamp("2022-01-01")


names = an.country_names


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else "none"


# ---- UN votes -------------------------------------------------------------------------------------------------------

def vote_columns(votes: pd.DataFrame) -> list[str]:
    """The territorial-integrity resolutions first (in date order), then every other resolution in date order."""
    others = [r for r in an.resolutions_in_order(votes) if r not in an.TERRITORIAL_RESOLUTIONS]
    return list(an.TERRITORIAL_RESOLUTIONS) + others


def figure_votes(tables):
    votes = tables["unga_votes"]
    cols = vote_columns(votes)
    matrix = an.vote_matrix(votes, CA)[cols]
    fig, ax = plots.vote_grid(matrix, names=names(tables), width=6.4)
    k = len(an.TERRITORIAL_RESOLUTIONS)
    ax.axvline(k - 0.5, color="white", lw=5)
    top = ax.secondary_xaxis("top")
    top.set_xticks([(k - 1) / 2, k + (len(cols) - k - 1) / 2],
                   ["Ukraine's territorial integrity", "Other resolutions on the war"], fontsize=8, fontweight="bold")
    top.tick_params(length=0)
    top.spines["top"].set_visible(False)
    rows = votes[votes["iso3"].isin(CA)].copy()
    data = pd.DataFrame({
        "iso3": rows["iso3"], "country": rows["iso3"].map(names(tables)), "resolution": rows["resolution"],
        "date": rows["date"].dt.strftime("%Y-%m-%d"),
        "group": ["territorial integrity" if r in an.TERRITORIAL_RESOLUTIONS else "other" for r in rows["resolution"]],
        "vote": rows["vote"], "source": rows["source"]})
    return fig, data.sort_values(["iso3", "date", "resolution"]).reset_index(drop=True)


# ---- Trade ----------------------------------------------------------------------------------------------------------

def trade_shares(tables) -> pd.DataFrame:
    """Russia's, China's and the EU's shares of each country's trade, full years, ONE publisher per country.

    The publisher is the one of `analysis.partner_share` for Russia; China's and the EU's shares are taken from the
    same publisher (published or computed from its own values), so the lines of one country come from one table.
    Turkmenistan publishes no partner statistics: its only series is China's share computed from the IMF's estimates
    built from partner countries' records (no estimate of Russia's share exists in the data).
    """
    ind = tables["indicators"]
    russia = an.partner_share(ind, "russia", CA)
    parts = []
    for code in CA:
        ru = russia[russia["iso3"] == code]
        if len(ru):
            own = ind[ind["publisher"] == ru["publisher"].iloc[0]]
            found = {"Russia": ru, "China": an.partner_share(own, "china", [code]),
                     "EU": an.partner_share(own, "eu", [code])}
        else:
            mirror = ind[(ind["iso3"] == code) & ind["indicator"].str.endswith("_mirror_usd")]
            mirror = mirror.assign(indicator=mirror["indicator"].str.replace("_mirror_usd", "_usd"))
            found = {"China": an.partner_share(mirror, "china", [code]).assign(basis=MIRROR_BASIS)}
        for partner, rows in found.items():
            parts.append(rows.assign(partner=partner))
    out = pd.concat([p for p in parts if len(p)], ignore_index=True)
    out["measure"] = ["share of foreign trade turnover, goods and services" if p == "Statistics Agency of Uzbekistan"
                      else "share of goods trade (exports + imports)" for p in out["publisher"]]
    order = {c: i for i, c in enumerate(CA)}
    out = out.assign(_c=out["iso3"].map(order), _p=out["partner"].map(PARTNERS.index))
    return out.sort_values(["_c", "_p", "year"]).drop(columns=["_c", "_p"]).reset_index(drop=True)


def figure_trade(tables):
    shares = trade_shares(tables)
    nm = names(tables)
    fig, axes = new_figure(6.4, 4.6, nrows=2, ncols=3, sharex=True, sharey=True)
    panels = ["KAZ", "KGZ", "UZB", "TJK", "TKM"]
    for ax, code in zip(axes.flat, panels):
        rows = shares[shares["iso3"] == code]
        for partner in PARTNERS:
            s = rows[rows["partner"] == partner].set_index("year")["value"]
            if len(s):
                s = s.reindex(range(int(s.index.min()), int(s.index.max()) + 1))
                cut = EU_GROUPING_BREAKS.get(code) if partner == "EU" else None
                for part, hollow in ((s, False),) if cut is None else ((s.loc[:cut - 1], False), (s.loc[cut:], True)):
                    ax.plot(part.index, part.values, marker="o", markersize=3.5, color=PARTNER_COLOURS[partner], lw=1.6,
                            markerfacecolor="white" if hollow else PARTNER_COLOURS[partner])
        publisher = rows["publisher"].iloc[0]
        ax.set_title(f"{nm[code]}\n{PUBLISHER_SHORT.get(publisher, publisher)}", fontsize=8, fontweight="normal")
        ax.set_xticks([2015, 2019, 2023], ["2015", "2019", "2023"], fontsize=7.5)
        ax.tick_params(axis="y", labelsize=7.5)
        ax.tick_params(axis="x", labelbottom=True)
    ax.set_ylim(0, 70)
    ax.set_xlim(2013.5, 2024.5)
    axes[0, 0].yaxis.set_major_formatter(lambda v, _: f"{v:g}%")
    for ax in axes[:, 0]:
        ax.set_ylabel("% of trade", fontsize=8)
    key = axes[1, 2]
    key.axis("off")
    key.legend(handles=[Line2D([], [], color=PARTNER_COLOURS[p], marker="o", lw=1.6, label=p) for p in PARTNERS],
               loc="upper left", fontsize=8, title="Partner", title_fontsize=8, alignment="left")
    key.text(0.0, 0.32, "* goods and services\n† from partners' records;\n   China only", transform=key.transAxes,
             fontsize=7, va="top", color="#444444")
    data = shares[["iso3", "partner", "year", "value", "measure", "publisher", "basis", "source"]].copy()
    data.insert(1, "country", data["iso3"].map(nm))
    return fig, data


# ---- Remittances ----------------------------------------------------------------------------------------------------

def figure_remittances(tables):
    rows = an.series(tables["indicators"], "remittances_gdp_pct", CA)
    wide = rows.pivot(index="year", columns="iso3", values="value")
    fig, ax = plots.lines(wide, ylabel="% of GDP", names=names(tables), percent=True)
    low, high = ax.get_ylim()
    for label in ax.texts:  # lift an end label off the x axis (Kazakhstan's share is near zero)
        x, y = label.xyann
        label.xyann = (x, max(y, low + 0.04 * (high - low)))
    data = rows[["iso3", "year", "indicator", "value", "publisher", "source"]].copy()
    data.insert(1, "country", data["iso3"].map(names(tables)))
    return fig, data


# ---- Arms -----------------------------------------------------------------------------------------------------------

def arms_deliveries(tables) -> pd.DataFrame:
    rows = an.series(tables["indicators"], "sipri_arms_imports_from_russia_tiv", CA)
    return rows[rows["year"].isin(ARMS_YEARS)]


def figure_arms(tables):
    """One row per country, one circle per year, its area proportional to the TIV delivered; 'none' where SIPRI
    identified no delivery."""
    rows = arms_deliveries(tables)
    nm = names(tables)
    fig, ax = new_figure(6.4, 2.9)
    for i, code in enumerate(CA):
        s = rows[rows["iso3"] == code].set_index("year")["value"]
        for year in ARMS_YEARS:
            if year not in s.index:
                ax.text(year, i, "none", ha="center", va="center", fontsize=7, color="#999999")
                continue
            v = s[year]
            ax.scatter(year, i, s=2.2 * v, color=COUNTRY_COLOURS[code], alpha=0.85, linewidths=0, zorder=2)
            big = v >= 150
            ax.annotate(f"{v:.0f}", (year, i), xytext=(0, 0) if big else (4 + (2.2 * v) ** 0.5 / 2, 0),
                        textcoords="offset points", ha="center" if big else "left", va="center", fontsize=7,
                        color="white" if big else "#333333", zorder=3)
    ax.set_yticks(range(len(CA)), [nm[c] for c in CA])
    ax.set_ylim(len(CA) - 0.45, -0.55)
    ax.set_xticks(list(ARMS_YEARS), [str(y) for y in ARMS_YEARS])
    ax.set_xlim(min(ARMS_YEARS) - 0.5, max(ARMS_YEARS) + 0.6)
    ax.grid(False)
    ax.tick_params(length=0)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    data = rows[["iso3", "year", "indicator", "value", "publisher", "source"]].copy()
    data.insert(1, "country", data["iso3"].map(nm))
    return fig, data.reset_index(drop=True)


# ---- Opinion --------------------------------------------------------------------------------------------------------

def poll_rows(tables) -> pd.DataFrame:
    ind, cat = tables["indicators"], tables["indicator_catalogue"]
    opinion = set(cat.loc[cat["family"] == "opinion", "indicator"])
    rows = ind[ind["indicator"].isin(opinion) & ind["iso3"].isin(CA)]
    order = {c: i for i, c in enumerate(CA)}
    return rows.assign(_c=rows["iso3"].map(order)).sort_values(["year", "_c", "indicator"]).drop(columns="_c")


def _note_part(note: str, name: str) -> str:
    """A part of a poll note's fixed tail ('sample: ...; fieldwork: ...; margin: ...'), without the bracketed
    remarks; 'not published' where the pollster gave none."""
    m = re.search(name + r":\s*([^;(]+)", note)
    text = m.group(1).strip().rstrip(".") if m else ""
    if not text or text.startswith("not published"):
        return "not published"
    return f"{int(text):,}" if name == "sample" and text.isdigit() else text


def table_opinion(tables):
    rows = poll_rows(tables)
    labels = dict(tables["indicator_catalogue"][["indicator", "label"]].to_numpy())
    frame = pd.DataFrame({
        "Country": rows["iso3"].map(names(tables)),
        "Pollster": rows["publisher"],
        "Question": [labels[i].split(" (")[0] for i in rows["indicator"]],
        "Fieldwork": [_note_part(n, "fieldwork") for n in rows["note"]],
        "Share": [f"{v:g} %" for v in rows["value"]],
        "Sample": [_note_part(n, "sample") for n in rows["note"]],
        "Source": rows["source"].map(present.source_links),
    })
    return present.table(frame, html_columns=("Source",), numeric=("Share",))


# ---- Memberships ----------------------------------------------------------------------------------------------------

def table_memberships(tables):
    m = tables["memberships"].copy()
    m["end"] = m["end"].fillna("")
    sig = cty.signals(tables, CA).set_index("iso3")
    rows = []
    for code in CA:
        row = {"Country": names(tables)[code]}
        for org in ORGS:
            cur = m[(m["iso3"] == code) & (m["organisation"] == org) & (m["end"] == "")]
            if not len(cur):
                row[org] = "Not a member"
            elif org == "CIS" and cur["status"].iloc[0] == "member":  # the year is the Charter's ratification
                row[org] = f"Member (Charter ratified {str(cur['start'].iloc[0])[:4]})"
            else:
                row[org] = (f"{STATUS.get(cur['status'].iloc[0], cur['status'].iloc[0].capitalize())} since "
                            f"{str(cur['start'].iloc[0])[:4]}")
        row["Change since 24 Feb 2022"] = ("No change" if sig.loc[code, "formal"] == "no change"
                                           else sig.loc[code, "formal_detail"])
        rows.append(row)
    # The years are not all joining dates: say under the table what each organisation's year marks.
    shown = m[m["iso3"].isin(CA) & m["organisation"].isin(ORGS) & (m["end"] == "")]
    nm = names(tables)
    marks = [f"<li>{html.escape(org)}, {STATUS.get(status, status).lower()} ({_join([nm[c] for c in group['iso3']])}): "
             f"{html.escape(mark)}</li>"
             for org in ORGS for (status, mark), group in shown[shown["organisation"] == org].groupby(
                 ["status", "start_marks"], sort=False)]
    note = f'<p class="table-note">What the years mark:</p><ul class="table-note">{"".join(marks)}</ul>'
    return HTML(present.table(pd.DataFrame(rows)).data + note)


# ---- Events ---------------------------------------------------------------------------------------------------------

def _collapse(events: pd.DataFrame, nm: dict[str, str]) -> tuple[pd.DataFrame, dict[str, str]]:
    """One row per event that several countries share (same date and summary), with their names joined."""
    order = {c: i for i, c in enumerate(CA)}
    out, labels = [], dict(nm)
    for (date, summary), group in events.groupby(["date", "summary"], sort=True):
        codes = sorted(set(group["iso3"]), key=order.get)
        key = "+".join(codes)
        labels[key] = "All five" if codes == CA else _join([nm[c] for c in codes])
        keys = dict.fromkeys(k.strip() for cell in group["source"] for k in cell.split(";") if k.strip())
        out.append({"date": date, "iso3": key, "summary": summary, "source": ";".join(keys)})
    return pd.DataFrame(out, columns=["date", "iso3", "summary", "source"]), labels


def summit_events(tables) -> pd.DataFrame:
    ev = tables["events"]
    return ev[ev["iso3"].isin(CA) & (ev["category"] == "summit") & (ev["date"] >= SUMMIT_START)]


def pressure_events(tables) -> pd.DataFrame:
    """Security (the CSTO in Kazakhstan, the Kyrgyz–Tajik border war), sanctions, and the CPC oil route."""
    ev = tables["events"]
    ev = ev[ev["iso3"].isin(CA)]
    cpc = (ev["category"] == "energy") & ev["summary"].str.contains("CPC")
    return ev[ev["category"].isin(["security", "war", "sanctions"]) & (ev["date"] >= "2021-01-01") | cpc]


def list_summits(tables):
    rows, labels = _collapse(summit_events(tables), names(tables))
    return present.event_list(rows, labels)


def list_pressure(tables):
    rows, labels = _collapse(pressure_events(tables), names(tables))
    return present.event_list(rows, labels)


# ---- Verdicts -------------------------------------------------------------------------------------------------------

def table_verdicts(tables):
    sig = cty.signals(tables, CA)
    frame = pd.DataFrame({"Country": sig["iso3"].map(names(tables))})
    for s in cty.SIGNALS:
        frame[cty.SIGNAL_LABELS[s]] = [DIRECTION.get(d, d) + ("" if d in ("no data",) or "no change of status" in t
                                                              else f": {t}")
                                       for d, t in zip(sig[s], sig[f"{s}_detail"])]
    frame["Verdict"] = sig["verdict"]
    return present.table(frame)


# ---- Facts glued into the prose -------------------------------------------------------------------------------------

def _verb(before: float, after: float) -> str:
    return "rose" if after > before else "fell" if after < before else "was unchanged"


def _pct(v: float) -> str:
    return f"{v:.0f} %" if abs(v) >= 10 else f"{v:.1f} %"


def facts(tables) -> dict:
    nm = names(tables)
    shares = trade_shares(tables)

    def share(code, partner, year):
        rows = shares[(shares["iso3"] == code) & (shares["partner"] == partner) & (shares["year"] == year)]
        return float(rows["value"].iloc[0])

    out = {}
    for partner, tag in (("Russia", "ru"), ("China", "cn")):
        a, b = share("KGZ", partner, 2021), share("KGZ", partner, 2023)
        out.update({f"kgz_{tag}_2021": _pct(a), f"kgz_{tag}_2023": _pct(b), f"kgz_{tag}_verb": _verb(a, b)})
    tkm = shares[(shares["iso3"] == "TKM") & (shares["partner"] == "China")]
    out.update(tkm_cn_min=_pct(tkm["value"].min()), tkm_cn_max=_pct(tkm["value"].max()),
               tkm_cn_first=str(int(tkm["year"].min())), tkm_cn_last=str(int(tkm["year"].max())))

    arms = arms_deliveries(tables)
    kaz = arms.loc[arms["iso3"] == "KAZ", "value"].sum()
    out.update(arms_kaz=f"{kaz:,.0f}", arms_total=f"{arms['value'].sum():,.0f}",
               arms_first=str(min(ARMS_YEARS)), arms_last=str(max(ARMS_YEARS)))
    # The two years before the full-scale war against its first two (2022-2023), same release, same five countries.
    before, during = arms[arms["year"].isin([2020, 2021])], arms[arms["year"].isin([2022, 2023])]
    nm = names(tables)
    out.update(arms_prewar=f"{before['value'].sum():,.0f}", arms_war=f"{during['value'].sum():,.0f}",
               arms_war_kaz=f"{during.loc[during['iso3'] == 'KAZ', 'value'].sum():,.0f}",
               arms_war_none=_join([nm[c] for c in CA if c not in set(during["iso3"])]))

    ind = tables["indicators"]
    out["demo_support_2022"] = f"{an.value(ind, 'KAZ', 'demoscope_kaz_support_russia_in_war_pct', 2022):g} %"
    out["demo_worse_2023"] = f"{an.value(ind, 'KAZ', 'demoscope_kaz_attitude_russia_worsened_pct', 2023):g} %"
    out["cab_favourable_2022"] = f"{an.value(ind, 'KAZ', 'cab_russia_favorable_pct', 2022):g} %"
    polls = poll_rows(tables)
    recent = set(polls.loc[polls["year"] >= 2022, "iso3"])
    out["recent_poll"] = _join([nm[c] for c in CA if c in recent])
    out["no_recent_poll"] = _join([nm[c] for c in CA if c not in recent])
    out["no_poll"] = _join([nm[c] for c in CA if c not in set(polls["iso3"])])
    gallup = set(an.series(ind, "gallup_russia_approval_pct", CA)["iso3"])
    out["no_gallup"] = "any of the five" if not gallup else _join([nm[c] for c in CA if c not in gallup])

    sig = cty.signals(tables, CA)
    changed = sig[sig["formal"] != "no change"]
    out["formal_sentence"] = (
        f"{_join([nm[c] for c in changed['iso3']])} changed a formal tie after 24 February 2022" if len(changed)
        else "None of the five changed its status in the CSTO, the Eurasian Economic Union or the CIS after "
             "24 February 2022")
    groups = {v: [nm[c] for c in sig.loc[sig["verdict"] == v, "iso3"]] for v in ("drifting", "hedging", "bound",
                                                                                  "too little data")}
    parts = []
    for v, members in groups.items():
        if members:
            parts.append(f"{_join(members)} {'is' if len(members) == 1 else 'are'} {v}")
    absent = [v for v in ("drifting", "hedging", "bound") if not groups[v]]
    out["verdicts"] = "; ".join(parts) + (f"; none is {_join(absent).replace(' and ', ' or ')}" if absent else "")
    measured = sig[list(cty.SIGNALS)].ne("no data").sum(axis=1)
    thin = sig[measured <= 2]
    out["thin"] = _join([nm[c] for c in thin["iso3"]]) if len(thin) else "no country"
    out["thin_n"] = str(int(measured[measured <= 2].max())) if len(thin) else "0"
    return out
