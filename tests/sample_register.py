"""A made-up supplier register with a known number of bad rows, for the tests (not shipped).

The good rows mix the spellings real registers use ("£12,500.00", "31/03/2027", company
numbers without their leading zero, some rows without a number); each bad row breaks exactly
one cell, so an import must report exactly those lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass

HEADER = (
    "Supplier Name",
    "Company No.",
    "Contracts",
    "Spend Category",
    "Annual Spend (£)",
    "Contract End Date",
    "Contact Email",
    "CRP URL",
)
CATEGORIES = ("Construction", "Social care", "Highways", "ICT", "Facilities", "Consultancy")
_WORDS = ("Northern", "Pennine", "Mersey", "Vale", "Civic", "Green", "Bright", "Union", "Hatters")
_TRADES = ("Builders", "Care", "Surfacing", "Systems", "Cleaning", "Advisers", "Logistics")
# How each bad row is broken, and the column it breaks.
BAD_CELLS = (
    (0, ""),  # no supplier name
    (1, "12345678901"),  # not a company number
    (4, "twelve thousand"),  # not an amount
    (5, "31/02/2027"),  # no such date
    (6, "accounts at example.org"),  # not an email address
)


@dataclass(frozen=True)
class SampleRegister:
    """Header plus rows as text, and the spreadsheet line numbers (header = 1) of bad rows."""

    rows: list[list[str]]
    bad_lines: list[int]

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(self.rows)
        return buffer.getvalue().encode("utf-8")

    def xlsx_bytes(self) -> bytes:
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in self.rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def sample_register(count: int = 500, bad: int = 5, seed: int = 6) -> SampleRegister:
    """`count` data rows of which `bad` (spread evenly) each have one unreadable cell."""
    rng = random.Random(seed)
    bad_indexes = {round((k + 0.5) * count / bad) for k in range(bad)} if bad else set()
    rows: list[list[str]] = [list(HEADER)]
    bad_lines: list[int] = []
    for i in range(count):
        row = _good_row(i, rng)
        if i in bad_indexes:
            column, value = BAD_CELLS[len(bad_lines) % len(BAD_CELLS)]
            row[column] = value
            bad_lines.append(i + 2)
        rows.append(row)
    return SampleRegister(rows=rows, bad_lines=bad_lines)


def _good_row(i: int, rng: random.Random) -> list[str]:
    name = f"{rng.choice(_WORDS)} {rng.choice(_TRADES)} {i + 1}"
    suffix = rng.choice((" Ltd", " Limited", " PLC", " LLP", ""))
    if i % 7 == 3:
        number = ""  # sole traders and partnerships have none; matched by name instead
    elif i % 11 == 0:
        number = f"SC{i + 100000:06d}"
    else:
        number = str(1_000_000 + i)  # a spreadsheet dropped the leading zero
    spend = rng.randrange(1_000_00, 5_000_000_00) / 100
    spend_text = f"£{spend:,.2f}" if i % 2 else f"{spend:.2f}"
    end = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 1500))
    end_text = end.isoformat() if i % 3 else end.strftime("%d/%m/%Y")
    slug = name.lower().replace(" ", "-")
    return [
        name + suffix,
        number,
        f"C{i + 1:04d}",
        CATEGORIES[i % len(CATEGORIES)],
        spend_text,
        end_text,
        f"sustainability@{slug}.example",
        f"https://{slug}.example/carbon-reduction-plan.pdf" if i % 4 else "",
    ]


CONTRACT_HEADER = (
    "Supplier Name",
    "Companies House No",
    "Contract Reference",
    "Contract Title",
    "Category",
    "Annual Value (£)",
    "End Date",
    "Contact Email",
    "CRP URL",
)


def contract_register(
    suppliers: int = 300, repeats: int = 2, bad: int = 5, seed: int = 15
) -> SampleRegister:
    """A register as a procurement portal exports it: one row per contract. `suppliers`
    suppliers with one contract each, `repeats` further contracts of suppliers already listed
    (same name and number, their own reference), and `bad` rows with one unreadable cell."""
    rng = random.Random(seed)
    rows: list[list[str]] = [list(CONTRACT_HEADER)]
    for i in range(suppliers):
        good = _good_row(i, rng)
        rows.append([good[0], good[1], f"CR-{i + 1:04d}", f"Services {i + 1}", *good[3:]])
    for k in range(repeats):
        first = rows[1 + (k * 37 + 11) % suppliers]
        end = (dt.date(2026, 6, 1) + dt.timedelta(days=90 * k)).isoformat()
        rows.append(
            [
                first[0],
                first[1],
                f"CR-EXTRA-{k + 1}",
                f"Extra works {k + 1}",
                "Highways",
                f"{12_345.67 * (k + 1):.2f}",
                end,
                first[7],
                first[8],
            ]
        )
    bad_lines = []
    for k in range(bad):
        good = _good_row(suppliers + k, rng)
        row = [good[0], good[1], f"CR-BAD-{k + 1}", "Broken", *good[3:]]
        column, value = BAD_CELLS[k % len(BAD_CELLS)]
        row[{0: 0, 1: 1, 4: 5, 5: 6, 6: 7}[column]] = value
        rows.append(row)
        bad_lines.append(len(rows))
    return SampleRegister(rows=rows, bad_lines=bad_lines)
