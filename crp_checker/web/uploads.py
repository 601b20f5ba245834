"""From a form or API request to a plan: the upload read within its limit, or the address
fetched (by the checking service, off the event loop). Checking itself is `crp_checker.checking`;
`admitted_check` runs both under the fair-use gates (`web.fairuse`), so a waiting request holds
neither a worker nor its file's bytes (the upload stays spooled to disk until its turn).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from crp_checker.checking import CheckingService, Plan
from crp_checker.errors import CRPError, EmptyFileError, TooLargeError
from crp_checker.formatting import megabytes
from crp_checker.ingest.names import display_name
from crp_checker.schemas import Assessment
from crp_checker.web.auth import client_address
from crp_checker.web.fairuse import FairUse

CHUNK_BYTES = 1024 * 1024


class MissingInputError(CRPError):
    """The form or request named neither a file nor a web address."""

    code = "no_input"
    http_status = 400
    default_hint = "Choose the plan file to upload, or paste the web address where it is published."


class BothInputsError(CRPError):
    """A file and a web address at once: we would not know which one to judge."""

    code = "two_inputs"
    http_status = 400
    default_hint = "Upload the file or give its web address, not both."


async def read_upload(upload: UploadFile, max_bytes: int) -> bytes:
    """The uploaded bytes, refusing more than `max_bytes` without reading the rest."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise TooLargeError(
                f"{display_name(upload.filename or '')!r} is over the size limit of "
                f"{megabytes(max_bytes)}."
            )
        chunks.append(chunk)
    data = b"".join(chunks)
    if not data:
        raise EmptyFileError(f"{display_name(upload.filename or '')!r} is empty (0 bytes).")
    return data


@dataclass(frozen=True)
class PlanInput:
    """What a request gave: an uploaded file (still spooled) or a web address."""

    upload: UploadFile | None = None
    url: str | None = None


def plan_input(upload: UploadFile | None, url: str | None) -> PlanInput:
    """The file or the address of a form or API request, not both and not neither."""
    has_file = upload is not None and bool(upload.filename)
    address = (url or "").strip()
    if has_file and address:
        raise BothInputsError("You gave both a file and a web address.")
    if has_file:
        return PlanInput(upload=upload)
    if address:
        return PlanInput(url=address)
    raise MissingInputError("No plan was given.")


async def read_plan(service: CheckingService, given: PlanInput) -> Plan:
    """The plan's bytes: the upload read within the size limit, or the address fetched."""
    if given.upload is not None:
        data = await read_upload(given.upload, service.settings.max_file_bytes)
        return Plan(data, display_name(given.upload.filename or ""))
    assert given.url is not None
    return await run_in_threadpool(service.fetch, given.url)


async def obtain_plan(service: CheckingService, upload: UploadFile | None, url: str | None) -> Plan:
    """The plan from a form or API request: an uploaded file or a web address, not both."""
    return await read_plan(service, plan_input(upload, url))


async def check_plan(service: CheckingService, plan: Plan, **buyer: Any) -> Assessment:
    """Check in the worker pool, off the event loop (a check takes up to the parse timeout)."""
    assessment: Assessment = await run_in_threadpool(service.check_one, plan, **buyer)
    return assessment


async def admitted_check(
    request: Request,
    service: CheckingService,
    given: Callable[[], Awaitable[PlanInput]],
    *,
    signed_in: bool,
    **buyer: Any,
) -> tuple[Plan, Assessment]:
    """Check what `given` reads from the request, within fair use: refused at once (429) when
    the client is over its share, then waiting for a worker before any bytes are read."""
    fair_use: FairUse = request.app.state.fair_use
    async with fair_use.visit(client_address(request), signed_in=signed_in) as visit:
        plan_given = await given()
        async with visit.slot():
            plan = await read_plan(service, plan_given)
            return plan, await check_plan(service, plan, **buyer)
