"""Commitment misreadings as classes: whose net zero it is, how firm, and by what route.

Each class has several wordings and layouts, none copied from a plan: the supplier's own
pledge is kept apart from targets it only supports or quotes, terms it defines, milestones
for part of the business, and offsetting presented as the way to get there.
"""

from __future__ import annotations

import pytest
from documents import document, facts_of

from crp_checker.extract.attribution import offsets_main_route
from crp_checker.pipeline import assess_document
from crp_checker.schemas import BuyerSettings, Outcome


def _plan(*lines: str) -> str:
    return "\n".join(["Carbon Reduction Plan", *lines])


def _outcomes(*lines: str) -> dict[str, Outcome]:
    assessment = assess_document(document(_plan(*lines)), BuyerSettings())
    return {f.rule: f.outcome for f in assessment.findings}


@pytest.mark.parametrize(
    "sentence",
    [
        "We support the UK Government's target of net zero by 2050 and are playing our part.",
        "Fenwick Joinery supports the UK's transition to net zero by 2050.",
        "We are committed to supporting the national goal of Net Zero by 2050.",
        "Our business recognises the Government's commitment to reach net zero by 2050, and we "
        "will keep reducing our emissions.",
        "As a small firm we aim to play our part in helping the UK reach net zero by 2050.",
        "Pellow Cleaning contributes to the country's net-zero 2050 ambition.",
        "We are doing our bit towards the UK's legally binding 2050 net zero target.",
        "In line with the UK Government's target of net zero emissions by 2050, we will cut "
        "our fuel use every year.",
    ],
)
def test_supporting_an_outside_target_is_not_an_own_commitment(sentence: str) -> None:
    facts = facts_of(_plan("Commitment to achieving Net Zero", sentence))
    assert facts.net_zero_year is None
    assert facts.net_zero_strength != "commitment"
    assert facts.evidence.get("net_zero_outside")


def test_supporting_an_outside_target_fails_commitment_and_year_only() -> None:
    got = _outcomes("We support the UK's target of net zero by 2050.")
    assert got["net-zero-commitment"] is Outcome.FAIL
    assert got["net-zero-year"] is Outcome.FAIL
    assert got["net-zero-not-carbon-neutral"] is Outcome.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("We are committed to achieving net zero by 2040, ahead of the UK's 2050 target.", 2040),
        ("In line with the Government's target, Acme Ltd is committed to net zero by 2050.", 2050),
        ("We are committed to meeting the UK Government's target of net zero by 2050.", 2050),
        ("Ahead of the national 2050 deadline, we will reach net zero by 2045.", 2045),
        (
            "The construction sector has a net zero target of 2050. Acme Ltd will reach net zero "
            "by 2040.",
            2040,
        ),
        ("These projects support our commitment to reach net zero by 2042.", 2042),
    ],
)
def test_own_commitment_beside_an_outside_target_keeps_its_own_year(
    sentence: str, year: int
) -> None:
    facts = facts_of(_plan(sentence))
    assert (facts.net_zero_year, facts.net_zero_strength) == (year, "commitment")


@pytest.mark.parametrize(
    "sentence",
    [
        "In accordance with PPN 06/21, Corrie Haulage Ltd commits to net zero by 2040.",
        "Following PPN 006, we are committed to achieving net zero emissions by 2040.",
        "As required by Procurement Policy Note 06/21, Acme LLP is committed to net zero by 2040.",
    ],
)
def test_ppn_cited_in_the_commitment_does_not_hide_it(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert (facts.net_zero_year, facts.net_zero_strength) == (2040, "commitment")


def test_ppn_requirement_alone_is_not_a_commitment() -> None:
    facts = facts_of(_plan("PPN 06/21 requires suppliers to commit to net zero by 2050."))
    assert facts.net_zero_year is None


@pytest.mark.parametrize(
    "sentence",
    [
        "We aim to reach net zero by 2045.",
        "Our hope is that we will be able to reach net zero, and we hope to do so by 2045.",
        "The practice is working towards net zero by 2045.",
        "Our ambition is to be net zero by 2045.",
    ],
)
def test_aspirations_are_partial_with_their_year(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert (facts.net_zero_year, facts.net_zero_strength) == (2045, "aspiration")
    got = _outcomes(sentence)
    assert got["net-zero-commitment"] is Outcome.PARTIAL
    assert got["net-zero-year"] is Outcome.PASS


@pytest.mark.parametrize(
    "sentence",
    [
        "Rowan Studio will be a net zero practice by 2030.",
        "We're committed to reaching net zero by 2030.",
        "Hartley Surveys will be net-zero by 2030.",
        "Net Zero by 2030",
    ],
)
def test_firm_wordings_are_commitments(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert (facts.net_zero_year, facts.net_zero_strength) == (2030, "commitment")


@pytest.mark.parametrize(
    "text",
    [
        "We will become carbon neutral by 2028 by offsetting what remains.",
        "Our pledge: carbon neutral operations by 2028.|We will cut what we can control.",
        "Kestrel Print is committed to becoming climate neutral by 2028.",
    ],
)
def test_carbon_neutral_only(text: str) -> None:
    facts = facts_of(_plan(*text.split("|")))
    assert facts.carbon_neutral_only
    assert facts.net_zero_year is None
    got = _outcomes(*text.split("|"))
    assert got["net-zero-not-carbon-neutral"] is Outcome.FAIL


@pytest.mark.parametrize(
    "sentence",
    [
        "'Carbon neutral' is not the same thing as net zero.",
        "Net zero means cutting emissions first, rather than carbon neutral claims bought with "
        "credits.",
        "Unlike carbon neutrality, net zero requires deep cuts.",
    ],
)
def test_defined_terms_are_not_pledges(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert not facts.carbon_neutral_only
    assert facts.net_zero_strength is None


def test_net_zero_mixed_with_carbon_neutral_is_net_zero() -> None:
    lines = (
        "Marlow Print is committed to achieving net zero by 2045.",
        "Along the way we will be carbon neutral for our own operations by 2030.",
    )
    facts = facts_of(_plan(*lines))
    assert facts.net_zero_year == 2045 and not facts.carbon_neutral_only
    assert _outcomes(*lines)["net-zero-not-carbon-neutral"] is Outcome.PASS


@pytest.mark.parametrize(
    "lines",
    [
        (
            "We are committed to net zero by 2050.",
            "Our vans cannot yet go electric, so our route to net zero relies mainly on "
            "offsetting.",
        ),
        ("We will reach net zero by 2040 through offsetting.",),
        (
            "We are committed to net zero by 2040.",
            "We will get there by buying carbon credits for all our emissions.",
        ),
        ("Net zero by 2040 will be achieved primarily through verified carbon offsets.",),
    ],
)
def test_offsets_as_the_main_route_is_partial(lines: tuple[str, ...]) -> None:
    assert facts_of(_plan(*lines)).offsets_main_route
    assert _outcomes(*lines)["net-zero-not-carbon-neutral"] is Outcome.PARTIAL


@pytest.mark.parametrize(
    "lines",
    [
        (
            "We have committed to net zero by 2050 through energy efficiency, fleet "
            "transformation and offsetting initiatives.",
        ),
        ("We are committed to net zero by 2050.", "We will offset any residual emissions."),
        (
            "We are committed to net zero by 2040.",
            "We will not rely on offsetting to get there.",
        ),
        ("We will cut emissions by 90% by 2040 and offset the rest to reach net zero.",),
    ],
)
def test_offsets_for_the_residue_or_among_other_routes_is_net_zero(
    lines: tuple[str, ...],
) -> None:
    assert not facts_of(_plan(*lines)).offsets_main_route


@pytest.mark.parametrize(
    "lines",
    [
        ("Acme Ltd is committed to achieving net zero by 2035 for its Scope 1 and 2 emissions.",),
        (
            "Following PPN 06/21, Acme commits to net zero for its direct emissions (Scope 1 and "
            "Scope 2) by 2035.",
        ),
    ],
)
def test_scope_1_and_2_commitment_keeps_its_year(lines: tuple[str, ...]) -> None:
    facts = facts_of(_plan(*lines))
    assert (facts.net_zero_year, facts.net_zero_scope) == (2035, "scope12")


@pytest.mark.parametrize(
    "lines",
    [
        (
            "Interim milestone: net zero for Scope 1 and 2 by 2030.",
            "Acme Ltd is committed to net zero across all scopes by 2045.",
        ),
        ("We will be net zero for our fleet by 2030 and net zero across all scopes by 2045.",),
        (
            "Our offices will be net zero by 2030.",
            "We are committed to reaching net zero by 2045.",
        ),
        (
            "In line with the NHS net zero target of 2040 for its supply chain, we commit to "
            "net zero by 2045.",
        ),
    ],
)
def test_milestones_and_outside_years_are_not_the_commitment_year(
    lines: tuple[str, ...],
) -> None:
    assert facts_of(_plan(*lines)).net_zero_year == 2045


@pytest.mark.parametrize(
    "pages",
    [
        ("Acme Facilities Ltd is committed to achieving Net Zero\nemissions by 2045.",),
        (
            "Commitment | Acme Facilities Ltd is committed to achieving net zero emissions\n"
            "| by 2045, covering Scopes 1, 2 and 3.",
        ),
    ],
)
def test_commitment_split_across_lines(pages: tuple[str, ...]) -> None:
    facts = facts_of(_plan(*pages))
    assert (facts.net_zero_year, facts.net_zero_strength) == (2045, "commitment")


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Ltd supports the Paris Agreement and is committed to achieving net zero by 2045.",
        "We support the Government's net zero target and have committed to reaching net zero "
        "by 2045.",
        "We are committed to supporting the UK Government's goal of reaching net zero by 2050, "
        "and have set ourselves a target of net zero by 2045.",
        "Following the UK Government's net zero 2050 target, we have set ourselves the target "
        "of net zero by 2045.",
        "Our net zero target year is 2045.",
    ],
)
def test_own_commitment_after_backing_an_outside_goal(sentence: str) -> None:
    facts = facts_of(_plan(sentence))
    assert (facts.net_zero_year, facts.net_zero_strength) == (2045, "commitment")


def test_dated_net_zero_without_a_pledge_verb_needs_a_person() -> None:
    sentence = "We will play our part in achieving net zero by 2040."
    facts = facts_of(_plan(sentence))
    assert (facts.net_zero_year, facts.net_zero_strength) == (2040, None)
    assessment = assess_document(document(_plan(sentence)), BuyerSettings())
    finding = next(f for f in assessment.findings if f.rule == "net-zero-commitment")
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question is not None and finding.question.endswith("?")
    assert "2040" in finding.question


def test_support_message_quotes_the_outside_target() -> None:
    sentence = "We support the UK's target of net zero by 2050."
    assessment = assess_document(document(_plan(sentence)), BuyerSettings())
    finding = next(f for f in assessment.findings if f.rule == "net-zero-commitment")
    assert "supports an outside net zero target" in finding.message
    assert finding.evidence and "2050" in finding.evidence[0].quote


@pytest.mark.parametrize(
    ("sentence", "main_route"),
    [
        ("We will get there by cutting emissions, not by buying offsets.", False),
        ("Only emissions we cannot remove by then will be balanced by certified offsets.", False),
        ("We will reach net zero by buying offsets.", True),
        ("We will get there not through cuts but by buying offsets.", True),
    ],
)
def test_offsets_refused_as_the_route_are_not_the_main_route(
    sentence: str, main_route: bool
) -> None:
    start = sentence.find("offset")
    assert offsets_main_route(sentence, [start]) is main_route
