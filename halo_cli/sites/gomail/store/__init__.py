"""GoMail's state, one session's store: the seed mailbox and its accessors (`mailbox`), what
the pages list (`folders`), the toolbar actions and labels (`actions`), and sending
(`outbox`). Everything works on a session's store; callers hold the session lock.

State shape (what REAL's scripts read): `email.emails.<id>.{isRead, starred, trash,
archived, labels, sent, to, subject, content, ...}`, snoozed mail moved to
`email.snoozed.<id>`, labels at `settings.customLabels.<id>.label`, the last snackbar at
`ui.snackbar.message`.
"""
