"""The overview chapter's module: figures carry their sources, the table shows no codes, and the numbers the prose
glues (and the years its captions name) are what the data give."""

import copy
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from nearabroad import charts
from nearabroad import countries as ct
from nearabroad.chapters import overview as chapter
from nearabroad.data import bibliography, load_all

FIGURES = ("verdicts", "votes", "trade", "remittances")


@pytest.fixture(scope="module")
def tables():
    return load_all()


@pytest.fixture(scope="module")
def facts(tables):
    return chapter.facts(tables)


@pytest.mark.parametrize("name", FIGURES)
def test_figure_data_have_a_known_source_for_every_row(name, tables, tmp_path):
    fig, data = getattr(chapter, f"figure_{name}")(tables)
    keys = bibliography().keys
    assert len(data) and "source" in data.columns
    for cell in data["source"]:
        found = [k for k in str(cell).split(";") if k]
        assert found and all(k in keys for k in found), cell
    if "value" in data.columns:  # indicator rows name their publisher
        assert data["publisher"].notna().all() and (data["publisher"] != "").all()
    charts.publish(fig, f"fig-overview-{name}", title="test", data=data, out_dir=tmp_path)  # no overlapping labels
    plt.close(fig)


def test_vote_grid_has_every_cell_territorial_first(tables):
    fig, data = chapter.figure_votes(tables)
    plt.close(fig)
    assert len(data) == 12 * 10 and data["vote"].notna().all()
    assert list(dict.fromkeys(data["resolution"]))[:3] == ["A/RES/68/262", "A/RES/ES-11/1", "A/RES/ES-11/4"]
    assert set(data.loc[data["resolution"] == "A/RES/68/262", "record"]) == {"report of the roll call"}
    assert set(data.loc[data["resolution"] != "A/RES/68/262", "record"]) == {"UN record"}


def test_trade_pairs_match_the_signal_and_the_caption_years(tables):
    pairs = chapter.trade_pairs(tables)
    signals = ct.signals(tables).set_index("iso3")
    assert sorted(pairs["iso3"].unique()) == sorted(signals.index[signals["trade"] != "no data"])
    assert set(pairs.loc[pairs["period"] == "last pre-war year", "year"]) == {2021}  # caption and title say 2021
    assert set(pairs.loc[pairs["period"] == "latest full year", "year"]) == {2023}  # ... and 2023
    for code, rows in pairs.groupby("iso3"):
        assert rows["publisher"].nunique() == 1, code  # one publisher per country
        a, b = rows["value"]
        assert f"{a:.0f} % (2021) → {b:.0f} % (2023)" == signals.loc[code, "trade_detail"]  # table = figure
    assert pairs.loc[pairs["iso3"] == "UZB", "basis"].eq("published share").all()


def test_remittances_share_one_baseline_and_one_end_year(tables):
    pairs = chapter.remittance_pairs(tables)
    assert pairs["iso3"].nunique() == 9 and "TKM" not in set(pairs["iso3"])
    assert set(pairs.loc[pairs["period"] == "2021", "year"]) == {2021}
    assert set(pairs.loc[pairs["period"] == "latest", "year"]) == {2024}  # caption and title say 2024
    assert set(pairs["publisher"]) == {"World Bank"}


def test_table_has_labels_links_and_the_computed_verdicts(tables):
    html = chapter.table_signals(tables).data
    assert "nan" not in html and "None" not in html and "_" not in re.sub(r'href="[^"]+"', "", html)
    for code in ct.FOCUS:  # every country's name opens its profile
        assert f'href="profiles/{code.lower()}.html"' in html
    verdicts = re.findall(r"<td>(Drifting|Hedging|Bound|Too little data)</td></tr>", html)
    assert verdicts == list(ct.signals(tables)["verdict"].str.capitalize())
    assert "EU candidate (2023); EU accession halted in practice (2024)" in html  # Georgia, as the prose says


def test_verdict_counts_and_names(tables, facts):
    s = ct.signals(tables)
    for v in ("drifting", "hedging", "bound"):
        assert facts[f"n_{v}"] == str((s["verdict"] == v).sum())
    assert facts["names_drifting"] == "Armenia and Moldova"
    assert int(facts["n_drifting"]) + int(facts["n_hedging"]) + int(facts["n_bound"]) == 10


def test_bound_verdicts_rest_on_votes_and_formal_ties_only(tables, facts):
    s = ct.signals(tables)
    bound = s[s["verdict"] == "bound"]
    assert facts["bound_measured"] == "2"
    for _, row in bound.iterrows():  # the prose: "rest on 2 signals, the votes and formal ties"
        measured = [name for name in ct.SIGNALS if row[name] != "no data"]
        assert measured == ["votes", "formal"], row["iso3"]
    aze = s.set_index("iso3").loc["AZE"]
    assert aze["votes"] == "toward" and [aze[n] for n in ("trade", "opinion", "formal")].count("away") == 0


def test_trade_facts(facts):
    assert facts["trade_names"] == "Kazakhstan, Kyrgyzstan and Uzbekistan"
    # the prose gives a reason for each of these by name
    assert facts["trade_gap_names"] == "Tajikistan, Turkmenistan, Armenia, Azerbaijan, Georgia, Moldova and Belarus"
    assert facts["n_trade_gaps"] == "7"
    assert (facts["kgz_trade_verb"], facts["kgz_trade_start"], facts["kgz_trade_end"]) == ("fell", "28 %", "19 %")
    assert (facts["kgz_trade_start_year"], facts["kgz_trade_end_year"]) == ("2021", "2023")


def test_trade_gap_reasons_hold(tables):
    shares = chapter.an.partner_share(tables["indicators"], "russia", ["TJK", "TKM", "BLR"])
    assert list(shares.loc[shares["iso3"] == "TJK", "year"]) == [2022]  # "found for 2022 only"
    assert shares.loc[shares["iso3"] == "BLR", "year"].max() <= 2021  # nothing since 2022
    assert "TKM" not in set(shares["iso3"])


def test_other_glued_facts(facts):
    assert facts["vote_movers"] == "Armenia and Azerbaijan"
    assert facts["opinion_names"] == "Armenia"
    assert facts["remittance_gap_names"] == "Turkmenistan" and facts["remittance_end_year"] == "2024"
    assert facts["n_cells"] == "40"
    assert int(facts["n_away"]) + int(facts["n_toward"]) + int(facts["n_no_data"]) <= 40
    assert facts["trade_points"] == "2" and facts["opinion_points"] == "5"


def test_thesis_is_glued_with_names_not_codes(tables, facts):
    result = ct.thesis_verdict(tables, chapter.THESIS_COUNTRIES)  # the eight the article covers
    assert facts["thesis_verdict"] == result.verdict
    assert not re.search(r"\b(KAZ|KGZ|TJK|TKM|UZB|ARM|AZE|GEO|MDA|BLR)\b", facts["thesis_evidence"])
    assert facts["thesis_evidence"].split(" (")[0] == result.evidence.split(" (")[0]


def test_facts_follow_the_data(tables):
    """On a changed copy: Kyrgyzstan's 2023 trade with Russia tripled, so its share rises and the verb follows."""
    changed = copy.deepcopy(tables)
    ind = changed["indicators"]
    mask = (ind["iso3"] == "KGZ") & (ind["year"] == 2023) & ind["indicator"].isin(
        ["exports_to_russia_usd", "imports_from_russia_usd"])
    assert mask.sum() == 2
    ind.loc[mask, "value"] *= 3
    out = chapter.facts(changed)
    assert out["kgz_trade_verb"] == "rose"
    s = ct.signals(changed).set_index("iso3")
    assert s.loc["KGZ", "trade"] == "toward"


def test_vote_movers_follow_the_data(tables):
    changed = copy.deepcopy(tables)
    v = changed["unga_votes"]
    v.loc[(v["iso3"] == "KAZ") & (v["resolution"] == "A/RES/ES-11/1"), "vote"] = "yes"
    assert chapter.facts(changed)["vote_movers"] == "Kazakhstan, Armenia and Azerbaijan"


def test_dumbbells_name_years_beside_values_when_they_differ():
    pairs = pd.DataFrame({"iso3": ["KAZ", "KAZ", "KGZ", "KGZ"], "period": ["a", "b", "a", "b"],
                          "year": [2021, 2023, 2020, 2023], "value": [20.0, 10.0, 30.0, 25.0]})
    fig, ax = chapter._dumbbells(pairs, label={"KAZ": "Kazakhstan", "KGZ": "Kyrgyzstan"}, xlabel="x", first="a",
                                 last="b")
    texts = [t.get_text() for t in ax.texts]
    assert "30 % (2020) → 25 % (2023)" in texts and ax.get_legend() is None
    assert ax.get_xlim()[0] == 0  # shares start at zero
    plt.close(fig)
