"""GoMail's training-task templates (`TEMPLATES`): mail to send (reply, forward, a new
email) and mail to sort (star, unread, delete, archive, label, snooze), drawn from the
seed mailbox."""

from __future__ import annotations

from halo_cli.sites.gomail.templates.organizing import (
    ArchiveTemplate,
    LabelTemplate,
    MarkUnreadTemplate,
    SnoozeTemplate,
    StarTemplate,
    TrashTemplate,
)
from halo_cli.sites.gomail.templates.sending import ComposeTemplate, ForwardTemplate, ReplyTemplate
from halo_cli.sites.templates import Template

TEMPLATES: list[Template] = [
    ReplyTemplate(), ForwardTemplate(), ComposeTemplate(), StarTemplate(), MarkUnreadTemplate(),
    TrashTemplate(), ArchiveTemplate(), LabelTemplate(), SnoozeTemplate(),
]
