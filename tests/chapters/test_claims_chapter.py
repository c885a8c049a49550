"""The claims chapter: every claim becomes a card with a verdict in words, its evidence rows and rationale."""

from nearabroad import claims as cl
from nearabroad.chapters import claims as chapter
from nearabroad.data import load_all


def test_every_claim_has_a_card_with_verdict_in_words_and_evidence():
    tables = load_all()
    html = "".join(chapter.cards(tables, region).data for region in chapter.REGION_ORDER)
    for claim in cl.load_claims():
        assert f'id="claim-{claim["id"]}"' in html
    assert html.count('class="verdict"') == len(cl.load_claims())


def test_headline_counts_exclude_background_facts():
    facts = chapter.facts(load_all())
    counted = sum(int(facts["headline_" + v.replace(" ", "_")]) for v in cl.VERDICTS)
    assert counted == int(facts["n_headline"])
    assert int(facts["n_headline"]) + int(facts["n_trivia"]) == int(facts["n_claims"])
