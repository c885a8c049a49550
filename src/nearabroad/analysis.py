"""Pure functions on the loaded tables: selections, vote matrices, alignment scores, changes over time."""

from __future__ import annotations

import pandas as pd

RESOLUTION_LABELS = {  # short two-line names for chart axes: symbol and month of the vote
    "A/RES/68/262": "68/262\nMar 14",
    "A/RES/ES-11/1": "ES-11/1\nMar 22",
    "A/RES/ES-11/2": "ES-11/2\nMar 22",
    "A/RES/ES-11/3": "ES-11/3\nApr 22",
    "A/RES/ES-11/4": "ES-11/4\nOct 22",
    "A/RES/ES-11/5": "ES-11/5\nNov 22",
    "A/RES/ES-11/6": "ES-11/6\nFeb 23",
    "A/RES/ES-11/7": "ES-11/7\nFeb 25",
    "A/RES/ES-11/8": "ES-11/8\nFeb 25",
    "A/RES/ES-11/9": "ES-11/9\nDec 25",
}

RESOLUTION_SUBJECTS = {  # a word or two per resolution, for chart axes and tables (the full titles are in the sources)
    "A/RES/68/262": "Crimea", "A/RES/ES-11/1": "Aggression", "A/RES/ES-11/4": "Annexa-\ntions",
    "A/RES/ES-11/2": "Humani-\ntarian", "A/RES/ES-11/3": "Rights\nCouncil", "A/RES/ES-11/5": "Repara-\ntions",
    "A/RES/ES-11/6": "Peace", "A/RES/ES-11/7": "Peace", "A/RES/ES-11/8": "Path to\npeace",
    "A/RES/ES-11/9": "Children",
}

# Resolutions on Ukraine's territorial integrity (Crimea 2014, the invasion and the annexations of 2022) are scored
# apart from the others (humanitarian, Human Rights Council, reparations, peace texts, children): an abstention on a
# text about peace talks is not read as siding with Russia on borders.
TERRITORIAL_RESOLUTIONS = ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"]

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


def value(indicators: pd.DataFrame, iso3: str, indicator: str, year: int) -> float:
    """One value; KeyError if the data set does not have it (never a default)."""
    rows = indicators[(indicators["iso3"] == iso3) & (indicators["indicator"] == indicator) & (indicators["year"] == year)]
    if rows.empty:
        raise KeyError(f"no {indicator} for {iso3} in {year}")
    return float(rows["value"].iloc[0])


def row(indicators: pd.DataFrame, iso3: str, indicator: str, year: int) -> pd.Series | None:
    """The one row of an indicator for a country and year, or None if the data set does not have it."""
    rows = indicators[(indicators["iso3"] == iso3) & (indicators["indicator"] == indicator) & (indicators["year"] == year)]
    return rows.iloc[0] if len(rows) else None


def country_names(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """ISO3 code -> the country's common English name, from countries.csv."""
    return dict(tables["countries"][["iso3", "name"]].to_numpy())


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


PARTNER_VALUE_IDS = {  # (exports to partner, imports from partner, total exports, total imports), per publisher family
    "russia": [("exports_to_russia_usd", "imports_from_russia_usd", "exports_total_usd", "imports_total_usd")],
    "china": [("exports_to_china_usd", "imports_from_china_usd", "exports_total_usd", "imports_total_usd"),
              ("imf_dots_exports_to_china_usd", "imf_dots_imports_from_china_usd", "imf_dots_exports_total_usd",
               "imf_dots_imports_total_usd")],
    "eu": [("exports_to_eu_as_grouped_usd", "imports_from_eu_as_grouped_usd", "exports_total_usd", "imports_total_usd")],
}


def partner_share(indicators: pd.DataFrame, partner: str, iso3: list[str] | None = None) -> pd.DataFrame:
    """A partner's share of each country's goods trade (exports + imports), full calendar years, one series per
    country from one publisher: the share the publisher states, or the share computed here from the publisher's
    own partner and total values for the same year. Where a country has both, the longer series is used; the two
    are never mixed. Columns: iso3, year, value, publisher, source, basis."""
    candidates = []
    published = series(indicators, f"{partner}_share_of_trade_pct", iso3)
    for (code, pub), rows in published.groupby(["iso3", "publisher"]):
        candidates.append(rows.assign(basis="published share")[["iso3", "year", "value", "publisher", "source", "basis"]])
    for ids in PARTNER_VALUE_IDS[partner]:
        parts = [series(indicators, i, iso3).set_index(["iso3", "year"]) for i in ids]
        if any(p.empty for p in parts):
            continue
        both = pd.concat([p[["value", "publisher", "source"]].add_prefix(f"{k}_") for k, p in enumerate(parts)],
                         axis=1, join="inner").reset_index()
        same = both[(both["0_publisher"] == both["1_publisher"]) & (both["0_publisher"] == both["2_publisher"])
                    & (both["0_publisher"] == both["3_publisher"])]
        if same.empty:
            continue
        computed = pd.DataFrame({
            "iso3": same["iso3"], "year": same["year"],
            "value": 100 * (same["0_value"] + same["1_value"]) / (same["2_value"] + same["3_value"]),
            "publisher": same["0_publisher"],
            "source": [";".join(dict.fromkeys(";".join(r).split(";"))) for r in
                       same[["0_source", "1_source", "2_source", "3_source"]].to_numpy()],
            "basis": "computed from the publisher's partner and total values"})
        for _, rows in computed.groupby(["iso3", "publisher"]):
            candidates.append(rows)
    best: dict[str, pd.DataFrame] = {}
    for rows in candidates:  # published candidates come first, so they win ties
        code = rows["iso3"].iloc[0]
        if code not in best or len(rows) > len(best[code]):
            best[code] = rows
    if not best:
        return pd.DataFrame(columns=["iso3", "year", "value", "publisher", "source", "basis"])
    return pd.concat(best.values()).sort_values(["iso3", "year"]).reset_index(drop=True)


def coverage(indicators: pd.DataFrame, names: list[str], iso3: list[str], first: int = 2014, last: int = 2025) -> pd.DataFrame:
    """Country x indicator: how many of the years `first`..`last` have a value."""
    rows = indicators[indicators["indicator"].isin(names) & indicators["iso3"].isin(iso3)
                      & indicators["year"].between(first, last)]
    table = rows.groupby(["iso3", "indicator"])["year"].nunique().unstack(fill_value=0)
    return table.reindex(index=iso3, columns=names, fill_value=0)
