"""Link assessments to suppliers: automatically only on what the uploader cannot choose,
otherwise by a person, from suggestions or any supplier found by name or number.

Automatic links (the link's `method`):
- "organisation": a supplier account's check goes to its organisation's entry in the
  register: the supplier tied to that organisation, else the one with the organisation's
  Companies House number, else the one with the organisation's name (an administrator sets
  both when making the account; the uploader cannot). A supplier account's check is linked in
  no other way: the plan it uploads and the address it gives are its own choice.
- "url": any other check of a plan fetched from a supplier's CRP URL, or from another address
  on that URL's host (the supplier's own domain) when exactly one supplier publishes there.
The organisation a plan names is only a *suggestion* the climate team confirms: whoever wrote
the plan chose that text. Two suppliers matching, or none, means a person decides.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from crp_checker.ingest.fetch import Plan
from crp_checker.schemas import Assessment
from crp_checker.store.assessments import save_check
from crp_checker.store.models import AssessmentRecord, Organisation, Role, User, utcnow
from crp_checker.store.supplier_models import Supplier, SupplierAssessment
from crp_checker.store.tender_models import Bid
from crp_checker.suppliers.names import normalise_name
from crp_checker.suppliers.records import linked_supplier
from crp_checker.suppliers.versions import latest_of_organisation, latest_of_supplier, unchanged

MAX_CANDIDATES = 5
LINK_METHODS = ("organisation", "url", "name", "manual")
NAMED_IN_PLAN = "The plan names this supplier"
SIMILAR_NAME = "A similar name"


@dataclass
class LinkResult:
    """The supplier the assessment is now linked to, or the candidates a person should choose
    from (closest first) and why no link was made."""

    supplier: Supplier | None
    method: str | None = None
    candidates: list[Supplier] = field(default_factory=list)
    reason: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A supplier a person may confirm as the plan's, and why it is suggested."""

    supplier: Supplier
    reason: str


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


def automatic_matches(
    session: Session, organisation: Organisation | None, url: str | None
) -> tuple[str, list[Supplier]] | None:
    """The link method and the suppliers it finds for a check owned by `organisation` (a
    supplier account's) or fetched from `url` (anyone else's); None when it finds nothing."""
    if organisation is not None:
        found = _organisation_matches(session, organisation)
        return ("organisation", found) if found else None
    if url:
        found = _url_matches(session, url)
        return ("url", found) if found else None
    return None


def _organisation_matches(session: Session, organisation: Organisation) -> list[Supplier]:
    tied = select(Supplier).where(Supplier.organisation_id == organisation.id)
    found = list(session.scalars(tied.order_by(Supplier.id)))
    if not found and organisation.companies_house_number:
        number = select(Supplier).where(
            Supplier.companies_house_number == organisation.companies_house_number
        )
        found = list(session.scalars(number))
    if not found and normalise_name(organisation.name):
        named = select(Supplier).where(
            Supplier.normalised_name == normalise_name(organisation.name),
            Supplier.organisation_id.is_(None),
        )
        found = list(session.scalars(named.order_by(Supplier.id)))
    return found


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _url_matches(session: Session, url: str) -> list[Supplier]:
    exact = select(Supplier).where(Supplier.crp_url == url)
    found = list(session.scalars(exact.order_by(Supplier.id)))
    host = _host(url)
    if found or host is None:
        return found
    rows = session.execute(
        select(Supplier.id, Supplier.crp_url).where(Supplier.crp_url.is_not(None))
    )
    ids = [supplier_id for supplier_id, crp_url in rows if crp_url and _host(crp_url) == host]
    if not ids:
        return []
    return list(session.scalars(select(Supplier).where(Supplier.id.in_(ids)).order_by(Supplier.id)))


def auto_link(session: Session, record: AssessmentRecord, *, suggest: bool = True) -> LinkResult:
    """Link `record` to its supplier when that is unambiguous (see the module docstring).

    An assessment already linked keeps its link: a person's choice is never overridden.
    With `suggest=False` no suggestions are looked for when nothing matches (linking many
    assessments in one go, where nobody reads them).
    """
    current = linked_supplier(session, record)
    if current is not None:
        return LinkResult(supplier=current, reason="already linked")
    matched = automatic_matches(session, record.organisation, record.source_url)
    if matched is not None:
        method, matches = matched
        if len(matches) == 1:
            link_assessment(session, matches[0], record, method=method)
            return LinkResult(supplier=matches[0], method=method)
        return LinkResult(
            supplier=None,
            candidates=matches[:MAX_CANDIDATES],
            reason=f"{len(matches)} suppliers match the check's {method}",
        )
    name = record.assessment.facts.organisation
    candidates = [s.supplier for s in suggestions(session, record)] if suggest else []
    reason = (
        f"the plan names {name!r}, which only a person can confirm"
        if name
        else "the plan does not name its organisation"
    )
    return LinkResult(supplier=None, candidates=candidates, reason=reason)


def suggestions(
    session: Session, record: AssessmentRecord, limit: int = MAX_CANDIDATES
) -> list[Suggestion]:
    """Suppliers a person may confirm: those the plan names, then similar names."""
    name = record.assessment.facts.organisation
    if not name or not normalise_name(name):
        return []
    named = select(Supplier).where(Supplier.normalised_name == normalise_name(name))
    found = [Suggestion(s, NAMED_IN_PLAN) for s in session.scalars(named.order_by(Supplier.id))]
    seen = {s.supplier.id for s in found}
    for supplier in similar_suppliers(session, name, limit):
        if supplier.id not in seen:
            found.append(Suggestion(supplier, SIMILAR_NAME))
            seen.add(supplier.id)
    return found[:limit]


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
    """Assessments not yet linked to any supplier, newest first (the "to link" list). A
    tender's copy of a bid (judged as at its procurement date) stays with its tender."""
    linked = select(SupplierAssessment.assessment_id)
    statement = (
        select(AssessmentRecord)
        .where(
            AssessmentRecord.id.not_in(linked),
            ~exists().where(Bid.assessment_id == AssessmentRecord.id),
        )
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
    """Save a signed-in user's check, linked to its supplier when that is certain (module
    docstring); its public id. The same plan with the same result as its owner's latest
    check is not stored again: that check records it was checked again, and is the answer."""
    organisation = user.organisation if user.role is Role.SUPPLIER else None
    latest = None
    if organisation is not None:
        latest = latest_of_organisation(session, organisation.id)
    else:
        matched = automatic_matches(session, None, plan.url)
        if matched is not None and len(matched[1]) == 1:
            latest = latest_of_supplier(session, matched[1][0].id)
    if latest is not None and unchanged(session, latest, assessment):
        return latest.public_id
    record = save_check(session, plan.data, assessment, user=user, source_url=plan.url)
    auto_link(session, record, suggest=False)  # the climate team's register
    return record.public_id
