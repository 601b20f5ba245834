"""`serve`: run the web app with uvicorn, on the host and port from the settings by default."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from crp_checker.cli.common import require_patterns
from crp_checker.settings import get_settings

APP_FACTORY = "crp_checker.web.app:create_app"


def serve(
    host: Annotated[
        str | None,
        typer.Option(
            help="The address to listen on (default CRP_HOST, 127.0.0.1).", show_default=False
        ),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=65535,
            help="The port to listen on (default CRP_PORT, 8000).",
            show_default=False,
        ),
    ] = None,
    reload: Annotated[
        bool,
        typer.Option(
            "--reload/--no-reload", help="Restart when the code changes (for development)."
        ),
    ] = False,
) -> None:
    """Run the web app on this machine, until Ctrl+C."""
    import uvicorn  # the web stack loads only for this command

    require_patterns()
    settings = get_settings()
    host = settings.host if host is None else host
    port = settings.port if port is None else port
    _first_start_hint()
    typer.echo(f"crp-checker is serving on {_browser_url(host, port)} — press Ctrl+C to stop")
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        reload=reload,
        proxy_headers=False,
        log_level="info",
    )


def _first_start_hint() -> None:
    """Bring the database up to date now (a bad URL fails here, plainly), and say how to make
    the first account when there is none."""
    from crp_checker.cli.common import store_session
    from crp_checker.store import count_users

    with store_session() as session:
        if count_users(session) == 0:
            # As the command was typed (e.g. .venv/bin/crp-checker), so it can be pasted.
            program = sys.argv[0] if Path(sys.argv[0]).name == "crp-checker" else "crp-checker"
            typer.echo(
                "No accounts yet: anyone can check a plan without one. To sign in, create the "
                "first administrator in another terminal:\n"
                f"  {program} users add admin@example.org --role admin"
            )


def _browser_url(host: str, port: int) -> str:
    """The address to open: a wildcard listen address is reached through the loopback."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"
