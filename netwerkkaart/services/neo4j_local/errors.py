"""The launcher's one error type, so every module can raise it without importing the others."""

from __future__ import annotations

from netwerkkaart.services.errors import UserError


class Neo4jServerError(UserError):
    """Dutch, user-facing message; ``str(exc)`` is shown to the user as is."""
