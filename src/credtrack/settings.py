"""Which store a command uses and who the user is, from the command line, the environment or
the config file.

The store: ``--store URL`` (a ``postgresql://`` URL or a data dir), else ``CREDTRACK_STORE``,
else ``url`` in the ``[store]`` table of the config file, else the data dir's file store. The
user name the audit log records: ``CREDTRACK_USER``, else ``user`` in ``[store]``, else (for a
PostgreSQL store) the database role.

The config file is TOML: ``CREDTRACK_CONFIG`` if set, else ``config.toml`` in the platform's
user config dir (platformdirs)::

    [store]
    url = "postgresql://coordinator@db.office.lan/credtrack"
    user = "Alex Kim"

Nothing here opens a store; reading the file costs nothing when it does not exist.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from credtrack.errors import CredtrackError

SERVER_SCHEMES = ("postgresql://", "postgres://")


def config_path() -> Path:
    env = os.environ.get("CREDTRACK_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("credtrack", appauthor=False)) / "config.toml"


def _config() -> dict[str, Any]:
    path = config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise CredtrackError(f"cannot read the config file {path}: "
                             f"{(exc.strerror or type(exc).__name__).lower()}") from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CredtrackError(f"the config file {path} is not valid TOML "
                             f"({str(exc).splitlines()[0][:120]})", 2) from None
    return data


def _store_table() -> dict[str, Any]:
    table = _config().get("store") or {}
    if not isinstance(table, dict):
        raise CredtrackError(f"the config file {config_path()}: [store] must be a table", 2)
    return table


def is_server_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(SERVER_SCHEMES)


def store_url(explicit: str | None = None) -> str | None:
    """The store chosen for this command (None: the data dir's file store)."""
    if explicit:
        return explicit
    env = os.environ.get("CREDTRACK_STORE")
    if env:
        return env
    url = _store_table().get("url")
    if url is not None and not isinstance(url, str):
        raise CredtrackError(f"the config file {config_path()}: store.url must be a string", 2)
    return url or None


def user_name() -> str | None:
    """The name the audit log records for this user (None: the database role)."""
    env = os.environ.get("CREDTRACK_USER")
    if env:
        return env.strip()[:100] or None
    name = _store_table().get("user")
    return name.strip()[:100] or None if isinstance(name, str) else None
