"""The table of loader messages in `data/README.md`, made by running the loader on the test suite's bad files.

`python -m nearabroad.errorguide` rewrites the table between its two marker lines; a test fails when the table in the
README is not what the loader says today, so the guide cannot drift from the code.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from . import claims, data
from .errors import DataError
from .files import between_markers

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "data" / "README.md"
FIXTURES = ROOT / "tests" / "fixtures"
START, END = "<!-- loader-messages:start -->", "<!-- loader-messages:end -->"

# bad file, the file it replaces in a valid data folder, what went wrong, what to do
CASES = [
    ("indicators_not_utf8.csv", "indicators.csv", "File saved in another encoding",
     "Save as UTF-8 (in a spreadsheet: *CSV UTF-8*). A byte-order mark at the start is fine."),
    ("indicators_header_only.csv", "indicators.csv", "Table with a header and no rows",
     "Restore the rows; a table may be empty only where `datapackage.json` says `mayBeEmpty`."),
    ("indicators_cut_short.csv", "indicators.csv", "File cut short",
     "Compare the last line with the previous version; end the file with a line break."),
    ("indicators_bad_header.csv", "indicators.csv", "Column missing or renamed", "Use the header the message gives."),
    ("indicators_duplicate_column.csv", "indicators.csv", "Column given twice", "Delete the second copy."),
    ("events_stray_quote.csv", "events.csv", "Stray quote mark",
     "Remove the quote mark, or close it; a cell with a comma is written \"like, this\"."),
    ("events_invisible.csv", "events.csv", "Invisible character", "Delete the character and retype the text around it."),
    ("countries_lookalike.csv", "countries.csv", "Look-alike letter from another alphabet", "Retype the word."),
    ("indicators_exponent.csv", "indicators.csv", "Number in exponent form or with separators",
     "Write the number in plain digits with a point for decimals."),
    ("indicators_pct_out_of_range.csv", "indicators.csv", "Value outside the indicator's range",
     "Check the unit (a share is 0–100); the range is in `indicator_catalogue.csv`."),
    ("indicators_bad_year.csv", "indicators.csv", "Year that is not a number", "Write the four-digit year."),
    ("unga_votes_bad_date.csv", "unga_votes.csv", "Date that does not exist or is not YYYY-MM-DD",
     "Write the date as YYYY-MM-DD."),
    ("events_future_date.csv", "events.csv", "Date after the data cut-off",
     "Check the date; if the data really were updated, move `cutoff` in `datapackage.json`."),
    ("indicators_unknown_country.csv", "indicators.csv", "Unknown country code", "Use a code from `countries.csv`."),
    ("indicators_unknown_indicator.csv", "indicators.csv", "Unknown indicator",
     "Add the indicator to `indicator_catalogue.csv` first, or fix the spelling."),
    ("indicators_duplicate_key.csv", "indicators.csv", "The same row twice", "Keep one; if the values differ, check the source."),
    ("indicators_unknown_source.csv", "indicators.csv", "Source key not in the bibliography",
     "Add the entry to `sources.bib`, with its tier and read date."),
    ("indicators_article_as_evidence.csv", "indicators.csv", "The article under test cited as evidence",
     "Cite the primary record the article relied on."),
    ("indicators_publisher_break.csv", "indicators.csv", "Series changes publisher",
     "Use one publisher for the series, or record the break in `series_breaks.csv`."),
    ("sources_bad_tier.bib", "sources.bib", "Source without a valid tier", "Grade it: primary, report, secondary or relay."),
    ("sources_missing_urldate.bib", "sources.bib", "Source without a read date", "Add `urldate` (YYYY-MM-DD)."),
    ("sources_text_outside_entry.bib", "sources.bib", "Brace lost or added in the bibliography",
     "Find the entry above the line and balance its braces."),
    ("datapackage_missing_comma.json", "datapackage.json", "Damaged `datapackage.json`",
     "Fix the JSON at the line given (a missing comma or quote)."),
]


def messages() -> list[tuple[str, str, str]]:
    """(what went wrong, the loader's message, what to do) for each case, the message as the loader gives it."""
    rows = []
    for fixture, target, label, advice in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "data"
            shutil.copytree(FIXTURES / "good", folder)
            shutil.copy(ROOT / "data" / data.SCHEMA_FILE, folder / data.SCHEMA_FILE)
            shutil.copy(FIXTURES / "bad" / fixture, folder / target)
            data.clear_cache()
            try:
                data.load_all(folder)
            except DataError as err:
                rows.append((label, str(err).replace(str(folder), "data"), advice))
            else:
                raise AssertionError(f"{fixture} was accepted; it must be rejected")
            finally:
                data.clear_cache()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claims.yml"
        shutil.copy(FIXTURES / "bad" / "claims_duplicate_field.yml", path)
        try:
            claims.load_claims(path)
        except DataError as err:
            rows.append(("Field given twice in a claim or finding", str(err).replace(tmp, "seeds"),
                         "Keep one; YAML would otherwise keep the second without a word."))
    return rows


def table() -> str:
    lines = ["| What went wrong | What the loader says (example) | What to do |", "|---|---|---|"]
    for label, message, advice in messages():
        lines.append(f"| {label} | `{message.replace('|', '/')}` | {advice} |")
    return "\n".join(lines)


def readme_with_table(text: str) -> str:
    return between_markers(text, START, END, table())


if __name__ == "__main__":
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the loader messages into {README}")
