"""The loader accepts the good fixture and rejects each class of bad input, naming file, line and column."""

import shutil

import pandas as pd
import pytest

from conftest import FIXTURES
from nearabroad import data
from nearabroad.data import DataError

BAD = FIXTURES / "bad"

# fixture file, table it replaces, expected line, expected column, words the message must contain
CASES = [
    ("indicators_unknown_country.csv", "indicators", 3, "iso3", "unknown iso3 'XXX'"),
    ("indicators_unknown_indicator.csv", "indicators", 3, "indicator", "unknown indicator 'gdp_usd'"),
    ("indicators_duplicate_key.csv", "indicators", 3, "iso3,year,indicator", "duplicate key"),
    ("indicators_not_numeric.csv", "indicators", 3, "value", "'12.5%' is not a number"),
    ("indicators_pct_out_of_range.csv", "indicators", 3, "value", "outside [0, 100]"),
    ("indicators_negative_population.csv", "indicators", 2, "value", "outside [0, ]"),
    ("indicators_missing_source.csv", "indicators", 3, "source", "required value is empty"),
    ("indicators_unknown_source.csv", "indicators", 2, "source", "'fixture-zzz' is not in sources.bib"),
    ("indicators_bad_year.csv", "indicators", 2, "year", "'twenty22' is not an integer"),
    ("indicators_bad_header.csv", "indicators", 1, None, "missing ['indicator']"),
    ("unga_votes_bad_vote.csv", "unga_votes", 3, "vote", "'against' is not one of"),
    ("unga_votes_unknown_country.csv", "unga_votes", 3, "iso3", "unknown iso3 'Moldova'"),
    ("unga_votes_bad_date.csv", "unga_votes", 2, "date", "is not a date"),
    ("memberships_bad_start.csv", "memberships", 2, "start", "does not match"),
    ("events_bad_category.csv", "events", 2, "category", "'gossip' is not one of"),
    ("countries_duplicate_key.csv", "countries", 3, "iso3", "duplicate key"),
    ("countries_bad_region.csv", "countries", 2, "region", "'europe' is not one of"),
    ("indicators_publisher_break.csv", "indicators", 3, "publisher", "without a row for it in series_breaks.csv"),
    ("indicators_article_as_evidence.csv", "indicators", 3, "source", "cannot be evidence for its own claims"),
]


def test_good_fixture_loads(data_dir):
    tables = data.load_all(data_dir)
    assert list(tables["indicators"]["value"]) == [2500000.0, 12.5]
    assert tables["indicators"]["year"].dtype == "int64"
    assert pd.api.types.is_datetime64_any_dtype(tables["unga_votes"]["date"])


@pytest.mark.parametrize("fixture, table, line, column, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_rejected_with_its_place(data_dir, fixture, table, line, column, words):
    target = data_dir / data.resource(table, data_dir)["path"]
    shutil.copy(BAD / fixture, target)
    with pytest.raises(DataError) as err:
        data.load(table, data_dir)
    assert err.value.path == target
    assert err.value.line == line
    assert err.value.column == column
    assert words in str(err.value)
    assert str(target) in str(err.value)


def test_bib_entry_without_url_is_rejected(data_dir):
    shutil.copy(BAD / "sources_missing_url.bib", data_dir / "sources.bib")
    with pytest.raises(DataError, match=r"sources.bib, line 9, column 'url': entry 'fixture-b' has no url"):
        data.load("events", data_dir)


@pytest.mark.parametrize("fixture, line, column, words", [
    ("sources_bad_tier.bib", 9, "tier", "has tier 'blog'; use one of primary, report, secondary, relay"),
    ("sources_missing_urldate.bib", 9, "urldate", "entry 'fixture-b' has no urldate"),
])
def test_bib_entry_without_valid_tier_or_date_read_is_rejected(data_dir, fixture, line, column, words):
    shutil.copy(BAD / fixture, data_dir / "sources.bib")
    with pytest.raises(DataError) as err:
        data.load("events", data_dir)
    assert (err.value.line, err.value.column) == (line, column)
    assert words in str(err.value)


def test_recorded_break_lets_a_series_change_publisher(data_dir):
    shutil.copy(BAD / "indicators_publisher_break.csv", data_dir / "indicators.csv")
    (data_dir / "series_breaks.csv").write_text(
        "iso3,indicator,year,publisher,reason,source\nMDA,population,2022,Other Office,first office stopped publishing,fixture-a\n",
        encoding="utf-8")
    assert list(data.load("indicators", data_dir)["publisher"]) == ["Test Office", "Other Office"]


def test_stray_spaces_are_rejected(data_dir):
    path = data_dir / "countries.csv"
    path.write_text("iso3,name,region\nMDA, Moldova,moldova\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 2, column 'name': missing cell or stray spaces"):
        data.load("countries", data_dir)
