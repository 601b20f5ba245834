"""The supplier register pages (issue 6): the register, importing it, linking assessments to
suppliers, and each supplier's page (history, support, signposting, contacts).

Climate team and admins only (see crp_checker.web.climate); a supplier's address is 404 for
everyone else, so the register's contents do not leak through guessed ids.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request
from fastapi import UploadFile as FormFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from crp_checker.errors import CRPError
from crp_checker.ingest.names import display_name
from crp_checker.store import AssessmentRecord, User, get_assessment
from crp_checker.store.supplier_models import Supplier
from crp_checker.suppliers import (
    contact_outcome,
    count_suppliers,
    emissions_chart,
    get_supplier,
    import_register,
    latest_assessments,
    link_assessment,
    link_unlinked,
    linked_supplier,
    list_contacts,
    list_suppliers,
    record_contact,
    signposting_message,
    similar_suppliers,
    spend_categories,
    supplier_history,
    supplier_support,
    unlink_assessment,
    unlinked_assessments,
)
from crp_checker.suppliers.screening import suppliers_to_screen
from crp_checker.support import load_routes
from crp_checker.web.deps import CLIMATE_ROLES, ClimateUser, CurrentUser, SessionDep, SettingsDep
from crp_checker.web.render import climate_context, render
from crp_checker.web.uploads import MissingInputError, read_upload

router = APIRouter(prefix="/suppliers", include_in_schema=False)
SUPPLIER_NOT_FOUND = "There is no supplier with this address, or your account cannot see it."
PAGE_SIZE = 50
UNLINKED_SHOWN = 20
# Linking everything unlinked at once stops here; the button can be pressed again.
AUTO_LINK_BATCH = 2000
NO_ASSESSMENT = "There is no stored assessment with this id."
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id in an address would be a 500, not a 404


def get_visible_supplier(db: SessionDep, user: CurrentUser, supplier_id: int) -> Supplier:
    """The supplier for the climate team, or 404 for every other signed-in role."""
    supplier = _get(db, supplier_id) if user.role in CLIMATE_ROLES else None
    if supplier is None:
        raise HTTPException(status_code=404, detail=SUPPLIER_NOT_FOUND)
    return supplier


SupplierDep = Annotated[Supplier, Depends(get_visible_supplier)]


def _get(db: Session, supplier_id: int) -> Supplier | None:
    """The supplier, or None; ids past the database's integer range are simply unknown."""
    return get_supplier(db, supplier_id) if 0 < supplier_id <= MAX_ID else None


def _record(db: Session, public_id: str) -> AssessmentRecord:
    record = get_assessment(db, public_id)
    if record is None:
        raise HTTPException(status_code=404, detail=NO_ASSESSMENT)
    return record


# --------------------------------------------------------------------------- the register


def _register_page(
    request: Request,
    db: Session,
    user: User,
    *,
    q: str = "",
    category: str = "",
    page: int = 1,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    categories = spend_categories(db)
    chosen = category if category in categories else None
    search = q.strip()[:200] or None
    total = count_suppliers(db, category=chosen, search=search)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    suppliers = list_suppliers(
        db, category=chosen, search=search, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
    )
    latest = latest_assessments(db, supplier_ids=[s.id for s in suppliers])
    unlinked = [
        (record, _candidates(db, record))
        for record in unlinked_assessments(db, limit=UNLINKED_SHOWN)
    ]
    context = climate_context() | {
        "suppliers": suppliers,
        "latest": latest,
        "total": total,
        "page": page,
        "pages": pages,
        "q": search or "",
        "category": chosen or "",
        "categories": categories,
        "unlinked": unlinked,
        "with_url": count_suppliers_with_url(db),
    }
    return render(request, "climate_suppliers.html", context | extra, user=user, status=status)


def _candidates(db: Session, record: AssessmentRecord) -> list[Supplier]:
    name = record.assessment.facts.organisation
    return similar_suppliers(db, name) if name else []


def count_suppliers_with_url(db: Session) -> int:
    """How many suppliers the screening button would re-check."""
    return len(suppliers_to_screen(db))


@router.get("", response_class=HTMLResponse)
def register(
    request: Request,
    db: SessionDep,
    user: ClimateUser,
    q: str = "",
    category: str = "",
    page: int = 1,
    linked: int | None = None,
) -> HTMLResponse:
    """The register with search, category filter and paging; import and link forms."""
    return _register_page(request, db, user, q=q, category=category, page=page, linked=linked)


def _import(request: Request, db: Session, user: User, data: bytes, filename: str) -> HTMLResponse:
    """Import in one transaction (all good rows or, on a database error, none), then report."""
    report = import_register(db, data, filename)
    linked = link_unlinked(db, limit=AUTO_LINK_BATCH)
    db.commit()
    context = {"report": report, "filename": filename, "linked": linked}
    return render(request, "climate_import.html", context, user=user)


@router.post("/import", response_class=HTMLResponse)
async def import_file(
    request: Request,
    db: SessionDep,
    user: ClimateUser,
    settings: SettingsDep,
    file: Annotated[FormFile | None, File()] = None,
) -> HTMLResponse:
    """Import a CSV or XLSX register: counts, and each refused row with its line number."""
    try:
        if file is None or not file.filename:
            raise MissingInputError(
                "No register file was chosen.", "Choose the CSV or Excel (.xlsx) register."
            )
        data = await read_upload(file, settings.max_file_bytes)
        name = display_name(file.filename)
        return await run_in_threadpool(_import, request, db, user, data, name)
    except CRPError as error:
        await run_in_threadpool(db.rollback)
        page = partial(_register_page, request, db, user, status=error.http_status, error=error)
        return await run_in_threadpool(page)


@router.post("/link")
def link(
    db: SessionDep,
    user: ClimateUser,
    assessment: Annotated[str, Form(max_length=64)] = "",
    supplier: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """A person links a stored assessment to the supplier they chose."""
    # The fields are read after the role check, so a refused user learns nothing from them.
    record = _record(db, assessment)
    chosen = _get(db, int(supplier)) if supplier.isdigit() else None
    if chosen is None:
        raise HTTPException(status_code=404, detail=SUPPLIER_NOT_FOUND)
    link_assessment(db, chosen, record, user=user, method="manual")
    supplier_id = chosen.id
    return RedirectResponse(f"/suppliers/{supplier_id}#assessments", status_code=303)


@router.post("/auto-link")
def link_automatically(db: SessionDep, user: ClimateUser) -> Response:
    """Link every unlinked assessment whose supplier is unambiguous (e.g. after an import)."""
    linked = link_unlinked(db, limit=AUTO_LINK_BATCH)
    return RedirectResponse(f"/suppliers?linked={linked}#unlinked", status_code=303)


# --------------------------------------------------------------------------- one supplier


def _supplier_page(
    request: Request,
    db: Session,
    user: User,
    supplier: Supplier,
    *,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    history = supplier_history(db, supplier)
    support = supplier_support(db, supplier)
    message = signposting_message(support) if support and support.routes else None
    contacts = [contact_outcome(db, contact) for contact in list_contacts(db, supplier)]
    context = climate_context() | {
        "supplier": supplier,
        "history": history,
        "chart": emissions_chart(history) if history.emissions else None,
        "support": support,
        "message": message,
        "contacts": contacts,
        "route_names": {route.id: route.name for route in load_routes()},
    }
    return render(request, "climate_supplier.html", context | extra, user=user, status=status)


@router.get("/{supplier_id}", response_class=HTMLResponse)
def supplier_page(
    request: Request, db: SessionDep, user: CurrentUser, supplier: SupplierDep
) -> HTMLResponse:
    """A supplier over the years, its gaps and support, the message to send, and contacts."""
    return _supplier_page(request, db, user, supplier)


class NoRouteChosenError(CRPError):
    code = "no_route"
    http_status = 400
    default_hint = "Tick the support routes the message pointed the supplier to."


@router.post("/{supplier_id}/contacts", response_class=HTMLResponse)
def contact(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    supplier: SupplierDep,
    routes: Annotated[list[str] | None, Form(max_length=100)] = None,
) -> Response:
    """Record that the signposting message was sent, pointing to the ticked routes."""
    support = supplier_support(db, supplier)
    known = {match.route.id for match in support.routes} if support else set()
    chosen = [route for route in dict.fromkeys(routes or []) if route in known]
    if support is None or not chosen:
        error = NoRouteChosenError("The contact was not recorded: no support route was ticked.")
        return _supplier_page(request, db, user, supplier, status=error.http_status, error=error)
    message = signposting_message(support)
    text = f"Subject: {message.subject}\n\n{message.body}"
    record_contact(db, supplier, chosen, text, user=user)
    return RedirectResponse(f"/suppliers/{supplier.id}#contacts", status_code=303)


@router.post("/{supplier_id}/unlink")
def unlink(
    db: SessionDep, supplier: SupplierDep, assessment: Annotated[str, Form(max_length=64)] = ""
) -> Response:
    """Undo a wrong link: the assessment goes back to the "not yet linked" list."""
    record = _record(db, assessment)
    owner = linked_supplier(db, record)
    if owner is None or owner.id != supplier.id:
        raise HTTPException(status_code=404, detail=NO_ASSESSMENT)
    unlink_assessment(db, record)
    return RedirectResponse(f"/suppliers/{supplier.id}#assessments", status_code=303)
