"""Support routes: the data file covers every rule, and gaps match the right routes."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_score import finding

from crp_checker.errors import CRPError
from crp_checker.rules import RULES
from crp_checker.schemas import Outcome
from crp_checker.settings import get_settings
from crp_checker.support import DEFAULT_ROUTES_FILE, load_routes, match_support

EXPECTED_ROUTES = {
    "bee-net-zero",
    "gc-growth-hub-green-economy",
    "stockport-sme-climate-training",
    "stockport-can-business-forum",
    "carbon-literacy",
    "self-fix",
}


@pytest.fixture(autouse=True)
def packaged_routes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from the packaged file, whatever the environment says."""
    monkeypatch.delenv("CRP_SUPPORT_ROUTES_FILE", raising=False)
    get_settings.cache_clear()


def test_the_packaged_file_has_the_rulebook_routes() -> None:
    routes = load_routes()
    assert {r.id for r in routes} == EXPECTED_ROUTES
    assert all(r.name and len(r.description) > 40 for r in routes)
    assert all(r.url is None or r.url.startswith("https://") for r in routes)
    assert [r.id for r in routes if not r.referral] == ["self-fix"]


def test_every_rule_maps_to_a_route_and_every_mapped_id_exists() -> None:
    mapped = {rule_id for route in load_routes() for rule_id in route.rules}
    assert mapped == set(RULES)


def test_a_failing_declaration_gets_self_fix_guidance_only() -> None:
    routes = match_support([finding("declaration", Outcome.FAIL)])
    assert [(r.id, r.rules, r.referral) for r in routes] == [("self-fix", ["declaration"], False)]


def test_a_partial_commitment_is_referred_to_the_commitment_routes() -> None:
    routes = match_support([finding("net-zero-commitment", Outcome.PARTIAL)])
    assert [r.id for r in routes] == [
        "bee-net-zero",
        "stockport-sme-climate-training",
        "carbon-literacy",
    ]
    assert all(r.rules == ["net-zero-commitment"] for r in routes)


def test_matched_rules_are_the_gaps_in_rulebook_order() -> None:
    findings = [
        finding("baseline-year", Outcome.FAIL),
        finding("scope3-categories", Outcome.PARTIAL),
        finding("totals-add-up", Outcome.PASS),
    ]
    (hub,) = [r for r in match_support(findings) if r.id == "gc-growth-hub-green-economy"]
    assert hub.rules == ["baseline-year", "scope3-categories"]


@pytest.mark.parametrize(
    ("rule_id", "outcome"),
    [
        ("declaration", Outcome.PASS),
        ("declaration", Outcome.NEEDS_REVIEW),
        ("declaration", Outcome.NOT_APPLICABLE),
        ("local-ambition", Outcome.PARTIAL),  # info: shown, never a gap
    ],
)
def test_non_gaps_match_no_route(rule_id: str, outcome: Outcome) -> None:
    assert match_support([finding(rule_id, outcome)]) == []


def test_the_packaged_file_is_not_changed_by_matching() -> None:
    match_support([finding("declaration", Outcome.FAIL)])
    (self_fix,) = [r for r in load_routes() if r.id == "self-fix"]
    assert len(self_fix.rules) > 1


def test_a_council_file_replaces_the_packaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    custom = tmp_path / "routes.toml"
    custom.write_text(
        '[[route]]\nid = "helpdesk"\nname = "Council helpdesk"\n'
        'description = "Call us."\nrules = ["declaration"]\n',
        encoding="utf-8",
    )
    assert [r.id for r in load_routes(custom)] == ["helpdesk"]
    monkeypatch.setenv("CRP_SUPPORT_ROUTES_FILE", str(custom))
    get_settings.cache_clear()
    routes = match_support([finding("declaration", Outcome.FAIL)])
    assert [(r.id, r.referral) for r in routes] == [("helpdesk", True)]


def test_unknown_rule_ids_are_refused(tmp_path: Path) -> None:
    custom = tmp_path / "routes.toml"
    custom.write_text(
        '[[route]]\nid = "x"\nname = "X"\ndescription = "d"\nrules = ["no-such-rule"]\n',
        encoding="utf-8",
    )
    with pytest.raises(CRPError, match="no-such-rule"):
        load_routes(custom)


@pytest.mark.parametrize(
    "content", ["[[route]]\nid = ", '[[route]]\nid = "x"\n', "[[route]]\nname = 3\n"]
)
def test_broken_files_raise_a_crp_error(tmp_path: Path, content: str) -> None:
    custom = tmp_path / "routes.toml"
    custom.write_text(content, encoding="utf-8")
    with pytest.raises(CRPError) as raised:
        load_routes(custom)
    assert str(custom) in raised.value.hint


def test_a_missing_file_raises_a_crp_error(tmp_path: Path) -> None:
    with pytest.raises(CRPError):
        load_routes(tmp_path / "absent.toml")


def test_default_file_is_packaged_data() -> None:
    assert DEFAULT_ROUTES_FILE.name == "support_routes.toml"
    assert DEFAULT_ROUTES_FILE.parent.name == "data"
