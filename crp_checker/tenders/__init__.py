"""Tender evaluation (issues 5 and 14): the CRP gate, weighted marks, moderation, clarification
letters, plan versions and exports.

An evaluator creates a tender with its procurement date, buyer settings and marking scheme;
each bid is a plan assessed with those settings and stored like any check; moderations
change findings' outcomes with a reason, a clarification letter asks the bidder about what
fails, a re-submitted plan becomes the bid's next version, and the matrix and exports show the
result. Every bid stays on record: a withdrawn one is marked, with its reason. Nothing here
commits: the caller's `session_scope()` is one transaction.
"""

from __future__ import annotations

from crp_checker.store.tender_models import (
    Bid,
    BidSource,
    BidVersion,
    Clarification,
    MarkingScale,
    Moderation,
    Tender,
    TenderStatus,
)
from crp_checker.tenders.bids import (
    add_bid,
    add_bid_from_stored,
    add_version,
    moderate,
    moderation_log,
    withdraw_bid,
)
from crp_checker.tenders.clarify import (
    VersionComparison,
    clarification_items,
    compare_versions,
    default_reply_by,
    get_clarification,
    send_clarification,
)
from crp_checker.tenders.errors import (
    DuplicateBidderError,
    InvalidModerationError,
    InvalidTenderError,
    OpenQuestionsError,
    PendingGateError,
    TenderError,
    TenderFinalisedError,
)
from crp_checker.tenders.limits import Limit, effective_limits, gate_explanation
from crp_checker.tenders.log import LogEntry, bid_log, tender_log
from crp_checker.tenders.results import (
    GATE_LABELS,
    EffectiveFinding,
    EffectiveResult,
    MatrixRow,
    effective_result,
)
from crp_checker.tenders.service import (
    DEFAULT_SCALE,
    DEFAULT_WEIGHT_PERCENT,
    TENDER_ROLES,
    bid_assessment,
    bid_result,
    bid_row,
    can_use_tenders,
    create_tender,
    current_bids,
    finalise,
    get_bid,
    get_tender_for,
    list_tenders_for,
    matrix_rows,
    open_questions,
    require_draft,
    row_for,
    tender_buyer_settings,
    tender_settings,
    update_tender,
)
from crp_checker.tenders.text import long_text, text_field

__all__ = [
    "DEFAULT_SCALE",
    "DEFAULT_WEIGHT_PERCENT",
    "GATE_LABELS",
    "TENDER_ROLES",
    "Bid",
    "BidSource",
    "BidVersion",
    "Clarification",
    "DuplicateBidderError",
    "EffectiveFinding",
    "EffectiveResult",
    "InvalidModerationError",
    "InvalidTenderError",
    "Limit",
    "LogEntry",
    "MarkingScale",
    "MatrixRow",
    "Moderation",
    "OpenQuestionsError",
    "PendingGateError",
    "Tender",
    "TenderError",
    "TenderFinalisedError",
    "TenderStatus",
    "VersionComparison",
    "add_bid",
    "add_bid_from_stored",
    "add_version",
    "bid_assessment",
    "bid_log",
    "bid_result",
    "bid_row",
    "can_use_tenders",
    "clarification_items",
    "compare_versions",
    "create_tender",
    "current_bids",
    "default_reply_by",
    "effective_limits",
    "effective_result",
    "finalise",
    "gate_explanation",
    "get_bid",
    "get_clarification",
    "get_tender_for",
    "list_tenders_for",
    "long_text",
    "matrix_rows",
    "moderate",
    "moderation_log",
    "open_questions",
    "require_draft",
    "row_for",
    "send_clarification",
    "tender_buyer_settings",
    "tender_log",
    "tender_settings",
    "text_field",
    "update_tender",
    "withdraw_bid",
]
