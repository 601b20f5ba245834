"""What the tender pages' forms need: the buyer-setting fields with their documented defaults,
turning what was typed into overrides, and the stored assessments an evaluator may pick.

Kept out of the router so the web module stays a thin door: no SQL and no parsing rules there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from crp_checker.buyer import load_buyer_settings
from crp_checker.rules.current import GRACE_MONTHS
from crp_checker.store import AssessmentRecord, User, list_assessments_for
from crp_checker.store.tender_models import BidVersion, Tender
from crp_checker.tenders.errors import InvalidTenderError

# How many of the newest visible stored assessments the "pick a stored assessment" list offers.
STORED_CHOICES = 50


@dataclass(frozen=True)
class BuyerField:
    """One buyer setting the tender form edits: its name, label, hint and allowed range."""

    name: str
    label: str
    hint: str
    minimum: int
    maximum: int


BUYER_FIELDS: tuple[BuyerField, ...] = (
    BuyerField(
        "net_zero_deadline",
        "Net zero deadline (year)",
        "The latest acceptable net zero year (PPN 006 ground a).",
        2025,
        2100,
    ),
    BuyerField(
        "max_data_age_months",
        "Maximum age of the emissions data (months)",
        "How long before the procurement date the current reporting period may end. Data up "
        f"to {GRACE_MONTHS} months older still passes the gate, marked partial (the "
        "rulebook's grace period).",
        1,
        120,
    ),
    BuyerField(
        "max_signoff_age_months",
        "Maximum age of the sign-off (months)",
        "How long before the procurement date the plan may have been signed off or published "
        "(no grace period).",
        1,
        120,
    ),
)


def buyer_defaults() -> dict[str, Any]:
    """The documented defaults (data/buyer_settings.toml, or the council's own file)."""
    return load_buyer_settings().model_dump(mode="json")


def parse_buyer_fields(values: Mapping[str, str]) -> dict[str, int]:
    """The overrides typed into the form: a blank field keeps the default.

    Raises InvalidTenderError (422) naming the field when a value is not a whole number in range.
    """
    overrides: dict[str, int] = {}
    for field in BUYER_FIELDS:
        text = (values.get(field.name) or "").strip()
        if not text:
            continue
        try:
            number = int(text)
        except ValueError:
            raise InvalidTenderError(
                f"{field.label}: {text!r} is not a whole number.", field=field.name
            ) from None
        if not field.minimum <= number <= field.maximum:
            raise InvalidTenderError(
                f"{field.label} must be between {field.minimum} and {field.maximum}, not {number}.",
                field=field.name,
            )
        overrides[field.name] = number
    return overrides


class TenderForm(BaseModel):
    """The tender form as typed (all text), so a refused form comes back exactly as it was sent.

    Blank buyer-setting fields mean "the default"; create_tender() and update_tender() check
    the rest and say what is wrong.
    """

    title: str = Field("", max_length=200)
    reference: str = Field("", max_length=200)
    procurement_date: str = Field("", max_length=20)
    climate_weight_percent: str = Field("10", max_length=20)
    marking_scale: str = Field("0-5", max_length=10)
    net_zero_deadline: str = Field("", max_length=10)
    max_data_age_months: str = Field("", max_length=10)
    max_signoff_age_months: str = Field("", max_length=10)

    @classmethod
    def of(cls, tender: Tender) -> TenderForm:
        """The form filled in with a tender's current values."""
        overrides = {
            f.name: str(tender.buyer_settings[f.name])
            for f in BUYER_FIELDS
            if f.name in tender.buyer_settings
        }
        return cls(
            title=tender.title,
            reference=tender.reference,
            procurement_date=tender.procurement_date.isoformat(),
            climate_weight_percent=f"{tender.climate_weight_percent:g}",
            marking_scale=tender.marking_scale.value,
            **overrides,
        )

    def buyer_overrides(self) -> dict[str, int]:
        """The buyer settings typed into the form (blank ones left out)."""
        return parse_buyer_fields(self.model_dump())


def merged_overrides(tender: Tender, typed: Mapping[str, int]) -> dict[str, Any]:
    """The tender's overrides with the form's fields replaced; settings the form does not show
    (set another way) are kept."""
    names = {field.name for field in BUYER_FIELDS}
    kept = {key: value for key, value in tender.buyer_settings.items() if key not in names}
    return kept | dict(typed)


def stored_choices(session: Session, user: User) -> list[AssessmentRecord]:
    """The newest stored assessments `user` may see, without the tenders' own copies of bids."""
    in_tenders = set(session.scalars(select(BidVersion.assessment_id)))
    records = list_assessments_for(session, user, limit=STORED_CHOICES + len(in_tenders))
    return [record for record in records if record.id not in in_tenders][:STORED_CHOICES]
