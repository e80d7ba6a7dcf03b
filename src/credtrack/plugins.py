"""The plugin host: a manager factory, the bundled plugins, entry points, a plugins directory.

Priorities decide who wins when two plugins provide the same state code or payer id:
bundled (0) < installed through the ``credtrack`` entry-point group (1) < the plugins directory
(2). Two providers at the same priority are an error naming both.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import sys
from dataclasses import field
from pathlib import Path
from typing import Any

import pluggy

from credtrack import hookspecs
from credtrack.values import record

DEFAULT_PLUGINS = ("credtrack_states", "credtrack_payers")
ENTRY_POINT_GROUP = "credtrack"
PRIORITY = {"bundled": 0, "entry-point": 1, "directory": 2, "test": 3}

# Plugins a running test registered (``credtrack.testing``'s ``register_plugin`` fixture): every
# host built while they are here loads them, with origin "test".
_test_plugins: dict[str, object] = {}


def register_test_plugin(plugin: object, name: str) -> None:
    _test_plugins[name] = plugin


def unregister_test_plugin(name: str) -> None:
    _test_plugins.pop(name, None)


def strict() -> bool:
    return os.environ.get("CREDTRACK_STRICT_PLUGINS", "") not in ("", "0")


@record
class PluginInfo:
    name: str
    origin: str  # bundled | entry-point | directory | test
    location: str = ""
    version: str = ""
    error: str = ""
    hooks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "origin": self.origin, "location": self.location,
                "version": self.version, "error": self.error or None, "hooks": self.hooks}


class PluginHost:
    """A pluggy manager plus what was loaded, from where, and what failed."""

    def __init__(self, pm: pluggy.PluginManager):
        self.pm = pm
        self.infos: list[PluginInfo] = []
        self.warnings: list[str] = []

    @property
    def hook(self):
        return self.pm.hook

    def origin_of(self, plugin: object) -> PluginInfo:
        name = self.pm.get_name(plugin) or ""
        for info in self.infos:
            if info.name == name:
                return info
        return PluginInfo(name or repr(plugin), "test")

    def add(self, plugin: object, name: str, origin: str, location: str = "",
            version: str = "") -> None:
        self.pm.register(plugin, name=name)
        hooks = sorted(h.name for h in self.pm.get_hookcallers(plugin) or [])
        self.infos.append(PluginInfo(name, origin, location, version, hooks=hooks))

    def failed(self, name: str, origin: str, location: str, exc: BaseException) -> None:
        message = f"{type(exc).__name__}: {exc}".strip().splitlines()[0]
        self.infos.append(PluginInfo(name, origin, location, error=message))
        warn(f"plugin {name!r} ({origin}) failed to load: {message}")
        if strict():
            raise exc

    def call_each(self, hook_name: str, **kwargs: Any) -> list[tuple[PluginInfo, Any]]:
        """Call a fan-out hook one plugin at a time; one that raises does not stop the others."""
        results = []
        caller = getattr(self.pm.hook, hook_name)
        for impl in reversed(caller.get_hookimpls()):
            info = self.origin_of(impl.plugin)
            args = {k: kwargs[k] for k in impl.argnames if k in kwargs}
            try:
                results.append((info, impl.function(**args)))
            except Exception as exc:  # isolated: reported, never fatal
                if strict():
                    raise
                results.append((info, exc))
        return results


def warn(message: str) -> None:
    """Plugin trouble goes to stderr, one line, never stdout (it would corrupt --json)."""
    print(f"credtrack: warning: {message}", file=sys.stderr)


def plugins_disabled() -> bool:
    return os.environ.get("CREDTRACK_DISABLE_PLUGINS", "") not in ("", "0")


def make_plugin_host(plugins_dir: Path | None = None, *, entry_points: bool = True,
                     extra: tuple[object, ...] = (), cache: Path | None = None) -> PluginHost:
    """Build a plugin host. Bundled plugins always load; third-party ones (entry points and the
    plugins directory) unless ``CREDTRACK_DISABLE_PLUGINS`` is set or ``entry_points`` is False.
    """
    pm = pluggy.PluginManager("credtrack")
    pm.add_hookspecs(hookspecs)
    host = PluginHost(pm)
    for modname in DEFAULT_PLUGINS:
        try:
            module = importlib.import_module(modname)
        except Exception as exc:
            host.failed(modname, "bundled", modname, exc)
            continue
        host.add(module, modname, "bundled", getattr(module, "__file__", "") or "")
    if not plugins_disabled():
        if entry_points:
            _load_entry_points(host, cache)
        if plugins_dir is not None:
            _load_directory(host, plugins_dir)
    for i, plugin in enumerate(extra):
        host.add(plugin, getattr(plugin, "__name__", f"test-plugin-{i}"), "test")
    for name, plugin in list(_test_plugins.items()):
        host.add(plugin, name, "test")
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        warn(str(exc))
        if strict():
            raise
    return host


def _path_stamp() -> list[list]:
    """What decides the installed entry points: each sys.path folder and its mtime (installing
    or removing a distribution changes its folder's mtime)."""
    stamp = []
    for entry in sys.path:
        try:
            stamp.append([entry, os.stat(entry or ".").st_mtime_ns])
        except OSError:
            stamp.append([entry, None])
    return stamp


def discover_entry_points(cache: Path | None = None) -> list[dict[str, str]]:
    """The ``credtrack`` entry points installed: name, value, distribution, version.

    Scanning every installed distribution costs about 15 ms; with ``cache`` the answer is kept
    in a small JSON file and reused while no folder on ``sys.path`` has changed.
    """
    import json

    stamp = _path_stamp()
    if cache is not None:
        try:
            saved = json.loads(cache.read_text())
            if saved.get("stamp") == stamp:
                return saved["entry_points"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(ep, "dist", None)
        found.append({"name": ep.name, "value": ep.value,
                      "dist": getattr(dist, "name", "") if dist else "",
                      "version": getattr(dist, "version", "") if dist else ""})
    if cache is not None:
        try:
            from credtrack.fsio import atomic_write_bytes, ensure_private_dir

            ensure_private_dir(cache.parent)
            atomic_write_bytes(cache, json.dumps({"stamp": stamp, "entry_points": found}).encode())
        except OSError:
            pass  # a cache that cannot be written only costs time
    return found


def _load_entry_points(host: PluginHost, cache: Path | None) -> None:
    for item in discover_entry_points(cache):
        if item["value"].split(":")[0] in DEFAULT_PLUGINS:
            continue
        label = item["dist"] or item["value"]
        try:
            from importlib.metadata import EntryPoint  # 12 ms: only when there is one to load

            plugin = EntryPoint(item["name"], item["value"], ENTRY_POINT_GROUP).load()
            host.add(plugin, item["name"], "entry-point", label, item["version"])
        except Exception as exc:
            host.failed(item["name"], "entry-point", label, exc)


class _FromSource(importlib.machinery.SourceFileLoader):
    """Compiles the file each time, never through ``__pycache__``: a plugin file the user just
    edited takes effect even within the same second at the same size (a bytecode cache keyed
    on mtime and size would not see it), and credtrack writes nothing into their folder."""

    def get_code(self, fullname: str) -> Any:
        return compile(self.get_data(self.path), self.path, "exec", dont_inherit=True)


def load_module(path: Path, modname: str) -> Any:
    """Import a ``.py`` file, or a package folder (its ``__init__.py``), by path as ``modname``
    (datasette ``--plugins-dir``, hatch ``load_plugin_from_script``)."""
    package = path.is_dir()
    init = path / "__init__.py" if package else path
    spec = importlib.util.spec_from_file_location(
        modname, init, loader=_FromSource(modname, str(init)),
        submodule_search_locations=[str(path)] if package else None)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[modname] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(modname, None)
        raise
    return module


def _load_directory(host: PluginHost, directory: Path) -> None:
    if not directory.is_dir():
        return
    for path in sorted(directory.glob("*.py")):
        if path.name.startswith("_"):
            continue
        try:
            module = load_module(path, f"credtrack_local_plugins.{path.stem}")
            host.add(module, path.stem, "directory", str(path))
        except Exception as exc:
            host.failed(path.stem, "directory", str(path), exc)
