"""Schemathesis against the tender API with an evaluator's token (issue 14): whatever a script
sends to /api/v1/tenders, the answer is never a server error and always matches the schema.

The general API fuzzing (tests/test_api_schemathesis.py) uses a supplier's token, which stops
every tender call at 403 or 404; here the calls get past the role check. A draft tender with
one bid is made first, so the path parameters can name real ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from factories import make_tender_plan
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from crp_checker.checking import InlineChecker
from crp_checker.settings import Settings, get_settings
from crp_checker.store import Role, create_api_token, create_engine_for, create_user, init_db
from crp_checker.store import session_scope as store_session
from crp_checker.tenders import add_bid, create_tender
from crp_checker.web.app import create_app

MAX_EXAMPLES = 30
APP = create_app(
    Settings(data_dir=Path("unused"), secret_key="schemathesis tenders " * 3),
    checker=InlineChecker(),
    engine=create_engine_for("sqlite://"),
)
SEEDED: dict[str, str] = {}


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An evaluator's token, on a fresh database holding one draft tender with one bid."""
    folder: Path = tmp_path_factory.mktemp("schemathesis-tenders")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CRP_DATA_DIR", str(folder))
        get_settings.cache_clear()
        settings_ = Settings(data_dir=folder)
        engine = create_engine_for(settings_.sqlalchemy_url)
        init_db(engine)
        with store_session(engine) as db:
            user = create_user(db, "fuzz@council.example", "x" * 16, Role.EVALUATOR)
            plaintext, _ = create_api_token(db, user, "schemathesis")
            tender = create_tender(
                db, title="Fuzz", reference="F-1", procurement_date=dt.date(2025, 9, 1), user=user
            )
            plan = make_tender_plan(tender, b"fuzz plan")
            bid = add_bid(
                db, tender, bidder_name="Fuzz Ltd", data=b"fuzz plan", assessment=plan, user=user
            )
            SEEDED.update(tender_id=tender.public_id, bid_id=bid.public_id)
        patch.setattr(APP.state, "settings", settings_)
        patch.setattr(APP.state, "engine", engine)
        try:
            yield plaintext
        finally:
            engine.dispose()
            get_settings.cache_clear()


schema = schemathesis.openapi.from_asgi("/openapi.json", APP).include(path_regex="^/api/v1/tenders")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_the_tender_api_answers_every_input_without_server_errors(case: Any, token: str) -> None:
    # The seeded tender and bid, so the calls reach the domain code (unknown ids only get a 404,
    # which the general fuzzing covers). The finalise operation runs last.
    case.path_parameters = {key: SEEDED[key] for key in case.path_parameters or {}}
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
