"""Fetching plans by URL from a local test server: redirects, errors, limits, private-host guard."""

from __future__ import annotations

import io
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from reportlab.pdfgen import canvas

from crp_checker.errors import FetchError, TooLargeError
from crp_checker.ingest import fetch as fetch_module
from crp_checker.ingest import ingest, ingest_url
from crp_checker.ingest.fetch import fetch
from crp_checker.settings import Settings


def _pdf() -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, "Acme Ltd is committed to net zero by 2050.")
    pdf.save()
    return buffer.getvalue()


PDF = _pdf()
HTML = "<html><head><title>Plan</title></head><body><p>Net zero – 2045</p></body></html>"
SEEN_AGENTS: list[str] = []
SEEN_PATHS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        return

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        SEEN_PATHS.append(self.path)
        path = self.path
        if path == "/docs/plan.pdf":
            self._send(200, PDF, "application/pdf")
        elif path == "/plan":
            self._send(200, HTML.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/fragment":
            self._send(200, b"Net zero<br>by 2040", "text/html")
        elif path == "/old-plan":
            self._send(301, b"", "text/plain", Location="/docs/plan.pdf")
        elif path == "/to-localhost":
            port = self.server.server_address[1]
            self._send(302, b"", "text/plain", Location=f"http://localhost:{port}/docs/plan.pdf")
        elif path.startswith("/loop"):
            self._send(302, b"", "text/plain", Location=f"/loop{len(path)}")
        elif path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no Content-Length: the body ends when the connection closes
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
            self.close_connection = True
        elif path == "/slow":
            time.sleep(1.5)
            self._send(200, b"late", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return  # clients that give up early (size cap, timeout) are expected here


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _settings(**values: object) -> Settings:
    return Settings(**values)  # type: ignore[arg-type]


def test_pdf_by_url(server: str) -> None:
    settings = _settings(fetch_user_agent="crp-checker-test/1")
    document = ingest_url(f"{server}/docs/plan.pdf", settings=settings, allow_private_hosts=True)
    assert document.source.kind == "pdf"
    assert document.source.name == "plan.pdf"
    assert document.source.url == f"{server}/docs/plan.pdf"
    assert "net zero by 2050" in document.pages[0].text
    assert SEEN_AGENTS[-1] == "crp-checker-test/1"


def test_html_by_url_uses_the_http_charset(server: str) -> None:
    document = ingest_url(f"{server}/plan", settings=_settings(), allow_private_hosts=True)
    assert document.source.kind == "html"
    assert document.source.title == "Plan"
    assert document.pages[0].text == "Net zero – 2045"


def test_content_type_decides_for_an_ambiguous_body(server: str) -> None:
    document = ingest_url(f"{server}/fragment", settings=_settings(), allow_private_hosts=True)
    assert document.source.kind == "html"
    assert document.pages[0].text == "Net zero\nby 2040"


def test_redirect_is_followed_and_final_url_kept(server: str) -> None:
    document = ingest_url(f"{server}/old-plan", settings=_settings(), allow_private_hosts=True)
    assert document.source.url == f"{server}/docs/plan.pdf"


def test_redirect_loop_is_a_fetch_error(server: str) -> None:
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch(f"{server}/loop", settings=_settings(), allow_private_hosts=True)


def test_error_status_is_a_fetch_error_naming_it(server: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(f"{server}/missing.pdf", settings=_settings(), allow_private_hosts=True)
    assert "404 Not Found" in caught.value.message


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_body_over_the_cap_is_too_large(server: str, path: str) -> None:
    with pytest.raises(TooLargeError):
        fetch(f"{server}{path}", settings=_settings(fetch_max_bytes=4000), allow_private_hosts=True)


def test_slow_server_times_out(server: str) -> None:
    started = time.perf_counter()
    with pytest.raises(FetchError, match=r"did not answer within 0\.3 seconds"):
        fetch(
            f"{server}/slow",
            settings=_settings(fetch_timeout_seconds=0.3),
            allow_private_hosts=True,
        )
    assert time.perf_counter() - started < 1.4


def test_private_hosts_are_refused_by_default(server: str) -> None:
    with pytest.raises(FetchError, match="private or local network"):
        ingest(f"{server}/docs/plan.pdf", settings=_settings())
    with pytest.raises(FetchError, match="private or local network"):
        fetch("http://localhost:9/plan.pdf", settings=_settings())


def test_redirect_to_a_private_host_is_refused(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first host is allowed (pretend public), the redirect's host is checked on its own.
    real_approved = fetch_module._approved
    checked: list[str] = []

    def public_plans_test(host: str, port: int, allow_private_hosts: bool) -> list[str]:
        checked.append(host)
        if host == "plans.test":
            return ["127.0.0.1"]
        return real_approved(host, port, allow_private_hosts)

    monkeypatch.setattr(fetch_module, "_approved", public_plans_test)
    port = server.rsplit(":", 1)[1]
    assert fetch(f"http://plans.test:{port}/docs/plan.pdf", settings=_settings()).content == PDF
    with pytest.raises(FetchError, match="private or local network"):
        fetch(f"http://plans.test:{port}/to-localhost", settings=_settings())
    assert checked == ["plans.test", "plans.test", "localhost"]


def test_a_name_is_resolved_once_and_the_checked_address_is_dialled(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a public answer for the check, then the server's own address for the
    connection. The connection must go to the address that was checked."""
    answers: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        answers.append(host)
        return ["93.184.216.34"] if len(answers) == 1 else ["127.0.0.1"]

    monkeypatch.setattr(fetch_module, "_resolve", rebinding)
    seen_before = len(SEEN_PATHS)
    port = server.rsplit(":", 1)[1]
    with pytest.raises(FetchError):
        fetch(
            f"http://rebind.test:{port}/docs/plan.pdf", settings=_settings(fetch_timeout_seconds=1)
        )
    assert answers == ["rebind.test"]  # one lookup, for the check and the connection
    assert len(SEEN_PATHS) == seen_before  # the local server was never reached


INTERNAL_IN_IPV6 = {
    "NAT64 loopback": "64:ff9b::7f00:1",
    "NAT64 private": "64:ff9b::a00:1",
    "NAT64 local-use prefix": "64:ff9b:1::808:808",
    "6to4 loopback": "2002:7f00:1::1",
    "6to4 private": "2002:a00:1::1",
    "6to4 metadata": "2002:a9fe:a9fe::1",
    "IPv4-compatible loopback": "::7f00:1",
    "IPv4-compatible private": "::a00:1",
    "IPv4-mapped": "::ffff:169.254.169.254",
    "Teredo": "2001:0:4136:e378:8000:63bf:3fff:fdd2",
}


@pytest.mark.parametrize("address", list(INTERNAL_IN_IPV6.values()), ids=list(INTERNAL_IN_IPV6))
def test_ipv6_forms_of_internal_addresses_are_refused(
    address: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert fetch_module.blocked(ipaddress.ip_address(address))
    with pytest.raises(FetchError, match="private or local network"):
        fetch(f"http://[{address}]/plan.pdf", settings=_settings())
    monkeypatch.setattr(fetch_module, "_resolve", lambda host, port: [address])
    with pytest.raises(FetchError, match="private or local network"):
        fetch("https://plans.example/plan.pdf", settings=_settings())


@pytest.mark.parametrize(
    "address", ["93.184.216.34", "2606:2800:220:1::1", "64:ff9b::5db8:d822", "2002:5db8:d822::1"]
)
def test_public_addresses_and_their_ipv6_forms_pass_the_guard(address: str) -> None:
    assert not fetch_module.blocked(ipaddress.ip_address(address))


def test_every_address_a_name_resolves_to_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch_module, "_resolve", lambda h, p: ["93.184.216.34", "10.0.0.1"])
    with pytest.raises(FetchError, match="private or local network"):
        fetch("https://plans.example/plan.pdf", settings=_settings())


def test_reachability_is_guarded_like_fetching(server: str) -> None:
    assert fetch_module.is_reachable(f"{server}/docs/plan.pdf", _settings()) is False
    allowed = _settings(fetch_allow_private_hosts=True)
    assert fetch_module.is_reachable(f"{server}/docs/plan.pdf", allowed) is True
    assert fetch_module.is_reachable(f"{server}/missing.pdf", allowed) is False


@pytest.mark.parametrize("url", ["ftp://example.com/plan.pdf", "file:///etc/passwd"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError, match="Only http and https"):
        ingest(url, settings=_settings())


def test_unreachable_host_is_a_fetch_error() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="could not be fetched"):
        fetch(f"http://127.0.0.1:{port}/plan.pdf", settings=_settings(), allow_private_hosts=True)
