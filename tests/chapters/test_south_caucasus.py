"""The South Caucasus chapter module: figures return their plotted values with sources, tables show no codes, and
the facts the prose glues (shares computed from one publisher, verdicts, dates) are right on the real data."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from nearabroad import analysis as an
from nearabroad import countries as cty
from nearabroad.chapters import south_caucasus as sc
from nearabroad.data import bibliography, load_all

FIGURES = ["votes", "transfers", "remittances", "china_trade", "opinion"]


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.fixture(scope="module")
def facts(tables):
    return sc.facts(tables)


@pytest.mark.parametrize("name", FIGURES)
def test_figures_return_every_plotted_value_with_a_known_source(tables, name):
    fig, data = getattr(sc, f"figure_{name}")(tables)
    plt.close(fig)
    assert len(data) and "source" in data.columns
    keys = bibliography().keys
    for cell in data["source"]:
        parts = [k for k in str(cell).split(";") if k]
        assert parts and set(parts) <= keys
    if "indicator" in data.columns and name != "votes":
        assert data["publisher"].notna().all() and (data["publisher"] != "").all()
    assert set(data["iso3"]) <= set(sc.SC)


def test_figures_draw_one_publisher_per_series(tables):
    for name in ("transfers", "remittances", "china_trade", "opinion"):
        fig, data = getattr(sc, f"figure_{name}")(tables)
        plt.close(fig)
        assert (data.groupby(["iso3", "indicator"])["publisher"].nunique() == 1).all(), name


def test_vote_figure_holds_all_thirty_cells_with_territorial_texts_marked(tables):
    fig, data = sc.figure_votes(tables)
    plt.close(fig)
    assert len(data) == 3 * 10
    territorial = data[data["group"] == "territorial integrity"]
    assert set(territorial["resolution"]) == {"A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"}
    assert territorial.loc[(territorial["iso3"] == "ARM") & (territorial["resolution"] == "A/RES/68/262"),
                           "vote"].item() == "no"


def test_opinion_figure_has_each_poll_question_as_its_own_series(tables):
    fig, data = sc.figure_opinion(tables)
    plt.close(fig)
    assert set(data["indicator"]) <= set(sc.OPINION_SERIES)
    assert data.duplicated(["iso3", "indicator", "year"]).sum() == 0
    # labels on the y axis are the series' own labels, never codes
    labels = {t.get_text() for ax in fig.axes for t in ax.get_yticklabels()}
    assert labels <= {label for label, _ in sc.OPINION_SERIES.values()}


@pytest.mark.parametrize("make", [
    sc.table_memberships, sc.table_trade_shares, sc.table_polls, sc.table_energy, sc.table_verdicts,
    lambda t: sc.table_events(t, "armenia"), lambda t: sc.table_events(t, "georgia"),
    lambda t: sc.table_events(t, "azerbaijan")])
def test_tables_are_edited_html_without_codes_or_missing_markers(tables, make):
    html = make(tables).data
    assert html.startswith('<div class="book-table-wrap"')
    for bad in (">nan<", ">None<", ">NaN<", "_pct", "_usd", "dialogue_partner", "association_agreement"):
        assert bad not in html


def test_poll_details_reads_the_fixed_form_and_drops_remarks():
    note = ("IRI Armenia poll. sample: 1508 (per Mediamax, conducted by BREVIS); fieldwork: Dec 2023; "
            "margin: not published")
    assert sc.poll_details(note) == {"sample": "1,508", "fieldwork": "Dec 2023", "margin": ""}
    assert sc.poll_details("sample: not published in the text read; fieldwork: 2013 (dates not published in the "
                           "text read); margin: ±2 pp") == {"sample": "", "fieldwork": "2013", "margin": "±2 pp"}
    assert sc.poll_details("value is the last wave of the year (Dec 2019); other waves")["fieldwork"] == "Dec 2019"
    assert sc.poll_details("NDI survey, March 2022, conducted by CRRC Georgia")["fieldwork"] == "Mar 2022"


def test_one_event_per_day_and_country_keeps_the_hardest_category():
    ev = pd.DataFrame({"date": pd.to_datetime(["2024-02-22", "2024-02-22", "2024-02-22", "2023-01-10"]),
                       "iso3": ["ARM", "ARM", "AZE", "ARM"], "category": ["diplomacy", "security", "summit", "eu"],
                       "summary": ["a", "b", "c", "d"], "source": ["k"] * 4})
    out = sc.one_per_day(ev)
    assert len(out) == 3
    assert out.loc[(out["iso3"] == "ARM") & (out["date"] == "2024-02-22"), "summary"].item() == "b"
    assert list(out["date"]) == sorted(out["date"])


def test_event_lists_name_the_leader_and_keep_to_their_subject(tables):
    arm, aze = sc.chosen_events(tables, "armenia"), sc.chosen_events(tables, "azerbaijan")
    assert not arm["summary"].str.startswith(("[", "The leader")).any()
    assert not aze["summary"].str.startswith(("[", "The leader")).any()
    assert arm["summary"].str.contains("Lachin").any() and not aze["summary"].str.contains("Lachin").any()
    assert not aze["summary"].str.contains("Organization of Turkic States").any()
    assert not arm.duplicated(["date", "iso3"]).any()
    assert set(sc.chosen_events(tables, "georgia")["iso3"]) == {"GEO"}


def test_cba_shares_are_computed_from_the_banks_own_values(tables, facts):
    ind = tables["indicators"]
    russia = an.value(ind, "ARM", "transfers_from_russia_usd", 2024)
    total = an.value(ind, "ARM", "money_transfers_total_usd", 2024)
    assert facts["arm_cba_russia_share_all_2024"] == f"{100 * russia / total:.0f} %"
    shares = sc.cba_russia_shares(tables)
    assert set(shares["year"]) == set(range(2014, 2025))


def test_what_the_money_paragraph_says_holds(tables):
    """'Russia's share of all transfers went from 41 % to 65 %' (up), its share of the non-commercial part fell, and
    'the rise was commercial money': the commercial part from Russia rose by more than the whole."""
    ind = tables["indicators"]
    s = sc.cba_russia_shares(tables).set_index(["part", "year"])["share"]
    assert s[("all purposes", 2024)] > s[("all purposes", 2021)]
    assert s[("non-commercial", 2024)] < s[("non-commercial", 2021)]

    def commercial(year):
        return (an.value(ind, "ARM", "transfers_from_russia_usd", year)
                - an.value(ind, "ARM", "transfers_from_russia_noncommercial_usd", year))

    rise = (an.value(ind, "ARM", "transfers_from_russia_usd", 2024)
            - an.value(ind, "ARM", "transfers_from_russia_usd", 2021))
    assert commercial(2024) - commercial(2021) > rise > 0


def test_china_shares_glued_match_the_plotted_imf_series(tables, facts):
    fig, data = sc.figure_china_trade(tables)
    plt.close(fig)
    assert set(data["publisher"]) == {"International Monetary Fund"}
    arm = data[data["iso3"] == "ARM"].set_index("year")["value"]
    assert facts["arm_china_2021"] == "15 %" and abs(arm[2021] - 15.0) < 0.5
    assert facts["arm_china_2024"] == f"{arm[2024]:.1f} %"
    assert set(data["year"]) == set(range(2015, 2025))  # full calendar years only


def test_national_trade_shares_keep_one_publisher_each(tables):
    shares = sc.national_trade_shares(tables)
    assert (shares.groupby(["iso3", "measure"])["publisher"].nunique() == 1).all()
    geo = shares[(shares["iso3"] == "GEO") & (shares["measure"] == "Russia's share of goods trade")]
    assert set(geo["year"]) == {2015, 2017, 2021}
    assert shares["value"].between(0, 100).all()


def test_verdicts_and_signals_are_the_countries_module_s(tables, facts):
    s = cty.signals(tables, sc.SC).set_index("iso3")
    for code in sc.SC:
        assert facts[f"{code.lower()}_verdict"] == s.loc[code, "verdict"]
        assert facts[f"{code.lower()}_formal_signal"] == s.loc[code, "formal"]


def test_formal_ties_the_prose_states(tables, facts):
    m = tables["memberships"]
    arm_open = m[(m["iso3"] == "ARM") & (m["end"] == "")]
    assert {"EAEU", "CIS"} <= set(arm_open.loc[arm_open["status"] == "member", "organisation"])
    assert not ((m["iso3"] == "AZE") & (m["organisation"] == "CSTO")).any()
    assert facts["arm_csto_frozen"] == "22 February 2024"
    assert facts["geo_eu_halted"] == "27 June 2024"


def test_georgia_has_no_eu_poll_after_the_year_the_prose_names(tables, facts):
    rows = sc.opinion_rows(tables)
    eu = rows[(rows["iso3"] == "GEO") & (rows["about"] == "EU")]
    assert int(facts["geo_latest_eu_poll_year"]) == eu["year"].max() < 2024


def test_no_russia_share_of_total_trade_after_2021(tables):
    """'The data hold Russia's share of total trade for no full year after 2021' (trade section)."""
    shares = an.partner_share(tables["indicators"], "russia", sc.SC)
    assert shares.empty or shares["year"].max() <= 2021
