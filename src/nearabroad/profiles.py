"""Country profiles: one page per focus country, generated from the data by this one module.

`python -m nearabroad.profiles` writes `book/profiles/<iso3>.md` (and the index `book/profiles/index.md`) and the
profiles' figures, `fig-profile-<iso3>-<family>`, published like every other figure (downloads, citation, hover
values, gallery). The pages need no kernel: they are Markdown with the figures and edited HTML tables in them, so
the book's build cost does not grow with them. `make execute` regenerates them with the notebooks; a test proves the
committed pages and figures are what the data give today.

A profile holds the country's header (population, GDP, memberships in force), its key numbers with years and
sources, small multiples of every indicator family the data hold for it (one panel per indicator, full calendar
years only), its UN votes, its dated events as a filterable list, the findings and claims that concern it, and what
the data hold and lack. A family with no series is named as a gap, never drawn as an empty chart.
"""

from __future__ import annotations

import html
import re
import sys
import textwrap
from pathlib import Path

import pandas as pd

from . import analysis as an
from . import present
from .charts import FIGURE_DIR, PARTNER_COLOURS, new_figure, publish
from .countries import FOCUS

BOOK = Path(__file__).resolve().parents[2] / "book"
PAGE_DIR = BOOK / "profiles"
FAMILIES = {"trade": "Trade", "money": "Remittances and money", "energy": "Energy", "security": "Security",
            "opinion": "Opinion"}
MAX_PANELS = 9  # per family figure; the rest are listed under coverage
PARTIAL = re.compile(r"_jan_[a-z]{3}_")  # January-to-month indicators: partial years are never drawn as years
CHAPTER_TITLES = {"intro": "Introduction", "overview": "Overview", "moldova": "Moldova", "central_asia": "Central Asia",
                  "south_caucasus": "South Caucasus", "belarus": "Belarus", "claims": "The article's claims"}
VOTE_WORDS = {"yes": "Yes", "no": "No", "abstain": "Abstained", "absent": "Did not vote"}
LINE = PARTNER_COLOURS["EU"]


def page_name(iso3: str) -> str:
    return iso3.lower()


# ---- the numbers ----------------------------------------------------------------------------------------------------

def _catalogue(tables) -> pd.DataFrame:
    return tables["indicator_catalogue"].set_index("indicator")


def held_series(tables, iso3: str) -> pd.DataFrame:
    """Every full-year indicator the data hold for `iso3`: family, label, unit, years, first and last year."""
    rows = tables["indicators"][tables["indicators"]["iso3"] == iso3]
    rows = rows[~rows["indicator"].str.contains(PARTIAL)]
    cat = _catalogue(tables)
    out = rows.groupby("indicator").agg(years=("year", "nunique"), first=("year", "min"), last=("year", "max"))
    out = out.join(cat[["family", "label", "unit"]]).reset_index()
    return out.sort_values(["family", "years", "label"], ascending=[True, False, True], kind="stable")


def panels(tables, iso3: str, family: str) -> list[str]:
    """The indicators drawn for `family`: two years or more, the longest series first, at most MAX_PANELS."""
    held = held_series(tables, iso3)
    held = held[(held["family"] == family) & (held["years"] >= 2)]
    held = held.sort_values("years", ascending=False, kind="stable").head(MAX_PANELS)
    return sorted(held["indicator"], key=lambda i: (_partner_order(held.set_index("indicator").loc[i, "label"]), i))


def _partner_order(label: str) -> int:
    """Russia's series first, then China's, the EU's, the rest: the same order on every profile."""
    return next((k for k, partner in enumerate(("Russia", "China", "EU")) if partner in label), 3)


def _scale(unit: str, values: pd.Series) -> tuple[pd.Series, str]:
    """Large money and volume values shown in billions or millions, so panel axes stay short."""
    top = values.abs().max()
    if top >= 1e9:
        return values / 1e9, f"{unit}, billions"
    if top >= 1e6:
        return values / 1e6, f"{unit}, millions"
    return values, unit


def figure_family(tables, iso3: str, family: str):
    """Small multiples: one panel per indicator of `family` held for `iso3`, gaps and publisher breaks visible."""
    chosen = panels(tables, iso3, family)
    if not chosen:
        return None
    cat = _catalogue(tables)
    ind = tables["indicators"]
    breaks = tables["series_breaks"]
    cols = min(2, len(chosen))  # two panels a row keep the text legible at the width the page shows
    nrows = -(-len(chosen) // cols)
    fig, axes = new_figure(6.4, 0.5 + 2.0 * nrows, nrows=nrows, ncols=cols, squeeze=False)
    first = int(ind.loc[ind["indicator"].isin(chosen) & (ind["iso3"] == iso3), "year"].min())
    last = int(ind.loc[ind["indicator"].isin(chosen) & (ind["iso3"] == iso3), "year"].max())
    plotted = []
    tops: dict[str, float] = {}  # one scale per unit, so panels in the same unit compare by eye
    for indicator in chosen:
        rows = ind[(ind["iso3"] == iso3) & (ind["indicator"] == indicator)]
        values, unit = _scale(cat.loc[indicator, "unit"], rows["value"])
        tops[unit] = max(tops.get(unit, 0.0), float(values.max()))
    for ax, indicator in zip(axes.flat, chosen):
        rows = ind[(ind["iso3"] == iso3) & (ind["indicator"] == indicator)].sort_values("year")
        values, unit = _scale(cat.loc[indicator, "unit"], rows.set_index("year")["value"])
        full = values.reindex(range(first, last + 1))  # a year not published breaks the line
        cuts = sorted(breaks.loc[(breaks["iso3"] == iso3) & (breaks["indicator"] == indicator), "year"].astype(int))
        edges = [first, *cuts, last + 1]
        label = cat.loc[indicator, "label"]
        for k, (lo, hi) in enumerate(zip(edges, edges[1:])):
            part = full.loc[lo:hi - 1]
            ax.plot(part.index, part.values, marker="o", markersize=3, lw=1.4, color=LINE,
                    markerfacecolor=LINE if k == 0 else "white", label=label if k == 0 else None)
        ax.set_title("\n".join(textwrap.wrap(label, 44)[:3]), fontsize=8.5, fontweight="normal", loc="left")
        ax.set_ylabel(unit if len(unit) <= 26 else "\n".join(textwrap.wrap(unit, 26)[:2]), fontsize=8)
        ax.tick_params(labelsize=8)
        ax.set_xlim(first - 0.6, last + 0.6)
        ax.set_xticks(_year_ticks(first, last))
        if values.min() >= 0:  # from zero, with room above the highest marker of any panel in this unit
            ax.set_ylim(0, tops[unit] * 1.12 if tops[unit] > 0 else 1)
        plotted.append(rows.assign(label=label))
    for ax in list(axes.flat)[len(chosen):]:
        ax.set_visible(False)
    data = pd.concat(plotted)[["iso3", "year", "indicator", "label", "value", "publisher", "source"]]
    data.insert(1, "country", an.country_names(tables)[iso3])
    return fig, data.reset_index(drop=True)


def _year_ticks(first: int, last: int) -> list[int]:
    """The first and last year, and one between when there is room: every panel shows where its span starts."""
    middle = {(first + last) // 2} if last - first >= 4 and (last - first) % 2 == 0 else set()
    return sorted({first, last} | middle)  # evenly spaced: a middle tick only where it falls halfway


# ---- the page's parts -------------------------------------------------------------------------------------------------

def _fmt(value: float, unit: str) -> str:
    if abs(value) >= 1e9:
        return f"{value / 1e9:,.1f} billion".replace(".0 billion", " billion")
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.1f} million".replace(".0 million", " million")
    return f"{value:,.1f}" if abs(value) < 100 and not float(value).is_integer() else f"{value:,.0f}"


def _latest(tables, iso3: str, indicator: str) -> pd.Series | None:
    rows = tables["indicators"]
    rows = rows[(rows["iso3"] == iso3) & (rows["indicator"] == indicator)].sort_values("year")
    return None if rows.empty else rows.iloc[-1]


def header(tables, iso3: str) -> str:
    """Population and GDP in their latest year, and the memberships in force, each with its source."""
    parts = []
    for indicator, what in (("population", "Population"), ("gdp_usd", "GDP (current US$)")):
        row = _latest(tables, iso3, indicator)
        if row is not None:
            parts.append(f"{what}: {_fmt(row['value'], '')} ({int(row['year'])}, "
                         f"{present.source_links(row['source'])})")
    m = tables["memberships"]
    m = m[(m["iso3"] == iso3) & (m["end"].fillna("") == "")].sort_values(["start", "organisation"])
    ties = []
    for organisation, steps in m.groupby("organisation", sort=False):  # one entry per organisation, steps in order
        said = "; ".join((f"withdrew, {present.long_date(s.start)}" if s.status == "withdrawn" else
                          f"{present.status_words(organisation, s.status)} from {present.long_date(s.start)}")
                         + f" ({html.escape(s.start_marks)}. Source: {present.source_links(s.source)})"
                         for s in steps.itertuples())
        ties.append(f"<li>{html.escape(organisation)}: {said}</li>")
    parts.append("Memberships and changes of status, each with the date the data record and what that date marks "
                 "(a signature, an entry into force, a decision or an announcement):"
                 + (f"<ul>{''.join(ties)}</ul>" if ties else " none in the data"))
    return "<ul class=\"profile-header\">" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>"


def _source_cell(cell: str) -> str:
    """Links to a row's sources; a primary source (the publisher's own release, by the tiers' definition) is shown
    by its year alone, since the publisher is named in the column beside it and a long official name would be
    printed twice."""
    from .data import bibliography

    bib = bibliography()
    links = []
    for key in [k.strip() for k in str(cell).split(";") if k.strip()]:
        source = bib[key]
        text = f"own release ({source.year})" if source.tier == "primary" else source.short
        links.append(f'<a href="{html.escape(source.url)}">{html.escape(text)}</a>')
    return "; ".join(links)


def key_numbers(tables, iso3: str) -> pd.DataFrame:
    """The latest value of every full-year indicator held (context first), with its year and source."""
    held = held_series(tables, iso3)
    order = {f: i for i, f in enumerate(["context", *FAMILIES])}
    held = held.assign(o=held["family"].map(order)).sort_values(["o", "label"], kind="stable")
    rows = []
    for h in held.itertuples():
        row = _latest(tables, iso3, h.indicator)
        rows.append({"Indicator": h.label, "Latest": _fmt(row["value"], h.unit), "Year": str(int(row["year"])),
                     "Unit": h.unit, "Topic": FAMILIES.get(h.family, "Context"),
                     "Publisher": row["publisher"], "Source": _source_cell(row["source"])})
    return pd.DataFrame(rows, columns=["Indicator", "Latest", "Year", "Unit", "Topic", "Publisher", "Source"])


def votes(tables, iso3: str) -> pd.DataFrame:
    v = tables["unga_votes"]
    order = an.resolutions_in_order(v)
    rows = v[v["iso3"] == iso3].set_index("resolution").reindex(order)
    return pd.DataFrame({
        "Resolution": [r.removeprefix("A/RES/") for r in order],
        "Subject": [an.RESOLUTION_SUBJECTS.get(r, "").replace("-\n", "").replace("\n", " ") for r in order],
        "Date": [d.strftime("%d %b %Y").lstrip("0") if pd.notna(d) else "" for d in rows["date"]],
        "Vote": [VOTE_WORDS.get(x, "Not in the data") if isinstance(x, str) else "Not in the data" for x in rows["vote"]],
        "Source": [present.source_links(s) if isinstance(s, str) else "" for s in rows["source"]],
    })


def events(tables, iso3: str) -> str:
    rows = tables["events"][tables["events"]["iso3"] == iso3]
    if rows.empty:
        return "<p>The data hold no dated events for this country.</p>"
    name = an.country_names(tables)[iso3]
    listing = present.event_list(rows, an.country_names(tables), with_country=False).data
    return (f'<p><label>Filter the {len(rows)} events by a word or a year: <input type="search" class="list-filter" '
            f'data-filter="events-{iso3.lower()}"></label></p>'
            f'<div id="events-{iso3.lower()}" aria-label="Events in {html.escape(name)}">{listing}</div>')


def _concerns(rule: dict, iso3: str) -> bool:
    return rule.get("iso3") == iso3 or iso3 in rule.get("countries", [])


def _figure_page(fig_id: str) -> str:
    """The chapter a figure is in, from its id ('fig-central-asia-trade' -> 'central_asia')."""
    return next(c for c in [*CHAPTER_TITLES, "data"] if fig_id.startswith(f"fig-{c.replace('_', '-')}-"))


def findings_html(tables, iso3: str) -> str:
    from .findings import evaluate, load_findings

    names = an.country_names(tables)
    items = []
    for f in load_findings():
        if not _concerns(f["rule"], iso3):
            continue
        out = evaluate(f["rule"], tables)
        try:
            words = f["statement"].format(**out.values)
        except (KeyError, IndexError, ValueError):
            words = out.text
        words = re.sub(r"\b[A-Z]{3}\b", lambda m: names.get(m.group(0), m.group(0)), words)  # names, not codes
        others = [c for c in f["rule"].get("countries", []) if c != iso3]
        scope = f"About {len(others) + 1} countries, this one included. " if others else ""
        links = f'<a href="../{f["chapter"]}.html">{CHAPTER_TITLES[f["chapter"]]}</a>'
        if f.get("figure"):
            links += f' (<a href="../{_figure_page(f["figure"])}.html#{f["figure"]}">its figure</a>)'
        items.append(f'<li>{html.escape(scope + words)} <span class="profile-measure">Measure: '
                     f'{html.escape(f["measure"])}.</span> {links}</li>')
    if not items:
        return "<p>No finding of the chapters is about this country alone or by name.</p>"
    own = [i for i in items if "countries, this one included" not in i]
    shared = [i.replace("this one included. ", "this one included: ") for i in items if i not in own]
    out = f'<p>About {html.escape(names[iso3])} alone:</p><ul class="profile-findings">{"".join(own)}</ul>' if own else ""
    if shared:
        out += f'<p>Findings about several countries, {html.escape(names[iso3])} among them:</p>' \
               f'<ul class="profile-findings">{"".join(shared)}</ul>'
    return out


def claims_html(tables, iso3: str) -> str:
    from . import claims as cl
    from .chapters.claims import results

    res = results(tables).set_index("id")
    items = []
    for c in cl.load_claims():
        rows = [r for r in c.get("evidence", []) if isinstance(r, dict) and r.get("iso3") == iso3]
        if iso3 not in c.get("countries", []) and not rows and not _concerns(c.get("rule") or {}, iso3):
            continue
        verdict = res.loc[c["id"], "verdict"]
        items.append(f'<li><strong>{html.escape(verdict.capitalize())}</strong>: {html.escape(c["claim"])} '
                     f'<a href="../claims.html#claim-{c["id"]}">The claim and its evidence</a></li>')
    if not items:
        return "<p>None of the article's claims names this country.</p>"
    return f'<ul class="profile-claims">{"".join(items)}</ul>'


def coverage(tables, iso3: str) -> pd.DataFrame:
    held = held_series(tables, iso3)
    rows = []
    for family, title in FAMILIES.items():
        h = held[held["family"] == family]
        drawn = set(panels(tables, iso3, family))
        if h.empty:
            rows.append({"Topic": title, "Series held": "0", "Years": "", "Drawn above": "",
                         "Not drawn": "The data hold no series on this topic for the country."})
            continue
        single = h[h["years"] < 2]
        more = h[(h["years"] >= 2) & ~h["indicator"].isin(drawn)]
        notes = []
        if len(single):
            notes.append(f"{len(single)} with a single year, shown under key numbers: "
                         + "; ".join(single["label"]))
        if len(more):
            notes.append(f"{len(more)} shorter series not drawn here, shown under key numbers: " + "; ".join(more["label"]))
        first, last = int(h["first"].min()), int(h["last"].max())
        rows.append({"Topic": title, "Series held": str(len(h)), "Years": str(first) if first == last else f"{first}–{last}",
                     "Drawn above": str(len(drawn)), "Not drawn": ". ".join(notes) or "All drawn above."})
    return pd.DataFrame(rows)


# ---- the page -----------------------------------------------------------------------------------------------------

GAP_WORDS = {  # what a year without a marker means, per family
    "security": "SIPRI's register lists deliveries only, so a year without a marker is one in which it records no "
                "delivery",
}
SPAN_WORDS = {  # what one point stands for, per family
    "opinion": "each point is one survey, placed at the year the data give for it (not a calendar-year average), and "
               "a line joins surveys of the same question",
}


def caption(tables, iso3: str, family: str) -> str:
    name = an.country_names(tables)[iso3]
    n = len(panels(tables, iso3, family))
    gap = GAP_WORDS.get(family, "a gap in a line is a year for which the data hold no figure from the series' publisher")
    span = SPAN_WORDS.get(family, "full calendar years only (part-year figures are not drawn)")
    breaks = tables["series_breaks"]
    broken = breaks[(breaks["iso3"] == iso3) & breaks["indicator"].isin(panels(tables, iso3, family))]
    hollow = " Hollow markers follow a change of publisher." if len(broken) else ""
    return (f"{name}: {FAMILIES[family].lower()} series in the data, one panel per indicator ({n}); panels in the "
            f"same unit share one scale; {span}; {gap}.{hollow} Sources: the figure's data and the list under it.")


def page(tables, iso3: str, figures: list[str]) -> str:
    name = an.country_names(tables)[iso3]
    region = tables["countries"].set_index("iso3").loc[iso3, "region"]
    out = [f"({'profile-' + page_name(iso3)})=", f"# {name}", "",
           f"One page for everything the data hold on {name}: its key numbers, every indicator family as small "
           f"multiples, its UN votes, its dated events, and the findings and claims about it. The regional chapter "
           f"tells the story: {{doc}}`../{region}`.", "",
           header(tables, iso3), "", "## Key numbers", "",
           "The latest year of every series held, with its publisher and source.", "",
           present.table(key_numbers(tables, iso3), html_columns=("Source",), numeric=("Latest", "Year")).data, ""]
    out += ["## Indicators, small multiples", ""]
    if not figures:
        out += [f"The data hold no series of two years or more for {name}; its single values are under key numbers.", ""]
    for family in FAMILIES:
        fig_id = f"fig-profile-{page_name(iso3)}-{family}"
        out.append(f"### {FAMILIES[family]}")
        out.append("")
        if fig_id in figures:
            out += [f"```{{figure}} ../_extra/figures/{fig_id}.svg", f":name: {fig_id}", "",
                    caption(tables, iso3, family), "```", ""]
        else:
            held = held_series(tables, iso3)
            n = int((held["family"] == family).sum())
            out += [(f"The data hold {'no' if n == 0 else 'only single-year'} {FAMILIES[family].lower()} series for "
                     f"{name}; nothing to draw." + (" The values are under key numbers." if n else "")), ""]
    out += ["## UN General Assembly votes", "",
            present.table(votes(tables, iso3), html_columns=("Source",)).data, "",
            "## Dated events", "", events(tables, iso3), "",
            "## Findings of the chapters", "", findings_html(tables, iso3), "",
            "## The article's claims", "", claims_html(tables, iso3), "",
            "## What the data hold and lack", "",
            present.table(coverage(tables, iso3), numeric=("Series held", "Drawn above")).data, ""]
    return "\n".join(out)


def index_page(tables, countries: list[str]) -> str:
    names = an.country_names(tables)
    regions = tables["countries"].set_index("iso3")["region"]
    out = ["# Country profiles", "",
           "One page per country, generated from the data: key numbers with their sources, every indicator family as "
           "small multiples, UN votes, dated events, and the findings and claims that concern it. Every value on a "
           "chart can be read by pointing at it, tapping it or tabbing to it.", ""]
    for region, title in (("central_asia", "Central Asia"), ("south_caucasus", "South Caucasus"),
                          ("moldova", "Moldova"), ("belarus", "Belarus")):
        codes = [c for c in countries if regions[c] == region]
        links = ", ".join(f"[{names[c]}]({page_name(c)}.md)" for c in codes)
        out.append(f"- {title}: {links}" if len(codes) > 1 else f"- {links}")
    return "\n".join(out) + "\n"


def build(tables=None, countries: list[str] = FOCUS, figure_dir: Path = FIGURE_DIR, page_dir: Path = PAGE_DIR,
          show: bool = False) -> list[Path]:
    """Write the profiles' figures and pages; return the pages written."""
    import matplotlib.pyplot as plt

    from .data import load_all

    tables = tables or load_all()
    page_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for iso3 in countries:
        figures = []
        for family in FAMILIES:
            drawn = figure_family(tables, iso3, family)
            if drawn is None:
                continue
            fig, data = drawn
            fig_id = f"fig-profile-{page_name(iso3)}-{family}"
            name = an.country_names(tables)[iso3]
            publish(fig, fig_id, title=f"{name}: {FAMILIES[family].lower()}", data=data, out_dir=figure_dir)
            plt.close(fig)
            figures.append(fig_id)
        path = page_dir / f"{page_name(iso3)}.md"
        path.write_text(page(tables, iso3, figures), encoding="utf-8")
        written.append(path)
    (page_dir / "index.md").write_text(index_page(tables, FOCUS), encoding="utf-8")
    return written


if __name__ == "__main__":
    from .charts import use_style

    use_style()
    codes = [c.upper() for c in sys.argv[1:]] or FOCUS
    for path in build(countries=codes):
        print(path)
