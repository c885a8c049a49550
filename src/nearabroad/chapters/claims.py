"""The claims chapter: the article's claims as cards (verdict in colour and in words, evidence rows, rationale)."""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML

from .. import analysis as an
from .. import claims as cl
from .. import countries as cty
from ..data import bibliography

REGION_PAGES = {"all": ("overview", "Overview"), "moldova": ("moldova", "Moldova"),
                "central_asia": ("central_asia", "Central Asia"), "south_caucasus": ("south_caucasus", "South Caucasus"),
                "belarus": ("belarus", "Belarus")}
REGION_ORDER = ["all", "moldova", "central_asia", "south_caucasus", "belarus"]
BASIS_WORDS = {"data": "computed from the data", "judgement": "judgement, with reasons",
               "synthesis": "built from the per-country verdicts"}


_RESULTS: list = []  # (tables, results) of the last call: the chapter asks once per region for the same tables


def results(tables) -> pd.DataFrame:
    """Every claim's verdict; judged once per set of tables (the verdict cards of five regions reuse it)."""
    if _RESULTS and _RESULTS[0][0] is tables:
        return _RESULTS[0][1].copy()
    res = cl.evaluate_all(cl.load_claims(), tables, lambda iso3: cty.thesis_verdict(tables, iso3))
    _RESULTS[:] = [(tables, res)]
    return res.copy()


def facts(tables) -> dict:
    res = results(tables)
    head = res[res["headline"]]
    counts = head["verdict"].value_counts()
    thesis = res[res["id"] == "all-central-thesis"].iloc[0]
    out = {"n_claims": str(len(res)), "n_headline": str(len(head)), "n_trivia": str(int((~res["headline"]).sum())),
           "thesis_verdict": thesis["verdict"], "thesis_evidence": thesis["evidence"]}
    for verdict in cl.VERDICTS:
        out["headline_" + verdict.replace(" ", "_")] = str(int(counts.get(verdict, 0)))
    out["n_data"] = str(int((res["basis"] == "data").sum()))
    out["n_judgement"] = str(int((res["basis"] == "judgement").sum()))
    return out


def _date(text: str) -> str:
    """'2002-10-07' -> '7 Oct 2002'; a year or year-month stays as it is."""
    try:
        return f"{pd.Timestamp(text):%d %b %Y}".lstrip("0") if len(text) == 10 else text
    except ValueError:
        return text


def _row_text(ref: dict, row: pd.Series, names: dict, catalogue: pd.DataFrame) -> str:
    """One evidence row in words: country names, readable dates, values in their unit."""
    table = ref["table"]
    if table == "unga_votes":
        return f"UN vote, {names[row['iso3']]}, {row['resolution'].removeprefix('A/RES/')}: {row['vote']}"
    if table == "events":
        summary = re.sub(r"^\[[^\]]+\]\s*", "", row["summary"])  # the partner tag is for the data, not the reader
        return f"{row['date']:%d %b %Y}".lstrip("0") + f", {names[row['iso3']]}: {summary}"
    if table == "memberships":
        until = f" to {_date(row['end'])}" if row["end"] else ""
        return (f"{names[row['iso3']]}, {row['organisation']}: {row['status'].replace('_', ' ')} from "
                f"{_date(row['start'])}{until}")
    info = catalogue.loc[row["indicator"]]
    return f"{names[row['iso3']]}, {info['label']}, {row['year']}: {_value(row['value'], info['unit'])}"


def _value(value: float, unit: str) -> str:
    if unit.startswith("current US$") or unit == "US$":
        if abs(value) >= 1e12:
            return f"US$ {value / 1e12:.2f} trillion"
        return f"US$ {value / 1e9:.2f} billion" if abs(value) >= 1e9 else f"US$ {value / 1e6:,.0f} million"
    if unit == "persons":
        return f"{value / 1e6:.1f} million people" if value >= 1e6 else f"{value:,.0f} people"
    if unit.startswith("%"):  # at most one decimal, as the chapters print shares
        return f"{value:.1f} %".replace(".0 %", " %") if abs(value) < 100 else f"{value:.0f} %"
    return f"{value:,.4g} {unit}"


INTERNAL_REF = re.compile(r"\s*\((?:(?:events|unga_votes|indicators|memberships)\s[^)]*|see [a-z]{2,3}-[a-z0-9-]+)\)")


def _prose(text: str) -> str:
    """Text for readers: drop pointers to data rows and claim ids (the evidence list links the rows)."""
    return INTERNAL_REF.sub("", text)


def _source_links(cell: str) -> str:
    bib = bibliography()
    keys = [k for k in str(cell).split(";") if k]
    return "; ".join(f'<a href="{html.escape(bib[k].url)}">{html.escape(bib[k].short)}</a>'
                     f' <span class="source-tier tier-{bib[k].tier}">{bib[k].tier}</span>' for k in keys)


def card(claim: dict, result: pd.Series, tables, names: dict, catalogue: pd.DataFrame) -> str:
    verdict = result["verdict"]
    page, region = REGION_PAGES[claim["region"]]
    rows = cl.evidence_rows(claim, tables)
    evidence = "".join(f"<li>{html.escape(_row_text(ref, row, names, catalogue))} ({_source_links(row['source'])})</li>"
                       for ref, row in zip(claim["evidence"], rows))
    computed = "" if claim["basis"] == "judgement" else f"<p><strong>What the data give:</strong> {html.escape(_named(result['evidence'], names))}</p>"
    after = f"<p><strong>After the article:</strong> {html.escape(_prose(claim['after']))}</p>" if claim.get("after") else ""
    kind = "headline claim" if claim["headline"] else "background fact (not in the headline count)"
    return (
        f'<div class="claim-card v-{verdict.replace(" ", "-")}" id="claim-{claim["id"]}">'
        f"<h3>{html.escape(claim['claim'])}</h3>"
        f'<p><span class="verdict">{verdict.capitalize()}</span> · {BASIS_WORDS[claim["basis"]]} · {kind} · '
        f'<a href="{page}.html">{region}</a></p>'
        f"{computed}<p><strong>Why:</strong> {html.escape(_prose(claim['rationale']))}</p>{after}"
        + (f"<details><summary>Evidence rows ({len(rows)})</summary><ul>{evidence}</ul></details>" if rows else "")
        + "</div>")


def _named(text: str, names: dict) -> str:
    """Country codes in computed text replaced by names."""
    return re.sub(r"\b[A-Z]{3}\b", lambda m: names.get(m.group(0), m.group(0)), text)


def cards(tables, region: str) -> HTML:
    names = an.country_names(tables)
    catalogue = tables["indicator_catalogue"].set_index("indicator")
    claims = [c for c in cl.load_claims() if c["region"] == region]
    res = results(tables).set_index("id")
    order = {v: i for i, v in enumerate(cl.VERDICTS)}
    claims.sort(key=lambda c: (c["id"] != "all-central-thesis", not c["headline"], order[res.loc[c["id"], "verdict"]]))
    return HTML('<div class="claim-cards">' + "".join(card(c, res.loc[c["id"]], tables, names, catalogue) for c in claims)
                + "</div>")
