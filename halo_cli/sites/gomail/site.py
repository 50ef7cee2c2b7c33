"""GoMail: an offline replica of REAL's Gmail-like site, judged by the v2 gomail scripts.

State shape (what the scripts read): `email.emails.<id>.{isRead, starred, trash, archived,
labels, sent, to, subject, content, ...}`, snoozed mail moved to `email.snoozed.<id>`,
labels at `settings.customLabels.<id>.label`, the last snackbar at `ui.snackbar.message`.
`/finish` adds `differences.emails.{added, deleted, updated}` over `email.emails`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from halo_cli.sites.base import Site, session_of
from halo_cli.sites.diff import collection_changes
from halo_cli.sites.gomail import mail, seed, views

LIST_ACTIONS = {
    "inbox": ["read", "unread", "archive", "trash", "snooze", "label"],
    "starred": ["read", "unread", "archive", "trash", "snooze", "label"],
    "label": ["read", "unread", "archive", "trash", "snooze", "label"],
    "search": ["read", "unread", "archive", "trash", "snooze", "label"],
    "archive": ["read", "unread", "unarchive", "trash", "label"],
    "sent": ["trash"],
    "trash": ["untrash"],
    "snoozed": ["unsnooze"],
}


def _root(request: Request) -> str:
    return request.scope.get("root_path", "").rstrip("/")


def _page(request: Request) -> int:
    try:
        return int(request.query_params.get("page", "1"))
    except ValueError:
        return 1


def _safe_next(value: str | None, default: str = "/") -> str:
    """A site-relative path to go back to (never another host)."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return default
    return value


class Form:
    """An urlencoded POST body (the site's forms never upload files)."""

    def __init__(self, body: bytes) -> None:
        self._data = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)

    def get(self, key: str, default: str = "") -> str:
        return self._data.get(key, [default])[0]

    def getlist(self, key: str) -> list[str]:
        return list(self._data.get(key, []))


async def _form(request: Request) -> Form:
    return Form(await request.body())


def _html(request: Request, text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status)


def _seen_snackbar(state: dict[str, Any]) -> None:
    """The snackbar shows on the page after the action, then closes (the message stays)."""
    sb = state.setdefault("ui", {}).setdefault("snackbar", {"message": "", "open": False})
    if sb.get("open"):
        sb["open"] = False


def _snack(state: dict[str, Any], message: str) -> None:
    state.setdefault("ui", {})["snackbar"] = {"message": message, "open": True}


class GoMail(Site):
    id = "gomail"
    title = "GoMail"

    def supported_tasks(self) -> list[str]:
        return list(seed.TASKS)

    def seed_state(self, task: str) -> dict[str, Any]:
        return seed.seed_state(task)

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        emails = collection_changes(initial["email"]["emails"], current["email"]["emails"])
        return {"differences": {"emails": emails}}

    def routes(self) -> list[BaseRoute]:
        def listing(kind: str, title: str, items_of, current: str, base_path: str,
                    empty: str = "No conversations."):
            async def handler(request: Request) -> Response:
                s = session_of(request)
                with s.lock:
                    text = views.list_page(
                        _root(request), s.state, title=title, items=items_of(s.state),
                        page=_page(request), base_path=base_path, params={},
                        actions=LIST_ACTIONS[kind], current=current, empty=empty)
                    _seen_snackbar(s.state)
                return _html(request, text)
            return handler

        async def label_list(request: Request) -> Response:
            s = session_of(request)
            lid = request.path_params["lid"]
            root = _root(request)
            with s.lock:
                lab = mail.labels(s.state).get(lid)
                if lab is None:
                    return _html(request, views.not_found(root, s.state, "No such label."), 404)
                text = views.list_page(
                    root, s.state, title=lab["label"], items=mail.labelled(s.state, lid),
                    page=_page(request), base_path=f"/label/{quote(lid)}", params={},
                    actions=LIST_ACTIONS["label"], current=f"label:{lid}",
                    empty="There are no conversations with this label.")
                _seen_snackbar(s.state)
            return _html(request, text)

        async def search(request: Request) -> Response:
            s = session_of(request)
            q = request.query_params.get("q", "").strip()
            with s.lock:
                items = mail.search(s.state, q) if q else []
                text = views.list_page(
                    _root(request), s.state, title=f"Search results for “{q}”" if q else "Search",
                    items=items, page=_page(request), base_path="/search",
                    params={"q": q} if q else {}, actions=LIST_ACTIONS["search"],
                    current="", query=q, empty="No messages matched your search.")
                _seen_snackbar(s.state)
            return _html(request, text)

        async def read_email(request: Request) -> Response:
            s = session_of(request)
            eid = request.path_params["eid"]
            root = _root(request)
            with s.lock:
                email = mail.get_email(s.state, eid)
                if email is None:
                    return _html(request, views.not_found(root, s.state, "No such email."), 404)
                mail.mark_opened(s.state, eid)
                back = _safe_next(request.query_params.get("back"))
                text = views.email_page(root, s.state, email, back)
                _seen_snackbar(s.state)
            return _html(request, text)

        async def compose(request: Request) -> Response:
            s = session_of(request)
            with s.lock:
                text = views.compose_page(_root(request), s.state, heading="New message",
                                          to=request.query_params.get("to", ""))
                _seen_snackbar(s.state)
            return _html(request, text)

        def reply_or_forward(forward: bool):
            async def handler(request: Request) -> Response:
                s = session_of(request)
                eid = request.path_params["eid"]
                root = _root(request)
                with s.lock:
                    email = mail.get_email(s.state, eid)
                    if email is None:
                        return _html(request, views.not_found(root, s.state, "No such email."),
                                     404)
                    subj = email["subject"]
                    quoted = (f"On {views.long_date(email)}, {email['from']} "
                              f"<{email['fromEmail']}> wrote:\n{email['content']}")
                    if forward:
                        fwd = (f"---------- Forwarded message ---------\nFrom: {email['from']} "
                               f"<{email['fromEmail']}>\nDate: {views.long_date(email)}\n"
                               f"Subject: {subj}\n\n{email['content']}")
                        text = views.compose_page(
                            root, s.state, heading="Forward",
                            subject=subj if subj.lower().startswith("fwd:") else f"Fwd: {subj}",
                            body=f"\n\n{fwd}", hidden={"forward_of": eid})
                    else:
                        to = (", ".join(email["to"]) if email.get("sent")
                              else email["fromEmail"])
                        text = views.compose_page(
                            root, s.state, heading="Reply", to=to,
                            subject=subj if subj.lower().startswith("re:") else f"Re: {subj}",
                            hidden={"reply_to": eid}, quote=quoted)
                    _seen_snackbar(s.state)
                return _html(request, text)
            return handler

        async def send(request: Request) -> Response:
            s = session_of(request)
            form = await _form(request)
            root = _root(request)
            fields = {k: form.get(k) for k in ("to", "cc", "bcc", "subject", "body")}
            reply_to = str(form.get("reply_to", "")) or None
            forward_of = str(form.get("forward_of", "")) or None
            with s.lock:
                try:
                    mail.send(s.state, fields["to"], fields["cc"], fields["bcc"],
                              fields["subject"], fields["body"], reply_to=reply_to,
                              forward_of=forward_of)
                except mail.RecipientError as err:
                    hidden = {k: v for k, v in (("reply_to", reply_to),
                                                ("forward_of", forward_of)) if v}
                    heading = "Reply" if reply_to else "Forward" if forward_of else "New message"
                    text = views.compose_page(root, s.state, heading=heading, error=str(err),
                                              hidden=hidden, **fields)
                    return _html(request, text, 400)
                _snack(s.state, "Message sent.")
            return RedirectResponse(f"{root}/", status_code=303)

        async def act(request: Request) -> Response:
            s = session_of(request)
            form = await _form(request)
            root = _root(request)
            action = str(form.get("action", ""))
            ids = [str(v) for v in form.getlist("ids")]
            nxt = _safe_next(str(form.get("next", "")))
            try:
                days = int(str(form.get("days", "1")))
            except ValueError:
                days = 1
            if days not in mail.SNOOZE_DAYS:
                days = 1
            with s.lock:
                try:
                    res = mail.apply(s.state, action, ids, days=days,
                                     label_id=str(form.get("label", "")) or None)
                except ValueError:
                    return _html(request, views.not_found(root, s.state, "Unknown action."), 400)
                _snack(s.state, res.message)
            if nxt.startswith("/email/") and action in ("trash", "archive", "snooze", "unread"):
                nxt = "/"
            return RedirectResponse(f"{root}{nxt}", status_code=303)

        async def star(request: Request) -> Response:
            s = session_of(request)
            form = await _form(request)
            eid = str(form.get("star", ""))
            with s.lock:
                mail.toggle_star(s.state, eid)
            nxt = _safe_next(request.query_params.get("next") or str(form.get("next", "")),
                             f"/email/{eid}")
            return RedirectResponse(f"{_root(request)}{nxt}", status_code=303)

        async def new_label(request: Request) -> Response:
            s = session_of(request)
            with s.lock:
                text = views.label_form(_root(request), s.state)
                _seen_snackbar(s.state)
            return _html(request, text)

        async def create_label(request: Request) -> Response:
            s = session_of(request)
            form = await _form(request)
            name = str(form.get("label", ""))
            root = _root(request)
            with s.lock:
                try:
                    lab = mail.create_label(s.state, name)
                except mail.LabelError as err:
                    return _html(request, views.label_form(root, s.state, str(err), name), 400)
                _snack(s.state, f'Label "{lab["label"]}" created.')
            return RedirectResponse(f"{root}/label/{quote(lab['id'])}", status_code=303)

        def folder(name: str):
            return lambda state: mail.folder(state, name)

        return [
            Route("/", listing("inbox", "Inbox", folder("inbox"), "inbox", "/",
                               "Your inbox is empty.")),
            Route("/starred", listing("starred", "Starred", folder("starred"), "starred",
                                      "/starred", "No starred messages.")),
            Route("/snoozed", listing("snoozed", "Snoozed", folder("snoozed"), "snoozed",
                                      "/snoozed", "No snoozed messages.")),
            Route("/sent", listing("sent", "Sent", folder("sent"), "sent", "/sent",
                                   "No sent messages.")),
            Route("/archive", listing("archive", "Archive", folder("archive"), "archive",
                                      "/archive", "No archived messages.")),
            Route("/trash", listing("trash", "Trash", folder("trash"), "trash", "/trash",
                                    "No conversations in Trash.")),
            Route("/label/{lid}", label_list),
            Route("/search", search),
            Route("/email/{eid}", read_email),
            Route("/email/{eid}/reply", reply_or_forward(False)),
            Route("/email/{eid}/forward", reply_or_forward(True)),
            Route("/compose", compose),
            Route("/send", send, methods=["POST"]),
            Route("/act", act, methods=["POST"]),
            Route("/star", star, methods=["POST"]),
            Route("/labels/new", new_label),
            Route("/labels", create_label, methods=["POST"]),
        ]
