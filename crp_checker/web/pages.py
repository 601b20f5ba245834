"""The supplier self-check and saved reports: upload, report page, JSON twin, print, re-check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request
from fastapi import UploadFile as FormFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from crp_checker.corrections import fact_choices
from crp_checker.corrections.stored import correction_state
from crp_checker.draft.form import fix_plan_fields
from crp_checker.errors import CRPError
from crp_checker.report.changes import compare
from crp_checker.report.html import render_html
from crp_checker.report.summary import report_context
from crp_checker.report.tabular import render_json
from crp_checker.schemas import Assessment
from crp_checker.store import (
    AssessmentRecord,
    User,
    count_assessments_for,
    get_assessment_for,
    list_assessments_for,
    previous_assessment,
)
from crp_checker.suppliers.linking import store_check
from crp_checker.web.deps import CheckingDep, CurrentUser, OptionalUser, SessionDep
from crp_checker.web.errors import error_headers
from crp_checker.web.render import render
from crp_checker.web.uploads import PlanInput, admitted_check, plan_input

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
MAX_PAGE = 10**6  # keeps the offset inside 64-bit integers
NOT_FOUND = "There is no report with this address, or it belongs to another organisation."


@router.get("/", response_class=HTMLResponse)
def home(request: Request, user: OptionalUser) -> HTMLResponse:
    """The self-check form: upload a plan or give its address."""
    return render(request, "home.html", user=user)


@router.post("/check", response_class=HTMLResponse)
async def check(
    request: Request,
    db: SessionDep,
    user: OptionalUser,
    service: CheckingDep,
    file: Annotated[FormFile | None, File()] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """Check a plan: anonymous checks are shown, not stored; signed-in checks are saved."""

    async def given() -> PlanInput:
        return plan_input(file, url)

    try:
        plan, assessment = await admitted_check(request, service, given, signed_in=user is not None)
    except CRPError as error:
        context = {"error": error, "url_value": (url or "")[:2000]}
        return render(
            request,
            "home.html",
            context,
            user=user,
            status=error.http_status,
            headers=error_headers(error),
        )
    if user is None:
        context = report_context(assessment) | {
            "web_panel": "web/anonymous_panel.html",
            "fix_plan": fix_plan_fields(assessment),
        }
        return render(request, "report.html", context, user=None)
    public_id = await run_in_threadpool(store_check, db, plan, assessment, user)
    return RedirectResponse(f"/reports/{public_id}", status_code=303)


@router.get("/reports", response_class=HTMLResponse)
def reports(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    """The checks the user may see: their organisation's, or every one for council staff."""
    page = max(1, page)
    total = count_assessments_for(db, user)
    records = list_assessments_for(db, user, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    context = {
        "records": records,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
        "total": total,
    }
    return render(request, "reports.html", context, user=user)


def _visible(db: Session, user: User, public_id: str) -> AssessmentRecord:
    """The record; 404 for ids that do not exist or belong to others."""
    record = get_assessment_for(db, user, public_id)
    if record is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return record


def _changes(previous: AssessmentRecord, now: Assessment) -> dict[str, Any]:
    """What changed since the previous plan, with rule titles for the page."""
    before = previous.assessment
    titles = {f.rule: f.title for f in before.findings} | {f.rule: f.title for f in now.findings}
    changes = compare(before, now)
    return {
        "previous": previous,
        "changes": changes,
        "titles": titles,
        "score_change": now.score - before.score,
    }


@router.get("/reports/{public_id}.json")
def report_json(db: SessionDep, user: CurrentUser, public_id: str) -> Response:
    """The JSON twin of a report page: the Assessment exactly as stored."""
    record = _visible(db, user, public_id)
    return Response(render_json(record.assessment), media_type="application/json")


@router.get("/reports/{public_id}/print", response_class=HTMLResponse)
def report_print(db: SessionDep, user: CurrentUser, public_id: str) -> HTMLResponse:
    """The report alone, without the site's navigation, for printing or saving as PDF."""
    record = _visible(db, user, public_id)
    return HTMLResponse(render_html(record.assessment, standalone=False))


@router.get("/reports/{public_id}", response_class=HTMLResponse)
def report(request: Request, db: SessionDep, user: CurrentUser, public_id: str) -> HTMLResponse:
    """A stored report, with what changed since the organisation's previous plan."""
    record = _visible(db, user, public_id)
    previous = previous_assessment(db, record)
    assessment = record.assessment  # parsed once: the JSON is tens of kilobytes
    can_correct, correction_note = correction_state(db, user, record)
    context = report_context(assessment) | {
        "can_correct": can_correct,
        "correction_note": correction_note,
        "fact_choices": fact_choices() if can_correct else [],
        "record": record,
        "web_panel": "web/report_panel.html",
        "fix_plan": {"href": f"/reports/{record.public_id}/plan"},
        "can_recheck": user.id == record.user_id
        or (record.organisation_id is not None and user.organisation_id == record.organisation_id),
        **(_changes(previous, assessment) if previous is not None else {}),
    }
    return render(request, "report.html", context, user=user)
