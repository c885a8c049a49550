"""Pure functions on the loaded tables: selections, vote matrices, alignment scores, changes over time."""

from __future__ import annotations

import pandas as pd

RESOLUTION_LABELS = {  # short names for chart axes, in chronological order
    "A/RES/68/262": "68/262\nCrimea\n2014",
    "A/RES/ES-11/1": "ES-11/1\nAggression\nMar 2022",
    "A/RES/ES-11/2": "ES-11/2\nHumanitarian\nMar 2022",
    "A/RES/ES-11/3": "ES-11/3\nHRC suspension\nApr 2022",
    "A/RES/ES-11/4": "ES-11/4\nAnnexations\nOct 2022",
    "A/RES/ES-11/5": "ES-11/5\nReparations\nNov 2022",
    "A/RES/ES-11/6": "ES-11/6\nPeace principles\nFeb 2023",
    "A/RES/ES-11/7": "ES-11/7\nLasting peace\nFeb 2025",
    "A/RES/ES-11/8": "ES-11/8\nUS-drafted text\nFeb 2025",
}

# How far a vote sits from Moscow's position, for the alignment score (documented in the data-and-methods chapter).
# Resolutions are scored so that 1 = voted with the Ukraine-backed majority and 0 = voted with Russia.
VOTE_SCORE = {"yes": 1.0, "abstain": 0.5, "absent": 0.5, "no": 0.0}
# Sensitivity variant: staying away is read as quiet deference to Moscow, closer to a "no" than an abstention.
VOTE_SCORE_STRICT = {"yes": 1.0, "abstain": 0.5, "absent": 0.25, "no": 0.0}


def series(indicators: pd.DataFrame, indicator: str, iso3: list[str] | str | None = None) -> pd.DataFrame:
    """Rows of one indicator (optionally some countries), sorted by country and year."""
    rows = indicators[indicators["indicator"] == indicator]
    if iso3 is not None:
        rows = rows[rows["iso3"].isin([iso3] if isinstance(iso3, str) else iso3)]
    return rows.sort_values(["iso3", "year"]).reset_index(drop=True)


def wide(indicators: pd.DataFrame, indicator: str, iso3: list[str] | None = None) -> pd.DataFrame:
    """Year x country table of one indicator (missing years stay missing)."""
    rows = series(indicators, indicator, iso3)
    return rows.pivot(index="year", columns="iso3", values="value").sort_index()


def value(indicators: pd.DataFrame, iso3: str, indicator: str, year: int) -> float:
    """One value; KeyError if the data set does not have it (never a default)."""
    rows = indicators[(indicators["iso3"] == iso3) & (indicators["indicator"] == indicator) & (indicators["year"] == year)]
    if rows.empty:
        raise KeyError(f"no {indicator} for {iso3} in {year}")
    return float(rows["value"].iloc[0])


def latest(indicators: pd.DataFrame, iso3: str, indicator: str, up_to: int | None = None) -> tuple[int, float]:
    """(year, value) of the latest observation, optionally no later than `up_to`."""
    rows = series(indicators, indicator, iso3)
    if up_to is not None:
        rows = rows[rows["year"] <= up_to]
    if rows.empty:
        raise KeyError(f"no {indicator} for {iso3}")
    last = rows.iloc[-1]
    return int(last["year"]), float(last["value"])


def sources_of(frame: pd.DataFrame) -> list[str]:
    """Every bibliography key in a frame's `source` column, sorted."""
    return sorted({k.strip() for cell in frame["source"] for k in str(cell).split(";") if k.strip()})


def resolutions_in_order(votes: pd.DataFrame) -> list[str]:
    order = votes.drop_duplicates("resolution").sort_values(["date", "resolution"])
    return list(order["resolution"])


def vote_matrix(votes: pd.DataFrame, iso3: list[str]) -> pd.DataFrame:
    """Country x resolution table of votes, rows in the order given, columns in date order."""
    cols = resolutions_in_order(votes)
    table = votes[votes["iso3"].isin(iso3)].pivot(index="iso3", columns="resolution", values="vote")
    return table.reindex(index=iso3, columns=cols)


def alignment_score(votes: pd.DataFrame, weights: dict[str, float] = VOTE_SCORE,
                    resolutions: list[str] | None = None) -> pd.Series:
    """Mean vote score per country (1 = always with the Ukraine-backed majority, 0 = always with Russia)."""
    rows = votes if resolutions is None else votes[votes["resolution"].isin(resolutions)]
    unknown = set(rows["vote"]) - set(weights)
    if unknown:
        raise ValueError(f"no weight for votes {sorted(unknown)}")
    return rows.assign(score=rows["vote"].map(weights)).groupby("iso3")["score"].mean().sort_index()


def vote_counts(votes: pd.DataFrame, iso3: list[str]) -> pd.DataFrame:
    """How often each country voted yes / abstain / absent / no."""
    from .charts import VOTE_ORDER

    counts = votes[votes["iso3"].isin(iso3)].groupby(["iso3", "vote"]).size().unstack(fill_value=0)
    return counts.reindex(index=iso3, columns=VOTE_ORDER, fill_value=0)


def change(indicators: pd.DataFrame, indicator: str, start: int, end: int) -> pd.DataFrame:
    """Per country: value in `start`, value in `end` (or the latest year up to it) and the difference."""
    rows = series(indicators, indicator)
    out = []
    for iso3, group in rows.groupby("iso3"):
        before = group[group["year"] == start]
        after = group[(group["year"] > start) & (group["year"] <= end)]
        if before.empty or after.empty:
            continue
        last = after.iloc[-1]
        out.append({"iso3": iso3, "start_year": start, "start": float(before["value"].iloc[0]),
                    "end_year": int(last["year"]), "end": float(last["value"]),
                    "change": float(last["value"]) - float(before["value"].iloc[0])})
    return pd.DataFrame(out, columns=["iso3", "start_year", "start", "end_year", "end", "change"])


def summit_counts(events: pd.DataFrame, iso3: list[str]) -> pd.DataFrame:
    """Top-level meetings per partner and year, from `summit` events whose summary starts with '[Partner]'."""
    rows = events[(events["category"] == "summit") & events["iso3"].isin(iso3)].copy()
    rows["partner"] = rows["summary"].str.extract(r"^\[([^\]]+)\]", expand=False)
    rows = rows.dropna(subset=["partner"])
    rows["year"] = rows["date"].dt.year
    return rows.groupby(["year", "partner"]).size().unstack(fill_value=0).sort_index()


def remittances_share_of_gdp(indicators: pd.DataFrame) -> pd.DataFrame:
    """Personal remittances received as % of GDP, computed from the two World Bank US$ series in the data.

    Where the data set holds a published `remittances_gdp_pct`, that value is kept and the computed one is not used;
    `basis` says which a row is.
    """
    rem = series(indicators, "remittances_received_usd")[["iso3", "year", "value", "source"]]
    gdp = series(indicators, "gdp_usd")[["iso3", "year", "value", "source"]]
    both = rem.merge(gdp, on=["iso3", "year"], suffixes=("_rem", "_gdp"))
    computed = pd.DataFrame({
        "iso3": both["iso3"], "year": both["year"],
        "value": 100 * both["value_rem"] / both["value_gdp"],
        "source": both["source_rem"] + ";" + both["source_gdp"],
        "basis": "computed: remittances_received_usd / gdp_usd",
    })
    published = series(indicators, "remittances_gdp_pct")[["iso3", "year", "value", "source"]].assign(basis="published")
    out = pd.concat([published, computed], ignore_index=True).drop_duplicates(["iso3", "year"], keep="first")
    return out.sort_values(["iso3", "year"]).reset_index(drop=True)
