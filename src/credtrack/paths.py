"""Where credtrack keeps its data: ``--data-dir``, else ``CREDTRACK_HOME``, else the platform's
user data directory (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get("CREDTRACK_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("credtrack", appauthor=False))


def plugins_dir(root: Path, override: str | os.PathLike[str] | None = None) -> Path:
    return Path(override).expanduser() if override else root / "plugins"


def describe(root: Path, plugins: Path) -> dict[str, str]:
    return {"data_dir": str(root), "index": str(root / "practice.json"),
            "providers": str(root / "providers"), "vault": str(root / "vault"),
            "backups": str(root / "backups"), "plugins": str(plugins),
            "templates": str(root / "templates")}
