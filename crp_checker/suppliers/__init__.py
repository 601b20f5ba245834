"""The climate team's view of the supply chain: the supplier register, readiness dashboard,
support list and signposting, and each supplier's history.

Plain functions taking a SQLAlchemy Session; none commits, so a caller's `session_scope()`
is one transaction (as in `crp_checker.store`).
"""

from __future__ import annotations

from crp_checker.suppliers.charts import (
    Bar,
    Chart,
    ChartTable,
    Series,
    bar_chart,
    category_chart,
    line_chart,
    maturity_chart,
    render_table,
    trend_chart,
)
from crp_checker.suppliers.contacts import (
    ContactOutcome,
    contact_outcome,
    contact_time,
    list_contacts,
    record_contact,
)
from crp_checker.suppliers.contracts import renewal_window_months, renewals_due
from crp_checker.suppliers.dashboard import Dashboard, Share, build_dashboard
from crp_checker.suppliers.definitions import Definition, definitions
from crp_checker.suppliers.export import export_rows, register_csv, register_xlsx, write_register
from crp_checker.suppliers.linking import (
    LinkResult,
    Suggestion,
    auto_link,
    link_assessment,
    link_unlinked,
    similar_suppliers,
    suggestions,
    unlink_assessment,
    unlinked_assessments,
)
from crp_checker.suppliers.listing import (
    NO_PLAN,
    PLAN_STATUSES,
    SORTS,
    LatestCheck,
    RegisterEntry,
    RegisterFilters,
    RegisterPage,
    latest_checks,
    make_filters,
    register_entry,
    register_page,
)
from crp_checker.suppliers.names import normalise_company_number, normalise_name
from crp_checker.suppliers.records import (
    count_suppliers,
    get_supplier,
    is_plan,
    latest_assessments,
    linked_supplier,
    list_suppliers,
    spend_categories,
    supplier_assessments,
)
from crp_checker.suppliers.register import Counts, ImportReport, import_register
from crp_checker.suppliers.signposting import (
    SignpostingMessage,
    load_signposting_template,
    signposting_message,
)
from crp_checker.suppliers.spreadsheet import RegisterFileError
from crp_checker.suppliers.support_list import (
    Gap,
    SupplierSupport,
    SupportList,
    build_support_list,
    supplier_support,
    support_list_csv,
)
from crp_checker.suppliers.tracking import SupplierHistory, emissions_chart, supplier_history

__all__ = [
    "NO_PLAN",
    "PLAN_STATUSES",
    "SORTS",
    "Bar",
    "Chart",
    "ChartTable",
    "ContactOutcome",
    "Counts",
    "Dashboard",
    "Definition",
    "Gap",
    "ImportReport",
    "LatestCheck",
    "LinkResult",
    "RegisterEntry",
    "RegisterFileError",
    "RegisterFilters",
    "RegisterPage",
    "Series",
    "Share",
    "SignpostingMessage",
    "Suggestion",
    "SupplierHistory",
    "SupplierSupport",
    "SupportList",
    "auto_link",
    "bar_chart",
    "build_dashboard",
    "build_support_list",
    "category_chart",
    "contact_outcome",
    "contact_time",
    "count_suppliers",
    "definitions",
    "emissions_chart",
    "export_rows",
    "get_supplier",
    "import_register",
    "is_plan",
    "latest_assessments",
    "latest_checks",
    "line_chart",
    "link_assessment",
    "link_unlinked",
    "linked_supplier",
    "list_contacts",
    "list_suppliers",
    "load_signposting_template",
    "make_filters",
    "maturity_chart",
    "normalise_company_number",
    "normalise_name",
    "record_contact",
    "register_csv",
    "register_entry",
    "register_page",
    "register_xlsx",
    "render_table",
    "renewal_window_months",
    "renewals_due",
    "signposting_message",
    "similar_suppliers",
    "spend_categories",
    "suggestions",
    "supplier_assessments",
    "supplier_history",
    "supplier_support",
    "support_list_csv",
    "trend_chart",
    "unlink_assessment",
    "unlinked_assessments",
    "write_register",
]
