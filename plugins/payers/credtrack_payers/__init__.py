"""credtrack's bundled payer plugin: one module per payer or network, each defining ``RULES``.

Registered exactly like a third-party plugin: this module is the plugin object; its hook returns
the ``PayerRules`` of every sibling module. To add or fix a payer, edit that one module.
"""

from __future__ import annotations

from credtrack import hookimpl
from credtrack.rules import PayerRules, RulesModule, package_index, package_rules


def all_rules() -> list[PayerRules]:
    return package_rules(__name__, __path__)


@hookimpl
def credtrack_payers() -> list[RulesModule]:
    """Every module, not imported: credtrack imports one when a command needs its payer."""
    return package_index(__name__, __path__, "payer")
