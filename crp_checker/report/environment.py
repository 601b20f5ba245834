"""The one cached Jinja environment, so reports and web pages share templates and helpers."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from crp_checker.formatting import NOT_DISCLOSED, money, percent, share, tonnes, uk_date
from crp_checker.report.wording import (
    OUTCOME_LABELS,
    SCOPE_FIELDS,
    SEVERITY_LABELS,
    VERDICT_LABELS,
    emissions_cell,
    evidence_line,
    grounds_label,
    is_flag,
)


@lru_cache(maxsize=1)
def get_environment() -> Environment:
    """The one Jinja environment for reports and, later, the web pages that extend base.html."""
    env = Environment(
        loader=PackageLoader("crp_checker", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        standalone=False,
        static_url="/static/",
        not_disclosed=NOT_DISCLOSED,
        fields=SCOPE_FIELDS,
        outcome_labels=OUTCOME_LABELS,
        severity_labels=SEVERITY_LABELS,
        verdict_labels=VERDICT_LABELS,
        emissions_cell=emissions_cell,
        evidence_line=evidence_line,
        grounds_label=grounds_label,
        is_flag=is_flag,
        uk_date=uk_date,
        tonnes=tonnes,
        percent=percent,
        share=share,
        money=money,
    )
    return env
