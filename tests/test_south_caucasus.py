import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from nearabroad import south_caucasus as sc


def _events(rows):
    return pd.DataFrame(rows, columns=["date", "iso3", "category", "summary", "source"]).assign(
        date=lambda d: pd.to_datetime(d["date"]))


def test_one_per_day_keeps_the_higher_priority_category():
    ev = _events([
        ("2024-02-22", "ARM", "diplomacy", "said in an interview", "a"),
        ("2024-02-22", "ARM", "security", "froze participation", "b"),
        ("2024-02-22", "AZE", "diplomacy", "other country same day", "c"),
        ("2023-01-10", "ARM", "diplomacy", "only one that day", "d"),
    ])
    out = sc.one_per_day(ev)
    assert len(out) == 3
    arm = out[(out["iso3"] == "ARM") & (out["date"] == "2024-02-22")]
    assert arm["category"].tolist() == ["security"]
    assert list(out["date"]) == sorted(out["date"])  # chronological


def test_one_per_day_ties_keep_the_first_row_and_unknown_categories_come_last():
    ev = _events([
        ("2023-11-23", "ARM", "summit", "first", "a"),
        ("2023-11-23", "ARM", "summit", "second", "b"),
        ("2023-12-01", "ARM", "unknown", "x", "c"),
        ("2023-12-01", "ARM", "media", "y", "d"),
    ])
    out = sc.one_per_day(ev)
    assert out["summary"].tolist() == ["first", "y"]


def test_one_per_day_empty():
    assert sc.one_per_day(_events([])).empty


def test_money_and_mood_leaves_gaps_empty():
    money = pd.DataFrame({"Exports to Russia": [np.nan, 2.4], "Transfers from Russia": [1.0, 3.6]}, index=[2021, 2022])
    mood = pd.DataFrame({"Russia a political threat (IRI)": [15, np.nan, 40]}, index=[2021, 2022, 2023])
    fig, (ax_m, ax_o) = sc.money_and_mood(money, mood)
    heights = [p.get_height() for p in ax_m.patches]
    assert len(heights) == 4 and sum(np.isnan(heights)) == 1  # the missing value is not drawn as zero
    line = ax_o.get_lines()[0]
    assert list(line.get_xdata()) == [2021, 2022, 2023] and np.isnan(line.get_ydata()[1])
    assert ax_o.get_ylim() == (0, 100)
    plt.close(fig)


def test_labelled_hbars_prints_each_value_in_order():
    values = pd.Series({"First count": 100417, "Second count": 115183})
    fig, ax = sc.labelled_hbars(values)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["First count", "Second count"]  # tick order as given; the first sits at the top
    texts = [t.get_text().strip() for t in ax.texts]
    assert texts == ["100,417", "115,183"]
    top = max(ax.patches, key=lambda p: p.get_y())
    assert top.get_width() == 100417  # first entry drawn at the top
    plt.close(fig)


def test_tidy_summaries_drops_partner_tag_and_names_the_leader():
    ev = _events([
        ("2023-11-03", "AZE", "summit", "[Turkey] The leader attended the summit.", "a"),
        ("2023-11-04", "ARM", "summit", "[Russia] The leader attended the parade.", "b"),
        ("2023-11-05", "GEO", "eu", "The leader of the opposition spoke [sic].", "c"),
    ])
    out = sc.tidy_summaries(ev, {"AZE": "Aliyev"})
    assert out["summary"].tolist() == ["Aliyev attended the summit.", "The leader attended the parade.",
                                       "The leader of the opposition spoke [sic]."]
    assert ev["summary"].iloc[0].startswith("[Turkey]")  # input untouched
