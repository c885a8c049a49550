"""Belarus chapter helpers: publishers stay apart, gaps stay blank, the two-period split is exact."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from nearabroad import belarus as by


def rows(*records):
    return pd.DataFrame(records, columns=["iso3", "year", "indicator", "value", "source", "note"])


INDICATORS = rows(
    ("BLR", 2017, "russia_share_of_trade_pct", 51.1, "s17", "Belstat via WNP"),
    ("BLR", 2020, "russia_share_of_trade_pct", 47.9, "s20", "Belstat via Rzeczpospolita"),
    ("BLR", 2021, "russia_share_of_trade_pct", 49.0, "s21", "Foreign Ministry report (Belstat-based)"),
    ("BLR", 2021, by.OFFICIAL_SHARE, 41.0, "off", "official"),
    ("BLR", 2022, by.OFFICIAL_SHARE, 57.0, "off", "official"),
    ("BLR", 2017, "eu_share_of_exports_pct", 26.9, "s17", "Belstat via WNP"),
    ("BLR", 2020, "exports_to_russia_usd", 13.13e9, "r20", "Belarusian statistics committee (Belstat)"),
    ("BLR", 2020, "imports_from_russia_usd", 16.4e9, "r20", "Belarusian statistics committee (Belstat)"),
    ("BLR", 2021, "trade_with_russia_usd", 40e9, "u21", "Belstat as cited by Sputnik"),
    ("BLR", 2023, "exports_to_russia_usd", 23.9e9, "t23", "Russian customs mirror data; not Belstat"),
    ("BLR", 2023, "imports_from_russia_usd", 22.6e9, "t23", "Russian customs mirror data; not Belstat"),
    ("BLR", 2023, "trade_with_russia_goods_services_usd", 53e9, "b23", "officials"),
    ("BLR", 2021, "exports_to_eu_usd", 9.5e9, "tasr", "TASR; publisher not named"),
    ("BLR", 2016, "gas_imports_from_russia_bcm", 18.6, "g16", "Gazprom press release"),
    ("BLR", 2021, "gas_imports_from_russia_bcm", 19.78, "f21", "Russian Federal Customs Service (FCS)"),
    ("BLR", 2014, "gas_imports_bcm", 20.052, "b14", "Belstat total imports"),
    ("BLR", 2014, "gas_price_blr_usd_per_tcm", 168.0, "p14", "Belsat"),
    ("BLR", 2016, "russian_oil_supplies_blr_mt", 18.4, "o16", "Novak via Kyiv Post"),
    ("KAZ", 2021, "russia_share_of_trade_pct", 23.0, "k21", "not Belarus"),
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("note, publisher", [
    ("Russian Federal Customs Service (FCS) data as cited by GEA", "Russian customs"),
    ("Russian customs mirror data ... not Belstat", "Russian customs"),
    ("Gazprom press release, a different series from the customs figures", "Gazprom"),
    ("Belarusian statistics committee (Belstat) via WNP.pl", "Belstat"),
    ("Slovak press agency TASR; publisher not named", "other"),
])
def test_publisher_of(note, publisher):
    assert by.publisher_of(note) == publisher


def test_trade_shares_keep_the_official_statement_apart_and_the_gap_blank():
    fig, axes, data = by.trade_shares_figure(INDICATORS)
    assert set(data["iso3"]) == {"BLR"}
    official = data[data["indicator"] == by.OFFICIAL_SHARE]
    assert set(official["series"]) == {"official statement, January-September"}
    assert set(data.loc[data["indicator"] != by.OFFICIAL_SHARE, "series"]) == {"Belstat, full year"}
    # no Belstat value after 2021 is drawn, and the missing 2018-2019 break the Belstat line instead of bridging it
    trade_line = [ln for ln in axes[0].get_lines() if ln.get_label() == "of trade turnover"][0]
    y = dict(zip(trade_line.get_xdata(), trade_line.get_ydata()))
    assert np.isnan(y[2018]) and np.isnan(y[2022]) and y[2020] == pytest.approx(47.9)
    # the blank period is drawn on both panels
    assert all(len(ax.patches) >= 1 for ax in axes)


def test_trade_flows_label_each_publisher_and_leave_2022_empty():
    _, _, data = by.trade_flows_figure(INDICATORS)
    assert 2022 not in set(data["year"])
    series = {(r.year, r.flow): r.series for r in data.itertuples()}
    assert series[(2020, "exports")] == "Belstat"
    assert series[(2023, "exports")] == "Russian customs"
    assert series[(2021, "turnover (no split published)")] == "Belstat"
    assert series[(2023, "goods and services (official claim)")] == "Belarusian officials"
    assert data.loc[data["partner"] == "EU", "series"].tolist() == ["press report, statistical publisher not named"]


def test_energy_series_are_split_by_publisher():
    _, _, data = by.energy_figure(INDICATORS)
    gas = data[data["indicator"].str.startswith("gas_imports")]
    assert dict(zip(gas["year"], gas["series"])) == {2014: "Belstat, all imports", 2016: "Gazprom",
                                                      2021: "Russian customs"}


EVENTS = pd.DataFrame({
    "date": pd.to_datetime(["2016-02-15", "2020-08-08", "2020-08-09", "2021-06-28"]),
    "iso3": ["BLR"] * 4, "category": ["sanctions", "diplomacy", "elections", "diplomacy"],
    "summary": ["EU lifted most sanctions.", "Day before.", "Election.", "Left the Eastern Partnership."],
    "source": ["a", "b", "c", "d"]})


def test_events_by_period_splits_on_the_date():
    table = by.events_by_period(EVENTS, "2020-08-09", ("before", "after"))
    assert table.loc["diplomacy"].tolist() == [1, 1]
    assert table.loc["elections"].tolist() == [0, 1]
    assert table.loc["sanctions"].tolist() == [1, 0]


def test_two_period_timeline_puts_each_event_in_one_column():
    fig, axes = by.two_period_timeline(EVENTS, "2020-08-09", titles=("before", "after"))
    texts = [[t.get_text() for t in ax.texts] for ax in axes]
    assert [len(t) for t in texts] == [2, 2]
    assert texts[1][0].startswith("09 Aug 2020")
