"""The plan builder: "Fix my plan" opens a form pre-filled from a report; it downloads the
plan in the official template's structure as DOCX or as a printable page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from crp_checker.draft import AnswersError, draft, render_docx, render_plan_html
from crp_checker.draft.answers import FieldError
from crp_checker.draft.form import BuilderState, prefill, sections, submitted, values_of
from crp_checker.store import get_assessment_for
from crp_checker.web.deps import CurrentUser, OptionalUser, SessionDep
from crp_checker.web.render import render

router = APIRouter(include_in_schema=False)
NOT_FOUND = "There is no report with this address, or it belongs to another organisation."
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _form_page(
    request: Request,
    user: Any,
    values: dict[str, str],
    state: BuilderState,
    *,
    source: str | None = None,
    errors: list[FieldError] | None = None,
) -> HTMLResponse:
    context = {
        "sections": sections(values, state, errors),
        "state": state.dump(),
        "errors": errors or [],
        "source": source,
    }
    return render(request, "builder.html", context, user=user, status=422 if errors else 200)


@router.get("/plan", response_class=HTMLResponse)
def empty_builder(request: Request, user: OptionalUser) -> HTMLResponse:
    """The builder with nothing filled in: a plan from scratch."""
    return _form_page(request, user, {}, BuilderState())


@router.get("/reports/{public_id}/plan", response_class=HTMLResponse)
def report_builder(
    request: Request, db: SessionDep, user: CurrentUser, public_id: str
) -> HTMLResponse:
    """The builder pre-filled with every fact the report read, each with its page."""
    record = get_assessment_for(db, user, public_id)
    if record is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    values, state = prefill(record.assessment)
    return _form_page(request, user, values, state, source=record.source_name)


@router.post("/plan/start", response_class=HTMLResponse)
def anonymous_builder(
    request: Request,
    user: OptionalUser,
    prefilled: Annotated[str, Form(max_length=200_000)] = "{}",
    state: Annotated[str, Form(max_length=200_000)] = "{}",
    source: Annotated[str, Form(max_length=500)] = "",
) -> HTMLResponse:
    """The builder from a report that was not stored: its facts come with the request."""
    import json

    try:
        raw = json.loads(prefilled)
    except json.JSONDecodeError:
        raw = {}
    values = {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}
    return _form_page(request, user, values, BuilderState.load(state), source=source or None)


@router.post("/plan", response_class=HTMLResponse)
async def build_plan(request: Request, user: OptionalUser) -> Response:
    """The plan from the submitted form: DOCX or a printable page; the form again on errors."""
    form = await request.form()
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    answers = submitted(fields)
    state = BuilderState.load(fields.get("state"))
    try:
        plan = draft(None, answers)
    except AnswersError as error:
        return _form_page(request, user, values_of(answers), state, errors=error.errors)
    if fields.get("format") == "html":
        return HTMLResponse(render_plan_html(plan, standalone=False))
    headers = {"Content-Disposition": 'attachment; filename="carbon-reduction-plan.docx"'}
    return Response(render_docx(plan), media_type=DOCX_TYPE, headers=headers)
