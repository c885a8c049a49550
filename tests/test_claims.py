"""The claim rules are pinned: change one value of a small fixture and the verdict changes; judgements need evidence."""

import pandas as pd
import pytest

from nearabroad import claims
from nearabroad.claims import NOT_SUPPORTED, PARTLY, SUPPORTED, UNTESTABLE
from nearabroad.errors import DataError


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
    memberships = pd.DataFrame({"iso3": ["ARM", "ARM"], "organisation": ["CSTO", "CSTO"], "status": ["member", "frozen"],
                                "start": ["2002-10-07", "2024-02-22"], "end": ["2024-02-22", ""], "source": ["m0", "m1"]})
    return {"indicators": indicators, "unga_votes": votes, "events": events, "memberships": memberships}


def claim(rule=None, **extra):
    base = {"id": "t", "basis": "data", "rule": rule, "evidence": []}
    base.update(extra)
    return base


RISE = {"kind": "value_change", "indicator": "gallup_russia_disapproval_pct", "iso3": "KAZ", "start": 2021,
        "end": 2022, "direction": "up", "min_change": 20}


@pytest.mark.parametrize("value, verdict", [(50.0, SUPPORTED), (30.0, PARTLY), (15.0, NOT_SUPPORTED)])
def test_value_change_follows_the_data(value, verdict):
    result = claims.evaluate(claim(RISE), tables(disapproval_2022=value))
    assert result.verdict == verdict
    assert result.sources == ["g21", "g22"]


def test_missing_year_is_untestable_not_a_guess():
    result = claims.evaluate(claim(dict(RISE, end=2023)), tables())
    assert result.verdict == UNTESTABLE
    assert "2023" in result.evidence


@pytest.mark.parametrize("vote, verdict", [("abstain", SUPPORTED), ("no", PARTLY)])
def test_votes_rule(vote, verdict):
    rule = {"kind": "votes", "countries": ["KAZ"], "resolutions": ["A/RES/ES-11/1", "A/RES/ES-11/4"],
            "expect": ["abstain", "absent"]}
    assert claims.evaluate(claim(rule), tables(kaz_vote=vote)).verdict == verdict


def test_votes_rule_not_supported_when_most_votes_differ():
    rule = {"kind": "votes", "countries": ["KAZ", "GEO"], "resolutions": ["A/RES/ES-11/1"], "expect": ["no"]}
    assert claims.evaluate(claim(rule), tables()).verdict == NOT_SUPPORTED


def test_votes_rule_is_untestable_when_most_cells_are_missing():
    rule = {"kind": "votes", "countries": ["KAZ", "GEO", "UZB"], "resolutions": ["A/RES/ES-11/4"], "expect": ["abstain"]}
    assert claims.evaluate(claim(rule), tables()).verdict == UNTESTABLE


def test_value_compare_threshold():
    rule = {"kind": "value_compare", "indicator": "gallup_russia_disapproval_pct", "iso3": "KAZ", "year": 2022,
            "op": ">=", "threshold": 45}
    assert claims.evaluate(claim(rule), tables()).verdict == SUPPORTED
    assert claims.evaluate(claim(rule), tables(disapproval_2022=44.0)).verdict == NOT_SUPPORTED


def test_membership_is_the_status_in_force_on_the_date():
    rule = {"kind": "membership", "iso3": "ARM", "organisation": "CSTO", "status": "member", "on": "2023-11-03"}
    assert claims.evaluate(claim(rule), tables()).verdict == SUPPORTED
    assert claims.evaluate(claim(dict(rule, on="2024-06-01")), tables()).verdict == NOT_SUPPORTED


def test_judgement_keeps_its_verdict_but_needs_its_evidence_rows():
    judged = claim(basis="judgement", verdict=PARTLY, rationale="A proposal, not a law.",
                   evidence=[{"table": "events", "date": "2023-06-19", "iso3": "MDA"}])
    assert claims.evaluate(judged, tables()).verdict == PARTLY
    assert claims.evaluate(judged, tables()).sources == ["e1"]
    judged["evidence"] = [{"table": "events", "date": "2023-06-20", "iso3": "MDA"}]
    with pytest.raises(KeyError, match="not in the data"):
        claims.evaluate(judged, tables())


def test_project_claims_file_is_valid_and_every_claim_evaluates():
    from nearabroad import countries, data

    all_claims = claims.load_claims()
    tabs = data.load_all()
    results = claims.evaluate_all(all_claims, tabs, lambda iso3: countries.thesis_verdict(tabs, iso3))
    assert set(results["verdict"]) <= set(claims.VERDICTS)
    assert (results["id"] == "all-central-thesis").sum() == 1
    # keyword matching is gone: no event-only claim is scored by a rule
    assert all(c["basis"] != "data" or c["rule"]["kind"] in claims.RULES for c in all_claims)


def test_claims_file_errors(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_text("- {id: a, region: mars, countries: [KAZ], claim: x, headline: true, family: trade, basis: data, "
                    "evidence: [], rationale: r, rule: {kind: votes}}\n")
    with pytest.raises(DataError, match=r"claims.yml, line 1, column 'region': claim 'a' has unknown region 'mars'"):
        claims.load_claims(path)
    path.write_text("- {id: a, region: all, countries: [KAZ], claim: x, headline: true, family: trade, "
                    "basis: judgement, evidence: [], rationale: r}\n")
    with pytest.raises(DataError, match="line 1, column 'verdict': claim 'a' is a judgement and needs a verdict"):
        claims.load_claims(path)
