"""Is the plan's URL on the supplier's own site, and does it answer?"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from crp_checker.extract.publication import is_reachable, judge_url


class _Handler(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.send_response(200 if self.path == "/plan.pdf" else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.do_HEAD()

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_reachable_and_missing(server: str) -> None:
    assert is_reachable(f"{server}/plan.pdf", timeout=5)
    assert not is_reachable(f"{server}/gone.pdf", timeout=5)


def test_refused_connection_is_not_reachable() -> None:
    assert not is_reachable("http://127.0.0.1:9/plan.pdf", timeout=5)


@pytest.mark.parametrize(
    ("url", "own"),
    [
        ("https://www.example-supplier.co.uk/policies/crp.pdf", True),
        ("https://issuu.com/example/docs/crp", False),
        ("https://drive.google.com/file/d/abc/view", False),
        ("https://example.s3.eu-west-2.amazonaws.com/crp.pdf", False),
        ("not a url", None),
    ],
)
def test_own_domain(url: str, own: bool | None) -> None:
    assert judge_url(url) is own
