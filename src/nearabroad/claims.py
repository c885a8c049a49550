"""The source article's claims (`seeds/claims.yml`), each with its evidence rows, a rationale and a verdict.

Three bases, never keyword matching:
- `data`: a rule computed from the tables gives the verdict (votes, a change in a value, a threshold, a membership
  in force on a date); change the data and the verdict follows.
- `judgement`: the verdict is recorded with its reasons, because what decides it (a retraction, a proposal, a court
  order suspended on appeal) is read, not counted. Its evidence rows must exist in the data, or the build fails.
- `synthesis`: the article's central thesis, judged from the per-country verdicts of the chapters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import analysis as an
from .files import checked_records

CLAIMS_FILE = Path(__file__).resolve().parents[2] / "seeds" / "claims.yml"
SUPPORTED, PARTLY, NOT_SUPPORTED, UNTESTABLE = "supported", "partly supported", "not supported", "not testable"
VERDICTS = (SUPPORTED, PARTLY, NOT_SUPPORTED, UNTESTABLE)
BASES = ("data", "judgement", "synthesis")
REQUIRED = ("id", "region", "countries", "claim", "headline", "family", "basis", "evidence", "rationale")
OPTIONAL = ("verdict", "rule", "after")
REGIONS = ("central_asia", "south_caucasus", "moldova", "belarus", "all")
ARTICLE_DATE = pd.Timestamp("2023-11-03")
EVIDENCE_KEYS = {
    "events": ("date", "iso3"),
    "unga_votes": ("resolution", "iso3"),
    "indicators": ("iso3", "indicator", "year"),
    "memberships": ("iso3", "organisation", "status"),
}


@dataclass
class Result:
    verdict: str
    evidence: str
    sources: list[str] = field(default_factory=list)


def load_claims(path: Path = CLAIMS_FILE) -> list[dict]:
    """Read and check the claims file: required fields, unique ids, known regions, bases, rules and verdicts."""
    path = Path(path)
    claims, seen = [], {}
    for claim, fail in checked_records(path, "claim", REQUIRED, OPTIONAL, seen):
        if claim["region"] not in REGIONS:
            fail("region", f"has unknown region '{claim['region']}'; use one of {', '.join(REGIONS)}")
        if not isinstance(claim["countries"], list) or not all(isinstance(c, str) for c in claim["countries"]):
            fail("countries", "needs a list of country codes")
        if claim["basis"] not in BASES:
            fail("basis", f"has basis '{claim['basis']}'; use one of {', '.join(BASES)}")
        rule = claim.get("rule", {})
        if claim["basis"] == "data" and (not isinstance(rule, dict) or rule.get("kind") not in RULES):
            fail("rule", f"is a data claim and needs a rule of kind {', '.join(sorted(RULES))}")
        if claim["basis"] == "judgement" and claim.get("verdict") not in VERDICTS:
            fail("verdict", f"is a judgement and needs a verdict, one of {', '.join(VERDICTS)}")
        if not isinstance(claim["evidence"], list):
            fail("evidence", "needs a list of evidence rows")
        for row in claim["evidence"]:
            if (not isinstance(row, dict) or row.get("table") not in EVIDENCE_KEYS
                    or any(k not in row for k in EVIDENCE_KEYS[row["table"]])):
                fail("evidence", f"has evidence row {row}, which must name a table ({', '.join(EVIDENCE_KEYS)}) and its keys")
        claims.append(claim)
    return claims


def evidence_rows(claim: dict, tables: dict[str, pd.DataFrame]) -> list[pd.Series]:
    """The data rows a claim names as its evidence; KeyError naming the claim if one is not in the data."""
    out = []
    for ref in claim["evidence"]:
        frame = tables[ref["table"]]
        mask = pd.Series(True, index=frame.index)
        for key in EVIDENCE_KEYS[ref["table"]]:
            want = pd.Timestamp(ref[key]) if key == "date" else ref[key]
            mask &= frame[key] == want
        if not mask.any():
            raise KeyError(f"claim {claim['id']}: evidence row {ref} is not in the data")
        out.append(frame[mask].iloc[0])
    return out


def evaluate(claim: dict, tables: dict[str, pd.DataFrame], synthesis: Callable[[list[str]], Result] | None = None) -> Result:
    """The claim's verdict; `synthesis` judges a synthesis claim from its countries (countries.thesis_verdict)."""
    rows = evidence_rows(claim, tables)
    sources = an.sources_of(pd.DataFrame(rows)) if rows else []
    if claim["basis"] == "data":
        result = RULES[claim["rule"]["kind"]](claim["rule"], tables)
        result.sources = sorted(set(result.sources) | set(sources))
        return result
    if claim["basis"] == "judgement":
        return Result(claim["verdict"], claim["rationale"], sources)
    if synthesis is None:
        raise ValueError(f"claim {claim['id']}: a synthesis verdict needs the per-country verdicts")
    judged = synthesis(claim["countries"])
    return Result(judged.verdict, judged.evidence, sorted(set(sources) | set(judged.sources)))


def evaluate_all(claims: list[dict], tables: dict[str, pd.DataFrame],
                 synthesis: Callable[[list[str]], Result] | None = None) -> pd.DataFrame:
    rows = []
    for claim in claims:
        result = evaluate(claim, tables, synthesis)
        rows.append({"id": claim["id"], "region": claim["region"], "claim": claim["claim"],
                     "headline": bool(claim["headline"]), "basis": claim["basis"], "verdict": result.verdict,
                     "evidence": result.evidence, "rationale": claim["rationale"], "sources": ";".join(result.sources),
                     "see": claim.get("see", []), "after": claim.get("after", "")})
    return pd.DataFrame(rows)


def fmt(value: float) -> str:
    """Readable number: 276 million, 1.32 billion, 12.5."""
    if abs(value) >= 1e9:
        return f"{value / 1e9:.2f} billion"
    if abs(value) >= 1e6:
        return f"{value / 1e6:.0f} million"
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.3g}"


def _votes(rule, tables) -> Result:
    """Share of the named cells (countries x resolutions) whose vote is one of `expect`: all → supported, at least
    half → partly, else not supported; not testable when more than half the cells are missing."""
    votes = tables["unga_votes"]
    wanted = votes[votes["iso3"].isin(rule["countries"]) & votes["resolution"].isin(rule["resolutions"])]
    expected_cells = len(rule["countries"]) * len(rule["resolutions"])
    if len(wanted) * 2 < expected_cells:
        return Result(UNTESTABLE, f"only {len(wanted)} of {expected_cells} votes are in the data")
    match = wanted["vote"].isin(rule["expect"])
    share = match.mean()
    verdict = SUPPORTED if share == 1 and len(wanted) == expected_cells else PARTLY if share >= 0.5 else NOT_SUPPORTED
    off = wanted[~match]
    detail = "; ".join(f"{r.iso3} {r.vote} on {r.resolution.removeprefix('A/RES/')}" for r in off.itertuples())
    text = f"{int(match.sum())} of {expected_cells} votes are {' or '.join(rule['expect'])}"
    if len(wanted) < expected_cells:
        text += f" ({expected_cells - len(wanted)} not in the data)"
    if detail:
        text += f"; exceptions: {detail}"
    return Result(verdict, text, an.sources_of(wanted))


def _value_change(rule, tables) -> Result:
    start = an.row(tables["indicators"], rule["iso3"], rule["indicator"], rule["start"])
    end = an.row(tables["indicators"], rule["iso3"], rule["indicator"], rule["end"])
    if start is None or end is None:
        lacking = [str(y) for y, r in ((rule["start"], start), (rule["end"], end)) if r is None]
        return Result(UNTESTABLE, f"no {rule['indicator']} for {rule['iso3']} in {' and '.join(lacking)}")
    change = end["value"] - start["value"]
    signed = change if rule["direction"] == "up" else -change
    verdict = SUPPORTED if signed >= rule.get("min_change", 0) and signed > 0 else PARTLY if signed > 0 else NOT_SUPPORTED
    sign = "+" if change >= 0 else "−"
    text = (f"{fmt(start['value'])} in {rule['start']}, {fmt(end['value'])} in {rule['end']} ({sign}{fmt(abs(change))})")
    return Result(verdict, text, an.sources_of(pd.DataFrame([start, end])))


def _value_compare(rule, tables) -> Result:
    row = an.row(tables["indicators"], rule["iso3"], rule["indicator"], rule["year"])
    if row is None:
        return Result(UNTESTABLE, f"no {rule['indicator']} for {rule['iso3']} in {rule['year']}")
    ok = row["value"] >= rule["threshold"] if rule["op"] == ">=" else row["value"] <= rule["threshold"]
    text = f"{fmt(row['value'])} in {rule['year']} (threshold: {rule['op']} {fmt(rule['threshold'])})"
    return Result(SUPPORTED if ok else NOT_SUPPORTED, text, an.sources_of(pd.DataFrame([row])))


def _membership(rule, tables) -> Result:
    """The status in force on `on` (default: the article's date)."""
    on = pd.Timestamp(rule.get("on", ARTICLE_DATE))
    m = tables["memberships"]
    rows = m[(m["iso3"] == rule["iso3"]) & (m["organisation"] == rule["organisation"])]
    started = rows[pd.to_datetime(rows["start"], format="ISO8601") <= on]
    in_force = started[(started["end"] == "") | (pd.to_datetime(started["end"].replace("", None), format="ISO8601") > on)]
    if in_force.empty:
        return Result(NOT_SUPPORTED if len(rows) else UNTESTABLE,
                      f"no {rule['organisation']} status of {rule['iso3']} in force on {on:%d %b %Y}",
                      an.sources_of(rows))
    current = in_force.sort_values("start").iloc[-1]
    ok = current["status"] == rule["status"]
    text = f"{rule['organisation']} {current['status']} since {current['start']} (on {on:%d %b %Y})"
    return Result(SUPPORTED if ok else NOT_SUPPORTED, text, an.sources_of(in_force.tail(1)))


RULES = {"votes": _votes, "value_change": _value_change, "value_compare": _value_compare, "membership": _membership}
