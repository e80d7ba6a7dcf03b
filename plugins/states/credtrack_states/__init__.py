"""credtrack's bundled state plugin: one module per jurisdiction, each defining ``RULES``.

Registered exactly like a third-party plugin: this module is the plugin object; its hook returns
the ``StateRules`` of every sibling module. To add or fix a state, edit that one module.
"""

from __future__ import annotations

import importlib
import pkgutil

from credtrack import hookimpl
from credtrack.rules import StateRules


def all_rules() -> list[StateRules]:
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rules.append(module.RULES)
    return rules


@hookimpl
def credtrack_states() -> list[StateRules]:
    return all_rules()
