"""How a figure reads, everywhere: tonnes, percentages, shares, money, dates and sizes.

One module, used by every renderer (the text, HTML, CSV and XLSX reports, the web pages'
templates, the tender exports, the climate team's pages and charts), so a plan's figure reads
the same at every door.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

NOT_DISCLOSED = "not disclosed"
TONNES_UNIT = "tCO2e"


def _trimmed(value: float, decimals: int) -> str:
    """A number with thousands separators, without trailing zeros after the point."""
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def tonnes(value: float, *, unit: bool = True) -> str:
    """Emissions as a supplier writes them: '1,234.567 tCO2e' (at most three decimals, which
    keeps kilograms converted to tonnes exact); `unit=False` where a heading names the unit."""
    text = _trimmed(value, 3)
    return f"{text} {TONNES_UNIT}" if unit else text


def percent(value: float) -> str:
    """A percentage as stated: '12.5%' (at most one decimal)."""
    return f"{_trimmed(value, 1).replace(',', '')}%"


def share(fraction: float | None) -> str:
    """A share of suppliers or spend (0 to 1) as a whole percentage: '62%'; 'no data' for None."""
    return "no data" if fraction is None else f"{fraction * 100:.0f}%"


def money(amount: Decimal | float | None) -> str:
    """Pounds to the pound, as the register's readers write them: '£12,500'; 'not known'."""
    return "not known" if amount is None else f"£{amount:,.0f}"


def uk_date(value: dt.date | None, precision: str | None = "day") -> str:
    """A date as a UK reader writes it ('1 March 2024'), to the precision the plan gave it."""
    if value is None:
        return NOT_DISCLOSED
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"


def megabytes(size: int, *, unit: bool = True) -> str:
    """A size limit as file managers show it, in binary megabytes: 26214400 -> '25 MB'."""
    text = _trimmed(size / 2**20, 1)
    return f"{text} MB" if unit else text
