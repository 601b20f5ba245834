"""Public reference pages: the rulebook, and the API documentation built from OpenAPI.

FastAPI's own /docs loads Swagger UI from a CDN and runs inline scripts; neither is allowed
here (no run-time downloads, a CSP without inline scripts), so the same OpenAPI document is
rendered on the server instead. The raw document stays at /openapi.json.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from crp_checker.report.rulebook import rule_rows
from crp_checker.rules import RULEBOOK_VERSION, RULES
from crp_checker.web.deps import OptionalUser
from crp_checker.web.render import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(schema: dict[str, Any]) -> str:
    """A short description of a JSON schema for the table (a $ref's name, or its type)."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_schema_name(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items', {}))}"
    return str(schema.get("format") or schema.get("type") or "any")


def _anchor(method: str, path: str) -> str:
    """An id for an operation's heading, e.g. post-api-v1-check."""
    return f"{method}-" + path.strip("/").replace("/", "-").replace("{", "").replace("}", "")


def operations(openapi: dict[str, Any]) -> list[dict[str, Any]]:
    """Each API operation with its parameters, body types and responses, in path order."""
    result = []
    for path, item in openapi.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            body = operation.get("requestBody", {}).get("content", {})
            result.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": _anchor(method, path),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _schema_name(p.get("schema", {})),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "bodies": [
                        (media, ", ".join(sorted(c.get("schema", {}).get("properties", {}))))
                        for media, c in body.items()
                    ],
                    "responses": [
                        (code, r.get("description", ""))
                        for code, r in operation.get("responses", {}).items()
                    ],
                }
            )
    return result


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, user: OptionalUser) -> HTMLResponse:
    """The JSON API, documented from the app's OpenAPI schema."""
    openapi = request.app.openapi()
    context = {
        "info": openapi.get("info", {}),
        "operations": operations(openapi),
        "base_url": str(request.base_url).rstrip("/"),
    }
    return render(request, "api_docs.html", context, user=user)


@router.get("/rules", response_class=HTMLResponse)
def rules(request: Request, user: OptionalUser) -> HTMLResponse:
    """The rulebook the checks apply, one row per rule."""
    context = {"rows": rule_rows(RULES.values()), "version": RULEBOOK_VERSION}
    return render(request, "rules.html", context, user=user)


@router.get("/healthz", response_class=PlainTextResponse)
def health() -> str:
    """For load balancers and the soak test: the process is up and serving."""
    return "ok"
