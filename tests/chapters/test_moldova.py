"""The Moldova chapter's module: figures carry their sources, tables carry no codes, facts are right on the data."""

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from nearabroad import analysis as an
from nearabroad import countries
from nearabroad.chapters import moldova as chapter
from nearabroad.data import bibliography, load_all

FIGURES = ("gas", "votes", "trade", "remittances")
CODE = re.compile(r">[a-z]+(_[a-z0-9]+)+<")  # a snake_case code as a whole table cell


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.mark.parametrize("name", FIGURES)
def test_figures_return_tidy_data_with_sources(tables, name):
    fig, data = getattr(chapter, f"figure_{name}")(tables)
    plt.close(fig)
    assert len(data) and "source" in data.columns
    keys = bibliography().keys
    for cell in data["source"]:
        assert cell and all(k in keys for k in cell.split(";")), cell
    if "indicator" in data.columns:
        assert data["publisher"].notna().all() and (data["publisher"] != "").all()
        assert not data["indicator"].str.contains("jan_sep").any(), "a partial year is drawn as a year"


def test_gas_figure_draws_only_the_full_years_gazprom_published(tables):
    fig, data = chapter.figure_gas(tables)
    plt.close(fig)
    assert list(data["year"]) == [2016, 2017, 2018, 2019, 2020]
    assert all(s.startswith("energy-gazprom-") for s in data["source"])  # Gazprom's own releases, not reports of them
    assert set(data["publisher"]) == {"Gazprom"}


def test_votes_figure_has_every_cell_and_the_territorial_three_first(tables):
    fig, data = chapter.figure_votes(tables)
    plt.close(fig)
    assert len(data) == 10 and data["vote"].notna().all()
    assert list(data["resolution"][:3]) == ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"]
    assert data["territorial"].sum() == 3
    assert set(data.loc[data["resolution"].isin(["A/RES/ES-11/8", "A/RES/ES-11/9"]), "vote"]) == {"yes"}


def test_trade_figure_keeps_one_publisher_per_series(tables):
    fig, data = chapter.figure_trade(tables)
    plt.close(fig)
    per_series = data.groupby("series")["publisher"].nunique()
    assert (per_series == 1).all()
    assert set(data.loc[data["series"].str.startswith("China"), "publisher"]) == {"International Monetary Fund"}


def test_tables_show_labels_not_codes(tables):
    for html in (chapter.table_memberships(tables), chapter.table_signals(tables), chapter.events_energy(tables),
                 chapter.events_other(tables)):
        text = html.data
        assert not CODE.search(text), CODE.search(text)
        assert "nan" not in text and "None" not in text


def test_membership_table_names_what_each_date_marks(tables):
    text = chapter.table_memberships(tables).data
    assert "Withdrawal under way" in text and "19 January 2026" in text
    assert "entry into force" in text and "European Council decision" in text


def test_event_lists_cite_no_relay(tables):
    bib = bibliography()
    for energy in (True, False):
        rows = chapter._events(tables, energy)
        assert len(rows)
        for cell in rows["source"]:
            assert all(bib[k].tier != "relay" for k in cell.split(";")), cell


def test_energy_events_include_the_break(tables):
    rows = chapter._events(tables, energy=True)
    dates = set(rows["date"].dt.strftime("%Y-%m-%d"))
    assert {"2022-12-01", "2023-10-02", "2025-01-01"} <= dates


def test_china_share_fact_is_the_imf_share_of_trade(tables):
    ind = tables["indicators"]
    v = {i: an.value(ind, "MDA", i, 2024) for i in ("imf_dots_exports_to_china_usd", "imf_dots_imports_from_china_usd",
                                                    "imf_dots_exports_total_usd", "imf_dots_imports_total_usd")}
    share = 100 * (v["imf_dots_exports_to_china_usd"] + v["imf_dots_imports_from_china_usd"]) / (
        v["imf_dots_exports_total_usd"] + v["imf_dots_imports_total_usd"])
    assert chapter.facts(tables)["md_china_share_2024"] == f"{share:.1f} %"


def test_facts_on_the_data(tables):
    facts = chapter.facts(tables)
    assert (facts["md_gas_first"], facts["md_gas_last"]) == ("2016", "2020")
    assert (facts["md_gas_min"], facts["md_gas_max"]) == ("2.7", "3.05")  # 2017 and 2020, Gazprom's releases
    assert facts["md_energocom_jan_sep_2024"] == "413"
    assert facts["md_romanian_share_jan_sep_2024"] == "61 %"
    assert facts["md_russia_missing"] == "2015–2024"
    assert facts["md_eu_missing"] == "2014–2016, 2018, 2019 and 2022"
    assert (facts["md_transfers_russia_year"], facts["md_transfers_russia_share"]) == ("2014", "62 %")  # NBM, via Interlic
    assert facts["md_eu_candidate"] == "23 June 2022"
    assert all(isinstance(v, str) and v for v in facts.values())


def test_verdict_is_the_one_countries_computes(tables):
    table = countries.signals(tables)
    assert chapter.facts(tables)["md_verdict"] == table.set_index("iso3").loc["MDA", "verdict"]


def test_year_ranges_are_written_for_readers():
    assert chapter._years([2015, 2016, 2017]) == "2015–2017"
    assert chapter._years([2014, 2015, 2018, 2022]) == "2014, 2015, 2018 and 2022"
    assert chapter._years([2020]) == "2020"


def test_missing_years_of_a_series():
    rows = pd.DataFrame({"year": [2014, 2017, 2020, 2021, 2025]})
    assert chapter._missing_years(rows, 2014, 2025) == "2015, 2016, 2018, 2019 and 2022–2024"
