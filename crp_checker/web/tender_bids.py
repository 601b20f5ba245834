"""One bid's pages (issues 5 and 14): its findings and moderation, clarification letters (to
print and as DOCX), re-submitted plan versions with the comparison, withdrawing with a reason,
and the printable evaluation record.

The same access as every tender page: evaluators and admins; 404 for anyone else.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Request
from fastapi import UploadFile as FormFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from crp_checker.errors import CRPError
from crp_checker.schemas import Outcome
from crp_checker.store import User
from crp_checker.tenders import (
    GATE_LABELS,
    BidSource,
    Clarification,
    InvalidTenderError,
    Tender,
    add_version,
    bid_assessment,
    bid_log,
    bid_result,
    clarification_items,
    compare_versions,
    default_reply_by,
    get_clarification,
    moderate,
    require_draft,
    row_for,
    send_clarification,
    withdraw_bid,
)
from crp_checker.tenders.export import render_bid_record
from crp_checker.tenders.letters import DOCX_MEDIA_TYPE, letter_docx, render_letter_html
from crp_checker.web.deps import CheckingDep, CurrentUser, SessionDep
from crp_checker.web.render import render
from crp_checker.web.tender_deps import (
    NO_LETTER,
    RECORD_POLICY,
    TenderDep,
    bid_or_404,
    check_for_tender,
    download,
    tender_file_name,
)

router = APIRouter(prefix="/tenders/{public_id}/bids/{bid_id}", include_in_schema=False)
Reason = Annotated[str, Form(max_length=8000)]


def _bid_page(
    request: Request, user: User, tender: Tender, bid_id: str, status: int = 200, **extra: Any
) -> HTMLResponse:
    bid = bid_or_404(tender, bid_id)
    result = bid_result(bid)
    context = {
        "tender": tender,
        "bid": bid,
        "a": bid_assessment(bid),
        "result": result,
        "row": row_for(tender, bid),
        "history": bid_log(bid),
        "outcomes": list(Outcome),
        "gate_labels": GATE_LABELS,
        "form": {"rule_id": "", "outcome": "", "reason": ""},
        "letter_items": clarification_items(result),
        "letter_form": {"reply_by": default_reply_by().isoformat(), "sent_on": ""},
        "withdraw_form": {"reason": ""},
        "comparison": compare_versions(bid),
        "plan_form": {"url": "", "via": ""},
        "error_in": "",
    }
    return render(request, "tender_bid.html", context | extra, user=user, status=status)


def _back(tender: Tender, bid_id: str, anchor: str) -> RedirectResponse:
    return RedirectResponse(f"/tenders/{tender.public_id}/bids/{bid_id}#{anchor}", status_code=303)


@router.get("", response_class=HTMLResponse)
def bid_page(request: Request, user: CurrentUser, tender: TenderDep, bid_id: str) -> HTMLResponse:
    """One bid: its result, findings, moderation, letters, plan versions and withdrawal."""
    return _bid_page(request, user, tender, bid_id)


@router.post("/moderate", response_class=HTMLResponse)
def bid_moderate(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    bid_id: str,
    rule_id: Annotated[str, Form(max_length=64)],
    outcome: Annotated[str, Form(max_length=32)],
    reason: Reason = "",
) -> Response:
    """Change one finding's outcome; the reason is mandatory and kept in the audit log."""
    try:
        moderate(
            db,
            bid_or_404(tender, bid_id),
            rule_id=rule_id,
            outcome=outcome,
            reason=reason,
            user=user,
        )
    except CRPError as error:
        db.rollback()
        form = {"rule_id": rule_id, "outcome": outcome, "reason": reason}
        return _bid_page(request, user, tender, bid_id, error.http_status, error=error, form=form)
    return _back(tender, bid_id, f"rule-{rule_id}")


@router.post("/withdraw", response_class=HTMLResponse)
def bid_withdraw(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    bid_id: str,
    reason: Reason = "",
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Withdraw the bid, with a reason and a ticked confirmation: it stays in the matrix
    (marked withdrawn, not scored), the exports, the log and its record."""
    try:
        bid = bid_or_404(tender, bid_id)
        require_draft(db, tender)
        if confirm != "yes":
            raise InvalidTenderError(
                "The bid was not withdrawn: the confirmation box was not ticked.",
                hint="Give the reason, tick the box to confirm, then withdraw again.",
            )
        withdraw_bid(db, bid, user=user, reason=reason)
    except CRPError as error:
        db.rollback()
        extra = {"error": error, "withdraw_form": {"reason": reason}, "error_in": "withdraw"}
        return _bid_page(request, user, tender, bid_id, error.http_status, **extra)
    return RedirectResponse(f"/tenders/{tender.public_id}#matrix", status_code=303)


@router.get("/record", response_class=HTMLResponse)
def bid_record(tender: TenderDep, bid_id: str) -> HTMLResponse:
    """The printable evaluation record of one bid, for the tender file."""
    html = render_bid_record(tender, bid_or_404(tender, bid_id))
    return HTMLResponse(html, headers={"Content-Security-Policy": RECORD_POLICY})


# --------------------------------------------------------------------------- letters


@router.post("/clarifications", response_class=HTMLResponse)
def letter_create(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    bid_id: str,
    reply_by: Annotated[str, Form(max_length=20)] = "",
    sent_on: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Record a clarification letter as sent; it opens ready to print or download."""
    try:
        letter = send_clarification(
            db, bid_or_404(tender, bid_id), user=user, reply_by=reply_by, sent_on=sent_on
        )
        letter_id = letter.public_id
    except CRPError as error:
        db.rollback()
        extra = {
            "error": error,
            "letter_form": {"reply_by": reply_by, "sent_on": sent_on},
            "error_in": "letter",
        }
        return _bid_page(request, user, tender, bid_id, error.http_status, **extra)
    return RedirectResponse(
        f"/tenders/{tender.public_id}/bids/{bid_id}/clarifications/{letter_id}", status_code=303
    )


def _letter(tender: Tender, bid_id: str, letter_id: str) -> Clarification:
    letter = get_clarification(bid_or_404(tender, bid_id), letter_id)
    if letter is None:
        raise HTTPException(status_code=404, detail=NO_LETTER)
    return letter


@router.get("/clarifications/{letter_id}", response_class=HTMLResponse)
def letter_page(tender: TenderDep, bid_id: str, letter_id: str) -> HTMLResponse:
    """The letter as sent, to print (or save as PDF)."""
    html = render_letter_html(_letter(tender, bid_id, letter_id))
    return HTMLResponse(html, headers={"Content-Security-Policy": RECORD_POLICY})


@router.get("/clarifications/{letter_id}/letter.docx")
def letter_word(tender: TenderDep, bid_id: str, letter_id: str) -> Response:
    """The letter as a Word document."""
    letter = _letter(tender, bid_id, letter_id)
    name = tender_file_name(tender, f"clarification-{letter.sent_on:%Y%m%d}", "docx")
    return download(letter_docx(letter), DOCX_MEDIA_TYPE, name)


# --------------------------------------------------------------------------- plan versions


@router.post("/versions", response_class=HTMLResponse)
async def version_add(
    request: Request,
    db: SessionDep,
    user: CurrentUser,
    tender: TenderDep,
    service: CheckingDep,
    bid_id: str,
    file: Annotated[FormFile | None, File()] = None,
    url: Annotated[str | None, Form(max_length=2000)] = None,
) -> Response:
    """Add the bidder's re-submitted plan as the bid's next version, checked with the tender's
    settings; the bid page then compares it with the version before."""
    try:
        bid = bid_or_404(tender, bid_id)
        plan, assessment = await check_for_tender(db, tender, service, file, url)
        await run_in_threadpool(
            lambda: add_version(
                db,
                bid,
                data=plan.data,
                assessment=assessment,
                user=user,
                added_via=BidSource.URL if plan.url else BidSource.UPLOAD,
                source_url=plan.url,
            )
        )
    except CRPError as error:
        await run_in_threadpool(db.rollback)
        status = error.http_status
        extra = {
            "error": error,
            "plan_form": {"url": url or "", "via": "url" if url else "file"},
            "error_in": "versions",
        }
        return await run_in_threadpool(
            lambda: _bid_page(request, user, tender, bid_id, status, **extra)
        )
    return _back(tender, bid_id, "versions")
