"""The tender JSON API under /api/v1/tenders (issue 14), for procurement scripts and portals.

Token auth like the rest of the API; evaluators and admins only: other roles get 403 on
/api/v1/tenders and 404 on every tender address, as on the pages. Every figure comes from the
tender matrix (crp_checker.tenders.matrix_rows), so the API says what the pages and exports
say. After finalising, every write answers 409.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form
from fastapi import UploadFile as FormFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from crp_checker.schemas import Verdict
from crp_checker.store import User
from crp_checker.tenders import (
    TENDER_ROLES,
    BidSource,
    MarkingScale,
    MatrixRow,
    Tender,
    TenderStatus,
    add_bid,
    create_tender,
    effective_limits,
    finalise,
    list_tenders_for,
    matrix_rows,
    row_for,
    tender_settings,
    text_field,
    withdraw_bid,
)
from crp_checker.tenders.overrides import BuyerOverrides
from crp_checker.web.auth import ForbiddenError
from crp_checker.web.deps import ApiUser, CheckingDep, SessionDep
from crp_checker.web.tender_deps import ApiTenderDep, bid_or_404, check_for_tender

router = APIRouter(prefix="/api/v1/tenders", tags=["Tenders"])

_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid token"},
    403: {"description": "The token's account is not an evaluator or admin"},
}
_FOUND: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid token"},
    404: {"description": "No such tender or bid, or the account cannot see tenders"},
}
_WRITE: dict[int | str, dict[str, Any]] = {
    **_FOUND,
    409: {"description": "The tender is finalised (or the bidder already has a bid)"},
    422: {"description": "A field is missing, out of range or holds a control character"},
}


class TenderIn(BaseModel):
    """A new draft tender."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, description="The procurement's title")
    reference: str = Field(
        min_length=1, max_length=100, description="Its reference in the tender documents"
    )
    procurement_date: dt.date = Field(description="Plans are judged as at this date")
    climate_weight_percent: float = Field(
        10.0, ge=0, le=100, description="The climate criterion's share of the total score"
    )
    marking_scale: MarkingScale = Field(
        MarkingScale.BANDS, description="0-5 bands, or the 0-100 quality score"
    )
    buyer_settings: BuyerOverrides = Field(default_factory=BuyerOverrides)


class WithdrawIn(BaseModel):
    """Why the bid is withdrawn (kept in the matrix, the exports and the log)."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=4000)


class Gate(BaseModel):
    """The PPN 006 condition of participation for one bid."""

    result: Literal["pass", "fail", "needs_review"]
    grounds_failed: list[str] = Field(description="PPN 006 grounds (a)-(e) that failed")
    rules_failed: list[str] = Field(description="Mandatory rules that fail")
    rules_to_review: list[str] = Field(description="Mandatory rules an evaluator must decide")
    explanation: str = Field(description="Why, naming the limits applied")


class BidOut(BaseModel):
    """One bid's line of the matrix (withdrawn bids are listed too, not scored)."""

    id: str
    url: str = Field(description="The bid's page")
    bidder: str
    status: Literal["active", "withdrawn"]
    withdrawn_reason: str | None
    withdrawn_at: dt.datetime | None
    gate: Gate
    verdict: Verdict
    score: int = Field(description="Quality score 0-100, after moderation")
    band: int | None = Field(description="0-5; null while the gate waits, or when withdrawn")
    marks: float | None = Field(description="Weighted marks; null when not scored")
    marks_available: float
    net_zero_year: int | None
    scope3_required_reported: int = Field(
        description="How many of the required Scope 3 categories are reported or ruled out"
    )
    scope3_required: list[int] = Field(description="The required Scope 3 categories")
    scope3_covered: list[int]
    moderated: bool
    version: int = Field(description="The plan version judged (re-submissions count up)")
    assessment_id: str
    report_url: str


class Limit(BaseModel):
    """A buyer setting as it works at the gate, grace period included."""

    setting: str
    label: str
    value: str
    grace: str | None
    effect: str


class TenderOut(BaseModel):
    """A tender with its settings, effective limits and matrix."""

    id: str
    url: str
    title: str
    reference: str
    procurement_date: dt.date
    climate_weight_percent: float
    marking_scale: MarkingScale
    status: TenderStatus
    buyer_settings: dict[str, Any] = Field(description="The overrides of the defaults")
    settings: dict[str, Any] = Field(description="Every buyer setting the bids are judged by")
    limits: list[Limit]
    created_at: dt.datetime
    finalised_at: dt.datetime | None
    bids: list[BidOut]


class TenderSummary(BaseModel):
    """A tender in a list."""

    id: str
    url: str
    title: str
    reference: str
    procurement_date: dt.date
    status: TenderStatus
    bids: int
    created_at: dt.datetime


def _require_role(user: User) -> None:
    if user.role not in TENDER_ROLES:
        raise ForbiddenError


def _bid_out(tender: Tender, row: MatrixRow) -> BidOut:
    return BidOut(
        id=row.bid_public_id,
        url=f"/tenders/{tender.public_id}/bids/{row.bid_public_id}",
        bidder=row.bidder,
        status="withdrawn" if row.withdrawn else "active",
        withdrawn_reason=row.withdrawn_reason,
        withdrawn_at=row.withdrawn_at,
        gate=Gate(
            result=row.gate_value,
            grounds_failed=row.grounds_failed,
            rules_failed=row.rules_failed,
            rules_to_review=row.rules_to_review,
            explanation=row.gate_explanation,
        ),
        verdict=row.verdict,
        score=row.quality_score,
        band=row.band,
        marks=row.marks,
        marks_available=row.marks_available,
        net_zero_year=row.net_zero_year,
        scope3_required_reported=len(row.scope3_covered),
        scope3_required=row.scope3_required,
        scope3_covered=row.scope3_covered,
        moderated=row.moderated,
        version=row.version,
        assessment_id=row.assessment_public_id,
        report_url=f"/reports/{row.assessment_public_id}",
    )


def _tender_out(tender: Tender) -> TenderOut:
    settings = tender_settings(tender)
    return TenderOut(
        id=tender.public_id,
        url=f"/tenders/{tender.public_id}",
        title=tender.title,
        reference=tender.reference,
        procurement_date=tender.procurement_date,
        climate_weight_percent=tender.climate_weight_percent,
        marking_scale=tender.marking_scale,
        status=tender.status,
        buyer_settings=dict(tender.buyer_settings),
        settings=settings.model_dump(mode="json"),
        limits=[
            Limit(setting=x.setting, label=x.label, value=x.value, grace=x.grace, effect=x.effect)
            for x in effective_limits(settings)
        ],
        created_at=tender.created_at,
        finalised_at=tender.finalised_at,
        bids=[_bid_out(tender, row) for row in matrix_rows(tender)],
    )


def _location(tender: Tender) -> dict[str, str]:
    return {"Location": f"/api/v1/tenders/{tender.public_id}"}


@router.post(
    "",
    summary="Create a tender",
    status_code=201,
    response_model=TenderOut,
    responses={**_AUTH, 422: {"description": "A field is missing or out of range"}},
)
def tender_create(db: SessionDep, user: ApiUser, body: TenderIn) -> JSONResponse:
    """A new draft tender; bids are then added to it and judged as at its procurement date."""
    _require_role(user)
    tender = create_tender(
        db,
        title=body.title,
        reference=body.reference,
        procurement_date=body.procurement_date,
        climate_weight_percent=body.climate_weight_percent,
        marking_scale=body.marking_scale,
        buyer_settings=body.buyer_settings.model_dump(exclude_none=True),
        user=user,
    )
    out = _tender_out(tender)
    return JSONResponse(out.model_dump(mode="json"), status_code=201, headers=_location(tender))


@router.get("", summary="List tenders", response_model=list[TenderSummary], responses=_AUTH)
def tender_list(db: SessionDep, user: ApiUser) -> list[TenderSummary]:
    """Every tender, newest first."""
    _require_role(user)
    return [
        TenderSummary(
            id=t.public_id,
            url=f"/tenders/{t.public_id}",
            title=t.title,
            reference=t.reference,
            procurement_date=t.procurement_date,
            status=t.status,
            bids=len(t.bids),
            created_at=t.created_at,
        )
        for t in list_tenders_for(db, user)
    ]


@router.get(
    "/{tender_id}",
    summary="Get a tender and its matrix",
    response_model=TenderOut,
    responses=_FOUND,
)
def tender_get(tender: ApiTenderDep) -> TenderOut:
    """The tender, its effective limits and every bid received, withdrawn ones marked."""
    return _tender_out(tender)


@router.post(
    "/{tender_id}/bids",
    summary="Add a bid",
    status_code=201,
    response_model=BidOut,
    responses={
        **_WRITE,
        400: {"description": "Neither a file nor a URL, or both"},
        413: {"description": "The file is over the size or page limit"},
        415: {"description": "Not a PDF, DOCX, HTML or text document"},
        502: {"description": "The URL could not be fetched"},
        503: {"description": "Every checker is busy: try again shortly"},
    },
)
async def bid_add(
    db: SessionDep,
    user: ApiUser,
    tender: ApiTenderDep,
    service: CheckingDep,
    bidder: Annotated[str, Form(min_length=1, max_length=200, description="The bidder's name")],
    file: Annotated[FormFile | None, File(description="The bidder's plan")] = None,
    url: Annotated[str | None, Form(max_length=2000, description="Or its web address")] = None,
) -> JSONResponse:
    """Check the bidder's plan with the tender's settings and add it to the matrix."""
    plan, assessment = await check_for_tender(
        db, tender, service, file, url, before=lambda: text_field(bidder, "bidder name", 200)
    )

    def add() -> dict[str, Any]:
        bid = add_bid(
            db,
            tender,
            bidder_name=bidder,
            data=plan.data,
            assessment=assessment,
            user=user,
            added_via=BidSource.URL if plan.url else BidSource.UPLOAD,
            source_url=plan.url,
        )
        return _bid_out(tender, row_for(tender, bid)).model_dump(mode="json")

    body = await run_in_threadpool(add)
    location = f"/api/v1/tenders/{tender.public_id}/bids/{body['id']}"
    return JSONResponse(body, status_code=201, headers={"Location": location})


@router.get(
    "/{tender_id}/bids/{bid_id}", summary="Get one bid", response_model=BidOut, responses=_FOUND
)
def bid_get(tender: ApiTenderDep, bid_id: str) -> BidOut:
    """One bid's line of the matrix."""
    return _bid_out(tender, row_for(tender, bid_or_404(tender, bid_id)))


@router.post(
    "/{tender_id}/bids/{bid_id}/withdraw",
    summary="Withdraw a bid",
    response_model=BidOut,
    responses=_WRITE,
)
def bid_withdraw(
    db: SessionDep, user: ApiUser, tender: ApiTenderDep, bid_id: str, body: WithdrawIn
) -> BidOut:
    """Mark the bid withdrawn with the reason; it stays in the matrix, not scored."""
    bid = bid_or_404(tender, bid_id)
    withdraw_bid(db, bid, user=user, reason=body.reason)
    return _bid_out(tender, row_for(tender, bid))


@router.post(
    "/{tender_id}/finalise",
    summary="Finalise a tender",
    response_model=TenderOut,
    responses={
        **_FOUND,
        409: {
            "description": "Already finalised, a gate is undecided, or a bid has an open "
            "question (answer it on the review page)"
        },
    },
)
def tender_finalise(db: SessionDep, user: ApiUser, tender: ApiTenderDep) -> TenderOut:
    """Keep the matrix as decided; every later write answers 409."""
    finalise(db, tender, user=user)
    return _tender_out(tender)
