"""'What has changed since the article': the changelog section written from the data, not by hand.

`python -m nearabroad.changes` rewrites the section of `book/changelog.md` between its two marker lines; a test
fails when the section is not what the data give today.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import analysis as an
from . import present
from .claims import ARTICLE_DATE
from .data import load_all
from .files import between_markers

CHANGELOG = Path(__file__).resolve().parents[2] / "book" / "changelog.md"
START, END = "<!-- since-article:start -->", "<!-- since-article:end -->"
FOCUS_REGIONS = ("central_asia", "south_caucasus", "moldova", "belarus")
VOTE_WORDS = {"yes": "in favour", "no": "against", "abstain": "abstaining", "absent": "not voting"}


def _date(value) -> str:
    return f"{value.day} {value:%B %Y}"


def section(tables: dict[str, pd.DataFrame] | None = None) -> str:
    tables = tables or load_all()
    names = an.country_names(tables)
    focus = tables["countries"].loc[tables["countries"]["region"].isin(FOCUS_REGIONS), "iso3"]
    lines = [f"The article was published on {_date(ARTICLE_DATE)}. These are the formal records in the data dated "
             "after it (events, which are a curated selection, are listed by date in each chapter).", ""]

    votes = tables["unga_votes"]
    later = votes[(votes["date"] > ARTICLE_DATE) & votes["iso3"].isin(focus)]
    for (resolution, date), rows in later.groupby(["resolution", "date"], sort=True):
        counts = rows["vote"].value_counts()
        parts = [f"{counts[v]} {VOTE_WORDS[v]}" for v in VOTE_WORDS if v in counts]
        no = sorted(names[c] for c in rows.loc[rows["vote"] == "no", "iso3"])
        tail = f" ({', '.join(no)} against)" if no else ""
        lines.append(f"- **UN General Assembly resolution {resolution.removeprefix('A/RES/')}** ({_date(date)}): of the "
                     f"ten focus countries, {'; '.join(parts)}{tail}.")

    ties = tables["memberships"]
    start = pd.to_datetime(ties["start"], format="mixed")
    later = ties[(start > ARTICLE_DATE) & ties["iso3"].isin(focus)].assign(began=start).sort_values("began")
    for row in later.itertuples():
        when = _date(row.began) if len(row.start) == 10 else row.start  # a month or a year stays as recorded
        lines.append(f"- **{names[row.iso3]} and the {row.organisation}**: status '{present.status_words(row.organisation, row.status)}' "
                     f"from {when}.")
    return "\n".join(lines)


def changelog_with_section(text: str, tables=None) -> str:
    return between_markers(text, START, END, section(tables))


if __name__ == "__main__":
    CHANGELOG.write_text(changelog_with_section(CHANGELOG.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the section since the article into {CHANGELOG}")
