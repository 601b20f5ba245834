"""Tender evaluation (issue 5): the CRP gate, weighted marks, moderation and exports.

An evaluator creates a tender with its procurement date, buyer settings and marking scheme;
each bid is a plan assessed with those settings and stored like any check; moderations
change findings' outcomes with a reason, and the matrix and exports show the result. Nothing
here commits: the caller's `session_scope()` is one transaction.
"""

from __future__ import annotations

from crp_checker.store.tender_models import (
    Bid,
    BidSource,
    MarkingScale,
    Moderation,
    Tender,
    TenderStatus,
)
from crp_checker.tenders.bids import (
    add_bid,
    add_bid_from_stored,
    moderate,
    moderation_log,
    withdraw_bid,
)
from crp_checker.tenders.errors import (
    DuplicateBidderError,
    InvalidModerationError,
    InvalidTenderError,
    PendingGateError,
    TenderError,
    TenderFinalisedError,
)
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
    can_use_tenders,
    create_tender,
    current_bids,
    finalise,
    get_bid,
    get_tender_for,
    list_tenders_for,
    matrix_rows,
    require_draft,
    tender_buyer_settings,
    tender_settings,
    update_tender,
)

__all__ = [
    "DEFAULT_SCALE",
    "DEFAULT_WEIGHT_PERCENT",
    "GATE_LABELS",
    "TENDER_ROLES",
    "Bid",
    "BidSource",
    "DuplicateBidderError",
    "EffectiveFinding",
    "EffectiveResult",
    "InvalidModerationError",
    "InvalidTenderError",
    "MarkingScale",
    "MatrixRow",
    "Moderation",
    "PendingGateError",
    "Tender",
    "TenderError",
    "TenderFinalisedError",
    "TenderStatus",
    "add_bid",
    "add_bid_from_stored",
    "bid_assessment",
    "bid_result",
    "can_use_tenders",
    "create_tender",
    "current_bids",
    "effective_result",
    "finalise",
    "get_bid",
    "get_tender_for",
    "list_tenders_for",
    "matrix_rows",
    "moderate",
    "moderation_log",
    "require_draft",
    "tender_buyer_settings",
    "tender_settings",
    "update_tender",
    "withdraw_bid",
]
