"""The data-and-methods chapter: tables of the data set, source tiers per family, series breaks, coverage, polls."""

from __future__ import annotations

import re

import pandas as pd

from .. import analysis as an
from .. import countries as cty
from .. import plots, present, release
from ..data import bibliography, dictionary
from ..sources import TIERS

CORE = ["gdp_usd", "population", "remittances_gdp_pct", "exports_to_russia_usd", "imports_from_russia_usd",
        "russia_share_of_trade_pct", "imf_dots_exports_to_china_usd", "transfers_from_russia_usd",
        "gas_imports_from_russia_bcm", "sipri_arms_imports_from_russia_tiv", "gallup_russia_approval_pct"]
SHORT = {"gdp_usd": "GDP", "population": "Population", "remittances_gdp_pct": "Remittances, % of GDP",
         "exports_to_russia_usd": "Exports to Russia", "imports_from_russia_usd": "Imports from Russia",
         "russia_share_of_trade_pct": "Russia's share of trade", "imf_dots_exports_to_china_usd": "Exports to China (IMF)",
         "transfers_from_russia_usd": "Transfers from Russia", "gas_imports_from_russia_bcm": "Gas from Russia",
         "sipri_arms_imports_from_russia_tiv": "Arms from Russia", "gallup_russia_approval_pct": "Approval of Russia (Gallup)"}
FAMILY_LABELS = {"votes": "UN votes", "memberships": "Memberships", "events": "Events", "context": "Population and GDP",
                 "trade": "Trade", "money": "Remittances and transfers", "energy": "Energy", "security": "Arms and security",
                 "opinion": "Opinion polls"}
TIER_LABELS = {"primary": "Primary record", "report": "Report of a primary figure", "secondary": "Secondary",
               "relay": "Relay"}


names = an.country_names


def rows_by_family(tables) -> pd.DataFrame:
    """Every data row with its family and the best tier among its sources."""
    bib = bibliography()
    family = dict(tables["indicator_catalogue"][["indicator", "family"]].to_numpy())
    parts = [tables["indicators"].assign(family=tables["indicators"]["indicator"].map(family))[["family", "source"]]]
    for name in ("unga_votes", "memberships", "events"):
        parts.append(tables[name].assign(family="votes" if name == "unga_votes" else name)[["family", "source"]])
    rows = pd.concat(parts, ignore_index=True)
    rows["tier"] = rows["source"].map(bib.best_tier)
    return rows


def tier_shares(tables) -> pd.DataFrame:
    """Per family: rows, and the share of rows by their best source tier (numbers)."""
    rows = rows_by_family(tables)
    counts = rows.groupby(["family", "tier"]).size().unstack(fill_value=0).reindex(columns=list(TIERS), fill_value=0)
    counts = counts.reindex([f for f in FAMILY_LABELS if f in counts.index])
    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    return counts.sum(axis=1).rename("rows").to_frame().join(shares)


def table_tiers(tables):
    shares = tier_shares(tables)
    frame = pd.DataFrame({
        "Family": [FAMILY_LABELS[f] for f in shares.index],
        "Rows": [f"{n:,}" for n in shares["rows"]],
        **{TIER_LABELS[t]: [_share(v) for v in shares[t]] for t in TIERS},
    })
    return present.table(frame, numeric=("Rows", *TIER_LABELS.values()))


def table_dictionary():
    d = dictionary()
    frame = pd.DataFrame({"Table": d["table"], "Field": d["field"], "Type": d["type"], "Rules": d["rules"],
                          "Description": d["description"]})
    return present.table(frame.map(lambda v: v if not re.fullmatch(r"[a-z]+(_[a-z0-9]+)+", str(v)) else f"‘{v}’"))


def table_breaks(tables):
    b = tables["series_breaks"]
    labels = dict(tables["indicator_catalogue"][["indicator", "label"]].to_numpy())
    frame = pd.DataFrame({"Country": b["iso3"].map(names(tables)), "Series": b["indicator"].map(labels),
                          "From": b["year"].astype(str), "New publisher": b["publisher"], "Why": b["reason"]})
    return present.table(frame)


def table_indicators(tables):
    ind, cat = tables["indicators"], tables["indicator_catalogue"]
    agg = ind.groupby("indicator").agg(rows=("value", "size"), countries=("iso3", "nunique"), first=("year", "min"),
                                       last=("year", "max"),
                                       publishers=("publisher", lambda p: "; ".join(sorted(set(p)))))
    cat = cat.set_index("indicator").join(agg, how="inner").reset_index()
    cat = cat.sort_values(["family", "label"])
    frame = pd.DataFrame({
        "Indicator": cat["label"], "Unit": cat["unit"], "Family": cat["family"].map(FAMILY_LABELS),
        "Rows": cat["rows"].astype(str), "Countries": cat["countries"].astype(str),
        "Years": [f"{a}–{b}" if a != b else str(a) for a, b in zip(cat["first"], cat["last"])],
        "Publisher": cat["publishers"]})
    return present.table(frame, numeric=("Rows", "Countries"))


def figure_coverage(tables):
    """Years with a value, 2014–2025, per focus country and core indicator; Russia's share of trade counts the years
    `analysis.partner_share` gives (a publisher's stated share, or one computed from its own partner values)."""
    ind = tables["indicators"]
    share = an.partner_share(ind, "russia", cty.FOCUS)
    share = share[share["year"].between(2014, 2025)].assign(indicator="russia_share_of_trade_pct")
    values = ind[ind["indicator"].isin(CORE) & (ind["indicator"] != "russia_share_of_trade_pct")
                 & ind["iso3"].isin(cty.FOCUS) & ind["year"].between(2014, 2025)]
    used = pd.concat([values, share], ignore_index=True)
    cov = (used.groupby(["iso3", "indicator"])["year"].nunique().unstack(fill_value=0)
           .reindex(index=cty.FOCUS, columns=CORE, fill_value=0))
    fig, ax = plots.heatmap(cov.rename(columns=SHORT), names=names(tables), vmax=12, label="years with data (of 12)",
                            width=6.8)
    ax.set_xticks(range(len(CORE)), [SHORT[i] for i in CORE], rotation=90, ha="center", fontsize=7)
    data = (used.groupby(["iso3", "indicator"])
            .agg(years_with_data=("year", "nunique"), publisher=("publisher", "first"),
                 source=("source", lambda s: ";".join(sorted({k for c in s for k in c.split(";")}))))
            .reset_index())
    return fig, data


def table_polls(tables):
    """Every poll value with its sample, fieldwork and margin as the publisher gives them."""
    ind, cat = tables["indicators"], tables["indicator_catalogue"]
    opinion = set(cat.loc[cat["family"] == "opinion", "indicator"])
    labels = dict(cat[["indicator", "label"]].to_numpy())
    rows = ind[ind["indicator"].isin(opinion)].sort_values(["iso3", "indicator", "year"])

    def part(note: str, name: str) -> str:
        """One field of the note's 'sample: …; fieldwork: …; margin: …' tail, without provenance asides."""
        m = re.search(name + r":\s*(.*?)(?=;\s*(?:sample|fieldwork|margin):|$)", note, re.S)
        text = m.group(1).strip().rstrip(".") if m else ""
        text = re.sub(r"\s*\((?:per|via|read|as|according|conducted)\b[^)]*\)?", "", text).strip()
        text = re.sub(r"\s*\((?:exact )?(?:dates|days|months) not published[^)]*\)", "", text).strip()
        if not text or text.lower().startswith("not published"):
            return "not published"
        return f"{int(text):,}" if name == "sample" and text.isdigit() else text

    frame = pd.DataFrame({
        "Country": rows["iso3"].map(names(tables)), "Question": rows["indicator"].map(labels),
        "Year": rows["year"].astype(str), "Value": [f"{v:g} %" for v in rows["value"]],
        "Sample": [part(n, "sample") for n in rows["note"]], "Fieldwork": [part(n, "fieldwork") for n in rows["note"]],
        "Margin": [part(n, "margin") for n in rows["note"]], "Publisher": rows["publisher"]})
    return present.table(frame, numeric=("Value",))


def _share(v: float) -> str:
    """A share of rows: '–' for none, '<1 %' for a few rows that would round to nothing."""
    return "–" if not v else "<1 %" if v < 1 else f"{v:.0f} %"


def _rows_word(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def table_relay_events(tables):
    """Events whose only sources are relays: kept, but flagged."""
    bib = bibliography()
    ev = tables["events"]
    flagged = ev[ev["source"].map(bib.best_tier) == "relay"]
    return present.event_list(flagged, names(tables))


def facts(tables) -> dict:
    rows = rows_by_family(tables)
    ind = rows[~rows["family"].isin(["votes", "memberships", "events"])]
    bib = bibliography()
    return {
        "rows_indicators": f"{len(tables['indicators']):,}",
        "n_indicator_ids": str(tables["indicators"]["indicator"].nunique()),
        "rows_votes": str(len(tables["unga_votes"])),
        "rows_memberships": str(len(tables["memberships"])),
        "rows_events": str(len(tables["events"])),
        # sources the rows cite (the bibliography also holds the article under test, which is never evidence)
        "n_sources": str(len({k for name in ("indicators", "unga_votes", "memberships", "events", "series_breaks")
                              for cell in tables[name]["source"] for k in cell.split(";")})),
        "indicator_primary_share": f"{100 * (ind['tier'] == 'primary').mean():.0f} %",
        "indicator_relay_rows": str(int((ind["tier"] == "relay").sum())),
        "votes_primary": str(int((rows[rows["family"] == "votes"]["tier"] == "primary").sum())),
        "n_breaks": str(len(tables["series_breaks"])),
        "relay_events": _rows_word(int((rows[rows["family"] == "events"]["tier"] == "relay").sum())),
    }


def figure_alignment_by_kind(tables):
    """Each focus country's mean vote score on territorial-integrity resolutions and on the others."""
    votes = tables["unga_votes"]
    votes = votes[votes["iso3"].isin(cty.FOCUS)]
    ti = votes["resolution"].isin(an.TERRITORIAL_RESOLUTIONS)
    scores = pd.DataFrame({
        "territorial integrity (3 resolutions)": an.alignment_score(votes[ti]),
        "other resolutions (7)": an.alignment_score(votes[~ti]),
    }).loc[cty.FOCUS].sort_values("territorial integrity (3 resolutions)")
    fig, ax = plots.dot_compare(scores, names=names(tables),
                                xlabel="mean vote score (0 = always with Russia, 1 = always yes)", width=6.4)
    data = votes.assign(kind=ti.map({True: "territorial integrity", False: "other"}),
                        score=votes["vote"].map(an.VOTE_SCORE), date=votes["date"].dt.strftime("%Y-%m-%d"))
    return fig, data[["resolution", "date", "kind", "iso3", "vote", "score", "source"]]


def downloads():
    """Links to the data set's release archive and to each table as a CSV file (written by the book build)."""
    from IPython.display import HTML

    return HTML(release.links_html("../"))
