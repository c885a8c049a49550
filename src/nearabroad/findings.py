"""The book's own findings (`seeds/findings/<chapter>.yml`): every sentence that states a direction, ranking, comparison or count.

A finding names its measure, its countries and years, and a rule computed from the data. `evaluate` returns whether
the finding holds and the words and numbers the sentence takes from it (the verb, the values, the years). A chapter
calls `require(chapter, tables)`: it glues each finding's words and fails loudly if one no longer holds, so the
notebook errors, nbval fails and the book is not built on a sentence the data contradict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import analysis as an
from .files import checked_records

FINDINGS_DIR = Path(__file__).resolve().parents[2] / "seeds" / "findings"
CHAPTERS = ("intro", "overview", "moldova", "central_asia", "south_caucasus", "belarus", "claims")
REQUIRED = ("id", "chapter", "measure", "statement", "rule")
OPTIONAL = ("figure", "key")


class FindingFailed(AssertionError):
    """A finding the text relies on is contradicted by the data (or its data are missing)."""


@dataclass
class Outcome:
    holds: bool
    text: str  # what the data say, in the words the sentence uses: "fell from 33.0 % in 2021 to 24.1 % in 2024"
    values: dict = field(default_factory=dict)  # numbers the prose may glue, already formatted
    sources: list[str] = field(default_factory=list)


def load_findings(folder: Path = FINDINGS_DIR) -> list[dict]:
    """Every finding of every chapter (`seeds/findings/<chapter>.yml`), checked: fields, unique ids, rule kinds."""
    items, seen = [], {}
    for path in sorted(Path(folder).glob("*.yml")):
        for item, fail in checked_records(path, "finding", REQUIRED, OPTIONAL, seen):
            if item["chapter"] not in CHAPTERS:
                fail("chapter", f"has unknown chapter '{item['chapter']}'; use one of {', '.join(CHAPTERS)}")
            if not isinstance(item["rule"], dict) or item["rule"].get("kind") not in RULES:
                fail("rule", f"needs a rule of kind {', '.join(sorted(RULES))}")
            items.append(item)
    return items


def evaluate(rule: dict, tables: dict[str, pd.DataFrame]) -> Outcome:
    return RULES[rule["kind"]](rule, tables)


def evaluate_all(tables: dict[str, pd.DataFrame], items: list[dict] | None = None) -> pd.DataFrame:
    rows = []
    for item in items if items is not None else load_findings():
        out = evaluate(item["rule"], tables)
        rows.append({"id": item["id"], "chapter": item["chapter"], "measure": item["measure"],
                     "statement": item["statement"], "holds": out.holds, "text": out.text, "values": out.values,
                     "sources": ";".join(out.sources), "figure": item.get("figure", "")})
    return pd.DataFrame(rows)


def require(chapter: str, tables: dict[str, pd.DataFrame]) -> dict[str, Outcome]:
    """Every finding of `chapter`, evaluated; raises FindingFailed naming each one the data no longer support."""
    items = [f for f in load_findings() if f["chapter"] == chapter]
    outcomes = {f["id"]: evaluate(f["rule"], tables) for f in items}
    failed = [f"{i}: {o.text}" for i, o in outcomes.items() if not o.holds]
    if failed:
        raise FindingFailed(f"{len(failed)} finding(s) of '{chapter}' no longer hold; rewrite the sentence or the "
                            "finding:\n  " + "\n  ".join(failed))
    return outcomes


# ---- formatting: numbers shown at the precision the reader needs --------------------------------------------------

def fmt(value: float, unit: str) -> str:
    if unit == "pct":
        return f"{value:.0f} %" if abs(value) >= 10 else f"{value:.1f} %"
    if unit == "usd":
        return f"${value / 1e9:.1f} billion" if abs(value) >= 1e9 else f"${value / 1e6:.0f} million"
    if unit == "bcm":
        return f"{value:.1f} bcm"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:g}"


def _unit(indicator: str) -> str:
    if indicator.endswith("_pct"):
        return "pct"
    if indicator.endswith("_usd"):
        return "usd"
    if indicator.endswith("_bcm"):
        return "bcm"
    return "count"


def _missing(what: str) -> Outcome:
    return Outcome(False, f"no data: {what}")


# ---- rule kinds ----------------------------------------------------------------------------------------------------

def _change(rule, tables) -> Outcome:
    """One country's indicator between two years: rose, fell or stayed within `tolerance`. `expect`: up/down/flat."""
    ind, iso3, y0, y1 = rule["indicator"], rule["iso3"], rule["start"], rule["end"]
    a, b = an.row(tables["indicators"], iso3, ind, y0), an.row(tables["indicators"], iso3, ind, y1)
    if a is None or b is None:
        return _missing(f"{ind} for {iso3} in {y0 if a is None else y1}")
    diff = b["value"] - a["value"]
    tol = rule.get("tolerance", 0)
    direction = "flat" if abs(diff) <= tol else "up" if diff > 0 else "down"
    verb = {"up": "rose", "down": "fell", "flat": "was almost unchanged"}[direction]
    u = _unit(ind)
    values = {"start": fmt(a["value"], u), "end": fmt(b["value"], u), "start_year": str(y0), "end_year": str(y1),
              "verb": verb, "change": fmt(abs(diff), u) if u != "pct" else f"{abs(diff):.0f} points"}
    text = f"{verb} from {values['start']} in {y0} to {values['end']} in {y1}"
    return Outcome(direction == rule["expect"], text, values, an.sources_of(pd.DataFrame([a, b])))


def _lead(rule, tables) -> Outcome:
    """Indicator `ahead` above indicator `behind` for one country in every year listed (e.g. China's share of trade
    above Russia's). `expect: ahead` (default) or `expect: behind` for the reverse."""
    iso3, years = rule["iso3"], rule["years"]
    rows, leads = [], []
    for y in years:
        a, b = an.row(tables["indicators"], iso3, rule["ahead"], y), an.row(tables["indicators"], iso3, rule["behind"], y)
        if a is None or b is None:
            return _missing(f"{rule['ahead'] if a is None else rule['behind']} for {iso3} in {y}")
        rows += [a, b]
        leads.append(a["value"] > b["value"])
    want = rule.get("expect", "ahead") == "ahead"
    holds = all(lead == want for lead in leads)
    u = _unit(rule["ahead"])
    parts = [f"{fmt(rows[2 * i]['value'], u)} vs {fmt(rows[2 * i + 1]['value'], u)} in {y}" for i, y in enumerate(years)]
    values = {f"ahead_{y}": fmt(rows[2 * i]["value"], u) for i, y in enumerate(years)}
    values.update({f"behind_{y}": fmt(rows[2 * i + 1]["value"], u) for i, y in enumerate(years)})
    return Outcome(holds, "; ".join(parts), values, an.sources_of(pd.DataFrame(rows)))


def _in_year(rule, tables) -> pd.DataFrame | Outcome:
    """The rule's indicator in its year for every one of its countries, or a failed Outcome naming those missing."""
    ind, year = rule["indicator"], rule["year"]
    rows = tables["indicators"]
    rows = rows[(rows["indicator"] == ind) & (rows["year"] == year) & rows["iso3"].isin(rule["countries"])]
    if len(rows) < len(rule["countries"]):
        absent = sorted(set(rule["countries"]) - set(rows["iso3"]))
        return _missing(f"{ind} in {year} for {', '.join(absent)}")
    return rows


def _rank(rule, tables) -> Outcome:
    """Among `countries`, which has the highest (or `lowest`) value of an indicator in `year`. `expect`: the iso3."""
    ind, year = rule["indicator"], rule["year"]
    rows = _in_year(rule, tables)
    if isinstance(rows, Outcome):
        return rows
    ordered = rows.sort_values("value", ascending=rule.get("order", "highest") == "lowest")
    top, second = ordered.iloc[0], ordered.iloc[1]
    u = _unit(ind)
    values = {"top": top["iso3"], "top_value": fmt(top["value"], u), "second": second["iso3"],
              "second_value": fmt(second["value"], u), "n": str(len(rows))}
    text = f"{top['iso3']} {values['top_value']}, next {second['iso3']} {values['second_value']} ({len(rows)} countries, {year})"
    return Outcome(top["iso3"] == rule["expect"], text, values, an.sources_of(ordered.head(2)))


def _vote_count(rule, tables) -> Outcome:
    """How many of the cells (countries x resolutions) carry one of `votes`; holds if that count equals `expect`
    (a number, or 'all' / 'none'). All cells must be in the data."""
    v = tables["unga_votes"]
    cells = v[v["iso3"].isin(rule["countries"]) & v["resolution"].isin(rule["resolutions"])]
    total = len(rule["countries"]) * len(rule["resolutions"])
    if len(cells) < total:
        return _missing(f"{total - len(cells)} of {total} vote cells")
    n = int(cells["vote"].isin(rule["votes"]).sum())
    want = {"all": total, "none": 0}.get(rule["expect"], rule["expect"])
    values = {"n": str(n), "of": str(total)}
    return Outcome(n == want, f"{n} of {total} votes were {'/'.join(rule['votes'])}", values, an.sources_of(cells))


def _compare(rule, tables) -> Outcome:
    """Two countries (or two years) of one indicator: `a` higher than `b`. Each side is {iso3, year}."""
    ind = rule["indicator"]
    a, b = an.row(tables["indicators"], rule["a"]["iso3"], ind, rule["a"]["year"]), an.row(tables["indicators"], rule["b"]["iso3"], ind, rule["b"]["year"])
    if a is None or b is None:
        side = rule["a"] if a is None else rule["b"]
        return _missing(f"{ind} for {side['iso3']} in {side['year']}")
    u = _unit(ind)
    values = {"a": fmt(a["value"], u), "b": fmt(b["value"], u)}
    text = f"{rule['a']['iso3']} {values['a']} ({rule['a']['year']}) vs {rule['b']['iso3']} {values['b']} ({rule['b']['year']})"
    higher = a["value"] > b["value"]
    return Outcome(higher == (rule.get("expect", "higher") == "higher"), text, values,
                   an.sources_of(pd.DataFrame([a, b])))


def _all_countries(rule, tables) -> Outcome:
    """Every country in `countries` has the indicator above (`op: '>'`) or below (`op: '<'`) `threshold` in `year`."""
    ind, year = rule["indicator"], rule["year"]
    rows = _in_year(rule, tables)
    if isinstance(rows, Outcome):
        return rows
    ok = rows["value"] > rule["threshold"] if rule["op"] == ">" else rows["value"] < rule["threshold"]
    u = _unit(ind)
    values = {"n": str(int(ok.sum())), "of": str(len(rows)), "min": fmt(rows["value"].min(), u),
              "max": fmt(rows["value"].max(), u)}
    text = f"{int(ok.sum())} of {len(rows)} {rule['op']} {fmt(rule['threshold'], u)} in {year}"
    return Outcome(bool(ok.all()), text, values, an.sources_of(rows))


RULES = {"change": _change, "lead": _lead, "rank": _rank, "vote_count": _vote_count, "compare": _compare,
         "all_countries": _all_countries}


def glue_all(outcomes: dict[str, Outcome]) -> None:
    """Glue every finding for the chapter's prose: `{glue:text}`<id>`` is the computed phrase ("fell from 33 % in
    2021 to 24 % in 2024") and `{glue:text}`<id>.<name>`` each value (verb, start, end, n, top, ...)."""
    from myst_nb import glue

    for fid, out in outcomes.items():
        glue(fid, out.text, display=False)
        for name, value in out.values.items():
            glue(f"{fid}.{name}", value, display=False)
