"""Fetching plans by URL from a local test server: redirects, errors, limits, private-host guard."""

from __future__ import annotations

import io
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
        path = self.path
        if path == "/docs/plan.pdf":
            self._send(200, PDF, "application/pdf")
        elif path == "/plan":
            self._send(200, HTML.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/fragment":
            self._send(200, b"Net zero<br>by 2040", "text/html")
        elif path == "/old-plan":
            self._send(301, b"", "text/plain", Location="/docs/plan.pdf")
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
    # The first hop is allowed (pretend public), the redirect target is checked again.
    checked: list[str] = []
    real_check = fetch_module._check_host

    def check_all_but_first(host: str, port: int | None) -> None:
        checked.append(host)
        if len(checked) > 1:
            real_check(host, port)

    monkeypatch.setattr(fetch_module, "_check_host", check_all_but_first)
    with pytest.raises(FetchError, match="private or local network"):
        fetch(f"{server}/old-plan", settings=_settings())
    assert len(checked) == 2


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
