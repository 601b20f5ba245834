"""The register's JSON API under /api/v1, for the council's own reporting tools and scripts:
the register (filtered as on its page), each supplier, the dashboard's figures with their
definitions, the support list, and importing a register file.

Token auth (`Authorization: Bearer ...`) or a signed-in session; the climate team and admins
only, as on the pages: other roles get 403, and 404 for a supplier's address.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query
from fastapi import UploadFile as FormFile
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from crp_checker.ingest.names import display_name
from crp_checker.store import User
from crp_checker.store.models import utcnow
from crp_checker.suppliers import (
    RegisterFilters,
    build_dashboard,
    build_support_list,
    get_supplier,
    import_register,
    link_unlinked,
    register_entry,
    register_page,
    supplier_history,
    supplier_support,
)
from crp_checker.web.auth import ForbiddenError
from crp_checker.web.deps import CLIMATE_ROLES, ApiUser, SessionDep, SettingsDep
from crp_checker.web.supplier_json import (
    dashboard_out,
    detail_out,
    import_out,
    summary_fields,
    support_list_out,
)
from crp_checker.web.supplier_schemas import (
    DashboardOut,
    ImportOut,
    PlanStatus,
    SupplierDetail,
    SupplierList,
    SupportListOut,
)
from crp_checker.web.uploads import MissingInputError, read_upload

router = APIRouter(prefix="/api/v1", tags=["Supplier register"])
MAX_OFFSET = 10**9
MAX_ID = 2**31 - 1
AUTO_LINK_BATCH = 2000
NOT_FOUND = "There is no such supplier."
Sort = Literal["name", "spend", "contract_end", "checked", "status"]

_DENIED: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid token"},
    403: {"description": "Only the climate team and admins use the register"},
}


def get_climate_api_user(user: ApiUser) -> User:
    """The token's (or session's) user if they are on the climate team or an admin, else 403."""
    if user.role not in CLIMATE_ROLES:
        raise ForbiddenError
    return user


ClimateApiUser = Annotated[User, Depends(get_climate_api_user)]


@router.get(
    "/suppliers",
    summary="The supplier register",
    response_model=SupplierList,
    responses=_DENIED,
)
def list_suppliers(
    db: SessionDep,
    user: ClimateApiUser,
    q: Annotated[str | None, Query(max_length=200, description="Name or number")] = None,
    category: Annotated[str | None, Query(max_length=100)] = None,
    status: PlanStatus | None = None,
    renewal: Annotated[bool, Query(description="Only contracts ending soon")] = False,
    sort: Sort = "name",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> SupplierList:
    """Suppliers with their spend, contracts and latest check, filtered and sorted as on the
    register page; `status` is the latest plan's verdict or `no_plan`."""
    filters = RegisterFilters(
        search=(q or "").strip() or None,
        category=category or None,
        status=status,
        renewal=renewal,
        sort=sort,
    )
    page = register_page(db, filters, utcnow().date(), limit=limit, offset=offset)
    items = [summary_fields(entry) for entry in page.entries]
    return SupplierList.model_validate(
        {"total": page.total, "limit": limit, "offset": offset, "items": items}
    )


@router.get(
    "/suppliers/{supplier_id}",
    summary="One supplier",
    response_model=SupplierDetail,
    responses={401: _DENIED[401], 404: {"description": "No such supplier, or not yours to see"}},
)
def get_one(db: SessionDep, user: ApiUser, supplier_id: int) -> SupplierDetail:
    """A supplier's contracts, every check of its plan over time, its gaps and the matching
    support. Other roles get 404, as for the supplier's page."""
    supplier = None
    if user.role in CLIMATE_ROLES and 0 < supplier_id <= MAX_ID:
        supplier = get_supplier(db, supplier_id)
    if supplier is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    today = utcnow().date()
    return detail_out(
        register_entry(db, supplier, today),
        supplier_history(db, supplier),
        supplier_support(db, supplier, today=today),
    )


@router.get(
    "/dashboard",
    summary="Supply chain readiness",
    response_model=DashboardOut,
    responses=_DENIED,
)
def dashboard(db: SessionDep, user: ClimateApiUser) -> DashboardOut:
    """Every figure of the dashboard page, each with its label and definition."""
    return dashboard_out(build_dashboard(db))


@router.get(
    "/support",
    summary="The support list",
    response_model=SupportListOut,
    responses=_DENIED,
)
def support(
    db: SessionDep,
    user: ClimateApiUser,
    route: Annotated[str | None, Query(max_length=100)] = None,
    category: Annotated[str | None, Query(max_length=100)] = None,
    min_spend: Annotated[float | None, Query(ge=0, le=1e12)] = None,
) -> SupportListOut:
    """Suppliers with gaps, grouped by the support route that helps, then those with no plan;
    filtered as on the page."""
    spend = None if min_spend is None else Decimal(str(min_spend))
    listed = build_support_list(
        db, route=route or None, category=category or None, min_spend=spend, today=utcnow().date()
    )
    return support_list_out(listed)


def _import(db: Session, data: bytes, filename: str) -> ImportOut:
    report = import_register(db, data, filename)
    linked = link_unlinked(db, limit=AUTO_LINK_BATCH)
    return import_out(report, linked)


@router.post(
    "/suppliers/import",
    summary="Import a register file",
    response_model=ImportOut,
    responses={
        **_DENIED,
        400: {"description": "No file was sent"},
        413: {"description": "The file is over the size limit"},
        422: {"description": "The file is not a readable CSV or XLSX register"},
    },
)
async def import_file(
    db: SessionDep,
    user: ClimateApiUser,
    settings: SettingsDep,
    file: Annotated[FormFile | None, File(description="The register, CSV or XLSX")] = None,
) -> ImportOut:
    """Add or update suppliers and contracts from a CSV or XLSX register (one row per contract);
    the counts, each refused row with its reason, and how many stored checks were linked."""
    if file is None or not file.filename:
        raise MissingInputError(
            "No register file was sent.", 'Send it as multipart/form-data, field "file".'
        )
    data = await read_upload(file, settings.max_file_bytes)
    return await run_in_threadpool(_import, db, data, display_name(file.filename))
