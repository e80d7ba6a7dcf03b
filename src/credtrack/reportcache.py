"""A practice-wide report from cached per-provider results: ``status --all`` at practice scale.

Measured at 2,000 providers: nearly all of ``status --all --json`` is running the engine over
every provider and turning 67,000 deadlines and findings into JSON, while a day's changes touch
a handful of providers. So each provider's results are kept, already serialised (each deadline
and finding as the exact JSON text ``emit_json`` would give it, with its sort key), under the
signature of its provider file: size, inode and modification time, which every write changes
(the store replaces a file whole, so a new version is a new inode). A provider whose file
changed is evaluated again (and only its file in ``cache/report/`` is written); the others are
reused. Every file is keyed on what else the results depend on: the date, the code and rules of credtrack and its plugins (every module file's
size and mtime), the plugin settings. Derived data only: it is never used when the data dir is
encrypted (it would be a plaintext copy), and a cache that cannot be read or written is simply
not used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import operator
import os
from datetime import date
from pathlib import Path
from typing import Any

from credtrack import compliance
from credtrack.errors import CredtrackError

CACHE_DIR = "cache/report"  # one file per provider
VERSION = 1
_SEVERITY = compliance.core.SEVERITY_ORDER


def _code_files() -> list[Path]:
    """The modules whose code decides a report: credtrack's and its bundled rule packages'."""
    out: list[Path] = []
    for package in ("credtrack", "credtrack_states", "credtrack_payers"):
        spec = importlib.util.find_spec(package)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            out += sorted(Path(folder).rglob("*.py"))
    return out


def environment(app, as_of: date) -> str | None:
    """What the cached results depend on besides the provider files (None: do not cache)."""
    if app.store.encrypted or app._extra or not hasattr(app.store, "path_of"):
        return None
    parts: list[Any] = [VERSION, as_of.isoformat(), app._entry_points, str(app.plugins_path),
                        os.environ.get("CREDTRACK_DISABLE_PLUGINS", ""),
                        os.environ.get("CREDTRACK_STRICT_PLUGINS", "")]
    files = _code_files()
    if app.plugins_path.is_dir():
        files += sorted(app.plugins_path.rglob("*.py"))
    files.append(app.root / "cache" / "entry-points.json")
    files.append(app.root / "practice-records.json")  # screening receipts (credtrack.screening)
    for path in files:
        try:
            st = path.stat()
            parts.append((str(path), st.st_size, st.st_mtime_ns))
        except OSError:
            parts.append((str(path), None))
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _file_signature(path: Path) -> bytes:
    try:
        st = os.stat(path)
    except OSError:
        return b"missing"
    return f"{st.st_size}:{st.st_ino}:{st.st_mtime_ns}:{st.st_ctime_ns}".encode()


def _fragment(item: dict) -> str:
    """The item as emit_json writes it inside a top-level list (two-space indent, depth 2)."""
    import orjson

    text = orjson.dumps({"x": [item]}, default=str,
                        option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
                        | orjson.OPT_NON_STR_KEYS).decode()
    return text[text.index("[\n") + 2:text.rindex("\n  ]")]


def _deadline_key(d: dict) -> tuple:
    return d["date"], d["provider"], d["kind"], d["subject"], d["title"]


def _finding_key(f: dict) -> tuple:
    return _SEVERITY.get(f["severity"], 9), f["provider"], f["code"], f["subject"], f["message"]


def _ranked(items: list[dict], key, head) -> tuple[list[str], list[dict]]:
    """The items in ``Report.sort``'s order with short sort keys that give the same order
    among every provider's items: the provider is the second part of the order, so two items
    of different providers never get past it, and within one provider the rank says it."""
    order = sorted(range(len(items)), key=lambda n: key(items[n]))  # stable, as Report.sort
    keys = [f"{head(items[n])}\x00{items[n]['provider']}\x00{rank:06d}"
            for rank, n in enumerate(order)]
    return keys, [items[n] for n in order]


# The cache file is text: providers apart by PS, a provider's fields by FS, list items by RS.
# JSON text escapes every control character, and the engine's texts carry none (a field that
# did would make its provider's record the wrong shape: it is evaluated again).
PS, FS, RS = b"\x03", b"\x02", b"\x01"
HEADER = f"credtrack report cache {VERSION}".encode()
END = b"."  # the last field of every record: a record cut short is not used


def _entry(app, pid: str, as_of: date, signature: bytes) -> list[bytes]:
    """A provider's results as the cache keeps them: [id, file signature, how many deadlines,
    their sort keys, JSON texts and keys, how many findings, their sort keys and JSON texts,
    END]."""
    report, _ = app._evaluate(app.store.read(pid).records(), as_of)
    dicts = [dict(d.to_dict(), _key=d.key) for d in report.deadlines]
    dkeys, dicts = _ranked(dicts, _deadline_key, lambda d: d["date"])
    deadline_keys = [d.pop("_key") for d in dicts]
    fkeys, findings = _ranked([f.to_dict() for f in report.findings], _finding_key,
                              lambda f: str(_SEVERITY.get(f["severity"], 9)))
    fields = [pid, str(len(dicts)), "\x01".join(dkeys), "\x01".join(map(_fragment, dicts)),
              "\x01".join(deadline_keys), str(len(findings)), "\x01".join(fkeys),
              "\x01".join(map(_fragment, findings))]
    encoded = [f.encode() for f in fields]
    return [encoded[0], signature, *encoded[1:], END]


def _rows(entry: list[bytes]) -> tuple[list, list] | None:
    """(deadline rows (sort key, JSON, key), finding rows (sort key, JSON)); None if damaged."""
    nd, nf = entry[2], entry[6]
    if not (nd.isdigit() and nf.isdigit()):
        return None
    if int(nd) == 0:
        deadlines = [[], [], []]
    else:
        deadlines = [entry[n].split(RS) for n in (3, 4, 5)]
    findings = [entry[n].split(RS) for n in (7, 8)] if int(nf) else [[], []]
    if any(len(x) != int(nd) for x in deadlines) or any(len(x) != int(nf) for x in findings):
        return None
    return list(zip(*deadlines)), list(zip(*findings))


def _cache_path(root: Path, pid: str) -> Path:
    return root / CACHE_DIR / hashlib.sha256(pid.encode()).hexdigest()[:32]


def _load(path: Path, pid: str, env: bytes) -> list[bytes] | None:
    """A provider's cached record, if it is whole and made in this environment."""
    try:
        head, sep, record = path.read_bytes().partition(PS)
    except OSError:
        return None
    if not sep or head != HEADER + FS + env:
        return None
    fields = record.split(FS)
    if len(fields) != 10 or fields[9] != END or fields[0] != pid.encode():
        return None
    return fields


def _save(path: Path, env: bytes, entry: list[bytes]) -> None:
    """Write one provider's record (no fsync: a cache lost in a crash is rebuilt, a torn one
    refused)."""
    from credtrack.fsio import discard, temp_path, write_all

    tmp = temp_path(path)
    data = HEADER + FS + env + PS + FS.join(entry)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            write_all(fd, data)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except Exception:
        discard(tmp)


def practice_report(app, ids: list[str], as_of: date) -> "CachedReport | None":
    """The report of ``ids`` from the cache, evaluating only providers whose file changed
    (None: the cache does not apply here)."""
    from credtrack.fsio import ensure_private_dir

    env = environment(app, as_of)
    if env is None:
        return None
    key = env.encode()
    deadlines: list = []
    findings: list = []
    paths = provider_paths(app.store, ids)
    folder_ready = False
    for pid in ids:
        signature = _file_signature(paths[pid])
        where = _cache_path(app.root, pid)
        entry = _load(where, pid, key)
        rows = _rows(entry) if entry is not None and entry[1] == signature else None
        if rows is None:  # changed, new, or damaged: evaluate it
            entry = _entry(app, pid, as_of, signature)
            rows = _rows(entry)
            if not folder_ready:
                try:
                    ensure_private_dir(where.parent)
                    folder_ready = True
                except (OSError, CredtrackError):
                    pass
            if folder_ready:
                _save(where, key, entry)
        deadlines += rows[0]
        findings += rows[1]
    return CachedReport(as_of, deadlines, findings)


class CachedReport:
    """A ``compliance.Report`` made from cached results. ``to_dict()`` is the JSON ``status
    --json`` prints, already serialised (an ``orjson.Fragment``); ``deadlines`` and
    ``findings`` are built from it on first use (and then ``to_dict`` follows them)."""

    def __init__(self, as_of: date, deadlines: list, findings: list):
        self.as_of = as_of
        first = operator.itemgetter(0)
        deadlines.sort(key=first)  # stable: ties keep the engine's order
        findings.sort(key=first)
        self._rows = {1: deadlines, 2: findings}
        self._report: compliance.Report | None = None

    def _materialize(self) -> compliance.Report:
        if self._report is None:
            import orjson

            report = compliance.Report(self.as_of)
            report.deadlines = [_deadline(orjson.loads(r[1]), r[2].decode())
                                for r in self._rows[1]]
            report.findings = [_finding(orjson.loads(r[1])) for r in self._rows[2]]
            self._report = report
        return self._report

    def deadlines_only(self) -> list:
        """The deadlines (objects), without building the findings (a calendar needs no more)."""
        if self._report is not None:
            return self._report.deadlines
        import orjson

        return [_deadline(orjson.loads(r[1]), r[2].decode()) for r in self._rows[1]]

    @property
    def deadlines(self) -> list:
        return self._materialize().deadlines

    @deadlines.setter
    def deadlines(self, value: list) -> None:
        self._materialize().deadlines = value

    @property
    def findings(self) -> list:
        return self._materialize().findings

    @findings.setter
    def findings(self, value: list) -> None:
        self._materialize().findings = value

    @property
    def unbuilt(self) -> bool:
        """No deadline or finding object was built yet (the rows are the whole report)."""
        return self._report is None

    def due(self, horizon: date, keep_finding) -> "CachedReport":
        """What :meth:`credtrack.service.Credtrack.due` keeps: the deadlines on or before
        ``horizon`` and the findings ``keep_finding(severity, subject, their subjects)``
        passes, picked from the rows without building an object for what is left out. Only
        while :attr:`unbuilt` (the rows are still the report)."""
        import orjson

        assert self._report is None, "due() reads the rows: nothing may have been built yet"
        limit = horizon.isoformat().encode()
        deadlines = [r for r in self._rows[1] if r[0][:10] <= limit]  # keys start with the date
        subjects = {orjson.loads(r[1])["subject"] for r in deadlines}
        findings = []
        for row in self._rows[2]:
            item = orjson.loads(row[1])
            if keep_finding(item["severity"], item["subject"], subjects):
                findings.append(row)
        return CachedReport(self.as_of, deadlines, findings)

    def sort(self) -> "CachedReport":
        if self._report is not None:
            self._report.sort()
        return self

    def to_dict(self) -> Any:
        if self._report is not None:
            return self._report.to_dict()
        import orjson

        def listing(rows: list) -> bytes:
            return b"[\n" + b",\n".join([r[1] for r in rows]) + b"\n  ]" if rows else b"[]"

        return orjson.Fragment(b"".join((
            b'{\n  "as_of": "', self.as_of.isoformat().encode(), b'",\n  "deadlines": ',
            listing(self._rows[1]), b',\n  "findings": ', listing(self._rows[2]), b"\n}")))


def _action(d: dict | None):
    if not d:
        return None
    return compliance.Action(d["id"], d.get("record") or "", tuple(sorted(
        (d.get("args") or {}).items())))


def _deadline(d: dict, key: str):
    return compliance.Deadline(date.fromisoformat(d["date"]), d["kind"], d["title"],
                               d["provider"], d["subject"], d["rule"], d["source"],
                               d["overdue"], key, _action(d.get("action")), d["confidence"])


def _finding(f: dict):
    return compliance.Finding(f["severity"], f["code"], f["message"], f["provider"],
                              f["subject"], f["rule"], f["source"], _action(f.get("action")),
                              f["confidence"])


def file_signature(path: Path) -> str:
    """A provider file's signature as text (what the calendar's cache records)."""
    return _file_signature(path).decode()


def provider_paths(store, ids: list[str]) -> dict[str, Path]:
    """Each provider's file, from one look at the index (``path_of`` looks it up each time)."""
    folder = getattr(store, "providers_dir", None)
    if folder is None:
        return {pid: store.path_of(pid) for pid in ids}
    files = {e.id: e.file for e in store.entries()}
    return {pid: folder / files[pid] if pid in files else store.path_of(pid) for pid in ids}
