"""The claims chapter: the article's claims as cards (verdict in colour and in words, evidence rows, rationale)."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from .. import claims as cl
from .. import countries as cty
from ..data import bibliography

REGION_PAGES = {"all": ("overview", "Overview"), "moldova": ("moldova", "Moldova"),
                "central_asia": ("central_asia", "Central Asia"), "south_caucasus": ("south_caucasus", "South Caucasus"),
                "belarus": ("belarus", "Belarus")}
REGION_ORDER = ["all", "moldova", "central_asia", "south_caucasus", "belarus"]
BASIS_WORDS = {"data": "computed from the data", "judgement": "judgement, with reasons",
               "synthesis": "built from the per-country verdicts"}


def results(tables) -> pd.DataFrame:
    return cl.evaluate_all(cl.load_claims(), tables, lambda iso3: cty.thesis_verdict(tables, iso3))


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


def _row_text(ref: dict, row: pd.Series, names: dict, labels: dict) -> str:
    table = ref["table"]
    if table == "unga_votes":
        return f"UN vote, {names[row['iso3']]}, {row['resolution'].removeprefix('A/RES/')}: {row['vote']}"
    if table == "events":
        return f"{row['date']:%d %b %Y}, {names[row['iso3']]}: {row['summary']}"
    if table == "memberships":
        until = f" to {row['end']}" if row["end"] else ""
        return f"{names[row['iso3']]}, {row['organisation']}: {row['status'].replace('_', ' ')} from {row['start']}{until}"
    return f"{names[row['iso3']]}, {labels[row['indicator']]}, {row['year']}: {row['value']:g}"


def _source_links(cell: str) -> str:
    bib = bibliography()
    keys = [k for k in str(cell).split(";") if k]
    return "; ".join(f'<a href="{html.escape(bib[k].url)}">{html.escape(bib[k].short)}</a>'
                     f' <span class="source-tier tier-{bib[k].tier}">{bib[k].tier}</span>' for k in keys)


def card(claim: dict, result: pd.Series, tables, names: dict, labels: dict) -> str:
    verdict = result["verdict"]
    page, region = REGION_PAGES[claim["region"]]
    rows = cl.evidence_rows(claim, tables)
    evidence = "".join(f"<li>{html.escape(_row_text(ref, row, names, labels))} ({_source_links(row['source'])})</li>"
                       for ref, row in zip(claim["evidence"], rows))
    computed = "" if claim["basis"] == "judgement" else f"<p><strong>What the data give:</strong> {html.escape(result['evidence'])}</p>"
    after = f"<p><strong>After the article:</strong> {html.escape(claim['after'])}</p>" if claim.get("after") else ""
    kind = "headline claim" if claim["headline"] else "background fact (not in the headline count)"
    return (
        f'<div class="claim-card v-{verdict.replace(" ", "-")}" id="claim-{claim["id"]}">'
        f"<h3>{html.escape(claim['claim'])}</h3>"
        f'<p><span class="verdict">{verdict.capitalize()}</span> · {BASIS_WORDS[claim["basis"]]} · {kind} · '
        f'<a href="{page}.html">{region}</a></p>'
        f"{computed}<p><strong>Why:</strong> {html.escape(claim['rationale'])}</p>{after}"
        + (f"<details><summary>Evidence rows ({len(rows)})</summary><ul>{evidence}</ul></details>" if rows else "")
        + "</div>")


def cards(tables, region: str) -> HTML:
    names = dict(tables["countries"][["iso3", "name"]].to_numpy())
    labels = dict(tables["indicator_catalogue"][["indicator", "label"]].to_numpy())
    claims = [c for c in cl.load_claims() if c["region"] == region]
    res = results(tables).set_index("id")
    order = {v: i for i, v in enumerate(cl.VERDICTS)}
    claims.sort(key=lambda c: (c["id"] != "all-central-thesis", not c["headline"], order[res.loc[c["id"], "verdict"]]))
    return HTML('<div class="claim-cards">' + "".join(card(c, res.loc[c["id"]], tables, names, labels) for c in claims)
                + "</div>")
