"""The loader's messages, shown to editors as the loader gives them: made by running it on the test suite's bad files.

`python -m nearabroad.errorguide` rewrites the table in `data/README.md` and the worked examples of the book's
appendix "Updating the data" (`book/updating.md`), each between its marker lines; a test fails when either is not
what the loader and the data files say today, so the guide cannot drift from the code.
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

from . import claims, data
from .errors import DataError
from .files import between_markers

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "data" / "README.md"
GUIDE = ROOT / "book" / "updating.md"
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
    ("indicators_relay_only.csv", "indicators.csv", "A number resting on relays alone",
     "Find the report or the primary record the relay repeats, and list it first."),
    ("indicators_sources_out_of_order.csv", "indicators.csv", "Sources not listed best first",
     "Reorder the keys as the message says: primary, then report, secondary, relay."),
    ("indicators_publisher_break.csv", "indicators.csv", "Series changes publisher",
     "Use one publisher for the series, or record the break in `series_breaks.csv`."),
    ("sources_bad_tier.bib", "sources.bib", "Source without a valid tier", "Grade it: primary, report, secondary or relay."),
    ("sources_missing_urldate.bib", "sources.bib", "Source without a read date", "Add `urldate` (YYYY-MM-DD)."),
    ("sources_description_title.bib", "sources.bib", "A title that describes the item instead of quoting it",
     "Give the headline as published; if no copy shows it, cite another source or drop the row."),
    ("memberships_missing_marks.csv", "memberships.csv", "Membership row without what its date marks",
     "Say what the start date marks: a signature, an entry into force, a decision or an announcement."),
    ("sources_text_outside_entry.bib", "sources.bib", "Brace lost or added in the bibliography",
     "Find the entry above the line and balance its braces."),
    ("datapackage_missing_comma.json", "datapackage.json", "Damaged `datapackage.json`",
     "Fix the JSON at the line given (a missing comma or quote)."),
]


def message(fixture: str, target: str) -> str:
    """What the loader says when `target` in a valid data folder is replaced by the bad file `fixture`."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(FIXTURES / "good", folder)
        shutil.copy(ROOT / "data" / data.SCHEMA_FILE, folder / data.SCHEMA_FILE)
        shutil.copy(FIXTURES / "bad" / fixture, folder / target)
        data.clear_cache()
        try:
            data.load_all(folder)
        except DataError as err:
            return str(err).replace(str(folder), "data")
        finally:
            data.clear_cache()
    raise AssertionError(f"{fixture} was accepted; it must be rejected")


def messages() -> list[tuple[str, str, str]]:
    """(what went wrong, the loader's message, what to do) for each case, the message as the loader gives it."""
    rows = [(label, message(fixture, target), advice) for fixture, target, label, advice in CASES]
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


# ---- the appendix "Updating the data": worked examples on real rows, the usual mistakes with the real messages ------

# section -> (lines quoted from the data files, then mistakes: (bad fixture, file it replaces, what the editor did))
EXAMPLE = ("TJK", "2024", "remittances_gdp_pct")  # the row the worked examples start from
MISTAKES = {
    "correct": [("indicators_exponent.csv", "indicators.csv", "typed the number with an exponent or separators"),
                ("indicators_pct_out_of_range.csv", "indicators.csv", "typed a share outside 0-100"),
                ("indicators_publisher_break.csv", "indicators.csv",
                 "took one year of a series from another publisher without recording the break")],
    "year": [("indicators_duplicate_key.csv", "indicators.csv", "added a year that was already there"),
             ("indicators_bad_year.csv", "indicators.csv", "typed the year wrongly"),
             ("indicators_unknown_source.csv", "indicators.csv", "cited a source not yet in the bibliography"),
             ("sources_missing_urldate.bib", "sources.bib", "added the source without the date it was read")],
    "indicator": [("indicators_unknown_indicator.csv", "indicators.csv",
                   "added rows before the indicator's catalogue entry"),
                  ("sources_bad_tier.bib", "sources.bib", "gave the new source no valid tier"),
                  ("sources_text_outside_entry.bib", "sources.bib", "lost a closing brace in the bibliography")],
    "country": [("countries_bad_region.csv", "countries.csv", "gave a region the schema does not know"),
                ("countries_lookalike.csv", "countries.csv", "typed a name with a letter from another alphabet"),
                ("indicators_unknown_country.csv", "indicators.csv", "added rows for a code not in countries.csv")],
}


def _lines(path: Path, *starts: str) -> list[str]:
    """The header of a data file and its lines that begin with any of `starts`, without the long `note` column."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    keep = [i for i, name in enumerate(rows[0]) if name != "note"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in [rows[0], *[r for r in rows[1:] if ",".join(r).startswith(starts)]]:
        writer.writerow([row[i] for i in keep])
    return out.getvalue().splitlines()


def _bib_entry(key: str) -> str:
    """The entry `key` of sources.bib as written there, without its `note` field."""
    text = (ROOT / "data" / "sources.bib").read_text(encoding="utf-8")
    start = text.rindex("@", 0, text.index("{" + key + ","))
    lines = text[start:text.index("\n}\n", start) + 2].splitlines()
    return "\n".join(ln for ln in lines if not ln.lstrip().startswith("note ="))


def example(section: str) -> str:
    iso3, year, indicator = EXAMPLE
    blocks = []
    if section == "correct":
        row = _lines(ROOT / "data" / "indicators.csv", f"{iso3},{year},{indicator},")
        blocks.append(("The row as it stands in `data/indicators.csv` (header first; the `note` column, which says exactly what the value is, left out here):", "text", "\n".join(row)))
    elif section == "year":
        rows = _lines(ROOT / "data" / "indicators.csv", f"{iso3},20")
        rows = [rows[0], *[r for r in rows[1:] if f",{indicator}," in r][-2:]]
        source = rows[-1].split(",")[5].split(";")[0]
        blocks.append(("The last two years of the series in `data/indicators.csv`:", "text", "\n".join(rows)))
        blocks.append(("The source they cite, in `data/sources.bib` (without its note):", "bibtex", _bib_entry(source)))
    elif section == "indicator":
        rows = _lines(ROOT / "data" / "indicator_catalogue.csv", f"{indicator},")
        blocks.append(("The indicator's entry in `data/indicator_catalogue.csv`:", "text", "\n".join(rows)))
    elif section == "country":
        rows = _lines(ROOT / "data" / "countries.csv", f"{iso3},")
        blocks.append(("The country's row in `data/countries.csv`:", "text", "\n".join(rows)))
    out = [f"{intro}\n\n```{lang}\n{body}\n```" for intro, lang, body in blocks]
    out.append("The usual mistakes, and what the loader says (file, line and column first):")
    for fixture, target, what in MISTAKES[section]:
        out.append(f"- If you {what}:\n\n  ```text\n  {message(fixture, target).replace(chr(10), chr(10) + '  ')}\n  ```")
    return "\n\n".join(out)


def guide_with_examples(text: str) -> str:
    for section in MISTAKES:
        text = between_markers(text, f"<!-- example:{section}:start -->", f"<!-- example:{section}:end -->",
                               example(section))
    return text


if __name__ == "__main__":
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    GUIDE.write_text(guide_with_examples(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the loader messages into {README} and {GUIDE}")
