"""credtrack's bundled payer plugin: one module per payer or network, each defining ``RULES``.

Registered exactly like a third-party plugin: this module is the plugin object; its hook returns
the ``PayerRules`` of every sibling module. To add or fix a payer, edit that one module.
"""

from __future__ import annotations

import importlib
import pkgutil

from credtrack import hookimpl
from credtrack.rules import PayerRules


def all_rules() -> list[PayerRules]:
    rules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rules.append(module.RULES)
    return rules


@hookimpl
def credtrack_payers() -> list[PayerRules]:
    return all_rules()
