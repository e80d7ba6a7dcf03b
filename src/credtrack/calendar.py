"""Deadlines -> an RFC 5545 calendar (icalendar). Pure: no files, no clock, no store.

``render(deadlines, previous, now, ...)`` returns the ``.ics`` bytes and the new state the
caller keeps for the next export (``build`` is the same as a ``(bytes, state)`` pair).
Decisions:

- Every deadline is one all-day VEVENT (DTSTART..DTEND = the day), with a VALARM per rung of its
  kind's reminder ladder at 09:00 local time, ``days`` before (``TRIGGER;RELATED=START:-P6DT15H``
  is 7 days before at 09:00; ``PT9H`` is on the day at 09:00): the form phone calendars use for
  their own all-day alarms.
- Every deadline is also a VTODO (DUE that day, STATUS:NEEDS-ACTION), because each one needs
  the user to do something: task apps keep showing it until it is done. Its alarm rings on the
  due day at 09:00 and then every ``overdue_every`` days (daily by default) for as long as it is
  open (``REPEAT`` covers at least 30 days past today and grows a year at a time, so an open
  to-do changes at most once a year): an overdue item never goes quiet.
- A to-do is one *occurrence* of a deadline: its UID is a hash of the deadline's identity, its
  record and the occurrence key the caller gives (``occurrences``: e.g. how many times a
  license was renewed, how many calls were logged), so a renewal, a replaced document or a
  logged call ends the to-do (STATUS:COMPLETED, with COMPLETED and PERCENT-COMPLETE:100) and
  starts the next one, while a corrected date moves the same to-do.
- UIDs of events are a hash of ``Deadline.identity`` (provider, kind, record, key), never of the
  date or the title, so a re-import updates the event instead of duplicating it.
- The state (per UID: date, summary, content hash, SEQUENCE, LAST-MODIFIED, status, and where
  the component sits in the output) is what makes exports repeatable and fast: when an event's
  content changes (its date first of all) its SEQUENCE goes up by one and LAST-MODIFIED
  becomes ``now``; otherwise both are copied from the state, so two exports of the same data
  are byte for byte the same. DTSTAMP is LAST-MODIFIED: in a calendar without METHOD it is
  "the date and time that the information associated with the calendar component was last
  revised" (RFC 5545, 3.8.7.2). Given the previous output (``cache``), an unchanged
  component's bytes are copied from it: only changed components go through icalendar's
  serialiser.
- A deadline that disappears (application decided, record removed) is exported as
  STATUS:CANCELLED, without alarms and with SEQUENCE + 1, for one cycle of ``CANCELLED_KEPT``
  (30 days): long enough for every subscribed device to poll the feed and drop the event, after
  which it leaves the file and the state. A to-do whose record still exists (``existing``) is
  COMPLETED instead: the user did it; one whose record was removed is CANCELLED.
- Overdue deadlines are exported: they are still owed, and the phone should show them. The
  event's summary starts with "Overdue:" and it carries no alarms (every rung is in the past,
  and some apps fire missed alarms on import all at once); its to-do keeps its daily alarm.
- No personal data by default: deadline texts carry no identifiers, and any value in ``redact``
  (TIN, NPI, birth date, license and reference numbers, ...) that a plugin's text might contain
  is replaced by "[redacted]". ``identifiers`` (deadline identity -> lines) is how a caller opts
  in to adding an NPI or a license number to a description.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable, Mapping

import icalendar

from credtrack import kinds as K
from credtrack.compliance import Deadline
from credtrack.errors import BadInput

PRODID = "-//credtrack//credtrack deadlines//EN"
LAYOUT = 2  # part of every content hash: a new layout re-renders (and re-sequences) everything
REMINDER_HOUR = 9  # alarms ring at 09:00 local time
CANCELLED_KEPT = timedelta(days=30)
ENDED = ("CANCELLED", "COMPLETED")
MAX_DAYS = 730
OVERDUE_AHEAD = 30  # an open to-do's repeating alarm reaches at least this many days past today
OVERDUE_BLOCK = 365  # ...and grows by this many days at a time
STAMP = "%Y%m%dT%H%M%SZ"

OTHER_REMINDERS = (30, 7)  # kinds a plugin adds without declaring them
OTHER_ACTION = "see 'credtrack status' for what this deadline needs"


def default_reminders() -> dict[str, tuple[int, ...]]:
    """Days before a deadline at which to remind, per deadline kind (0: on the day): the
    ladders the record-kind table declares (``credtrack.kinds``)."""
    return {name: tuple(dk.reminders) for name, dk in K.deadline_kinds().items()}


def _what_to_do(d: Deadline, memo: dict) -> str:
    """The deadline kind's hint and the action that settles it, in words (the kinds table)."""
    key = (d.kind, d.action.id if d.action else None)
    if key not in memo:
        if "" not in memo:
            memo[""] = K.deadline_kinds()
        dk = memo[""].get(d.kind)
        if dk is None or not dk.hint:
            memo[key] = OTHER_ACTION
        else:
            verb = K.ACTIONS.get(key[1] or dk.action, "")
            memo[key] = dk.hint + (f" (in credtrack: {verb})" if verb else "")
    return memo[key]


def parse_reminders(specs: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The default ladders with ``KIND=DAYS[,DAYS...]`` (or ``KIND=none``) overrides applied."""
    ladders = default_reminders()
    for spec in specs:
        kind, sep, days = (part.strip() for part in spec.partition("="))
        if not sep or not kind or not days:
            raise BadInput(f"--reminders must look like KIND=DAYS[,DAYS...], e.g. "
                           f"license-renewal=90,30,7 (got {spec[:40]!r})")
        if kind not in ladders:
            raise BadInput(f"--reminders: unknown deadline kind {kind[:40]!r} (kinds: "
                           f"{', '.join(ladders)})")
        if days.lower() == "none":
            ladders[kind] = ()
            continue
        try:
            values = {int(d) for d in days.split(",")}
        except ValueError:
            values = {-1}
        if any(not 0 <= d <= MAX_DAYS for d in values):
            raise BadInput(f"--reminders {kind}: days must be whole numbers from 0 to {MAX_DAYS}, "
                           f"separated by commas, or 'none' (got {days[:40]!r})")
        ladders[kind] = tuple(sorted(values, reverse=True))
    return ladders


def parse_overdue_every(spec: str | None) -> int:
    """``--overdue-every``: days between an open to-do's alarms from its due date on; 0 (or
    'none'): no alarm on to-dos."""
    if spec is None:
        return 1
    text = spec.strip().lower()
    if text in ("none", "0"):
        return 0
    if text.isdigit() and 1 <= int(text) <= MAX_DAYS:
        return int(text)
    raise BadInput(f"--overdue-every must be a whole number of days from 1 to {MAX_DAYS}, or "
                   f"'none' (got {spec[:40]!r})")


def uid_for(identity: str, component: str = "event") -> str:
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return f"{digest}{'' if component == 'event' else '-' + component}@credtrack"


def todo_uid(d: Deadline, occurrence: str = "") -> str:
    """The to-do of one occurrence of a deadline (see the module's docstring)."""
    return uid_for(f"{d.identity}|{d.subject}|{occurrence}", "todo")


def _secrets(values: Iterable[str]) -> tuple[str, ...]:
    """Values worth redacting, longest first (so a value inside another goes after it)."""
    return tuple(sorted({s.strip() for s in values if s and len(s.strip()) >= 4},
                        key=lambda s: (-len(s), s)))


def _redact(text: str, secrets: tuple[str, ...]) -> str:
    for value in secrets:
        if value in text:
            text = text.replace(value, "[redacted]")
    return text


def _trigger(days: int) -> timedelta:
    return timedelta(days=-days, hours=REMINDER_HOUR)


def _when(days: int) -> str:
    return "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")


def _nag(due: date, as_of: date, every: int) -> list[int]:
    """[every, repeat] of an open to-do's alarm (empty: none)."""
    if every <= 0:
        return []
    past = max(0, (as_of - due).days)
    horizon = OVERDUE_BLOCK * (1 + (past + OVERDUE_AHEAD) // OVERDUE_BLOCK)
    return [every, horizon // every]


@dataclass(frozen=True)
class Options:
    """How deadlines are worded and alarmed (everything but the deadlines and the state)."""
    as_of: date | None = None
    reminders: Mapping[str, tuple[int, ...]] = field(default_factory=default_reminders)
    overdue_every: int = 1
    names: Mapping[str, str] = field(default_factory=dict)
    prefix_names: bool = False
    identifiers: Mapping[str, Iterable[str]] = field(default_factory=dict)
    occurrences: Mapping[str, str] = field(default_factory=dict)  # identity -> occurrence key
    existing: frozenset[str] | None = None  # record ids that still exist (None: all of them)


def _contents(d: Deadline, opts: Options, secrets: tuple[str, ...], memo: dict) -> list[dict]:
    """The event and the to-do of a deadline as plain data: what is hashed and rendered."""
    name = _redact(opts.names.get(d.provider, ""), secrets)
    title = _redact(d.title, secrets)
    named = (f"{name}: " if opts.prefix_names and name else "") + title
    summary = ("Overdue: " if d.overdue else "") + named
    lines = [title + ".",
             "What to do: " + _what_to_do(d, memo) + ".",
             "Rule: " + _redact(d.rule, secrets)]
    if d.source:
        lines.append("Source: " + _redact(d.source, secrets))
    if d.confidence != "confirmed":
        lines.append(f"Confidence: {d.confidence} (check the date on the license or with "
                     "the board).")
    if name:
        lines.append("Provider: " + name)
    extra = list(opts.identifiers.get(d.identity, ()))
    overdue = [f"Overdue: this was due on {d.date}."] if d.overdue else []
    ladder = opts.reminders.get(d.kind, OTHER_REMINDERS)
    base = {"v": LAYOUT, "date": d.date.isoformat(), "kind": d.kind, "provider": d.provider}
    alarms = [] if d.overdue else [[days, f"{summary}: {_when(days)} ({d.date})"]
                                   for days in ladder]
    event = {**base, "type": "event", "uid": uid_for(d.identity), "summary": summary,
             "description": "\n".join(lines + overdue + extra), "status": "CONFIRMED",
             "alarms": alarms}
    nag = _nag(d.date, opts.as_of or d.date, opts.overdue_every)
    todo = {**base, "type": "todo", "uid": todo_uid(d, opts.occurrences.get(d.identity, "")),
            "summary": named, "description": "\n".join(lines + extra), "status": "NEEDS-ACTION",
            "subject": d.subject, "alarms": [],
            "nag": nag and [*nag, f"{named}: due {d.date}, until it is done"]}
    return [event, todo]


def _tombstone(uid: str, entry: Mapping, existing: frozenset[str] | None) -> dict:
    kind = entry.get("type", "event")
    done = kind == "todo" and bool(entry.get("subject")) and (
        existing is None or entry["subject"] in existing)
    status = "COMPLETED" if done else "CANCELLED"
    text = "Done." if done else "No longer a credtrack deadline: cancelled."
    return {"v": LAYOUT, "date": entry["date"], "summary": entry["summary"],
            "kind": entry.get("kind", ""), "description": text, "status": status,
            "type": kind, "uid": uid, "alarms": [], "subject": entry.get("subject", ""),
            "provider": entry.get("provider", "")}


def _utc(stamp: str) -> datetime:
    return datetime.strptime(stamp, STAMP).replace(tzinfo=timezone.utc)


_STAMP_RE = re.compile(r"\d{8}T\d{6}Z")


def _usable(entry) -> bool:
    """A state entry this version can use (a damaged one is treated as never exported)."""
    try:
        date.fromisoformat(entry["date"])
        sequence = entry.get("sequence", 0)
        return isinstance(entry["summary"], str) and isinstance(sequence, int) \
            and sequence >= 0 and entry.get("type", "event") in ("event", "todo") \
            and _STAMP_RE.fullmatch(entry["modified"]) is not None
    except (TypeError, KeyError, ValueError, AttributeError):
        return False


def _hash(content: dict) -> str:
    import orjson

    return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def _component(content: dict, entry: Mapping) -> bytes:
    """One VEVENT or VTODO, serialised by icalendar."""
    todo = content["type"] == "todo"
    comp = icalendar.Todo() if todo else icalendar.Event()
    day = date.fromisoformat(content["date"])
    modified = _utc(entry["modified"])
    comp.add("uid", content["uid"])
    comp.add("dtstamp", modified)
    comp.add("last-modified", modified)
    comp.add("sequence", entry["sequence"])
    if todo:
        comp.add("due", day)
        if content["status"] == "COMPLETED":
            comp.add("completed", modified)
            comp.add("percent-complete", 100)
    else:
        comp.add("dtstart", day)
        comp.add("dtend", day + timedelta(days=1))
        comp.add("transp", "TRANSPARENT")
    comp.add("summary", content["summary"])
    comp.add("description", content["description"])
    comp.add("categories", ["credtrack", content["kind"]] if content["kind"] else ["credtrack"])
    comp.add("class", "PRIVATE")
    comp.add("status", content["status"])
    for days, text in content["alarms"]:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text)
        alarm.add("trigger", _trigger(days), parameters={"RELATED": "START"})
        comp.add_component(alarm)
    if todo and content.get("nag") and content["status"] == "NEEDS-ACTION":
        every, repeat, text = content["nag"]
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text)
        alarm.add("trigger", timedelta(hours=REMINDER_HOUR), parameters={"RELATED": "END"})
        alarm.add("duration", timedelta(days=every))
        alarm.add("repeat", repeat)
        comp.add_component(alarm)
    return comp.to_ical()


def _header() -> bytes:
    cal = icalendar.Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                       ("name", "credtrack"), ("x-wr-calname", "credtrack")):
        cal.add(key, value)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    data = cal.to_ical()
    assert data.endswith(FOOTER)
    return data[:-len(FOOTER)]


FOOTER = b"END:VCALENDAR\r\n"


@dataclass(frozen=True, slots=True)
class Span:
    """A component's bytes left where they are: ``length`` bytes at ``start`` of the previous
    output (``Rendered.source``)."""
    start: int
    length: int


def _size(part) -> int:
    return part.length if isinstance(part, Span) else len(part)


@dataclass
class Rendered:
    """A calendar: its bytes in parts (``chunks()`` streams them, ``data()`` joins them), the
    state to keep (``changed``: it differs from the previous one) and how many deadlines it
    holds. A part is bytes, or a ``Span`` of the previous output, read from ``source`` (an
    open binary file the caller sets) when the bytes are wanted. ``components`` pairs each UID
    with its bytes, for a CalDAV push (one object per component)."""
    parts: list
    state: dict[str, dict]
    count: int
    changed: bool = True
    uids: list[str] = field(default_factory=list)  # the UID of each of parts[1:-1]
    source: Any = None

    def _read(self, start: int, length: int) -> bytes:
        import os

        data = os.pread(self.source.fileno(), length, start)
        if len(data) != length:
            raise OSError(f"the calendar cache is shorter than its state says ({start})")
        return data

    def chunks(self, size: int = 1 << 20) -> Iterable[bytes]:
        """The bytes in pieces of about ``size``: spans that follow each other in the previous
        output are read in one go."""
        batch: list = []
        held = 0
        run: list[int] | None = None  # [start, end] of contiguous spans not read yet
        for part in self.parts:
            if isinstance(part, Span):
                if run is not None and run[1] == part.start and run[1] - run[0] < size:
                    run[1] += part.length
                    continue
                if run is not None:
                    batch.append(self._read(run[0], run[1] - run[0]))
                    held += run[1] - run[0]
                run = [part.start, part.start + part.length]
            else:
                if run is not None:
                    batch.append(self._read(run[0], run[1] - run[0]))
                    held += run[1] - run[0]
                    run = None
                batch.append(part)
                held += len(part)
            if held >= size:
                yield b"".join(batch)
                batch, held = [], 0
        if run is not None:
            batch.append(self._read(run[0], run[1] - run[0]))
        if batch:
            yield b"".join(batch)

    def data(self) -> bytes:
        return b"".join(self.chunks())

    def components(self) -> Iterable[tuple[str, bytes]]:
        for uid, part in zip(self.uids, self.parts[1:-1]):
            yield uid, (self._read(part.start, part.length) if isinstance(part, Span)
                        else bytes(part))

    @staticmethod
    def object(part: bytes) -> bytes:
        """One component as a calendar object of its own (what a CalDAV server stores)."""
        return b"".join((_header(), part, FOOTER))


def _cached(cache: bytes | int | None, entry: Mapping, uid: str):
    """The component's bytes in the previous output, if they are there and look right; with
    only the output's size (``int``: the caller checked the file is the one the state was
    made with), a ``Span`` of it."""
    at = entry.get("at")
    if cache is None or type(at) is not list or len(at) != 2:
        return None
    start, length = at
    if type(start) is not int or type(length) is not int or start < 0 or length <= 0:
        return None
    end = start + length
    if isinstance(cache, int):
        return Span(start, length) if end <= cache else None
    kind = b"VTODO" if entry.get("type") == "todo" else b"VEVENT"
    if end > len(cache) or not cache.startswith(b"BEGIN:" + kind + b"\r\n", start, end) \
            or not cache.endswith(b"\r\nEND:" + kind + b"\r\n", start, end) \
            or cache.find(b"\r\nUID:" + uid.encode() + b"\r\n", start, end) < 0:
        return None
    return memoryview(cache)[start:end]


def _expired(entry: Mapping, now: datetime) -> bool:
    """An ended component kept for its whole cycle: subscribers have seen it."""
    if entry.get("status") not in ENDED:
        return False
    try:
        return now - _utc(entry["modified"]) > CANCELLED_KEPT
    except ValueError:
        return True


def render(deadlines: Iterable[Deadline], previous: Mapping[str, Mapping], now: datetime,
           options: Options | None = None, *,
           redact: Iterable[str] | Mapping[str, Iterable[str]] = (),
           cache: bytes | int | None = None,
           kept: frozenset[str] = frozenset()) -> Rendered | None:
    """The calendar for ``deadlines`` and the state to keep for the next export.

    ``previous`` is the state this function returned last time for the same export target
    (``{}`` the first time); ``now`` an aware datetime (LAST-MODIFIED of what changed).
    ``redact`` holds values that must not appear: for everyone, or per provider id (a
    practice-wide export checks each event against its own provider's values only, so it stays
    linear). ``cache`` is the previous output (or its size, see ``_cached``): unchanged
    components are copied from it instead of serialised again. ``kept``: providers whose
    records did not change since ``previous``; their components stay as they are (and none
    of their deadlines is given). None if one of them is not in ``cache``: call again
    without ``kept``. Entries of ``previous`` may be reused in the new state.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    opts = options or Options()
    now = now.astimezone(timezone.utc).replace(microsecond=0)
    valid = {uid: e for uid, e in previous.items() if isinstance(uid, str) and _usable(e)}
    if isinstance(redact, Mapping):
        per_provider = {pid: _secrets(values) for pid, values in redact.items()}
        everyone: tuple[str, ...] = ()
    else:
        per_provider, everyone = {}, _secrets(redact)
    items: list = []
    seen: dict[str, int] = {}
    memo: dict = {}
    count = 0
    for d in sorted(deadlines, key=lambda d: (d.identity, d.date, d.title)):
        count += 1
        n = seen[d.identity] = seen.get(d.identity, 0) + 1
        if n > 1:  # two deadlines with one identity: keep both, apart, deterministically
            d = replace(d, key=f"{d.key}#{n}")
        for content in _contents(d, opts, per_provider.get(d.provider, everyone), memo):
            items.append(_item(content, valid, now, cache))
    for uid, entry in valid.items() if kept else ():
        if entry.get("provider") in kept and not _expired(entry, now):
            piece = _cached(cache, entry, uid)
            if piece is None:
                return None
            key = (entry["date"], ORDER[entry["type"]], entry["summary"], uid)
            items.append((uid, key, piece, entry, False))
            count += entry["type"] == "event" and entry.get("status") not in ENDED
    live = {item[0] for item in items}
    for uid, entry in valid.items():
        if uid not in live and not _expired(entry, now):
            items.append(_item(_tombstone(uid, entry, opts.existing), valid, now, cache))
    return _assemble(items, count, len(valid) != len(previous), len(valid))


ORDER = {"event": 0, "todo": 1}
_FIELDS = ("type", "date", "summary", "kind", "status")


def _item(content: dict, previous: Mapping[str, Mapping], now: datetime, old):
    """(UID, sort key, bytes, state entry, whether it changed) of one component: copied from
    the previous output when its content is unchanged, else serialised."""
    uid, digest = content["uid"], _hash(content)
    prev = previous.get(uid)
    key = (content["date"], ORDER[content["type"]], content["summary"], uid)
    if prev is not None and prev.get("hash") == digest:
        piece = _cached(old, prev, uid)
        if piece is not None:  # unchanged: the previous entry serves again
            return uid, key, piece, prev, False
        entry = {**prev}
    else:
        entry = {"sequence": 0 if prev is None else int(prev.get("sequence", 0)) + 1,
                 "modified": now.strftime(STAMP)}
    entry.update({f: content[f] for f in _FIELDS}, hash=digest)
    for extra in ("subject", "provider"):
        if content.get(extra):
            entry[extra] = content[extra]
    return uid, key, _component(content, entry), entry, True


def _assemble(items: list, count: int, changed: bool, before: int) -> Rendered:
    items.sort(key=lambda item: item[1])
    header = _header()
    parts: list = [header]
    uids: list[str] = []
    offset = len(header)
    state: dict[str, dict] = {}
    for uid, _key, piece, entry, new in items:
        at = [offset, _size(piece)]
        if new or entry.get("at") != at:
            changed = True
            entry["at"] = at
        offset += at[1]
        parts.append(piece)
        uids.append(uid)
        state[uid] = entry
    parts.append(FOOTER)
    return Rendered(parts, state, count, changed or len(state) != before, uids)


def build(deadlines: Iterable[Deadline], previous: Mapping[str, Mapping], now: datetime,
          reminders: Mapping[str, tuple[int, ...]] | None = None,
          identifiers: Mapping[str, Iterable[str]] | None = None, *,
          names: Mapping[str, str] | None = None, prefix_names: bool = False,
          redact: Iterable[str] | Mapping[str, Iterable[str]] = (),
          as_of: date | None = None, overdue_every: int = 1,
          occurrences: Mapping[str, str] | None = None,
          existing: Iterable[str] | None = None) -> tuple[bytes, dict]:
    """``render`` as (the .ics bytes, the state)."""
    opts = Options(as_of, reminders if reminders is not None else default_reminders(),
                   overdue_every, names or {}, prefix_names, identifiers or {},
                   occurrences or {}, None if existing is None else frozenset(existing))
    rendered = render(deadlines, previous, now, opts, redact=redact)
    return rendered.data(), rendered.state
