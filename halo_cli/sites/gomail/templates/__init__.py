"""GoMail's training-task templates (`TEMPLATES`): mail to send (reply, forward, a new
email) and mail to sort (star, unread, archive, label, snooze), drawn from the seed mailbox.
No deleting: REAL's gomail-14 script passes any email moved to the trash, so no delete task
could be disjoint from the test set."""

from __future__ import annotations

from halo_cli.sites.gomail.templates.organizing import (
    ArchiveTemplate,
    LabelTemplate,
    MarkUnreadTemplate,
    SnoozeTemplate,
    StarTemplate,
)
from halo_cli.sites.gomail.templates.sending import ComposeTemplate, ForwardTemplate, ReplyTemplate
from halo_cli.sites.templates import Template

TEMPLATES: list[Template] = [
    ReplyTemplate(), ForwardTemplate(), ComposeTemplate(), StarTemplate(), MarkUnreadTemplate(),
    ArchiveTemplate(), LabelTemplate(), SnoozeTemplate(),
]
