"""Tests for crp_checker.corrections.stored on both backends: corrections and outcomes kept
with a stored check, judged in order, and applied again to a re-assessment."""

from __future__ import annotations

from databases import add_assessment, add_user
from sqlalchemy.orm import Session

from crp_checker.corrections import parse_corrections
from crp_checker.corrections.stored import carry_over, correct, set_outcome
from crp_checker.schemas import Outcome
from crp_checker.store import Role, save_assessment
from crp_checker.store.correction_models import FactCorrection
from crp_checker.store.models import AssessmentRecord


def test_a_reassessment_keeps_corrections_and_outcomes_and_names_what_no_longer_applies(
    session: Session,
) -> None:
    user = add_user(session, "ann@org-a.example", Role.SUPPLIER, "Org A Ltd")
    record = add_assessment(session, user, b"a plan to correct")
    fixes = [{"fact": "net_zero_year", "value": 2045, "reason": "Page 2 says 2045."}]
    correct(session, record, parse_corrections(fixes), user)
    correct(
        session,
        record,
        parse_corrections([{"fact": "net_zero_year", "value": 2040, "reason": "Updated."}]),
        user,
    )
    set_outcome(session, record, "scope2-basis", "pass", "Market-based, as the note says.", user)
    set_outcome(session, record, "signatory", "fail", "Nobody signed it.", user)
    session.add(
        FactCorrection(
            assessment_id=record.id,
            fact="baseline.colour",  # a fact a later checker no longer has
            value={"value": 1},
            quote="",
            reason="An old correction.",
            supplier_statement=True,
            user_id=user.id,
        )
    )
    session.flush()
    checked = record.assessment  # stands in for the new rulebook's check of the same plan
    new = save_assessment(
        session,
        checked.model_copy(update={"facts": checked.facts.model_copy(update={"corrections": {}})}),
        file=record.file,
        user=user,
        reassessed_from=record,
    )
    dropped = carry_over(session, record, new)
    assert len(dropped) == 1 and "the checker no longer has that fact" in dropped[0]
    result = new.assessment
    assert result.facts.net_zero_year == 2040  # the latest correction of the fact
    assert result.facts.corrections["net_zero_year"].supplier_statement is True
    basis = next(f for f in result.findings if f.rule == "scope2-basis")
    assert basis.outcome is Outcome.PASS and "Market-based" in basis.message
    assert next(f for f in result.findings if f.rule == "signatory").outcome is Outcome.FAIL
    assert dropped[0] in result.warnings
    assert session.query(FactCorrection).filter_by(assessment_id=new.id).count() == 4
    assert session.get(AssessmentRecord, new.id) is not None
