"""Errors that carry a one-line message for the user and the exit code to leave with."""

import re


class CredtrackError(Exception):
    """A failure the user should read (exit 1 unless a subclass says otherwise)."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class BadInput(CredtrackError):
    """Input that cannot be accepted: a wrong date, id, code, file (exit 2)."""

    exit_code = 2


class NotFound(BadInput):
    """An id or name that does not exist."""


class Conflict(CredtrackError):
    """A change based on a version of a record that another writer has replaced since (a
    server store's optimistic concurrency): nothing was saved; read again and retry. The TUI
    and scripts catch this one to offer a reload."""


ID_LIKE = re.compile(r"[a-z][a-z0-9-]{0,39}")


def shown_id(value: str, prefix: str = "", otherwise: str = "with that id") -> str:
    """``prefix 'value'`` for an error message if what the user typed looks like a credtrack
    id (a lowercase slug); anything else (an NPI typed in the wrong place, a reference
    number) is not echoed back: ``otherwise``."""
    if isinstance(value, str) and ID_LIKE.fullmatch(value):
        return f"{prefix}{value!r}"
    return otherwise
