"""Schemathesis against the app's own OpenAPI schema: no input the schema allows (or nearly
allows) may make the API answer with a server error or a body the schema does not describe.

In process (ASGI), with the InlineChecker, a fresh SQLite database and a supplier's token, so
the authenticated calls get past the token check. Fetching a URL is the one outside call: the
host lookup is replaced by one that finds no host, so every fetch fails as it would for an
unknown host (502, documented) and nothing leaves the machine.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from starlette.testclient import TestClient

from crp_checker.checking import InlineChecker
from crp_checker.errors import FetchError
from crp_checker.ingest import fetch
from crp_checker.settings import Settings, get_settings
from crp_checker.store import Role, create_api_token, create_engine_for, create_user, init_db
from crp_checker.store import session_scope as store_session
from crp_checker.web.app import create_app

MAX_EXAMPLES = 40  # per operation: five operations in about 20 s here
TRIED: Counter[str] = Counter()
FETCH_FAILED = "fetch_failed"


def _no_host(host: str, port: int | None) -> list[str]:
    raise FetchError(f"The host {host!r} could not be found.")


# The schema is read when the module is imported, so the app exists by then; the fixture below
# gives it a fresh database before the first call. A given secret key: nothing is written yet.
APP = create_app(
    Settings(data_dir=Path("unused"), secret_key="schemathesis " * 4),
    checker=InlineChecker(),
    engine=create_engine_for("sqlite://"),
)


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A supplier's API token, on a fresh SQLite database and file folder for the app."""
    folder: Path = tmp_path_factory.mktemp("schemathesis")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CRP_DATA_DIR", str(folder))
        patch.setattr(fetch, "_resolve", _no_host)
        get_settings.cache_clear()
        settings_ = Settings(data_dir=folder)
        engine = create_engine_for(settings_.sqlalchemy_url)
        init_db(engine)
        with store_session(engine) as db:
            user = create_user(db, "fuzz@supplier.example", "x" * 16, Role.SUPPLIER, "Fuzz Ltd")
            plaintext, _ = create_api_token(db, user, "schemathesis")
        patch.setattr(APP.state, "settings", settings_)
        patch.setattr(APP.state, "engine", engine)
        try:
            yield plaintext
        finally:
            engine.dispose()
            get_settings.cache_clear()
    _report()


def fetch_failure_is_documented(ctx: Any, response: Any, case: Any) -> bool | None:
    """not_a_server_error, except the documented 502 for an http(s) address that could not
    be fetched; a malformed address is the sender's mistake and must be a 400."""
    if response.status_code == 502 and case.media_type == "application/json":
        assert response.json()["error"]["code"] == FETCH_FAILED
        address = httpx.URL(case.body["url"].strip())  # it was valid, or this raises
        assert address.scheme in ("http", "https") and address.host, address
        return None
    return not_a_server_error(ctx, response, case)


schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_api_answers_every_input_without_server_errors(case: Any, token: str) -> None:
    response = case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[fetch_failure_is_documented, response_schema_conformance],
    )
    TRIED[f"{case.operation.label} -> {response.status_code}"] += 1


def _report() -> None:
    """How many inputs were tried, for docs/reliability.md (shown with `pytest -s`)."""
    total = sum(TRIED.values())
    lines = [f"  {label}: {count}" for label, count in sorted(TRIED.items())]
    print(f"\nschemathesis tried {total} inputs:\n" + "\n".join(lines))


@pytest.mark.parametrize(
    "address",
    [
        "ftp://example.com/plan.pdf",
        "not a web address",
        "http://",
        "javascript:alert(1)",
        "http://[::1",
    ],
)
def test_a_malformed_address_is_a_400_not_a_502(token: str, address: str) -> None:
    # Found by schemathesis: these were answered 502 (fetch failed), a server-side status.
    with TestClient(APP) as client:
        response = client.post(
            "/api/v1/assessments",
            json={"url": address},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_address"
