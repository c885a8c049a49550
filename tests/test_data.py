"""The loader accepts the good fixture and rejects each class of bad input, naming file, line and column."""

import json
import shutil

import pandas as pd
import pytest

from conftest import FIXTURES
from nearabroad import claims, data, findings
from nearabroad.data import DataError

BAD = FIXTURES / "bad"

# fixture file, table it replaces, expected line, expected column, words the message must contain
CASES = [
    ("indicators_unknown_country.csv", "indicators", 3, "iso3", "unknown iso3 'XXX': it is not in countries.csv"),
    ("indicators_unknown_indicator.csv", "indicators", 3, "indicator", "unknown indicator 'gdp_usd'"),
    ("indicators_duplicate_key.csv", "indicators", 3, "iso3,year,indicator", "repeats line 2: the same iso3, year, indicator (MDA, 2022, population)"),
    ("indicators_not_numeric.csv", "indicators", 3, "value", "'12.5%' is not a number"),
    ("indicators_pct_out_of_range.csv", "indicators", 3, "value", "outside the range 0 to 100 set for remittances_gdp_pct"),
    ("indicators_negative_population.csv", "indicators", 2, "value", "outside the range 0 to no limit set for population"),
    ("indicators_missing_source.csv", "indicators", 3, "source", "required value is empty"),
    ("indicators_unknown_source.csv", "indicators", 2, "source", "'fixture-zzz' is not in sources.bib"),
    ("indicators_bad_year.csv", "indicators", 2, "year", "'twenty22' is not a whole number"),
    ("indicators_bad_header.csv", "indicators", 1, None, "; missing: indicator"),
    ("unga_votes_bad_vote.csv", "unga_votes", 3, "vote", "'against' is not one of: yes, no, abstain, absent"),
    ("unga_votes_unknown_country.csv", "unga_votes", 3, "iso3", "unknown iso3 'Moldova'"),
    ("unga_votes_bad_date.csv", "unga_votes", 2, "date", "is not a date"),
    ("memberships_bad_start.csv", "memberships", 2, "start", "does not have the expected form"),
    ("memberships_missing_marks.csv", "memberships", 2, "start_marks", "required value is empty"),
    ("events_bad_category.csv", "events", 2, "category", "'gossip' is not one of: "),
    ("countries_duplicate_key.csv", "countries", 3, "iso3", "repeats line 2: the same iso3 (MDA)"),
    ("countries_bad_region.csv", "countries", 2, "region", "'europe' is not one of: "),
    ("indicators_publisher_break.csv", "indicators", 3, "publisher", "without a row for it in series_breaks.csv"),
    ("indicators_article_as_evidence.csv", "indicators", 3, "source", "cannot be evidence for its own claims"),
    ("indicators_relay_only.csv", "indicators", 3, "source", "rests only on relay sources (fixture-c)"),
    ("indicators_sources_out_of_order.csv", "indicators", 3, "source",
     "lists its sources out of order (fixture-b: report, fixture-a: primary); list the best tier first: fixture-a;fixture-b"),
    # found by fuzzing the contract (test_contract_fuzz.py) or named in the editors' review
    ("indicators_not_utf8.csv", "indicators", 2, None, "is not UTF-8 text (byte number 119 has value 0x96)"),
    ("indicators_header_only.csv", "indicators", 1, None, "has a header but no rows"),
    ("indicators_duplicate_column.csv", "indicators", 1, "value", "column 'value' appears 2 times"),
    ("indicators_exponent.csv", "indicators", 2, "value", "'2.5E+06' is not a number written in plain digits"),
    ("indicators_cut_short.csv", "indicators", 3, None, "does not end with a line break, so it may have been cut short"),
    ("countries_lookalike.csv", "countries", 6, "name", "the word 'K\u0430zakhstan', which mixes Latin and Cyrillic"),
    ("events_invisible.csv", "events", 2, "summary", "contains U+200B ZERO WIDTH SPACE"),
    ("events_stray_quote.csv", "events", 2, "summary", "holds a line break, usually left by a stray quote mark"),
    ("events_future_date.csv", "events", 3, "date", f"2027-01-15 is after the data cut-off {data.cutoff()}"),
    ("memberships_future_start.csv", "memberships", 2, "start", f"2030-01 is after the data cut-off {data.cutoff()}"),
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
    ("sources_read_after_cutoff.bib", 9, "urldate", "entry 'fixture-b' was read on 2027-01-05, after the data cut-off"),
    ("sources_description_title.bib", 9, "title", "entry 'fixture-b' has a title in square brackets, a description"),
    ("sources_text_outside_entry.bib", 6, None, "text outside any entry ('url'); an entry may have lost or gained a '}'"),
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


def test_byte_order_mark_and_windows_line_ends_are_read_as_the_clean_file(data_dir):
    clean = data.load("indicators", data_dir)
    shutil.copy(BAD / "indicators_bom.csv", data_dir / "indicators.csv")
    data.clear_cache()
    pd.testing.assert_frame_equal(data.load("indicators", data_dir), clean)
    path = data_dir / "indicators.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    data.clear_cache()
    pd.testing.assert_frame_equal(data.load("indicators", data_dir), clean)


def test_damaged_package_descriptor_is_reported_as_such(data_dir):
    shutil.copy(BAD / "datapackage_missing_comma.json", data_dir / "datapackage.json")
    with pytest.raises(DataError, match=r"datapackage.json, line 3: is not valid JSON at character 3 of the line \(Expecting ',' delimiter\)"):
        data.load("events", data_dir)


@pytest.mark.parametrize("change, words", [
    (lambda d: d.pop("cutoff"), "top level: needs 'cutoff', the data cut-off date as YYYY-MM-DD"),
    (lambda d: d["resources"][0]["schema"]["fields"][0].update(type="text"), "field 0: needs a 'name' and a 'type'"),
    (lambda d: d["resources"][3].update(name="indicators_old"), "has no table named 'indicators'"),
])
def test_package_descriptor_missing_what_the_loader_needs_is_rejected(data_dir, change, words):
    path = data_dir / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    change(desc)
    path.write_text(json.dumps(desc, indent=2) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        data.load("events", data_dir)
    assert err.value.path == path and words in str(err.value)


def test_claims_and_findings_files_name_their_line(tmp_path):
    with pytest.raises(DataError) as err:
        claims.load_claims(BAD / "claims_duplicate_field.yml")
    assert (err.value.line, str(err.value).split(": ", 1)[1]) == (9, "is not valid YAML: 'verdict' is given twice (first on line 8)")
    shutil.copy(BAD / "findings_unknown_field.yml", tmp_path / "overview.yml")
    with pytest.raises(DataError) as err:
        findings.load_findings(tmp_path)
    assert (err.value.path, err.value.line, err.value.column) == (tmp_path / "overview.yml", 1, "statment")
    assert "has unknown field 'statment'" in str(err.value)


def test_loader_messages_in_data_readme_are_the_ones_the_loader_gives_today():
    from nearabroad import errorguide
    text = errorguide.README.read_text(encoding="utf-8")
    assert errorguide.START in text and errorguide.END in text
    assert text == errorguide.readme_with_table(text), "the table is stale: run python -m nearabroad.errorguide"


def test_updating_guide_shows_real_rows_and_the_messages_the_loader_gives_today():
    from nearabroad import errorguide
    text = errorguide.GUIDE.read_text(encoding="utf-8")
    for section in errorguide.MISTAKES:
        assert f"<!-- example:{section}:start -->" in text and f"<!-- example:{section}:end -->" in text
    assert text == errorguide.guide_with_examples(text), "the guide is stale: run python -m nearabroad.errorguide"
    # every mistake shown is one the loader really rejects, with its location
    for fixture, target, _ in errorguide.MISTAKES["correct"]:
        assert errorguide.message(fixture, target).startswith(f"data/{target}, line ")
