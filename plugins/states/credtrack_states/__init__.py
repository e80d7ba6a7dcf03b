"""credtrack's bundled state plugin: one module per jurisdiction, each defining ``RULES``.

Registered exactly like a third-party plugin: this module is the plugin object; its hook returns
the ``StateRules`` of every sibling module. To add or fix a state, edit that one module. The
top-level modules are massage therapists' rules; each subpackage holds another profession's
(``physical_therapist/``, ``physical_therapist_assistant/``, ``counselor/``), declared once in
its ``__init__`` as ``PROFESSION``.
"""

from __future__ import annotations

from credtrack import hookimpl
from credtrack.rules import RulesModule, StateRules, package_index, package_rules


def every_rule() -> list[StateRules]:
    """Every profession's rules in this package."""
    return package_rules(__name__, __path__)


def all_rules(profession: str = "massage-therapist") -> list[StateRules]:
    """One profession's rules (massage therapists unless told)."""
    return [r for r in every_rule() if r.profession == profession]


@hookimpl
def credtrack_states() -> list[RulesModule]:
    """Every module, not imported: credtrack imports one when a command needs its state."""
    return package_index(__name__, __path__, "state")
