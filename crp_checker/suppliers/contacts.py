"""When a supplier was contacted (signposted to support, or anything else worth a note), and
whether its next plan improved.

A contact is recorded for a day: today's at the moment it is recorded, an earlier day's at the
end of that day, so a plan checked that day counts as the plan before it.

"Improved" compares the last assessment made before the contact with the first plan submitted
after it: a better verdict, or the same verdict with a higher score. The rules it fixed and
the ones newly failing come from `report.changes`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from crp_checker.report.changes import Changes, compare
from crp_checker.schemas import Verdict
from crp_checker.store.models import AssessmentRecord, User, utcnow
from crp_checker.store.supplier_models import Supplier, SupplierAssessment, SupplierContact

VERDICT_RANK = {
    Verdict.NOT_A_CRP: -1,
    Verdict.NON_COMPLIANT: 0,
    Verdict.NEEDS_REVIEW: 1,
    Verdict.COMPLIANT_WITH_GAPS: 2,
    Verdict.COMPLIANT: 3,
}


def contact_time(day: dt.date | None, now: dt.datetime | None = None) -> dt.datetime:
    """When a contact on `day` happened (see the module docstring); ValueError for a future day."""
    now = now or utcnow()
    if day is None or day == now.date():
        return now
    if day > now.date():
        raise ValueError(f"{day.isoformat()} is in the future")
    return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)


def record_contact(
    session: Session,
    supplier: Supplier,
    route_ids: list[str],
    message: str,
    *,
    user: User | None = None,
    contacted_at: dt.datetime | None = None,
    note: str | None = None,
) -> SupplierContact:
    """Keep the fact that `supplier` was sent `message` pointing it to `route_ids` (either may
    be empty when the contact was something else), with a note of anything else said."""
    contact = SupplierContact(
        supplier_id=supplier.id,
        route_ids=list(route_ids),
        message=message,
        contacted_at=contacted_at or utcnow(),
        user_id=None if user is None else user.id,
        note=note or None,
    )
    session.add(contact)
    session.flush()
    return contact


def list_contacts(session: Session, supplier: Supplier) -> list[SupplierContact]:
    """Every contact with this supplier, newest first."""
    statement = (
        select(SupplierContact)
        .where(SupplierContact.supplier_id == supplier.id)
        .order_by(SupplierContact.contacted_at.desc(), SupplierContact.id.desc())
    )
    return list(session.scalars(statement))


@dataclass
class ContactOutcome:
    """The plan before a contact, the first one after it, and what changed between them.

    `after` is None while the supplier has not sent a new plan; `improved` is then None too.
    """

    contact: SupplierContact
    before: AssessmentRecord | None
    after: AssessmentRecord | None
    changes: Changes | None
    improved: bool | None

    @property
    def score_change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after.score - self.before.score


def contact_outcome(session: Session, contact: SupplierContact) -> ContactOutcome:
    """Did the supplier's next plan improve after this contact? (see the module docstring)"""
    linked = (
        select(AssessmentRecord)
        .join(SupplierAssessment, SupplierAssessment.assessment_id == AssessmentRecord.id)
        .where(SupplierAssessment.supplier_id == contact.supplier_id)
        .options(undefer(AssessmentRecord.data))
    )
    before = session.scalars(
        linked.where(AssessmentRecord.created_at <= contact.contacted_at)
        .order_by(
            AssessmentRecord.submitted_at.desc(),
            AssessmentRecord.created_at.desc(),
            AssessmentRecord.id.desc(),
        )
        .limit(1)
    ).first()
    after = session.scalars(
        linked.where(AssessmentRecord.submitted_at > contact.contacted_at)
        .order_by(AssessmentRecord.submitted_at, AssessmentRecord.created_at.desc())
        .limit(1)
    ).first()
    if after is None:
        return ContactOutcome(contact, before, None, None, None)
    if before is None:
        return ContactOutcome(contact, None, after, None, None)
    changes = compare(before.assessment, after.assessment)
    rank_before, rank_after = VERDICT_RANK[before.verdict], VERDICT_RANK[after.verdict]
    improved = rank_after > rank_before or (
        rank_after == rank_before and after.score > before.score
    )
    return ContactOutcome(contact, before, after, changes, improved)
