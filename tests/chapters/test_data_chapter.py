"""The data chapter's tables and facts: tier shares add up, no relay-only indicator row, polls carry their design."""

import re

import pytest

from nearabroad.chapters import data as chapter
from nearabroad.data import load_all


@pytest.fixture(scope="module")
def tables():
    return load_all()


def test_tier_shares_add_up_and_no_indicator_rests_on_a_relay(tables):
    shares = chapter.tier_shares(tables)
    assert (shares[["primary", "report", "secondary", "relay"]].sum(axis=1).round(6) == 100).all()
    indicator_families = [f for f in shares.index if f not in ("votes", "memberships", "events")]
    assert (shares.loc[indicator_families, "relay"] == 0).all()
    assert shares.loc["votes", "rows"] == 120


def test_every_vote_and_indicator_row_has_a_tier(tables):
    rows = chapter.rows_by_family(tables)
    assert rows["tier"].isin(["primary", "report", "secondary", "relay"]).all()
    assert rows["family"].notna().all()


def test_tables_have_labels_not_codes(tables):
    for html in (chapter.table_tiers(tables).data, chapter.table_indicators(tables).data,
                 chapter.table_breaks(tables).data, chapter.table_polls(tables).data):
        assert not re.search(r">\s*(nan|NaN|None)\s*<", html)
        assert "<thead>" in html and "<tr><th" not in html.split("<tbody>")[1]  # no index column


def test_coverage_figure_data_carry_sources(tables):
    fig, data = chapter.figure_coverage(tables)
    assert set(data.columns) >= {"iso3", "indicator", "years_with_data", "source"}
    assert (data["source"] != "").all()


def test_a_few_rows_are_not_shown_as_zero_per_cent_and_one_row_is_one_row():
    from nearabroad.chapters.data import _rows_word, _share

    assert [_share(v) for v in (0, 0.4, 0.9, 9.4)] == ["–", "<1 %", "<1 %", "9 %"]
    assert (_rows_word(1), _rows_word(2)) == ("1 row", "2 rows")
