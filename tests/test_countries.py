"""Per-country signals and verdicts follow the written criteria; the thesis verdict follows the countries."""

import pandas as pd

from nearabroad import countries
from nearabroad.claims import NOT_SUPPORTED, PARTLY, SUPPORTED


def tables(arm_2022="abstain", approval_2022=32.0, csto_status="frozen"):
    votes = pd.DataFrame({
        "resolution": ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"],
        "date": pd.to_datetime(["2014-03-27", "2022-03-02", "2022-10-12"]),
        "iso3": ["ARM"] * 3, "vote": ["no", arm_2022, arm_2022], "source": ["v"] * 3})
    indicators = pd.DataFrame({
        "iso3": ["ARM", "ARM"], "year": [2021, 2022], "indicator": ["gallup_russia_approval_pct"] * 2,
        "value": [45.0, approval_2022], "publisher": ["Gallup"] * 2, "source": ["g"] * 2, "note": [""] * 2})
    memberships = pd.DataFrame({"iso3": ["ARM"], "organisation": ["CSTO"], "status": [csto_status],
                                "start": ["2024-02-22"], "end": [""], "source": ["m"]})
    return {"unga_votes": votes, "indicators": indicators, "memberships": memberships}


def test_signals_and_verdict_follow_the_criteria():
    row = countries.signals(tables(), ["ARM"]).iloc[0]
    assert (row["votes"], row["opinion"], row["formal"], row["trade"]) == ("away", "away", "away", "no data")
    assert row["verdict"] == "drifting"


def test_one_changed_value_changes_the_verdict():
    assert countries.signals(tables(approval_2022=60.0), ["ARM"]).iloc[0]["opinion"] == "toward"
    assert countries.signals(tables(approval_2022=60.0), ["ARM"]).iloc[0]["verdict"] == "hedging"
    unmoved = countries.signals(tables(arm_2022="no", approval_2022=44.0, csto_status="member"), ["ARM"]).iloc[0]
    assert unmoved["verdict"] == "bound"


def test_a_country_that_always_voted_yes_is_already_aligned_not_bound():
    t = tables(arm_2022="yes")
    t["unga_votes"].loc[0, "vote"] = "yes"
    row = countries.signals(t, ["ARM"]).iloc[0]
    assert row["votes"] == "already aligned"


def test_thesis_verdict_thresholds(monkeypatch):
    def fake(n_clear, n_bound):
        rows = [{"iso3": f"C{i}", "votes": "away", "trade": "away", "opinion": "no data", "formal": "away",
                 "verdict": "drifting"} for i in range(n_clear)]
        rows += [{"iso3": f"B{i}", "votes": "no change", "trade": "no change", "opinion": "no change",
                  "formal": "no change", "verdict": "bound"} for i in range(n_bound)]
        rows += [{"iso3": f"H{i}", "votes": "already aligned", "trade": "no data", "opinion": "no data",
                  "formal": "no change", "verdict": "hedging"} for i in range(10 - n_clear - n_bound)]
        return pd.DataFrame(rows)

    for clear, bound, verdict in ((6, 0, SUPPORTED), (2, 6, NOT_SUPPORTED), (3, 2, PARTLY), (2, 5, PARTLY)):
        monkeypatch.setattr(countries, "signals", lambda t, iso3, c=clear, b=bound: fake(c, b))
        assert countries.thesis_verdict({}).verdict == verdict


def test_georgia_like_country_is_hedging_not_bound():
    t = tables(arm_2022="yes", approval_2022=44.0, csto_status="member")
    t["unga_votes"].loc[0, "vote"] = "yes"
    t["memberships"] = pd.DataFrame({"iso3": ["ARM", "ARM"], "organisation": ["EU", "EU"],
                                     "status": ["candidate", "frozen"], "start": ["2023-12-14", "2024-06-27"],
                                     "end": ["", ""], "source": ["m", "m"]})
    row = countries.signals(t, ["ARM"]).iloc[0]
    assert (row["votes"], row["formal"], row["verdict"]) == ("already aligned", "mixed", "hedging")
