"""One supplier's page: its contracts (those due for renewal flagged), every check over time,
emissions and targets, its gaps or lack of a plan, the signposting email, and its contacts.

Climate team and admins only; a supplier's address is 404 for everyone else, so the
register's contents do not leak through guessed ids.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from crp_checker.errors import CRPError
from crp_checker.store import User, get_assessment
from crp_checker.store.models import utcnow
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers import (
    contact_outcome,
    contact_time,
    emissions_chart,
    get_supplier,
    linked_supplier,
    list_contacts,
    record_contact,
    renewal_window_months,
    signposting_message,
    supplier_history,
    supplier_support,
    unlink_assessment,
)
from crp_checker.suppliers.records import open_tenders
from crp_checker.support import load_routes
from crp_checker.web.deps import CLIMATE_ROLES, CurrentUser, SessionDep
from crp_checker.web.render import climate_context, render

router = APIRouter(prefix="/suppliers", include_in_schema=False)
SUPPLIER_NOT_FOUND = "There is no supplier with this address, or your account cannot see it."
NO_ASSESSMENT = "There is no stored assessment with this id."
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id in an address would be a 500, not a 404
MAX_NOTE = 2000
LINK_METHOD_LABELS = {
    "organisation": "the supplier's own account",
    "url": "its published address",
    "name": "the name in the plan (linked before names became suggestions)",
    "manual": "a person",
}


def get_visible_supplier(db: SessionDep, user: CurrentUser, supplier_id: int) -> Supplier:
    """The supplier for the climate team, or 404 for every other signed-in role."""
    supplier = None
    if user.role in CLIMATE_ROLES and 0 < supplier_id <= MAX_ID:
        supplier = get_supplier(db, supplier_id)
    if supplier is None:
        raise HTTPException(status_code=404, detail=SUPPLIER_NOT_FOUND)
    return supplier


SupplierDep = Annotated[Supplier, Depends(get_visible_supplier)]


class ContactNotRecordedError(CRPError):
    code = "contact_not_recorded"
    http_status = 400
    default_hint = (
        "Tick the support routes the message pointed the supplier to, or write a note of the "
        "contact; give a date that is today or earlier."
    )


def _tender(db: Session, supplier: Supplier) -> str | None:
    tenders = open_tenders(db, supplier)
    return "; ".join(tenders) if tenders else None


def _supplier_page(
    request: Request,
    db: Session,
    user: User,
    supplier: Supplier,
    *,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    today = utcnow().date()
    history = supplier_history(db, supplier)
    support = supplier_support(db, supplier, today=today)
    message = signposting_message(support, tender=_tender(db, supplier))
    contacts = [contact_outcome(db, contact) for contact in list_contacts(db, supplier)]
    context = climate_context() | {
        "supplier": supplier,
        "today": today,
        "renewal_months": renewal_window_months(),
        "history": history,
        "chart": emissions_chart(history) if history.emissions else None,
        "support": support,
        "message": message,
        "contacts": contacts,
        "route_names": {route.id: route.name for route in load_routes()},
        "link_methods": LINK_METHOD_LABELS,
        "max_note": MAX_NOTE,
    }
    return render(request, "climate_supplier.html", context | extra, user=user, status=status)


@router.get("/{supplier_id}", response_class=HTMLResponse)
def supplier_page(
    request: Request, db: SessionDep, user: CurrentUser, supplier: SupplierDep
) -> HTMLResponse:
    """A supplier's contracts, plans over the years, gaps and support, the message to send,
    and its contacts."""
    return _supplier_page(request, db, user, supplier)


def _contact_day(text: str) -> dt.date | None:
    """The contact form's date (empty: today); ContactNotRecordedError when it is no date."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ContactNotRecordedError(
            f"The contact was not recorded: {text!r} is not a date (use 2026-03-31)."
        ) from None


@router.post("/{supplier_id}/contacts", response_class=HTMLResponse)
def contact(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    supplier: SupplierDep,
    routes: Annotated[list[str] | None, Form(max_length=100)] = None,
    contacted_on: Annotated[str, Form(max_length=20)] = "",
    note: Annotated[str, Form(max_length=MAX_NOTE)] = "",
) -> Response:
    """Record a contact: the day, the routes the message pointed to, and a note."""
    support = supplier_support(db, supplier, today=utcnow().date())
    known = {match.route.id for match in support.routes}
    chosen = [route for route in dict.fromkeys(routes or []) if route in known]
    note = note.strip()
    try:
        day = _contact_day(contacted_on)
        try:
            when = contact_time(day)
        except ValueError:
            raise ContactNotRecordedError(
                "The contact was not recorded: its date is in the future."
            ) from None
        if not chosen and not note:
            raise ContactNotRecordedError(
                "The contact was not recorded: no support route was ticked and there is no note."
            )
    except ContactNotRecordedError as error:
        return _supplier_page(request, db, user, supplier, status=error.http_status, error=error)
    text = ""
    if chosen:
        message = signposting_message(support, tender=_tender(db, supplier))
        text = f"Subject: {message.subject}\n\n{message.body}"
    record_contact(db, supplier, chosen, text, user=user, contacted_at=when, note=note)
    return RedirectResponse(f"/suppliers/{supplier.id}#contacts", status_code=303)


@router.post("/{supplier_id}/unlink")
def unlink(
    db: SessionDep, supplier: SupplierDep, assessment: Annotated[str, Form(max_length=64)] = ""
) -> Response:
    """Undo a wrong link: the assessment goes back to the "not yet linked" list."""
    record = get_assessment(db, assessment)
    owner = linked_supplier(db, record) if record is not None else None
    if record is None or owner is None or owner.id != supplier.id:
        raise HTTPException(status_code=404, detail=NO_ASSESSMENT)
    unlink_assessment(db, record)
    return RedirectResponse(f"/suppliers/{supplier.id}#assessments", status_code=303)
