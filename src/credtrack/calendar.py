"""Deadlines -> an RFC 5545 calendar (icalendar). Pure: no files, no clock, no store.

``build(deadlines, previous, now, reminders)`` returns the ``.ics`` bytes and the new state the
caller keeps for the next export. Decisions:

- Every deadline is one all-day VEVENT (DTSTART..DTEND = the day), with a VALARM per rung of its
  kind's reminder ladder at 09:00 local time, ``days`` before (``TRIGGER;RELATED=START:-P6DT15H``
  is 7 days before at 09:00; ``PT9H`` is on the day at 09:00): the form phone calendars use for
  their own all-day alarms. An open follow-up also gets a VTODO (DUE that day, NEEDS-ACTION).
- UIDs are a hash of ``Deadline.identity`` (provider, kind, record, key), never of the date or
  the title, so a re-import updates the event instead of duplicating it.
- The state (per UID: date, summary, content hash, SEQUENCE, LAST-MODIFIED, status) is what
  makes exports repeatable: when an event's content changes (its date first of all) its SEQUENCE
  goes up by one and LAST-MODIFIED becomes ``now``; otherwise both are copied from the state, so
  two exports of the same data differ only in DTSTAMP.
- A deadline that disappears (renewed, application decided, record removed) is exported as
  STATUS:CANCELLED, without alarms and with SEQUENCE + 1, for one cycle of ``CANCELLED_KEPT``
  (30 days): long enough for every subscribed device to poll the feed and drop the event, after
  which it leaves the file and the state.
- Overdue deadlines are exported: they are still owed, and the phone should show them. Their
  summary starts with "Overdue:" and they carry no alarms (every rung is in the past, and some
  apps fire missed alarms on import all at once). The follow-up VTODO stays NEEDS-ACTION, so a
  task list keeps showing it as overdue.
- No personal data by default: deadline texts carry no identifiers, and any value in ``redact``
  (TIN, NPI, birth date, license and reference numbers, ...) that a plugin's text might contain
  is replaced by "[redacted]". ``identifiers`` (deadline identity -> lines) is how a caller opts
  in to adding an NPI or a license number to a description.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Mapping

import icalendar

from credtrack.compliance import CAQH_REMINDERS, Deadline
from credtrack.errors import BadInput

PRODID = "-//credtrack//credtrack deadlines//EN"
REMINDER_HOUR = 9  # alarms ring at 09:00 local time
CANCELLED_KEPT = timedelta(days=30)
MAX_DAYS = 730
STAMP = "%Y%m%dT%H%M%SZ"

# Days before the deadline at which to remind, per deadline kind (0: on the day).
DEFAULT_REMINDERS: dict[str, tuple[int, ...]] = {
    "license-renewal": (90, 30, 7),
    "ce-due": (90, 30, 7),
    "document-expiry": (60, 30, 7),
    "caqh-attestation": tuple(CAQH_REMINDERS),  # as CAQH's own e-mails: 15, 10, 5
    "follow-up": (0,),
    "recredentialing": (120, 90, 30),
}
OTHER_REMINDERS = (30, 7)  # kinds a plugin adds

ACTIONS = {
    "license-renewal": "renew the license with the state board before this date, then record "
                       "it with 'credtrack license edit' (or renew)",
    "ce-due": "complete the continuing education the state requires by this date and log each "
              "course with 'credtrack ce add'",
    "document-expiry": "get the current document before this one expires and add it with "
                       "'credtrack doc add'",
    "follow-up": "call the payer about the application and log the call with "
                 "'credtrack followup add {subject}'",
    "caqh-attestation": "re-attest the CAQH ProView profile, then record it with "
                        "'credtrack caqh attest'",
    "recredentialing": "complete the payer's recredentialing before this date",
}
OTHER_ACTION = "see 'credtrack status' for what this deadline needs"


def parse_reminders(specs: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """The default ladders with ``KIND=DAYS[,DAYS...]`` (or ``KIND=none``) overrides applied."""
    ladders = dict(DEFAULT_REMINDERS)
    for spec in specs:
        kind, sep, days = (part.strip() for part in spec.partition("="))
        if not sep or not kind or not days:
            raise BadInput(f"--reminders must look like KIND=DAYS[,DAYS...], e.g. "
                           f"license-renewal=90,30,7 (got {spec[:40]!r})")
        if kind not in DEFAULT_REMINDERS:
            raise BadInput(f"--reminders: unknown deadline kind {kind[:40]!r} (kinds: "
                           f"{', '.join(DEFAULT_REMINDERS)})")
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


def uid_for(identity: str, component: str = "event") -> str:
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    return f"{digest}{'' if component == 'event' else '-' + component}@credtrack"


def _secrets(values: Iterable[str]) -> tuple[str, ...]:
    """Values worth redacting, longest first (so a value inside another goes after it)."""
    return tuple(sorted({s.strip() for s in values if s and len(s.strip()) >= 4},
                        key=lambda s: (-len(s), s)))


def _redact(text: str, secrets: tuple[str, ...]) -> str:
    for value in secrets:
        text = text.replace(value, "[redacted]")
    return text


def _trigger(days: int) -> timedelta:
    return timedelta(days=-days, hours=REMINDER_HOUR)


def _when(days: int) -> str:
    return "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")


def _contents(d: Deadline, summary: str, description: str,
              ladder: tuple[int, ...]) -> list[dict]:
    """The event (and the follow-up's to-do) as plain data: what is hashed and rendered."""
    base = {"date": d.date.isoformat(), "summary": summary, "description": description,
            "kind": d.kind, "status": "CONFIRMED"}
    alarms = [] if d.overdue else [[days, f"{summary}: {_when(days)} ({d.date})"]
                                   for days in ladder]
    out = [{**base, "type": "event", "uid": uid_for(d.identity), "alarms": alarms}]
    if d.kind == "follow-up":
        out.append({**base, "type": "todo", "uid": uid_for(d.identity, "todo"),
                    "status": "NEEDS-ACTION", "alarms": []})
    return out


def _tombstone(uid: str, entry: Mapping) -> dict:
    return {"date": entry["date"], "summary": entry["summary"], "kind": entry.get("kind", ""),
            "description": "No longer a credtrack deadline: cancelled.", "status": "CANCELLED",
            "type": entry.get("type", "event"), "uid": uid, "alarms": []}


def _utc(stamp: str) -> datetime:
    return datetime.strptime(stamp, STAMP).replace(tzinfo=timezone.utc)


def _usable(entry) -> bool:
    """A state entry this version can use (a damaged one is treated as never exported)."""
    try:
        date.fromisoformat(entry["date"])
        _utc(entry["modified"])
        return isinstance(entry["summary"], str) and int(entry.get("sequence", 0)) >= 0
    except (TypeError, KeyError, ValueError, AttributeError):
        return False


def _hash(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:16]


def _component(content: dict, entry: Mapping, now: datetime):
    comp = icalendar.Todo() if content["type"] == "todo" else icalendar.Event()
    day = date.fromisoformat(content["date"])
    comp.add("uid", content["uid"])
    comp.add("dtstamp", now)
    comp.add("last-modified", _utc(entry["modified"]))
    comp.add("sequence", entry["sequence"])
    if content["type"] == "todo":
        comp.add("due", day)
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
    return comp


def build(deadlines: Iterable[Deadline], previous: Mapping[str, Mapping], now: datetime,
          reminders: Mapping[str, tuple[int, ...]] | None = None,
          identifiers: Mapping[str, Iterable[str]] | None = None, *,
          names: Mapping[str, str] | None = None, prefix_names: bool = False,
          redact: Iterable[str] | Mapping[str, Iterable[str]] = ()) -> tuple[bytes, dict]:
    """The calendar for ``deadlines`` and the state to keep for the next export.

    ``previous`` is the state this function returned last time for the same export target
    (``{}`` the first time); ``now`` an aware datetime (DTSTAMP, and LAST-MODIFIED of what
    changed). ``names`` maps provider ids to display names: shown in descriptions and, with
    ``prefix_names``, before each summary (an export of several providers). ``redact`` holds
    values that must not appear: for everyone, or per provider id (a practice-wide export
    checks each event against its own provider's values only, so it stays linear).
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(timezone.utc).replace(microsecond=0)
    previous = {uid: e for uid, e in previous.items() if isinstance(uid, str) and _usable(e)}
    ladders = reminders if reminders is not None else DEFAULT_REMINDERS
    names = names or {}
    identifiers = identifiers or {}
    if isinstance(redact, Mapping):
        per_provider = {pid: _secrets(values) for pid, values in redact.items()}
        everyone: tuple[str, ...] = ()
    else:
        per_provider, everyone = {}, _secrets(redact)
    contents: list[dict] = []
    seen: dict[str, int] = {}
    for d in sorted(deadlines, key=lambda d: (d.identity, d.date, d.title)):
        extra = tuple(identifiers.get(d.identity, ()))
        n = seen[d.identity] = seen.get(d.identity, 0) + 1
        if n > 1:  # two deadlines with one identity: keep both, apart, deterministically
            d = Deadline(d.date, d.kind, d.title, d.provider, d.subject, d.rule, d.source,
                         d.overdue, f"{d.key}#{n}", confidence=d.confidence)
        secrets = per_provider.get(d.provider, everyone)
        name = _redact(names.get(d.provider, ""), secrets)
        title = _redact(d.title, secrets)
        summary = (f"{name}: " if prefix_names and name else "") + \
            ("Overdue: " if d.overdue else "") + title
        lines = [title + ".",
                 "What to do: " + ACTIONS.get(d.kind, OTHER_ACTION).format(subject=d.subject) + ".",
                 "Rule: " + _redact(d.rule, secrets)]
        if d.source:
            lines.append("Source: " + _redact(d.source, secrets))
        if d.confidence != "confirmed":
            lines.append(f"Confidence: {d.confidence} (check the date on the license or with "
                         "the board).")
        if name:
            lines.append("Provider: " + name)
        if d.overdue:
            lines.append(f"Overdue: this was due on {d.date}.")
        lines.extend(extra)
        ladder = ladders.get(d.kind, OTHER_REMINDERS)
        contents.extend(_contents(d, summary, "\n".join(lines), ladder))
    live = {c["uid"] for c in contents}
    for uid, entry in previous.items():
        if uid in live:
            continue
        if entry.get("status") == "CANCELLED" and now - _utc(entry["modified"]) > CANCELLED_KEPT:
            continue  # cancelled for a whole cycle: subscribers have dropped it
        contents.append(_tombstone(uid, entry))
    return _render(contents, previous, now)


def _render(contents: list[dict], previous: Mapping[str, Mapping],
            now: datetime) -> tuple[bytes, dict]:
    """The calendar's bytes and its new state: SEQUENCE and LAST-MODIFIED move only for what
    changed since ``previous``."""
    state: dict[str, dict] = {}
    cal = icalendar.Calendar()
    for key, value in (("prodid", PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                       ("name", "credtrack"), ("x-wr-calname", "credtrack")):
        cal.add(key, value)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    order = {"event": 0, "todo": 1}
    for content in sorted(contents, key=lambda c: (c["date"], order[c["type"]], c["summary"],
                                                   c["uid"])):
        uid, digest = content["uid"], _hash(content)
        prev = previous.get(uid)
        if prev is None:
            sequence, modified = 0, now.strftime(STAMP)
        elif prev.get("hash") != digest:
            sequence, modified = int(prev.get("sequence", 0)) + 1, now.strftime(STAMP)
        else:
            sequence, modified = int(prev.get("sequence", 0)), prev["modified"]
        entry = {"type": content["type"], "date": content["date"], "summary": content["summary"],
                 "kind": content["kind"], "status": content["status"], "hash": digest,
                 "sequence": sequence, "modified": modified}
        state[uid] = entry
        cal.add_component(_component(content, entry, now))
    return cal.to_ical(), state
