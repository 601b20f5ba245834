"""The models that flow between stages: Document -> Facts -> Findings -> Assessment.

Every interface (CLI, web, JSON API, storage) renders or stores an `Assessment`; nothing else
crosses a stage boundary. Values the plan does not state stay `None` ("not disclosed"): the
checker never fills a gap with a guess.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# --------------------------------------------------------------------------- ingest


class SourceInfo(BaseModel):
    """Where a document came from, so any assessment can be traced to exact bytes."""

    name: str
    kind: Literal["pdf", "docx", "html", "text", "markdown"]
    sha256: str
    size_bytes: int
    url: str | None = None
    title: str | None = None


class Page(BaseModel):
    """One page of text in reading order; tables also kept as rows of cells.

    `method` says how the text was obtained. A page whose text could not be read
    (`method == "none"`) is never treated as empty: rules that find nothing on a document
    with such pages answer `needs_review`.
    """

    number: int = Field(ge=1)
    text: str = ""
    tables: list[list[list[str]]] = Field(default_factory=list)
    method: Literal["text", "ocr", "none"] = "text"


class Document(BaseModel):
    """A parsed plan: page-numbered text plus what went wrong while reading it."""

    source: SourceInfo
    pages: list[Page]
    warnings: list[str] = Field(default_factory=list)

    @property
    def unreadable_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.method == "none"]

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.method == "ocr"]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


# --------------------------------------------------------------------------- extract


class Evidence(BaseModel):
    """A quote from the document and where it is: page number and character span in the
    page's text (`Page.text[start:end]`). `page` is None only for derived values."""

    page: int | None
    quote: str
    start: int | None = None
    end: int | None = None


class Period(BaseModel):
    """One reporting period (baseline or current) and its emissions in tonnes CO2e.

    `label` is the period as written ("FY23", "2022/23", "Jan - Dec 2022"). `start`/`end` are
    set only when the text pins them down (a calendar year or explicit dates); a split year such
    as "2022/23" gives only `end_year`, because the months are not disclosed. Figures are the
    ones the plan states; `derived` names any figure the checker computed (for example Scope 3
    summed from its category rows) and how.
    """

    label: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    end_year: int | None = None
    scope1: float | None = None
    scope2: float | None = None
    scope3: float | None = None
    total: float | None = None
    scope2_market: float | None = None
    scope2_location: float | None = None
    total_market: float | None = None
    total_location: float | None = None
    scope2_basis: Literal["market", "location", "both"] | None = None
    unit: str | None = None
    converted_from_kg: bool = False
    same_as_baseline: bool = False
    derived: dict[str, str] = Field(default_factory=dict)
    not_numeric: dict[str, str] = Field(default_factory=dict)
    explanations: dict[str, str] = Field(default_factory=dict)
    negative: list[str] = Field(default_factory=list)


class Scope3Category(BaseModel):
    """A GHG Protocol Scope 3 category the plan addresses, with its values where given."""

    number: int = Field(ge=1, le=15)
    name: str
    as_written: str
    baseline: float | None = None
    current: float | None = None
    excluded: bool = False
    reason: str | None = None
    # How the plan names the category when no period value was read (see docs/facts.md).
    figure: str | None = None  # a figure the plan gives for it, as written, in any period
    marker: str | None = None  # "N/A", "nil" or "-" written where its figure belongs
    unmeasured: bool = False  # named as not yet measured, or to be added later
    in_total: bool = False  # named only among the sources of one Scope 3 figure


class Target(BaseModel):
    """An emissions reduction target as written; numbers only where stated."""

    text: str
    year: int | None = None
    percent: float | None = None
    target_tco2e: float | None = None
    scopes: str | None = None
    quantified: bool = False
    template_form: bool = False  # "decrease to X tCO2e by Y, a reduction of Z%"


class Measure(BaseModel):
    """A carbon reduction measure, completed or planned."""

    text: str
    status: Literal["completed", "future"]
    specific: bool = False
    year: int | None = None


class Signatory(BaseModel):
    name: str | None = None
    role: str | None = None
    director_level: bool | None = None


class Candidate(BaseModel):
    """One value the document offers for a fact, with where it says so."""

    value: str
    evidence: list[Evidence] = Field(default_factory=list)


class Reading(BaseModel):
    """How a fact was read, so a person can tell a quoted figure from a guess.

    `stated`: the document states it, tied to its scope and period. `derived`: the checker
    computed it (a sum of rows, a repeat of the baseline). `inferred`: read from context rather
    than stated beside the value (a period taken from a heading). `conflicting`: the document
    offers different values and none is clearly the one; the fact's value is left empty and
    every candidate is quoted. `corrected`: a person set the value (see `Facts.corrections`).
    """

    how: Literal["stated", "derived", "inferred", "conflicting", "corrected"]
    reason: str | None = None
    candidates: list[Candidate] = Field(default_factory=list)


class CorrectedFact(BaseModel):
    """A fact a person corrected: the value now judged, the checker's original beside it, the
    evidence and reason given, and who said so (a supplier's own statement is marked)."""

    value: Any
    original: Any = None
    page: int | None = None
    quote: str = ""
    reason: str
    by: str | None = None
    at: dt.datetime | None = None
    supplier_statement: bool = False


class Facts(BaseModel):
    """Everything the rulebook needs, each with evidence in `evidence[field]` or None.

    The keys of `evidence`, `notes` and `readings` are field names (dotted for nested ones,
    such as `baseline.scope1` or `scope3.6`). A field with no evidence was not found in the
    document. `readings` says how each disclosed fact was read (stated, derived, inferred) and
    names the facts the document gives conflicting values for.
    """

    is_crp: bool = False
    crp_kind: Literal["standalone", "embedded", "none"] = "none"
    sections_found: list[str] = Field(default_factory=list)
    organisation: str | None = None
    publication_date: dt.date | None = None
    publication_date_precision: Literal["day", "month", "year"] | None = None

    net_zero_year: int | None = None
    net_zero_wording: str | None = None
    net_zero_strength: Literal["commitment", "aspiration"] | None = None
    carbon_neutral_only: bool = False
    carbon_neutral_year: int | None = None
    offsets_main_route: bool = False
    net_zero_scope: Literal["all", "scope12"] | None = None
    boundary: Literal["uk_or_wider", "single_site"] | None = None
    group_plan: bool = False
    covers_bidder: bool | None = None

    baseline: Period = Field(default_factory=Period)
    current: Period = Field(default_factory=Period)
    scope3_categories: list[int] = Field(default_factory=list)
    scope3_detail: list[Scope3Category] = Field(default_factory=list)
    baseline_method: str | None = None
    methodology: list[str] = Field(default_factory=list)
    change_explained: bool = False

    targets: list[Target] = Field(default_factory=list)
    completed_measures: list[Measure] = Field(default_factory=list)
    future_measures: list[Measure] = Field(default_factory=list)
    measures_during_contract: Literal["explicit", "ongoing", "implied"] | None = None
    savings_tco2e: float | None = None
    savings_percent: float | None = None
    certifications: list[str] = Field(default_factory=list)

    declaration: Literal["ppn", "plain"] | None = None
    board_sign_off: Literal["board", "director", "signature", "management"] | None = None
    signatory: Signatory = Field(default_factory=Signatory)
    sign_off_date: dt.date | None = None
    sign_off_date_precision: Literal["day", "month", "year"] | None = None
    placeholders: list[str] = Field(default_factory=list)

    url: str | None = None
    url_reachable: bool | None = None
    url_own_domain: bool | None = None

    evidence: dict[str, list[Evidence]] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    readings: dict[str, Reading] = Field(default_factory=dict)
    # Left out of the output when empty, so a check nobody corrected reads as before.
    corrections: dict[str, CorrectedFact] = Field(
        default_factory=dict, exclude_if=lambda value: not value
    )


# --------------------------------------------------------------------------- rules


class Outcome(StrEnum):
    PASS = "pass"
    PARTIAL = "partial"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    NEEDS_REVIEW = "needs_review"


class Severity(StrEnum):
    MANDATORY = "mandatory"
    GOOD_PRACTICE = "good_practice"
    INFO = "info"


class Verdict(StrEnum):
    COMPLIANT = "compliant"
    COMPLIANT_WITH_GAPS = "compliant_with_gaps"
    NON_COMPLIANT = "non_compliant"
    NEEDS_REVIEW = "needs_review"
    NOT_A_CRP = "not_a_crp"  # no plan to judge: "no plan", not "a weak plan"


class BuyerSettings(BaseModel):
    """A buyer's parameters from the rulebook; defaults live in data/buyer_settings.toml."""

    model_config = ConfigDict(extra="forbid")

    check_date: dt.date = Field(default_factory=dt.date.today)
    net_zero_deadline: int = 2050
    local_ambition_year: int = 2038
    max_data_age_months: int = 12
    max_signoff_age_months: int = 12
    required_scope3_categories: list[int] = Field(default_factory=lambda: [4, 5, 6, 7, 9])
    totals_tolerance_percent: float = 1.0
    totals_tolerance_min_tonnes: float = 0.1


class Finding(BaseModel):
    """One rule's outcome for one plan, with the evidence it rests on."""

    rule: str
    title: str
    section: str
    outcome: Outcome
    severity: Severity
    serves: list[str]
    message: str
    fix: str | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    question: str | None = None  # for needs_review: what a person must answer to settle it


class SupportRoute(BaseModel):
    """A place a supplier can get help, and the gaps (failing rules) it was matched to."""

    id: str
    name: str
    description: str
    url: str | None = None
    referral: bool = True
    rules: list[str] = Field(default_factory=list)


class Assessment(BaseModel):
    """The single result model every door renders (`model_dump(mode="json")` is the JSON)."""

    schema_version: str = "1"
    tool_version: str
    rulebook_version: str
    assessed_at: dt.datetime
    source: SourceInfo
    pages: int
    settings: BuyerSettings
    verdict: Verdict
    score: int = Field(ge=0, le=100)
    maturity: int = Field(ge=1, le=5)
    maturity_name: str
    grounds_failed: list[str] = Field(default_factory=list)
    findings: list[Finding]
    facts: Facts
    support: list[SupportRoute] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
