"""The buyer settings a tender may override, with the ranges a tender accepts.

BuyerSettings (schemas.py) takes any integer; a tender is typed in by a person or sent by a
script, so its overrides are checked here first: a data age of a billion months would
otherwise crash the date arithmetic instead of being refused. The API documents this model.
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

FIRST_YEAR, LAST_YEAR = 2025, 2100
MOST_MONTHS = 120
Category = Annotated[int, Field(ge=1, le=15, description="A Scope 3 category, 1 to 15")]


class BuyerOverrides(BaseModel):
    """Buyer settings that differ from the defaults (RULES.md "Parameters"); omit a field to
    keep its default. The check date is always the tender's procurement date."""

    model_config = ConfigDict(extra="forbid")

    net_zero_deadline: int | None = Field(
        None,
        description="Latest acceptable net zero year (default 2050).",
        ge=FIRST_YEAR,
        le=LAST_YEAR,
    )
    local_ambition_year: int | None = Field(
        None,
        description="Local net zero ambition year, info only (default 2038).",
        ge=FIRST_YEAR,
        le=LAST_YEAR,
    )
    max_data_age_months: int | None = Field(
        None,
        description="How old the end of the current reporting period may be, in months "
        "(default 12; up to 3 months more passes the gate as partial).",
        ge=1,
        le=MOST_MONTHS,
    )
    max_signoff_age_months: int | None = Field(
        None,
        description="How old the sign-off may be, in months (default 12).",
        ge=1,
        le=MOST_MONTHS,
    )
    required_scope3_categories: list[Category] | None = Field(
        None,
        description="The Scope 3 categories (1-15) a plan must cover (default 4, 5, 6, 7, 9).",
        min_length=1,
        max_length=15,
    )
    totals_tolerance_percent: float | None = Field(
        None, description="Slack when checking that totals add up (default 1%).", ge=0, le=50
    )
    totals_tolerance_min_tonnes: float | None = Field(
        None, description="The smallest slack, in tonnes (default 0.1).", ge=0, le=1_000_000
    )

    @field_validator("required_scope3_categories")
    @classmethod
    def _categories(cls, value: list[int] | None) -> list[int] | None:
        """Each category once, in order."""
        if value is None:
            return None
        if len(set(value)) != len(value):
            raise ValueError("a category is listed twice")
        return sorted(value)

    @field_validator("totals_tolerance_percent", "totals_tolerance_min_tonnes")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value
