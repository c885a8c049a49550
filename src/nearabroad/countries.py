"""Per-country signals of loosening or tightening ties with Russia, the verdict each earns, and the thesis verdict.

The criteria are fixed here, before they are applied, and printed in the data-and-methods chapter:

Signals (each: "away", "toward", "no change" or "no data"), before the invasion against after it:
- UN votes on Ukraine's territorial integrity: mean vote score on A/RES/ES-11/1 and ES-11/4 (2022) against the
  score on A/RES/68/262 (2014); yes = 1, abstain or absent = 0.5, no = 0. A country that voted yes every time is
  "already aligned" (it cannot move further). Other resolutions (humanitarian, Human Rights Council, reparations,
  peace texts) are not in this signal.
- Trade: Russia's share of the country's goods trade in the latest full year from 2023 on against the last full
  year up to 2021, from one publisher; a change of less than TRADE_POINTS percentage points is "no change".
- Opinion: Gallup's approval of Russia's leadership, latest year from 2022 on against 2021; less than
  OPINION_POINTS points is "no change".
- Formal ties: a status that began after 24 February 2022 is "away" if it loosens a Russian-led bloc (frozen,
  suspended, withdrawn, withdrawing) or moves towards the EU (applicant, candidate); "toward" if it deepens a
  Russian-led bloc or the EU halts accession; "mixed" if both happened (neither counts).
Remittances are reported in the chapters but are not a signal: the World Bank series does not say where the money
comes from, and most central banks publish no split by sending country.

Verdicts:
- drifting: formal ties moved away and no signal moved toward Russia;
- hedging: at least one signal moved away (without that), or the country already voted with the majority every
  time, or its formal ties moved both ways;
- bound: none of the above: no measured signal moved away.
Votes and formal ties are always measured; trade and opinion often are not, so a verdict may rest on two signals.
A falling share of trade can go with rising trade with Russia when trade with others grows faster: the signal
measures Russia's weight in the country's trade, not the volume.
Thesis (the article's claim that Russia's influence declined markedly in most of the countries it covers): "clear
loosening" means drifting, or at least two signals away and none toward. Supported if more than half show clear
loosening; not supported if more than half are bound; otherwise partly supported. The verdict also reports how many
signal readings are empty.
"""

from __future__ import annotations

import pandas as pd

from . import analysis as an
from . import present
from .claims import NOT_SUPPORTED, PARTLY, SUPPORTED, Result

FOCUS = ["KAZ", "KGZ", "TJK", "TKM", "UZB", "ARM", "AZE", "GEO", "MDA", "BLR"]
INVASION = pd.Timestamp("2022-02-24")
TERRITORIAL = {"before": an.TERRITORIAL_RESOLUTIONS[:1], "after": an.TERRITORIAL_RESOLUTIONS[1:]}
VOTE_SCORE = {"yes": 1.0, "abstain": 0.5, "absent": 0.5, "no": 0.0}
TRADE_POINTS = 2.0
OPINION_POINTS = 5.0
RUSSIAN_BLOCS = ("CSTO", "EAEU", "CIS", "Union State")
BLOC_EXITS = {"frozen", "suspended", "withdrawn", "withdrawing"}  # of a Russian-led bloc: away from Russia
EU_STEPS = {"applicant", "candidate"}  # towards the EU: away from Russia; the EU halting accession is the reverse
SIGNALS = ("votes", "trade", "opinion", "formal")
SIGNAL_LABELS = {"votes": "UN votes on territorial integrity", "trade": "Russia's share of trade",
                 "opinion": "Approval of Russia's leadership (Gallup)", "formal": "Formal ties"}


def _direction(before: float, after: float, threshold: float, higher_is_away: bool) -> str:
    change = after - before
    if abs(change) < threshold:
        return "no change"
    return "away" if (change > 0) == higher_is_away else "toward"


def vote_signal(votes: pd.DataFrame, iso3: str) -> tuple[str, str]:
    rows = votes[votes["iso3"] == iso3]
    before = rows[rows["resolution"].isin(TERRITORIAL["before"])]["vote"].map(VOTE_SCORE)
    after = rows[rows["resolution"].isin(TERRITORIAL["after"])]["vote"].map(VOTE_SCORE)
    if before.empty or len(after) < len(TERRITORIAL["after"]):
        return "no data", "votes missing"
    detail = f"score {before.mean():.2f} (2014) → {after.mean():.2f} (2022)"
    if before.mean() == after.mean() == 1.0:
        return "already aligned", detail
    return _direction(before.mean(), after.mean(), 0.01, True), detail


def _before_after(before: pd.DataFrame, after: pd.DataFrame, threshold: float, missing: str) -> tuple[str, str]:
    """A share (Russia's weight) in the last year before against the latest after: a fall is "away"."""
    if before.empty or after.empty:
        return "no data", missing
    b, a = before.iloc[-1], after.iloc[-1]
    return (_direction(b["value"], a["value"], threshold, False),
            f"{b['value']:.0f} % ({int(b['year'])}) → {a['value']:.0f} % ({int(a['year'])})")


def trade_signal(shares: pd.DataFrame, iso3: str) -> tuple[str, str]:
    rows = shares[shares["iso3"] == iso3]
    return _before_after(rows[rows["year"] <= 2021], rows[rows["year"] >= 2023], TRADE_POINTS,
                         "no pre-war and post-2022 full years from one publisher")


def opinion_signal(indicators: pd.DataFrame, iso3: str) -> tuple[str, str]:
    rows = an.series(indicators, "gallup_russia_approval_pct", iso3)
    return _before_after(rows[rows["year"] == 2021], rows[rows["year"] >= 2022], OPINION_POINTS,
                         "no Gallup figure for 2021 and a later year")


def formal_signal(memberships: pd.DataFrame, iso3: str) -> tuple[str, str]:
    rows = memberships[(memberships["iso3"] == iso3)
                       & (pd.to_datetime(memberships["start"], format="ISO8601") >= INVASION)]
    bloc = rows["organisation"].isin(RUSSIAN_BLOCS)
    eu = rows["organisation"] == "EU"
    away = rows[(bloc & rows["status"].isin(BLOC_EXITS)) | (eu & rows["status"].isin(EU_STEPS))]
    toward = rows[(bloc & ~rows["status"].isin(BLOC_EXITS)) | (eu & ~rows["status"].isin(EU_STEPS))]
    detail = "; ".join(f"{r.organisation} {_status(r.organisation, r.status)} ({r.start[:4]})" for r in rows.itertuples())
    if len(away) and len(toward):
        return "mixed", detail
    if len(away):
        return "away", detail
    if len(toward):
        return "toward", detail
    return "no change", "no change of status since February 2022"


def _status(organisation: str, status: str) -> str:
    # the EU's words come from the one place the book defines them; a bloc's 'frozen' stays short in these details
    return present.status_words(organisation, status) if organisation == "EU" else status.replace("_", " ")


def signals(tables: dict[str, pd.DataFrame], iso3: list[str] = FOCUS) -> pd.DataFrame:
    """One row per country: each signal's direction and the numbers behind it, then the verdict."""
    shares = an.partner_share(tables["indicators"], "russia")
    rows = []
    for code in iso3:
        found = {
            "votes": vote_signal(tables["unga_votes"], code),
            "trade": trade_signal(shares, code),
            "opinion": opinion_signal(tables["indicators"], code),
            "formal": formal_signal(tables["memberships"], code),
        }
        row = {"iso3": code}
        for name, (direction, detail) in found.items():
            row[name], row[f"{name}_detail"] = direction, detail
        row["verdict"] = verdict(row)
        rows.append(row)
    return pd.DataFrame(rows)


def verdict(row: dict) -> str:
    directions = [row[s] for s in SIGNALS]
    away, toward = directions.count("away"), directions.count("toward")
    if row["formal"] == "away" and toward == 0:
        return "drifting"
    if away == 0 and row["votes"] != "already aligned" and row["formal"] != "mixed":
        return "bound"
    return "hedging"


def clear_loosening(row) -> bool:
    directions = [row[s] for s in SIGNALS]
    return row["verdict"] == "drifting" or (directions.count("away") >= 2 and directions.count("toward") == 0)


def thesis_verdict(tables: dict[str, pd.DataFrame], iso3: list[str] = FOCUS) -> Result:
    """The central thesis judged from the per-country signals of `iso3` (criteria in this module's docstring)."""
    table = signals(tables, iso3)
    clear = table[table.apply(clear_loosening, axis=1)]
    bound = table[table["verdict"] == "bound"]
    n = len(table)
    most = n // 2 + 1
    if len(clear) >= most:
        verdict_ = SUPPORTED
    elif len(bound) >= most:
        verdict_ = NOT_SUPPORTED
    else:
        verdict_ = PARTLY
    names = an.country_names(tables) if "countries" in tables else {}
    named = ", ".join(names.get(c, c) for c in clear["iso3"]) or "none"
    empty = int(table[list(SIGNALS)].eq("no data").sum().sum())
    text = (f"{len(clear)} of {n} countries show a clear loosening ({named}); {len(bound)} of {n} show no measured "
            f"signal away from Russia; {empty} of {n * len(SIGNALS)} signal readings are empty, so the verdict rests "
            "on votes and formal ties more than on trade and opinion")
    return Result(verdict_, text, [])
