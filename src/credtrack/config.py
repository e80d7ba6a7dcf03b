"""The user's configuration file: ``config.toml`` in the platform's config dir (platformdirs;
``CREDTRACK_CONFIG`` names another file). Read with :mod:`tomllib`; every key is optional::

    theme = "textual-light"          # the desk's Textual theme

    [keymap]                         # binding id = key(s), see the desk's help (?)
    "license.add" = "n"
    "help" = "f1,question_mark"

    [reminders]                      # calendar reminder ladders: days before each deadline
    license-renewal = [120, 60, 14]
    follow-up = []                   # none

    [packet]                         # defaults of 'credtrack packet build'
    zip = true
    show_tin = false
    template_dir = "~/credtrack-templates"

A file that cannot be read is one clear line (exit 2) naming the file, the line and the key;
nothing else reads or writes it (``credtrack config edit`` opens it in your editor).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from credtrack.errors import BadInput

MAX_DAYS = 366
TEMPLATE = '''# credtrack configuration (TOML). Every key is optional; delete what you do not need.
# 'credtrack config show' prints what is in effect.

# theme = "textual-dark"

[keymap]
# binding id = key, e.g. "license.add" = "n" (the desk's help, ?, lists the ids)

[reminders]
# calendar reminder ladders, days before each deadline, e.g.
# license-renewal = [90, 30, 7]

[packet]
# zip = false
# show_tin = false
# template_dir = "~/credtrack-templates"
'''


@dataclass
class PacketDefaults:
    zip: bool = False
    show_tin: bool = False
    template_dir: str = ""


@dataclass
class Config:
    path: Path
    theme: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    reminders: dict[str, tuple[int, ...]] = field(default_factory=dict)
    packet: PacketDefaults = field(default_factory=PacketDefaults)
    exists: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "exists": self.exists, "theme": self.theme or None,
                "keymap": dict(self.keymap),
                "reminders": {k: list(v) for k, v in self.reminders.items()},
                "packet": {"zip": self.packet.zip, "show_tin": self.packet.show_tin,
                           "template_dir": self.packet.template_dir or None}}

    def reminder_specs(self) -> list[str]:
        """The ladders as ``--reminders`` specs (the command line's own win over them)."""
        return [f"{k}={','.join(map(str, v)) if v else 'none'}"
                for k, v in self.reminders.items()]


def config_path() -> Path:
    env = os.environ.get("CREDTRACK_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("credtrack", appauthor=False)) / "config.toml"


def _bad(path: Path, message: str) -> BadInput:
    return BadInput(f"config file {path}: {message}")


def load(path: Path | None = None) -> Config:
    """The configuration in effect (defaults where the file is silent or absent)."""
    import tomllib

    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path)
    except OSError as exc:
        raise _bad(path, (exc.strerror or type(exc).__name__).lower()) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _bad(path, "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise _bad(path, str(exc)) from None
    return parse(data, path)


def parse(data: dict[str, Any], path: Path) -> Config:
    known = {"theme", "keymap", "reminders", "packet", "store"}  # store: credtrack.settings
    for key in data:
        if key not in known:
            raise _bad(path, f"unknown key {key[:40]!r} (keys: {', '.join(sorted(known))})")
    cfg = Config(path, exists=True)
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise _bad(path, "theme must be a string, e.g. \"textual-dark\"")
    cfg.theme = theme.strip()
    cfg.keymap = _keymap(data.get("keymap", {}), path)
    cfg.reminders = _reminders(data.get("reminders", {}), path)
    cfg.packet = _packet(data.get("packet", {}), path)
    return cfg


def _table(value: Any, name: str, path: Path) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _bad(path, f"[{name}] must be a table")
    return value


def _keymap(value: Any, path: Path) -> dict[str, str]:
    out = {}
    for binding, keys in _table(value, "keymap", path).items():
        if not isinstance(keys, str) or not keys.strip() or any(c.isspace() for c in keys):
            raise _bad(path, f"keymap {binding[:40]!r}: the keys must be a string like "
                             "\"n\" or \"f1,ctrl+n\"")
        out[binding] = keys
    return out


def _reminders(value: Any, path: Path) -> dict[str, tuple[int, ...]]:
    from credtrack.kinds import deadline_kinds

    kinds = deadline_kinds()
    out = {}
    for kind, days in _table(value, "reminders", path).items():
        if kind not in kinds:
            raise _bad(path, f"reminders: unknown deadline kind {kind[:40]!r} (kinds: "
                             f"{', '.join(sorted(kinds))})")
        if not isinstance(days, list) or not all(
                isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= MAX_DAYS
                for d in days):
            raise _bad(path, f"reminders {kind}: a list of whole days from 0 to {MAX_DAYS}, "
                             "e.g. [90, 30, 7] ([] for none)")
        out[kind] = tuple(sorted(set(days), reverse=True))
    return out


def _packet(value: Any, path: Path) -> PacketDefaults:
    table = _table(value, "packet", path)
    out = PacketDefaults()
    for key, item in table.items():
        if key in ("zip", "show_tin"):
            if not isinstance(item, bool):
                raise _bad(path, f"packet {key}: true or false")
            setattr(out, key, item)
        elif key == "template_dir":
            if not isinstance(item, str):
                raise _bad(path, "packet template_dir: a folder name")
            out.template_dir = item
        else:
            raise _bad(path, f"packet: unknown key {key[:40]!r} (keys: show_tin, "
                             "template_dir, zip)")
    return out


def write_template(path: Path) -> bool:
    """Create the file with a commented template if it is missing; True if it was created."""
    from credtrack.fsio import atomic_write_bytes, storage_error

    if path.exists():
        return False
    try:  # created if missing; an existing folder keeps its mode
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise storage_error(exc, path.parent, "create") from None
    atomic_write_bytes(path, TEMPLATE.encode())
    return True
