"""Registries of states and payers, built from the plugin hooks, attributed and validated.

Each state code or payer id has one winner: the plugin with the highest priority (bundled <
installed entry point < plugins directory < test). The winner's entry keeps the rules it
overrides; a second provider at the winner's own priority is an error naming both, kept as a
conflict so ``states diff`` / ``payers diff`` can show it.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator, Mapping
from dataclasses import field
from typing import Any

from credtrack.plugins import PRIORITY, PluginHost, PluginInfo, strict, warn
from credtrack.values import record


class RegistryError(Exception):
    pass


@record
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


class Entries(Mapping):
    """Key -> :class:`Entry`, sorted by key. A key some plugin offers as a
    :class:`~credtrack.rules.RulesModule` (the bundled packages offer every key so) is merged
    when it is first looked up: its module is imported then, so a command imports only the
    rules it reads. Keys with only rules values are merged when the registry is built. The
    desk's worker threads read it too: a lock makes each key merge once, seen whole."""

    def __init__(self, kind: str, errors: list[str]):
        self.kind, self.errors = kind, errors
        self._entries: dict[str, Entry] = {}
        self._offers: dict[str, list[tuple[Any, PluginInfo]]] = {}  # not merged yet
        self._lock = threading.RLock()

    def key_of(self, rules: Any) -> str:
        """The key a rules value is filed under (``rules.rules_key``); one without a code or
        id is refused."""
        from credtrack.rules import rules_key

        key = rules_key(rules, self.kind)
        if not key:
            raise ValueError(f"it has no {'code' if self.kind == 'state' else 'id'}")
        return key

    def offer(self, key: str, rules: Any, info: PluginInfo) -> None:
        self._offers.setdefault(key, []).append((rules, info))

    def settle(self) -> None:
        """Merge every key a plugin offered a rules value for (its errors show at once)."""
        from credtrack.rules import RulesModule

        for key, offers in list(self._offers.items()):
            if not all(isinstance(r, RulesModule) for r, _ in offers):
                self._resolve(key)

    def _resolve(self, key: str) -> Entry | None:
        if key in self._entries and key not in self._offers:
            return self._entries[key]  # merged already (a dict read: no lock needed)
        with self._lock:
            return self._merge_offers(key)

    def _merge_offers(self, key: str) -> Entry | None:
        """Merge the key's offers (call holding the lock). They leave ``_offers`` only once
        all are merged, so a reader without the lock never sees half a merge."""
        offers = self._offers.get(key)
        if offers is None:
            return self._entries.get(key)
        from credtrack.rules import RulesModule

        for rules, info in offers:
            if isinstance(rules, RulesModule):
                module = rules.module
                try:
                    rules = rules.load()
                    if self.key_of(rules) != key:
                        raise ValueError(f"{module} defines {self.key_of(rules)!r}")
                except Exception as exc:
                    self._error(f"plugin {info.name!r} returned an invalid {self.kind} "
                                f"{key!r}: {type(exc).__name__}: {exc}")
                    continue
            self._merge(key, rules, info)
        del self._offers[key]
        return self._entries.get(key)

    def _error(self, msg: str) -> None:
        self.errors.append(msg)
        warn(msg)

    def _merge(self, key: str, rules: Any, info: PluginInfo) -> None:
        current = self._entries.get(key)
        if current is None:
            self._entries[key] = Entry(key, rules, info)
            return
        mine, theirs = PRIORITY.get(info.origin, 1), PRIORITY.get(current.plugin.origin, 1)
        if mine == theirs:
            msg = (f"{self.kind} {key!r} is provided by both {current.plugin.name!r} and "
                   f"{info.name!r} ({info.origin}); keeping {current.plugin.name!r}")
            self._error(msg)
            current.conflicts.append((rules, info))
            if strict():
                raise RegistryError(msg)
        elif mine > theirs:  # the old winner and its same-priority rivals are overridden
            self._entries[key] = Entry(key, rules, info, [(current.rules, current.plugin),
                                                          *current.conflicts, *current.overrides])
        else:
            current.overrides.append((rules, info))

    def __getitem__(self, key: str) -> Entry:
        entry = self._resolve(key)
        if entry is None:
            raise KeyError(key)
        return entry

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._resolve(key) is not None

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            return iter(sorted(self._entries.keys() | self._offers.keys()))

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries.keys() | self._offers.keys())


class Registry:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.states = Entries("state", self.errors)
        self.payers = Entries("payer", self.errors)

    def state(self, code: str, profession: str | None = None) -> Any | None:
        """The rules for a state's licensees of one profession (default: massage therapists)."""
        from credtrack.rules import state_key

        entry = self.states.get(state_key(code, profession))
        return entry.rules if entry else None

    def payer(self, payer_id: str) -> Any | None:
        entry = self.payers.get(payer_id.lower())
        return entry.rules if entry else None


class RulesView(Mapping):
    """Key -> the winning rules of some entries (only the keys ``keep`` passes), loading them
    as they are looked up."""

    def __init__(self, entries: Entries, keep=None):
        self._entries, self._keep = entries, keep

    def __getitem__(self, key: str) -> Any:
        if self._keep is not None and not self._keep(key):
            raise KeyError(key)
        return self._entries[key].rules

    def __contains__(self, key: object) -> bool:
        return (self._keep is None or self._keep(key)) and key in self._entries

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._entries if k in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _collect(host: PluginHost, hook: str, into: Entries) -> None:
    from credtrack.rules import RulesModule

    for info, result in host.call_each(hook):
        if isinstance(result, Exception):
            into._error(f"plugin {info.name!r} failed in {hook}: {type(result).__name__}: "
                        f"{result}")
            continue
        for rules in result or []:
            try:
                key = rules.key if isinstance(rules, RulesModule) else into.key_of(rules)
            except Exception as exc:
                into._error(f"plugin {info.name!r} returned an invalid {into.kind}: {exc}")
                continue
            into.offer(key, rules, info)
    into.settle()


def build_registry(host: PluginHost) -> Registry:
    reg = Registry()
    _collect(host, "credtrack_states", reg.states)
    _collect(host, "credtrack_payers", reg.payers)
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
