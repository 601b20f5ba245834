"""The JSON API under /api/v1, for portals and scripts (documented at /docs).

`POST /api/v1/check` is anonymous and stores nothing. The other calls need an API token
(`Authorization: Bearer crp_...`, made on the account page) or a signed-in session.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from crp_checker.report.rulebook import render_rules_json
from crp_checker.report.tabular import render_json
from crp_checker.rules import RULES
from crp_checker.schemas import Assessment, Verdict
from crp_checker.store import (
    AssessmentRecord,
    User,
    count_assessments_for,
    get_assessment_for,
    list_assessments_for,
)
from crp_checker.suppliers.linking import store_check
from crp_checker.web.deps import ApiUser, CheckingDep, OptionalApiUser, SessionDep
from crp_checker.web.hygiene import json_body
from crp_checker.web.uploads import MissingInputError, PlanInput, admitted_check, plan_input

router = APIRouter(prefix="/api/v1", tags=["API v1"])
# Far past any real list, and inside every database's 64-bit integers.
MAX_OFFSET = 10**9

_PLAN_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"url": {"type": "string", "format": "uri", "maxLength": 2000}},
                    "required": ["url"],
                }
            },
        },
    }
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "description": "Neither a file nor a URL, or both; a URL that is not http(s), "
        "or one on a private network"
    },
    413: {"description": "The file is over the size or page limit"},
    415: {"description": "Not a PDF, DOCX, HTML or text document"},
    422: {
        "description": "The file could not be read (corrupt, encrypted, empty), or a JSON "
        "body past its limits (nesting, number length, size)"
    },
    429: {
        "description": "Over the anonymous share (checks per hour, one at a time per client) "
        "or the wait queue is full; Retry-After says when to try again"
    },
    502: {"description": "The URL could not be fetched"},
    503: {"description": "Every checker stayed busy: try again after Retry-After"},
}


class AssessmentSummary(BaseModel):
    """One stored assessment in a list."""

    id: str = Field(description="The assessment's public id")
    url: str = Field(description="Its report page")
    source_name: str
    verdict: Verdict
    score: int
    maturity: int
    net_zero_year: int | None
    is_crp: bool
    rulebook_version: str
    check_date: dt.date
    created_at: dt.datetime


class AssessmentList(BaseModel):
    """A page of the caller's assessments, newest first."""

    total: int
    limit: int
    offset: int
    items: list[AssessmentSummary]


def _summary(record: AssessmentRecord) -> AssessmentSummary:
    return AssessmentSummary(
        id=record.public_id,
        url=f"/reports/{record.public_id}",
        source_name=record.source_name,
        verdict=record.verdict,
        score=record.score,
        maturity=record.maturity,
        net_zero_year=record.net_zero_year,
        is_crp=record.is_crp,
        rulebook_version=record.rulebook_version,
        check_date=record.check_date,
        created_at=record.created_at,
    )


def _input_from(request: Request) -> Callable[[], Awaitable[PlanInput]]:
    """Reads the request's multipart `file` (spooled) or JSON `{"url": ...}` when called."""

    async def given() -> PlanInput:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == "application/json":
            body = await json_body(request)
            url = body.get("url") if isinstance(body, dict) else None
            if not isinstance(url, str) or not url.strip():
                raise MissingInputError('The JSON body needs a "url".')
            return plan_input(None, url)
        if content_type == "multipart/form-data":
            form = await request.form(max_files=1, max_fields=10)
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise MissingInputError('The form needs a "file" field with the plan.')
            return plan_input(upload, None)
        raise MissingInputError(
            'Send the plan as multipart/form-data (field `file`) or JSON {"url": ...}.'
        )

    return given


@router.post(
    "/check",
    summary="Check a plan without storing it",
    openapi_extra=_PLAN_BODY,
    responses=_ERRORS,
)
async def check(request: Request, service: CheckingDep, user: OptionalApiUser) -> Response:
    """The Assessment JSON for an uploaded plan or a URL; anonymous, nothing is stored.

    Anonymous calls are limited per client address (see the 429 answer); with a token they
    count as the token's user's."""
    _, assessment = await admitted_check(
        request, service, _input_from(request), signed_in=user is not None
    )
    return Response(render_json(assessment), media_type="application/json")


@router.post(
    "/assessments",
    summary="Check a plan and store the assessment",
    status_code=201,
    openapi_extra=_PLAN_BODY,
    responses={401: {"description": "No valid token"}, **_ERRORS},
)
async def submit(request: Request, db: SessionDep, user: ApiUser, service: CheckingDep) -> Response:
    """Like /check, but the file and assessment are kept under the caller's organisation.

    An unchanged plan is not stored twice: the answer is then the stored check it repeats."""
    plan, assessment = await admitted_check(request, service, _input_from(request), signed_in=True)
    public_id = await run_in_threadpool(store_check, db, plan, assessment, user)
    stored = await run_in_threadpool(_stored_json, db, user, public_id, assessment)
    body = {"id": public_id, "url": f"/reports/{public_id}"} | stored
    return JSONResponse(
        body, status_code=201, headers={"Location": f"/api/v1/assessments/{public_id}"}
    )


def _stored_json(db: Session, user: User, public_id: str, fresh: Assessment) -> dict[str, Any]:
    """The stored Assessment JSON, as GET /assessments/{id} answers it (`fresh` if hidden)."""
    record = get_assessment_for(db, user, public_id)
    loaded: dict[str, Any] = json.loads(render_json(fresh if record is None else record.assessment))
    return loaded


@router.get("/assessments", summary="List your assessments", response_model=AssessmentList)
def list_assessments(
    db: SessionDep,
    user: ApiUser,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    verdict: Verdict | None = None,
) -> AssessmentList:
    """The caller's organisation's assessments (all of them for council staff), newest first."""
    records = list_assessments_for(db, user, limit=limit, offset=offset, verdict=verdict)
    total = count_assessments_for(db, user, verdict=verdict)
    return AssessmentList(
        total=total, limit=limit, offset=offset, items=[_summary(r) for r in records]
    )


@router.get(
    "/assessments/{public_id}",
    summary="Get one assessment",
    responses={401: {"description": "No valid token"}, 404: {"description": "Not yours"}},
)
def get_assessment(db: SessionDep, user: ApiUser, public_id: str) -> Response:
    """The full Assessment JSON; another organisation's id is 404, as if it did not exist."""
    record = get_assessment_for(db, user, public_id)
    if record is None:
        raise HTTPException(status_code=404, detail="There is no such assessment.")
    return Response(render_json(record.assessment), media_type="application/json")


@router.get("/rules", summary="The rulebook")
def rules() -> Response:
    """Every rule: id, title, section, severity and the PPN 006 grounds it serves."""
    return Response(render_rules_json(RULES.values()), media_type="application/json")
