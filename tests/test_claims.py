"""The claim rules are pinned: change one value of a small fixture and the verdict changes."""

import pandas as pd
import pytest

from nearabroad import claims
from nearabroad.claims import CONTRADICTED, PARTLY, SUPPORTED, UNTESTABLE


def tables(disapproval_2022=50.0, kaz_vote="abstain"):
    indicators = pd.DataFrame({
        "iso3": ["KAZ", "KAZ", "KAZ"], "year": [2021, 2022, 2024],
        "indicator": ["gallup_russia_disapproval_pct"] * 3, "value": [20.0, disapproval_2022, 40.0],
        "source": ["g21", "g22", "g24"], "note": [""] * 3})
    votes = pd.DataFrame({"resolution": ["A/RES/ES-11/1", "A/RES/ES-11/1", "A/RES/ES-11/4"],
                          "date": pd.to_datetime(["2022-03-02", "2022-03-02", "2022-10-12"]),
                          "iso3": ["KAZ", "GEO", "KAZ"], "vote": [kaz_vote, "yes", "abstain"], "source": ["v1", "v1", "v4"]})
    events = pd.DataFrame({"date": pd.to_datetime(["2023-06-19"]), "iso3": ["MDA"], "category": ["domestic"],
                           "summary": ["Court outlawed the Shor party."], "source": ["e1"]})
    memberships = pd.DataFrame({"iso3": ["ARM"], "organisation": ["CSTO"], "status": ["frozen"], "start": ["2024-02-22"],
                                "end": [""], "source": ["m1"]})
    return {"indicators": indicators, "unga_votes": votes, "events": events, "memberships": memberships}


RISE = {"kind": "value_change", "indicator": "gallup_russia_disapproval_pct", "iso3": "KAZ", "start": 2021,
        "end": 2022, "direction": "up", "min_change": 20}


@pytest.mark.parametrize("value, verdict", [(50.0, SUPPORTED), (30.0, PARTLY), (15.0, CONTRADICTED)])
def test_value_change_follows_the_data(value, verdict):
    result = claims.evaluate({"rule": RISE}, tables(disapproval_2022=value))
    assert result.verdict == verdict
    assert result.sources == ["g21", "g22"]


def test_missing_year_is_untestable_not_a_guess():
    rule = dict(RISE, end=2023)
    result = claims.evaluate({"rule": rule}, tables())
    assert result.verdict == UNTESTABLE
    assert "2023" in result.evidence


@pytest.mark.parametrize("vote, verdict", [("abstain", SUPPORTED), ("no", PARTLY)])
def test_votes_rule(vote, verdict):
    rule = {"kind": "votes", "countries": ["KAZ"], "resolutions": ["A/RES/ES-11/1", "A/RES/ES-11/4"],
            "expect": ["abstain", "absent"]}
    assert claims.evaluate({"rule": rule}, tables(kaz_vote=vote)).verdict == verdict


def test_votes_rule_contradicted_when_most_votes_differ():
    rule = {"kind": "votes", "countries": ["KAZ", "GEO"], "resolutions": ["A/RES/ES-11/1"], "expect": ["no"]}
    assert claims.evaluate({"rule": rule}, tables()).verdict == CONTRADICTED


def test_value_compare_threshold():
    rule = {"kind": "value_compare", "indicator": "gallup_russia_disapproval_pct", "iso3": "KAZ", "year": 2022,
            "op": ">=", "threshold": 45}
    assert claims.evaluate({"rule": rule}, tables()).verdict == SUPPORTED
    assert claims.evaluate({"rule": rule}, tables(disapproval_2022=44.0)).verdict == CONTRADICTED


def test_event_and_membership_rules():
    event = {"kind": "event", "iso3": "MDA", "after": "2023-01-01", "contains": "shor"}
    assert claims.evaluate({"rule": event}, tables()).verdict == SUPPORTED
    assert claims.evaluate({"rule": dict(event, before="2023-05-01")}, tables()).verdict == UNTESTABLE
    member = {"kind": "membership", "iso3": "ARM", "organisation": "CSTO", "status": "frozen"}
    assert claims.evaluate({"rule": member}, tables()).verdict == SUPPORTED
    assert claims.evaluate({"rule": dict(member, status="withdrawn")}, tables()).verdict == UNTESTABLE


def test_after_article_trend():
    claim = {"after": {"indicator": "gallup_russia_disapproval_pct", "iso3": "KAZ"}}
    assert claims.after_article(claim, tables()) == "fell: 50 (2022) → 40 (2024)"


def test_project_claims_file_is_valid_and_every_claim_evaluates():
    from nearabroad import data

    all_claims = claims.load_claims()
    assert len(all_claims) >= 20
    results = claims.evaluate_all(all_claims, data.load_all())
    assert set(results["verdict"]) <= set(claims.VERDICTS)


def test_claims_file_errors(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_text("- {id: a, region: mars, countries: [KAZ], claim: x, family: trade, evidence: f, rule: {kind: untestable, reason: r}}\n")
    with pytest.raises(ValueError, match="unknown region mars"):
        claims.load_claims(path)
