"""Tests for crp_checker.tenders: tenders, bids, moderation, finalising and access, on both
database backends, with made-up assessments (the real plans are in test_tenders_real.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from databases import add_assessment, add_user
from factories import add_tender_bid, make_tender, make_tender_plan
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crp_checker.checking import CheckingService, InlineChecker
from crp_checker.schemas import Assessment, Outcome, Verdict
from crp_checker.store import (
    AssessmentRecord,
    Role,
    User,
    count_assessments_for,
    get_assessment_for,
    list_assessments_for,
    read_file,
)
from crp_checker.tenders import (
    BidSource,
    DuplicateBidderError,
    InvalidModerationError,
    InvalidTenderError,
    MarkingScale,
    Moderation,
    PendingGateError,
    Tender,
    TenderError,
    TenderFinalisedError,
    TenderStatus,
    add_bid,
    add_bid_from_stored,
    can_use_tenders,
    finalise,
    get_tender_for,
    list_tenders_for,
    matrix_rows,
    moderate,
    moderation_log,
    tender_buyer_settings,
    tender_settings,
    update_tender,
    withdraw_bid,
)


@pytest.fixture
def eve(session: Session) -> User:
    return add_user(session, "eve@council.example", Role.EVALUATOR)


_tender = make_tender
_plan = make_tender_plan


def _bid(session: Session, tender: Tender, user: User, bidder: str, content: bytes) -> Any:
    return add_tender_bid(session, tender, user, bidder, content)


def _settle(session: Session, bid: Any, user: User) -> None:
    """Moderate the made-up plan's two fails and its needs_review to pass."""
    for rule, before in (
        ("net-zero-year", "fail"),
        ("current-emissions", "fail"),
        ("signatory", "needs_review"),
    ):
        moderate(
            session, bid, rule_id=rule, outcome="pass", reason=f"{rule} was {before}", user=user
        )


def test_a_tender_keeps_only_the_overrides_and_judges_at_its_procurement_date(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve, title="  Grounds   maintenance 2026 ")
    assert tender.title == "Grounds maintenance 2026"
    assert (tender.status, tender.marking_scale) == (TenderStatus.DRAFT, MarkingScale.BANDS)
    assert tender.buyer_settings == {"max_data_age_months": 18}
    assert tender_buyer_settings(tender) == {
        "max_data_age_months": 18,
        "check_date": dt.date(2025, 9, 1),
    }
    settings = tender_settings(tender)
    assert (settings.check_date, settings.max_data_age_months) == (dt.date(2025, 9, 1), 18)
    assert settings.net_zero_deadline == 2050  # the default
    assert len(tender.public_id) == 32 and tender.created_by is eve


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "needs a title"),
        ("reference", "", "needs a reference"),
        ("procurement_date", "1 Sept", "not a date"),
        ("climate_weight_percent", 101, "between 0 and 100"),
        ("climate_weight_percent", "ten", "not a number"),
        ("marking_scale", "0-10", "must be 0-5 or 0-100"),
        ("buyer_settings", {"max_data_age_months": "soon"}, "max_data_age_months"),
        ("buyer_settings", {"colour": "green"}, "colour"),
        ("buyer_settings", {"check_date": "2025-01-01"}, "procurement date"),
    ],
)
def test_invalid_tender_fields_are_refused_with_a_reason(
    session: Session, eve: User, field: str, value: object, message: str
) -> None:
    with pytest.raises(InvalidTenderError, match=message) as caught:
        _tender(session, eve, **{field: value})
    assert caught.value.http_status == 422 and caught.value.hint


def test_settings_are_fixed_once_bids_exist_but_weight_and_scale_may_change(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    update_tender(session, tender, buyer_settings={"net_zero_deadline": 2045})
    assert tender.buyer_settings == {"net_zero_deadline": 2045}
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    with pytest.raises(TenderError, match="assessed with its current"):
        update_tender(session, tender, procurement_date="2025-10-01")
    _settle(session, bid, eve)
    assert matrix_rows(tender)[0].marks == 10.0  # band 5 of 5 at weight 10
    update_tender(session, tender, climate_weight_percent=20, marking_scale="0-100")
    assert matrix_rows(tender)[0].marks == pytest.approx(19.2)  # 20 x 96 / 100


def test_a_bid_stores_its_plan_like_any_check_but_not_for_the_bidder_to_see(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    record = bid.assessment_record
    assert read_file(record.file_sha256) == b"plan one"
    assert record.organisation_id is None and record.user is eve
    assert (bid.added_via, bid.tender) == (BidSource.UPLOAD, tender)
    assert record.check_date == dt.date(2025, 9, 1)
    with pytest.raises(DuplicateBidderError):
        _bid(session, tender, eve, "ACME widgets ltd", b"plan two")


def test_a_bids_copy_opens_for_staff_but_is_not_listed_as_a_check(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    record = _bid(
        session, tender, eve, "Listed Nowhere Ltd", b"plan listed nowhere"
    ).assessment_record
    assert get_assessment_for(session, eve, record.public_id) is record
    listed = list_assessments_for(session, eve, limit=500)
    assert record not in listed
    assert count_assessments_for(session, eve) == len(listed)


def test_a_plan_assessed_with_other_settings_is_refused(session: Session, eve: User) -> None:
    tender = _tender(session, eve)
    content = b"plan one"
    assessment = _plan(tender, content)
    assessment.settings.max_data_age_months = 12  # e.g. assessed with the defaults
    with pytest.raises(ValueError, match="other buyer settings"):
        add_bid(session, tender, bidder_name="Acme", data=content, assessment=assessment, user=eve)


def test_a_stored_check_is_reassessed_with_the_tenders_settings(
    session: Session, eve: User
) -> None:
    supplier = add_user(session, "sam@acme.example", organisation="Acme Widgets Ltd")
    stored = add_assessment(session, supplier, b"Our carbon reduction plan.")
    assert stored.check_date == dt.date(2025, 6, 1)
    tender = _tender(session, eve)
    calls: list[dict[str, Any]] = []

    class Recording(InlineChecker):
        def check(self, source: str | bytes, **options: Any) -> Assessment:
            calls.append(options)
            return super().check(source, **options)

    service = CheckingService(Recording())
    bid = add_bid_from_stored(session, tender, stored, user=eve, service=service)
    assert calls == [
        {
            "name": "plan.txt",
            "url": None,
            "max_data_age_months": 18,
            "check_date": dt.date(2025, 9, 1),
        }
    ]
    assert bid.bidder_name == "Acme Widgets Ltd" and bid.added_via is BidSource.STORED
    assert bid.organisation is supplier.organisation
    assert bid.assessment_record.id != stored.id
    assert bid.assessment_record.file_sha256 == stored.file_sha256
    assert bid.assessment_record.assessment.settings == tender_settings(tender)
    assert stored.check_date == dt.date(2025, 6, 1)  # the supplier's own check is untouched


def test_moderation_changes_the_marks_and_is_logged_with_its_reason(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    before = matrix_rows(tender)[0]
    assert (before.gate, before.marks, before.quality_score, before.moderated) == (
        False,
        0.0,
        55,
        False,
    )
    _settle(session, bid, eve)
    after = matrix_rows(tender)[0]
    assert (after.gate, after.verdict, after.quality_score, after.band, after.marks) == (
        True,
        Verdict.COMPLIANT_WITH_GAPS,
        96,
        5,
        10.0,
    )
    assert (after.moderated, after.moderation_count) == (True, 3)
    assert (after.original_verdict, after.original_score) == (Verdict.NON_COMPLIANT, 55)
    session.expire_all()
    log = moderation_log(session.get_one(Tender, tender.id))
    assert [(m.rule_id, m.outcome_before, m.outcome_after) for m in log] == [
        ("net-zero-year", Outcome.FAIL, Outcome.PASS),
        ("current-emissions", Outcome.FAIL, Outcome.PASS),
        ("signatory", Outcome.NEEDS_REVIEW, Outcome.PASS),
    ]
    assert log[0].reason == "net-zero-year was fail" and log[0].user.email == eve.email
    assert log[0].created_at.tzinfo is not None
    assert bid.assessment_record.assessment.verdict is Verdict.NON_COMPLIANT  # original kept


@pytest.mark.parametrize(
    ("rule", "outcome", "reason", "message"),
    [
        ("net-zero-year", "pass", "   ", "needs a reason"),
        ("net-zero-year", "pass", "", "needs a reason"),
        ("no-such-rule", "pass", "because", "no finding"),
        ("net-zero-year", "fail", "because", "already fail"),
        ("net-zero-year", "great", "because", "not an outcome"),
    ],
)
def test_a_moderation_without_reason_or_effect_is_refused(
    session: Session, eve: User, rule: str, outcome: str, reason: str, message: str
) -> None:
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    with pytest.raises(InvalidModerationError, match=message):
        moderate(session, bid, rule_id=rule, outcome=outcome, reason=reason, user=eve)
    assert bid.moderations == []


def test_the_database_refuses_a_blank_reason_and_the_log_refuses_edits(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    entry = moderate(
        session, bid, rule_id="net-zero-year", outcome="pass", reason="checked", user=eve
    )
    entry.reason = "rewritten later"
    with pytest.raises(ValueError, match="append-only"):
        session.flush()
    session.rollback()
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    session.add(
        Moderation(
            bid=bid,
            assessment_id=bid.assessment_id,
            rule_id="net-zero-year",
            outcome_before=Outcome.FAIL,
            outcome_after=Outcome.PASS,
            reason="  ",
            user=eve,
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_a_finalised_tender_refuses_every_change_and_keeps_its_matrix(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    for rule in ("net-zero-year", "current-emissions"):
        moderate(session, bid, rule_id=rule, outcome="pass", reason="ok", user=eve)
    with pytest.raises(PendingGateError, match="Acme Widgets Ltd"):
        finalise(session, tender, user=eve)  # signatory still needs review
    moderate(session, bid, rule_id="signatory", outcome="pass", reason="ok", user=eve)
    rows = matrix_rows(tender)
    finalise(session, tender, user=eve)
    session.commit()
    session.expire_all()
    tender = session.get_one(Tender, tender.id)
    assert tender.status is TenderStatus.FINALISED and tender.finalised_by == eve
    assert tender.finalised_at is not None and matrix_rows(tender) == rows
    bid = tender.bids[0]
    refusals: list[Callable[[], object]] = [
        lambda: update_tender(session, tender, title="New"),
        lambda: update_tender(session, tender, climate_weight_percent=50),
        lambda: _bid(session, tender, eve, "Beta Ltd", b"plan two"),
        lambda: moderate(
            session, bid, rule_id="scope2-basis", outcome="pass", reason="x", user=eve
        ),
        lambda: withdraw_bid(session, bid, user=eve, reason="late"),
        lambda: finalise(session, tender, user=eve),
    ]
    for refuse in refusals:
        with pytest.raises(TenderFinalisedError) as caught:
            refuse()
        assert caught.value.http_status == 409
        assert "finalised" in caught.value.message and "new tender" in caught.value.hint
    assert len(moderation_log(tender)) == 3 and tender.title == "Grounds maintenance 2026"


def test_a_withdrawn_bid_stays_in_the_matrix_marked_and_not_scored(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    first = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    moderate(session, first, rule_id="net-zero-year", outcome="pass", reason="ok", user=eve)
    withdraw_bid(session, first, user=eve, reason="The bidder withdrew by email.")
    second = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan two")  # name free again
    rows = matrix_rows(tender)
    assert [row.bid_public_id for row in rows] == [second.public_id, first.public_id]
    gone = rows[1]
    assert (gone.status, gone.withdrawn_reason) == ("withdrawn", "The bidder withdrew by email.")
    assert gone.withdrawn_by == eve.email and gone.withdrawn_at is not None
    assert (gone.band, gone.marks) == (None, None)  # not scored
    assert gone.moderation_count == 1 and gone.moderated
    assert rows[0].status == "active"
    assert [m.bid for m in moderation_log(tender)] == [first]
    with pytest.raises(InvalidModerationError, match="withdrawn"):
        moderate(session, first, rule_id="signatory", outcome="pass", reason="ok", user=eve)
    with pytest.raises(InvalidTenderError, match="already withdrawn"):
        withdraw_bid(session, first, user=eve, reason="again")


@pytest.mark.parametrize("reason", ["", "   ", "late\x07", "x" * 4001])
def test_withdrawing_needs_a_readable_reason(session: Session, eve: User, reason: str) -> None:
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    with pytest.raises(InvalidTenderError) as caught:
        withdraw_bid(session, bid, user=eve, reason=reason)
    assert caught.value.http_status == 422
    assert bid.withdrawn_at is None and matrix_rows(tender)[0].status == "active"


def test_a_withdrawn_bid_does_not_hold_up_finalising_and_stays_after_it(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    kept = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    _settle(session, kept, eve)
    pending = _bid(session, tender, eve, "Beta Ltd", b"plan two")
    for rule in ("net-zero-year", "current-emissions"):
        moderate(session, pending, rule_id=rule, outcome="pass", reason="ok", user=eve)
    assert matrix_rows(tender)[1].gate is None  # the signatory still needs review
    withdraw_bid(session, pending, user=eve, reason="Missed the deadline.")
    finalise(session, tender, user=eve)
    session.commit()
    session.expire_all()
    tender = session.get_one(Tender, tender.id)
    rows = {row.bidder: row for row in matrix_rows(tender)}
    assert (
        rows["Beta Ltd"].withdrawn and rows["Beta Ltd"].withdrawn_reason == "Missed the deadline."
    )
    assert rows["Beta Ltd"].gate is None and rows["Acme Widgets Ltd"].gate is True
    assert {row["bidder"] for row in tender.final_matrix or []} == {"Acme Widgets Ltd", "Beta Ltd"}


def test_a_tender_finalised_before_withdrawn_bids_were_kept_still_lists_them(
    session: Session, eve: User
) -> None:
    tender = _tender(session, eve)
    kept = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    _settle(session, kept, eve)
    gone = _bid(session, tender, eve, "Beta Ltd", b"plan two")
    withdraw_bid(session, gone, user=eve, reason="Withdrawn in 2025.")
    finalise(session, tender, user=eve)
    # As the code before issue 14 finalised: only active bids, without the newer keys.
    old = [row.to_json() for row in matrix_rows(tender) if not row.withdrawn]
    for row in old:
        for key in ("status", "withdrawn_reason", "withdrawn_at", "withdrawn_by", "version"):
            row.pop(key)
    tender.final_matrix = old
    session.flush()
    rows = matrix_rows(tender)
    assert [(r.bidder, r.status) for r in rows] == [
        ("Acme Widgets Ltd", "active"),
        ("Beta Ltd", "withdrawn"),
    ]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.SUPPLIER, False), (Role.CLIMATE, False), (Role.EVALUATOR, True), (Role.ADMIN, True)],
)
def test_only_evaluators_and_admins_see_tenders(
    session: Session, eve: User, role: Role, allowed: bool
) -> None:
    tender = _tender(session, eve)
    user = add_user(session, f"someone@{role.value}.example", role)
    assert can_use_tenders(user) is allowed
    assert (get_tender_for(session, user, tender.public_id) is tender) is allowed
    assert (list_tenders_for(session, user) == [tender]) is allowed
    if not allowed:
        with pytest.raises(ValueError, match="only evaluators"):
            _tender(session, user)


def test_a_disabled_evaluator_and_nobody_see_nothing(session: Session, eve: User) -> None:
    tender = _tender(session, eve)
    assert get_tender_for(session, None, tender.public_id) is None
    eve.disabled = True
    assert not can_use_tenders(eve) and list_tenders_for(session, eve) == []


def test_bids_point_at_ordinary_assessments(session: Session, eve: User) -> None:
    tender = _tender(session, eve)
    bid = _bid(session, tender, eve, "Acme Widgets Ltd", b"plan one")
    found = session.scalars(
        select(AssessmentRecord).where(AssessmentRecord.id == bid.assessment_id)
    ).one()
    assert found.public_id == matrix_rows(tender)[0].assessment_public_id
    count = session.execute(text("SELECT count(*) FROM bids")).scalar_one()
    assert count == 1
