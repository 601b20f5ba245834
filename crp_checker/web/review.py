"""Pages where people settle what the checker cannot (issue 13): correcting a stored
assessment's facts from its report page, and the review queue of open questions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from crp_checker.corrections import (
    Correction,
    CorrectionError,
    fact_choices,
    form_value,
    parse_correction,
)
from crp_checker.corrections.queue import answer, find_question, queue_for
from crp_checker.corrections.stored import correct
from crp_checker.errors import CRPError
from crp_checker.schemas import Outcome
from crp_checker.store import User, get_assessment_for
from crp_checker.web.deps import CurrentUser, ReviewUser, SessionDep
from crp_checker.web.render import render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=2000)]
Short = Annotated[str, Form(max_length=300)]


def correction_from_form(fact: str, value: str, page: str, quote: str, reason: str) -> Correction:
    """A correction typed in a form, checked as the API checks one."""
    number = page.strip()
    if number and not number.isdigit():
        raise CorrectionError(f"'page' must be a page number, not {number!r}.")
    return parse_correction(
        {
            "fact": fact.strip(),
            "value": form_value(fact.strip(), value),
            "page": int(number) if number else None,
            "quote": quote.strip(),
            "reason": reason.strip(),
        }
    )


@router.post("/reports/{public_id}/corrections")
def report_correction(
    db: SessionDep,
    user: CurrentUser,
    public_id: str,
    fact: Annotated[str, Form(max_length=64)],
    value: Short = "",
    page: Annotated[str, Form(max_length=6)] = "",
    quote: Text = "",
    reason: Text = "",
) -> Response:
    """Correct one fact of a stored report; the report is judged again."""
    record = get_assessment_for(db, user, public_id)
    if record is None:
        raise HTTPException(status_code=404, detail="There is no such report.")
    correct(db, record, [correction_from_form(fact, value, page, quote, reason)], user)
    return RedirectResponse(f"/reports/{public_id}#corrected-facts", status_code=303)


def _queue_page(
    request: Request, db: Session, user: User, status: int = 200, **extra: Any
) -> HTMLResponse:
    questions = queue_for(db, user)
    context = {
        "questions": questions,
        "outcomes": [o for o in Outcome if o is not Outcome.NEEDS_REVIEW],
        "fact_choices": fact_choices(),
    }
    return render(request, "review.html", context | extra, user=user, status=status)


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, db: SessionDep, user: ReviewUser, answered: str = "") -> HTMLResponse:
    """The open questions: evaluators' tenders, the climate team's register."""
    return _queue_page(request, db, user, answered=answered == "1")


@router.post("/review/answer", response_class=HTMLResponse)
def review_answer(
    request: Request,
    db: SessionDep,
    user: ReviewUser,
    assessment: Annotated[str, Form(max_length=32)],
    rule: Annotated[str, Form(max_length=64)],
    action: Annotated[str, Form(max_length=16)],
    reason: Text = "",
    fact: Annotated[str, Form(max_length=64)] = "",
    value: Short = "",
    page: Annotated[str, Form(max_length=6)] = "",
    quote: Text = "",
    outcome: Annotated[str, Form(max_length=16)] = "",
) -> Response:
    """Answer one question; back to the queue, or the queue with what went wrong."""
    try:
        question = find_question(db, user, assessment, rule)
        fix = (
            correction_from_form(fact, value, page, quote, reason) if action == "correct" else None
        )
        answer(db, user, question, action, reason=reason, correction=fix, outcome=outcome)
    except CRPError as error:
        db.rollback()
        return _queue_page(
            request, db, user, error.http_status, error=error, failed=(assessment, rule)
        )
    return RedirectResponse("/review?answered=1", status_code=303)
