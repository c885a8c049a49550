import pandas as pd
import pytest

from nearabroad import analysis as an

VOTES = pd.DataFrame({
    "resolution": ["A/RES/ES-11/1"] * 3 + ["A/RES/68/262"] * 3,
    "date": pd.to_datetime(["2022-03-02"] * 3 + ["2014-03-27"] * 3),
    "iso3": ["MDA", "BLR", "KAZ"] * 2,
    "vote": ["yes", "no", "abstain", "yes", "no", "absent"],
    "source": ["s"] * 6,
})


def test_vote_matrix_orders_resolutions_by_date_and_countries_as_asked():
    m = an.vote_matrix(VOTES, ["KAZ", "MDA"])
    assert list(m.columns) == ["A/RES/68/262", "A/RES/ES-11/1"]
    assert list(m.index) == ["KAZ", "MDA"]
    assert m.loc["KAZ", "A/RES/68/262"] == "absent"


def test_alignment_score_and_its_strict_variant():
    assert an.alignment_score(VOTES).to_dict() == {"BLR": 0.0, "KAZ": 0.5, "MDA": 1.0}
    assert an.alignment_score(VOTES, an.VOTE_SCORE_STRICT)["KAZ"] == pytest.approx(0.375)
    with pytest.raises(ValueError, match="no weight"):
        an.alignment_score(VOTES, {"yes": 1})


IND = pd.DataFrame({
    "iso3": ["MDA", "MDA", "MDA", "MDA", "KGZ"], "year": [2021, 2023, 2021, 2023, 2021],
    "indicator": ["remittances_received_usd", "remittances_received_usd", "gdp_usd", "gdp_usd", "remittances_gdp_pct"],
    "value": [2.0e9, 2.0e9, 10.0e9, 16.0e9, 31.0], "source": ["r1", "r2", "g1", "g2", "k1"], "note": [""] * 5,
})


def test_partner_share_from_one_publisher_never_mixed():
    rows = pd.DataFrame({
        "iso3": ["KGZ"] * 8 + ["KAZ", "KAZ"],
        "year": [2021] * 4 + [2022] * 4 + [2021, 2022],
        "indicator": ["exports_to_russia_usd", "imports_from_russia_usd", "exports_total_usd", "imports_total_usd"] * 2
                     + ["russia_share_of_trade_pct"] * 2,
        "value": [1.0, 3.0, 10.0, 10.0, 1.0, 1.0, 10.0, 10.0, 24.0, 21.0],
        "publisher": ["NSC"] * 4 + ["NSC", "NSC", "NSC", "Other"] + ["BNS", "BNS"],
        "source": ["a"] * 10, "note": [""] * 10})
    out = an.partner_share(rows, "russia")
    assert out[out["iso3"] == "KGZ"][["year", "value"]].to_dict("records") == [{"year": 2021, "value": 20.0}]
    assert list(out[out["iso3"] == "KAZ"]["basis"]) == ["published share"] * 2


def test_change_and_value_never_invent():
    ch = an.change(IND, "gdp_usd", 2021, 2024)
    assert ch.to_dict("records") == [{"iso3": "MDA", "start_year": 2021, "start": 10e9, "end_year": 2023, "end": 16e9, "change": 6e9}]
    with pytest.raises(KeyError):
        an.value(IND, "MDA", "gdp_usd", 2022)
