"""`users add/list/disable/enable/set-password`: accounts for the web app."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from crp_checker.cli.common import store_session


class AccountRole(StrEnum):
    """The roles of crp_checker.store.Role, listed here so --help can show them."""

    SUPPLIER = "supplier"
    EVALUATOR = "evaluator"
    CLIMATE = "climate"
    ADMIN = "admin"


users_app = typer.Typer(
    help="Manage accounts for the web app: suppliers, evaluators, the climate team, admins.",
    no_args_is_help=True,
)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt(
        "Password (at least 12 characters)", hide_input=True, confirmation_prompt=True
    )
    return password


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(show_default=False)],
    role: Annotated[AccountRole, typer.Option(help="What the account may do.")],
    organisation: Annotated[
        str | None,
        typer.Option(help="The supplier's organisation (created if new); suppliers need one."),
    ] = None,
    name: Annotated[str | None, typer.Option(help="The person's name.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
) -> None:
    """Create an account; the password is asked for twice unless --password-stdin."""
    from crp_checker import store

    password = _read_password(password_stdin)
    with store_session() as session:
        user = store.create_user(
            session, email, password, store.Role(role.value), organisation, name=name
        )
        where = f" at {user.organisation.name}" if user.organisation else ""
        typer.echo(f"Created {user.role.value} account {user.email}{where}.")


@users_app.command("list")
def users_list() -> None:
    """List every account: email, role, organisation, status and last sign-in."""
    from crp_checker import store

    with store_session() as session:
        rows = [
            (
                user.email,
                user.role.value,
                user.organisation.name if user.organisation else "-",
                "disabled"
                if user.disabled
                else "temporary password"
                if user.must_change_password
                else "active",
                f"{user.last_login_at:%Y-%m-%d %H:%M}" if user.last_login_at else "never",
            )
            for user in store.list_users(session)
        ]
    if not rows:
        typer.echo("No accounts yet: crp-checker users add EMAIL --role admin")
        return
    header = ("EMAIL", "ROLE", "ORGANISATION", "STATUS", "LAST SIGN-IN (UTC)")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        typer.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@users_app.command("disable")
def users_disable(email: Annotated[str, typer.Argument(show_default=False)]) -> None:
    """Stop an account signing in or using its API tokens; its open sessions end."""
    from crp_checker import store

    with store_session() as session:
        user = store.disable_user(session, email)
        typer.echo(f"Disabled {user.email}.")


@users_app.command("token")
def users_token(
    email: Annotated[str, typer.Argument(show_default=False)],
    name: Annotated[
        str, typer.Option(help="What the token is for, shown on the account's tokens page.")
    ] = "command line",
) -> None:
    """Make a new API token for an account and print it (only once: it is stored as a hash)."""
    from crp_checker import store
    from crp_checker.store.errors import UnknownUserError

    with store_session() as session:
        user = store.get_user_by_email(session, email)
        if user is None or user.disabled:
            state = "is disabled" if user is not None else "does not exist"
            raise UnknownUserError(
                f"The account {email} {state}: no token was made.",
            )
        plaintext, _ = store.create_api_token(session, user, name)
    typer.echo(plaintext)


@users_app.command("enable")
def users_enable(email: Annotated[str, typer.Argument(show_default=False)]) -> None:
    """Let a disabled account sign in again (its old API tokens stay revoked)."""
    from crp_checker import store

    with store_session() as session:
        user = store.enable_user(session, email)
        typer.echo(f"Enabled {user.email}.")


@users_app.command("set-password")
def users_set_password(
    email: Annotated[str, typer.Argument(show_default=False)],
    temporary: Annotated[
        bool,
        typer.Option(help="The person must choose their own password at the next sign-in."),
    ] = False,
) -> None:
    """Give an account a new password, read from standard input (its first line), or asked for
    twice at a terminal. The account's sessions, API tokens and reset links end."""
    from crp_checker import store

    password = _read_password(from_stdin=not sys.stdin.isatty())
    with store_session() as session:
        user = store.get_user_by_email(session, email)
        if user is None:
            raise store.UnknownUserError(f"There is no account for {store.normalise_email(email)}.")
        store.set_password(session, user, password, temporary=temporary)
        note = " It must be changed at the next sign-in." if temporary else ""
        typer.echo(
            f"Set a new password for {user.email}; its sessions and API tokens have ended.{note}"
        )
