"""Edited tables and dated lists for the book's pages: what a reader sees instead of a raw DataFrame.

Every table goes through `table`: human column labels, no index column, a dash where there is no value, no
truncation, and a wrapper that scrolls sideways with a visible cue on a narrow screen. Timelines are `event_list`:
HTML a reader can read on a phone and search with the browser's find, never an image of sentences.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML

from .data import bibliography

NO_VALUE = "–"
_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")  # a snake_case code, which must never reach a reader


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return NO_VALUE
    text = str(value)
    if text in ("", "nan", "NaN", "None", "<NA>"):
        return NO_VALUE
    if _CODE.match(text):
        raise ValueError(f"table cell '{text}' is a code; give it a label")
    return text


def long_date(text: str) -> str:
    """'2022-06-23' -> '23 June 2022'; a year or a year-month stays as precise as the data."""
    parts = text.split("-")
    stamp = pd.Timestamp(text)
    return {1: text, 2: stamp.strftime("%B %Y")}.get(len(parts), f"{stamp.day} {stamp.strftime('%B %Y')}")


def table(frame: pd.DataFrame, *, html_columns: tuple[str, ...] = (), numeric: tuple[str, ...] = ()) -> HTML:
    """An edited HTML table. Column names are the labels shown; cells are text already formatted by the caller
    (numbers rounded to the precision of their source). `html_columns` hold trusted HTML (links); `numeric` columns
    are right-aligned."""
    for name in frame.columns:
        if _CODE.match(str(name)):
            raise ValueError(f"column '{name}' is a code; give it a label")
    head = "".join(f'<th scope="col"{" class=num" if c in numeric else ""}>{html.escape(str(c))}</th>'
                   for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for name, value in zip(frame.columns, record):
            text = _cell(value)
            body = text if name in html_columns else html.escape(text)
            cells.append(f'<td{" class=num" if name in numeric else ""}>{body}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return HTML('<div class="book-table-wrap" tabindex="0" role="region" aria-label="table">'
                f'<table class="book-table"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def status_words(organisation: str, status: str) -> str:
    """A membership status in the words the chapters use ('frozen' means different things for the EU and the CSTO)."""
    if status == "frozen":
        return "accession halted" if organisation == "EU" else "participation frozen"
    return status.replace("_", " ")


def source_links(cell: str) -> str:
    """'World Bank (2025); Gallup (2023)' with each name linked to its page (trusted HTML)."""
    bib = bibliography()
    keys = [k.strip() for k in str(cell).split(";") if k.strip()]
    return "; ".join(f'<a href="{html.escape(bib[k].url)}">{html.escape(bib[k].short)}</a>' for k in keys)


def event_list(events: pd.DataFrame, names: dict[str, str], *, with_country: bool = True) -> HTML:
    """A dated list of events (date, country, what happened, source), oldest first, as an edited HTML table."""
    rows = events.sort_values(["date", "iso3"], kind="stable")
    frame = pd.DataFrame({
        "Date": rows["date"].dt.strftime("%d %b %Y").str.lstrip("0"),
        **({"Country": rows["iso3"].map(names)} if with_country else {}),
        "What happened": rows["summary"].str.replace(r"^\[[^\]]+\]\s*", "", regex=True),
        "Source": rows["source"].map(source_links),
    })
    return table(frame, html_columns=("Source",))
