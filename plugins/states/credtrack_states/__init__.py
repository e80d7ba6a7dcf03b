"""credtrack's bundled state plugin: one module per jurisdiction, each defining ``RULES``.

Registered exactly like a third-party plugin: this module is the plugin object; its hook returns
the ``StateRules`` of every sibling module. To add or fix a state, edit that one module.
"""

from __future__ import annotations

from credtrack import hookimpl
from credtrack.rules import StateRules, package_rules


def all_rules() -> list[StateRules]:
    return package_rules(__name__, __path__)


@hookimpl
def credtrack_states() -> list[StateRules]:
    return all_rules()
