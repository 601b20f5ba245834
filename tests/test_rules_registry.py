"""Consistency of the rulebook: the registered rules match docs/RULES.md, the runner applies
each once, absence on unreadable pages becomes needs_review, and every rule has examples."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import test_rules_baseline
import test_rules_commitment
import test_rules_current
import test_rules_data
import test_rules_document
import test_rules_explained
import test_rules_method
import test_rules_publication
import test_rules_scope3
import test_rules_targets
from rule_cases import Case, buyer, complete_facts, run

from crp_checker.readings import mark_conflicting, mark_inferred
from crp_checker.rules import RULEBOOK_VERSION, RULES, SECTIONS, rule, run_rules
from crp_checker.rules.registry import Result, Rule, RuleContext
from crp_checker.schemas import (
    Document,
    Evidence,
    Facts,
    Outcome,
    Page,
    Reading,
    Severity,
    SourceInfo,
)

RULES_MD = Path(__file__).resolve().parents[1] / "docs" / "RULES.md"
ALL_CASES: list[Case] = [
    *test_rules_document.CASES,
    *test_rules_commitment.CASES,
    *test_rules_baseline.CASES,
    *test_rules_current.CASES,
    *test_rules_data.CASES,
    *test_rules_scope3.CASES,
    *test_rules_explained.CASES,
    *test_rules_method.CASES,
    *test_rules_targets.CASES,
    *test_rules_publication.CASES,
]


def rulebook_rows() -> list[dict[str, str]]:
    """The rows of the rule tables in docs/RULES.md, with the section heading above each."""
    rows: list[dict[str, str]] = []
    in_rules, heading = False, ""
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_rules = line.strip() == "## Rules"
        elif in_rules and line.startswith("### "):
            heading = line[4:].strip()
        elif in_rules and (match := re.match(r"\|\s*`([a-z0-9-]+)`\s*\|", line)):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            rows.append(
                {"id": match.group(1), "heading": heading, "severity": cells[3], "serves": cells[4]}
            )
    return rows


ROWS = rulebook_rows()


def document(unreadable: tuple[int, ...] = ()) -> Document:
    source = SourceInfo(name="plan.pdf", kind="pdf", sha256="0" * 64, size_bytes=1)
    pages = [
        Page(number=n, text="", method="none") if n in unreadable else Page(number=n, text="t")
        for n in range(1, 5)
    ]
    return Document(source=source, pages=pages)


def test_the_rulebook_parses_into_43_rules() -> None:
    assert len(ROWS) == 43  # counted by hand in docs/RULES.md
    assert ROWS[0]["id"] == "crp-identified"
    assert ROWS[-1]["id"] == "published-online"


def test_registered_ids_are_the_rulebook_ids_in_order() -> None:
    assert list(RULES) == [row["id"] for row in ROWS]


def test_sections_follow_the_rulebook_headings() -> None:
    for row in ROWS:
        assert RULES[row["id"]].section_title == row["heading"], row["id"]
    assert list(SECTIONS.values()) == list(dict.fromkeys(row["heading"] for row in ROWS))


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["id"])
def test_severity_confidence_and_grounds_match_the_table(row: dict[str, str]) -> None:
    registered = RULES[row["id"]]
    severity = row["severity"]
    expected = (
        Severity.GOOD_PRACTICE
        if severity.startswith("good practice")
        else Severity.INFO
        if severity.startswith("info")
        else Severity.MANDATORY
    )
    assert severity.split()[0] in ("mandatory", "good", "info")
    assert registered.severity is expected
    secondary = "confidence: secondary" in severity
    assert registered.confidence == ("secondary" if secondary else None)
    serves = row["serves"]
    if serves == "all":
        assert registered.serves == ("a", "b", "c", "d", "e")
    elif serves == "-":
        assert registered.serves == ()
    else:
        assert registered.serves == tuple(s.strip() for s in serves.split(","))


@pytest.mark.parametrize("rule_id", list(RULES))
def test_each_rule_has_a_title_and_an_explanation(rule_id: str) -> None:
    registered = RULES[rule_id]
    assert registered.title
    assert len(registered.docstring) > 40
    assert "\n" not in registered.docstring  # flattened for the CLI and the README table


@pytest.mark.parametrize("rule_id", list(RULES))
def test_each_rule_has_a_passing_and_a_non_passing_example(rule_id: str) -> None:
    outcomes = {case.expected for case in ALL_CASES if case.rule == rule_id}
    assert Outcome.PASS in outcomes
    if RULES[rule_id].severity is Severity.INFO:
        assert outcomes - {Outcome.PASS}
    else:
        assert outcomes & {Outcome.PARTIAL, Outcome.FAIL}


def test_runner_returns_one_finding_per_rule_in_order() -> None:
    findings = run_rules(complete_facts(), document(), buyer())
    assert [f.rule for f in findings] == list(RULES)
    for finding in findings:
        registered = RULES[finding.rule]
        assert finding.severity is registered.severity
        assert finding.section == registered.section
        assert finding.serves == list(registered.serves)
        assert finding.title == registered.title


def test_absence_on_unreadable_pages_becomes_needs_review() -> None:
    findings = {f.rule: f for f in run_rules(Facts(), document(unreadable=(2, 4)), buyer())}
    declaration = findings["declaration"]
    assert declaration.outcome is Outcome.NEEDS_REVIEW
    assert "Pages 2 and 4 could not be read" in declaration.message
    assert "No declaration was found" in declaration.message  # the original finding is kept
    assert declaration.fix and "pages 2 and 4" in declaration.fix
    # A partial that rests on absence is converted too.
    assert findings["uk-operations-covered"].outcome is Outcome.NEEDS_REVIEW
    # A pass that rests on absence stays a pass, but says what was not read.
    placeholders = findings["no-placeholders"]
    assert placeholders.outcome is Outcome.PASS
    assert "pages 2 and 4 could not be read" in placeholders.message


def test_a_fail_on_what_was_read_stays_a_fail_despite_unreadable_pages() -> None:
    facts = complete_facts(net_zero_year=2060)
    findings = {f.rule: f for f in run_rules(facts, document(unreadable=(3,)), buyer())}
    assert findings["net-zero-year"].outcome is Outcome.FAIL


def test_without_unreadable_pages_absence_is_a_plain_fail() -> None:
    assert run("declaration", Facts()).outcome is Outcome.FAIL
    assert run("declaration", Facts(), unreadable=(1,)).outcome is Outcome.NEEDS_REVIEW


def test_every_needs_review_finding_asks_its_question() -> None:
    findings = run_rules(Facts(), document(unreadable=(2,)), buyer())
    reviews = [f for f in findings if f.outcome is Outcome.NEEDS_REVIEW]
    assert reviews
    for finding in reviews:
        assert finding.question and finding.question.endswith("?"), finding.rule
        assert "page 2" in finding.question
    assert all(f.question is None for f in findings if f.outcome is not Outcome.NEEDS_REVIEW)


def _failing(facts: Facts, ctx: RuleContext) -> Result:
    """A test rule that fails on the baseline Scope 1 figure."""
    return Result(Outcome.FAIL, "Scope 1 is wrong.", rests_on=("baseline.scope1",))


def _registered(check: Callable[[Facts, RuleContext], Result]) -> Rule:
    return Rule(
        id="test-rule",
        title="Test rule",
        section="data",
        severity=Severity.MANDATORY,
        serves=("b",),
        confidence=None,
        docstring="A rule for tests.",
        check=check,
    )


def test_a_fail_on_a_conflicting_reading_goes_to_a_person_with_the_candidates() -> None:
    facts = Facts()
    quotes = [Evidence(page=2, quote="Scope 1 12.5"), Evidence(page=3, quote="Scope 1: 14.0")]
    mark_conflicting(
        facts, "baseline.scope1", [("12.5", quotes[:1]), ("14.0", quotes[1:])], "two tables"
    )
    finding = _registered(_failing).run(facts, RuleContext(buyer=buyer(), page_count=3))
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question == (
        "Which is the baseline Scope 1 figure: 12.5 (p. 2, \u201cScope 1 12.5\u201d) "
        "or 14.0 (p. 3, \u201cScope 1: 14.0\u201d)?"
    )
    assert [e.page for e in finding.evidence] == [2, 3]


def test_a_fail_on_an_inferred_reading_asks_whether_it_is_right() -> None:
    facts = Facts()
    mark_inferred(facts, "baseline.scope1", "The year comes from the heading on page 2.")
    finding = _registered(_failing).run(facts, RuleContext(buyer=buyer(), page_count=3))
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question == (
        "The year comes from the heading on page 2. Is the baseline Scope 1 figure read right?"
    )


def test_a_fail_on_a_stated_reading_stays_a_fail() -> None:
    facts = Facts()
    facts.readings["baseline.scope1"] = Reading(how="stated")
    finding = _registered(_failing).run(facts, RuleContext(buyer=buyer(), page_count=3))
    assert finding.outcome is Outcome.FAIL
    assert finding.question is None


def test_not_a_crp_still_runs_every_rule_and_fails_crp_identified() -> None:
    findings = run_rules(Facts(is_crp=False), document(), buyer())
    assert len(findings) == len(RULES)
    assert findings[0].rule == "crp-identified"
    assert findings[0].outcome is Outcome.FAIL


def test_rulebook_version_names_the_ppn() -> None:
    assert RULEBOOK_VERSION.startswith("ppn006-")


def _check(facts: Facts, ctx: RuleContext) -> Result:
    """A test rule."""
    return Result(Outcome.PASS, "ok")


def test_decorator_refuses_duplicate_ids_missing_docstrings_and_unknown_values() -> None:
    info = Severity.INFO
    with pytest.raises(ValueError, match="twice"):
        rule("declaration", title="t", section="method", severity=info, serves="-")(_check)
    with pytest.raises(ValueError, match="section"):
        rule("new-rule", title="t", section="nowhere", severity=info, serves="-")(_check)
    with pytest.raises(ValueError, match="ground"):
        rule("new-rule", title="t", section="method", severity=info, serves="f")(_check)

    def undocumented(facts: Facts, ctx: RuleContext) -> Result:
        return Result(Outcome.PASS, "ok")

    with pytest.raises(ValueError, match="docstring"):
        rule("new-rule", title="t", section="method", severity=info, serves="-")(undocumented)
    assert "new-rule" not in RULES
