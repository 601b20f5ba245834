"""The email text that points a supplier to the help that fits its gaps, from a Jinja2 template
the council can replace (CRP_SIGNPOSTING_TEMPLATE_FILE).

The default has two versions: for a supplier with a plan (its must-fix gaps apart from good
practice, naming the document checked) and for one with no plan (none checked, or a document
that is not a plan). It speaks of a tender only when the caller names one.

The template is plain text (nothing is HTML-escaped) and runs sandboxed, because it is an
editable file rather than code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from crp_checker.errors import CRPError
from crp_checker.formatting import uk_date
from crp_checker.schemas import Verdict
from crp_checker.settings import PACKAGE_DIR, get_settings
from crp_checker.suppliers.support_list import SupplierSupport

DEFAULT_TEMPLATE = PACKAGE_DIR / "templates" / "signposting_email.txt"
VERDICT_TEXT = {
    Verdict.COMPLIANT: "Your plan meets the mandatory requirements.",
    Verdict.COMPLIANT_WITH_GAPS: (
        "Your plan meets the mandatory requirements, with some gaps that are worth closing."
    ),
    Verdict.NON_COMPLIANT: "Your plan does not yet meet all the mandatory requirements.",
    Verdict.NEEDS_REVIEW: "Some parts of your plan could not be confirmed and need a closer look.",
    Verdict.NOT_A_CRP: (
        "The document we checked is not a Carbon Reduction Plan, so we hold no plan for your "
        "organisation."
    ),
}


@dataclass(frozen=True)
class SignpostingMessage:
    """An email ready to send or copy: recipient, subject and body."""

    to: str | None
    subject: str
    body: str
    route_ids: list[str]


def load_signposting_template(path: Path | None = None) -> Template:
    """The template: `path`, else CRP_SIGNPOSTING_TEMPLATE_FILE, else the packaged default."""
    source = Path(path or get_settings().signposting_template_file or DEFAULT_TEMPLATE)
    environment = SandboxedEnvironment(
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    try:
        return environment.from_string(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, TemplateError) as error:
        raise _template_error(source, error) from error


def _template_error(source: Path, error: Exception) -> CRPError:
    return CRPError(
        f"The signposting template {source} cannot be used: {error}",
        f"Fix it (see {DEFAULT_TEMPLATE} for the names it may use).",
    )


def signposting_message(
    support: SupplierSupport, template: Template | None = None, *, tender: str | None = None
) -> SignpostingMessage:
    """The message for one supplier: its gaps (must-fix apart from good practice) and the
    routes that help, or the no-plan version; `tender` names a tender the supplier bids in."""
    template = template or load_signposting_template()
    record = support.record
    verdict = Verdict.NOT_A_CRP if record is not None and not support.has_plan else None
    if record is not None and support.has_plan:
        verdict = record.verdict
    context = {
        "supplier": support.supplier,
        "has_plan": support.has_plan,
        "document": None if record is None else record.source_name,
        "document_url": None if record is None else record.source_url,
        "assessed_on": None if record is None else uk_date(record.created_at.date()),
        "verdict": None if verdict is None else verdict.value,
        "verdict_text": None if verdict is None else VERDICT_TEXT[verdict],
        "score": record.score if record is not None and support.has_plan else None,
        "maturity_name": record.assessment.maturity_name if support.has_plan and record else None,
        "gaps": support.gaps,
        "must_fix": support.must_fix if support.has_plan else [],
        "good_practice": support.good_practice if support.has_plan else [],
        "routes": support.routes,
        "tender": tender,
    }
    try:
        text = template.render(context)
    except TemplateError as error:
        raise _template_error(Path(template.filename or "template"), error) from error
    subject = "Your Carbon Reduction Plan" if support.has_plan else "A Carbon Reduction Plan"
    first, _, rest = text.lstrip("\n").partition("\n")
    if first.lower().startswith("subject:"):
        subject = " ".join(first[len("subject:") :].split()) or subject
        text = rest
    return SignpostingMessage(
        to=support.supplier.contact_email,
        subject=subject,
        body=text.strip() + "\n",
        route_ids=[match.route.id for match in support.routes],
    )
