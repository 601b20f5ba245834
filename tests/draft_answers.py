"""Complete answers for a draft plan, judged as at CHECK_DATE (shared by the draft tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

CHECK_DATE = dt.date(2026, 12, 7)

COMPLETE: dict[str, Any] = {
    "organisation": "Example Widgets Ltd",
    "publication_date": "2026-06-01",
    "net_zero_year": 2045,
    "baseline.label": "2019/20",
    "baseline.start": "2019-04-01",
    "baseline.end": "2020-03-31",
    "baseline.scope1": 12.5,
    "baseline.scope2": 8.1,
    "baseline.scope2_basis": "market",
    "baseline.scope3": 40.2,
    "baseline.total": 60.8,
    "baseline_method": (
        "Our baseline was calculated from meter readings, fuel cards and mileage claims, using "
        "the UK Government GHG conversion factors for 2020; commuting was estimated from a "
        "staff survey; all UK sites are included."
    ),
    "current.label": "2025/26",
    "current.start": "2025-04-01",
    "current.end": "2026-03-31",
    "current.scope1": 10.2,
    "current.scope2": 6.0,
    "current.scope2_basis": "market",
    "current.scope3": 35.1,
    "current.total": 51.3,
    "scope3.4.baseline": 5.0,
    "scope3.4.current": 4.0,
    "scope3.5.baseline": 1.2,
    "scope3.5.current": 1.1,
    "scope3.6.baseline": 10.0,
    "scope3.6.current": 8.4,
    "scope3.7.baseline": 24.0,
    "scope3.7.current": 21.6,
    "scope3.9.reason": "we deliver no goods: our services are provided on site",
    "target.tco2e": 30.0,
    "target.year": 2030,
    "completed_measures": [
        "Switched to a 100% renewable electricity tariff (2023)",
        "Replaced two diesel vans with electric vans (2024)",
    ],
    "savings_tco2e": 4.2,
    "savings_percent": 6.9,
    "future_measures": [
        "LED lighting at our Stockport office (2027)",
        "All company cars electric (2028)",
    ],
    "signatory.name": "Jane Smith",
    "signatory.role": "Managing Director",
    "sign_off_date": "2026-06-01",
}
