"""The supplier register pages: the register (filters, sorting, renewals), importing it, and
linking stored checks to suppliers (suggestions to confirm, or any supplier found by name or
number). Each supplier's own page is web/supplier_page.py.

Climate team and admins only (see crp_checker.web.climate).
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request
from fastapi import UploadFile as FormFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from crp_checker.errors import CRPError
from crp_checker.ingest.names import display_name
from crp_checker.store import AssessmentRecord, User, get_assessment
from crp_checker.store.models import utcnow
from crp_checker.suppliers import (
    get_supplier,
    import_register,
    link_assessment,
    link_unlinked,
    list_suppliers,
    make_filters,
    register_page,
    renewal_window_months,
    spend_categories,
    suggestions,
    unlinked_assessments,
)
from crp_checker.suppliers.listing import SORT_LABELS, STATUS_LABELS, RegisterFilters
from crp_checker.suppliers.screening import suppliers_to_screen
from crp_checker.web.deps import ClimateUser, SessionDep, SettingsDep
from crp_checker.web.render import climate_context, render
from crp_checker.web.uploads import MissingInputError, read_upload

router = APIRouter(prefix="/suppliers", include_in_schema=False)
SUPPLIER_NOT_FOUND = "There is no supplier with this address, or your account cannot see it."
PAGE_SIZE = 50
UNLINKED_SHOWN = 20
SEARCH_SHOWN = 20
# Linking everything unlinked at once stops here; the button can be pressed again.
AUTO_LINK_BATCH = 2000
NO_ASSESSMENT = "There is no stored assessment with this id."
MAX_ID = 2**31 - 1  # PostgreSQL's integer: a larger id in an address would be a 500, not a 404


def _record(db: Session, public_id: str) -> AssessmentRecord:
    record = get_assessment(db, public_id)
    if record is None:
        raise HTTPException(status_code=404, detail=NO_ASSESSMENT)
    return record


def _query(filters: RegisterFilters, page: int | None = None) -> dict[str, str]:
    """The filters as a page address's query (for the pager and the sort links)."""
    query = {
        "q": filters.search or "",
        "category": filters.category or "",
        "status": filters.status or "",
        "renewal": "1" if filters.renewal else "",
        "sort": filters.sort if filters.sort != "name" else "",
    }
    if page is not None and page > 1:
        query["page"] = str(page)
    return {key: value for key, value in query.items() if value}


# --------------------------------------------------------------------------- the register


def _register_page(
    request: Request,
    db: Session,
    user: User,
    *,
    q: str = "",
    category: str = "",
    status_filter: str = "",
    renewal: str = "",
    sort: str = "",
    page: int = 1,
    status: int = 200,
    **extra: Any,
) -> HTMLResponse:
    categories = spend_categories(db)
    filters = make_filters(
        categories,
        search=q,
        category=category,
        status=status_filter,
        renewal=renewal == "1",
        sort=sort,
    )
    today = utcnow().date()
    page = max(1, page)
    listed = register_page(db, filters, today, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-listed.total // PAGE_SIZE))
    if page > pages:  # past the end (a stale link): the last page
        page = pages
        listed = register_page(db, filters, today, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    unlinked = [
        (record, suggestions(db, record))
        for record in unlinked_assessments(db, limit=UNLINKED_SHOWN)
    ]
    context = climate_context() | {
        "entries": listed.entries,
        "total": listed.total,
        "page": page,
        "pages": pages,
        "filters": filters,
        "previous_query": _query(filters, page - 1),
        "next_query": _query(filters, page + 1),
        "categories": categories,
        "status_labels": STATUS_LABELS,
        "sort_labels": SORT_LABELS,
        "renewal_months": renewal_window_months(),
        "unlinked": unlinked,
        "with_url": len(suppliers_to_screen(db)),
    }
    return render(request, "climate_suppliers.html", context | extra, user=user, status=status)


@router.get("", response_class=HTMLResponse)
def register(
    request: Request,
    db: SessionDep,
    user: ClimateUser,
    q: str = "",
    category: str = "",
    status: str = "",
    renewal: str = "",
    sort: str = "",
    page: int = 1,
    linked: int | None = None,
) -> HTMLResponse:
    """The register: search, category, plan status and renewal filters, sorting, paging;
    import and link forms."""
    return _register_page(
        request,
        db,
        user,
        q=q,
        category=category,
        status_filter=status,
        renewal=renewal,
        sort=sort,
        page=page,
        linked=linked,
    )


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


# --------------------------------------------------------------------------- linking


@router.get("/link", response_class=HTMLResponse)
def find_supplier(
    request: Request, db: SessionDep, user: ClimateUser, assessment: str = "", q: str = ""
) -> HTMLResponse:
    """Find any supplier by name or Companies House number to link a stored check to."""
    record = _record(db, assessment[:64])
    search = q.strip()[:200]
    found = list_suppliers(db, search=search, limit=SEARCH_SHOWN) if search else []
    context = climate_context() | {
        "record": record,
        "q": search,
        "found": found,
        "suggested": suggestions(db, record),
    }
    return render(request, "climate_link.html", context, user=user)


@router.post("/link")
def link(
    db: SessionDep,
    user: ClimateUser,
    assessment: Annotated[str, Form(max_length=64)] = "",
    supplier: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """A person links a stored assessment to the supplier they chose (or confirmed)."""
    # The fields are read after the role check, so a refused user learns nothing from them.
    record = _record(db, assessment)
    chosen = (
        get_supplier(db, int(supplier))
        if supplier.isdigit() and 0 < int(supplier) <= MAX_ID
        else None
    )
    if chosen is None:
        raise HTTPException(status_code=404, detail=SUPPLIER_NOT_FOUND)
    link_assessment(db, chosen, record, user=user, method="manual")
    supplier_id = chosen.id
    return RedirectResponse(f"/suppliers/{supplier_id}#assessments", status_code=303)


@router.post("/auto-link")
def link_automatically(db: SessionDep, user: ClimateUser) -> Response:
    """Link every unlinked assessment whose supplier is certain (e.g. after an import)."""
    linked = link_unlinked(db, limit=AUTO_LINK_BATCH)
    return RedirectResponse(f"/suppliers?linked={linked}#unlinked", status_code=303)
