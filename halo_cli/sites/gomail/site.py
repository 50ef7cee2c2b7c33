"""GoMail: an offline replica of REAL's Gmail-like site, judged by the v2 gomail scripts.

The store (`store/`) holds the state the scripts read; `/finish` adds
`differences.emails.{added, deleted, updated}` over `email.emails`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from halo_cli.sites import kit
from halo_cli.sites.base import session_of
from halo_cli.sites.diff import collection_changes
from halo_cli.sites.gomail import views
from halo_cli.sites.gomail.store import actions, folders, mailbox, outbox
from halo_cli.sites.gomail.store.mailbox import State

#: the toolbar of each kind of list
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

#: folder page path -> (folder, title, what an empty folder says)
FOLDER_PAGES = {
    "/": ("inbox", "Inbox", "Your inbox is empty."),
    "/starred": ("starred", "Starred", "No starred messages."),
    "/snoozed": ("snoozed", "Snoozed", "No snoozed messages."),
    "/sent": ("sent", "Sent", "No sent messages."),
    "/archive": ("archive", "Archive", "No archived messages."),
    "/trash": ("trash", "Trash", "No conversations in Trash."),
}

#: actions after which the email they were taken on leaves the list it came from
_LEAVES_EMAIL = ("trash", "archive", "snooze", "unread")

Render = Callable[[str, State], str]


class GoMail(kit.KitSite):
    id = "gomail"
    title = "GoMail"

    tasks = mailbox.TASKS

    def seed_state(self, task: str) -> dict[str, Any]:
        return mailbox.seed_state(task)

    def differences(self, initial: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        emails = collection_changes(initial["email"]["emails"], current["email"]["emails"])
        return {"differences": {"emails": emails}}

    # -- helpers ----------------------------------------------------------------------
    @staticmethod
    def _show(request: Request, render: Render, status: int = 200) -> Response:
        """The page `render(root, state)` writes; a page shown in full (200) closes the
        snackbar."""
        session = session_of(request)
        with session.lock:
            text = render(kit.root_path(request), session.state)
            if status == 200:
                mailbox.seen_snackbar(session.state)
        return kit.html_page(text, status)

    def _not_found(self, request: Request, what: str) -> Response:
        return self._show(request, partial(views.not_found, what=what), 404)

    def _list(self, request: Request, kind: str, title: str, items: Callable[[State], list],
              *, base_path: str, empty: str, current: str = "", query: str = "") -> Response:
        """A page of a list of emails with the toolbar for `kind`."""
        page = kit.query_int(request, "page", 1, 1, 10**6)
        return self._show(request, lambda root, state: views.list_page(
            root, state, title=title, items=items(state), page=page, base_path=base_path,
            params={"q": query} if query else {}, actions=LIST_ACTIONS[kind], current=current,
            query=query, empty=empty))

    def _with_email(self, request: Request, render: Callable[..., str]) -> Response:
        """`render(root, state, email)` for the path's email, or a 404 page."""
        session = session_of(request)
        with session.lock:
            email = mailbox.get_email(session.state, request.path_params["eid"])
        if email is None:
            return self._not_found(request, "No such email.")
        return self._show(request, partial(render, email=email))

    # -- pages ------------------------------------------------------------------------
    @kit.route(*FOLDER_PAGES)
    async def folder(self, request: Request) -> Response:
        path = request.url.path[len(kit.root_path(request)):] or "/"
        name, title, empty = FOLDER_PAGES[path]
        return self._list(request, name, title, partial(folders.folder, name=name),
                          base_path=path, current=name, empty=empty)

    @kit.route("/label/{lid}")
    async def label(self, request: Request) -> Response:
        lid = request.path_params["lid"]
        session = session_of(request)
        with session.lock:
            lab = mailbox.labels(session.state).get(lid)
        if lab is None:
            return self._not_found(request, "No such label.")
        return self._list(request, "label", lab["label"], partial(folders.labelled, label_id=lid),
                          base_path=f"/label/{quote(lid)}", current=f"label:{lid}",
                          empty="There are no conversations with this label.")

    @kit.route("/search")
    async def search(self, request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        return self._list(request, "search", f"Search results for “{q}”" if q else "Search",
                          lambda state: folders.search(state, q) if q else [],
                          base_path="/search", query=q, empty="No messages matched your search.")

    @kit.route("/email/{eid}")
    async def read_email(self, request: Request) -> Response:
        session = session_of(request)
        with session.lock:
            actions.mark_opened(session.state, request.path_params["eid"])
        back = kit.safe_next(request.query_params.get("back"), "/")
        return self._with_email(request, partial(views.email_page, back=back))

    @kit.route("/email/{eid}/reply")
    async def reply(self, request: Request) -> Response:
        return self._with_email(request, views.reply_page)

    @kit.route("/email/{eid}/forward")
    async def forward(self, request: Request) -> Response:
        return self._with_email(request, views.forward_page)

    @kit.route("/compose")
    async def compose(self, request: Request) -> Response:
        return self._show(request, partial(views.compose_page, heading="New message",
                                           to=request.query_params.get("to", "")))

    @kit.route("/labels/new")
    async def new_label(self, request: Request) -> Response:
        return self._show(request, views.label_form)

    # -- actions ----------------------------------------------------------------------
    @kit.route("/send", methods=["POST"])
    async def send(self, request: Request) -> Response:
        form = await kit.read_form(request)
        fields = {k: form.get(k, "") for k in ("to", "cc", "bcc", "subject", "body")}
        reply_to, forward_of = form.get("reply_to") or None, form.get("forward_of") or None
        session = session_of(request)
        with session.lock:
            try:
                outbox.send(session.state, **fields, reply_to=reply_to, forward_of=forward_of)
            except outbox.RecipientError as err:
                hidden = {k: v for k, v in (("reply_to", reply_to), ("forward_of", forward_of))
                          if v}
                heading = "Reply" if reply_to else "Forward" if forward_of else "New message"
                return self._show(request, partial(views.compose_page, heading=heading,
                                                   error=str(err), hidden=hidden, **fields), 400)
            mailbox.snack(session.state, "Message sent.")
        return kit.redirect(request, "/")

    @kit.route("/act", methods=["POST"])
    async def act(self, request: Request) -> Response:
        form = await kit.read_form(request)
        action = kit.choice_field(form.get("action"), "action", actions.ACTIONS)
        days = kit.choice_field(form.get("days") or "1", "days", map(str, actions.SNOOZE_DAYS))
        session = session_of(request)
        with session.lock:
            res = actions.apply(session.state, action, form.getlist("ids"), days=int(days),
                                label_id=form.get("label") or None)
            mailbox.snack(session.state, res.message)
        nxt = kit.safe_next(form.get("next"), "/")
        if nxt.startswith("/email/") and action in _LEAVES_EMAIL:
            nxt = "/"
        return kit.redirect(request, nxt)

    @kit.route("/star", methods=["POST"])
    async def star(self, request: Request) -> Response:
        form = await kit.read_form(request)
        eid = form.get("star", "")
        session = session_of(request)
        with session.lock:
            actions.toggle_star(session.state, eid)
        nxt = request.query_params.get("next") or form.get("next")
        return kit.redirect(request, kit.safe_next(nxt, f"/email/{eid}"))

    @kit.route("/labels", methods=["POST"])
    async def create_label(self, request: Request) -> Response:
        form = await kit.read_form(request)
        name = form.get("label", "")
        session = session_of(request)
        with session.lock:
            try:
                lab = actions.create_label(session.state, name)
            except actions.LabelError as err:
                return self._show(request, partial(views.label_form, error=str(err), name=name),
                                  400)
            mailbox.snack(session.state, f'Label "{lab["label"]}" created.')
        return kit.redirect(request, f"/label/{quote(lab['id'])}")
