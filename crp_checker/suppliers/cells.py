"""Turn register cells into typed values, or say in one sentence what is wrong with them."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dateutil import parser as date_parser

from crp_checker.suppliers.names import normalise_company_number

_MONEY_NOISE = re.compile(r"(?i)£|gbp|\s|,")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"(?i)^https?://[^\s/]+\.[^\s]+$")
_PENNY = Decimal("0.01")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# Two different defaults: a part the text leaves out shows up as a difference.
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user beside the line number."""


def text(value: object) -> str | None:
    """The cell as one line of text, or None when empty (a whole float as an integer)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = " ".join(str(value).split())
    return result or None


def company_number(value: object) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    try:
        return normalise_company_number(raw)
    except ValueError as error:
        raise CellError(
            f"the Companies House number {raw!r} is not 8 characters "
            "(digits, or two letters and six digits)"
        ) from error


def money(value: object) -> Decimal | None:
    """Pounds to the penny: 12500, "12,500.00", "£12,500" and "GBP 12500" all read."""
    if isinstance(value, bool):
        raise CellError(f"the annual spend {value!r} is not an amount")
    if isinstance(value, int | float | Decimal):
        amount = Decimal(str(value))
    else:
        raw = text(value)
        if raw is None:
            return None
        try:
            amount = Decimal(_MONEY_NOISE.sub("", raw))
        except InvalidOperation:
            raise CellError(f"the annual spend {raw!r} is not an amount in pounds") from None
    if not amount.is_finite() or amount < 0:
        raise CellError(f"the annual spend {value!r} is not a positive amount")
    if amount >= Decimal("1e12"):
        raise CellError(f"the annual spend {value!r} is too large")
    return amount.quantize(_PENNY, rounding=ROUND_HALF_UP)


def date(value: object) -> dt.date | None:
    """ISO (2026-03-31) or UK day-first (31/03/2026, 31 March 2026) dates; a day is required."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value)
    if raw is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise CellError(f"the date {raw!r} does not exist") from None
    uk = _UK_DATE.fullmatch(raw)
    if uk:  # the common case, read without the slower general parser
        day, month, year = (int(part) for part in uk.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise CellError(f"the date {raw!r} does not exist") from None
    try:
        first, second = (date_parser.parse(raw, dayfirst=True, default=d) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        raise CellError(f"{raw!r} is not a date (use 31/03/2026 or 2026-03-31)") from None
    if first != second:
        raise CellError(f"the date {raw!r} has no day, month or year")
    return first.date()


def email(value: object) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    if len(raw) > 320 or not _EMAIL.match(raw):
        raise CellError(f"the contact email {raw!r} is not an email address")
    return raw


def url(value: object) -> str | None:
    raw = text(value)
    if raw is None:
        return None
    if "://" not in raw and _URL.match("https://" + raw):
        raw = "https://" + raw  # "www.example.co.uk/crp.pdf"
    if not _URL.match(raw):
        raise CellError(f"the CRP URL {raw!r} is not a web address")
    return raw


def bounded(value: str | None, limit: int, what: str) -> str | None:
    if value is not None and len(value) > limit:
        raise CellError(f"the {what} is longer than {limit} characters")
    return value
