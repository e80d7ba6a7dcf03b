"""Registries of states and payers, built from the plugin hooks, attributed and validated."""

from __future__ import annotations

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
    overrides: list[tuple[Any, PluginInfo]] = field(default_factory=list)


@dataclass
class Registry:
    states: dict[str, Entry] = field(default_factory=dict)
    payers: dict[str, Entry] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def state(self, code: str) -> Any | None:
        entry = self.states.get(code.upper())
        return entry.rules if entry else None

    def payer(self, payer_id: str) -> Any | None:
        entry = self.payers.get(payer_id.lower())
        return entry.rules if entry else None


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
                if strict():
                    raise RegistryError(msg)
            elif mine > theirs:
                into[key] = Entry(key, rules, info,
                                  current.overrides + [(current.rules, current.plugin)])
            else:
                current.overrides.append((rules, info))


def build_registry(host: PluginHost) -> Registry:
    reg = Registry()
    _collect(host, "credtrack_states", lambda r: r.code.upper(), "state", reg.states, reg.errors)
    _collect(host, "credtrack_payers", lambda r: r.id.lower(), "payer", reg.payers, reg.errors)
    reg.states = dict(sorted(reg.states.items()))
    reg.payers = dict(sorted(reg.payers.items()))
    return reg
