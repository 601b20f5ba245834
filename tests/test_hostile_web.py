"""The hostile-file corpus through the web upload and the API: a clear 4xx, nothing stored.

Each case is uploaded by a signed-in supplier (whose checks are stored) through the form and
by a script through `POST /api/v1/assessments`. A refusal must answer the case's status with
its message and hint, store no assessment and no file, leave no temp file behind, and the
server must go on serving; a readable hostile file is stored and its page shows nothing it hid.
Worker isolation (time and memory limits) for the same files is tested in test_hostile_cli.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from hostile_support import CASES, case_ids, environment, hostile, skip_unless_available
from web_support import WebEnv, csrf, upload

from crp_checker.store import get_assessment, session_scope
from crp_checker.store.files import TEMP_PREFIX

WEB_ENV = {"reports": False}  # options for conftest's `env`


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths: dict[str, Path] = hostile.write_corpus(tmp_path_factory.mktemp("hostile"))
    return paths


def _no_temp_files(env: WebEnv) -> None:
    assert [p for p in (env.folder / "files").rglob(f"{TEMP_PREFIX}*")] == []


def _page_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.mark.parametrize("case", CASES, ids=case_ids(list(CASES)))
def test_the_upload_form_refuses_or_reads_each_hostile_file(
    case: Any, env: WebEnv, corpus: dict[str, Path]
) -> None:
    skip_unless_available(case)
    client = env.signed_in("supplier_a")
    data = corpus[case.id].read_bytes()
    before = env.counts()
    with environment(case.env):
        response = upload(client, data, case.name, content_type="application/octet-stream")
    if case.outcome == "error":
        assert response.status_code == case.http_status, response.text[:500]
        text = _page_text(response.text)
        assert case.says.lower() in text.lower()
        assert "What to do:" in text
        assert "Traceback" not in response.text
        assert env.counts() == before  # no assessment, no stored file
    else:
        assert response.status_code == 303, response.text[:500]
        report = client.get(response.headers["location"])
        assert report.status_code == 200
        for hidden in case.hidden:
            assert hidden not in _page_text(report.text)
        if env.counts()[0] == before[0]:
            # The same bytes as the organisation's latest check, with the same result: not
            # stored twice (issue 15), that check records it was checked again.
            public_id = response.headers["location"].rsplit("/", 1)[1]
            with session_scope(env.engine) as db:
                record = get_assessment(db, public_id)
                assert record is not None and record.recheck_count >= 1
        else:
            assert env.counts()[0] == before[0] + 1
    _no_temp_files(env)
    assert client.get("/").status_code == 200  # still serving


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.outcome == "error"],
    ids=case_ids([c for c in CASES if c.outcome == "error"]),
)
def test_the_api_refuses_each_hostile_file_with_its_code(
    case: Any, env: WebEnv, corpus: dict[str, Path]
) -> None:
    skip_unless_available(case)
    script = env.api("supplier_a")
    before = env.counts()
    with environment(case.env):
        response = script.post(
            "/api/v1/assessments",
            files={"file": (case.name, corpus[case.id].read_bytes(), "application/octet-stream")},
        )
    assert response.status_code == case.http_status, response.text[:500]
    error = response.json()["error"]
    assert error["code"] == case.code
    assert case.says.lower() in error["message"].lower() and error["hint"]
    assert env.counts() == before
    _no_temp_files(env)
    assert script.get("/api/v1/rules").status_code == 200


def test_a_file_name_that_climbs_folders_is_stored_under_its_last_part(
    env: WebEnv, corpus: dict[str, Path]
) -> None:
    client = env.signed_in("supplier_a")
    csrf(client)
    case = next(c for c in CASES if c.id == "path-traversal-name")
    response = upload(client, corpus[case.id].read_bytes(), case.name)
    assert response.status_code == 303
    stored = client.get(response.headers["location"] + ".json").json()
    name = stored["source"]["name"]
    assert "/" not in name and ".." not in name
