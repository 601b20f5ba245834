"""The supplier self-check and saved reports: upload, report page, JSON twin, print, re-check."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request
from fastapi import UploadFile as FormFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from crp_checker.errors import CRPError
from crp_checker.report.html import render_html
from crp_checker.report.summary import report_context
from crp_checker.report.tabular import render_json
from crp_checker.schemas import Assessment
from crp_checker.store import (
    AssessmentRecord,
    User,
    compare,
    count_assessments_for,
    get_assessment_for,
    list_assessments_for,
    previous_assessment,
    save_check,
    session_scope,
)
from crp_checker.suppliers import auto_link
from crp_checker.web.auth import require_user, session_user
from crp_checker.web.checking import (
    BothInputsError,
    MissingInputError,
    fetch_plan,
    read_upload,
    safe_filename,
)
from crp_checker.web.render import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
MAX_PAGE = 10**6  # keeps the offset inside 64-bit integers
NOT_FOUND = "There is no report with this address, or it belongs to another organisation."


def current_user(request: Request) -> User | None:
    """The signed-in user for a page (a short read-only transaction)."""
    with session_scope(request.app.state.engine) as db:
        return session_user(db, request)


async def obtain_plan(
    request: Request, upload: UploadFile | None, url: str | None
) -> tuple[bytes, str, str | None]:
    """The plan's bytes, its name and (for a URL) its address, from a form or API request."""
    has_file = upload is not None and bool(upload.filename)
    address = (url or "").strip()
    if has_file and address:
        raise BothInputsError("You gave both a file and a web address.")
    settings = request.app.state.settings
    if upload is not None and has_file:
        data = await read_upload(upload, settings.max_file_bytes)
        return data, safe_filename(upload.filename), None
    if address:
        return await run_in_threadpool(fetch_plan, address, settings)
    raise MissingInputError("No plan was given.")


async def check_plan(request: Request, data: bytes, name: str, url: str | None) -> Assessment:
    """Check in the worker pool, off the event loop (a check takes up to the parse timeout)."""
    checker = request.app.state.checker
    assessment: Assessment = await run_in_threadpool(checker.check, data, name=name, url=url)
    return assessment


def store_check(
    request: Request, user: User, data: bytes, assessment: Assessment, url: str | None
) -> str:
    """Save a signed-in user's check (file, then assessment, one transaction), linked to its
    supplier in the register when the plan says unambiguously whose it is; its public id."""
    with session_scope(request.app.state.engine) as db:
        owner = db.merge(user)
        record = save_check(db, data, assessment, user=owner, source_url=url)
        auto_link(db, record, suggest=False)  # the climate team's register (issue 6)
        return record.public_id


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The self-check form: upload a plan or give its address."""
    return render(request, "home.html", user=current_user(request))


@router.post("/check", response_class=HTMLResponse)
async def check(
    request: Request,
    file: Annotated[FormFile | None, File()] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """Check a plan: anonymous checks are shown, not stored; signed-in checks are saved."""
    user = current_user(request)
    try:
        data, name, address = await obtain_plan(request, file, url)
        assessment = await check_plan(request, data, name, address)
    except CRPError as error:
        context = {"error": error, "url_value": (url or "")[:2000]}
        return render(request, "home.html", context, user=user, status=error.http_status)
    if user is None:
        context = report_context(assessment) | {"web_panel": "web/anonymous_panel.html"}
        return render(request, "report.html", context, user=None)
    public_id = await run_in_threadpool(store_check, request, user, data, assessment, address)
    return RedirectResponse(f"/reports/{public_id}", status_code=303)


@router.get("/reports", response_class=HTMLResponse)
def reports(request: Request, page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    """The checks the user may see: their organisation's, or every one for council staff."""
    page = max(1, page)
    with session_scope(request.app.state.engine) as db:
        user = require_user(session_user(db, request))
        total = count_assessments_for(db, user)
        records = list_assessments_for(db, user, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
        context = {
            "records": records,
            "page": page,
            "pages": max(1, -(-total // PAGE_SIZE)),
            "total": total,
        }
        return render(request, "reports.html", context, user=user)


def _visible(
    request: Request, public_id: str, *, with_previous: bool = False
) -> tuple[User, AssessmentRecord, AssessmentRecord | None]:
    """The user, the record and (if asked) the previous plan's record; 404 for ids that do not
    exist or belong to others."""
    with session_scope(request.app.state.engine) as db:
        user = require_user(session_user(db, request))
        record = get_assessment_for(db, user, public_id)
        if record is None:
            raise HTTPException(status_code=404, detail=NOT_FOUND)
        previous = previous_assessment(db, record) if with_previous else None
        return user, record, previous


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
def report_json(request: Request, public_id: str) -> Response:
    """The JSON twin of a report page: the Assessment exactly as stored."""
    _, record, _ = _visible(request, public_id)
    return Response(render_json(record.assessment), media_type="application/json")


@router.get("/reports/{public_id}/print", response_class=HTMLResponse)
def report_print(request: Request, public_id: str) -> HTMLResponse:
    """The report alone, without the site's navigation, for printing or saving as PDF."""
    _, record, _ = _visible(request, public_id)
    return HTMLResponse(render_html(record.assessment, standalone=False))


@router.get("/reports/{public_id}", response_class=HTMLResponse)
def report(request: Request, public_id: str) -> HTMLResponse:
    """A stored report, with what changed since the organisation's previous plan."""
    user, record, previous = _visible(request, public_id, with_previous=True)
    assessment = record.assessment  # parsed once: the JSON is tens of kilobytes
    context = report_context(assessment) | {
        "record": record,
        "web_panel": "web/report_panel.html",
        "can_recheck": user.id == record.user_id
        or (record.organisation_id is not None and user.organisation_id == record.organisation_id),
        **(_changes(previous, assessment) if previous is not None else {}),
    }
    return render(request, "report.html", context, user=user)
