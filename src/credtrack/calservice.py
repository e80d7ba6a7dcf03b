"""The calendar actions of the service (``Credtrack`` inherits them): make, export, push.

Here and only here calendars touch files: the calendar state file (per export target: each
component's SEQUENCE, LAST-MODIFIED and content hash), the last output of each target (kept
under ``cache/calendar/`` so the next export re-serialises only what changed), the exported
``.ics`` and the record of what was pushed to each CalDAV collection. Planning is
``credtrack.calexport`` and rendering ``credtrack.calendar``, both pure.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from credtrack.calexport import CACHE_DIR, DEFAULT_FILE, STATE_FILE, Plan, cache_name, target_key
from credtrack.errors import BadInput, CredtrackError, NotFound
from credtrack.values import record

CONFIG_FILE = "caldav.toml"  # the CalDAV account: [caldav] url, username, password
TOKEN_FILE = "serve-token"
KEYRING_SERVICE = "credtrack-caldav"


@record
class CalendarRequest:
    """What to put in a calendar (the options of ``ical export``, ``serve`` and ``push``)."""
    as_of: date
    provider_id: str | None = None
    everyone: bool = False
    reminders: dict | None = None
    include_identifiers: bool = False
    overdue_every: int = 1


class CalendarActions:
    """Mixed into ``credtrack.service.Credtrack``."""

    root: Path

    # -- what to export ---------------------------------------------------------------------
    def calendar_selection(self, provider_id: str | None = None,
                           everyone: bool = False) -> tuple[list[str], bool]:
        """The providers of an export and whether it is practice-wide."""
        if everyone and provider_id:
            raise BadInput("--provider and --all cannot be used together")
        entries = self.store.entries()
        if everyone or (provider_id is None and len(entries) > 1
                        and self.store.current_id() is None):
            if not entries:
                raise NotFound("no provider yet: run 'credtrack init --name \"Your Name\"'")
            return [e.id for e in entries], True
        return [self.provider_id(provider_id)], False

    def _calendar_plan(self, req: CalendarRequest, ids: list[str], everyone: bool) -> Plan:
        """Read and evaluate ``ids`` (a practice-wide export skips the per-record shape check,
        as ``status --all`` does; a malformed file is explained by the engine's failure)."""
        plan = Plan(req.include_identifiers)
        for pid in ids:
            records = self.records(pid) if not everyone else self.store.read(pid).records()
            plan.add(records, self.evaluate(records, req.as_of)[0].deadlines)
        return plan

    def _calendar_env(self, req: CalendarRequest, target: str) -> str | None:
        """What a target's components depend on besides each provider's file (None: reuse
        nothing): the day, the options, the code and plugins (as ``status --all``'s cache)."""
        from credtrack.reportcache import environment

        if target.endswith("+identifiers"):
            return None
        env = environment(self, req.as_of)
        if env is None:
            return None
        options = (sorted((req.reminders or {}).items()), req.overdue_every, target)
        import hashlib  # here: OpenSSL's start costs every command 2 ms

        return hashlib.sha256(repr((env, options)).encode()).hexdigest()

    # -- the state file ---------------------------------------------------------------------
    def _calendar_state(self) -> dict[str, Any]:
        import orjson

        path = self.root / STATE_FILE
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {"version": 1, "targets": {}, "caches": {}, "pushed": {}}
        except OSError as exc:
            raise CredtrackError(f"cannot read {path}: {exc.strerror}") from None
        try:
            data = orjson.loads(raw)
            if not isinstance(data, dict) or not isinstance(data.get("targets"), dict):
                raise ValueError("not a calendar state")
        except ValueError:
            from credtrack.plugins import warn

            warn(f"{path} is unreadable; starting over (calendar apps may see every event as "
                 "new)")
            return {"version": 1, "targets": {}, "caches": {}, "pushed": {}}
        for key in ("caches", "pushed"):
            if not isinstance(data.get(key), dict):
                data[key] = {}
        return data

    def _cached_output(self, data: dict, target: str):
        """The last output of ``target``, open, if it is the file its state was made with
        (credtrack replaces it only whole, so its size, inode and mtime tell)."""
        meta = data.get("caches", {}).get(target)
        if not isinstance(meta, dict):
            return None
        try:
            f = open(self.root / CACHE_DIR / cache_name(target), "rb")
        except OSError:
            return None
        st = os.fstat(f.fileno())
        if [st.st_size, st.st_ino, st.st_mtime_ns] != meta.get("file"):
            f.close()
            return None  # damaged or from another run: serialise everything again
        return f

    def _save_calendar_state(self, data: dict, *, strict: bool) -> bool:
        """Write the state file; on a read-only or full disk either raise (``strict``) or warn
        and go on (a served feed or an export elsewhere still works; the next export starts
        its SEQUENCE numbers from the last state that was saved). True if saved."""
        import orjson

        from credtrack.fsio import atomic_write_bytes, ensure_private_dir, storage_error

        path = self.root / STATE_FILE
        try:
            ensure_private_dir(self.root)
            atomic_write_bytes(path, orjson.dumps(data, option=orjson.OPT_SORT_KEYS))
        except (OSError, CredtrackError) as exc:
            error = storage_error(exc, path) if isinstance(exc, OSError) else exc
            if strict:
                raise error from None
            from credtrack.plugins import warn

            warn(f"the calendar state was not saved ({error.message})")
            return False
        return True

    def _stage_cache(self, data: dict, target: str, rendered) -> tuple[Path, Path] | None:
        """Write the new output beside the cache file (a temp file) and record it in ``data``;
        the caller moves it into place once the state that describes it is saved. None: no
        cache for this target (identifiers stay in the file the user asked for) or it could
        not be written (the next export then serialises everything)."""
        from credtrack.fsio import discard, ensure_private_dir, temp_path, write_private

        data["caches"].pop(target, None)
        if target.endswith("+identifiers"):
            return None
        final = self.root / CACHE_DIR / cache_name(target)
        tmp = temp_path(final)
        try:
            ensure_private_dir(final.parent)
            write_private(tmp, rendered.chunks())
            st = os.stat(tmp)
        except (OSError, CredtrackError):
            discard(tmp)
            return None
        data["caches"][target] = {"file": [st.st_size, st.st_ino, st.st_mtime_ns],
                                  "env": rendered.env, "providers": rendered.signatures}
        return tmp, final

    @staticmethod
    def _commit_cache(staged: tuple[Path, Path] | None, saved: bool) -> None:
        from credtrack.fsio import discard, fsync_dir

        if staged is None:
            return
        tmp, final = staged
        if not saved:
            discard(tmp)
            return
        try:
            os.replace(tmp, final)  # the inode the state names
            fsync_dir(final.parent)
        except OSError:
            discard(tmp)  # the state names a file that is not there: the next export re-renders

    def _locked_calendar(self):
        from filelock import FileLock

        from credtrack.fsio import ensure_private_dir

        try:
            ensure_private_dir(self.root)
        except OSError:
            pass  # read-only: the lock below says so
        return FileLock(str(self.root / STATE_FILE) + ".lock", timeout=30, mode=0o600)

    # -- actions ----------------------------------------------------------------------------
    def calendar(self, req: CalendarRequest, now: datetime | None = None,
                 output: Path | None = None, strict: bool = True, push=None):
        """Render the calendar and keep its state; with ``output``, write it there after the
        state (a kill between the two leaves the state ahead, never behind). ``strict=False``: a state that cannot be
        saved (read-only data dir) is a warning, not an error. ``push(rendered, pushed)``
        runs under the same lock and returns the new record of what a collection holds.
        Returns the ``calendar.Rendered``."""
        from filelock import Timeout

        ids, everyone = self.calendar_selection(req.provider_id, req.everyone)
        lock = self._locked_calendar()
        try:
            lock.acquire()
        except Timeout:
            raise CredtrackError(f"{self.root / STATE_FILE} is locked by another credtrack "
                                 "process; try again") from None
        except OSError as exc:  # the lock file of a read-only data dir
            if strict:
                from credtrack.fsio import storage_error

                raise storage_error(exc, self.root / STATE_FILE) from None
            lock = None  # nothing will be saved: nothing to guard
        try:
            return self._calendar_locked(req, ids, everyone, now, output, strict, push)
        finally:
            if lock is not None:
                lock.release()

    def _render(self, req: CalendarRequest, ids: list[str], everyone: bool, data: dict,
                target: str, now: datetime | None):
        """Render ``target``: providers whose file is as it was at the last export (same
        signature, same environment, the last output at hand) keep their components as they
        are, unread; the others are read, evaluated and rendered."""
        from credtrack import calendar
        from credtrack.reportcache import file_signature, provider_paths

        env = self._calendar_env(req, target)  # None: reuse no provider (bytes still are)
        source = self._cached_output(data, target)
        meta = data["caches"].get(target) or {}
        before = meta.get("providers") if source is not None and meta.get("env") == env else None
        paths = provider_paths(self.store, ids) if env is not None else {}
        signatures = {pid: file_signature(path) for pid, path in paths.items()}
        kept = frozenset(pid for pid in ids if isinstance(before, dict)
                         and before.get(pid) == signatures[pid])
        for keep in (kept, frozenset()):
            plan = self._calendar_plan(req, [pid for pid in ids if pid not in keep], everyone)
            opts = plan.options(req.as_of, req.reminders, req.overdue_every, everyone)
            rendered = calendar.render(
                plan.deadlines, data["targets"].get(target, {}), now or datetime.now(timezone.utc),
                opts, redact=plan.private,
                cache=os.fstat(source.fileno()).st_size if source is not None else None,
                kept=keep)
            if rendered is not None:  # None: a kept component was not in the output after all
                break
        rendered.source = source  # read while it is open, even once a new cache replaced it
        rendered.signatures, rendered.env = signatures, env
        return rendered

    def _calendar_locked(self, req, ids, everyone, now, output, strict, push):
        from credtrack.fsio import atomic_write_bytes, storage_error

        target = target_key(ids, everyone, req.include_identifiers)
        data = self._calendar_state()
        rendered = self._render(req, ids, everyone, data, target, now)
        dirty = rendered.changed or target not in data["targets"]
        staged = None
        if dirty or (target not in data["caches"] and not target.endswith("+identifiers")):
            data["targets"][target] = rendered.state
            staged = self._stage_cache(data, target, rendered)
            dirty = True
        try:
            if push is not None:
                key = push.key(target)
                data["pushed"][key] = push(rendered, data["pushed"].get(key, {}))
                dirty = True
            saved = dirty and self._save_calendar_state(data, strict=strict)
        except BaseException:
            self._commit_cache(staged, False)
            raise
        if output is not None:  # after the state: a crash between leaves the state ahead
            try:            # (harmless: the next export repeats the same SEQUENCE numbers)
                atomic_write_bytes(output, rendered.chunks())
            except OSError as exc:
                self._commit_cache(staged, False)  # the state then names no file: all anew
                raise storage_error(exc, output) from None
        self._commit_cache(staged, saved)
        return rendered

    def export_calendar(self, req: CalendarRequest, path: Path | None = None,
                        now: datetime | None = None) -> tuple[Path, int]:
        """Write the calendar to ``path`` (default: ``<data dir>/credtrack.ics``), atomically
        and 0600; returns where it went and how many deadlines it holds."""
        path = Path(path) if path is not None else self.root / DEFAULT_FILE
        rendered = self.calendar(req, now, output=path,
                                 strict=path.parent.resolve() == self.root.resolve())
        return path, rendered.count

    def calendar_fingerprint(self) -> tuple:
        """Changes whenever anything a calendar is made from changes (the store's files and
        the plugins folder): a served feed is re-rendered only then."""
        index = getattr(self.store, "index_path", None)
        listing = getattr(self.store, "provider_files", None)
        if index is None or listing is None:  # a store without files: render every time
            return (object(),)
        files = [index, *listing()]
        if self.plugins_path.is_dir():
            files += sorted(self.plugins_path.glob("*.py"))
        out = []
        for path in files:
            try:
                st = path.stat()
            except OSError:
                out.append((str(path), None))
                continue
            out.append((str(path), st.st_mtime_ns, st.st_size, st.st_ino))
        return tuple(out)

    # -- serve and push ---------------------------------------------------------------------
    def serve_token(self, new: bool = False) -> str:
        """The secret in a served feed's URL, kept in ``<data dir>/serve-token`` (0600) so a
        subscription survives a restart; ``new`` replaces it."""
        import secrets

        from credtrack.fsio import atomic_write_bytes, ensure_private_dir, storage_error

        path = self.root / TOKEN_FILE
        if not new:
            try:
                token = path.read_text().strip()
                if len(token) >= 16 and token.isascii() and token.replace("-", "").replace(
                        "_", "").isalnum():
                    return token
            except (OSError, UnicodeDecodeError):
                pass
        token = secrets.token_urlsafe(24)
        try:
            ensure_private_dir(self.root)
            atomic_write_bytes(path, token.encode() + b"\n")
        except OSError as exc:
            raise storage_error(exc, path) from None
        return token

    def caldav_settings(self, url: str | None) -> tuple[str, str, str]:
        """(URL, user name, password) for ``ical push``: the URL given or the [caldav] url
        of ``<data dir>/caldav.toml``; the user name from there; the password from there (the
        file must be private then) or the system keyring (service ``credtrack-caldav``).
        Credentials configured for one server are never sent to another."""
        import tomllib

        from credtrack.caldav_push import check_url, origin

        path = self.root / CONFIG_FILE
        try:
            config = tomllib.loads(path.read_text())
        except FileNotFoundError:
            config = {}
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise BadInput(f"{path} is not valid TOML ({type(exc).__name__})") from None
        section = config.get("caldav", {})
        if not isinstance(section, dict):
            raise BadInput(f"{path}: [caldav] must be a table")
        configured = section.get("url") if isinstance(section.get("url"), str) else ""
        if not url and not configured:
            raise BadInput(f"give the calendar's URL, or set url in the [caldav] section of "
                           f"{path}")
        url = check_url(url or configured)
        if configured and origin(check_url(configured)) != origin(url):
            return url, "", ""  # credentials for another server stay there
        username = str(section.get("username") or "")
        password = section.get("password")
        if password is not None:
            if path.stat().st_mode & 0o077:
                raise BadInput(f"{path} holds a password but others can read it: run "
                               f"chmod 600 {path} (or keep the password in the keyring)")
            return url, username, str(password)
        return url, username, self._keyring_password(username)

    @staticmethod
    def _keyring_password(username: str) -> str:
        if not username:
            return ""
        try:
            import keyring
            from keyring.errors import KeyringError
        except ImportError:
            return ""
        try:
            return keyring.get_password(KEYRING_SERVICE, username) or ""
        except (KeyringError, RuntimeError, OSError):
            return ""  # no usable keyring here: the server will say it needs a password

    def push_calendar(self, req: CalendarRequest, url: str | None = None, force: bool = False,
                      now: datetime | None = None):
        """``ical push``: send what changed to a CalDAV collection; returns the PushResult."""
        from credtrack.caldav_push import Pusher

        url, username, password = self.caldav_settings(url)
        pusher = Pusher(url, username, password, force=force)
        self.calendar(req, now, push=pusher)
        return pusher.result
