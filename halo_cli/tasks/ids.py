"""Task ids, as the `tasks` layer offers them: `halo_cli.task_id` is their one home (a
leaf, so the local sites below `tasks` can name tasks too)."""

from halo_cli.task_id import DEFAULT_VERSION, TaskId, site_of

__all__ = ["DEFAULT_VERSION", "TaskId", "site_of"]
