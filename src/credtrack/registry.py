"""Registries of states and payers, built from the plugin hooks, attributed and validated.

Each state code or payer id has one winner: the plugin with the highest priority (bundled <
installed entry point < plugins directory < test). The winner's entry keeps the rules it
overrides; a second provider at the winner's own priority is an error naming both, kept as a
conflict so ``states diff`` / ``payers diff`` can show it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from credtrack.plugins import PRIORITY, PluginHost, PluginInfo, strict, warn


class RegistryError(Exception):
    pass


@dataclass
class Entry:
    key: str
    rules: Any
    plugin: PluginInfo
    overrides: list[tuple[Any, PluginInfo]] = field(default_factory=list)  # lower priority
    conflicts: list[tuple[Any, PluginInfo]] = field(default_factory=list)  # same priority

    def providers(self) -> list[tuple[Any, PluginInfo]]:
        """Every plugin that provides this key, the winner first."""
        return [(self.rules, self.plugin), *self.conflicts, *self.overrides]

    @property
    def bundled(self) -> Any | None:
        """The bundled rules this entry replaces (None: the winner is bundled, or none is)."""
        if self.plugin.origin == "bundled":
            return None
        return next((r for r, info in self.overrides if info.origin == "bundled"), None)

    def changes(self) -> list[tuple[str, Any, Any]]:
        """What the winner changes relative to the bundled rules: (field, bundled, winner)."""
        base = self.bundled
        return [] if base is None else field_changes(base, self.rules)


@dataclass
class Registry:
    states: dict[str, Entry] = field(default_factory=dict)
    payers: dict[str, Entry] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def state(self, code: str, profession: str | None = None) -> Any | None:
        """The rules for a state's licensees of one profession (default: massage therapists)."""
        from credtrack.rules import state_key

        entry = self.states.get(state_key(code, profession))
        return entry.rules if entry else None

    def payer(self, payer_id: str) -> Any | None:
        entry = self.payers.get(payer_id.lower())
        return entry.rules if entry else None


def _state_key(rules: Any) -> str:
    code = str(getattr(rules, "code", "")).upper()
    profession = getattr(rules, "profession", None)
    return code if not profession or profession == "massage-therapist" \
        else f"{code}/{profession}"


def _collect(host: PluginHost, hook: str, key_of, kind: str, into: dict[str, Entry],
             errors: list[str]) -> None:
    for info, result in host.call_each(hook):
        if isinstance(result, Exception):
            msg = f"plugin {info.name!r} failed in {hook}: {type(result).__name__}: {result}"
            errors.append(msg)
            warn(msg)
            continue
        for rules in result or []:
            try:
                key = key_of(rules)
            except Exception as exc:
                msg = f"plugin {info.name!r} returned an invalid {kind}: {exc}"
                errors.append(msg)
                warn(msg)
                continue
            current = into.get(key)
            if current is None:
                into[key] = Entry(key, rules, info)
                continue
            mine, theirs = PRIORITY.get(info.origin, 1), PRIORITY.get(current.plugin.origin, 1)
            if mine == theirs:
                msg = (f"{kind} {key!r} is provided by both {current.plugin.name!r} and "
                       f"{info.name!r} ({info.origin}); keeping {current.plugin.name!r}")
                errors.append(msg)
                warn(msg)
                current.conflicts.append((rules, info))
                if strict():
                    raise RegistryError(msg)
            elif mine > theirs:  # the old winner and its same-priority rivals are overridden
                into[key] = Entry(key, rules, info, [(current.rules, current.plugin),
                                                     *current.conflicts, *current.overrides])
            else:
                current.overrides.append((rules, info))


def build_registry(host: PluginHost) -> Registry:
    reg = Registry()
    _collect(host, "credtrack_states", _state_key, "state", reg.states, reg.errors)
    _collect(host, "credtrack_payers", lambda r: r.id.lower(), "payer", reg.payers, reg.errors)
    reg.states = dict(sorted(reg.states.items()))
    reg.payers = dict(sorted(reg.payers.items()))
    return reg


def overriding(entries: dict[str, Entry]) -> list[Entry]:
    """Entries whose winner is not bundled (it overrides a bundled rule or adds a new one), or
    that have a same-priority conflict."""
    return [e for e in entries.values() if e.plugin.origin != "bundled" or e.conflicts]


MISSING = "(missing)"


def field_changes(old: Any, new: Any, path: str = "") -> list[tuple[str, Any, Any]]:
    """The fields that differ between two rules values, as dotted paths in field order:
    ``("renewal.month", 8, 9)``. An item one tuple lacks shows once, as ``"(missing)"``."""
    if (dataclasses.is_dataclass(old) and not isinstance(old, type)
            and type(old) is type(new)):
        out = []
        for f in dataclasses.fields(old):
            out += field_changes(getattr(old, f.name), getattr(new, f.name),
                                 f"{path}.{f.name}" if path else f.name)
        return out
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        out = []
        for i in range(max(len(old), len(new))):
            out += field_changes(old[i] if i < len(old) else MISSING,
                                 new[i] if i < len(new) else MISSING, f"{path}[{i}]")
        return out
    return [] if old == new else [(path, old, new)]
