"""Country profiles: generated from the data by one module, committed, and proved current like the notebooks."""

import filecmp

import pytest

from nearabroad import profiles
from nearabroad.charts import FIGURE_DIR
from nearabroad.countries import FOCUS


@pytest.fixture(scope="module")
def tables():
    from nearabroad.data import load_all

    return load_all()


@pytest.mark.parametrize("iso3", FOCUS)
def test_committed_profile_is_what_the_data_give_today(iso3, tables, tmp_path, monkeypatch):
    """Regenerate one profile (page, and each figure's SVG, CSV and sidecar) and compare it byte for byte."""
    monkeypatch.setenv("NEARABROAD_EXPORT", "svg")
    figures, pages = tmp_path / "figures", tmp_path / "profiles"
    profiles.build(tables, countries=[iso3], figure_dir=figures, page_dir=pages)
    name = profiles.page_name(iso3)
    assert (pages / f"{name}.md").read_text() == (profiles.PAGE_DIR / f"{name}.md").read_text(), \
        f"the {iso3} profile is stale: run make execute"
    made = sorted(p.name for p in figures.iterdir())
    committed = sorted(p.name for p in FIGURE_DIR.glob(f"fig-profile-{name}-*") if p.suffix in (".svg", ".csv", ".json"))
    assert made == committed, f"profile figures of {iso3} differ in number: run make execute"
    stale = [f for f in made if not filecmp.cmp(figures / f, FIGURE_DIR / f, shallow=False)]
    assert stale == [], f"stale profile figures: {stale}: run make execute"


def test_index_lists_every_country_once(tables):
    text = (profiles.PAGE_DIR / "index.md").read_text()
    assert text == profiles.index_page(tables, FOCUS)
    for code in FOCUS:
        assert text.count(f"]({code.lower()}.md)") == 1


def test_partial_years_are_never_drawn(tables):
    for code in FOCUS:
        for family in profiles.FAMILIES:
            assert not [i for i in profiles.panels(tables, code, family) if profiles.PARTIAL.search(i)]


def test_a_family_without_series_is_named_as_a_gap_not_drawn(tables):
    page = profiles.page(tables, "TKM", figures=["fig-profile-tkm-trade"])
    assert "The data hold no remittances and money series for Turkmenistan; nothing to draw." in page
    assert "fig-profile-tkm-money" not in page
    gaps = profiles.coverage(tables, "TKM").set_index("Topic")
    assert gaps.loc["Opinion", "Not drawn"] == "The data hold no series on this topic for the country."


def test_profile_lists_its_votes_events_findings_and_claims(tables):
    page = profiles.page(tables, "ARM", figures=[])
    assert page.count("<tr>") > 20
    votes = profiles.votes(tables, "ARM").set_index("Resolution")
    assert votes.loc["68/262", "Vote"] == "No" and len(votes) == 10
    assert 'data-filter="events-arm"' in page and 'id="events-arm"' in page
    assert 'href="../claims.html#claim-' in page and 'href="../south_caucasus.html' in page


def test_small_multiples_break_at_a_change_of_publisher(tables):
    breaks = tables["series_breaks"]
    row = breaks.iloc[0]
    fig, data = profiles.figure_family(tables, row["iso3"], tables["indicator_catalogue"].set_index("indicator").loc[
        row["indicator"], "family"]) or (None, None)
    if fig is None or row["indicator"] not in set(data["indicator"]):
        pytest.skip("the first recorded break is not in a drawn panel")
    hollow = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_markerfacecolor() == "white"]
    assert hollow, "the years after a change of publisher are drawn with hollow markers"
