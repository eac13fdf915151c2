"""Link tokens: 256 random bits each; only their SHA-256 is stored, so the database alone
opens no questionnaire."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The stored form of a token.

    >>> len(token_hash(new_token()))
    64
    """
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def link(basis_url: str, token: str) -> str:
    """``{basis_url}/?token={token}`` (one slash, whatever ``basis_url`` ends with).

    >>> link("https://enquete.example.nl/", "abc")
    'https://enquete.example.nl/?token=abc'
    """
    return f"{basis_url.rstrip('/')}/?token={token}"
