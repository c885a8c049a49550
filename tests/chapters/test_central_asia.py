"""The Central Asia chapter module: figures return their plotted values with sources, tables carry no codes, the
trade panels keep one publisher per country, and the glued facts say what the data say."""

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from nearabroad import countries as cty
from nearabroad.chapters import central_asia as ch
from nearabroad.data import bibliography, load_all


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.fixture(scope="module")
def facts(tables):
    return ch.facts(tables)


FIGURES = ["votes", "trade", "remittances", "arms"]


@pytest.mark.parametrize("name", FIGURES)
def test_figures_return_sourced_tidy_data(name, tables):
    fig, data = getattr(ch, f"figure_{name}")(tables)
    plt.close(fig)
    assert len(data) and "source" in data.columns
    keys = bibliography().keys
    for cell in data["source"]:
        assert cell and all(k in keys for k in cell.split(";"))
    if name != "votes":  # indicator rows name their publisher
        assert data["publisher"].notna().all() and (data["publisher"] != "").all()
    assert not data.isna().any().any()


def test_vote_figure_puts_territorial_resolutions_first(tables):
    fig, data = ch.figure_votes(tables)
    plt.close(fig)
    assert ch.vote_columns(tables["unga_votes"])[:3] == ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"]
    assert len(data) == 5 * tables["unga_votes"]["resolution"].nunique()
    assert set(data.loc[data["group"] == "territorial integrity", "resolution"]) == set(
        ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"])


def test_trade_shares_one_publisher_per_country_full_years_only(tables):
    shares = ch.trade_shares(tables)
    assert (shares.groupby("iso3")["publisher"].nunique() == 1).all()
    assert not shares.duplicated(["iso3", "partner", "year"]).any()
    assert shares["value"].between(0, 100).all()
    by_country = shares.groupby("iso3")["publisher"].first()
    assert by_country["KAZ"] == "Bureau of National Statistics of Kazakhstan"
    assert by_country["UZB"] == "Statistics Agency of Uzbekistan"  # China from the same table as Russia
    assert by_country["TKM"] == "International Monetary Fund"
    tkm = shares[shares["iso3"] == "TKM"]
    assert set(tkm["partner"]) == {"China"} and (tkm["basis"] == ch.MIRROR_BASIS).all()
    # the January–September 2023 shares of Kazakhstan are never drawn as a year
    kaz23 = shares[(shares["iso3"] == "KAZ") & (shares["year"] == 2023)].set_index("partner")["value"]
    ind = tables["indicators"]
    full = ind[(ind["iso3"] == "KAZ") & (ind["year"] == 2023) & (ind["indicator"] == "china_share_of_trade_pct")]
    assert kaz23["China"] == pytest.approx(full["value"].iloc[0])


def test_trade_shares_match_the_russia_series_of_the_verdicts(tables):
    from nearabroad import analysis as an

    shares = ch.trade_shares(tables)
    ru = shares[shares["partner"] == "Russia"][["iso3", "year", "value"]].reset_index(drop=True)
    ref = an.partner_share(tables["indicators"], "russia", ch.CA)[["iso3", "year", "value"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(ru, ref)


def test_arms_figure_uses_one_extract_and_years(tables):
    fig, data = ch.figure_arms(tables)
    plt.close(fig)
    assert set(data["indicator"]) == {"sipri_arms_imports_from_russia_tiv"}
    assert data["year"].between(2014, 2023).all() and data["year"].max() == 2023
    assert set(data["source"]) == {"sec-sipri-tiv-rus-2024"}


TABLES = ["table_opinion", "table_memberships", "table_verdicts", "list_summits", "list_pressure"]


@pytest.mark.parametrize("name", TABLES)
def test_tables_have_labels_not_codes(name, tables):
    html = getattr(ch, name)(tables).data
    text = re.sub(r"<[^>]+>", " ", html)
    assert "nan" not in text.split() and "None" not in text.split()
    assert not re.search(r"\b[a-z]+(_[a-z0-9]+)+\b", text), name
    assert "<table" in html


def test_collapse_joins_countries_of_one_event():
    events = pd.DataFrame({
        "date": pd.to_datetime(["2023-05-19"] * 5 + ["2023-11-03"] * 2),
        "iso3": ["KAZ", "KGZ", "TJK", "TKM", "UZB", "UZB", "KAZ"],
        "category": "summit",
        "summary": ["[China] Xi'an summit"] * 5 + ["[Turkey] Astana summit"] * 2,
        "source": ["a;b", "a", "a", "a", "b", "c", "c"],
    })
    names = {"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan", "TJK": "Tajikistan", "TKM": "Turkmenistan", "UZB": "Uzbekistan"}
    rows, labels = ch._collapse(events, names)
    assert len(rows) == 2
    assert labels[rows["iso3"].iloc[0]] == "All five" and rows["source"].iloc[0] == "a;b"
    assert labels[rows["iso3"].iloc[1]] == "Kazakhstan and Uzbekistan"


def test_event_lists_select_what_the_text_says(tables):
    summits = ch.summit_events(tables)
    assert (summits["date"] >= "2022-01-01").all() and set(summits["category"]) == {"summit"}
    pressure = ch.pressure_events(tables)
    energy = pressure[pressure["category"] == "energy"]
    assert len(energy) and energy["summary"].str.contains("CPC").all()
    assert set(pressure["category"]) <= {"security", "war", "sanctions", "energy"}


def test_kyrgyz_shares_facts_on_the_real_data(tables, facts):
    shares = ch.trade_shares(tables)
    kgz = shares[shares["iso3"] == "KGZ"].pivot(index="year", columns="partner", values="value")
    assert kgz.loc[2023, "Russia"] < kgz.loc[2021, "Russia"] and facts["kgz_ru_verb"] == "fell"
    assert kgz.loc[2023, "China"] > kgz.loc[2021, "China"] and facts["kgz_cn_verb"] == "rose"
    assert facts["kgz_ru_2021"] == "28 %" and facts["kgz_ru_2023"] == "19 %"
    assert facts["kgz_cn_2023"] == "35 %"


def test_turkmen_china_share_range(facts):
    assert (facts["tkm_cn_min"], facts["tkm_cn_max"]) == ("42 %", "66 %")
    assert (facts["tkm_cn_first"], facts["tkm_cn_last"]) == ("2015", "2024")


def test_arms_facts_add_up(tables, facts):
    rows = ch.arms_deliveries(tables)
    assert facts["arms_kaz"] == f"{rows.loc[rows['iso3'] == 'KAZ', 'value'].sum():,.0f}" == "1,947"
    assert facts["arms_total"] == "2,299"  # 1,947 + 55 (KGZ) + 33 (TJK) + 106 (TKM) + 158 (UZB)


def test_poll_facts_and_gaps(facts):
    assert facts["recent_poll"] == "Kazakhstan"
    assert facts["no_recent_poll"] == "Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan"
    assert facts["no_poll"] == "Tajikistan and Turkmenistan"
    assert facts["no_gallup"] == "any of the five"
    assert facts["demo_worse_2023"] == "32.6 %" and facts["demo_support_2022"] == "13 %"


def test_verdict_facts_come_from_the_signals(tables, facts):
    sig = cty.signals(tables, ch.CA).set_index("iso3")
    assert (sig["formal"] == "no change").all() and facts["formal_sentence"].startswith("None of the five")
    for code, verdict in sig["verdict"].items():
        name = ch.names(tables)[code]
        clause = next(p for p in facts["verdicts"].split("; ") if name in p)
        assert clause.endswith(verdict)
    assert facts["thin"] == "Tajikistan and Turkmenistan" and facts["thin_n"] == "2"


def test_join():
    assert ch._join([]) == "none"
    assert ch._join(["A"]) == "A"
    assert ch._join(["A", "B", "C"]) == "A, B and C"


def test_arms_before_and_during_the_war_add_up(tables, facts):
    rows = ch.arms_deliveries(tables)
    assert facts["arms_prewar"] == f"{rows.loc[rows['year'].isin([2020, 2021]), 'value'].sum():,.0f}" == "451"
    assert facts["arms_war"] == "293" and facts["arms_war_kaz"] == "275"
    assert facts["arms_war_none"] == "Turkmenistan and Uzbekistan"
