"""Sending a password reset link by email, when an SMTP server is configured (CRP_SMTP_*)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from crp_checker.errors import CRPError
from crp_checker.settings import Settings

TIMEOUT_SECONDS = 20


class MailError(CRPError):
    """The mail server refused or could not be reached; the link is still shown."""

    code = "mail_failed"
    http_status = 502
    default_hint = "Pass the link on yourself, by a channel you trust."


def reset_message(settings: Settings, to: str, link: str) -> EmailMessage:
    """The email: who sent the link, what it does, how long it works."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = "Choose a new password for crp-checker"
    hours = f"{settings.reset_link_hours:g}"
    message.set_content(
        "An administrator of crp-checker made this link for you to choose a new password:\n\n"
        f"{link}\n\n"
        f"It works once, for {hours} hours. Choosing a new password signs you out everywhere "
        "and revokes your API tokens.\n\n"
        "If you did not ask for this, tell the council's administrator.\n"
    )
    return message


def send_reset_link(settings: Settings, to: str, link: str) -> None:
    """Email the link; MailError if it could not be handed to the mail server."""
    if not settings.smtp_host:
        raise MailError("No mail server is configured (CRP_SMTP_HOST).")
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT_SECONDS) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
            smtp.send_message(reset_message(settings, to, link))
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(f"The email to {to} could not be sent ({error}).") from error
