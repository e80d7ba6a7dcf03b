"""The pluggy hook specifications of credtrack (project name ``credtrack``).

A plugin is any module or object with functions marked ``@credtrack.hookimpl`` and named like the
specs below. An implementation may accept fewer arguments than the spec names.
"""

from __future__ import annotations

from typing import Any

import pluggy

hookspec = pluggy.HookspecMarker("credtrack")
hookimpl = pluggy.HookimplMarker("credtrack")


@hookspec
def credtrack_states() -> list[Any]:
    """Return the ``StateRules`` this plugin provides (any number of jurisdictions).

    Called once when the registry is built. Codes are two letters; a code provided twice at the
    same priority is an error naming both plugins.
    """


@hookspec
def credtrack_payers() -> list[Any]:
    """Return the ``PayerRules`` this plugin provides. Ids are lowercase slugs."""


@hookspec
def credtrack_document_kinds() -> list[str]:
    """Return extra document kind slugs (e.g. a state's jurisprudence certificate)."""


@hookspec(firstresult=True)
def credtrack_license_expiration(license: Any, provider: Any, rules: Any) -> Any:
    """Return a ``date`` to override the computed expiry of ``license``, or None to keep it.

    Called by the engine for each license without a date from the user; the first non-None
    result wins. Use it for what data cannot say (a staggered schedule, say).
    """


@hookspec
def credtrack_findings(context: Any) -> list[Any]:
    """Return extra ``Finding`` objects for a provider (``context`` holds records and rules).

    Each plugin's implementation is called in isolation: one that raises is reported as an
    error finding naming the plugin, and the others still run.
    """


@hookspec
def credtrack_deadlines(context: Any) -> list[Any]:
    """Return extra ``Deadline`` objects for a provider. Isolated per plugin like findings."""
