"""From a form or API request to a plan: the upload read within its limit, or the address
fetched (by the checking service, off the event loop). Checking itself is `crp_checker.checking`.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from crp_checker.checking import CheckingService, Plan
from crp_checker.errors import CRPError, EmptyFileError, TooLargeError
from crp_checker.formatting import megabytes
from crp_checker.ingest.names import display_name
from crp_checker.schemas import Assessment

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


async def obtain_plan(service: CheckingService, upload: UploadFile | None, url: str | None) -> Plan:
    """The plan from a form or API request: an uploaded file or a web address, not both."""
    has_file = upload is not None and bool(upload.filename)
    address = (url or "").strip()
    if has_file and address:
        raise BothInputsError("You gave both a file and a web address.")
    if upload is not None and has_file:
        data = await read_upload(upload, service.settings.max_file_bytes)
        return Plan(data, display_name(upload.filename or ""))
    if address:
        return await run_in_threadpool(service.fetch, address)
    raise MissingInputError("No plan was given.")


async def check_plan(service: CheckingService, plan: Plan, **buyer: Any) -> Assessment:
    """Check in the worker pool, off the event loop (a check takes up to the parse timeout)."""
    assessment: Assessment = await run_in_threadpool(service.check_one, plan, **buyer)
    return assessment
