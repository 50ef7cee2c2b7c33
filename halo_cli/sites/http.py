"""Small HTTP helpers the replicas share: the site's mount path, form bodies, 4xx errors."""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request


class BadRequest(Exception):
    """A malformed request: answered with a 4xx and a one-line message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def root_path(request: Request) -> str:
    """Where the site is mounted (`/dashdish`), for links that stay on the site."""
    return request.scope.get("root_path", "").rstrip("/")


async def read_form(request: Request) -> dict[str, str]:
    """An urlencoded POST body, first value per field (junk bytes decode as U+FFFD)."""
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
