"""Errors a user can cause, answered in Dutch; entry points show ``str(exc)`` and no traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user asked cannot be done as asked (an unknown name, a bad option)."""

    exit_code = 1


class UsageProblem(UserError):
    """The command line itself is wrong (unknown command, extra argument): exit code 2."""

    exit_code = 2
