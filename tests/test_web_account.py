"""The password lifecycle on the web (issue 17 item 1): changing one's own password, an
administrator's temporary password and one-time reset link (shown, or emailed over SMTP), and
what each ends: sessions, API tokens, earlier links. Disabling revokes tokens for good."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from web_support import PASSWORD, WebEnv, csrf, login, web_env

from crp_checker import mail
from crp_checker.store import PasswordReset, Role, get_user_by_email, session_scope
from crp_checker.store.models import utcnow

NEW = "a brand new passphrase"
_count = iter(range(1, 100_000))


def new_account(env: WebEnv) -> str:
    email = f"lifecycle{next(_count)}@org-a.example"
    env.add_user(email, Role.SUPPLIER, "Org A Ltd")
    return email


def user_id(env: WebEnv, email: str) -> int:
    with session_scope(env.engine) as db:
        user = get_user_by_email(db, email)
        assert user is not None
        return user.id


def signed_in_with_token(env: WebEnv, email: str, password: str = PASSWORD) -> tuple[Any, Any]:
    """A browser signed in as `email`, and a script using a token it made."""
    browser = env.client()
    login(browser, email, password)
    page = browser.post(
        "/account/tokens", data={"csrftoken": csrf(browser, "/account/tokens"), "name": "script"}
    )
    token = re.search(r'value="(crp_[^"]+)"', page.text)
    assert token, page.text[:300]
    script = env.client(headers={"Authorization": f"Bearer {token.group(1)}"})
    assert script.get("/api/v1/assessments").status_code == 200
    return browser, script


def change(browser: TestClient, current: str, new: str, confirm: str | None = None) -> Any:
    return browser.post(
        "/account/password",
        data={
            "csrftoken": csrf(browser, "/account/password"),
            "current_password": current,
            "new_password": new,
            "confirm_password": new if confirm is None else confirm,
        },
        follow_redirects=False,
    )


# --------------------------------------------------------------------------- own password


def test_changing_ones_password_ends_other_sessions_and_tokens_but_not_this_one(
    env: WebEnv,
) -> None:
    email = new_account(env)
    browser, script = signed_in_with_token(env, email)
    elsewhere = env.client()
    login(elsewhere, email)
    response = change(browser, PASSWORD, NEW)
    assert response.status_code == 303
    page = browser.get(response.headers["location"])
    assert "Your password was changed" in page.text
    assert browser.get("/reports").status_code == 200  # this browser stays signed in
    assert elsewhere.get("/reports", follow_redirects=False).status_code == 303
    assert script.get("/api/v1/assessments").status_code == 401
    login(env.client(), email, PASSWORD, expect=401)
    login(env.client(), email, NEW)


@pytest.mark.parametrize(
    ("current", "new", "confirm", "status", "says"),
    [
        ("not my password", NEW, NEW, 400, "current password is not right"),
        (PASSWORD, NEW, NEW + "!", 422, "confirmation differ"),
        (PASSWORD, "short", "short", 422, "at least 12"),
        (PASSWORD, PASSWORD, PASSWORD, 422, "same as the current one"),
    ],
    ids=["wrong current", "confirmation", "too short", "unchanged"],
)
def test_a_refused_change_says_why_and_changes_nothing(
    env: WebEnv, current: str, new: str, confirm: str, status: int, says: str
) -> None:
    email = new_account(env)
    browser, script = signed_in_with_token(env, email)
    response = change(browser, current, new, confirm)
    assert response.status_code == status and says in response.text
    assert "The password was not changed" in response.text
    assert script.get("/api/v1/assessments").status_code == 200
    assert browser.get("/reports").status_code == 200
    login(env.client(), email)


# --------------------------------------------------------------------------- temporary password


def test_a_temporary_password_must_be_changed_before_anything_else(env: WebEnv) -> None:
    email = new_account(env)
    browser, script = signed_in_with_token(env, email)
    admin = env.signed_in("admin")
    target = f"/admin/users/{user_id(env, email)}/password"
    page = admin.post(
        target, data={"csrftoken": csrf(admin, target), "password": "temporary passphrase"}
    )
    assert page.status_code == 200 and "Temporary password set" in page.text
    assert browser.get("/reports", follow_redirects=False).status_code == 303  # signed out
    assert script.get("/api/v1/assessments").status_code == 401  # tokens revoked

    person = env.client()
    login(person, email, "temporary passphrase")
    for path in ["/", "/reports", "/account/tokens"]:
        sent = person.get(path, follow_redirects=False)
        assert sent.status_code == 303 and sent.headers["location"] == "/account/password", path
    form = person.get("/account/password")
    assert "Choose your own password" in form.text
    refused = person.get("/api/v1/assessments", headers={"x-csrftoken": "x"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "password_change_needed"
    assert change(person, "temporary passphrase", NEW).status_code == 303
    assert person.get("/reports").status_code == 200
    assert "temporary" not in admin.get("/admin/users").text.split(email)[1].split("</tr>")[0]


# --------------------------------------------------------------------------- reset links


def make_link(env: WebEnv, email: str) -> tuple[str, str]:
    """The administrator makes a reset link: (the page's text, the link)."""
    admin = env.signed_in("admin")
    target = f"/admin/users/{user_id(env, email)}/reset-link"
    page = admin.post(target, data={"csrftoken": csrf(admin, "/admin/users")})
    assert page.status_code == 200, page.text[:300]
    found = re.search(
        r'id="reset-link" class="token" type="text" readonly value="([^"]+)"', page.text
    )
    return page.text, found.group(1) if found else ""


def use_link(env: WebEnv, link: str, password: str = NEW) -> tuple[TestClient, Any]:
    person = env.client()
    opened = person.get(link.removeprefix("http://testserver"), follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/reset"
    form = person.get("/reset")
    assert form.status_code == 200
    response = person.post(
        "/reset",
        data={
            "csrftoken": csrf(person, "/reset"),
            "new_password": password,
            "confirm_password": password,
        },
        follow_redirects=False,
    )
    return person, response


def test_a_reset_link_is_shown_to_pass_on_and_works_once(env: WebEnv) -> None:
    email = new_account(env)
    browser, script = signed_in_with_token(env, email)
    text, link = make_link(env, email)
    assert link.startswith("http://testserver/reset/reset_")
    assert "Pass this link on" in text and "No mail server is set up" in text
    login(env.client(), email)  # the old password works until the link is used
    person, response = use_link(env, link)
    assert response.status_code == 303
    assert person.get("/reports").status_code == 200  # signed in with the new password
    assert browser.get("/reports", follow_redirects=False).status_code == 303
    assert script.get("/api/v1/assessments").status_code == 401
    login(env.client(), email, PASSWORD, expect=401)
    again = env.client().get(link.removeprefix("http://testserver"), follow_redirects=False)
    assert again.status_code == 404 and "not valid any more" in again.text
    assert "This reset link does not work" in again.text


def test_a_new_link_replaces_the_old_and_links_expire(env: WebEnv) -> None:
    email = new_account(env)
    _, first = make_link(env, email)
    _, second = make_link(env, email)
    assert env.client().get(first.removeprefix("http://testserver")).status_code == 404
    with session_scope(env.engine) as db:
        for reset in db.scalars(select(PasswordReset).where(PasswordReset.used_at.is_(None))):
            reset.expires_at = utcnow() - dt.timedelta(seconds=1)
    assert env.client().get(second.removeprefix("http://testserver")).status_code == 404


def test_a_reset_form_with_a_bad_password_keeps_the_link(env: WebEnv) -> None:
    email = new_account(env)
    _, link = make_link(env, email)
    person, response = use_link(env, link, "short")
    assert response.status_code == 422 and "at least 12" in response.text
    retry = person.post(
        "/reset",
        data={"csrftoken": csrf(person, "/reset"), "new_password": NEW, "confirm_password": NEW},
        follow_redirects=False,
    )
    assert retry.status_code == 303
    login(env.client(), email, NEW)


def test_disabling_revokes_links_and_tokens_for_good(env: WebEnv) -> None:
    """Found by the security test: re-enabling an account brought its old tokens back."""
    email = new_account(env)
    _, script = signed_in_with_token(env, email)
    _, link = make_link(env, email)
    admin = env.signed_in("admin")
    account = user_id(env, email)
    for action in ["disable", "enable"]:
        response = admin.post(
            f"/admin/users/{account}/{action}",
            data={"csrftoken": csrf(admin, "/admin/users")},
            follow_redirects=False,
        )
        assert response.status_code == 303
    assert script.get("/api/v1/assessments").status_code == 401  # not back after enabling
    assert env.client().get(link.removeprefix("http://testserver")).status_code == 404
    login(env.client(), email)  # the password itself works again


def test_no_reset_link_for_a_disabled_account(env: WebEnv) -> None:
    email = new_account(env)
    admin = env.signed_in("admin")
    account = user_id(env, email)
    admin.post(f"/admin/users/{account}/disable", data={"csrftoken": csrf(admin, "/admin/users")})
    refused = admin.post(
        f"/admin/users/{account}/reset-link", data={"csrftoken": csrf(admin, "/admin/users")}
    )
    assert refused.status_code == 409 and "Enable the account" in refused.text


# --------------------------------------------------------------------------- by email


class FakeSMTP:
    """Records what would have been sent; `fail` makes the server refuse."""

    sent: ClassVar[list[EmailMessage]] = []
    fail = False

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port = host, port

    def __enter__(self) -> FakeSMTP:
        if FakeSMTP.fail:
            raise ConnectionRefusedError("connection refused")
        return self

    def __exit__(self, *args: object) -> None:
        return None

    def starttls(self, context: Any) -> None:
        return None

    def login(self, user: str, password: str) -> None:
        assert (user, password) == ("crp", "secret")

    def send_message(self, message: EmailMessage) -> None:
        FakeSMTP.sent.append(message)


@pytest.fixture(scope="module")
def mailing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebEnv]:
    folder = tmp_path_factory.mktemp("mailing")
    options = {
        "smtp_host": "mail.council.example",
        "smtp_username": "crp",
        "smtp_password": "secret",
        "smtp_from": "crp-checker@council.example",
        "public_url": "https://crp.council.example/",
        "reset_link_hours": 2,
    }
    with (
        pytest.MonkeyPatch.context() as patch,
        web_env("sqlite", folder, reports=False, **options) as made,
    ):
        patch.setattr(mail.smtplib, "SMTP", FakeSMTP)
        yield made


def test_with_smtp_the_link_is_emailed_not_shown(mailing: WebEnv) -> None:
    email = new_account(mailing)
    FakeSMTP.sent.clear()
    text, shown = make_link(mailing, email)
    assert shown == "" and f"emailed to {email}" in text and "for 2 hours" in text
    (message,) = FakeSMTP.sent
    assert message["To"] == email and message["From"] == "crp-checker@council.example"
    link = re.search(r"https://crp\.council\.example/reset/reset_\S+", message.get_content())
    assert link and "for 2 hours" in message.get_content()
    _, response = use_link(mailing, link.group(0).replace("https://crp.council.example", ""))
    assert response.status_code == 303


def test_when_the_email_fails_the_link_is_shown_with_the_reason(mailing: WebEnv) -> None:
    email = new_account(mailing)
    FakeSMTP.fail = True
    try:
        text, shown = make_link(mailing, email)
    finally:
        FakeSMTP.fail = False
    assert "The email could not be sent" in text and "connection refused" in text
    assert shown.startswith("https://crp.council.example/reset/reset_")
