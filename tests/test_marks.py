"""Hover values: every data mark of a chart is matched to the row of plotted data it shows."""

import pandas as pd

from nearabroad import plots
from nearabroad.charts import PAD_INCHES
from nearabroad.marks import describe, find_marks

NAMES = {"ARM": "Armenia", "GEO": "Georgia"}
LABELS = {"remittances_gdp_pct": "Personal remittances received, % of GDP"}


def _marks(fig, data):
    fig.canvas.draw()
    bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(PAD_INCHES)
    return find_marks(fig, bbox, data, labels=LABELS, names=NAMES, sources={"wb": "World Bank (2025)"})


def test_each_line_vertex_gets_the_value_year_and_publisher_of_its_row():
    data = pd.DataFrame({"iso3": ["ARM", "ARM", "GEO", "GEO"], "year": [2021, 2022, 2021, 2022],
                         "indicator": ["remittances_gdp_pct"] * 4, "value": [12.5, 14.25, 9.0, 13.0],
                         "publisher": ["World Bank"] * 4, "source": ["wb"] * 4})
    wide = data.pivot(index="year", columns="iso3", values="value")
    fig, _ = plots.lines(wide, ylabel="% of GDP", names=NAMES)
    marks = _marks(fig, data)
    texts = sorted(m["text"] for m in marks)
    assert texts == [
        "Armenia · Personal remittances received, % of GDP · 2021: 12.5 · World Bank",
        "Armenia · Personal remittances received, % of GDP · 2022: 14.25 · World Bank",
        "Georgia · Personal remittances received, % of GDP · 2021: 9.0 · World Bank",
        "Georgia · Personal remittances received, % of GDP · 2022: 13.0 · World Bank",
    ]
    assert all(0 <= m["x"] <= 100 and 0 <= m["y"] <= 100 for m in marks)
    # the later year sits to the right, the larger value higher up (y is measured from the top)
    arm = sorted((m for m in marks if m["text"].startswith("Armenia")), key=lambda m: m["x"])
    assert "2021" in arm[0]["text"] and "2022" in arm[1]["text"] and arm[1]["y"] < arm[0]["y"]


def test_vote_grid_cells_are_matched_by_their_row_and_column_labels():
    votes = pd.DataFrame({"resolution": ["A/RES/ES-11/1", "A/RES/ES-11/1"], "iso3": ["ARM", "GEO"],
                          "vote": ["abstain", "yes"], "source": ["wb", "wb"]})
    matrix = votes.pivot(index="iso3", columns="resolution", values="vote")
    fig, _ = plots.vote_grid(matrix, names=NAMES)
    texts = sorted(m["text"] for m in _marks(fig, votes))
    assert texts == ["Armenia · A/RES/ES-11/1: abstain · World Bank (2025)", "Georgia · A/RES/ES-11/1: yes · World Bank (2025)"]


def test_a_mark_no_single_row_identifies_shows_what_the_chart_shows_without_naming_a_source():
    data = pd.DataFrame({"iso3": ["ARM", "ARM"], "year": [2021, 2021], "value": [1.0, 1.0], "source": ["wb", "wb"]})
    wide = pd.DataFrame({"ARM": [1.0]}, index=[2021])
    fig, _ = plots.lines(wide, ylabel="x", names=NAMES)
    assert [m["text"] for m in _marks(fig, data)] == ["Armenia · 2021: 1 · sources in the figure's data"]


def test_large_values_read_with_thousands_separators():
    row = {"iso3": "ARM", "year": 2023.0, "value": 1554851940.0, "publisher": "Central Bank of Armenia"}
    assert describe(row, LABELS, NAMES) == "Armenia · 2023: 1,554,851,940 · Central Bank of Armenia"
