"""The review queue: the checker's open questions, and answering them.

Every `needs_review` finding carries its question. Evaluators see those of their draft
tenders' bids (after moderation), the climate team those of each register supplier's latest
check. An answer closes a question: confirm the checker's reading (a correction to the value
it read), correct a fact, or set the outcome with a reason (on a bid, a moderation).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.corrections import Correction, fact_kind, fact_value
from crp_checker.corrections.stored import correct, set_outcome
from crp_checker.errors import CRPError
from crp_checker.readings import fact_name, reading_question
from crp_checker.schemas import Assessment, Evidence, Finding, Outcome
from crp_checker.store.models import AssessmentRecord, Role, User
from crp_checker.store.supplier_models import Supplier
from crp_checker.store.tender_models import Bid, Tender, TenderStatus
from crp_checker.suppliers.records import latest_assessments
from crp_checker.tenders import bid_assessment, bid_result, current_bids, moderate

CONFIRM, CORRECT, OUTCOME = "confirm", "correct", "outcome"


class AnswerError(CRPError):
    """An answer the queue cannot take (no such question, nothing to confirm)."""

    code = "bad_answer"
    http_status = 422
    default_hint = "Reload the review page: the question may have been answered already."


@dataclass(frozen=True)
class Doubt:
    """A fact the question is about: its path, how people say it, and the value read."""

    key: str
    name: str
    value: object


@dataclass(frozen=True)
class Question:
    """One open question: where it comes from, the finding, its quotes and the doubtful facts."""

    assessment_id: str
    where: str
    link: str
    rule: str
    title: str
    question: str
    evidence: list[Evidence]
    doubts: list[Doubt] = field(default_factory=list)
    bid_id: str | None = None
    tender_id: str | None = None

    @property
    def can_confirm(self) -> bool:
        """Confirming needs a value read for every doubtful fact (a conflict has none)."""
        return bool(self.doubts) and all(d.value is not None for d in self.doubts)

    @property
    def on_bid(self) -> bool:
        """A bid's outcome is set by moderation; any other check's by an outcome correction."""
        return self.bid_id is not None


def doubts(assessment: Assessment, finding: Finding) -> list[Doubt]:
    """The correctable facts whose doubtful reading raised this finding's question."""
    found = []
    for key, reading in assessment.facts.readings.items():
        if reading.how not in ("inferred", "conflicting") or fact_kind(key) is None:
            continue
        if reading_question(key, reading) in (finding.question or ""):
            found.append(Doubt(key, fact_name(key), fact_value(assessment.facts, key)))
    return found


def _questions(
    record_id: str, assessment: Assessment, findings: list[Finding], where: str, link: str
) -> list[Question]:
    return [
        Question(
            assessment_id=record_id,
            where=where,
            link=link,
            rule=finding.rule,
            title=finding.title,
            question=finding.question or f"Is '{finding.title}' met?",
            evidence=finding.evidence[:3],
            doubts=doubts(assessment, finding),
        )
        for finding in findings
    ]


def bid_questions(tender: Tender, bid: Bid) -> list[Question]:
    """A bid's open questions: findings still needing review after moderation."""
    assessment = bid_assessment(bid)
    open_findings = [
        e.finding for e in bid_result(bid, assessment).findings if e.outcome is Outcome.NEEDS_REVIEW
    ]
    link = f"/tenders/{tender.public_id}/bids/{bid.public_id}"
    where = f"{tender.reference}: {bid.bidder_name}"
    return [
        Question(**{**q.__dict__, "bid_id": bid.public_id, "tender_id": tender.public_id})
        for q in _questions(bid.assessment_record.public_id, assessment, open_findings, where, link)
    ]


def evaluator_queue(session: Session) -> list[Question]:
    """The open questions of every draft tender's current bids."""
    statement = select(Tender).where(Tender.status == TenderStatus.DRAFT).order_by(Tender.id)
    return [
        question
        for tender in session.scalars(statement)
        for bid in current_bids(tender)
        for question in bid_questions(tender, bid)
    ]


def register_queue(session: Session) -> list[Question]:
    """The open questions of each register supplier's latest check."""
    latest = latest_assessments(session, with_data=True)
    names = {row.id: row.name for row in session.execute(select(Supplier.id, Supplier.name))}
    questions: list[Question] = []
    for supplier_id, record in sorted(latest.items(), key=lambda item: names.get(item[0], "")):
        assessment = record.assessment
        open_findings = [f for f in assessment.findings if f.outcome is Outcome.NEEDS_REVIEW]
        where = f"{names.get(supplier_id, 'Supplier')}: {record.source_name}"
        link = f"/reports/{record.public_id}"
        questions += _questions(record.public_id, assessment, open_findings, where, link)
    return questions


def queue_for(session: Session, user: User) -> list[Question]:
    """The questions `user` answers: tenders' for evaluators, the register's for the climate
    team, both for admins."""
    if user.role is Role.EVALUATOR:
        return evaluator_queue(session)
    if user.role is Role.CLIMATE:
        return register_queue(session)
    if user.role is Role.ADMIN:
        return evaluator_queue(session) + register_queue(session)
    return []


def find_question(session: Session, user: User, assessment_id: str, rule: str) -> Question:
    """The open question of this assessment and rule in `user`'s queue."""
    for question in queue_for(session, user):
        if question.assessment_id == assessment_id and question.rule == rule:
            return question
    raise AnswerError("That question is not open (it may have been answered already).")


def _record(session: Session, public_id: str) -> AssessmentRecord:
    statement = select(AssessmentRecord).where(AssessmentRecord.public_id == public_id)
    return session.scalars(statement).one()


def answer(
    session: Session,
    user: User,
    question: Question,
    action: str,
    *,
    reason: str,
    correction: Correction | None = None,
    outcome: str | None = None,
) -> None:
    """Close `question`: confirm what the checker read, correct a fact, or set the outcome."""
    if not reason.strip():
        raise AnswerError("An answer needs a reason.", hint="Say why, for the audit log.")
    record = _record(session, question.assessment_id)
    if action == CONFIRM:
        if not question.can_confirm:
            raise AnswerError("There is no reading to confirm here: correct the fact instead.")
        confirmed = [
            Correction(fact=d.key, value=d.value, reason=f"Confirmed: {reason.strip()}")
            for d in question.doubts
        ]
        correct(session, record, confirmed, user, question_rule=question.rule)
    elif action == CORRECT:
        if correction is None:
            raise AnswerError("Give the fact and its value to correct it.")
        correct(session, record, [correction], user, question_rule=question.rule)
    elif action == OUTCOME and question.on_bid:
        tender = session.scalars(select(Tender).where(Tender.public_id == question.tender_id)).one()
        bid = next(b for b in tender.bids if b.public_id == question.bid_id)
        moderate(
            session, bid, rule_id=question.rule, outcome=outcome or "", reason=reason, user=user
        )
    elif action == OUTCOME:
        set_outcome(session, record, question.rule, outcome or "", reason, user)
    else:
        raise AnswerError(f"{action!r} is not an answer to this question.")
