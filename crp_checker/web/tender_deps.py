"""What the tender routers (pages and API) share: finding a tender and a bid for the caller, and
checking a plan for a tender without holding a database connection.

Not a router: the pages (web/tenders.py, web/tender_bids.py) and the API (web/api_tenders.py)
import from here, never from each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from crp_checker.checking import CheckingService, Plan
from crp_checker.ingest.names import file_stem
from crp_checker.schemas import Assessment
from crp_checker.tenders import (
    Bid,
    Tender,
    get_bid,
    get_tender_for,
    require_draft,
    tender_buyer_settings,
)
from crp_checker.web.deps import ApiUser, CurrentUser, SessionDep
from crp_checker.web.uploads import check_plan, obtain_plan

NOT_FOUND = "There is no tender with this address, or your account cannot see tenders."
NO_BID = "This tender has no bid with this address."
NO_LETTER = "This bid has no clarification letter with this address."
# The printable record and letters are standalone pages with their stylesheet inlined (each is
# filed as one document): allow inline style and nothing else, as their own meta tag does.
RECORD_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
)


def _found(tender: Tender | None) -> Tender:
    if tender is None:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return tender


def get_tender(db: SessionDep, user: CurrentUser, public_id: str) -> Tender:
    """The tender at this address for a signed-in evaluator; 404 for everyone else."""
    return _found(get_tender_for(db, user, public_id))


def get_api_tender(db: SessionDep, user: ApiUser, tender_id: str) -> Tender:
    """As get_tender, for a token's user."""
    return _found(get_tender_for(db, user, tender_id))


TenderDep = Annotated[Tender, Depends(get_tender)]
ApiTenderDep = Annotated[Tender, Depends(get_api_tender)]


def bid_or_404(tender: Tender, bid_id: str) -> Bid:
    """One of the tender's bids (withdrawn ones included); 404 otherwise."""
    bid = get_bid(tender, bid_id)
    if bid is None:
        raise HTTPException(status_code=404, detail=NO_BID)
    return bid


def download(content: bytes, media_type: str, filename: str) -> Response:
    """A file to save, named for the tender file."""
    disposition = f'attachment; filename="{filename}"'
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


def tender_file_name(tender: Tender, what: str, extension: str) -> str:
    """e.g. tender-SMBC-2026-014-matrix.xlsx."""
    return f"tender-{file_stem(tender.reference) or tender.public_id}-{what}.{extension}"


async def check_for_tender(
    db: Session,
    tender: Tender,
    service: CheckingService,
    upload: UploadFile | None,
    url: str | None,
    *,
    before: Callable[[], object] = lambda: None,
) -> tuple[Plan, Assessment]:
    """The plan checked with the tender's settings, after `before()` accepted the request.

    The draft check and `before` run first, so a finalised tender or a bad name is refused
    before any plan is read; no connection is held while the plan is checked.
    """

    def draft_basis() -> dict[str, object]:
        require_draft(db, tender)
        before()
        basis = tender_buyer_settings(tender)
        db.commit()
        return basis

    basis = await run_in_threadpool(draft_basis)
    plan = await obtain_plan(service, upload, url)
    return plan, await check_plan(service, plan, **basis)
