"""Tender evaluation pages (issues 5 and 14): the list, a tender's matrix, adding bids, its
settings, exports and finalising (one bid's pages are in web/tender_bids.py).

Only evaluators and admins use these pages: other roles get 403 on /tenders and 404 on every
tender address (a bidder must not even learn that a tender exists). Every change goes through
crp_checker.tenders, which refuses it with 409 once the tender is finalised.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request
from fastapi import UploadFile as FormFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from crp_checker.errors import CRPError
from crp_checker.store import User, get_assessment_for
from crp_checker.tenders import (
    GATE_LABELS,
    BidSource,
    InvalidTenderError,
    MarkingScale,
    Tender,
    add_bid,
    add_bid_from_stored,
    create_tender,
    current_bids,
    effective_limits,
    finalise,
    list_tenders_for,
    matrix_rows,
    open_questions,
    require_draft,
    tender_log,
    tender_settings,
    text_field,
    update_tender,
)
from crp_checker.tenders.export import (
    CSV_MEDIA_TYPE,
    XLSX_MEDIA_TYPE,
    matrix_csv,
    matrix_xlsx,
)
from crp_checker.tenders.forms import (
    BUYER_FIELDS,
    TenderForm,
    buyer_defaults,
    merged_overrides,
    stored_choices,
)
from crp_checker.web.deps import CheckingDep, CurrentUser, SessionDep, TenderUser
from crp_checker.web.render import render
from crp_checker.web.tender_deps import (
    TenderDep,
    check_for_tender,
    download,
    tender_file_name,
)

router = APIRouter(prefix="/tenders", include_in_schema=False)
Form200 = Annotated[str, Form(max_length=200)]


def _common() -> dict[str, Any]:
    return {
        "buyer_fields": BUYER_FIELDS,
        "defaults": buyer_defaults(),
        "scales": list(MarkingScale),
        "gate_labels": GATE_LABELS,
    }


# --------------------------------------------------------------------------- tender list


def _list_page(
    request: Request, db: Session, user: User, status: int = 200, **extra: Any
) -> HTMLResponse:
    context = _common() | {
        "tenders": list_tenders_for(db, user),
        "form": TenderForm().model_dump(),
    }
    return render(request, "tender_list.html", context | extra, user=user, status=status)


@router.get("", response_class=HTMLResponse)
def tenders(request: Request, db: SessionDep, user: TenderUser) -> HTMLResponse:
    """The evaluator's tenders and the form for a new one."""
    return _list_page(request, db, user)


@router.post("", response_class=HTMLResponse)
def new_tender(
    request: Request, db: SessionDep, user: TenderUser, form: Annotated[TenderForm, Form()]
) -> Response:
    """Create a draft tender; its procurement date is the date bids are judged at."""
    try:
        tender = create_tender(
            db,
            title=form.title,
            reference=form.reference,
            procurement_date=form.procurement_date,
            climate_weight_percent=form.climate_weight_percent,
            marking_scale=form.marking_scale,
            buyer_settings=form.buyer_overrides(),
            user=user,
        )
        public_id = tender.public_id
    except CRPError as error:
        db.rollback()
        return _list_page(request, db, user, error.http_status, error=error, form=form.model_dump())
    return RedirectResponse(f"/tenders/{public_id}", status_code=303)


# --------------------------------------------------------------------------- one tender


def _tender_page(
    request: Request, db: Session, user: User, tender: Tender, status: int = 200, **extra: Any
) -> HTMLResponse:
    context = _common() | {
        "tender": tender,
        "rows": matrix_rows(tender),
        "open_questions": {bid.public_id: open_questions(bid) for bid in tender.bids},
        "log": tender_log(tender),
        "settings": tender_settings(tender),
        "limits": effective_limits(tender_settings(tender)),
        "has_bids": bool(current_bids(tender)),
        "choices": [] if tender.finalised else stored_choices(db, user),
        "form": TenderForm.of(tender).model_dump(),
        "bid_form": {"bidder_name": "", "url": "", "via": ""},
    }
    return render(request, "tender_page.html", context | extra, user=user, status=status)


@router.get("/{public_id}", response_class=HTMLResponse)
def tender_page(
    request: Request, db: SessionDep, user: CurrentUser, tender: TenderDep
) -> HTMLResponse:
    """The side-by-side matrix, the forms to add bids, the settings and the exports."""
    return _tender_page(request, db, user, tender)


@router.post("/{public_id}/settings", response_class=HTMLResponse)
def tender_update(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    form: Annotated[TenderForm, Form()],
) -> Response:
    """Change a draft tender. The form offers the date and buyer settings only without bids,
    so a form without a date leaves them as they are."""
    with_basis = bool(form.procurement_date.strip())
    try:
        update_tender(
            db,
            tender,
            title=form.title,
            reference=form.reference,
            climate_weight_percent=form.climate_weight_percent,
            marking_scale=form.marking_scale,
            procurement_date=form.procurement_date if with_basis else None,
            buyer_settings=merged_overrides(tender, form.buyer_overrides()) if with_basis else None,
        )
    except CRPError as error:
        db.rollback()
        context = {"error": error, "form": form.model_dump()}
        return _tender_page(request, db, user, tender, error.http_status, **context)
    return RedirectResponse(f"/tenders/{tender.public_id}#settings", status_code=303)


@router.post("/{public_id}/bids", response_class=HTMLResponse)
async def add_plan_bid(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    service: CheckingDep,
    bidder_name: Form200 = "",
    file: Annotated[FormFile | None, File()] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """Add a bid from an uploaded plan or its web address, checked with the tender's settings."""
    try:
        plan, assessment = await check_for_tender(
            db,
            tender,
            service,
            file,
            url,
            before=lambda: text_field(bidder_name, "bidder name", 200),
        )
        await run_in_threadpool(
            lambda: add_bid(
                db,
                tender,
                bidder_name=bidder_name,
                data=plan.data,
                assessment=assessment,
                user=user,
                added_via=BidSource.URL if plan.url else BidSource.UPLOAD,
                source_url=plan.url,
            )
        )
    except CRPError as error:
        bid_form = {"bidder_name": bidder_name, "url": url or "", "via": "url" if url else "file"}
        await run_in_threadpool(db.rollback)
        return await run_in_threadpool(
            _tender_page,
            request,
            db,
            user,
            tender,
            error.http_status,
            error=error,
            bid_form=bid_form,
        )
    return RedirectResponse(f"/tenders/{tender.public_id}#matrix", status_code=303)


@router.post("/{public_id}/bids/stored", response_class=HTMLResponse)
def add_stored_bid(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    service: CheckingDep,
    assessment: Annotated[str, Form(max_length=64)],
    bidder_name: Form200 = "",
) -> Response:
    """Add a supplier's stored plan as a bid; it is checked again with the tender's settings."""
    try:
        record = get_assessment_for(db, user, assessment)
        if record is None:
            raise InvalidTenderError(
                "There is no stored assessment with that id that you can see.",
                hint="Choose one of the stored assessments in the list.",
            )
        add_bid_from_stored(
            db,
            tender,
            record,
            user=user,
            service=service,  # the stored file is parsed in the worker pool, as every check
            bidder_name=bidder_name.strip() or None,
        )
    except CRPError as error:
        db.rollback()
        bid_form = {"bidder_name": bidder_name, "url": "", "via": "stored"}
        return _tender_page(
            request, db, user, tender, error.http_status, error=error, bid_form=bid_form
        )
    return RedirectResponse(f"/tenders/{tender.public_id}#matrix", status_code=303)


@router.post("/{public_id}/finalise", response_class=HTMLResponse)
def tender_finalise(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Close the evaluation after the evaluator ticked the confirmation box."""
    try:
        require_draft(db, tender)
        if confirm != "yes":
            raise InvalidTenderError(
                "The tender was not finalised: the confirmation box was not ticked.",
                hint="Tick the box to confirm that the matrix is final, then finalise again.",
            )
        finalise(db, tender, user=user)
    except CRPError as error:
        db.rollback()
        return _tender_page(request, db, user, tender, error.http_status, error=error)
    return RedirectResponse(f"/tenders/{tender.public_id}", status_code=303)


@router.get("/{public_id}/export.csv")
def export_csv(tender: TenderDep) -> Response:
    """The matrix as CSV (UTF-8 with BOM, for Excel)."""
    return download(matrix_csv(tender), CSV_MEDIA_TYPE, tender_file_name(tender, "matrix", "csv"))


@router.get("/{public_id}/export.xlsx")
def export_xlsx(tender: TenderDep) -> Response:
    """The matrix, the audit log and the settings as an Excel workbook."""
    return download(
        matrix_xlsx(tender), XLSX_MEDIA_TYPE, tender_file_name(tender, "matrix", "xlsx")
    )
