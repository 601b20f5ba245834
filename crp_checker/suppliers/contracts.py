"""A supplier's contracts: which stored contract a register row is, and which contracts end soon
enough that the supplier's plan should be checked again before renewal.

A row is matched to a contract in this order, so a re-import updates rather than duplicates:
1. by its contract reference (ignoring case); failing that, a contract without a reference
   whose title is the row's title or reference (a register that gained a reference column);
2. without a reference, by its title (or the lack of one) among contracts without a reference;
3. when the supplier is on this one row of the file and has exactly one contract, itself
   without a reference: that contract (a one-row-per-supplier register, whose contract cell
   may change from one export to the next).
Otherwise the row is a new contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.relativedelta import relativedelta

from crp_checker.settings import get_settings
from crp_checker.store.supplier_models import Supplier, SupplierContract


def fold(text: str | None) -> str | None:
    """A reference or title compared without case or repeated spaces."""
    return " ".join(text.split()).casefold() if text else None


def find_contract(
    supplier: Supplier, reference: str | None, title: str | None, *, sole_row: bool
) -> SupplierContract | None:
    """The supplier's contract this row is, or None for a new one (see the module docstring)."""
    contracts = list(supplier.contracts)
    unreferenced = [c for c in contracts if not c.reference]
    if reference:
        wanted = fold(reference)
        for contract in contracts:
            if fold(contract.reference) == wanted:
                return contract
        names = {wanted, fold(title)} - {None}
        same = [c for c in unreferenced if fold(c.title) in names]
        if len(same) == 1:
            return same[0]
    else:
        same = [c for c in unreferenced if fold(c.title) == fold(title)]
        if same:
            return same[0]
    if sole_row and len(contracts) == 1 and not contracts[0].reference:
        return contracts[0]
    return None


def renewal_window_months() -> int:
    """How many months ahead a contract's end flags its supplier for a re-check."""
    return get_settings().renewal_window_months


def renewal_window_end(today: dt.date, months: int | None = None) -> dt.date:
    """The last day a contract may end on and still be flagged for a re-check."""
    return today + relativedelta(months=renewal_window_months() if months is None else months)


def renewals_due(
    contracts: Iterable[SupplierContract], today: dt.date, months: int | None = None
) -> list[SupplierContract]:
    """Contracts ending from today to the end of the window, soonest first: re-check the
    supplier's plan before renewing them."""
    last = renewal_window_end(today, months)
    due = [c for c in contracts if c.end_date is not None and today <= c.end_date <= last]
    return sorted(due, key=lambda c: (c.end_date or today, c.id or 0))


def next_end(contracts: Iterable[SupplierContract], today: dt.date) -> dt.date | None:
    """The soonest end date still to come, else the latest one passed (None when unknown)."""
    ends = [c.end_date for c in contracts if c.end_date is not None]
    coming = [end for end in ends if end >= today]
    if coming:
        return min(coming)
    return max(ends) if ends else None
