"""Numbers, dates and reporting periods as UK plans write them.

Plans write "1,057", "6,761.64", "24.07.2025", "27.03.26", "5th August 2025", "FY23", "2022/23",
"Jan - Dec 2022", "1st April 2023 – 31st March 2024". Each parser returns what the text pins
down and no more: "2022/23" gives an end year but no dates, because the months are not stated.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
MONTH = _MONTH  # a month's name or its short form, for other modules' patterns
_ORD = r"(?:st|nd|rd|th)?"
_DASH = r"\s*(?:-|–|—|to|until|till)\s*"

NUMBER = re.compile(r"(?<![\w.])[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])")
YEAR = re.compile(r"(?<![\d/.,])(?:19[89]\d|20\d\d|2100)(?!\d|,\d|\.\d)")

_DMY_TEXT = re.compile(
    rf"(?<![\d.,])\b(\d{{1,2}}){_ORD}(?:\s+day)?(?:\s+of)?[\s-]+({_MONTH})\.?,?[\s-]+['’]?(\d{{4}}|\d{{2}}(?!\d|[.,:]\d|\s*(?:%|[a-z])))\b",
    re.IGNORECASE,
)
_MDY_TEXT = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY_NUM = re.compile(r"(?<!\d)(?<!\d\.)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?![\d])")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text, with how precisely the text states it."""

    value: dt.date
    precision: Precision
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PeriodSpec:
    """A reporting period as written, with the dates the text pins down."""

    label: str
    end_year: int
    start: dt.date | None = None
    end: dt.date | None = None
    precision: Precision = "year"
    offset: int = 0


def parse_number(text: str) -> float | None:
    """'1,057' -> 1057.0, '-3.5' -> -3.5; None when `text` holds no single number."""
    cleaned = text.strip().replace("−", "-").replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _year(text: str) -> int:
    value = int(text)
    if value < 100:
        value += 2000
    return value


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date in `text`, most precise reading first where readings overlap."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(value: dt.date | None, precision: Precision, match: re.Match[str]) -> None:
        if value is None:
            return
        if any(match.start() < end and start < match.end() for start, end in taken):
            return
        taken.append((match.start(), match.end()))
        found.append(FoundDate(value, precision, match.start(), match.end(), match.group(0)))

    for m in _DMY_TEXT.finditer(text):
        add(_safe_date(_year(m[3]), _month(m[2]), int(m[1])), "day", m)
    for m in _MDY_TEXT.finditer(text):
        add(_safe_date(int(m[3]), _month(m[1]), int(m[2])), "day", m)
    for m in _ISO.finditer(text):
        add(_safe_date(int(m[1]), int(m[2]), int(m[3])), "day", m)
    for m in _DMY_NUM.finditer(text):
        add(_safe_date(_year(m[3]), int(m[2]), int(m[1])), "day", m)
    for m in _MONTH_YEAR.finditer(text):
        add(_safe_date(int(m[2]), _month(m[1]), 1), "month", m)
    found.sort(key=lambda d: d.start)
    return found


def end_of(value: dt.date, precision: Precision) -> dt.date:
    """The last day a date of the given precision could mean (for 'not older than' checks)."""
    if precision == "day":
        return value
    if precision == "month":
        return value + relativedelta(day=31)
    return dt.date(value.year, 12, 31)


_RANGE_FULL = re.compile(
    rf"(?P<d1>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<m1>{_MONTH})\.?,?\s*(?P<y1>\d{{4}})?{_DASH}"
    rf"(?P<d2>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<m2>{_MONTH})\.?,?\s*(?P<y2>\d{{4}})",
    re.IGNORECASE,
)
_RANGE_NUM = re.compile(
    r"(?<![\d.])(?P<d1>\d{1,2})[/.](?P<m1>\d{1,2})[/.](?P<y1>\d{4}|\d{2})"
    rf"{_DASH}(?P<d2>\d{{1,2}})[/.](?P<m2>\d{{1,2}})[/.](?P<y2>\d{{4}}|\d{{2}})(?![\d])",
    re.IGNORECASE,
)
# "April 2024 - March 2025", "Apr-24 to Mar-25", "Apr '24 - Mar '25".
_RANGE_MONTHS = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?(?:\s*(?P<y1>\d{{4}})|[-\s]'?(?P<s1>\d{{2}})(?!\d))?{_DASH}"
    rf"(?P<m2>{_MONTH})\.?,?(?:\s*(?P<y2>\d{{4}})|[-\s]'?(?P<s2>\d{{2}}))(?!\d)",
    re.IGNORECASE,
)
# "year ending 31 March 2024", "year to 31/03/2026", "FYE 31 March 2026", "FYE June 2025",
# "12 months ended 31.03.26", "y/e 31/03/25", "52 weeks to 28.12.2025" (a trading year of
# whole weeks): a year named by its last day (or month).
_YEAR_ENDING = re.compile(
    rf"(?:(?:year|period|twelve months|12 months|5[23] weeks|fifty-t(?:wo|hree) weeks|\bFY)\s+"
    rf"(?:ending|ended|to)|\bFYE|\bYE\b|"
    rf"\bF?Y/E\b|"
    rf"\b(?:financial\s+)?year[- ]end(?:ing)?)\s*:?\s+(?:the\s+)?"
    rf"(?:(?P<d>\d{{1,2}}){_ORD}(?:\s+of)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})|"
    rf"(?P<nd>\d{{1,2}})[/.](?P<nm>\d{{1,2}})[/.](?P<ny>\d{{4}}|\d{{2}})(?![\d/.])|"
    rf"(?P<mm>{_MONTH})\.?,?(?:\s+(?P<my>\d{{4}})|[-\s]'?(?P<my2>\d{{2}})(?!\d)))",
    re.IGNORECASE,
)
_SPLIT_YEAR = re.compile(
    r"(?<![\d/])(?:(?:FY|F/Y)\s?)?(?P<y1>(?:19|20)\d\d)\s?(?:/|-|–|\\)\s?(?P<y2>(?:19|20)?\d\d)(?![\d/])",
    re.IGNORECASE,
)
_FY_COMPACT = re.compile(r"\bFY\s?(?P<y1>\d\d)(?P<y2>\d\d)\b(?!\s?[-–/]\s?\d)", re.IGNORECASE)
# "FY20/21", "FY 24-25", "F/Y 23/24": a financial year by two two-digit years, ending in the
# second (read as "FY20" alone, it would be filed a year early).
_FY_SPLIT_SHORT = re.compile(
    r"\b(?:FY|F/Y)\s?'?(?P<y1>\d\d)\s?[/\-–]\s?'?(?P<y2>\d\d)(?![\d/])", re.IGNORECASE
)
# "24/25", "19/20 (baseline)": two consecutive two-digit years with a slash, no "FY" (a date
# has three parts and a fraction is not two consecutive years from 2010 on).
_SPLIT_SHORT_BARE = re.compile(r"(?<![\d/.,£$])(?P<y1>[1-4]\d)/(?P<y2>\d\d)(?![\d/.,%])")
_FY_SHORT = re.compile(r"\bFY\s?'?(?P<y>\d\d|(?:19|20)\d\d)\b", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(
    r"\b(?:financial|fiscal|academic)\s+year\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)(?![\d/-])",
    re.IGNORECASE,
)


def _month(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def _from_range_match(m: re.Match[str], kind: str) -> PeriodSpec | None:
    if kind == "months":
        y2 = _year(m["y2"] or m["s2"])
        m1, m2 = _month(m["m1"]), _month(m["m2"])
        first = m["y1"] or m["s1"]
        y1 = _year(first) if first else (y2 if m1 <= m2 else y2 - 1)
        if (m["s1"] or m["s2"]) and not 0 <= y2 - y1 <= 1:
            return None  # "May 12 - June 30": days, not two-digit years
        start = _safe_date(y1, m1, 1)
        end_first = _safe_date(y2, m2, 1)
        if start is None or end_first is None:
            return None
        return PeriodSpec(m[0], y2, start, end_of(end_first, "month"), "month", m.start())
    if kind == "numeric":
        start = _safe_date(_year(m["y1"]), int(m["m1"]), int(m["d1"]))
        end = _safe_date(_year(m["y2"]), int(m["m2"]), int(m["d2"]))
    else:
        y2 = int(m["y2"])
        y1 = int(m["y1"]) if m["y1"] else y2
        start = _safe_date(y1, _month(m["m1"]), int(m["d1"]))
        end = _safe_date(y2, _month(m["m2"]), int(m["d2"]))
        if start and end and start > end and not m["y1"]:
            start = _safe_date(y2 - 1, _month(m["m1"]), int(m["d1"]))
    if start is None or end is None or start >= end:
        return None
    return PeriodSpec(m[0], end.year, start, end, "day", m.start())


def _year_end(m: re.Match[str]) -> dt.date | None:
    """The last day of a year written by its end: a day, a numeric date or a month."""
    if m["d"]:
        return _safe_date(int(m["y"]), _month(m["m"]), int(m["d"]))
    if m["nd"]:
        return _safe_date(_year(m["ny"]), int(m["nm"]), int(m["nd"]))
    first = _safe_date(_year(m["my"] or m["my2"]), _month(m["mm"]), 1)
    return end_of(first, "month") if first else None


def find_period(text: str) -> PeriodSpec | None:
    """The first reporting period written in `text`, or None.

    Where readings start at the same place, an explicit date range wins over a split year,
    which wins over a bare year. A bare year is read as the calendar year, the usual reading of
    the CRP template's "Baseline Year: 2022".
    """
    candidates: list[tuple[int, int, PeriodSpec]] = []
    for priority, (pattern, kind) in enumerate(
        ((_RANGE_FULL, "full"), (_RANGE_NUM, "numeric"), (_RANGE_MONTHS, "months"))
    ):
        for m in pattern.finditer(text):
            spec = _from_range_match(m, kind)
            if spec:
                candidates.append((spec.offset, priority, spec))
                break
    for m in _YEAR_ENDING.finditer(text):
        end = _year_end(m)
        if end:
            start = end - relativedelta(years=1) + relativedelta(days=1)
            precision: Precision = "month" if m["mm"] else "day"
            spec = PeriodSpec(m[0], end.year, start, end, precision, m.start())
            candidates.append((m.start(), 3, spec))
            break
    for m in _FY_COMPACT.finditer(text):
        y1, y2 = 2000 + int(m["y1"]), 2000 + int(m["y2"])
        if y2 == y1 + 1:
            candidates.append((m.start(), 4, PeriodSpec(m[0], y2, offset=m.start())))
            break
    for pattern in (_FY_SPLIT_SHORT, _SPLIT_SHORT_BARE):
        for m in pattern.finditer(text):
            y1, y2 = 2000 + int(m["y1"]), 2000 + int(m["y2"])
            if y2 == y1 + 1:
                candidates.append((m.start(), 4, PeriodSpec(m[0], y2, offset=m.start())))
                break
    for m in _SPLIT_YEAR.finditer(text):
        y1, second = int(m["y1"]), str(m["y2"])
        end_year = int(second) if len(second) == 4 else (y1 // 100) * 100 + int(second)
        if end_year == y1 + 1:
            candidates.append((m.start(), 5, PeriodSpec(m[0], end_year, offset=m.start())))
            break
    for priority, pattern in ((6, _FY_SHORT), (7, _FINANCIAL_YEAR)):
        found = pattern.search(text)
        if found:
            spec = PeriodSpec(found[0], _year(found["y"]), offset=found.start())
            candidates.append((found.start(), priority, spec))
    bare = YEAR.search(text)
    if bare:
        year = int(bare[0])
        spec = PeriodSpec(
            bare[0], year, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", bare.start()
        )
        candidates.append((bare.start(), 8, spec))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1]))[2]


def iter_periods(text: str) -> Iterator[tuple[int, int, PeriodSpec]]:
    """Every period written in `text`, in order, each with where it starts and ends."""
    position = 0
    while (spec := find_period(text[position:])) is not None:
        start = position + spec.offset
        position = start + max(1, len(spec.label))
        yield start, position, spec


def year_mentions(text: str) -> list[tuple[int, int, int]]:
    """Each year written in `text` as (start, end, the year it ends): a split year ("2022/23",
    "2024-2025") is one mention ending in its second year, so a sentence "in 2022/23" names
    the period that ends in 2023."""
    found: list[tuple[int, int, int]] = []
    for m in _SPLIT_YEAR.finditer(text):
        y1, second = int(m["y1"]), str(m["y2"])
        end_year = int(second) if len(second) == 4 else (y1 // 100) * 100 + int(second)
        if end_year == y1 + 1:
            found.append((m.start(), m.end(), end_year))
    for m in YEAR.finditer(text):
        if not any(start <= m.start() < end for start, end, _ in found):
            found.append((m.start(), m.end(), int(m[0])))
    return sorted(found)


def find_years(text: str) -> list[int]:
    """Plausible calendar years (1980-2100) written in `text`, in order."""
    return [int(m[0]) for m in YEAR.finditer(text)]
