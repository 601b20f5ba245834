"""What re-assessment reads and writes: stored plans not yet judged by the current rulebook,
and their new assessments saved beside the old ones (the checking is `crp_checker.reassess`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from crp_checker.schemas import Assessment, BuyerSettings
from crp_checker.store.assessments import save_assessment
from crp_checker.store.models import AssessmentRecord
from crp_checker.store.supplier_models import SupplierAssessment


@dataclass(frozen=True)
class StoredPlan:
    """A submitted plan to judge again: its record, file and the buyer settings it was judged
    under (plain values, so the check can run while the session does other work)."""

    record_id: int
    public_id: str
    file_sha256: str
    name: str
    url: str | None
    buyer: dict[str, Any]


def submitted_plans(session: Session, *, since: dt.date | None = None) -> list[AssessmentRecord]:
    """Every submitted plan (not a re-assessment), or those submitted since a date, oldest first."""
    statement = select(AssessmentRecord).where(AssessmentRecord.reassessed_from_id.is_(None))
    if since is not None:
        start = dt.datetime.combine(since, dt.time(), tzinfo=dt.UTC)
        statement = statement.where(AssessmentRecord.submitted_at >= start)
    return list(session.scalars(statement.order_by(AssessmentRecord.id)))


def latest_rulebook(session: Session, original: AssessmentRecord) -> str:
    """The rulebook version of the plan's newest assessment (itself or a re-assessment)."""
    statement = (
        select(AssessmentRecord.rulebook_version)
        .where(
            or_(
                AssessmentRecord.id == original.id,
                AssessmentRecord.reassessed_from_id == original.id,
            )
        )
        .order_by(AssessmentRecord.id.desc())
        .limit(1)
    )
    return session.scalars(statement).one()


def stored_plan(record: AssessmentRecord) -> StoredPlan:
    """The plan behind a record, with the buyer settings the current rulebook still has."""
    stored = record.data.get("settings", {})
    # Settings the current rulebook no longer has are dropped; new ones take their defaults.
    buyer = {key: value for key, value in stored.items() if key in BuyerSettings.model_fields}
    return StoredPlan(
        record.id,
        record.public_id,
        record.file_sha256,
        record.source_name,
        record.source_url,
        buyer,
    )


def save_reassessment(session: Session, plan: StoredPlan, assessment: Assessment) -> str:
    """Save the new assessment pointing at the original, linked to the same register supplier
    (so the supplier's history and dashboard see it), apply the plan's corrections again
    and commit; its public id."""
    from crp_checker.corrections.stored import carry_over  # the corrections import the tenders

    original = session.get_one(AssessmentRecord, plan.record_id)
    record = save_assessment(
        session,
        assessment,
        file=original.file,
        user=original.user,
        organisation=original.organisation,
        source_url=original.source_url,
        reassessed_from=original,
    )
    link = session.scalars(
        select(SupplierAssessment).where(SupplierAssessment.assessment_id == original.id)
    ).one_or_none()
    if link is not None:
        session.add(
            SupplierAssessment(
                supplier_id=link.supplier_id,
                assessment_id=record.id,
                method=link.method,
                linked_by_id=link.linked_by_id,
            )
        )
    carry_over(session, original, record)
    session.commit()
    return record.public_id
