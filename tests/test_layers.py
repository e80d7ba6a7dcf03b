"""Issue 13: the layer rules, checked against the real imports of every module (lazy imports
inside functions count), no import cycle in src/, and no function over 80 lines.

The rules (docs/architecture.md):
- the pure core (models, vocab, rules, kinds, clock, compliance/...) imports no storage, CLI,
  TUI, PDF or calendar code;
- plugins import only ``credtrack`` (for ``hookimpl``), ``credtrack.rules``,
  ``credtrack.hookspecs``, their own package and the standard library;
- the TUI never imports the CLI;
- storage imports no CLI, TUI, PDF or calendar code.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PLUGINS = (ROOT / "plugins" / "states", ROOT / "plugins" / "payers")

CORE = ("credtrack.models", "credtrack.vocab", "credtrack.rules", "credtrack.kinds",
        "credtrack.clock", "credtrack.compliance", "credtrack.jurisdictions", "credtrack.errors",
        "credtrack.values")
STORAGE = ("credtrack.store", "credtrack.storage", "credtrack.fsio", "credtrack.vault",
           "credtrack.crypto", "credtrack.pgstore")
CLI = ("credtrack.cli", "click")
TUI = ("credtrack.tui", "textual")
PDF = ("credtrack.packet", "weasyprint", "pypdf", "img2pdf", "pikepdf")
CALENDAR = ("credtrack.calendar", "credtrack.calexport", "icalendar", "caldav")
SERVICE = ("credtrack.service",)
PLUGIN_ALLOWED = ("credtrack", "credtrack.rules", "credtrack.hookspecs")

RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # (who, may not import any of these, what the rule is called)
    ("core", STORAGE + CLI + TUI + PDF + CALENDAR + SERVICE + ("tinydb", "filelock"), CORE),
    ("storage", CLI + TUI + PDF + CALENDAR + SERVICE, STORAGE),
    ("tui", CLI, TUI[:1]),
)


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def module_name(path: Path, base: Path) -> str:
    parts = list(path.relative_to(base).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def known_modules(*bases: Path) -> set[str]:
    return {module_name(path, base) for base in bases for path in base.rglob("*.py")}


def imports_of(path: Path, name: str, known: set[str] = frozenset()) -> set[str]:
    """Every module ``path`` imports, anywhere in the file (lazy imports too), resolved;
    ``from a import b`` imports ``a.b`` too where that is a module (one of ``known``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):  # imports only a type checker runs are not imports
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:  # "from credtrack import compliance" imports a module
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
    return found


def graph(base: Path, package: str) -> dict[str, set[str]]:
    out = {}
    known = known_modules(base)
    for path in sorted((base / package).rglob("*.py")):
        name = module_name(path, base)
        out[name] = imports_of(path, name, known)
    return out


def layer_violations(g: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, imported in sorted(g.items()):
        for who, forbidden, members in RULES:
            if not _under(module, members):
                continue
            for target in sorted(imported):
                if _under(target, forbidden):
                    bad.append(f"{module} ({who}) imports {target}")
    return bad


def plugin_violations(base: Path) -> list[str]:
    bad = []
    stdlib = sys.stdlib_module_names
    for package in sorted(p for p in base.iterdir() if (p / "__init__.py").exists()):
        for path in sorted(package.rglob("*.py")):
            name = module_name(path, base)
            for target in sorted(imports_of(path, name, known_modules(SRC, base))):
                top = target.split(".")[0]
                if top in stdlib or _under(target, (package.name,)) or target in PLUGIN_ALLOWED:
                    continue
                bad.append(f"{name} (plugin) imports {target}")
    return bad


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles among the graph's own modules (Tarjan's strongly connected components)."""
    edges = {m: {t for t in imported if t in g and t != m} for m, imported in g.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def long_functions(base: Path, limit: int = 80) -> list[str]:
    out = []
    for path in sorted(base.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if length > limit:
                    out.append(f"{path.relative_to(base)}:{node.lineno} {node.name} ({length})")
    return out


# -- the rules hold for the real code ------------------------------------------------------------

def test_layers_hold_for_every_module():
    assert layer_violations(graph(SRC, "credtrack")) == []


def test_plugins_import_only_the_rule_vocabulary():
    found = []
    for base in PLUGINS:
        found += plugin_violations(base)
    assert found == []


def test_no_import_cycle_in_src():
    assert cycles(graph(SRC, "credtrack")) == []


def test_no_function_over_80_lines():
    assert long_functions(SRC / "credtrack") == []


# -- and the checks can fail: planted violations -------------------------------------------------

def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


@pytest.mark.parametrize("module, source, expected", [
    ("credtrack/compliance/ce.py", "def f():\n    from credtrack.store import FileStore\n",
     "credtrack.compliance.ce (core) imports credtrack.store"),
    ("credtrack/rules.py", "import click\n", "credtrack.rules (core) imports click"),
    ("credtrack/kinds.py", "from .packet import build\n",
     "credtrack.kinds (core) imports credtrack.packet"),
    ("credtrack/tui/app.py", "from credtrack.cli.common import today\n",
     "credtrack.tui.app (tui) imports credtrack.cli.common"),
    ("credtrack/store.py", "from credtrack import calendar\n",
     "credtrack.store (storage) imports credtrack.calendar"),
])
def test_a_planted_forbidden_import_fails(tmp_path, module, source, expected):
    base = _plant(tmp_path, {"credtrack/__init__.py": "", "credtrack/compliance/__init__.py": "",
                             "credtrack/tui/__init__.py": "", "credtrack/calendar.py": "",
                             module: source})
    assert expected in layer_violations(graph(base, "credtrack"))


def test_a_planted_plugin_import_fails(tmp_path):
    base = _plant(tmp_path, {
        "credtrack_states/__init__.py": "from credtrack.rules import package_rules\n",
        "credtrack_states/fl.py": "from credtrack.rules import StateRules\nimport datetime\n"
                                  "from credtrack.service import Credtrack\n"})
    assert plugin_violations(base) == ["credtrack_states.fl (plugin) imports credtrack.service"]


def test_a_planted_cycle_and_a_long_function_fail(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(80))
    base = _plant(tmp_path, {"credtrack/__init__.py": "",
                             "credtrack/a.py": "def f():\n    from credtrack import b\n",
                             "credtrack/b.py": "import credtrack.a\n" + "def g():\n" + body + "\n"})
    assert cycles(graph(base, "credtrack")) == [["credtrack.a", "credtrack.b"]]
    assert long_functions(base / "credtrack") == ["b.py:2 g (81)"]
