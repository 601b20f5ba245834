"""Fact corrections in the JSON API (issue 13): correct what the checker read, get the plan
judged again. The same objects as `crp-checker check --corrections FILE.json`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from crp_checker.corrections import Correction, CorrectionError, parse_corrections
from crp_checker.corrections.stored import correct
from crp_checker.report.tabular import render_json
from crp_checker.store import get_assessment_for
from crp_checker.web.deps import ApiUser, SessionDep
from crp_checker.web.hygiene import json_body

router = APIRouter(prefix="/api/v1/assessments", tags=["Corrections"])
MAX_CORRECTIONS = 50

_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "array",
                    "items": Correction.model_json_schema(),
                    "minItems": 1,
                    "maxItems": MAX_CORRECTIONS,
                }
            }
        },
    }
}


@router.post(
    "/{public_id}/corrections",
    summary="Correct facts of a stored assessment and judge it again",
    openapi_extra=_BODY,
    responses={
        200: {"description": "The assessment judged again on the corrected facts"},
        401: {"description": "No valid token"},
        403: {"description": "The account may see the assessment but not correct it"},
        404: {"description": "No such assessment, or not yours"},
        409: {"description": "The assessment is a bid of a finalised tender"},
        422: {
            "description": "A correction names no known fact or gives a value of the wrong "
            "kind; the message names the correction and the field"
        },
    },
)
async def add_corrections(
    request: Request, db: SessionDep, user: ApiUser, public_id: str
) -> Response:
    """Each correction `{fact, value, page, quote, reason}` sets a fact (`baseline.scope1`,
    `current.end`, `net_zero_year`, `is_crp`, `scope3.6`, ...) to the value a person read in
    the plan. The rules and the score run again; the answer is the whole new Assessment, with
    `facts.corrections` keeping the checker's original of each corrected fact. Evaluators
    correct their tenders' bids (not once the tender is finalised), the climate team the
    register's checks, a supplier its own checks (marked as the supplier's statement)."""
    record = get_assessment_for(db, user, public_id)
    if record is None:
        raise HTTPException(status_code=404, detail="There is no such assessment.")
    body = await json_body(request)
    if isinstance(body, list) and len(body) > MAX_CORRECTIONS:
        raise CorrectionError(f"At most {MAX_CORRECTIONS} corrections are taken at once.")
    corrections = parse_corrections(body)
    if not corrections:
        raise CorrectionError("The list of corrections is empty.")
    assessment = await run_in_threadpool(correct, db, record, corrections, user)
    return Response(render_json(assessment), media_type="application/json")
