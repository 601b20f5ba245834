"""Fetching a plan from a URL: bounded in size and time, and refusing private network addresses.

The private-address guard stops the checker being used to probe the server's own network
(SSRF). A host name is resolved once per connection, every address it resolves to is checked,
and the connection is made to a checked address (`_GuardedBackend`), so a DNS server that
answers differently the second time (DNS rebinding) gains nothing; every hop of a redirect
connects the same way. IPv6 forms that carry an IPv4 address (IPv4-mapped and -compatible,
NAT64, 6to4, Teredo) are judged by the IPv4 address inside them too.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import httpcore
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


# NAT64 prefixes (RFC 6052, RFC 8215): the last 32 bits are an IPv4 address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # a network's own translator: never public
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, in the forms that route to one."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def blocked(address: Address) -> bool:
    """Whether an address is loopback, private, link-local, reserved or multicast, itself or
    through the IPv4 address it carries."""
    if not address.is_global or address.is_multicast:
        return True
    if isinstance(address, ipaddress.IPv6Address):
        if address in _NAT64_LOCAL:
            return True
        inner = _embedded_ipv4(address)
        if inner is not None:
            return not inner.is_global or inner.is_multicast
    return False


def _resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"The host {host!r} could not be found.") from exc
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


def _approved(host: str, port: int, allow_private_hosts: bool) -> list[str]:
    """The addresses to connect to for `host`: resolved once; refused if any is not public."""
    addresses = _resolve(host, port)
    if not allow_private_hosts:
        for text in addresses:
            address = ipaddress.ip_address(text)
            if blocked(address):
                raise BlockedAddressError(
                    f"The address {host!r} points to a private or local network ({address}); "
                    "only public web addresses are fetched."
                )
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Opens connections only to addresses the guard approved in the same lookup."""

    def __init__(self, allow_private_hosts: bool) -> None:
        self.allow_private_hosts = allow_private_hosts

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in _approved(host, port, self.allow_private_hosts):
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # as socket.create_connection does: try the next address
        raise failure or httpcore.ConnectError(f"no address for {host}")


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over `_GuardedBackend` (TLS still names and verifies the host)."""

    def __init__(self, allow_private_hosts: bool) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_GuardedBackend(allow_private_hosts),
        )


def _guard(allow_private_hosts: bool) -> Callable[[httpx.Request], None]:
    """Checked before each request (redirects too): the scheme, and a host given as an IP."""

    def check(request: httpx.Request) -> None:
        if request.url.scheme not in _SCHEMES:
            raise FetchError(f"Only http and https addresses can be fetched, not {request.url}.")
        if not allow_private_hosts:
            try:
                literal = ipaddress.ip_address(request.url.host)
            except ValueError:
                return  # a name: judged when it is resolved to connect
            if blocked(literal):
                raise BlockedAddressError(
                    f"The address {request.url.host!r} is on a private or local network; "
                    "only public web addresses are fetched."
                )

    return check


def guarded_client(
    settings: Settings, *, allow_private_hosts: bool, **options: Any
) -> httpx.Client:
    """An httpx client that follows redirects only to public addresses (unless allowed)."""
    return httpx.Client(
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        timeout=httpx.Timeout(settings.fetch_timeout_seconds),
        headers={"User-Agent": settings.fetch_user_agent},
        event_hooks={"request": [_guard(allow_private_hosts)]},
        transport=_GuardedTransport(allow_private_hosts),
        trust_env=False,  # an environment proxy would resolve names for us, unchecked
        **options,
    )


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
    client = guarded_client(settings, allow_private_hosts=allow_private_hosts)
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


def is_reachable(url: str, settings: Settings) -> bool:
    """Does the published URL answer? A HEAD request, then a GET (some servers refuse HEAD);
    through the same guard as fetching, so a plan's URL cannot make us probe our network."""
    try:
        address = check_address(url)
        allow = settings.fetch_allow_private_hosts
        with guarded_client(settings, allow_private_hosts=allow) as client:
            response = client.head(address)
            if response.status_code >= 400:
                with client.stream("GET", address) as streamed:
                    return streamed.status_code < 400
            return True
    except (httpx.HTTPError, FetchError):
        return False
