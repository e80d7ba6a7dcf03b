"""Records credtrack keeps: plain dataclasses with short, stable ids. Pure (no I/O)."""

from __future__ import annotations

import re
import random
import unicodedata
from dataclasses import MISSING, field, fields
from datetime import date
from typing import Any, ClassVar, TypeVar

from credtrack.values import record, value

T = TypeVar("T", bound="Record")

_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: easy to read aloud and type


_SYSTEM_RANDOM = random.SystemRandom()  # os.urandom underneath, like secrets, minus its imports


def new_id(prefix: str) -> str:
    return prefix + "-" + "".join(_SYSTEM_RANDOM.choice(_ALPHABET) for _ in range(6))


def slugify(text: str) -> str:
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    t = re.sub(r"[^a-zA-Z0-9]+", "-", t).strip("-").lower()
    return t[:40].strip("-") or "provider"


def mask(value: str | None, keep: int = 4) -> str:
    """``***-**-6789``-style masking: only the last ``keep`` characters show."""
    if not value:
        return ""
    digits = re.sub(r"\D", "", value) or value
    return "*" * max(len(digits) - keep, 0) + digits[-keep:]


from credtrack.vocab import APP_OPEN, APP_STATUSES  # noqa: E402,F401  (re-exported)

APP_TRANSITIONS = {
    "draft": ("gathering", "submitted", "withdrawn"),
    "gathering": ("draft", "submitted", "withdrawn"),
    "submitted": ("in-review", "approved", "denied", "withdrawn", "gathering"),
    "in-review": ("approved", "denied", "withdrawn", "gathering"),
    "approved": ("withdrawn",),
    "denied": ("draft", "gathering"),
    "withdrawn": ("draft", "gathering"),
}


@record
class Record:
    """Base: (de)serialisation to JSON-safe dicts; dates as ISO strings."""

    TABLE: ClassVar[str] = ""
    PREFIX: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            out[f.name] = _dump(v)
        return out

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """A record from its stored dict. Thousands are read per command at practice scale,
        so this fills the instance directly (what ``__init__`` would do, minus its cost)."""
        names, dates, defaults = _field_kinds(cls)
        values = {k: data[k] if k in data else defaults[k]() for k in names}
        for k in dates:
            v = values[k]
            if isinstance(v, str):
                values[k] = date.fromisoformat(v)
        obj = object.__new__(cls)
        obj.__dict__.update(values)
        return obj


_FIELD_KINDS: dict[type, tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]] = {}


def _field_kinds(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], dict[str, Any]]:
    """(field names, date field names, a default maker per field); once per class."""
    kinds = _FIELD_KINDS.get(cls)
    if kinds is None:
        fs = fields(cls)
        defaults: dict[str, Any] = {}
        for f in fs:
            if f.default is not MISSING:
                defaults[f.name] = (lambda v=f.default: v)
            elif f.default_factory is not MISSING:  # type: ignore[misc]
                defaults[f.name] = f.default_factory  # type: ignore[misc]
            else:
                defaults[f.name] = _missing(cls, f.name)
        kinds = (tuple(f.name for f in fs),
                 tuple(f.name for f in fs if str(f.type).split(" |")[0] == "date"), defaults)
        _FIELD_KINDS[cls] = kinds
    return kinds


def _missing(cls: type, name: str):
    def fail():
        raise ValueError(f"{cls.__name__} record without {name!r}")
    return fail


def _dump(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return [_dump(x) for x in v]
    if isinstance(v, dict):
        return {k: _dump(x) for k, x in v.items()}
    return v


@record
class Provider(Record):
    TABLE: ClassVar[str] = "provider"
    PREFIX: ClassVar[str] = "prv"

    id: str
    name: str
    credentials: str = ""
    npi: str = ""
    taxonomy: str = "225700000X"
    caqh_id: str = ""
    tin: str = ""
    birth_date: date | None = None
    email: str = ""
    phone: str = ""
    address: str = ""
    locations: list[str] = field(default_factory=list)
    provider_type: str = "massage-therapist"
    practicing_since: date | None = None
    work_history: list[dict[str, str]] = field(default_factory=list)
    # names the provider was known by (exclusion screening searches them too)
    former_names: list[str] = field(default_factory=list)
    # the NPI Registry's record when it was last read (credtrack.nppes.snapshot), or {}
    registry: dict[str, Any] = field(default_factory=dict)

    def public_dict(self) -> dict[str, Any]:
        d = self.to_dict()
        d["tin"] = mask(self.tin)
        return d


@record
class License(Record):
    TABLE: ClassVar[str] = "licenses"
    PREFIX: ClassVar[str] = "lic"

    id: str
    state: str
    number: str = ""
    issued: date | None = None
    expires: date | None = None
    credential: str = ""
    renewals: list[dict[str, str]] = field(default_factory=list)
    note: str = ""
    profession: str = ""  # "" : the provider's profession
    privilege_of: str = ""  # a compact privilege: the id of the home-state license it rests on
    encumbered: bool = False  # a board restriction or discipline on this license
    jurisprudence: date | None = None  # when the state's jurisprudence requirement was met


@record
class Document(Record):
    TABLE: ClassVar[str] = "documents"
    PREFIX: ClassVar[str] = "doc"

    id: str
    kind: str
    sha256: str
    vault_path: str
    original_name: str
    size: int
    media_type: str
    added: date
    issued: date | None = None
    expires: date | None = None
    per_claim: int | None = None
    aggregate: int | None = None
    state: str = ""
    note: str = ""
    # when it was added, to the microsecond (UTC, ISO): a replacement added later the same day
    # wins over the copy it replaces (see credtrack.compliance.applications)
    added_at: str = ""
    # what the document says, as entered by the user (for 'credtrack check')
    name_as_printed: str = ""  # the provider's (or business') name as printed on it
    named_insured: str = ""  # a COI's named insured
    policy_number: str = ""  # a COI's policy number
    tin: str = ""  # the TIN/EIN on a W-9 (shown masked)
    address: str = ""  # the address printed on it

    def public_dict(self) -> dict[str, Any]:
        d = self.to_dict()
        d["tin"] = mask(self.tin)
        return d


@record
class CECredit(Record):
    TABLE: ClassVar[str] = "ce"
    PREFIX: ClassVar[str] = "ce"

    id: str
    hours: float
    subject: str
    completed: date
    course: str = ""
    sponsor: str = ""
    delivery: str = "in-person"
    document_id: str = ""


@record
class Application(Record):
    TABLE: ClassVar[str] = "applications"
    PREFIX: ClassVar[str] = "app"

    id: str
    payer: str
    status: str = "draft"
    states: list[str] = field(default_factory=list)
    created: date | None = None
    history: list[dict[str, str]] = field(default_factory=list)
    forced: bool = False
    packets: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    # checklist item key -> the document id the user assigned to it ('app attach')
    assignments: dict[str, str] = field(default_factory=dict)
    reference: str = ""  # the user's own reference for the application
    payer_number: str = ""  # the payer's application or tracking number, once known
    # what the application form states (tin, policy_number, named_insured, coi_expires,
    # name, address), as entered by the user, for 'credtrack check'
    stated: dict[str, str] = field(default_factory=dict)

    def public_dict(self) -> dict[str, Any]:
        d = self.to_dict()
        if d["stated"].get("tin"):
            d["stated"]["tin"] = mask(d["stated"]["tin"])
        return d

    def status_date(self, status: str) -> date | None:
        for h in reversed(self.history):
            if h.get("status") == status:
                return date.fromisoformat(h["date"])
        return None


@record
class FollowUp(Record):
    TABLE: ClassVar[str] = "followups"
    PREFIX: ClassVar[str] = "fu"

    id: str
    application_id: str
    date: date
    contact: str = ""
    ref: str = ""
    note: str = ""
    next: date | None = None


@record
class Attestation(Record):
    TABLE: ClassVar[str] = "attestations"
    PREFIX: ClassVar[str] = "att"

    id: str
    date: date
    state: str = ""


MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


def month_index(month: str) -> int:
    """``YYYY-MM`` as a month count (year * 12 + month - 1)."""
    m = MONTH.fullmatch(month)
    if not m:
        raise ValueError(f"not a YYYY-MM month: {month!r}")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


@record
class WorkHistory(Record):
    """One job: employer, role, from/to at month precision (``YYYY-MM``; no end: current)."""

    TABLE: ClassVar[str] = "work_history"
    PREFIX: ClassVar[str] = "job"

    id: str
    employer: str
    start: str  # YYYY-MM
    end: str = ""  # YYYY-MM, or "" while it goes on
    role: str = ""
    address: str = ""
    contact: str = ""  # a supervisor or HR contact (name, phone or e-mail)
    note: str = ""


@record
class Reference(Record):
    """A professional reference: who, their role and organisation, how to reach them."""

    TABLE: ClassVar[str] = "references"
    PREFIX: ClassVar[str] = "ref"

    id: str
    name: str
    role: str = ""  # their title or profession
    organization: str = ""
    relationship: str = ""  # how they know the provider
    address: str = ""
    contact: str = ""  # phone or e-mail
    known_since: str = ""  # YYYY-MM
    note: str = ""


@record
class Screening(Record):
    """A receipt of one exclusion-screening run (credtrack.screening): the lists' files (name,
    sha256, rows), who was screened, and every match with its outcome. Kept for the practice
    as a whole (``Store.practice_records``), not in a provider's file."""

    TABLE: ClassVar[str] = "screenings"
    PREFIX: ClassVar[str] = "scr"

    id: str
    date: date
    sources: list[dict[str, Any]] = field(default_factory=list)
    providers: list[str] = field(default_factory=list)
    matches: list[dict[str, str]] = field(default_factory=list)
    version: str = ""


@value
class IndexEntry:
    """A provider of the practice: its id, name, and where its records are kept (a file name
    for the file store; a key for a server store)."""

    id: str
    name: str
    file: str


# -- paying work: cases (plans of care), authorizations, visits --------------------------------
# A case's client label is the user's own word for the client ("Client A"); the client's name,
# member id and diagnoses are patient data (PHI): never in calendars, logs or error messages.

CASE_STATUSES = ("open", "closed")


@record
class Case(Record):
    TABLE: ClassVar[str] = "cases"
    PREFIX: ClassVar[str] = "case"

    id: str
    client: str  # the local label the user chose
    payer: str
    diagnoses: list[str] = field(default_factory=list)
    referring_name: str = ""
    referring_npi: str = ""
    referring_specialty: str = ""
    referral_document_id: str = ""
    visits_prescribed: int | None = None
    start: date | None = None
    end: date | None = None
    client_name: str = ""  # optional, PHI
    member_id: str = ""  # PHI
    status: str = "open"
    closed: date | None = None
    state: str = ""
    note: str = ""


@record
class Authorization(Record):
    TABLE: ClassVar[str] = "authorizations"
    PREFIX: ClassVar[str] = "auth"

    id: str
    case_id: str
    number: str = ""
    vendor: str = ""
    visits: int | None = None  # visits approved
    units: dict[str, int] = field(default_factory=dict)  # CPT code -> units approved
    start: date | None = None
    end: date | None = None
    note: str = ""


@record
class Visit(Record):
    TABLE: ClassVar[str] = "visits"
    PREFIX: ClassVar[str] = "vis"

    id: str
    case_id: str
    date: date
    lines: list[dict[str, Any]] = field(default_factory=list)  # code, units, minutes, modifiers, charge
    override: bool = False  # recorded past an exhausted authorization, on the user's word
    note: str = ""


# -- program enrollment (Original Medicare for the professions it enrolls) --------------------

from credtrack.vocab import ENROLLMENT_CHANGES  # noqa: E402,F401  (re-exported)


@record
class Enrollment(Record):
    TABLE: ClassVar[str] = "enrollments"
    PREFIX: ClassVar[str] = "enr"

    id: str
    program: str  # "medicare"
    enrolled: date
    ptan: str = ""  # an identifier: never in calendars
    revalidated: date | None = None
    revalidation_due: date | None = None  # the date CMS posted, when known
    changes: list[dict[str, str]] = field(default_factory=list)  # date, kind, reported
    note: str = ""
