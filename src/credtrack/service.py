"""The library API the CLI and the TUI both call: one method per user action.

It ties the store, the vault, the plugin registry and the engine together; it holds no
presentation and no rule logic of its own.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import date, timedelta
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping

from credtrack import compliance, crypto, paths
from credtrack import rules as R
from credtrack.calservice import CalendarActions
from credtrack import validate as V
from credtrack.errors import BadInput, CredtrackError
from credtrack.models import (
    APP_OPEN, APP_STATUSES, APP_TRANSITIONS, Application, Attestation, CECredit, Document,
    FollowUp, License, Provider, Reference, WorkHistory, new_id,
)
from credtrack.casework import CaseActions
from credtrack.programs import EnrollmentActions
from credtrack.kinds import Records, record_types
from credtrack.storage import Store, open_store

if TYPE_CHECKING:
    from credtrack.filters import Filter


EARLIEST, LATEST = V.EARLIEST, V.LATEST
check_date, _dates, _text = V.check_date, V.check_dates, V.user_text


PRINTED_FIELDS = ("name_as_printed", "named_insured", "policy_number", "tin", "address")


def _check_file(path: Path) -> None:
    """A document file must be a PDF that opens or an image that decodes."""
    from credtrack.filecheck import check_document_file
    from credtrack.vault import check_source

    check_source(path)  # exists, regular, not empty, not too large: its own messages
    check_document_file(path)


STATED_FIELDS = ("tin", "policy_number", "named_insured", "coi_expires", "name", "address")


def _month(value: str, what: str, optional: bool = False, today: date | None = None) -> str:
    """A ``YYYY-MM`` month (``""`` allowed when ``optional``), not after this month."""
    from credtrack.models import MONTH

    text = str(value).strip()
    if not text and optional:
        return ""
    if text.lower() in ("present", "current", "now") and optional:
        return ""
    if not MONTH.fullmatch(text):
        raise BadInput(f"the {what} must be a month as YYYY-MM (e.g. 2021-04)")
    if not "1900-01" <= text <= "2199-12":
        raise BadInput(f"the {what} must be between 1900-01 and 2199-12")
    if today is not None and text > f"{today.year:04d}-{today.month:02d}":
        raise BadInput(f"the {what} is in the future")
    return text


def _now_utc() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


MAX_LOCATIONS = 50


def _check_provider(provider: Provider) -> None:
    """A name that is not blank; locations as short, plain text as every other field (no
    terminal escape sequences, no 100 KB values)."""
    provider.name = _text(provider.name, "name", 200)
    if not provider.name:
        raise BadInput("the name cannot be empty")
    if len(provider.locations) > MAX_LOCATIONS:
        raise BadInput(f"at most {MAX_LOCATIONS} locations")
    provider.locations = [_text(loc, "location", 200) for loc in provider.locations]


def _canonical(records: Records) -> Records:
    """The records in one order (by id), whatever order the file keeps them in: where two
    records tie (two attestations on one day), the engine's pick is the same on every run."""
    return Records(records.provider, {table: sorted(items, key=lambda r: r.id)
                                      for table, items in records.tables.items()})


def _due_finding(severity: str, subject: str, due_subjects: set[str]) -> bool:
    """Whether ``due`` shows a finding: every error, and any finding about the subject of a
    deadline it shows."""
    return severity == "error" or subject in due_subjects


class Credtrack(CaseActions, EnrollmentActions, CalendarActions):
    """The service; its calendar actions (``calendar``, ``export_calendar``, ...) are in
    ``credtrack.calservice``."""

    def __init__(self, data_dir: Path | str | None = None, plugins_dir: Path | str | None = None,
                 *, entry_points: bool = True, extra_plugins: tuple[object, ...] = (),
                 passphrase: Callable[[], str] | None = None,
                 clock: Callable[[], date] | None = None, store: str | None = None):
        """``passphrase``: how to get the passphrase of an encrypted data dir (default:
        ``CREDTRACK_PASSPHRASE``, else a terminal prompt, else a one-line error). ``clock``:
        what "today" is (default: :func:`credtrack.clock.system_today`). ``store``: a
        ``postgresql://`` URL or a data dir (default: ``CREDTRACK_STORE``, the config file, else
        the data dir's file store; see :mod:`credtrack.settings`)."""
        from credtrack import settings

        url = settings.store_url(store)
        if url and not settings.is_server_url(url):
            data_dir, url = url, None  # a data dir given as the store
        self.root = paths.data_dir(data_dir)
        self.plugins_path = paths.plugins_dir(self.root, plugins_dir)
        self.store: Store = open_store(self.root, passphrase, url or str(self.root))
        self._passphrase = passphrase
        self._entry_points = entry_points
        self._extra = extra_plugins
        if clock is None:
            from credtrack.clock import system_today as clock
        self.today: Callable[[], date] = clock

    # -- the change log (credtrack.changelog) ------------------------------------------------
    @cached_property
    def changes(self):
        """Where every change is recorded (the store's own log when it has one)."""
        log = getattr(self.store, "change_log", None)
        if log is not None:
            return log()
        from credtrack.changelog import FileChangeLog

        seal = getattr(self.store, "seal", None)
        unseal = getattr(self.store, "unseal", None)
        return FileChangeLog(self.root, seal, unseal)

    @contextmanager
    def _change(self, action: str, provider_id: str, undoes: str = "") -> Iterator[Any]:
        """Record what the block changes through the yielded Recorder as one change (once it
        succeeded)."""
        from credtrack.changelog import new_change
        from credtrack.recording import Recorder

        rec = Recorder(self, provider_id)
        yield rec
        if rec.items:
            try:
                self.changes.append(new_change(action, provider_id, rec.items, undoes))
            except CredtrackError as exc:  # saved, but it cannot be undone: say so
                print(f"credtrack: warning: the change was saved but not logged ({exc.message})"
                      "; it cannot be undone", file=sys.stderr)

    @contextmanager
    def _write(self, provider_id: str, action: str) -> Iterator[Any]:
        """``store.write`` with the change recorded under ``action`` (an action id)."""
        with self._change(action, provider_id) as rec, rec.write() as pf:
            yield pf

    def history(self, limit: int = 20, provider_id: str | None = None) -> list:
        """The last changes, newest first (:class:`credtrack.changelog.Change`)."""
        items = self.changes.entries()
        if provider_id is not None:
            pid = self.provider_id(provider_id)
            items = [c for c in items if c.provider == pid]
        return list(reversed(items))[:max(limit, 0)]

    def undo(self):
        """Revert the newest change that is not undone yet; returns (that change, the undo's
        own change). Refused, changing nothing, if a record was changed after it."""
        from credtrack import recording
        from credtrack.changelog import undoable

        with self.changes.locked():
            change = undoable(self.changes.entries())
            if change is None:
                raise BadInput("nothing to undo")
            if change.provider not in {e.id for e in self.store.entries()}:
                raise CredtrackError("the provider of the last change no longer exists; "
                                     "nothing undone")
            recording.check(self, change)
            with self._change("undo", change.provider, undoes=change.id) as rec:
                recording.undo(self, change, rec)
        return change, self.changes.entries()[-1]

    # -- plugins -----------------------------------------------------------------------------
    @cached_property
    def host(self):
        from credtrack.plugins import make_plugin_host

        cache = self.root / "cache" / "entry-points.json" if self.root.exists() else None
        return make_plugin_host(self.plugins_path, entry_points=self._entry_points,
                                extra=self._extra, cache=cache)

    @cached_property
    def registry(self):
        from credtrack.registry import build_registry

        return build_registry(self.host)

    @cached_property
    def _state_map(self) -> Mapping[str, Any]:
        from credtrack.registry import RulesView

        return RulesView(self.registry.states)  # a module is imported when its key is read

    @cached_property
    def _payer_map(self) -> Mapping[str, Any]:
        from credtrack.registry import RulesView

        return RulesView(self.registry.payers)

    def states(self) -> Mapping[str, Any]:
        """Massage therapists' rules by state code, read-only; a state's module is imported
        when it is first read. Other professions' rules: :meth:`state_rules`."""
        return self._massage_map

    @cached_property
    def _massage_map(self) -> Mapping[str, Any]:
        from credtrack.registry import RulesView

        return RulesView(self.registry.states, lambda key: "/" not in key)

    def state_rules(self) -> Mapping[str, Any]:
        """Every profession's rules, keyed by ``rules.state_key(code, profession)``."""
        return self._state_map

    def payers(self) -> Mapping[str, Any]:
        """Rules by payer id, read-only, each module imported when it is first read."""
        return self._payer_map

    def document_kinds(self) -> tuple[str, ...]:
        extra: list[str] = []
        for _info, result in self.host.call_each("credtrack_document_kinds"):
            if isinstance(result, list):
                extra.extend(str(k) for k in result)
        return tuple(dict.fromkeys(extra))

    # -- providers ---------------------------------------------------------------------------
    def provider_id(self, provider_id: str | None = None) -> str:
        return self.store.resolve(provider_id)

    def provider(self, provider_id: str | None = None) -> Provider:
        return self.store.read(self.provider_id(provider_id)).provider

    def add_provider(self, provider: Provider, use: bool = False) -> Provider:
        _check_provider(provider)
        return self.store.add_provider(provider, make_current=use)

    def edit_provider(self, provider_id: str | None, **changes: Any) -> Provider:
        pid = self.provider_id(provider_id)
        with self._write(pid, "provider.edit") as pf:
            provider = replace(pf.provider, **{k: v for k, v in changes.items() if v is not None})
            _check_provider(provider)
            pf.save_provider(provider)  # a new name reaches the practice index with it
        return provider

    def registry_answer(self, file: Path | None = None, npi: str | None = None,
                        online: bool = False) -> tuple[Any, str]:
        """An NPI Registry response and where it came from: the saved ``file``, or the public
        API for ``npi`` when ``online`` (never otherwise)."""
        from credtrack import nppes

        if file is not None:
            if online:
                raise BadInput("give a saved response file or --online, not both")
            return nppes.load(Path(file)), Path(file).name
        if not online:
            raise BadInput("give a saved NPI Registry response (a file) or --online")
        if not npi:
            raise BadInput("--online needs the provider's NPI (--npi)")
        return nppes.fetch(npi), "NPI Registry API"

    def provider_from_registry(self, data: Any, source: str, npi: str | None = None,
                               **overrides: Any) -> Provider:
        """A new provider's profile from a registry response (``overrides`` win), with the
        registry snapshot the ``nppes-mismatch`` check compares against; not yet saved."""
        from credtrack import nppes

        result = nppes.pick(data, npi)
        if result is None:
            raise BadInput("the NPI Registry has no record for that NPI")
        values = nppes.profile(result)
        values.update({k: v for k, v in overrides.items() if v not in (None, (), [])})
        values["registry"] = nppes.snapshot(result, values["npi"], source, self.today())
        name = values.pop("name", "")
        if not name:
            raise BadInput("the registry record has no name: give one with --name")
        return Provider(new_id(Provider.PREFIX), name, **values)

    def record_registry(self, provider_id: str | None, data: Any, source: str) -> Provider:
        """Store the registry's current record for the provider's NPI (the snapshot the
        ``nppes-mismatch`` check reads); the profile itself is left as it is."""
        from credtrack import nppes

        pid = self.provider_id(provider_id)
        with self.store.write(pid) as pf:
            provider = pf.provider
            if not provider.npi:
                raise BadInput("the provider has no NPI yet: add it with 'credtrack provider "
                               "edit --npi'")
            result = nppes.pick(data, provider.npi)
            provider = replace(provider, registry=nppes.snapshot(result, provider.npi, source,
                                                                 self.today()))
            pf.save_provider(provider)
        return provider

    def records(self, provider_id: str | None = None) -> Records:
        """One provider's records, every one checked for shape (a hand-edited file stops here
        with its name, not later in a listing). Practice-wide reports skip the check for
        speed and explain a failure afterwards (``_explain_malformed``)."""
        pf = self.store.read(self.provider_id(provider_id))
        pf.check()
        return pf.records()

    def list_records(self, provider_id: str | None, kind: str) -> list:
        """One provider's records of a kind (credtrack.kinds), in id order."""
        from credtrack.kinds import get

        table = get(kind).table
        return sorted(self.records(provider_id).of(table), key=lambda r: r.id)

    # -- licenses ----------------------------------------------------------------------------
    def add_license(self, provider_id: str | None, state: str, number: str = "",
                    issued: date | None = None, expires: date | None = None,
                    credential: str = "", profession: str = "",
                    privilege_of: str = "") -> tuple[License, list[str]]:
        """A state license, or (``privilege_of`` = the home license's id) a compact privilege
        in a remote state. ``profession``: when it is not the provider's own."""
        state = V.parse_state(state)
        _dates(issue_date=issued, expiry_date=expires)
        number = _text(number, "license number", 60)
        credential = _text(credential, "credential", 60)
        profession = V.parse_profession(profession) if profession else ""
        lic = License(new_id(License.PREFIX), state, number, issued, expires, credential,
                      profession=profession, privilege_of=privilege_of)
        with self._write(self.provider_id(provider_id), "license.add") as pf:
            provider = pf.provider
            kind = profession or provider.provider_type
            warnings = self._license_warnings(state, number, issued, expires, kind)
            if any(x.state == state and x.number == number for x in pf.all(License)) and number:
                raise BadInput(f"a {state} license with that number is already recorded")
            if privilege_of:
                warnings += self._privilege_warnings(pf, lic, kind)
            pf.insert(lic)
        return lic, warnings

    def _privilege_warnings(self, pf, lic: License, profession: str) -> list[str]:
        from credtrack.compliance.licenses import profession_of

        home = next((x for x in pf.all(License) if x.id == lic.privilege_of), None)
        if home is None or home.privilege_of:
            raise BadInput("--privilege-of must name a home-state license of this provider "
                           "(see 'credtrack license list')")
        if home.state == lic.state:
            raise BadInput("a compact privilege is for a remote state, not the home state")
        if profession_of(home, pf.provider) != profession:
            raise BadInput("the privilege and its home license must be for one profession")
        if R.COMPACTS.get(profession) is None:
            raise BadInput(f"no interstate compact is known for {profession.replace('-', ' ')}s")
        warnings = []
        for code in (home.state, lic.state):
            rules = self.registry.state(code, profession)
            if rules is not None and rules.compact_member is False:
                warnings.append(f"{rules.name} is not a member of the "
                                f"{R.COMPACTS[profession].name}; saved anyway")
        return warnings

    def _license_warnings(self, state: str, number: str, issued: date | None,
                          expires: date | None, profession: str = "") -> list[str]:
        import re

        warnings = []
        rules = self.registry.state(state, profession or None)
        if issued and expires and expires <= issued:
            raise BadInput("the expiry date must be after the issue date")
        if rules is not None and number and rules.license_number_pattern:
            if not re.fullmatch(rules.license_number_pattern, number.strip(), re.IGNORECASE):
                example = f" (e.g. {rules.license_number_example})" if rules.license_number_example else ""
                warnings.append(f"the license number does not look like a {state} number"
                                f"{example}; saved as entered")
        if rules is not None and not rules.licensed:
            warnings.append(f"{rules.name} has no state license for "
                            f"{rules.profession.replace('-', ' ')}s ({rules.regulation}); "
                            "saved anyway")
        return warnings

    def edit_license(self, provider_id: str | None, license_id: str, **changes: Any) -> License:
        _dates(issue_date=changes.get("issued"), expiry_date=changes.get("expires"))
        for field, limit in (("number", 60), ("credential", 60)):
            if changes.get(field) is not None:
                changes[field] = _text(changes[field], field.replace("_", " "), limit)
        with self._write(self.provider_id(provider_id), "license.edit") as pf:
            lic = pf.get(License, license_id)
            lic = replace(lic, **{k: v for k, v in changes.items() if v is not None})
            if lic.issued and lic.expires and lic.expires <= lic.issued:
                raise BadInput("the expiry date must be after the issue date")
            pf.update(lic)
        return lic

    def renew_license(self, provider_id: str | None, license_id: str,
                      expires: date | None = None, on: date | None = None) -> License:
        """Record a renewal: the license moves to ``expires`` or the rule's next period."""
        _dates(expiry_date=expires, renewal_date=on)
        pid = self.provider_id(provider_id)
        with self._write(pid, "license.renew") as pf:
            lic = pf.get(License, license_id)
            if lic.privilege_of:
                raise BadInput("a compact privilege renews with its home-state license: renew "
                               "that one and the privilege follows")
            view = self.license_view(lic, pf.provider)
            current = view.expires
            if expires is None:
                rules = view.rules
                if current is None or rules is None or not rules.renewal.computable:
                    raise BadInput("the next expiry cannot be computed for this license: give "
                                   "it with --expires DATE")
                try:
                    expires = rules.renewal.next_after(
                        current, compliance.renewal_context(lic, pf.provider))
                except Exception as exc:
                    raise BadInput(f"the next expiry cannot be computed ({exc}): give it with "
                                   "--expires DATE") from None
            if current is not None and expires <= current:
                raise BadInput(f"the new expiry must be after the current one ({current})")
            lic.renewals.append({"date": (on or self.today()).isoformat(),
                                 "previous_expires": current.isoformat() if current else "",
                                 "expires": expires.isoformat()})
            lic.expires = expires
            pf.update(lic)
        return lic

    def license_view(self, lic: License, provider: Provider) -> compliance.LicenseView:
        """A license with its dates as every screen shows them: the user's date, else a plugin's
        (``credtrack_license_expiration``), else the state rule's."""
        records = self.records(provider.id) if lic.privilege_of else \
            Records(provider, licenses=[lic])
        views = self.license_views(records)
        return next(v for v in views if v.license.id == lic.id) if lic.privilege_of else views[0]

    def license_views(self, records: Records) -> list[compliance.LicenseView]:
        """Every license of ``records`` as :meth:`license_view` gives it."""
        from credtrack.compliance.licenses import license_views, rules_for

        return license_views(records.licenses, records.provider,
                             lambda lic: rules_for(self._state_map, lic, records.provider),
                             self._override(records), self.today())

    # -- documents ---------------------------------------------------------------------------
    def add_document(self, provider_id: str | None, kind: str, file: Path,
                     issued: date | None = None, expires: date | None = None,
                     limits: tuple[int, int] | None = None, state: str = "",
                     note: str = "", today: date | None = None,
                     printed: dict[str, str] | None = None) -> Document:
        """Store ``file`` as a document of ``kind``. ``printed``: what the document says
        (name_as_printed, named_insured, policy_number, tin, address), for 'credtrack check'.
        The file must be a PDF that opens or an image that decodes (credtrack.filecheck);
        anything else is refused before anything is stored."""
        pid = self.provider_id(provider_id)
        make = self._document_maker(kind, issued, expires, limits, state, note, today,
                                    printed=printed)
        _check_file(Path(file))
        with self._change("document.add", pid) as rec:
            return rec.put_document(Path(file), make)[0]  # type: ignore[no-any-return]

    def edit_document(self, provider_id: str | None, document_id: str, **changes: Any
                      ) -> Document:
        """Change a document's dates, limits, state, note or what it says (``PRINTED_FIELDS``,
        for 'credtrack check'): ``None`` leaves a field; ``""`` for a text field, and
        ``limits=()``, clear it."""
        _dates(issue_date=changes.get("issued"), expiry_date=changes.get("expires"))
        unknown = set(changes) - {"issued", "expires", "state", "note", "limits",
                                  *PRINTED_FIELDS}
        if unknown:
            raise BadInput(f"unknown document field(s): {', '.join(sorted(unknown))}")
        if changes.get("state"):
            changes["state"] = V.parse_state(changes["state"])
        if changes.get("note") is not None:
            changes["note"] = _text(changes["note"], "note")
        for name in PRINTED_FIELDS:
            if changes.get(name) is not None:
                changes[name] = _text(changes[name], name.replace("_", " "), 200)
        if changes.get("tin"):
            changes["tin"] = V.parse_tin(changes["tin"])
        limits = changes.pop("limits", None)
        with self._write(self.provider_id(provider_id), "document.edit") as pf:
            doc = pf.get(Document, document_id)
            if limits is not None:
                if limits and doc.kind not in ("liability-coi", "general-coi"):
                    raise BadInput("--limits applies to liability-coi and general-coi documents")
                changes["per_claim"], changes["aggregate"] = (limits or (None, None))
            doc = replace(doc, **{k: v for k, v in changes.items()
                                  if v is not None or k in ("per_claim", "aggregate")})
            if doc.issued and doc.expires and doc.expires <= doc.issued:
                raise BadInput("the expiry date must be after the issue date")
            pf.update(doc)
        return doc

    def replace_document(self, provider_id: str | None, document_id: str, file: Path,
                         issued: date | None = None, expires: date | None = None,
                         limits: tuple[int, int] | None = None,
                         today: date | None = None) -> Document:
        """Renew a document with a new file: the new one takes the old one's kind, state and
        note (and limits unless given); the old record goes (its file too, unless used
        elsewhere). One change: ``undo`` brings the old one back."""
        pid = self.provider_id(provider_id)
        old = self.store.read(pid).get(Document, document_id)
        if limits is None and old.per_claim and old.aggregate:
            limits = (old.per_claim, old.aggregate)
        printed = {k: getattr(old, k) for k in PRINTED_FIELDS if k != "policy_number"}
        make = self._document_maker(old.kind, issued, expires, limits, old.state, old.note,
                                    today, printed=printed)
        _check_file(Path(file))
        with self._change("document.replace", pid) as rec:
            new = rec.put_document(Path(file), make)[0]
            try:
                rec.remove_document(old.id)
            except BaseException:  # refused: the new one goes too, so nothing changed
                self.store.remove_document(pid, new.id)
                raise
        return new  # type: ignore[no-any-return]

    def _document_maker(self, kind: str, issued: date | None = None,
                        expires: date | None = None, limits: tuple[int, int] | None = None,
                        state: str = "", note: str = "", today: date | None = None,
                        others: tuple = (), printed: dict[str, str] | None = None
                        ) -> Callable[[Any], list]:
        """Check the input; returns what builds the records (the document first, then
        ``others`` that refer to it) once the store has the file."""
        kind = V.parse_kind(kind, self.document_kinds())
        printed = {k: _text(v, k.replace("_", " "), 200)
                   for k, v in (printed or {}).items() if v}
        unknown = set(printed) - set(PRINTED_FIELDS)
        if unknown:
            raise BadInput(f"unknown document field(s): {', '.join(sorted(unknown))}")
        if printed.get("tin"):
            printed["tin"] = V.parse_tin(printed["tin"])
        _dates(issue_date=issued, expiry_date=expires)
        if state:
            state = V.parse_state(state)
        if issued and expires and expires <= issued:
            raise BadInput("the expiry date must be after the issue date")
        if limits and kind not in ("liability-coi", "general-coi"):
            raise BadInput("--limits applies to liability-coi and general-coi documents")
        note = _text(note, "note")

        def make(stored) -> list:
            doc = Document(new_id(Document.PREFIX), kind, stored.sha256, stored.vault_path,
                           stored.original_name[:255], stored.size, stored.media_type,
                           today or self.today(), issued, expires,
                           limits[0] if limits else None, limits[1] if limits else None,
                           state, note, added_at=_now_utc(), **(printed or {}))
            return [doc, *others]

        return make

    def remove_record(self, provider_id: str | None, kind: str, record_id: str):
        from credtrack.kinds import get

        cls = get(kind).model
        pid = self.provider_id(provider_id)
        with self._change(f"{kind}.remove", pid) as rec:
            if cls is Document:  # the record, then its vault file once nothing refers to it
                return rec.remove_document(record_id)
            with rec.write() as pf:
                removed = pf.remove(cls, record_id)
                if cls is Application:  # its call ledger goes with it (undo brings both)
                    for fu in pf.all(FollowUp):
                        if fu.application_id == record_id:
                            pf.remove(FollowUp, fu.id)
        return removed

    def document_path(self, doc: Document) -> Path:
        """Where a document's file is (in an encrypted data dir, a path whose ``read_bytes()``
        returns the plaintext); a hand-edited record never points outside the vault."""
        return self.store.document_file(doc)

    # -- CE ----------------------------------------------------------------------------------
    def add_ce(self, provider_id: str | None, hours: float, subject: str, completed: date,
               course: str = "", sponsor: str = "", delivery: str = "in-person",
               file: Path | None = None, today: date | None = None) -> CECredit:
        hours = V.parse_hours(hours)
        subject = V.parse_subject(subject)
        course, sponsor = _text(course, "course"), _text(sponsor, "sponsor")
        _dates(completion_date=completed)
        if completed > (today or self.today()):
            raise BadInput("a CE credit cannot be completed in the future")
        pid = self.provider_id(provider_id)
        credit = CECredit(new_id(CECredit.PREFIX), hours, subject, completed, course, sponsor,
                          delivery, "")
        if file is not None:  # the certificate and the credit: one write
            make = self._document_maker("ce-certificate", issued=completed, today=today,
                                        others=(credit,))
            _check_file(Path(file))
            with self._change("ce.add", pid) as rec:
                rec.put_document(Path(file), make)
            return credit
        with self._write(pid, "ce.add") as pf:
            pf.insert(credit)
        return credit

    def ce_status(self, provider_id: str | None, as_of: date,
                  state: str | None = None) -> list[compliance.CEProgress]:
        _, ctx = self.evaluate(self.records(provider_id), as_of)
        out = ctx.ce
        if state:
            code = V.parse_state(state)
            out = [p for p in out if p.view.license.state == code]
        return out

    def edit_ce(self, provider_id: str | None, credit_id: str, **changes: Any) -> CECredit:
        """Change a CE credit's hours, subject, date, course, sponsor or delivery."""
        from credtrack import vocab

        if changes.get("hours") is not None:
            changes["hours"] = V.parse_hours(changes["hours"])
        if changes.get("subject") is not None:
            changes["subject"] = V.parse_subject(changes["subject"])
        if changes.get("delivery") is not None:
            changes["delivery"] = V.parse_choice(changes["delivery"], vocab.DELIVERIES,
                                                 "delivery")
        for what in ("course", "sponsor"):
            if changes.get(what) is not None:
                changes[what] = _text(changes[what], what)
        _dates(completion_date=changes.get("completed"))
        if changes.get("completed") and changes["completed"] > self.today():
            raise BadInput("a CE credit cannot be completed in the future")
        with self._write(self.provider_id(provider_id), "ce.edit") as pf:
            credit = replace(pf.get(CECredit, credit_id),
                             **{k: v for k, v in changes.items() if v is not None})
            pf.update(credit)
        return credit

    def edit_followup(self, provider_id: str | None, followup_id: str,
                      **changes: Any) -> FollowUp:
        """Correct a logged call: contact, reference number, note, next call."""
        for what, label, limit in (("contact", "contact", 200), ("ref", "reference number", 100),
                                   ("note", "note", 500)):
            if changes.get(what) is not None:
                changes[what] = _text(changes[what], label, limit)
        _dates(date=changes.get("date"), next_date=changes.get("next"))
        with self._write(self.provider_id(provider_id), "followup.edit") as pf:
            fu = replace(pf.get(FollowUp, followup_id),
                         **{k: v for k, v in changes.items() if v is not None})
            if fu.next is not None and fu.next <= fu.date:
                raise BadInput("--next must be after the date of the call")
            pf.update(fu)
        return fu

    def followups(self, provider_id: str | None = None,
                  app_id: str | None = None) -> list[FollowUp]:
        """The call ledger (of one application, or all), oldest first."""
        records = self.records(provider_id)
        if app_id is not None and not any(a.id == app_id for a in records.applications):
            from credtrack.errors import NotFound, shown_id

            raise NotFound(f"no application {shown_id(app_id, 'with id ')} "
                           "(see 'credtrack app list')")
        return sorted((f for f in records.followups
                       if app_id is None or f.application_id == app_id),
                      key=lambda f: (f.date, f.id))

    # -- CAQH --------------------------------------------------------------------------------
    def attest(self, provider_id: str | None, on: date) -> Attestation:
        _dates(attestation_date=on)
        att = Attestation(new_id(Attestation.PREFIX), on)
        with self._write(self.provider_id(provider_id), "caqh.attest") as pf:
            pf.insert(att)
        return att

    # -- payers and applications ------------------------------------------------------------
    def payer_rules(self, payer_id: str):
        key = payer_id.strip().lower()
        rules = self.registry.payer(key)
        if rules is None:
            import difflib

            near = difflib.get_close_matches(key, list(self.registry.payers), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            from credtrack.errors import shown_id

            raise BadInput(f"unknown payer {shown_id(key, otherwise='id')}{hint} "
                           "(see 'credtrack payers')")
        return rules

    def eligibility(self, provider: Provider, payer, states: list[str]) -> list[str]:
        """Why this payer would not credential this provider here (empty: nothing known
        against it). A payer whose answer is "unknown" is not a reason: see ``eligibility_notes``."""
        reasons = []
        cred = payer.credential(provider.provider_type)
        if cred.answer == R.NO:
            why = cred.text or payer.excluded_reason or \
                f"{payer.name} does not credential this provider type"
            reasons.append(f"{why} (source: {cred.source or payer.primary_source})")
        outside = [s for s in states if payer.states and s not in payer.states]
        if outside:
            reasons.append(f"{payer.name} credentials only in {', '.join(payer.states)}, not "
                           f"{', '.join(outside)} (source: {payer.primary_source})")
        return reasons

    def eligibility_notes(self, provider: Provider, payer, states: list[str]) -> list[str]:
        """What is not known about this payer taking this provider (an unknown is not a yes):
        explained, and the application proceeds."""
        kind = provider.provider_type.replace("-", " ")
        notes = []
        for state in (states or [None]):
            cred = payer.credential(provider.provider_type, state)
            if cred.answer != R.UNKNOWN:
                continue
            where = f" in {state}" if state else ""
            note = (f"unknown whether {payer.short_name} credentials {kind}s{where}: "
                    f"{cred.text} (source: {cred.source or payer.primary_source}, confidence "
                    f"{cred.confidence}); credtrack tracks the application anyway; ask "
                    f"{payer.short_name} before you prepare the packet")
            if note not in notes:
                notes.append(note)
        return notes

    def apply(self, provider_id: str | None, payer_id: str, states: list[str] | tuple[str, ...] = (),
              force: bool = False, on: date | None = None, note: str = "") -> tuple[Application, list[str]]:
        """Start an application. Returns it with the warnings to show: reasons it was forced
        past (a "no" or a state outside the payer's) and what is unknown (which never blocks)."""
        payer = self.payer_rules(payer_id)
        states = [V.parse_state(s) for s in states]
        note = _text(note, "note")
        _dates(date=on)
        pid = self.provider_id(provider_id)
        with self._write(pid, "application.add") as pf:
            provider = pf.provider
            where = states or sorted({lic.state for lic in pf.all(License)})
            reasons = self.eligibility(provider, payer, where)
            if reasons and not force:
                raise CredtrackError(reasons[0] + "; use --force to track an application anyway", 1)
            notes = self.eligibility_notes(provider, payer, where)
            on = on or self.today()
            app = Application(new_id(Application.PREFIX), payer.id, "draft", states, on,
                              [{"status": "draft", "date": on.isoformat(), "note": note}],
                              forced=bool(reasons), note=note)
            pf.insert(app)
        return app, reasons + notes

    def set_status(self, provider_id: str | None, app_id: str, status: str,
                   on: date, note: str = "") -> Application:
        status = V.parse_choice(status, APP_STATUSES, "status")
        note = _text(note, "note")
        _dates(date=on)
        with self._write(self.provider_id(provider_id), "application.status") as pf:
            app = pf.get(Application, app_id)
            if status == app.status:
                raise BadInput(f"the application is already {status}")
            if status not in APP_TRANSITIONS[app.status]:
                allowed = ", ".join(APP_TRANSITIONS[app.status])
                raise BadInput(f"an application that is {app.status} can move to: {allowed}")
            last = date.fromisoformat(app.history[-1]["date"]) if app.history else None
            if last and on < last:
                raise BadInput(f"the date is before the last change ({last})")
            app.history.append({"status": status, "date": on.isoformat(), "note": note})
            app.status = status
            pf.update(app)
        return app

    def add_followup(self, provider_id: str | None, app_id: str, on: date, contact: str = "",
                     ref: str = "", note: str = "", next_date: date | None = None) -> FollowUp:
        if next_date is not None and next_date <= on:
            raise BadInput("--next must be after the date of the call")
        contact, ref = _text(contact, "contact", 200), _text(ref, "reference number", 100)
        _dates(date=on, next_date=next_date)
        note = _text(note, "note")
        with self._write(self.provider_id(provider_id), "followup.add") as pf:
            app = pf.get(Application, app_id)
            fu = FollowUp(new_id(FollowUp.PREFIX), app.id, on, contact, ref, note, next_date)
            pf.insert(fu)
        return fu

    def attach(self, provider_id: str | None, app_id: str, item_name: str,
               document_id: str | None, as_of: date) -> tuple[Application, Any]:
        """Assign a document to one checklist item of an application (``document_id`` None:
        forget the assignment, so the newest current document fills the item again). Returns
        the application and the item as the checklist now judges it."""
        pid = self.provider_id(provider_id)
        records = self.records(pid)
        app = self._app_of(records, app_id)
        item = compliance.find_item(self.checklist(app, records, as_of), item_name)
        if item is None:
            raise BadInput(f"the application has no checklist item {item_name[:60]!r} (see "
                           "the keys in 'credtrack app show APP')")
        if item.kind == "caqh":
            raise BadInput("the CAQH item is met by an attestation ('credtrack caqh attest'), "
                           "not a document")
        if document_id is not None:
            doc = next((d for d in records.documents if d.id == document_id), None)
            if doc is None:
                from credtrack.errors import shown_id

                raise BadInput(f"no document {shown_id(document_id, 'with id ')} (see "
                               "'credtrack doc list')")
            if doc.kind != item.kind and item.kind != "other":
                raise BadInput(f"{item.label} takes a document of kind {item.kind!r}; that "
                               f"document is of kind {doc.kind!r}")
            if item.state and doc.state and doc.state != item.state:
                raise BadInput(f"{item.label} is for {item.state}; that document is for "
                               f"{doc.state}")
            taken = [k for k, v in app.assignments.items() if v == doc.id and k != item.key]
            if taken:
                raise BadInput(f"that document already fills the item {taken[0]!r}; one "
                               "document fills one item ('app detach' it there first)")
        with self._write(pid, "application.attach") as pf:
            stored = pf.get(Application, app.id)
            if document_id is None:
                if item.key not in stored.assignments:
                    raise BadInput(f"no document is assigned to {item.label}")
                stored.assignments.pop(item.key)
            else:
                stored.assignments[item.key] = document_id
            pf.update(stored)
        records = self.records(pid)
        app = self._app_of(records, app_id)
        now = compliance.find_item(self.checklist(app, records, as_of), item.key)
        return app, now

    def edit_application(self, provider_id: str | None, app_id: str, note: str | None = None,
                         states: list[str] | None = None, **changes: Any) -> Application:
        """Change an application's note or states of practice (its status has its own
        command, with a dated history), the user's reference, the payer's application number,
        or what the application form states (``STATED_FIELDS``: tin, policy_number,
        named_insured, coi_expires, name, address); ``""`` clears one, ``None`` leaves it."""
        plain = {k: changes.pop(k) for k in ("reference", "payer_number") if k in changes}
        unknown = set(changes) - set(STATED_FIELDS)
        if unknown:
            raise BadInput(f"unknown application field(s): {', '.join(sorted(unknown))}")
        stated: dict[str, str] = {}
        for name, value in changes.items():
            if value is None:
                continue
            if name == "coi_expires" and value != "":
                value = check_date(value if isinstance(value, date) else
                                   V.parse_date(str(value), "COI expiry"), "COI expiry")
                value = value.isoformat()
            elif name == "tin" and value != "":
                value = V.parse_tin(str(value))
            else:
                value = _text(str(value), name.replace("_", " "), 200)
            stated[name] = value
        with self._write(self.provider_id(provider_id), "application.edit") as pf:
            app = pf.get(Application, app_id)
            if note is not None:
                app.note = _text(note, "note")
            if states is not None:
                app.states = [V.parse_state(x) for x in states]
            for name, value in plain.items():
                if value is not None:
                    setattr(app, name, _text(value, name.replace("_", " "), 100))
            for name, value in stated.items():
                if value:
                    app.stated[name] = value
                else:
                    app.stated.pop(name, None)
            pf.update(app)
        return app

    @staticmethod
    def _app_of(records: Records, app_id: str) -> Application:
        app = next((a for a in records.applications if a.id == app_id), None)
        if app is None:
            from credtrack.errors import shown_id

            raise BadInput(f"no application {shown_id(app_id, 'with id ')} "
                           "(see 'credtrack app list')")
        return app

    # -- work history and references ---------------------------------------------------------
    def add_work(self, provider_id: str | None, employer: str, start: str, end: str = "",
                 role: str = "", address: str = "", contact: str = "",
                 note: str = "") -> WorkHistory:
        job = WorkHistory(new_id(WorkHistory.PREFIX), "", "")
        job = self._work_fields(job, employer=employer, start=start, end=end, role=role,
                                address=address, contact=contact, note=note)
        with self._write(self.provider_id(provider_id), "work.add") as pf:
            pf.insert(job)
        return job

    def edit_work(self, provider_id: str | None, job_id: str, **changes: Any) -> WorkHistory:
        with self._write(self.provider_id(provider_id), "work.edit") as pf:
            job = self._work_fields(pf.get(WorkHistory, job_id), **changes)
            pf.update(job)
        return job

    def _work_fields(self, job: WorkHistory, **changes: Any) -> WorkHistory:
        clean: dict[str, Any] = {}
        for name, value in changes.items():
            if value is None:
                continue
            if name in ("start", "end"):
                clean[name] = _month(value, "start month" if name == "start" else "end month",
                                     optional=name == "end", today=self.today())
            else:
                clean[name] = _text(value, name, 200)
        job = replace(job, **clean)
        if not job.employer.strip():
            raise BadInput("the employer (or practice) name is required")
        if not job.start:
            raise BadInput("the start month is required (--from YYYY-MM)")
        if job.end and job.end < job.start:
            raise BadInput("the end month is before the start month")
        return job

    def add_reference(self, provider_id: str | None, name: str, **fields_: Any) -> Reference:
        ref = self._reference_fields(Reference(new_id(Reference.PREFIX), ""), name=name,
                                     **fields_)
        with self._write(self.provider_id(provider_id), "reference.add") as pf:
            pf.insert(ref)
        return ref

    def edit_reference(self, provider_id: str | None, ref_id: str, **changes: Any) -> Reference:
        with self._write(self.provider_id(provider_id), "reference.edit") as pf:
            ref = self._reference_fields(pf.get(Reference, ref_id), **changes)
            pf.update(ref)
        return ref

    def _reference_fields(self, ref: Reference, **changes: Any) -> Reference:
        clean: dict[str, Any] = {}
        for name, value in changes.items():
            if value is None:
                continue
            clean[name] = _month(value, "known-since month", optional=True, today=self.today()) \
                if name == "known_since" else _text(value, name, 200)
        ref = replace(ref, **clean)
        if not ref.name.strip():
            raise BadInput("the reference's name is required")
        return ref

    def application(self, provider_id: str | None, app_id: str, as_of: date,
                    records: Records | None = None) -> dict[str, Any]:
        """An application with its payer, checklist, ledger and next follow-up."""
        records = records or self.records(provider_id)
        app = self._app_of(records, app_id)
        payer = self.registry.payer(app.payer)
        items = self.checklist(app, records, as_of)
        nxt, why = compliance.next_follow_up(app, payer, records.followups) \
            if app.status in ("submitted", "in-review") else (None, "")
        ledger = sorted((f for f in records.followups if f.application_id == app.id),
                        key=lambda f: (f.date, f.id))
        ctx = compliance.Context(records, self._state_map, self.payers(), as_of)
        findings = list(compliance.checklist_findings(ctx, app, payer, items)) \
            if app.status in APP_OPEN else []
        return {"application": app, "payer": payer, "checklist": items, "followups": ledger,
                "findings": findings,
                "next_follow_up": nxt, "next_follow_up_rule": why,
                "states": compliance.application_states(app, records)}

    def checklist(self, app: Application, records: Records,
                  as_of: date) -> list[compliance.ChecklistItem]:
        """What an application needs, judged on the one date rule
        (:func:`credtrack.compliance.checklist_date`): the engine, ``app show``, the TUI and
        packets all call this."""
        payer = self.registry.payer(app.payer)
        return compliance.checklist(app, records, payer, self._state_map,
                                    compliance.checklist_date(app, as_of),
                                    licenses=compliance.license_expiries(
                                        records, self.license_views(records)))

    def consistency(self, provider_id: str | None, as_of: date,
                    app_id: str | None = None) -> list[compliance.Finding]:
        """'credtrack check': do the documents agree with each other and with what the
        application states (credtrack.compliance.consistency)? For ``app_id``, or every open
        application; with none, the newest current document of each kind."""
        from credtrack.compliance.consistency import check_consistency

        records = _canonical(self.records(provider_id))
        ctx = compliance.Context(records, self._state_map, self.payers(), as_of,
                                 self._override(records))
        if app_id is not None:
            apps = [self._app_of(records, app_id)]
        else:
            apps = [a for a in records.applications if a.status in APP_OPEN]
        findings: list[compliance.Finding] = []
        for app in apps:
            findings += check_consistency(ctx, app, self.checklist(app, records, as_of))
        if not apps:
            findings += check_consistency(ctx, None, self._newest_documents(records, as_of))
        seen, out = set(), []
        for f in findings:  # two applications with the same documents say it once
            key = (f.code, f.message)
            if key not in seen:
                seen.add(key)
                out.append(f)
        return compliance.Report(as_of, findings=out).sort().findings

    def _newest_documents(self, records: Records, as_of: date) -> list:
        from credtrack.compliance.applications import _pick

        expiry = compliance.document_expiry(compliance.license_expiries(
            records, self.license_views(records)))
        groups: dict[tuple[str, str], list[Document]] = {}
        for d in records.documents:
            groups.setdefault((d.kind, d.state), []).append(d)
        items = []
        for (kind, state), docs in sorted(groups.items()):
            best = _pick(docs, as_of, expiry)[0]
            if best is not None:
                when, basis = expiry(best)
                items.append(compliance.ChecklistItem(kind, kind, kind, state, best, "ok",
                                                      expires=when, expiry_basis=basis))
        return items

    # -- packets (credtrack.packet plans and renders; the files are written here) -------------
    def packet_plan(self, app_id: str, *, provider_id: str | None = None, on: date,
                    draft: bool = False, show_tin: bool = False,
                    template_dir: Path | None = None, gap_letter: bool = False,
                    gap_reason: str = ""):
        """What ``app_id``'s packet holds on ``on`` (credtrack.packet.PacketPlan)."""
        from credtrack import packet as P
        from credtrack.compliance import workhistory as W

        _dates(packet_date=on)
        gap_reason = _text(gap_reason, "gap reason", 1000)
        pid = self.provider_id(provider_id)
        records = self.records(pid)
        info = self.application(pid, app_id, on, records)
        ctx = compliance.Context(records, self._state_map, self.payers(), on,
                                 self._override(records))
        rule = W.threshold(ctx)
        gaps = [g for g in W.gaps(W.jobs(records), on, rule.years) if g.months > rule.months]
        dirs = [Path(template_dir)] if template_dir else []
        if (self.root / "templates").is_dir():
            dirs.append(self.root / "templates")

        def hook(app, context):
            return list(self.host.call_each("credtrack_packet_sections", application=app,
                                            context=context))

        source = P.PacketSource(pid, records, info, self.license_views(records),
                                {d.id: self.document_path(d) for d in records.documents},
                                dirs, self.root / "vault", hook, gaps, rule)
        return P.plan(source, on=on, draft=draft, show_tin=show_tin, gap_letter=gap_letter,
                      gap_reason=gap_reason)

    def build_packet(self, app_id: str, *, provider_id: str | None = None, on: date,
                     draft: bool = False, show_tin: bool = False,
                     template_dir: Path | None = None, output: Path | None = None,
                     with_zip: bool = False, gap_letter: bool = False, gap_reason: str = "",
                     progress: Callable[[int, int, str], None] | None = None):
        """Plan, check, render and write ``app_id``'s packet: the PDF and its manifest
        (atomic, 0600), the zip if asked; the manifest is recorded on the application.
        Raises PacketBlocked (naming every missing or expired item) unless ``draft``."""
        from credtrack import packet as P

        plan = self.packet_plan(app_id, provider_id=provider_id, on=on, draft=draft,
                                show_tin=show_tin, template_dir=template_dir,
                                gap_letter=gap_letter, gap_reason=gap_reason)
        if plan.problems and not draft:
            raise P.PacketBlocked(plan.problems)
        report = progress or (lambda done, total, label: None)
        total = len(plan.attachments) + 3  # render's steps, then writing
        rendered = P.render(plan, lambda done, _total, label: report(done, total, label))
        report(total - 1, total, "writing the packet")
        written = self._write_packet(plan, rendered, output, with_zip)
        report(total, total, "done")
        return written

    def _write_packet(self, plan, rendered, output: Path | None, with_zip: bool):
        import json

        from credtrack import packet as P
        from credtrack.fsio import atomic_write_bytes, ensure_private_dir

        if output is None:
            folder = self.root / "packets"
            ensure_private_dir(self.root)
            ensure_private_dir(folder)
            suffix = "-draft" if plan.draft else ""
            pdf_path = folder / f"{plan.application.id}-{plan.on.isoformat()}{suffix}.pdf"
        else:
            pdf_path = Path(output).expanduser()
            try:
                str(pdf_path).encode("utf-8")
            except UnicodeEncodeError:
                raise BadInput("the packet file name is not valid UTF-8 text: choose another "
                               "name") from None
            if pdf_path.suffix.lower() != ".pdf":
                raise BadInput(f"{output}: the packet file name must end in .pdf")
            if pdf_path.is_dir() or not pdf_path.parent.is_dir():
                raise BadInput(f"{output}: not a file in an existing directory")
        data = P.manifest(plan, rendered, pdf_path.name)
        json_path = pdf_path.with_suffix(".json")
        text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        try:
            json_bytes = text.encode()
        except UnicodeEncodeError:  # a file name the system gave as undecodable bytes: escape it
            json_bytes = (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()
        atomic_write_bytes(pdf_path, rendered.pdf)
        atomic_write_bytes(json_path, json_bytes)
        zip_path = None
        if with_zip:
            zip_path = pdf_path.with_suffix(".zip")
            atomic_write_bytes(zip_path, P.zip_bytes(pdf_path.name, rendered, json_path.name,
                                                     json_bytes))
        record = dict(data, path=str(pdf_path), manifest_path=str(json_path),
                      zip=str(zip_path) if zip_path else None)
        with self.store.write(plan.provider_id) as pf:
            app = pf.get(Application, plan.application.id)
            app.packets.append(record)
            pf.update(app)
        return P.Written(pdf_path, json_path, zip_path, data)

    # -- evaluation --------------------------------------------------------------------------
    def _override(self, records: Records):
        hook = self.host.hook.credtrack_license_expiration
        if not hook.get_hookimpls():
            return None

        def override(lic: License) -> date | None:
            from credtrack.compliance.licenses import rules_for

            rules = rules_for(self._state_map, lic, records.provider)
            try:
                result = hook(license=lic, provider=records.provider, rules=rules)
            except Exception as exc:
                from credtrack.plugins import warn

                warn(f"credtrack_license_expiration failed: {type(exc).__name__}: {exc}")
                return None
            return result if isinstance(result, date) else None

        return override

    def evaluate(self, records: Records, as_of: date):
        """One provider's deadlines and findings (sorted), with what plugins add."""
        report, ctx = self._evaluate(records, as_of)
        return report.sort(), ctx

    def _evaluate(self, records: Records, as_of: date):
        records = _canonical(records)
        self._add_screening(records)
        try:
            report, ctx = compliance.evaluate(records, self._state_map, self._payer_map, as_of,
                                              self._override(records))
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError):
            self._explain_malformed(records.provider.id)
            raise
        self._plugin_extras(report, ctx)
        return report, ctx

    def screen(self, leie: Path, sam: Path | None = None, on: date | None = None):
        """Screen every provider against the LEIE file (and a SAM extract) and file the
        receipt (credtrack.screening); returns it."""
        from credtrack import __version__, screening
        from credtrack.models import Screening

        on = check_date(on or self.today(), "date")
        assert on is not None
        lists = [screening.read_leie(Path(leie))]
        if sam is not None:
            lists.append(screening.read_sam(Path(sam), on))
        providers = [self.store.read(e.id).provider for e in self.store.entries()]
        if not providers:
            raise BadInput("no provider to screen yet")
        receipt = Screening(new_id(Screening.PREFIX), on, [lf.source() for lf in lists],
                            [p.id for p in providers], screening.match(providers, lists),
                            __version__)
        with self.store.write_practice() as pf:
            pf.insert(receipt)
        return receipt

    def screenings(self) -> list:
        """The practice's exclusion-screening receipts, oldest first."""
        from credtrack.models import Screening

        return sorted(self.store.practice_records(Screening), key=lambda r: (r.date, r.id))

    def _add_screening(self, records: Records) -> None:
        """Give the engine the latest receipt that screened this provider (receipts are the
        practice's, not in the provider's file)."""
        if records.of("screenings"):
            return
        receipts = self.screenings()
        stamp = tuple(r.id for r in receipts)
        cached = getattr(self, "_screen_map", None)
        if cached is None or cached[0] != stamp:
            latest: dict[str, Any] = {}
            for r in receipts:
                for pid in r.providers:
                    latest[pid] = r
            cached = self._screen_map = (stamp, latest)
        found = cached[1].get(records.provider.id)
        if found is not None:
            records.tables["screenings"] = [found]

    def _explain_malformed(self, provider_id: str) -> None:
        """After the engine failed on a provider's records: if the file holds a record of the
        wrong shape (edited by hand), say so (StoreCorrupt); otherwise let the error stand."""
        try:
            pf = self.store.read(provider_id)
        except CredtrackError:
            return
        pf.check()

    def _plugin_extras(self, report: compliance.Report, ctx: compliance.Context) -> None:
        pid = ctx.records.provider.id
        for hook, target, cls in (("credtrack_findings", report.findings, compliance.Finding),
                                  ("credtrack_deadlines", report.deadlines, compliance.Deadline)):
            for info, result in self.host.call_each(hook, context=ctx):
                if isinstance(result, Exception):
                    report.findings.append(compliance.Finding(
                        "error", "plugin-error",
                        f"plugin {info.name} failed in {hook}: {type(result).__name__}: {result}",
                        pid, "", hook, info.location))
                    continue
                for item in result or []:
                    if isinstance(item, cls):
                        target.append(item)

    def due(self, as_of: date, within_days: int, provider_id: str | None = None,
            everyone: bool = False, until: date | None = None,
            filter: "Filter | None" = None) -> compliance.Report:
        """What is due: deadlines on or before ``as_of`` + ``within_days`` (or ``until``),
        overdue ones included, with the errors and the findings about those deadlines'
        records; ``filter`` (credtrack.filters.Filter) narrows it."""
        report = self.report(as_of, provider_id, everyone, filter)
        horizon = until or (as_of + timedelta(days=within_days))
        if getattr(report, "unbuilt", False):  # the practice cache's: picked from its rows
            return report.due(horizon, _due_finding)
        report.deadlines = [d for d in report.deadlines if d.date <= horizon]
        subjects = {d.subject for d in report.deadlines}
        report.findings = [f for f in report.findings
                           if _due_finding(f.severity, f.subject, subjects)]
        return report

    def provider_counts(self, as_of: date, provider_ids: list[str] | None = None,
                        soon_days: int = 30) -> dict[str, dict[str, Any]]:
        """Per provider: its NPI and the counts of overdue deadlines, error findings and
        deadlines due within ``soon_days`` (the practice view)."""
        horizon = as_of + timedelta(days=soon_days)
        out = {}
        ids = provider_ids if provider_ids is not None else [e.id for e in self.store.entries()]
        for pid in ids:
            records = self.store.read(pid).records()
            report, _ = self._evaluate(records, as_of)
            out[pid] = {
                "npi": records.provider.npi,
                "overdue": sum(1 for d in report.deadlines if d.overdue),
                "errors": sum(1 for f in report.findings if f.severity == "error"),
                "soon": sum(1 for d in report.deadlines
                            if not d.overdue and d.date <= horizon)}
        return out

    def report_ids(self, provider_id: str | None = None, everyone: bool = False,
                   filter: "Filter | None" = None) -> list[str]:
        """The providers a report covers: the filter's, else everyone (``everyone``, or a
        practice with no current provider), else the one given or current."""
        if filter is not None and filter.providers:
            return sorted({self.provider_id(p) for p in filter.providers})
        if everyone or (provider_id is None and len(self.store.entries()) > 1
                        and self.store.current_id() is None):
            return [e.id for e in self.store.entries()]
        return [self.provider_id(provider_id)]

    def report(self, as_of: date, provider_id: str | None = None,
               everyone: bool = False, filter: "Filter | None" = None) -> compliance.Report:
        """Every deadline and finding of the providers :meth:`report_ids` picks, sorted;
        ``filter`` keeps only the items it passes (credtrack.filters)."""
        total = compliance.Report(as_of)
        ids = self.report_ids(provider_id, everyone, filter)
        if filter is not None and not (filter.on_items or filter.providers):
            filter = None  # an empty filter keeps everything
        if len(ids) > 1 and filter is None:  # practice-wide: reuse what did not change
            from credtrack.reportcache import practice_report

            cached = practice_report(self, ids, as_of)
            if cached is not None:
                return cached
        if len(ids) > 1 and len(ids) == len(self.store.entries()):
            batch = self.store.all_records()  # a server store: a few queries
        else:
            batch = [self.store.read(pid).records() for pid in ids]
        for records in batch:
            report, _ = self._evaluate(records, as_of)
            if filter is not None:
                from credtrack import filters

                self._add_screening(records)
                filters.apply(report, records, filter)
            total.extend(report)
        return total.sort()

    # -- encryption at rest (see credtrack.crypto) -------------------------------------------
    def encryption_status(self) -> dict[str, Any]:
        """Whether new writes are sealed, and how many files are sealed or still plaintext."""
        sealed = plain = 0
        for _guard, files in self.store.files():
            for path in files:
                try:
                    with open(path, "rb") as f:
                        head = f.read(len(crypto.MAGIC))
                except OSError:
                    continue
                if crypto.is_sealed(head):
                    sealed += 1
                else:
                    plain += 1
        keyfile = crypto.keyfile(self.root)
        return {"enabled": self.store.encrypted, "key_file": str(keyfile) if keyfile else None,
                "sealed_files": sealed, "plaintext_files": plain,
                "interrupted": (keyfile is not None and keyfile.name == crypto.KEYFILE_OFF)
                or (self.store.encrypted and plain > 0)}

    def _data_dir_only(self, what: str) -> None:
        if getattr(self.store, "server", False):
            raise BadInput(f"{what} is for a data dir; a PostgreSQL store is backed up by its "
                           "server (pg_dump), or copied to a data dir with 'credtrack store "
                           "copy --from URL --to DIR'")

    def _file_store_only(self) -> None:
        if getattr(self.store, "server", False):
            raise BadInput("encryption at rest is for a file store; a PostgreSQL store is "
                           "protected by its server (disk encryption, TLS and roles)")

    def enable_encryption(self, passphrase: str) -> int:
        """Seal every file of the data dir under a new key wrapped by ``passphrase``. Run again
        after an interruption, it finishes the job (with the same passphrase). Returns how
        many files were sealed."""
        self._file_store_only()
        from credtrack.fsio import atomic_write_bytes, ensure_private_dir

        on, off = self.root / crypto.KEYFILE, self.root / crypto.KEYFILE_OFF
        if on.exists():
            raw = crypto.unwrap(on, passphrase)
        elif off.exists():  # a disable was interrupted: keep its key
            raw = crypto.unwrap(off, passphrase)
            os.replace(off, on)
        else:
            crypto.check_new_passphrase(passphrase)
            raw = crypto.new_key()
            try:
                ensure_private_dir(self.root)
            except OSError as exc:
                from credtrack.fsio import storage_error

                raise storage_error(exc, self.root, "write to") from None
            atomic_write_bytes(on, crypto.wrap(raw, passphrase))
        changed = self.store.rekey(crypto.Key(raw))
        self.changes.reseal()
        return changed

    def disable_encryption(self, passphrase: str) -> int:
        """Open every sealed file back to plaintext, then drop the key file. Returns how many
        files were opened."""
        self._file_store_only()
        on, off = self.root / crypto.KEYFILE, self.root / crypto.KEYFILE_OFF
        if on.exists():
            raw = crypto.unwrap(on, passphrase)
            os.replace(on, off)  # from here on, writes are plaintext; the key opens the rest
        elif off.exists():
            raw = crypto.unwrap(off, passphrase)
        else:
            raise BadInput("encryption is not enabled for this data dir")
        changed = self.store.rekey(None, current=crypto.Key(raw))
        self.changes.reseal()
        off.unlink()
        return changed

    def change_passphrase(self, old: str, new: str) -> None:
        """Wrap the same data key under a new passphrase (only the key file changes)."""
        self._file_store_only()
        from credtrack.fsio import atomic_write_bytes

        on = self.root / crypto.KEYFILE
        if not on.exists():
            raise BadInput("encryption is not enabled for this data dir")
        raw = crypto.unwrap(on, old)
        atomic_write_bytes(on, crypto.wrap(raw, crypto.check_new_passphrase(new)))

    # -- export / import ---------------------------------------------------------------------
    def export_data(self) -> dict[str, Any]:
        return self.store.export_data()

    def backup(self, target: Path, force: bool = False) -> dict[str, Any]:
        """The whole data dir (store, backups, vault, calendar state, config, key file) in one
        archive at ``target`` (see :mod:`credtrack.backup`); returns its manifest."""
        from credtrack import backup

        self._data_dir_only("backup")
        return backup.write(self.store, Path(target), force)

    def restore(self, archive: Path) -> dict[str, Any]:
        """Restore an archive of :meth:`backup` into this (empty) data dir, all or none."""
        from credtrack import backup

        self._data_dir_only("restore")
        return backup.restore(self.store, Path(archive), self._passphrase)

    @staticmethod
    def _practice_import(practice: Any) -> list:
        """The practice's own records of an export (screening receipts), each checked as
        an import checks a provider's (:mod:`credtrack.schema`)."""
        from credtrack import schema

        if not practice:
            return []
        if not isinstance(practice, dict):
            raise BadInput("the export file is malformed at practice: is not an object; "
                           "nothing was imported")
        tables = {cls.TABLE: cls for cls in record_types()}
        out = []
        for table, rows in practice.items():
            where = f"practice.{table}"
            if table not in tables or not isinstance(rows, list):
                raise BadInput(f"the export file is malformed at {where[:80]}: is not a "
                               "table; nothing was imported")
            for j, row in enumerate(rows):
                try:
                    out.append(schema.convert(tables[table], row, extra_ok=False,
                                              strict_paths=True))
                except schema.Invalid as exc:
                    at = f"{where}[{j}]" + (f".{exc.where}" if exc.where else "")
                    raise BadInput(f"the export file is malformed at {at}: {exc.why}; "
                                   "nothing was imported") from None
        return out

    def import_data(self, data: dict[str, Any]) -> list[str]:
        """Add the providers of an export, all or none. Every record is checked first
        (:mod:`credtrack.schema`); the first problem refuses the whole file, named by its
        path in the file (``providers[3].licenses[0].expires``), never by its value."""
        if not isinstance(data, dict) or data.get("credtrack_export") != 1:
            raise BadInput("not a credtrack export file")
        items = _import_items(data)
        existing = {e.id for e in self.store.entries()}
        for provider, _ in items:
            if provider.id in existing:
                raise CredtrackError(f"provider {provider.id[:40]!r} already exists here; "
                                     "import into an empty data dir or remove it first", 1)
        practice = self._practice_import(data.get("practice"))
        added = [p.id for p in self.store.add_providers(items)]
        if practice:
            with self.store.write_practice() as pf:
                have = {(type(r), r.id) for cls in {type(x) for x in practice}
                        for r in pf.all(cls)}
                for rec in practice:
                    if (type(rec), rec.id) not in have:
                        pf.insert(rec)
        missing = [d.vault_path for _, t in items for d in t if isinstance(d, Document)
                   and not self.document_path(d).exists()]
        if missing:
            print(f"credtrack: warning: {len(missing)} document file(s) are not in this vault; "
                  "copy the vault/ folder too", file=sys.stderr)
        return added


def _import_items(data: dict[str, Any]) -> list[tuple[Provider, list]]:
    """The providers and records of an export file, each checked; BadInput at the first
    problem, with its path in the file."""
    from credtrack import schema

    def bad(where: str, why: str) -> BadInput:
        return BadInput(f"the export file is malformed at {where}: {why}; nothing was imported")

    providers = data.get("providers")
    if not isinstance(providers, list):
        raise bad("providers", "is not a list")
    tables = {cls.TABLE: cls for cls in record_types()}
    items = []
    for i, item in enumerate(providers):
        at = f"providers[{i}]"
        if not isinstance(item, dict):
            raise bad(at, "is not an object")
        unknown = set(item) - {"provider", *tables}
        if unknown:
            name = min(map(str, unknown))
            raise bad(f"{at}.{name}" if schema.ID.fullmatch(name) else at, "is not a table")
        records: list = []
        try:
            where = f"{at}.provider"
            provider = schema.convert(Provider, item.get("provider"), extra_ok=False)
            for table, cls in tables.items():
                rows = item.get(table, [])
                if not isinstance(rows, list):
                    raise bad(f"{at}.{table}", "is not a list")
                ids: set[str] = set()
                for j, row in enumerate(rows):
                    where = f"{at}.{table}[{j}]"
                    record = schema.convert(cls, row, extra_ok=False, strict_paths=True)
                    if record.id in ids:  # type: ignore[attr-defined]
                        raise schema.Invalid("id", "is used by another record")
                    ids.add(record.id)  # type: ignore[attr-defined]
                    records.append(record)
        except schema.Invalid as exc:
            raise bad(f"{where}.{exc.where}" if exc.where else where, exc.why) from None
        items.append((provider, records))
    return items
