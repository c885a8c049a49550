"""Helpers for the Central Asia chapter: vote coverage, partner trade shares, de-duplicated summits, a scorecard.

Functions on the loaded tables, like `analysis` (nothing here reads files); `partner_timeline` is the one chart
helper, a thin layer over `plots.timeline` that colours meetings by partner instead of by event category.
"""

from __future__ import annotations

import pandas as pd

from .analysis import remittances_share_of_gdp, resolutions_in_order, series

CENTRAL_ASIA = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]

# Share-of-trade indicators by partner and by the period they cover.
SHARE_INDICATORS = {
    ("Russia", "full year"): "russia_share_of_trade_pct",
    ("China", "full year"): "china_share_of_trade_pct",
    ("Russia", "Jan-Sep"): "russia_share_of_trade_jan_sep_pct",
    ("China", "Jan-Sep"): "china_share_of_trade_jan_sep_pct",
}


def covered_resolutions(votes: pd.DataFrame, iso3: list[str], min_share: float = 0.5) -> list[str]:
    """Resolutions, in date order, for which at least `min_share` of the countries have a recorded vote."""
    rows = votes[votes["iso3"].isin(iso3)]
    counts = rows.groupby("resolution")["iso3"].nunique()
    return [r for r in resolutions_in_order(votes) if counts.get(r, 0) >= min_share * len(iso3)]


def partner_shares(indicators: pd.DataFrame, iso3: list[str]) -> pd.DataFrame:
    """Russia's and China's published shares of each country's trade, one row per country, year, period and partner."""
    parts = []
    for (partner, period), indicator in SHARE_INDICATORS.items():
        rows = series(indicators, indicator, iso3)[["iso3", "year", "value", "source"]]
        parts.append(rows.assign(partner=partner, period=period, indicator=indicator))
    out = pd.concat(parts, ignore_index=True)
    order = {c: i for i, c in enumerate(iso3)}
    out = out.assign(_c=out["iso3"].map(order)).sort_values(["_c", "year", "period", "partner"], kind="stable")
    return out.drop(columns="_c")[["iso3", "year", "period", "partner", "value", "indicator", "source"]].reset_index(drop=True)


def distinct_meetings(events: pd.DataFrame, iso3: list[str]) -> pd.DataFrame:
    """Summit events collapsed to one row per meeting (same date and partner), listing the countries that took part.

    `summit_counts` in `analysis` counts country participations (a five-country summit counts five times); this
    counts meetings. The summary kept is the one most countries share; the partner tag is stripped from it.
    """
    rows = events[(events["category"] == "summit") & events["iso3"].isin(iso3)].copy()
    rows["partner"] = rows["summary"].str.extract(r"^\[([^\]]+)\]", expand=False)
    rows = rows.dropna(subset=["partner"])
    order = {c: i for i, c in enumerate(iso3)}
    out = []
    for (date, partner), group in rows.groupby(["date", "partner"], sort=True):
        summary = group["summary"].value_counts().index[0]
        out.append({
            "date": date,
            "partner": partner,
            "countries": sorted(set(group["iso3"]), key=order.get),
            "summary": summary.split("]", 1)[1].strip(),
            "category": "summit",
            "source": ";".join(sorted({k for cell in group["source"] for k in cell.split(";")})),
        })
    return pd.DataFrame(out, columns=["date", "partner", "countries", "summary", "category", "source"])


def countries_label(countries: list[str], names: dict[str, str], everyone: list[str] = CENTRAL_ASIA) -> str:
    """'All five' when every country of `everyone` is listed, else their names joined."""
    if set(everyone) <= set(countries):
        return f"All {_NUMBER_WORDS.get(len(everyone), len(everyone))}"
    return ", ".join(names.get(c, c) for c in countries)


_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}


def scorecard(indicators: pd.DataFrame, votes: pd.DataFrame, memberships: pd.DataFrame,
              iso3: list[str] = CENTRAL_ASIA) -> pd.DataFrame:
    """One row per country: how it voted, what share of its trade is Russia's, remittances, and its alliances.

    Missing values stay missing (NaN or None); the notebook decides how to print them.
    """
    rem = remittances_share_of_gdp(indicators)
    rows = []
    for c in iso3:
        v = votes[votes["iso3"] == c]["vote"]
        share = series(indicators, "russia_share_of_trade_pct", c)
        r = rem[rem["iso3"] == c]
        m = memberships[(memberships["iso3"] == c) & (memberships["end"].fillna("") == "")]
        status = {org: ", ".join(sorted(m[m["organisation"] == org]["status"])) or None for org in ("CSTO", "EAEU")}
        rows.append({
            "iso3": c,
            "votes_recorded": int(len(v)),
            "votes_with_majority": int((v == "yes").sum()),
            "votes_with_russia": int((v == "no").sum()),
            "votes_abstain_or_absent": int(v.isin(["abstain", "absent"]).sum()),
            "russia_trade_share_pct": float(share["value"].iloc[-1]) if len(share) else float("nan"),
            "russia_trade_share_year": int(share["year"].iloc[-1]) if len(share) else None,
            "remittances_gdp_pct": float(r["value"].iloc[-1]) if len(r) else float("nan"),
            "remittances_year": int(r["year"].iloc[-1]) if len(r) else None,
            "csto": status["CSTO"],
            "eaeu": status["EAEU"],
        })
    return pd.DataFrame(rows)


def partner_timeline(meetings: pd.DataFrame, names: dict[str, str], *, colours: dict[str, str], wrap: int = 78):
    """Timeline of `distinct_meetings`, one dot per meeting coloured by partner, with who took part in the text."""
    from matplotlib.patches import Patch

    from .plots import timeline

    rows = meetings.sort_values("date").reset_index(drop=True)
    frame = pd.DataFrame({
        "date": rows["date"],
        "iso3": [f"{p} – {countries_label(c, names)}" for p, c in zip(rows["partner"], rows["countries"])],
        "category": rows["category"],
        "summary": rows["summary"],
    })
    fig, ax = timeline(frame, wrap=wrap, label_country=True)
    # timeline sorts by date then label, as `rows` is sorted here, so the dots are in the same order.
    order = frame.sort_values(["date", "iso3"]).index
    ax.collections[0].set_color([colours.get(rows.loc[i, "partner"], "#777777") for i in order])
    used = [p for p in colours if p in set(rows["partner"])]
    ax.get_legend().remove()
    ax.legend(handles=[Patch(color=colours[p], label=p) for p in used], loc="lower left", bbox_to_anchor=(0, 1.0),
              ncol=min(6, len(used)), fontsize=7)
    return fig, ax
