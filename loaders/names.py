"""Resolve municipality names (and other display names) as people type them.

Order: CBS code, exact name, the same name ignoring case, diacritics, hyphens, spaces and
apostrophes, then close-match suggestions (rapidfuzz) for the message.

>>> normalise_name("  Olst - Wijhe "), normalise_name("'s-Hertogenbosch")
('olstwijhe', 'shertogenbosch')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_CBS_CODE = re.compile(r"^(?:gm)?\s*(\d{1,4})$", re.IGNORECASE)
SUGGESTION_CUTOFF = 72.0


def normalise_name(text: str) -> str:
    """Lowercase ASCII letters and digits only; idempotent by construction."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("", ascii_text.lower())


def cbs_code(text: str) -> str | None:
    """``GM0163``, ``gm163`` or ``0163`` as the canonical ``GM0163``; None if not a code."""
    match = _CBS_CODE.match(text.strip())
    return f"GM{int(match.group(1)):04d}" if match else None


@dataclass(frozen=True)
class Resolution:
    """The key a text resolved to, or None with suggestions (display names)."""

    key: str | None
    suggestions: tuple[str, ...] = ()

    def unknown_message(self, what: str, text: str) -> str:
        message = f"{what} '{text}' is onbekend"
        if self.suggestions:
            options = " of ".join(self.suggestions)
            message += f"; bedoelde u {options}?"
        return message


class NameIndex:
    """Look up keys by code, name or normalised name, with close-match suggestions."""

    def __init__(
        self, entries: Iterable[tuple[str, str]] = (), aliases: Iterable[tuple[str, str]] = ()
    ):
        """``entries`` are (key, display name); ``aliases`` map extra texts to keys."""
        self._names: dict[str, str] = {}
        self._by_normal: dict[str, str] = {}
        for key, name in entries:
            self.add(key, name)
        for text, key in aliases:
            self._by_normal.setdefault(normalise_name(text), key)

    def add(self, key: str, name: str, synonyms: Iterable[str] = ()) -> None:
        """Register one more key; earlier registrations win on clashes (stable look-ups)."""
        self._names[key] = name
        for text in (key, name, *synonyms):
            self._by_normal.setdefault(normalise_name(text), key)

    def display(self, key: str) -> str:
        return self._names.get(key, key)

    def keys(self) -> list[str]:
        return list(self._names)

    def resolve(self, text: str) -> Resolution:
        cleaned = text.strip()
        code = cbs_code(cleaned)
        if code and code in self._names:
            return Resolution(code)
        normal = normalise_name(cleaned)
        if normal in self._by_normal:
            return Resolution(self._by_normal[normal])
        if code:  # a near code is another place, not a typo worth suggesting
            return Resolution(None)
        return Resolution(None, self.suggest(cleaned))

    def suggest(self, text: str, limit: int = 2) -> tuple[str, ...]:
        normal = normalise_name(text)
        if not normal:
            return ()
        matches = process.extract(
            normal,
            list(self._by_normal),
            scorer=fuzz.ratio,
            limit=limit * 3,
            score_cutoff=SUGGESTION_CUTOFF,
        )
        seen: list[str] = []
        for candidate, _score, _ in matches:
            name = self.display(self._by_normal[candidate])
            if name not in seen:
                seen.append(name)
        return tuple(seen[:limit])
