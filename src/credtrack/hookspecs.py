"""The pluggy hook specifications of credtrack (project name ``credtrack``).

A plugin is any module or object with functions marked ``@credtrack.hookimpl`` and named like the
specs below. An implementation may accept fewer arguments than the spec names.

``docs/plugins.md`` has a heading per hook with these exact arguments and a runnable example, and
the stability policy (hooks gain optional arguments; nothing changes without a deprecation). The
test suite fails when a hook here is not documented there or not implemented by any test.
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
    same priority is an error naming both plugins, and a higher priority (bundled < installed
    entry point < plugins directory) overrides a lower one (``credtrack states diff``).
    """


@hookspec
def credtrack_payers() -> list[Any]:
    """Return the ``PayerRules`` this plugin provides. Ids are lowercase slugs; priorities as for
    ``credtrack_states`` (``credtrack payers diff``)."""


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


@hookspec
def credtrack_packet_sections(application: Any, context: Any) -> Any:
    """Shape the packet built for ``application`` (an ``Application``; check ``.payer``).

    ``context`` is the read-only dict the packet templates see: ``provider`` (TIN masked unless
    the user asked to show it), ``payer``, ``checklist``, ``date``, ``draft``, ``licenses``,
    ``jobs`` (work history), ``references``, ``reference`` (the user's own) and
    ``payer_number`` (the payer's application number)... Print no credtrack record ids on
    these pages: they are for the payer.
    Return None to leave the packet alone, or a dict with any of these keys:

    - ``"sections"``: extra generated pages, a list of ``{"id": "slug", "title": str,
      "html": str}``; ``html`` is a Jinja2 template string rendered with ``context``
      (autoescaped) under the title. They follow the built-in sections and are listed in the
      contents.
    - ``"order"``: section ids in the order to print them; ids left out are not printed. The
      built-in ids are ``cover``, ``contents``, ``checklist``, ``datasheet`` and, when the
      user asks for it, ``gap-letter``. The attached
      documents always follow the generated pages, in the payer's order.
    - ``"template"``: the main template, a name in the template folders or an absolute path
      to a file (its folder then joins the template folders, after the user's own).

    Called once per plugin for every packet, isolated like ``credtrack_findings``. Sections add
    up; the last ``order`` and ``template`` win (plugins directory over installed over
    bundled). A plugin that raises or returns anything else stops the build (a ``--draft``
    still builds), naming the plugin.
    """
