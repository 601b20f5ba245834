"""Fetching a plan from a URL: bounded in size and time, and refusing private network addresses.

The private-address guard stops the checker being used to probe the server's own network
(SSRF). It is checked for every hop of a redirect. The address is resolved again when
connecting, so a hostile DNS server could still switch it in between (DNS rebinding); running
fetches in a network-restricted worker closes that gap.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

import httpx

from crp_checker.errors import (
    BadAddressError,
    BlockedAddressError,
    EmptyFileError,
    FetchError,
    TooLargeError,
)
from crp_checker.formatting import megabytes
from crp_checker.ingest.names import display_name
from crp_checker.settings import Settings

MAX_REDIRECTS = 5
_SCHEMES = ("http", "https")
_URL = re.compile(r"^https?://", re.I)


@dataclass(frozen=True)
class Fetched:
    """The body of a fetched URL and what the server said about it."""

    content: bytes
    url: str
    content_type: str | None
    charset: str | None
    name: str


@dataclass(frozen=True)
class Plan:
    """A plan to check, as bytes: an upload, a stored file or a fetched page, with its name and,
    when it was fetched, the address it was published at (after redirects)."""

    data: bytes
    name: str
    url: str | None = None


def _check_host(host: str, port: int | None) -> None:
    """Refuse hosts that resolve to loopback, private, link-local or other non-public addresses."""
    try:
        infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"The host {host!r} could not be found.") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        mapped = getattr(address, "ipv4_mapped", None)
        address = mapped or address
        if not address.is_global or address.is_multicast:
            raise BlockedAddressError(
                f"The address {host!r} points to a private or local network ({address}); "
                "only public web addresses are fetched."
            )


def _guard(allow_private_hosts: bool) -> Callable[[httpx.Request], None]:
    def check(request: httpx.Request) -> None:
        if request.url.scheme not in _SCHEMES:
            raise FetchError(f"Only http and https addresses can be fetched, not {request.url}.")
        if not allow_private_hosts:
            _check_host(request.url.host, request.url.port)

    return check


def _name(url: httpx.URL) -> str:
    segments = [s for s in url.path.split("/") if s]
    return unquote(segments[-1]) if segments else url.host


def _read(response: httpx.Response, settings: Settings, deadline: float) -> bytes:
    cap = settings.fetch_max_bytes
    too_big = TooLargeError(
        f"The document at {response.url} is over the download limit of {megabytes(cap)}.",
    )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise too_big
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the download took too long", request=response.request)
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, *, settings: Settings, allow_private_hosts: bool = False) -> Fetched:
    """GET a URL (redirects followed, at most MAX_REDIRECTS) within the size and time limits.

    `allow_private_hosts` switches the private-address guard off; only tests and trusted
    intranet deployments should set it.
    """
    target = httpx.URL(check_address(url))
    seconds = settings.fetch_timeout_seconds
    client = httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(seconds),
        headers={"User-Agent": settings.fetch_user_agent},
        event_hooks={"request": [_guard(allow_private_hosts)]},
    )
    try:
        with client, client.stream("GET", target) as response:
            if not response.is_success:
                raise FetchError(
                    f"The server answered {response.status_code} {response.reason_phrase} "
                    f"for {response.url}."
                )
            content = _read(response, settings, time.monotonic() + seconds)
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return Fetched(
                content=content,
                url=str(response.url),
                content_type=media or None,
                charset=response.charset_encoding,
                name=_name(response.url),
            )
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url} did not answer within {seconds:g} seconds.") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times.") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url} could not be fetched: {exc or type(exc).__name__}.") from exc


def is_url(source: str) -> bool:
    """Whether a source names a web address (http or https) rather than a file."""
    return _URL.match(source) is not None


def check_address(url: str) -> str:
    """The address, stripped, if it is worth fetching; BadAddressError (a FetchError the
    sender can fix: 400) otherwise."""
    address = url.strip()
    try:
        parsed = httpx.URL(address)
    except httpx.InvalidURL as error:
        raise BadAddressError(f"{address[:200]!r} is not a valid web address.") from error
    if parsed.scheme not in _SCHEMES or not parsed.host:
        raise BadAddressError(f"{address[:200]!r} is not an http or https web address.")
    return address


def fetch_plan(url: str, settings: Settings) -> Plan:
    """Download a published plan, with the private-address guard unless the settings allow."""
    fetched = fetch(url, settings=settings, allow_private_hosts=settings.fetch_allow_private_hosts)
    if not fetched.content:
        raise EmptyFileError(f"{fetched.url} returned an empty document.")
    return Plan(fetched.content, display_name(fetched.name), fetched.url)
