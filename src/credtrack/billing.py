"""Billing words: CPT/HCPCS codes with credtrack's own short labels, service lines, and the CMS
8-minute rule. Pure.

credtrack's labels are its own few words, not the AMA's CPT descriptors. Timed codes are billed
in 15-minute units; CMS counts a unit from 8 minutes (Medicare Claims Processing Manual, Chapter
5, section 20.2): 8-22 minutes = 1 unit, 23-37 = 2, 38-52 = 3, and 7 minutes or fewer = 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from credtrack.errors import BadInput

EIGHT_MINUTE_SOURCE = ("https://www.cms.gov/regulations-and-guidance/guidance/manuals/"
                       "downloads/clm104c05.pdf (Medicare Claims Processing Manual, ch. 5, "
                       "sec. 20.2)")

LABELS = {
    "97124": "massage",
    "97140": "manual therapy",
    "97112": "neuromuscular re-education",
    "97110": "therapeutic exercise",
    "97530": "therapeutic activities",
    "97010": "hot or cold packs",
    "97012": "mechanical traction",
    "97014": "electrical stimulation, unattended",
    "97035": "ultrasound",
    "97161": "PT evaluation, low complexity",
    "97162": "PT evaluation, moderate complexity",
    "97163": "PT evaluation, high complexity",
}
UNTIMED = frozenset({"97010", "97012", "97014", "97161", "97162", "97163"})
MODIFIERS = {"59": "distinct procedural service", "52": "reduced services",
             "GP": "under a physical therapy plan of care", "XS": "separate structure",
             "XU": "unusual non-overlapping service", "25": "separate E/M service",
             "GO": "under an occupational therapy plan of care"}

CODE = re.compile(r"(?:[0-9]{4}[0-9FTU]|[A-Z][0-9]{4})")
LINE = re.compile(r"^(?P<code>[0-9A-Z]{5})(?P<mods>(?:-[0-9A-Z]{2})*)"
                  r"(?:X(?P<units>[0-9]{1,3})|:(?P<minutes>[0-9]{1,3})M)?$")


def units_from_minutes(minutes: int) -> int:
    """CMS's 8-minute rule for one timed service: 15-minute units, a unit from 8 minutes."""
    if minutes < 8:
        return 0
    return (minutes + 7) // 15


def label(code: str) -> str:
    return LABELS.get(code, "")


@dataclass
class Line:
    """One service line: a code, its units (from minutes by the 8-minute rule), modifiers."""

    code: str
    units: int = 1
    minutes: int | None = None
    modifiers: list[str] = field(default_factory=list)
    charge: float | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "units": self.units, "minutes": self.minutes,
                "modifiers": list(self.modifiers), "charge": self.charge}

    @classmethod
    def from_dict(cls, d: dict) -> "Line":
        return cls(str(d["code"]), int(d.get("units") or 0), d.get("minutes"),
                   [str(m) for m in d.get("modifiers") or []], d.get("charge"))


def parse_lines(spec: str) -> list[Line]:
    """``97124x2,97140-59x2,97112:23m``: code, optional modifiers, units (x) or minutes (:Nm).
    No units and no minutes: one unit."""
    lines = []
    parts = [p.strip().upper() for p in (spec or "").split(",") if p.strip()]
    if not parts:
        raise BadInput("give the service codes, e.g. 97124x2,97140x2 or 97124:23m")
    for part in parts:
        m = LINE.match(part.replace(" ", ""))
        if not m or not CODE.fullmatch(m.group("code")):
            raise BadInput("a service code must look like 97124, 97124x2, 97140-59x2 or "
                           "97124:23m (CPT/HCPCS: five characters)")
        code = m.group("code")
        mods = [x for x in m.group("mods").split("-") if x]
        unknown = [x for x in mods if x not in MODIFIERS]
        if unknown:
            raise BadInput(f"unknown modifier {unknown[0]!r} (known: {', '.join(MODIFIERS)})")
        if m.group("minutes") is not None:
            minutes = int(m.group("minutes"))
            units = 1 if code in UNTIMED else units_from_minutes(minutes)
            lines.append(Line(code, units, minutes, mods))
        else:
            units = int(m.group("units") or 1)
            if units < 1:
                raise BadInput("units must be at least 1")
            lines.append(Line(code, units, None, mods))
    return lines
