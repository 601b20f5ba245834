"""Saved assessments and who may see them: suppliers their own organisation's, staff all.

A supplier asking for another organisation's assessment gets None, exactly as for an id that
does not exist, so the web app answers 404 either way and ids reveal nothing.
"""

from __future__ import annotations

from sqlalchemy import Select, case, exists, false, func, select
from sqlalchemy.orm import Session, undefer

from crp_checker.schemas import Assessment, Verdict
from crp_checker.store.files import store_file
from crp_checker.store.models import (
    AssessmentRecord,
    Organisation,
    Role,
    StoredFile,
    User,
    utcnow,
)
from crp_checker.store.supplier_models import SupplierAssessment
from crp_checker.store.tender_models import BidVersion

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def save_check(
    session: Session,
    data: bytes,
    assessment: Assessment,
    *,
    user: User | None,
    organisation: Organisation | None = None,
    source_url: str | None = None,
) -> AssessmentRecord:
    """Keep a signed-in user's check: the plan's bytes, then its assessment (one call)."""
    stored = store_file(session, data, assessment.source.name, assessment.source.kind)
    return save_assessment(
        session,
        assessment,
        file=stored,
        user=user,
        organisation=organisation,
        source_url=source_url,
    )


def save_assessment(
    session: Session,
    assessment: Assessment,
    *,
    file: StoredFile,
    user: User | None,
    organisation: Organisation | None = None,
    source_url: str | None = None,
    reassessed_from: AssessmentRecord | None = None,
) -> AssessmentRecord:
    """Store an assessment of `file` made by `user` (a supplier's always goes to their
    organisation). `source_url` is the `url` given to assess(), for re-running it later."""
    if file.sha256 != assessment.source.sha256:
        raise ValueError("the assessment was not made from this file")
    if user is not None and user.role is Role.SUPPLIER:
        if organisation is not None and organisation.id != user.organisation_id:
            raise ValueError("a supplier's assessment belongs to their own organisation")
        organisation = user.organisation
    now = utcnow()
    record = AssessmentRecord(
        organisation=organisation,
        user=user,
        file=file,
        source_name=assessment.source.name[:500],
        source_url=source_url or assessment.source.url or assessment.facts.url,
        verdict=assessment.verdict,
        score=assessment.score,
        maturity=assessment.maturity,
        net_zero_year=assessment.facts.net_zero_year,
        is_crp=assessment.facts.is_crp,
        rulebook_version=assessment.rulebook_version,
        tool_version=assessment.tool_version,
        check_date=assessment.settings.check_date,
        data=assessment.model_dump(mode="json"),
        created_at=now,
        submitted_at=now if reassessed_from is None else reassessed_from.submitted_at,
        reassessed_from_id=None if reassessed_from is None else reassessed_from.id,
    )
    session.add(record)
    session.flush()
    return record


def _visible_to(user: User) -> Select[AssessmentRecord]:
    statement = select(AssessmentRecord)
    if user.disabled:
        return statement.where(false())
    if not user.sees_all:
        return statement.where(AssessmentRecord.organisation_id == user.organisation_id)
    return statement


def get_assessment(session: Session, public_id: str) -> AssessmentRecord | None:
    """The assessment with this public id, whoever it belongs to (for council staff's pages)."""
    statement = select(AssessmentRecord).where(AssessmentRecord.public_id == public_id)
    return session.scalars(statement).one_or_none()


def get_assessment_for(
    session: Session, user: User | None, public_id: str
) -> AssessmentRecord | None:
    """The assessment with this public id if `user` may see it, else None (never an error)."""
    if user is None:
        return None
    statement = (
        _visible_to(user)
        .where(AssessmentRecord.public_id == public_id)
        .options(undefer(AssessmentRecord.data))
    )
    return session.scalars(statement).one_or_none()


def _filtered(
    user: User, verdict: Verdict | None, organisation_id: int | None
) -> Select[AssessmentRecord]:
    # A tender's copies of a bid's plan versions are reached from the tender, not listed as checks.
    statement = _visible_to(user).where(
        ~exists().where(BidVersion.assessment_id == AssessmentRecord.id)
    )
    if verdict is not None:
        statement = statement.where(AssessmentRecord.verdict == verdict)
    if organisation_id is not None:
        statement = statement.where(AssessmentRecord.organisation_id == organisation_id)
    return statement


def list_assessments_for(
    session: Session,
    user: User,
    *,
    limit: int = DEFAULT_PAGE_SIZE,
    offset: int = 0,
    verdict: Verdict | None = None,
    organisation_id: int | None = None,
) -> list[AssessmentRecord]:
    """The assessments `user` may see, newest first, optionally filtered; one page of them
    (at most MAX_PAGE_SIZE). Tenders' copies of bids are left out: their tender lists them.
    The JSON is loaded only if `.assessment` is read in the session."""
    statement = (
        _filtered(user, verdict, organisation_id)
        .order_by(AssessmentRecord.created_at.desc(), AssessmentRecord.id.desc())
        .limit(max(0, min(limit, MAX_PAGE_SIZE)))
        .offset(max(0, offset))
    )
    return list(session.scalars(statement))


def count_assessments_for(
    session: Session,
    user: User,
    *,
    verdict: Verdict | None = None,
    organisation_id: int | None = None,
) -> int:
    """How many assessments `list_assessments_for` would page through."""
    subquery = _filtered(user, verdict, organisation_id).subquery()
    return session.scalar(select(func.count()).select_from(subquery)) or 0


def previous_assessment(session: Session, record: AssessmentRecord) -> AssessmentRecord | None:
    """The previous version of the same plan's owner's plan, or None: "what changed" compares
    versions of one supplier's plan, never two suppliers'.

    The owner is the organisation for a supplier account's check, else the register supplier
    the check is linked to; a check with neither (a council officer's own check) has no
    previous version. Of the previous submission's assessments, the one under the same rulebook
    as `record` is preferred (after `reassess`), so the comparison is of plans, not rulebooks.
    """
    if record.organisation_id is not None:
        owner = AssessmentRecord.organisation_id == record.organisation_id
    else:
        supplier_id = session.scalar(
            select(SupplierAssessment.supplier_id).where(
                SupplierAssessment.assessment_id == record.id
            )
        )
        if supplier_id is None:
            return None
        owner = AssessmentRecord.id.in_(
            select(SupplierAssessment.assessment_id).where(
                SupplierAssessment.supplier_id == supplier_id
            )
        )
    same_rulebook = case((AssessmentRecord.rulebook_version == record.rulebook_version, 1), else_=0)
    statement = (
        select(AssessmentRecord)
        .where(owner, AssessmentRecord.submitted_at < record.submitted_at)
        .order_by(
            AssessmentRecord.submitted_at.desc(), same_rulebook.desc(), AssessmentRecord.id.desc()
        )
        .options(undefer(AssessmentRecord.data))
        .limit(1)
    )
    return session.scalars(statement).first()
