"""One history per supplier: the latest version of a supplier's plan (or a supplier account's
organisation's), and whether a new check is only that version again.

A check is the same version again when the plan's bytes (SHA-256) and the rulebook are the same
and so is the result (verdict, score, maturity and every rule's outcome): it is then not stored
a second time; the stored check records that it was checked again. The result is compared too
because the same plan can be judged differently on a later day (its data grows too old).
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, undefer

from crp_checker.schemas import Assessment
from crp_checker.store.models import AssessmentRecord, utcnow
from crp_checker.store.supplier_models import SupplierAssessment


def latest_of_supplier(session: Session, supplier_id: int) -> AssessmentRecord | None:
    """The supplier's latest linked assessment, with its JSON."""
    statement = (
        select(AssessmentRecord)
        .join(SupplierAssessment, SupplierAssessment.assessment_id == AssessmentRecord.id)
        .where(SupplierAssessment.supplier_id == supplier_id)
    )
    return _first(session, statement)


def latest_of_organisation(session: Session, organisation_id: int) -> AssessmentRecord | None:
    """The organisation's latest assessment (its own checks, never a tender's copy)."""
    statement = select(AssessmentRecord).where(AssessmentRecord.organisation_id == organisation_id)
    return _first(session, statement)


def _first(session: Session, statement: Select[AssessmentRecord]) -> AssessmentRecord | None:
    ordered = statement.order_by(
        AssessmentRecord.submitted_at.desc(),
        AssessmentRecord.created_at.desc(),
        AssessmentRecord.id.desc(),
    )
    return session.scalars(ordered.options(undefer(AssessmentRecord.data)).limit(1)).first()


def same_version(record: AssessmentRecord, assessment: Assessment) -> bool:
    """Whether `assessment` is the same plan, rulebook and result as `record` (docstring)."""
    if (
        record.file_sha256 != assessment.source.sha256
        or record.rulebook_version != assessment.rulebook_version
        or record.verdict is not assessment.verdict
        or record.score != assessment.score
        or record.maturity != assessment.maturity
    ):
        return False
    before = [(f.rule, f.outcome) for f in record.assessment.findings]
    return before == [(f.rule, f.outcome) for f in assessment.findings]


def unchanged(session: Session, record: AssessmentRecord, assessment: Assessment) -> bool:
    """If `assessment` is `record`'s version again, note on `record` that it was checked again
    (and return True); else False, and the caller stores `assessment` as a new version."""
    if not same_version(record, assessment):
        return False
    record.rechecked_at = utcnow()
    record.recheck_count = (record.recheck_count or 0) + 1
    session.flush()
    return True
