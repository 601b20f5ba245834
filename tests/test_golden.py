"""Golden tests: every fixture plan, checked end to end, against its expectation and its
recorded whole output.

Two layers. `fixtures/expected/*.json` says what the plan states and what the rulebook makes of
it (written from the plan's spec, not from the checker). `fixtures/golden/*.json` records the
checker's whole Assessment for the same run, so any change to any finding, message or fact
shows up in review; refresh it with `UPDATE_GOLDEN=1 make test` after checking the diff.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest

from crp_checker.extract import publication
from crp_checker.pipeline import assess

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXPECTED = sorted((FIXTURES / "expected").glob("*.json"))
VOLATILE = {"assessed_at", "tool_version"}


def _run(expected: dict[str, Any]) -> dict[str, Any]:
    settings = dict(expected.get("settings", {}))
    assessment = assess(
        FIXTURES / expected["file"],
        url=expected.get("url"),
        check_date=expected["check_date"],
        **settings,
    )
    result: dict[str, Any] = assessment.model_dump(mode="json")
    return result


def _differences(want: Any, got: Any, path: str) -> list[str]:
    """Compare only the keys `want` lists; lists as sets; numbers to 1e-6."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return [f"{path}: expected an object, got {got!r}"]
        return [
            d
            for key, value in want.items()
            for d in _differences(value, got.get(key), f"{path}.{key}")
        ]
    if isinstance(want, list):
        if not isinstance(got, list) or sorted(map(str, want)) != sorted(map(str, got)):
            return [f"{path}: expected {want}, got {got}"]
        return []
    if isinstance(want, float) or (isinstance(want, int) and isinstance(got, float)):
        if got is None or isinstance(want, bool):
            return [] if want == got else [f"{path}: expected {want!r}, got {got!r}"]
        if not math.isclose(float(want), float(got), rel_tol=1e-6, abs_tol=1e-9):
            return [f"{path}: expected {want}, got {got}"]
        return []
    return [] if want == got else [f"{path}: expected {want!r}, got {got!r}"]


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    """Each fixture assessed once (the spaCy pipeline is built once per process)."""
    return {path.stem: _run(json.loads(path.read_text())) for path in EXPECTED}


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_fixture_meets_its_expectation(path: Path, results: dict[str, dict[str, Any]]) -> None:
    expected = json.loads(path.read_text())
    got = results[path.stem]
    problems = _differences(expected.get("facts", {}), got["facts"], "facts")
    outcomes = {finding["rule"]: finding["outcome"] for finding in got["findings"]}
    for rule, outcome in expected.get("outcomes", {}).items():
        if outcomes.get(rule) != outcome:
            problems.append(f"{rule}: expected {outcome}, got {outcomes.get(rule)}")
    if "verdict" in expected and expected["verdict"] != got["verdict"]:
        problems.append(f"verdict: expected {expected['verdict']}, got {got['verdict']}")
    assert problems == []


def _compact(value: Any) -> Any:
    """Evidence as 'page:start-end' (the quote is the page text at that span), so golden files
    stay small while any change of what was quoted, or where, still shows."""
    if isinstance(value, dict):
        if set(value) == {"page", "quote", "start", "end"}:
            if value["start"] is None:
                return f"{value['page']}:{value['quote'][:60]}"
            return f"{value['page']}:{value['start']}-{value['end']}"
        return {key: _compact(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_compact(item) for item in value]
    return value


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_fixture_matches_its_golden_output(path: Path, results: dict[str, dict[str, Any]]) -> None:
    got = _compact({k: v for k, v in results[path.stem].items() if k not in VOLATILE})
    golden = FIXTURES / "golden" / f"{path.stem}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    assert golden.exists(), f"no golden output for {path.stem}: run UPDATE_GOLDEN=1 make test"
    assert got == json.loads(golden.read_text())


def test_published_online_passes_for_a_reachable_own_domain(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fixtures cannot reach the internet, so reachability itself is stubbed here (and
    tested against a real local server in test_extract_publication.py)."""
    monkeypatch.setattr("crp_checker.pipeline.is_reachable", lambda url, timeout: True)
    assessment = assess(
        FIXTURES / "pdf" / "template_compliant.pdf",
        url="https://www.tarnwick-facilities.example/carbon-reduction-plan.pdf",
        check_date="2025-09-01",
    )
    finding = next(f for f in assessment.findings if f.rule == "published-online")
    assert finding.outcome == "pass"
    assert publication.judge_url("https://issuu.com/tarnwick/docs/crp") is False


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_every_needs_review_asks_a_person_a_question(
    path: Path, results: dict[str, dict[str, Any]]
) -> None:
    for finding in results[path.stem]["findings"]:
        if finding["outcome"] == "needs_review":
            assert finding["question"] and finding["question"].endswith("?"), finding["rule"]
        else:
            assert finding["question"] is None, finding["rule"]
