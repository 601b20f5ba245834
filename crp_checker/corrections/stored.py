"""Corrections of stored assessments: who may correct which, saving them, judging again.

A bid's plan is corrected by evaluators (and admins) while its tender is a draft; a register
check by the climate team; a supplier's own check by that supplier, marked as the supplier's
statement. The stored record keeps the checker's own assessment in `checked_data`; `data`
becomes the assessment judged on every correction of the record, in order, so every door
(report, matrix, exports, register) shows the corrected result. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.corrections import (
    Correction,
    OutcomeSet,
    apply_corrections,
    fact_kind,
    judge_again,
    set_outcomes,
)
from crp_checker.errors import CRPError
from crp_checker.readings import fact_name
from crp_checker.schemas import Assessment, Outcome
from crp_checker.store.correction_models import FactCorrection
from crp_checker.store.models import AssessmentRecord, Role, User, utcnow
from crp_checker.store.supplier_models import SupplierAssessment
from crp_checker.store.tender_models import Bid, BidVersion, Tender
from crp_checker.tenders.errors import TenderFinalisedError
from crp_checker.tenders.service import require_draft

# The pseudo-fact of a row that sets `question_rule`'s outcome by hand (not a fact of the plan).
OUTCOME = "outcome"


class CorrectionForbiddenError(CRPError):
    """The user may see the assessment but not correct it."""

    code = "correction_forbidden"
    http_status = 403
    default_hint = (
        "Evaluators correct their tenders' bids, the climate team the register's checks, and "
        "a supplier its own organisation's checks."
    )


@dataclass(frozen=True)
class Permission:
    """Who corrects what: the tender of a bid's plan (locked until the end of the request)
    and whether the correction is the supplier's own statement."""

    tender: Tender | None
    supplier_statement: bool


def tender_of(session: Session, record: AssessmentRecord) -> Tender | None:
    """The tender whose bid this assessment is a plan version of, or None."""
    statement = (
        select(Tender)
        .join(Bid, Bid.tender_id == Tender.id)
        .join(BidVersion, BidVersion.bid_id == Bid.id)
        .where(BidVersion.assessment_id == record.id)
        .limit(1)
    )
    return session.scalars(statement).first()


def on_register(session: Session, record: AssessmentRecord) -> bool:
    """Whether the assessment is linked to a supplier of the register."""
    statement = select(SupplierAssessment.id).where(SupplierAssessment.assessment_id == record.id)
    return session.scalars(statement).first() is not None


def permission(
    session: Session, user: User, record: AssessmentRecord, *, lock: bool = True
) -> Permission:
    """May `user` correct `record`? Raises CorrectionForbiddenError, or TenderFinalisedError
    (409) for a bid of a finalised tender, which no one may correct. With `lock`, a bid's
    tender row is held until the transaction ends, so it cannot be finalised meanwhile."""
    tender = tender_of(session, record)
    if user.disabled:
        raise CorrectionForbiddenError("This account is disabled.")
    if tender is not None:
        if user.role not in (Role.EVALUATOR, Role.ADMIN):
            raise CorrectionForbiddenError("Only evaluators correct the facts of a tender's bid.")
        if lock:
            require_draft(session, tender)
        elif tender.finalised:
            raise TenderFinalisedError(
                f"Tender {tender.reference} was finalised on {tender.finalised_at:%d %B %Y}: "
                "the facts of its bids can no longer be corrected."
            )
        return Permission(tender, supplier_statement=False)
    if user.role is Role.ADMIN:
        return Permission(None, supplier_statement=False)
    if user.role is Role.CLIMATE and on_register(session, record):
        return Permission(None, supplier_statement=False)
    if user.role is Role.SUPPLIER and record.organisation_id == user.organisation_id:
        return Permission(None, supplier_statement=True)
    raise CorrectionForbiddenError("You may not correct the facts of this assessment.")


def correction_state(
    session: Session, user: User | None, record: AssessmentRecord
) -> tuple[bool, str | None]:
    """Whether a page offers `user` the correction form for `record`, and a note to show:
    why corrections are closed (a finalised tender), or that they are the supplier's own."""
    if user is None:
        return False, None
    try:
        allowed = permission(session, user, record, lock=False)
    except TenderFinalisedError as error:
        return False, error.message
    except CRPError:
        return False, None
    if allowed.supplier_statement:
        return (
            True,
            "Your corrections are shown to evaluators as your organisation's own statement.",
        )
    return True, None


def corrections_of(session: Session, record: AssessmentRecord) -> list[FactCorrection]:
    """The record's corrections, oldest first."""
    statement = (
        select(FactCorrection)
        .where(FactCorrection.assessment_id == record.id)
        .order_by(FactCorrection.id)
    )
    return list(session.scalars(statement))


def as_correction(row: FactCorrection) -> Correction:
    """A stored correction as the library's model (its value was checked when it was made)."""
    return Correction.model_construct(
        fact=row.fact,
        value=row.value.get("value"),
        page=row.page,
        quote=row.quote,
        reason=row.reason,
    )


def checked_assessment(record: AssessmentRecord) -> Assessment:
    """The checker's own assessment of the record, before any correction."""
    return Assessment.model_validate(record.checked_data or record.data)


def _who(row: FactCorrection) -> str | None:
    return row.user.email if row.user is not None else None


def corrected_assessment(
    checked: Assessment, rows: Sequence[FactCorrection]
) -> tuple[Assessment, list[str]]:
    """`checked` judged again on its corrections (outcomes set by hand last), and a warning
    for each that no longer names a fact (the checker's facts changed since it was made)."""
    facts = checked.facts
    dropped: list[str] = []
    outcomes: list[OutcomeSet] = []
    for row in rows:
        if row.fact == OUTCOME and row.question_rule:
            outcomes.append(
                OutcomeSet(row.question_rule, Outcome(row.value["value"]), row.reason, _who(row))
            )
            continue
        if fact_kind(row.fact) is None:
            dropped.append(
                f"A correction of {fact_name(row.fact)} ({row.reason}) could not be applied "
                "again: the checker no longer has that fact."
            )
            continue
        facts = apply_corrections(
            facts,
            [as_correction(row)],
            by=_who(row),
            at=row.created_at,
            supplier_statement=row.supplier_statement,
        )
    judged = judge_again(checked, facts)
    known = {finding.rule for finding in judged.findings}
    for setting in outcomes:
        if setting.rule not in known:
            dropped.append(
                f"The outcome set for {setting.rule} ({setting.reason}) could not be applied "
                "again: the rulebook no longer has that rule."
            )
    if outcomes:
        judged = set_outcomes(judged, [o for o in outcomes if o.rule in known])
    if dropped:
        judged = judged.model_copy(update={"warnings": [*judged.warnings, *dropped]})
    return judged, dropped


def _store(record: AssessmentRecord, assessment: Assessment) -> None:
    """Write the judged assessment and its indexed columns into the record."""
    record.data = assessment.model_dump(mode="json")
    record.verdict = assessment.verdict
    record.score = assessment.score
    record.maturity = assessment.maturity
    record.net_zero_year = assessment.facts.net_zero_year
    record.is_crp = assessment.facts.is_crp
    record.rulebook_version = assessment.rulebook_version
    record.tool_version = assessment.tool_version


def correct(
    session: Session,
    record: AssessmentRecord,
    corrections: Sequence[Correction],
    user: User,
    *,
    question_rule: str | None = None,
) -> Assessment:
    """Save `corrections` of `record` made by `user` and judge the plan again; the new
    assessment. Refused (see `permission`) before anything is written."""
    allowed = permission(session, user, record)
    if not corrections:
        raise CRPError("There is nothing to correct: give at least one correction.")
    checked = checked_assessment(record)
    now = utcnow()
    for item in corrections:
        session.add(
            FactCorrection(
                assessment_id=record.id,
                fact=item.fact,
                value={"value": item.value},
                page=item.page,
                quote=item.quote,
                reason=item.reason.strip(),
                supplier_statement=allowed.supplier_statement,
                question_rule=question_rule,
                user_id=user.id,
                created_at=now,
            )
        )
    return _rejudge(session, record, checked)


def _rejudge(session: Session, record: AssessmentRecord, checked: Assessment) -> Assessment:
    """Judge the checker's own assessment again under every correction stored for the record,
    keep the original once, and store the result in the record's place."""
    session.flush()
    judged, _ = corrected_assessment(checked, corrections_of(session, record))
    if record.checked_data is None:
        record.checked_data = checked.model_dump(mode="json")
    _store(record, judged)
    session.flush()
    return judged


def set_outcome(
    session: Session, record: AssessmentRecord, rule: str, outcome: str, reason: str, user: User
) -> Assessment:
    """Set one finding's outcome by hand, with a reason, and score the plan again (a register
    or supplier check; a tender's bids are moderated instead, so their log keeps it)."""
    allowed = permission(session, user, record)
    if allowed.tender is not None:
        raise CorrectionForbiddenError(
            "A bid's outcome is set by moderating it on the bid's page.",
            hint="Open the bid and change the finding's outcome there, with a reason.",
        )
    try:
        chosen = Outcome(outcome)
    except ValueError:
        raise CRPError(
            f"{outcome!r} is not an outcome.", hint="Choose pass, partial or fail."
        ) from None
    if chosen is Outcome.NEEDS_REVIEW:
        raise CRPError(
            "An answer settles the question: choose pass, partial, fail or not applicable."
        )
    if not reason.strip():
        raise CRPError("Setting an outcome needs a reason.", hint="Say why, for the record.")
    checked = checked_assessment(record)
    if rule not in {finding.rule for finding in checked.findings}:
        raise CRPError(f"The assessment has no finding {rule!r}.")
    session.add(
        FactCorrection(
            assessment_id=record.id,
            fact=OUTCOME,
            value={"value": chosen.value},
            quote="",
            reason=reason.strip(),
            supplier_statement=allowed.supplier_statement,
            question_rule=rule,
            user_id=user.id,
            created_at=utcnow(),
        )
    )
    return _rejudge(session, record, checked)


def carry_over(session: Session, original: AssessmentRecord, new: AssessmentRecord) -> list[str]:
    """Apply the corrections of a plan's earlier assessments to its re-assessment `new`
    (copied to it, with their authors and times); the warnings for those that no longer apply."""
    later = select(AssessmentRecord.id).where(
        AssessmentRecord.reassessed_from_id == original.id, AssessmentRecord.id != new.id
    )
    earlier = [original.id, *session.scalars(later)]
    rows = list(
        session.scalars(
            select(FactCorrection)
            .where(FactCorrection.assessment_id.in_(earlier))
            .order_by(FactCorrection.created_at, FactCorrection.id)
        )
    )
    latest: dict[str, FactCorrection] = {}
    for row in rows:  # each fact (and rule's outcome) once: its latest, on whichever assessment
        key = f"{row.fact}:{row.question_rule}" if row.fact == OUTCOME else row.fact
        latest.pop(key, None)
        latest[key] = row
    if not latest:
        return []
    for row in latest.values():
        session.add(
            FactCorrection(
                assessment_id=new.id,
                fact=row.fact,
                value=row.value,
                page=row.page,
                quote=row.quote,
                reason=row.reason,
                supplier_statement=row.supplier_statement,
                question_rule=row.question_rule,
                user_id=row.user_id,
                created_at=row.created_at,
            )
        )
    session.flush()
    checked = checked_assessment(new)
    judged, dropped = corrected_assessment(checked, corrections_of(session, new))
    new.checked_data = checked.model_dump(mode="json")
    _store(new, judged)
    session.flush()
    return dropped
