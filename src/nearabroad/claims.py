"""The source article's checkable claims (`seeds/claims.yml`), each scored against the data by a rule in code.

A claim carries a `rule`; `evaluate` applies it to the loaded tables and returns a verdict, the evidence in words and
the source keys of the rows it used. The verdict is never typed in: change the data and the verdict follows.
Missing data gives "not testable with these data", never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from . import analysis as an

CLAIMS_FILE = Path(__file__).resolve().parents[2] / "seeds" / "claims.yml"
SUPPORTED, PARTLY, CONTRADICTED, UNTESTABLE = ("supported", "partly supported", "contradicted",
                                               "not testable with these data")
VERDICTS = (SUPPORTED, PARTLY, CONTRADICTED, UNTESTABLE)
REQUIRED = ("id", "region", "countries", "claim", "family", "evidence", "rule")
REGIONS = ("central_asia", "south_caucasus", "moldova", "belarus", "all")
ARTICLE_DATE = pd.Timestamp("2023-11-03")


@dataclass
class Result:
    verdict: str
    evidence: str
    sources: list[str] = field(default_factory=list)


def load_claims(path: Path = CLAIMS_FILE) -> list[dict]:
    """Read and check the claims file: required fields, unique ids, known regions and rule kinds."""
    claims = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    seen = set()
    for i, claim in enumerate(claims, start=1):
        missing = [k for k in REQUIRED if k not in claim]
        if missing:
            raise ValueError(f"{path}: claim {i} ({claim.get('id', '?')}) lacks {missing}")
        if claim["id"] in seen:
            raise ValueError(f"{path}: duplicate claim id {claim['id']}")
        seen.add(claim["id"])
        if claim["region"] not in REGIONS:
            raise ValueError(f"{path}: claim {claim['id']} has unknown region {claim['region']}")
        if claim["rule"].get("kind") not in RULES:
            raise ValueError(f"{path}: claim {claim['id']} has unknown rule kind {claim['rule'].get('kind')}")
    return claims


def evaluate(claim: dict, tables: dict[str, pd.DataFrame]) -> Result:
    rule = claim["rule"]
    return RULES[rule["kind"]](rule, tables)


def evaluate_all(claims: list[dict], tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for claim in claims:
        result = evaluate(claim, tables)
        rows.append({"id": claim["id"], "region": claim["region"], "claim": claim["claim"],
                     "verdict": result.verdict, "evidence": result.evidence, "sources": ";".join(result.sources),
                     "figure": claim["evidence"], "after": after_article(claim, tables)})
    return pd.DataFrame(rows)


def fmt(value: float) -> str:
    """Readable number: 276 million, 1.32 billion, 12.5."""
    if abs(value) >= 1e9:
        return f"{value / 1e9:.2f} billion"
    if abs(value) >= 1e6:
        return f"{value / 1e6:.0f} million"
    return f"{value:g}"


def _votes(rule, tables) -> Result:
    votes = tables["unga_votes"]
    wanted = votes[votes["iso3"].isin(rule["countries"]) & votes["resolution"].isin(rule["resolutions"])]
    expected_cells = len(rule["countries"]) * len(rule["resolutions"])
    if wanted.empty:
        return Result(UNTESTABLE, "no recorded votes for these countries and resolutions")
    match = wanted["vote"].isin(rule["expect"])
    share = match.mean()
    verdict = SUPPORTED if share == 1 else PARTLY if share >= 0.5 else CONTRADICTED
    off = wanted[~match]
    detail = "; ".join(f"{r.iso3} {r.vote} on {r.resolution.removeprefix('A/RES/')}" for r in off.itertuples())
    text = f"{int(match.sum())} of {len(wanted)} recorded votes are {'/'.join(rule['expect'])}"
    if len(wanted) < expected_cells:
        text += f" ({expected_cells - len(wanted)} votes not in the data)"
    if detail:
        text += f"; exceptions: {detail}"
    return Result(verdict, text, an.sources_of(wanted))


def _row(tables, iso3, indicator, year):
    ind = tables["indicators"]
    rows = ind[(ind["iso3"] == iso3) & (ind["indicator"] == indicator) & (ind["year"] == year)]
    return rows.iloc[0] if len(rows) else None


def _value_change(rule, tables) -> Result:
    start = _row(tables, rule["iso3"], rule["indicator"], rule["start"])
    end = _row(tables, rule["iso3"], rule["indicator"], rule["end"])
    if start is None or end is None:
        have = [str(y) for y, r in ((rule["start"], start), (rule["end"], end)) if r is not None]
        return Result(UNTESTABLE, f"{rule['indicator']} for {rule['iso3']} lacks "
                      f"{' and '.join(str(y) for y in (rule['start'], rule['end']) if str(y) not in have)}")
    change = end["value"] - start["value"]
    signed = change if rule["direction"] == "up" else -change
    verdict = SUPPORTED if signed >= rule.get("min_change", 0) and signed > 0 else PARTLY if signed > 0 else CONTRADICTED
    sign = "+" if change >= 0 else "−"
    text = (f"{rule['indicator']} for {rule['iso3']}: {fmt(start['value'])} in {rule['start']}, "
            f"{fmt(end['value'])} in {rule['end']} ({sign}{fmt(abs(change))})")
    return Result(verdict, text, an.sources_of(pd.DataFrame([start, end])))


def _value_compare(rule, tables) -> Result:
    row = _row(tables, rule["iso3"], rule["indicator"], rule["year"])
    if row is None:
        return Result(UNTESTABLE, f"no {rule['indicator']} for {rule['iso3']} in {rule['year']}")
    ok = row["value"] >= rule["threshold"] if rule["op"] == ">=" else row["value"] <= rule["threshold"]
    text = f"{rule['indicator']} for {rule['iso3']} in {rule['year']}: {fmt(row['value'])} (test: {rule['op']} {fmt(rule['threshold'])})"
    return Result(SUPPORTED if ok else CONTRADICTED, text, an.sources_of(pd.DataFrame([row])))


def _event(rule, tables) -> Result:
    ev = tables["events"]
    rows = ev[ev["iso3"] == rule["iso3"]]
    if "category" in rule:
        rows = rows[rows["category"] == rule["category"]]
    if "after" in rule:
        rows = rows[rows["date"] >= pd.Timestamp(rule["after"])]
    if "before" in rule:
        rows = rows[rows["date"] <= pd.Timestamp(rule["before"])]
    if "contains" in rule:
        rows = rows[rows["summary"].str.contains(rule["contains"], case=False, regex=False)]
    if rows.empty:
        return Result(UNTESTABLE, "no matching event in the events data")
    first = rows.sort_values("date").iloc[0]
    return Result(SUPPORTED, f"{first['date']:%d %b %Y}: {first['summary']}", an.sources_of(rows.head(1)))


def _membership(rule, tables) -> Result:
    m = tables["memberships"]
    rows = m[(m["iso3"] == rule["iso3"]) & (m["organisation"] == rule["organisation"]) & (m["status"] == rule["status"])]
    if rows.empty:
        return Result(UNTESTABLE, f"no {rule['organisation']} {rule['status']} row for {rule['iso3']}")
    r = rows.iloc[0]
    return Result(SUPPORTED, f"{rule['iso3']}: {rule['organisation']} {rule['status']} since {r['start']}",
                  an.sources_of(rows.head(1)))


def _untestable(rule, tables) -> Result:
    return Result(UNTESTABLE, rule["reason"])


RULES = {"votes": _votes, "value_change": _value_change, "value_compare": _value_compare, "event": _event,
         "membership": _membership, "untestable": _untestable}


def after_article(claim: dict, tables: dict[str, pd.DataFrame]) -> str:
    """What the data say after the article (latest value after 2023 vs the 2023 or last earlier value)."""
    after = claim.get("after")
    if not after:
        return "–"
    rows = an.series(tables["indicators"], after["indicator"], after["iso3"])
    before, later = rows[rows["year"] <= ARTICLE_DATE.year], rows[rows["year"] > ARTICLE_DATE.year]
    if later.empty or before.empty:
        return "no data after 2023"
    b, l = before.iloc[-1], later.iloc[-1]
    trend = "rose" if l["value"] > b["value"] else "fell" if l["value"] < b["value"] else "unchanged"
    return f"{trend}: {fmt(b['value'])} ({int(b['year'])}) → {fmt(l['value'])} ({int(l['year'])})"


def results_table(results: pd.DataFrame) -> pd.DataFrame:
    """The verdicts as a reader-facing table, evidence figure linked (as its book anchor)."""
    from .data import bibliography

    bib = bibliography()
    return pd.DataFrame({
        "Claim (paraphrased)": results["claim"],
        "Verdict": results["verdict"].map(lambda v: f"<strong>{v}</strong>"),
        "Evidence": results["evidence"],
        "Source": results["sources"].map(lambda s: bib.short(s) if s else "–"),
        "See": results["figure"].map(_figure_link),
        "After the article": results["after"],
    })


def _figure_link(fig_id: str) -> str:
    """Link to a figure by its stable id; the id's prefix names the chapter page (fig-<chapter>-<topic>)."""
    for prefix, page in (("fig-central-asia", "central_asia"), ("fig-south-caucasus", "south_caucasus"),
                         ("fig-moldova", "moldova"), ("fig-belarus", "belarus"), ("fig-overview", "overview"),
                         ("fig-data", "data")):
        if fig_id.startswith(prefix + "-"):
            return f'<a href="{page}.html#{fig_id}">{fig_id}</a>'
    return fig_id
