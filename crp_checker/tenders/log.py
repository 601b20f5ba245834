"""The tender's audit log: every bid received, each new plan version, moderation, fact
correction, clarification letter and withdrawal, and the finalising, oldest first.

Built from the records themselves (nothing is written twice), so the log the page shows, the
XLSX's log sheet and the evaluation record cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from crp_checker.formatting import uk_date
from crp_checker.readings import fact_name
from crp_checker.report.wording import OUTCOME_LABELS
from crp_checker.store.models import AssessmentRecord, User
from crp_checker.store.tender_models import Bid, Tender

BID_RECEIVED = "Bid received"
NEW_VERSION = "New plan version"
MODERATION = "Moderation"
CLARIFICATION = "Clarification letter"
WITHDRAWAL = "Withdrawal"
FINALISED = "Finalised"
CORRECTION = "Fact correction"


@dataclass(frozen=True)
class LogEntry:
    """One event: when, who, which bid, what happened and why."""

    when: dt.datetime
    who: str
    bidder: str
    event: str
    details: str
    rule: str | None = None
    before: str | None = None
    after: str | None = None
    bid_public_id: str | None = None


def _who(user: User | None) -> str:
    return user.email if user is not None else ""


def bid_log(bid: Bid) -> list[LogEntry]:
    """The events of one bid, oldest first."""
    entries: list[LogEntry] = []
    versions = {v.assessment_id: v.number for v in bid.versions}
    for version in bid.versions:
        plan = version.assessment_record.source_name
        if version.number == 1:
            event, details = BID_RECEIVED, f"Plan {plan} (added by {version.added_via.value})."
        else:
            answer = (
                f", in reply to the letter sent {uk_date(version.clarification.sent_on)}"
                if version.clarification
                else ""
            )
            event, details = NEW_VERSION, f"Version {version.number}: {plan}{answer}."
        entries.append(
            LogEntry(
                version.created_at,
                _who(version.added_by),
                bid.bidder_name,
                event,
                details,
                bid_public_id=bid.public_id,
            )
        )
    for moderation in bid.moderations:
        number = versions.get(moderation.assessment_id, 1)
        entries.append(
            LogEntry(
                moderation.created_at,
                _who(moderation.user),
                bid.bidder_name,
                MODERATION,
                moderation.reason + (f" (plan version {number})" if len(versions) > 1 else ""),
                moderation.rule_id,
                OUTCOME_LABELS[moderation.outcome_before],
                OUTCOME_LABELS[moderation.outcome_after],
                bid.public_id,
            )
        )
    for version in bid.versions:
        entries += _corrections(bid, version.assessment_record, versions)
    for letter in bid.clarifications:
        asked = ", ".join(item["rule"] for item in letter.items)
        entries.append(
            LogEntry(
                letter.created_at,
                _who(letter.created_by),
                bid.bidder_name,
                CLARIFICATION,
                f"Sent {uk_date(letter.sent_on)}, reply by {uk_date(letter.reply_by)}; "
                f"asks about {asked}.",
                bid_public_id=bid.public_id,
            )
        )
    if bid.withdrawn_at is not None:
        entries.append(
            LogEntry(
                bid.withdrawn_at,
                _who(bid.withdrawn_by),
                bid.bidder_name,
                WITHDRAWAL,
                bid.withdrawn_reason or "",
                bid_public_id=bid.public_id,
            )
        )
    return sorted(entries, key=lambda e: e.when)


def _shown(value: object) -> str:
    return "not disclosed" if value is None else str(value)


def _corrections(bid: Bid, record: AssessmentRecord, versions: dict[int, int]) -> list[LogEntry]:
    """A plan version's fact corrections: the fact, the checker's original, the new value."""
    facts = record.data.get("facts", {}).get("corrections", {})
    number = versions.get(record.id, 1)
    entries = []
    for row in record.corrections:
        if row.fact == "outcome":  # set by hand outside tenders; a bid's are moderations
            continue
        where = f" (p. {row.page}, \u201c{row.quote}\u201d)" if row.page and row.quote else ""
        own = " The supplier's own statement." if row.supplier_statement else ""
        plan = f" (plan version {number})" if len(versions) > 1 else ""
        entries.append(
            LogEntry(
                row.created_at,
                _who(row.user),
                bid.bidder_name,
                CORRECTION,
                f"{fact_name(row.fact)[0].upper()}{fact_name(row.fact)[1:]} set to "
                f"{_shown(row.value.get('value'))}: {row.reason}{where}{plan}.{own}",
                row.fact,
                _shown(facts.get(row.fact, {}).get("original")),
                _shown(row.value.get("value")),
                bid.public_id,
            )
        )
    return entries


def tender_log(tender: Tender) -> list[LogEntry]:
    """Every event of the tender, oldest first."""
    entries = [entry for bid in tender.bids for entry in bid_log(bid)]
    if tender.finalised_at is not None:
        entries.append(
            LogEntry(
                tender.finalised_at,
                _who(tender.finalised_by),
                "",
                FINALISED,
                "The matrix was kept as decided; no further changes.",
            )
        )
    return sorted(entries, key=lambda e: e.when)
