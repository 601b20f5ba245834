"""Tests for crp_checker.tenders.clarify and .letters: what a clarification letter asks, how it
is recorded and rendered (HTML and DOCX), and re-submitted plans as new versions of a bid."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from databases import add_user
from docx import Document
from factories import (
    add_tender_bid,
    make_assessment,
    make_finding,
    make_tender,
    make_tender_plan,
)
from sqlalchemy.orm import Session

from crp_checker.schemas import Evidence, Finding, Outcome, Severity
from crp_checker.store import Role, User
from crp_checker.tenders import (
    InvalidTenderError,
    TenderError,
    TenderFinalisedError,
    add_version,
    bid_result,
    clarification_items,
    compare_versions,
    finalise,
    matrix_rows,
    moderate,
    send_clarification,
    tender_log,
    withdraw_bid,
)
from crp_checker.tenders.letters import build_letter, letter_docx, render_letter_html

QUESTION = "Were the current figures (p. 4) measured, or estimated?"


@pytest.fixture
def eve(session: Session) -> User:
    user = add_user(session, "eve@council.example", Role.EVALUATOR)
    user.name = "Eve Evaluator"
    return user


def _uncertain_plan_findings() -> list[Finding]:
    """make_assessment()'s findings plus an uncertain one with a quote and a question."""
    findings = list(make_assessment().findings)
    uncertain = make_finding(
        "reporting-period-recent",
        "current",
        Outcome.NEEDS_REVIEW,
        serves=["e"],
        evidence=[Evidence(page=4, quote="Reporting year: 2023")],
    ).model_copy(update={"question": QUESTION})
    return [*findings, uncertain]


def test_a_letter_lists_each_failed_or_uncertain_mandatory_requirement_with_quote_and_page(
    session: Session, eve: User
) -> None:
    tender = make_tender(session, eve)
    bid = add_tender_bid(
        session, tender, eve, "Acme Widgets Ltd", b"plan", findings=_uncertain_plan_findings()
    )
    items = {item["rule"]: item for item in clarification_items(bid_result(bid))}
    # Fails and needs-review of mandatory rules only: not the partial, pass or good practice.
    assert list(items) == [
        "net-zero-year",
        "current-emissions",
        "signatory",
        "reporting-period-recent",
    ]
    assert items["net-zero-year"]["quotes"][0]["page"] == 3
    assert items["net-zero-year"]["request"] == "Commit to net zero by 2050 at the latest."
    assert items["signatory"]["quotes"] == []  # nothing quoted: "not found in the plan"
    assert items["reporting-period-recent"]["request"] == f"Please answer: {QUESTION}"

    letter = send_clarification(
        session, bid, user=eve, sent_on="2025-09-03", reply_by=dt.date(2025, 9, 17)
    )
    words = build_letter(letter)
    assert (
        words.subject == "Clarification request: Grounds maintenance 2026 (reference SMBC-2026-014)"
    )
    assert (words.date, words.reply_by, words.signer) == (
        "3 September 2025",
        "17 September 2025",
        "Eve Evaluator",
    )
    by_title = {item.title: item for item in words.items}
    assert by_title["Net zero year"].quotes[0].startswith("p. 3: “We will reach net zero")
    assert by_title["Net zero year"].status == "Not met (PPN 006 ground a)"
    assert by_title["Signatory"].quotes == ["Not found in the plan."]
    assert by_title["Reporting period recent"].status.startswith("Could not be confirmed")
    assert by_title["Current emissions"].quotes == ["p. 4: “Scope 2: TBC”"]

    html = render_letter_html(letter)
    assert "<script" not in html and "Content-Security-Policy" in html
    assert "p. 3: “We will reach net zero &lt;script&gt;" in html  # the plan's text is escaped
    assert (
        "Not found in the plan." in html and "Please reply by:</strong> 17 September 2025" in html
    )
    assert QUESTION in html

    document = Document(io.BytesIO(letter_docx(letter)))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for item in words.items:
        assert f"{item.number}. {item.title}" in text
        assert all(quote in text for quote in item.quotes)
        assert item.request in text
    assert "Please reply by: 17 September 2025" in text
    assert document.core_properties.title == words.subject


def test_the_letter_is_kept_as_sent_and_logged(session: Session, eve: User) -> None:
    tender = make_tender(session, eve)
    bid = add_tender_bid(session, tender, eve, "Acme Widgets Ltd", b"plan")
    letter = send_clarification(session, bid, user=eve, reply_by="2099-01-01", sent_on="2098-06-01")
    asked = [item["rule"] for item in letter.items]
    moderate(session, bid, rule_id="net-zero-year", outcome="pass", reason="Answered", user=eve)
    assert [item["rule"] for item in letter.items] == asked  # the later moderation changes nothing
    events = [entry.event for entry in tender_log(tender)]
    assert events == ["Bid received", "Clarification letter", "Moderation"]
    letter.reply_by = dt.date(2099, 2, 1)
    with pytest.raises(ValueError, match="append-only"):
        session.flush()


@pytest.mark.parametrize(
    ("sent_on", "reply_by", "message"),
    [
        ("2025-09-10", "2025-09-01", "on or after the sending date"),
        ("2025-09-10", "2027-01-01", "within a year"),
        ("2025-09-10", "next week", "not a date"),
    ],
)
def test_a_letter_with_impossible_dates_is_refused(
    session: Session, eve: User, sent_on: str, reply_by: str, message: str
) -> None:
    tender = make_tender(session, eve)
    bid = add_tender_bid(session, tender, eve, "Acme Widgets Ltd", b"plan")
    with pytest.raises(InvalidTenderError, match=message):
        send_clarification(session, bid, user=eve, sent_on=sent_on, reply_by=reply_by)
    assert bid.clarifications == []


def test_no_letter_without_a_question_for_a_withdrawn_bid_or_after_finalising(
    session: Session, eve: User
) -> None:
    tender = make_tender(session, eve)
    passing = [make_finding("crp-identified", "document", Outcome.PASS, serves=["all"])]
    settled = add_tender_bid(session, tender, eve, "Good Ltd", b"good", findings=passing)
    with pytest.raises(InvalidTenderError, match="nothing to clarify"):
        send_clarification(session, settled, user=eve)
    gone = add_tender_bid(session, tender, eve, "Gone Ltd", b"gone")
    withdraw_bid(session, gone, user=eve, reason="Withdrew.")
    with pytest.raises(TenderError, match="withdrawn"):
        send_clarification(session, gone, user=eve)
    finalise(session, tender, user=eve)
    with pytest.raises(TenderFinalisedError):
        send_clarification(session, settled, user=eve)


def test_a_resubmitted_plan_is_the_next_version_compared_with_the_one_asked_about(
    session: Session, eve: User
) -> None:
    tender = make_tender(session, eve)
    bid = add_tender_bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    first_assessment = bid.assessment_id
    moderate(session, bid, rule_id="signatory", outcome="pass", reason="Signed", user=eve)
    letter = send_clarification(session, bid, user=eve, reply_by="2099-01-01", sent_on="2098-06-01")
    assert compare_versions(bid) is None

    fixed = [
        finding.model_copy(update={"outcome": Outcome.PASS})
        if finding.rule in ("net-zero-year", "current-emissions")
        else finding
        for finding in make_tender_plan(tender, b"x").findings
    ]
    revised = make_tender_plan(tender, b"plan two", findings=fixed)
    version = add_version(session, bid, data=b"plan two", assessment=revised, user=eve)
    assert (version.number, version.clarification) == (2, letter)
    assert bid.assessment_id != first_assessment and [v.number for v in bid.versions] == [1, 2]

    row = matrix_rows(tender)[0]
    assert (row.version, row.moderated) == (2, False)  # the first plan's moderation stays behind
    assert row.rules_to_review == ["signatory"]
    comparison = compare_versions(bid)
    assert comparison is not None
    assert comparison.changes.fixed == ["net-zero-year", "current-emissions"]
    assert "signatory" in comparison.changes.newly_failing  # moderated before, not now
    outcomes = {item["rule"]: now for item, now in comparison.answered}
    assert outcomes == {"net-zero-year": Outcome.PASS, "current-emissions": Outcome.PASS}
    assert comparison.score_after != comparison.score_before
    log = [(entry.event, entry.details) for entry in tender_log(tender)]
    assert log[-1][0] == "New plan version"
    assert "in reply to the letter sent 1 June 2098" in log[-1][1]


def test_a_withdrawn_bid_takes_no_new_version(session: Session, eve: User) -> None:
    tender = make_tender(session, eve)
    bid = add_tender_bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    withdraw_bid(session, bid, user=eve, reason="Withdrew.")
    revised = make_tender_plan(tender, b"plan two")
    with pytest.raises(TenderError, match="withdrawn"):
        add_version(session, bid, data=b"plan two", assessment=revised, user=eve)
    assert len(bid.versions) == 1


def test_only_mandatory_findings_are_asked_about(session: Session, eve: User) -> None:
    tender = make_tender(session, eve)
    findings = [
        make_finding("scope2-basis", "data", Outcome.FAIL, Severity.GOOD_PRACTICE),
        make_finding("net-zero-year", "commitment", Outcome.PARTIAL),
    ]
    bid = add_tender_bid(session, tender, eve, "Acme Widgets Ltd", b"plan", findings=findings)
    assert clarification_items(bid_result(bid)) == []
