"""The site kit: the plumbing every replica shares, so a site's own code is its pages and
its store.

- `KitSite`: a `Site` whose handlers are methods marked `@route(path, methods=...)`; every
  handler is wrapped so a `BadRequest` becomes a one-line 4xx (never a 500).
- Notices: one flash message per session (`notify` on a redirect, `take_notice` when the
  next page renders), kept on the `Session` itself.
- Forms: `read_form` (urlencoded, size-capped: 413 past `MAX_FORM_BYTES`) returns a `Form`
  (`get`, `getlist`, `[]`); `int_field` / `choice_field` validate one value or raise
  `BadRequest`.
- Redirects: `redirect` (303 to a path on the site, with an optional notice) and
  `safe_next` (a `next=` target only if it stays on the site).
- The page shell: `shell` writes the `<!DOCTYPE html>` document every site wraps its
  header and body in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from html import escape
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Session, Site, session_of

#: the largest form body a site reads; a larger one is answered 413
MAX_FORM_BYTES = 64_000

Handler = Callable[[Request], Awaitable[Response]]


class BadRequest(Exception):
    """A malformed request: answered with a 4xx and a one-line message."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


# -- routing ------------------------------------------------------------------------------
def handled(fn: Handler) -> Handler:
    """`fn` with `BadRequest` answered as plain text with its status."""

    async def endpoint(request: Request) -> Response:
        try:
            return await fn(request)
        except BadRequest as exc:
            return PlainTextResponse(f"{exc}\n", status_code=exc.status)

    endpoint.__name__ = getattr(fn, "__name__", "endpoint")
    return endpoint


def route(*paths: str, methods: Sequence[str] = ("GET",)) -> Callable[[Handler], Handler]:
    """Mark a `KitSite` handler method as serving `paths` for `methods`:
    `@route("/cart/add", methods=["POST"])`."""

    def mark(fn: Handler) -> Handler:
        marks = getattr(fn, "_kit_routes", [])
        fn._kit_routes = [*marks, *((p, list(methods)) for p in paths)]  # type: ignore[attr-defined]
        return fn

    return mark


def _specificity(path: str) -> list[tuple[int, str]]:
    """Sort key: at each segment a literal comes before a `{param}` (so `/jobs/new` is
    tried before `/jobs/{jid}`)."""
    return [(int(seg.startswith("{")), seg) for seg in path.split("/")]


class KitSite(Site):
    """A site whose handlers are methods marked with `@route(...)`; `routes()` collects them
    (literal paths before parameters), each wrapped by `handled` and then by `wrap`."""

    #: the bare task names this replica serves (what `supported_tasks` returns)
    tasks: Sequence[str] = ()

    def supported_tasks(self) -> list[str]:
        return list(self.tasks)

    def wrap(self, fn: Handler) -> Handler:
        """A site's own outer wrapper for every handler (none by default)."""
        return fn

    def routes(self) -> list[BaseRoute]:
        marked: list[tuple[str, list[str], Handler]] = []
        for name in dir(type(self)):
            for path, methods in getattr(getattr(type(self), name), "_kit_routes", ()):
                marked.append((path, methods, getattr(self, name)))
        marked.sort(key=lambda r: _specificity(r[0]))
        return [Route(path, self.wrap(handled(fn)), methods=methods)
                for path, methods, fn in marked]


def root_path(request: Request) -> str:
    """Where the site is mounted (`/dashdish`), for links that stay on the site."""
    return request.scope.get("root_path", "").rstrip("/")


# -- notices ------------------------------------------------------------------------------
def notify(session: Session, text: str) -> None:
    """Keep `text` to show on the session's next rendered page."""
    with session.lock:
        session.notice = text


def take_notice(session: Session) -> str | None:
    """The session's pending notice (once), or None."""
    with session.lock:
        text, session.notice = session.notice, None
    return text


# -- forms --------------------------------------------------------------------------------
class Form:
    """An urlencoded POST body (no site uploads files): first value or all values."""

    def __init__(self, data: dict[str, list[str]]) -> None:
        self._data = data

    def get(self, key: str, default: str | None = None) -> str | None:
        values = self._data.get(key)
        return values[0] if values else default

    def getlist(self, key: str) -> list[str]:
        return list(self._data.get(key, []))

    def __getitem__(self, key: str) -> str:
        return self._data[key][0]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def dict(self) -> dict[str, str]:
        """First value per field."""
        return {k: v[0] for k, v in self._data.items()}


async def read_form(request: Request, max_bytes: int = MAX_FORM_BYTES) -> Form:
    """The request's urlencoded body (junk bytes decode as U+FFFD); `BadRequest(413)` past
    `max_bytes`."""
    body = await request.body()
    if len(body) > max_bytes:
        raise BadRequest(f"form too large (over {max_bytes} bytes)", 413)
    return Form(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True))


def int_field(value: str | None, name: str, lo: int, hi: int, default: int | None = None) -> int:
    """`value` as a whole number in [lo, hi]; `default` when empty (if given)."""
    if value in (None, "") and default is not None:
        return default
    try:
        n = int(str(value))
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
    if not lo <= n <= hi:
        raise BadRequest(f"{name} must be between {lo} and {hi}")
    return n


def choice_field(value: str | None, name: str, allowed: Iterable[str]) -> str:
    """`value` if it is one of `allowed`."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise BadRequest(f"{name} must be one of: {', '.join(allowed)}")
    return value


# -- redirects ----------------------------------------------------------------------------
def safe_next(value: str | None, default: str) -> str:
    """`value` if it is a path on this host (not `//host` or a backslash trick), else
    `default`."""
    v = value or ""
    ok = v.startswith("/") and not v.startswith("//") and "\\" not in v
    return v if ok else default


def redirect(request: Request, path: str, notice: str | None = None) -> RedirectResponse:
    """A 303 to `path` on the site (relative to its mount), optionally with a notice."""
    if notice:
        notify(session_of(request), notice)
    return RedirectResponse(root_path(request) + path, status_code=303)


# -- the page shell -----------------------------------------------------------------------
def shell(*, title: str, site: str, css: str, header: str, body: str, notice: str = "",
          error: str = "", footer: str = "") -> str:
    """A whole page: `<title>TITLE | SITE</title>`, the site's CSS and header, then `main`
    holding the notice (`role=status`), the error (`role=alert`) and the body. `notice` and
    `error` are HTML (escape text first: `escape`)."""
    note = f'<div class="notice" role="status">{notice}</div>' if notice else ""
    err = f'<div class="error" role="alert">{error}</div>' if error else ""
    foot = f"<footer>{footer}</footer>" if footer else ""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">\n'
            f"<title>{escape(title)} | {escape(site)}</title><style>{css}</style></head><body>\n"
            f"{header}<main>{note}{err}{body}</main>{foot}</body></html>")


def html_page(text: str, status: int = 200) -> HTMLResponse:
    """An HTML response (the sites' pages are plain server-rendered HTML)."""
    return HTMLResponse(text, status_code=status)


__all__ = [
    "MAX_FORM_BYTES", "BadRequest", "Form", "KitSite", "choice_field", "escape", "handled", "route",
    "html_page", "int_field", "notify", "read_form", "redirect", "root_path", "safe_next",
    "shell", "take_notice",
]


def query_int(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    """The query parameter `name` as a whole number clamped to [lo, hi]; `default` when it
    is absent or not a number (a link the user typed or edited is answered, not refused)."""
    try:
        n = int(request.query_params.get(name, ""))
    except ValueError:
        return default
    return max(lo, min(hi, n))


# -- a site's own Not found page ----------------------------------------------------------
class Missing(LookupError):
    """What a path names is not there: answered by the site's own Not found page (see
    `or_missing`), where a `BadRequest` would answer one plain line."""


def or_missing(fn: Handler, page: Callable[[Request, str], Response]) -> Handler:
    """`fn`, with `Missing(text)` answered by `page(request, text)` (a 404 page); for a
    site's `route_table`."""

    async def endpoint(request: Request) -> Response:
        try:
            return await fn(request)
        except Missing as gone:
            return page(request, str(gone))

    endpoint.__name__ = getattr(fn, "__name__", "endpoint")
    return endpoint


__all__ += ["Missing", "or_missing", "query_int"]
