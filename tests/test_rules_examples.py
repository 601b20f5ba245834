"""Checks that the rule-test builders are what they claim: the complete plan passes every scored
rule, the empty one fails every mandatory rule it can."""

from __future__ import annotations

from rule_cases import complete_facts, run

from crp_checker.rules import RULES
from crp_checker.schemas import Facts, Outcome, Severity

# --------------------------------------------------------------------------- tests of the builders


def test_complete_facts_pass_every_scored_rule() -> None:
    for rule_id in RULES:
        finding = run(rule_id, complete_facts())
        assert finding.outcome is Outcome.PASS, f"{rule_id}: {finding.message}"
        assert finding.fix is None


def test_empty_facts_fail_the_mandatory_rules_that_need_something() -> None:
    findings = {rule_id: run(rule_id, Facts()) for rule_id in RULES}
    never_fail = {
        # Nothing to judge without the thing they qualify: another rule already fails.
        "net-zero-not-carbon-neutral",
        "baseline-year-plausible",
        "values-valid",
        "zeros-explained",
        "published-online",
        # Vacuously true: no placeholders in an empty document.
        "no-placeholders",
    }
    for rule_id, rule in RULES.items():
        if rule.severity is Severity.MANDATORY and rule_id not in never_fail:
            assert findings[rule_id].outcome is Outcome.FAIL, rule_id
    assert findings["no-placeholders"].outcome is Outcome.PASS
    for rule_id in never_fail - {"no-placeholders"}:
        assert findings[rule_id].outcome is Outcome.NOT_APPLICABLE, rule_id


def test_every_finding_has_a_message_and_copies_evidence() -> None:
    facts = complete_facts()
    finding = run("net-zero-year", facts)
    assert finding.evidence == facts.evidence["net_zero"]
    assert finding.evidence[0] is not facts.evidence["net_zero"][0]
    for rule_id in RULES:
        assert run(rule_id, Facts()).message.strip(), rule_id


def test_not_found_messages_say_where_the_checker_looked() -> None:
    finding = run("declaration", Facts())
    assert "the 4 pages of the document" in finding.message
