"""Errors a user can cause: the CLI prints their message on one line and exits 2."""

from __future__ import annotations


class UserError(Exception):
    """Bad input (task id, config file, missing key): one clear line, exit code 2."""

    exit_code = 2
