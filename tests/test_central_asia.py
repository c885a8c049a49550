"""The Central Asia chapter's helpers, on small hand-made tables."""

import math

import pandas as pd

from nearabroad import central_asia as ca


def _votes():
    return pd.DataFrame({
        "resolution": ["A/RES/ES-11/1"] * 3 + ["A/RES/ES-11/3"] * 3 + ["A/RES/ES-11/7"],
        "date": pd.to_datetime(["2022-03-02"] * 3 + ["2022-04-07"] * 3 + ["2025-02-24"]),
        "iso3": ["KAZ", "KGZ", "TKM", "KAZ", "KGZ", "TKM", "KAZ"],
        "vote": ["abstain", "abstain", "absent", "no", "no", "absent", "abstain"],
        "source": ["s"] * 7,
    })


def _indicators():
    rows = [
        ("UZB", 2022, "russia_share_of_trade_pct", 18.6),
        ("UZB", 2022, "china_share_of_trade_pct", 17.8),
        ("UZB", 2023, "russia_share_of_trade_pct", 15.8),
        ("KAZ", 2023, "russia_share_of_trade_jan_sep_pct", 18.6),
        ("KAZ", 2023, "china_share_of_trade_jan_sep_pct", 21.3),
        ("KGZ", 2022, "remittances_received_usd", 30.0),
        ("KGZ", 2022, "gdp_usd", 100.0),
    ]
    return pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"]).assign(source="s", note="")


def test_covered_resolutions_drops_thin_columns():
    assert ca.covered_resolutions(_votes(), ["KAZ", "KGZ", "TKM"]) == ["A/RES/ES-11/1", "A/RES/ES-11/3"]
    assert ca.covered_resolutions(_votes(), ["KAZ", "KGZ", "TKM"], min_share=0.3) == [
        "A/RES/ES-11/1", "A/RES/ES-11/3", "A/RES/ES-11/7"]


def test_partner_shares_keeps_period_and_country_order():
    out = ca.partner_shares(_indicators(), ["KAZ", "UZB"])
    assert list(out["iso3"]) == ["KAZ", "KAZ", "UZB", "UZB", "UZB"]
    kaz = out[out["iso3"] == "KAZ"]
    assert set(kaz["period"]) == {"Jan-Sep"}
    assert dict(zip(kaz["partner"], kaz["value"])) == {"China": 21.3, "Russia": 18.6}
    assert out[(out["iso3"] == "UZB") & (out["year"] == 2023)]["partner"].tolist() == ["Russia"]


def test_distinct_meetings_collapses_one_summit_to_one_row():
    events = pd.DataFrame({
        "date": pd.to_datetime(["2023-05-19"] * 3 + ["2023-05-09", "2023-06-01"]),
        "iso3": ["UZB", "KAZ", "TKM", "KAZ", "KAZ"],
        "category": ["summit"] * 4 + ["diplomacy"],
        "summary": ["[China] Xi'an summit."] * 2 + ["[China] Turkmen variant.", "[Russia] Parade.", "[EU] Not a summit."],
        "source": ["a", "a;b", "c", "d", "e"],
    })
    out = ca.distinct_meetings(events, ["KAZ", "UZB", "TKM"])
    assert len(out) == 2
    xian = out[out["partner"] == "China"].iloc[0]
    assert xian["countries"] == ["KAZ", "UZB", "TKM"]
    assert xian["summary"] == "Xi'an summit."
    assert xian["source"] == "a;b;c"


def test_countries_label():
    names = {"KAZ": "Kazakhstan", "UZB": "Uzbekistan"}
    assert ca.countries_label(ca.CENTRAL_ASIA, names) == "All five"
    assert ca.countries_label(["KAZ", "UZB"], names) == "Kazakhstan, Uzbekistan"


def test_scorecard_counts_votes_and_leaves_gaps_missing():
    memberships = pd.DataFrame({
        "iso3": ["KAZ", "UZB", "UZB"], "organisation": ["CSTO", "CSTO", "CSTO"],
        "status": ["member", "member", "suspended"], "start": ["2002", "2006", "2012"],
        "end": ["", "2012", ""], "source": ["s"] * 3,
    })
    out = ca.scorecard(_indicators(), _votes(), memberships, ["KAZ", "KGZ", "UZB"]).set_index("iso3")
    assert out.loc["KAZ", "votes_with_russia"] == 1 and out.loc["KAZ", "votes_abstain_or_absent"] == 2
    assert out.loc["UZB", "csto"] == "suspended" and out.loc["KAZ", "eaeu"] is None
    assert out.loc["UZB", "russia_trade_share_pct"] == 15.8 and out.loc["UZB", "russia_trade_share_year"] == 2023
    assert math.isnan(out.loc["KAZ", "russia_trade_share_pct"])
    assert out.loc["KGZ", "remittances_gdp_pct"] == 30.0
