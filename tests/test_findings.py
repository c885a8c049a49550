"""Findings are pinned to the data: every one holds today, and every one flips when one value changes."""

import copy

import pandas as pd
import pytest

from nearabroad import findings
from nearabroad.data import load_all

ITEMS = findings.load_findings()


@pytest.fixture(scope="module")
def tables():
    return load_all()


def _set_value(tables, iso3, indicator, year, value):
    ind = tables["indicators"]
    mask = (ind["iso3"] == iso3) & (ind["indicator"] == indicator) & (ind["year"] == year)
    assert mask.sum() == 1, f"no single row {iso3} {indicator} {year}"
    ind.loc[mask, "value"] = value


def _value(tables, iso3, indicator, year):
    ind = tables["indicators"]
    return float(ind.loc[(ind["iso3"] == iso3) & (ind["indicator"] == indicator) & (ind["year"] == year), "value"].iloc[0])


def perturb(rule: dict, tables: dict) -> None:
    """Change exactly one value so that the finding's rule must give the opposite answer."""
    kind = rule["kind"]
    if kind == "change":
        start = _value(tables, rule["iso3"], rule["indicator"], rule["start"])
        end = _value(tables, rule["iso3"], rule["indicator"], rule["end"])
        tol = rule.get("tolerance", 0)
        flipped = start + 10 * tol + 1 if rule["expect"] in ("down", "flat") else start - 10 * tol - 1
        _set_value(tables, rule["iso3"], rule["indicator"], rule["end"], max(flipped, 0) if end >= 0 else flipped)
    elif kind == "lead":
        y = rule["years"][0]
        behind = _value(tables, rule["iso3"], rule["behind"], y)
        ahead_new = behind - 0.5 if rule.get("expect", "ahead") == "ahead" else behind + 0.5
        _set_value(tables, rule["iso3"], rule["ahead"], y, ahead_new)
    elif kind == "rank":
        ind = tables["indicators"]
        rows = ind[(ind["indicator"] == rule["indicator"]) & (ind["year"] == rule["year"]) & ind["iso3"].isin(rule["countries"])]
        lowest = rule.get("order", "highest") == "lowest"
        new = rows["value"].max() + 1 if lowest else rows["value"].min() - 1
        _set_value(tables, rule["expect"], rule["indicator"], rule["year"], new)
    elif kind == "vote_count":
        v = tables["unga_votes"]
        cells = v[v["iso3"].isin(rule["countries"]) & v["resolution"].isin(rule["resolutions"])]
        i = cells.index[0]
        v.loc[i, "vote"] = "absent" if v.loc[i, "vote"] in rule["votes"] and "absent" not in rule["votes"] else (
            "yes" if v.loc[i, "vote"] in rule["votes"] else rule["votes"][0])
    elif kind == "compare":
        b = _value(tables, rule["b"]["iso3"], rule["indicator"], rule["b"]["year"])
        new = b - 0.5 if rule.get("expect", "higher") == "higher" else b + 0.5
        _set_value(tables, rule["a"]["iso3"], rule["indicator"], rule["a"]["year"], new)
    elif kind == "all_countries":
        first = rule["countries"][0]
        new = rule["threshold"] - 1 if rule["op"] == ">" else rule["threshold"] + 1
        _set_value(tables, first, rule["indicator"], rule["year"], new)
    else:
        raise AssertionError(f"no perturbation for rule kind {kind}")


@pytest.mark.parametrize("item", ITEMS, ids=[f["id"] for f in ITEMS])
def test_finding_holds_on_the_data(item, tables):
    out = findings.evaluate(item["rule"], tables)
    assert out.holds, f"{item['id']}: {out.text}"
    assert out.sources, f"{item['id']}: no sources"


@pytest.mark.parametrize("item", ITEMS, ids=[f["id"] for f in ITEMS])
def test_finding_flips_when_one_value_changes(item, tables):
    changed = copy.deepcopy(tables)
    perturb(item["rule"], changed)
    assert not findings.evaluate(item["rule"], changed).holds, item["id"]


def test_require_fails_loudly_when_a_finding_breaks(tables, monkeypatch):
    item = next(f for f in ITEMS if f["rule"]["kind"] == "change")
    changed = copy.deepcopy(tables)
    perturb(item["rule"], changed)
    monkeypatch.setattr(findings, "load_findings", lambda: [item])
    with pytest.raises(findings.FindingFailed, match=item["id"]):
        findings.require(item["chapter"], changed)


def test_missing_data_never_holds():
    empty = {"indicators": pd.DataFrame(columns=["iso3", "year", "indicator", "value", "source"])}
    rule = {"kind": "change", "indicator": "remittances_gdp_pct", "iso3": "KGZ", "start": 2021, "end": 2024,
            "expect": "down"}
    out = findings.evaluate(rule, empty)
    assert not out.holds and out.text.startswith("no data")


def test_every_finding_names_its_measure_and_chapter():
    for item in ITEMS:
        assert item["measure"].strip() and item["statement"].strip()
        assert item["chapter"] in findings.CHAPTERS
