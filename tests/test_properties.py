"""Property tests over generated plans: the checker never crashes and never invents a value.

Hypothesis writes plan-like text (emissions lines and table rows, periods, commitments,
targets, dates, sign-offs) mixed with noise. Whatever it writes, ingest -> extract -> rules
-> score must finish without an exception other than a CRPError, every quote must be the
page text it points at, and every figure, year and date in the Facts must be in the text.
Examples per test come from the Hypothesis profiles in conftest.py (`dev` by default, `ci`
with HYPOTHESIS_PROFILE=ci).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterator
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from crp_checker.buyer import load_buyer_settings
from crp_checker.errors import CRPError
from crp_checker.extract.values import NUMBER, parse_number
from crp_checker.ingest import ingest_bytes
from crp_checker.pipeline import assess_document
from crp_checker.rules import RULES
from crp_checker.schemas import Assessment, Document, Facts, Period

BUYER = load_buyer_settings(check_date=dt.date(2025, 9, 1))
MONTH_NAMES = ("January", "March", "April", "June", "Sept", "December", "Dec", "mar")


# --------------------------------------------------------------------------- plan-like text


@st.composite
def figures(draw: st.DrawFn) -> str:
    """An emissions figure as plans write it: 1057, 1,057, 6,761.64, 0.5, -3."""
    value = draw(st.integers(min_value=-50, max_value=2_000_000))
    style = draw(st.sampled_from(["plain", "comma", "decimal", "small"]))
    if style == "comma":
        return f"{value:,}"
    if style == "decimal":
        return f"{value:,}.{draw(st.integers(0, 99)):02d}"
    if style == "small":
        return f"{abs(value) % 100}.{draw(st.integers(0, 9))}"
    return str(value)


YEARS = st.integers(min_value=1985, max_value=2065)
UNITS = st.sampled_from(["tCO2e", "tCO2e", "tonnes CO2e", "kgCO2e", "kg CO2e", "", "MtCO2e"])
SCOPES = st.sampled_from(
    [
        "Scope 1",
        "Scope 2",
        "Scope 2 (market-based)",
        "Scope 2 (location-based)",
        "Scope 3",
        "Total",
        "Total emissions",
        "Category 6 Business travel",
        "Category 4 Upstream transportation",
        "Employee commuting",
        "Waste generated in operations",
    ]
)


@st.composite
def plan_line(draw: st.DrawFn) -> str:
    """One line a CRP might hold, with generated values in it."""
    year = draw(YEARS)
    other = draw(YEARS)
    figure, figure2 = draw(figures()), draw(figures())
    month = draw(st.sampled_from(MONTH_NAMES))
    day = draw(st.integers(1, 31))
    templates = [
        f"{draw(SCOPES)}: {figure} {draw(UNITS)}",
        f"{draw(SCOPES)} | {figure} | {figure2} |",
        f"Emissions | Baseline {year} | FY{other % 100:02d} |",
        f"Emissions | {year} | {other} |",
        f"Baseline year: {year}",
        f"Baseline Year: FY{year % 100:02d}/{(year + 1) % 100:02d}",
        f"Reporting period: {day} {month} {year} to {day} {month} {other}",
        f"Current reporting year: {year}/{other % 100:02d}",
        f"Jan - Dec {year}",
        f"We are committed to achieving Net Zero emissions by {year}.",
        f"We aim to reach net zero by {year} and to be carbon neutral by {other}.",
        f"We will reduce our Scope 1 and 2 emissions by {draw(st.integers(0, 120))}% by {year}.",
        f"Emissions will decrease to {figure} tCO2e by {year}, a reduction of "
        f"{draw(st.integers(0, 100))}%.",
        f"In {year} we installed LED lighting, saving {figure} {draw(UNITS)}.",
        f"Publication date: {day} {month} {year}",
        f"Date: {day:02d}/{draw(st.integers(1, 13)):02d}/{year}",
        f"Signed on behalf of the Supplier: Jane Roe, Managing Director, {day} {month} {year}",
        "This Carbon Reduction Plan has been completed in accordance with PPN 06/21.",
        "Supplier name: Example Works Ltd",
        "Emissions have been reported in accordance with the GHG Reporting Protocol.",
    ]
    return draw(st.sampled_from(templates))


NOISE = st.text(
    alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc")),
    max_size=60,
).map(lambda text: text.replace("\f", " "))
LINES = st.lists(st.one_of(plan_line(), plan_line(), NOISE), min_size=1, max_size=30)
PAGES = st.lists(LINES.map("\n".join), min_size=1, max_size=3).map("\f".join)


# --------------------------------------------------------------------------- the checks


def _check(text: str) -> Assessment | None:
    """Run the whole checker on the text; None when ingest refused it (a CRPError is fine)."""
    try:
        document = ingest_bytes(text.encode(), name="plan.txt")
    except CRPError:
        return None
    assessment = assess_document(document, BUYER)
    _check_quotes(document, assessment)
    _check_facts(document, assessment.facts)
    assert [finding.rule for finding in assessment.findings] == [r.id for r in RULES.values()]
    return assessment


def _evidence(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "quote" in value and "page" in value:
            yield value
        for item in value.values():
            yield from _evidence(item)
    elif isinstance(value, list):
        for item in value:
            yield from _evidence(item)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _check_quotes(document: Document, assessment: Assessment) -> None:
    """Every quote (in the facts and the findings) is the page text at its span.

    A quote is the span as written, or (`DocumentContext.quote`, for spans across line breaks) the
    span with its runs of whitespace as single spaces; nothing else may differ.
    """
    for evidence in _evidence(assessment.model_dump(mode="json")):
        if evidence["page"] is None:
            continue  # a value the checker derived, not a quote
        text = document.pages[evidence["page"] - 1].text
        assert _flat(evidence["quote"]) in _flat(text), evidence
        if evidence["start"] is not None and evidence["end"] is not None:
            span = text[evidence["start"] : evidence["end"]]
            assert evidence["quote"] in (span, _flat(span)), evidence


def _numbers(text: str) -> list[float]:
    found = (parse_number(match.group()) for match in NUMBER.finditer(text))
    return [abs(number) for number in found if number is not None]


def _stated(value: float, numbers: list[float]) -> bool:
    """The figure, or the figure in kg (the checker converts kg to tonnes), is in the text."""
    return any(
        math.isclose(abs(value), number, rel_tol=1e-9, abs_tol=1e-9)
        or math.isclose(abs(value) * 1000, number, rel_tol=1e-9, abs_tol=1e-6)
        for number in numbers
    )


def _year_in(year: int, text: str) -> bool:
    """The year, as four digits or as the two of "FY23" / "2022/23", stands alone in the text."""
    return bool(re.search(rf"(?<!\d)(?:{year}|{year % 100:02d})(?!\d)", text))


def _period_figures(name: str, period: Period) -> Iterator[tuple[str, float]]:
    for field in ("scope1", "scope2", "scope3", "total", "scope2_market", "scope2_location"):
        value = getattr(period, field)
        if value is not None and field not in period.derived:
            yield f"{name}.{field}", value
    for field in ("total_market", "total_location"):
        value = getattr(period, field)
        if value is not None and field not in period.derived and "total" not in period.derived:
            yield f"{name}.{field}", value


def _figures(facts: Facts) -> Iterator[tuple[str, float]]:
    yield from _period_figures("baseline", facts.baseline)
    yield from _period_figures("current", facts.current)
    for target in facts.targets:
        for field in ("percent", "target_tco2e"):
            value = getattr(target, field)
            if value is not None:
                yield f"target.{field}", value
    for field in ("savings_tco2e", "savings_percent"):
        value = getattr(facts, field)
        if value is not None:
            yield field, value


def _row_sum(value: float, quotes: list[str]) -> bool:
    """The value is one number from each quoted row, added up (in tonnes or kg; a row in kg
    may be converted to tonnes on its own).

    Rows of one Scope 3 category ("Category 6: Business travel", "Category 6: Hotel stay")
    are summed into the category, each row kept as evidence, and a label line is quoted with
    the line below it that holds its figure.
    """
    # A quoted line may be a label whose figure is on the next quoted line: it adds nothing.
    # A row in kg adds its figure in tonnes when the other rows are in tonnes.
    choices = [
        [0.0, *_numbers(quote), *(n / 1000 for n in _numbers(quote) if "kg" in quote.lower())]
        for quote in quotes
    ]
    if math.prod(len(choice) for choice in choices) > 20_000:
        return True  # too many combinations to try; the single-value check still ran
    for combination in itertools.product(*choices):
        total = sum(combination)
        if math.isclose(abs(value), total, abs_tol=1e-6) or math.isclose(
            abs(value) * 1000, total, abs_tol=1e-3
        ):
            return True
    return False


def _check_categories(facts: Facts, numbers: list[float]) -> None:
    for category in facts.scope3_detail:
        evidence = facts.evidence.get(f"scope3.{category.number}", [])
        rows = {(e.page, e.start, e.end): e.quote for e in evidence}  # each row once
        quotes = list(rows.values())
        for field in ("baseline", "current"):
            value = getattr(category, field)
            if value is not None and not _stated(value, numbers):
                assert _row_sum(value, quotes), f"scope3.{category.number}.{field}={value}"


def _years(facts: Facts) -> Iterator[tuple[str, int]]:
    for field in ("net_zero_year", "carbon_neutral_year"):
        value = getattr(facts, field)
        if value is not None:
            yield field, value
    for name, period in (("baseline", facts.baseline), ("current", facts.current)):
        if period.end_year is not None:
            yield f"{name}.end_year", period.end_year
        if period.end is not None:
            yield f"{name}.end", period.end.year
    for date_field in ("publication_date", "sign_off_date"):
        date = getattr(facts, date_field)
        if isinstance(date, dt.date):
            yield date_field, date.year
    for target in facts.targets:
        if target.year is not None:
            yield "target.year", target.year
    for measure in (*facts.completed_measures, *facts.future_measures):
        if measure.year is not None:
            yield "measure.year", measure.year


def _check_facts(document: Document, facts: Facts) -> None:
    """No figure, year or date in the Facts that the text does not state."""
    text = document.text
    numbers = _numbers(text)
    for field, value in _figures(facts):
        assert _stated(value, numbers), f"{field}={value} is not in the text"
    _check_categories(facts, numbers)
    for field, year in _years(facts):
        assert _year_in(year, text), f"{field}={year} is not in the text"
    if facts.organisation:
        assert _flat(facts.organisation).lower() in _flat(text).lower(), facts.organisation


# --------------------------------------------------------------------------- the properties


@given(PAGES)
def test_generated_plans_never_crash_and_report_only_what_they_state(text: str) -> None:
    _check(text)


@given(st.lists(plan_line(), min_size=5, max_size=40).map("\n".join))
def test_dense_plans_of_only_plan_lines(text: str) -> None:
    _check(text)


@given(
    st.lists(
        st.lists(st.one_of(figures(), YEARS.map(str), NOISE, SCOPES), min_size=1, max_size=6),
        min_size=1,
        max_size=12,
    )
)
def test_generated_table_rows(rows: list[list[str]]) -> None:
    lines = [
        " | ".join(cell.replace("|", "/").replace("\n", " ") for cell in row) + " |" for row in rows
    ]
    _check("Carbon Reduction Plan\nScope 1 emissions\n" + "\n".join(lines))


@given(st.binary(max_size=400))
def test_arbitrary_bytes_are_read_or_refused(data: bytes) -> None:
    try:
        document = ingest_bytes(data, name="upload.txt")
    except CRPError:
        return
    _check_facts(document, assess_document(document, BUYER).facts)
