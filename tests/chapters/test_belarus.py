"""The Belarus chapter: publishers stay apart, gaps stay blank, facts match the data, tables carry labels not codes."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from nearabroad import countries as ct
from nearabroad.chapters import belarus as chapter
from nearabroad.data import bibliography, load_all


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _lines_through(ax, year_a, year_b, colour=None):
    """Lines on `ax` (optionally of one colour) that join a point in `year_a` to one in `year_b`."""
    joined = []
    for line in ax.get_lines():
        if colour is not None and line.get_color().upper() != colour.upper():
            continue
        x, y = np.asarray(line.get_xdata(), dtype=float), np.asarray(line.get_ydata(), dtype=float)
        for i in range(len(x) - 1):
            if x[i] == year_a and x[i + 1] == year_b and not np.isnan(y[i]) and not np.isnan(y[i + 1]):
                joined.append(line)
    return joined


@pytest.mark.parametrize("name", ["votes", "trade_shares", "trade_values", "energy", "arms"])
def test_every_figure_returns_sourced_rows(tables, name):
    fig, data = getattr(chapter, f"figure_{name}")(tables)
    keys = bibliography().keys
    assert len(data) and "source" in data.columns
    for cell in data["source"]:
        assert cell and all(k.strip() in keys for k in cell.split(";"))
    if "indicator" in data.columns:
        assert data["publisher"].notna().all() and (data["publisher"] != "").all()
    assert data["value" if "value" in data.columns else "vote"].notna().all()


def test_vote_grid_has_every_cell_and_puts_territorial_texts_first(tables):
    fig, data = chapter.figure_votes(tables)
    assert len(data) == len(chapter.GRID_ORDER) * data["resolution"].nunique() == 120
    columns = chapter.vote_columns(tables["unga_votes"])
    assert columns[:3] == ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"]
    assert set(data.loc[data["group"] == "territorial integrity", "resolution"]) == set(columns[:3])


def test_trade_shares_leave_the_blackout_blank_and_draw_the_break_apart(tables):
    fig, data = chapter.figure_trade_shares(tables)
    assert data["year"].max() <= chapter.LAST_PARTNER_YEAR  # nothing is drawn in the years without partner data
    brk = tables["series_breaks"]
    for r in brk[brk["iso3"] == "BLR"].itertuples():
        row = data[(data["indicator"] == r.indicator) & (data["year"] == r.year)]
        assert len(row) == 1 and row["publisher"].iloc[0] == r.publisher
        assert row["basis"].iloc[0].endswith("(series break)")
    left, right = fig.axes[:2]
    russia = chapter.RUSSIA
    assert not _lines_through(left, 2020, 2021, russia)  # Belstat 2020 is never joined to the Foreign Ministry's 2021
    assert not _lines_through(left, 2017, 2020, russia) and not _lines_through(right, 2019, 2021, russia)
    assert _lines_through(left, 2020, 2021, chapter.CHINA)  # one publisher's consecutive years are joined
    # The China line is the IMF's only, 2015-2021.
    china = data[data["partner"] == "China"]
    assert set(china["publisher"]) == {"International Monetary Fund"}
    assert list(china["year"]) == list(range(2015, 2022))


def test_china_share_is_computed_from_the_imfs_own_values(tables):
    ind = tables["indicators"]

    def imf(indicator, year):
        rows = ind[(ind["iso3"] == "BLR") & (ind["indicator"] == indicator) & (ind["year"] == year)]
        assert set(rows["publisher"]) == {"International Monetary Fund"}
        return float(rows["value"].iloc[0])

    share = chapter.china_share(tables).set_index("year")["value"]
    for year, value in share.items():
        expected = 100 * (imf("imf_dots_exports_to_china_usd", year) + imf("imf_dots_imports_from_china_usd", year)) / (
            imf("imf_dots_exports_total_usd", year) + imf("imf_dots_imports_total_usd", year))
        assert value == pytest.approx(expected)
    facts = chapter.facts(tables)
    assert facts["by-china-min"] == f"{share.min():.1f} %" and facts["by-china-max"] == f"{share.max():.1f} %"


def test_trade_values_keep_the_2023_statement_apart_from_belstat(tables):
    fig, data = chapter.figure_trade_values(tables)
    belstat = data[data["publisher"].str.contains("Belstat")]
    assert belstat["year"].max() <= chapter.LAST_PARTNER_YEAR
    claim = data[data["indicator"] == "trade_with_russia_goods_services_usd"]
    assert len(claim) == 1 and claim["publisher"].iloc[0] != belstat["publisher"].iloc[0]
    facts = chapter.facts(tables)
    r17 = belstat[(belstat["partner"] == "Russia") & (belstat["year"] == 2017)]["value"].sum()
    assert facts["by-ru-goods-2017"] == f"${r17 / 1e9:.1f} billion"
    assert facts["by-ru-claim-2023"] == "$53 billion"


def test_energy_keeps_one_publisher_per_panel_and_part_years_marked(tables):
    fig, data = chapter.figure_energy(tables)
    gas = data[data["indicator"] == "gas_imports_from_russia_bcm"]
    price = data[data["indicator"] == "gas_price_blr_usd_per_tcm"]
    assert set(gas["publisher"]) == {"Gazprom"}
    assert set(price["publisher"]) == {"Government of Belarus"}
    assert price.set_index("year").loc[2017, "period"] == "July-December only"
    assert price.set_index("year").loc[2018, "period"] == "whole year"


def test_points_never_bridge_a_missing_year():
    fig, ax = plt.subplots()
    rows = pd.DataFrame({"year": [2017, 2020], "value": [51.1, 47.9]})
    chapter._points(ax, rows, colour="#000000", marker="o")
    assert not _lines_through(ax, 2017, 2020)
    y = ax.get_lines()[0].get_ydata()
    assert np.isnan(y[1]) and np.isnan(y[2])


def test_poll_design_reads_the_fixed_note_form():
    note = "online survey; 28% unsure. sample: 823; fieldwork: 8-18 Apr 2022; margin: ±3.6 pp"
    assert chapter.poll_design(note) == {"sample": "823", "fieldwork": "8-18 Apr 2022", "margin": "±3.6 pp"}
    assert chapter.poll_design("no design given")["margin"] == "not published"


def test_opinion_table_gives_design_of_every_chatham_house_row(tables):
    rows = chapter.opinion_rows(tables)
    assert len(rows) == len(chapter.CHATHAM)
    assert (rows["sample"] != "not published").all() and (rows["fieldwork"] != "not published").all()
    html = chapter.table_opinion(tables).data
    assert "nan" not in html.lower() and "±3.6 pp" in html


@pytest.mark.parametrize("name", ["memberships", "opinion", "verdict", "security", "west", "money"])
def test_tables_have_labels_not_codes(tables, name):
    html = getattr(chapter, f"table_{name}")(tables).data
    assert "<th" in html and "None" not in html
    text = re.sub(r"<[^>]+>", " ", html)  # cell text only, links' addresses dropped
    assert not re.search(r"\bnan\b", text, flags=re.I)
    assert not re.search(r"\b[a-z]+(_[a-z0-9]+)+\b", text)


def test_event_lists_leave_out_relay_only_events_and_keep_every_chosen_one(tables):
    bib = bibliography()
    for wanted in (chapter.SECURITY_EVENTS, chapter.WEST_EVENTS, chapter.MONEY_EVENTS):
        rows = chapter.events_of(tables, wanted)
        assert len(rows) == len(set(wanted))
        assert all(bib.best_tier(s) != "relay" for s in rows["source"])
    security = chapter.events_of(tables, chapter.SECURITY_EVENTS)
    assert "2023-06-14" not in set(security["date"].dt.strftime("%Y-%m-%d"))  # the relay-sourced duplicate
    with pytest.raises(KeyError):
        chapter.events_of(tables, [("1990-01-01", "security")])


def test_verdict_facts_come_from_the_shared_signals(tables):
    row = ct.signals(tables, ["BLR"]).iloc[0]
    facts = chapter.facts(tables)
    assert facts["by-verdict"] == row["verdict"]
    assert facts["by-signals-away"] == str(sum(row[s] == "away" for s in ct.SIGNALS))
    assert facts["by-signals-with-data"] == str(sum(row[s] != "no data" for s in ct.SIGNALS))


def test_the_2021_shares_are_the_foreign_ministrys(tables):
    facts = chapter.facts(tables)
    ind = tables["indicators"]
    row = ind[(ind["iso3"] == "BLR") & (ind["indicator"] == "russia_share_of_trade_pct") & (ind["year"] == 2021)]
    assert row["publisher"].iloc[0] == chapter.BREAK_PUBLISHER
    assert facts["by-ru-trade-2021"] == f"{row['value'].iloc[0]:.0f} %"
