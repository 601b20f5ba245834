"""Link assessments to suppliers: automatically when the plan says unambiguously whose it is,
otherwise by a person choosing from candidates.

Automatic links, strongest first: the assessment's organisation account is a supplier's;
the plan's URL is a supplier's CRP URL; the organisation named in the plan has exactly one
supplier's normalised name. A guess is never made: two suppliers with the same name, or none,
means a person decides.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.ingest.fetch import Plan
from crp_checker.schemas import Assessment
from crp_checker.store.assessments import save_check
from crp_checker.store.models import AssessmentRecord, User, utcnow
from crp_checker.store.supplier_models import Supplier, SupplierAssessment
from crp_checker.suppliers.names import normalise_name
from crp_checker.suppliers.records import linked_supplier

MAX_CANDIDATES = 5
LINK_METHODS = ("organisation", "url", "name", "manual")


@dataclass
class LinkResult:
    """The supplier the assessment is now linked to, or the candidates a person should choose
    from (closest first) and why no link was made."""

    supplier: Supplier | None
    method: str | None = None
    candidates: list[Supplier] = field(default_factory=list)
    reason: str = ""


def link_assessment(
    session: Session,
    supplier: Supplier,
    record: AssessmentRecord,
    *,
    user: User | None = None,
    method: str = "manual",
) -> SupplierAssessment:
    """Link `record` to `supplier`, moving it from any other supplier (a person's correction)."""
    if method not in LINK_METHODS:
        raise ValueError(f"unknown link method {method!r}")
    link = session.scalars(
        select(SupplierAssessment).where(SupplierAssessment.assessment_id == record.id)
    ).one_or_none()
    if link is None:
        link = SupplierAssessment(assessment_id=record.id)
        session.add(link)
    link.supplier_id = supplier.id
    link.method = method
    link.linked_at = utcnow()
    link.linked_by_id = None if user is None else user.id
    session.flush()
    return link


def unlink_assessment(session: Session, record: AssessmentRecord) -> bool:
    """Remove the assessment's link to a supplier; False when it had none."""
    link = session.scalars(
        select(SupplierAssessment).where(SupplierAssessment.assessment_id == record.id)
    ).one_or_none()
    if link is None:
        return False
    session.delete(link)
    session.flush()
    return True


def auto_link(session: Session, record: AssessmentRecord, *, suggest: bool = True) -> LinkResult:
    """Link `record` to its supplier when that is unambiguous (see the module docstring).

    An assessment already linked keeps its link: a person's choice is never overridden.
    With `suggest=False` no similar names are looked for when nothing matches (linking many
    assessments in one go, where nobody reads the candidates).
    """
    current = linked_supplier(session, record)
    if current is not None:
        return LinkResult(supplier=current, reason="already linked")
    for method, matches in _automatic_matches(session, record):
        if len(matches) == 1:
            link_assessment(session, matches[0], record, method=method)
            return LinkResult(supplier=matches[0], method=method)
        if len(matches) > 1:
            return LinkResult(
                supplier=None,
                candidates=matches[:MAX_CANDIDATES],
                reason=f"{len(matches)} suppliers match the plan's {method}",
            )
    name = record.assessment.facts.organisation
    if not name:
        return LinkResult(supplier=None, reason="the plan does not name its organisation")
    return LinkResult(
        supplier=None,
        candidates=similar_suppliers(session, name) if suggest else [],
        reason=f"no supplier in the register is called {name!r}",
    )


def _automatic_matches(
    session: Session, record: AssessmentRecord
) -> list[tuple[str, list[Supplier]]]:
    found: list[tuple[str, list[Supplier]]] = []
    if record.organisation_id is not None:
        statement = select(Supplier).where(Supplier.organisation_id == record.organisation_id)
        found.append(("organisation", list(session.scalars(statement.order_by(Supplier.id)))))
    url = record.source_url or record.assessment.facts.url
    if url:
        statement = select(Supplier).where(Supplier.crp_url == url)
        found.append(("url", list(session.scalars(statement.order_by(Supplier.id)))))
    name = record.assessment.facts.organisation
    if name and normalise_name(name):
        statement = select(Supplier).where(Supplier.normalised_name == normalise_name(name))
        found.append(("name", list(session.scalars(statement.order_by(Supplier.id)))))
    return found


def similar_suppliers(session: Session, name: str, limit: int = MAX_CANDIDATES) -> list[Supplier]:
    """Suppliers whose normalised names are closest to `name` (for a person to choose from)."""
    wanted = normalise_name(name)
    rows = session.execute(select(Supplier.normalised_name, Supplier.id)).all()
    names = sorted({row[0] for row in rows})
    close = difflib.get_close_matches(wanted, names, n=limit, cutoff=0.6)
    ids = [row[1] for name_ in close for row in rows if row[0] == name_][:limit]
    suppliers = {s.id: s for s in session.scalars(select(Supplier).where(Supplier.id.in_(ids)))}
    return [suppliers[i] for i in ids]


def unlinked_assessments(session: Session, *, limit: int = 100) -> list[AssessmentRecord]:
    """Assessments not yet linked to any supplier, newest first (the "to link" list)."""
    linked = select(SupplierAssessment.assessment_id)
    statement = (
        select(AssessmentRecord)
        .where(AssessmentRecord.id.not_in(linked))
        .order_by(AssessmentRecord.created_at.desc(), AssessmentRecord.id.desc())
        .limit(max(0, limit))
    )
    return list(session.scalars(statement))


def link_unlinked(session: Session, *, limit: int = 2000) -> int:
    """Auto-link up to `limit` unlinked assessments (newest first); how many were linked.

    Run after an import, so plans stored before their supplier was in the register are found.
    """
    records = unlinked_assessments(session, limit=limit)
    return sum(1 for record in records if auto_link(session, record, suggest=False).supplier)


def store_check(session: Session, plan: Plan, assessment: Assessment, user: User) -> str:
    """Save a signed-in user's check (file, then assessment), linked to its supplier in the
    register when the plan says unambiguously whose it is; its public id."""
    record = save_check(session, plan.data, assessment, user=user, source_url=plan.url)
    auto_link(session, record, suggest=False)  # the climate team's register (issue 6)
    return record.public_id
