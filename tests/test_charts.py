"""House style and publish: attribution drawn in, four downloads written, bytes identical from run to run."""

import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest

from nearabroad import charts, plots

SCRIPT = """
import sys, pandas as pd
from nearabroad import charts, plots
frame = pd.DataFrame({"MDA": [3.0, 2.89, 3.05]}, index=[2016, 2019, 2020])
fig, ax = plots.lines(frame, ylabel="bcm")
data = frame.reset_index().assign(source="votes-unwatch-68-262")
charts.publish(fig, "fig-test-lines", title="Test", data=data, out_dir=sys.argv[1])
"""


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_publish_is_byte_identical_across_processes(tmp_path):
    # Two separate interpreters, as two builds would be: every file must come out with the same bytes.
    runs = []
    for name in ("a", "b"):
        out = tmp_path / name
        subprocess.run([sys.executable, "-c", SCRIPT, str(out)], check=True)
        runs.append(digest(out))
    assert runs[0] == runs[1]
    assert set(runs[0]) == {f"fig-test-lines.{ext}" for ext in ("png", "svg", "pdf", "csv", "json", "thumb.png")}


def test_publish_writes_attribution_and_sidecar(tmp_path):
    frame = pd.DataFrame({"MDA": [3.0, 2.89]}, index=[2016, 2019])
    fig, _ = plots.lines(frame, ylabel="bcm")
    data = frame.reset_index().assign(source=["votes-unwatch-68-262", "votes-undl-es11-7"])
    side = charts.publish(fig, "fig-test-x", title="A title", data=data, out_dir=tmp_path)
    svg = (tmp_path / "fig-test-x.svg").read_text()
    assert "A title" in svg and "UN Watch" in svg and "fig-test-x" in svg and charts.BOOK_SHORT in svg
    assert json.loads((tmp_path / "fig-test-x.json").read_text()) == side
    assert side["source_tiers"] == {"votes-undl-es11-7": "primary", "votes-unwatch-68-262": "report"}
    written = pd.read_csv(tmp_path / "fig-test-x.csv")
    assert list(written["source_tier"]) == ["report", "primary"]
    png = (tmp_path / "fig-test-x.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    with Image.open(tmp_path / "fig-test-x.png") as img:
        assert round(img.info["dpi"][0]) == 300
    for noise in (b"CreationDate", b"Producer (", b"matplotlib version"):
        assert noise not in (tmp_path / "fig-test-x.pdf").read_bytes()


@pytest.mark.parametrize("kwargs, message", [
    ({"fig_id": "Figure 1"}, "must look like"),
    ({"data": pd.DataFrame({"value": [1.0]})}, "need a 'source' column"),
    ({"data": pd.DataFrame({"value": [1.0], "source": [""]})}, "has no source"),
    ({"data": pd.DataFrame({"value": [1.0], "source": ["no-such-key"]})}, "not in sources.bib"),
])
def test_publish_refuses_bad_ids_and_sources(tmp_path, kwargs, message):
    fig, _ = plots.lines(pd.DataFrame({"MDA": [1.0]}, index=[2020]), ylabel="x")
    args = {"fig_id": "fig-test-y", "title": "t", "data": pd.DataFrame({"value": [1.0], "source": ["votes-undl-es11-7"]}),
            "out_dir": tmp_path}
    args.update(kwargs)
    with pytest.raises(ValueError, match=message):
        charts.publish(fig, args.pop("fig_id"), **args)


def test_every_country_has_its_own_colour():
    assert len(set(charts.COUNTRY_COLOURS.values())) == len(charts.COUNTRY_COLOURS) == 12


def test_lines_break_at_missing_years():
    fig, ax = plots.lines(pd.DataFrame({"MDA": [3.0, 2.89]}, index=[2016, 2019]), ylabel="bcm")
    x = list(ax.lines[0].get_xdata())
    assert x == [2016, 2017, 2018, 2019]


def test_quick_export_writes_only_what_nbval_compares(tmp_path, monkeypatch):
    monkeypatch.setenv(charts.EXPORT_ENV, "svg")
    fig, _ = plots.lines(pd.DataFrame({"MDA": [1.0, 2.0]}, index=[2020, 2021]), ylabel="x")
    charts.publish(fig, "fig-test-quick", title="t", data=pd.DataFrame({"a": [1], "source": ["votes-undl-es11-7"]}),
                   out_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig-test-quick.csv", "fig-test-quick.json", "fig-test-quick.svg"]


def test_source_line_stays_within_two_lines_and_points_to_the_full_list():
    from nearabroad.data import bibliography

    keys = sorted(bibliography().keys)[:60]  # sixty different publishers' worth of sources
    line = charts.source_line(pd.DataFrame({"source": keys}))
    import textwrap

    assert len(textwrap.wrap(line, width=charts.SOURCE_WIDTH)) <= 2
    assert line.endswith("(full list: figure data).")


def test_publish_refuses_overlapping_labels(tmp_path):
    fig, ax = plots.lines(pd.DataFrame({"MDA": [1.0, 2.0]}, index=[2020, 2021]), ylabel="x")
    ax.text(2020.5, 1.5, "label one")
    ax.text(2020.5, 1.5, "label two")
    data = pd.DataFrame({"value": [1.0], "source": ["votes-undl-es11-7"]})
    with pytest.raises(ValueError, match="labels overlap"):
        charts.publish(fig, "fig-test-overlap", title="t", data=data, out_dir=tmp_path)


def test_line_end_labels_are_spread_apart():
    frame = pd.DataFrame({"KAZ": [10.0, 10.0], "KGZ": [10.2, 10.1], "TJK": [9.9, 10.05]}, index=[2020, 2021])
    fig, _ = plots.lines(frame, ylabel="%")
    fig.canvas.draw()
    assert charts.overlapping_labels(fig) == []


def test_series_break_draws_two_segments():
    frame = pd.DataFrame({"BLR": [50.0, 49.0, 48.0]}, index=[2019, 2020, 2021])
    _, ax = plots.lines(frame, ylabel="%", breaks={"BLR": [2021]})
    assert [list(line.get_xdata()) for line in ax.lines] == [[2019, 2020], [2021]]


def test_figure_csv_gives_each_value_its_source_tier_and_url_and_rounds_only_computed_values(tmp_path):
    from nearabroad.data import bibliography

    frame = pd.DataFrame({"MDA": [1.996, 5.594248881650301]}, index=[2016, 2019])
    fig, _ = plots.lines(frame, ylabel="bcm")
    data = frame.reset_index().rename(columns={"index": "year", "MDA": "value"}).assign(
        iso3="MDA", source=["votes-unwatch-68-262", "votes-undl-es11-7;votes-unwatch-68-262"])
    charts.publish(fig, "fig-test-csv", title="A title", data=data, out_dir=tmp_path)
    out = pd.read_csv(tmp_path / "fig-test-csv.csv")
    assert list(out["value"]) == [1.996, 5.59]  # the published value as published, the computed one rounded
    bib = bibliography()
    assert out.loc[1, "source_url"] == f"{bib['votes-undl-es11-7'].url} ; {bib['votes-unwatch-68-262'].url}"
    assert list(out["source_tier"]) == [bib["votes-unwatch-68-262"].tier, bib.best_tier("votes-undl-es11-7;votes-unwatch-68-262")]


def test_figure_pdf_carries_title_author_subject_and_keywords(tmp_path):
    frame = pd.DataFrame({"MDA": [3.0, 2.89]}, index=[2016, 2019])
    fig, _ = plots.lines(frame, ylabel="bcm")
    data = frame.reset_index().assign(iso3="MDA", source="votes-unwatch-68-262")
    charts.publish(fig, "fig-test-meta", title="Gas from Russia", data=data, out_dir=tmp_path)
    raw = (tmp_path / "fig-test-meta.pdf").read_bytes()
    for needle in (b"/Title (Gas from Russia)", b"/Author (Near Abroad Data Report team)", b"/Subject (Gas from Russia. Source:",
                   b"/Keywords (Loosening Grip v", b"fig-test-meta; MDA)"):
        assert needle in raw, needle
    assert b"/CreationDate" not in raw and b"/Producer" not in raw
