"""CMS NCCI procedure-to-procedure (PTP) edit files, as the user downloads them from CMS.

The practitioner PTP file is tab-delimited text: Column 1 code, Column 2 code, a "prior to 1996"
flag, effective date, deletion date (``*`` when none), modifier indicator (0, 1 or 9) and the
edit's rationale, after a few lines of header text. Dates are YYYYMMDD. credtrack never ships
this file; the quarter is the one the file names (``2026Q4``, ``v324``...) or, failing that,
the quarter of its newest effective date.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from credtrack.errors import BadInput

CODE = re.compile(r"^[0-9A-Z]{5}$")
MAX_BYTES = 200 * 1024 * 1024


def _date(text: str) -> date | None:
    text = text.strip()
    if not text or text == "*":
        return None
    if not re.fullmatch(r"\d{8}", text):
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def parse_ptp(path: Path) -> tuple[list[dict], str]:
    """(the edits, the quarter) of an NCCI PTP text file; BadInput for anything else."""
    import stat

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise BadInput("the NCCI file must be a regular file")
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BadInput(f"cannot read the NCCI file ({(exc.strerror or '').lower()})") from None
    if len(raw) > MAX_BYTES:
        raise BadInput("the NCCI file is larger than 200 MB")
    text = raw.decode("latin-1")
    edits, newest = [], None
    for number, line in enumerate(text.splitlines(), 1):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 6 or not (CODE.match(cols[0]) and CODE.match(cols[1])):
            continue  # header, notes, blank lines
        try:
            effective, deleted = _date(cols[3]), _date(cols[4])
        except ValueError:
            raise BadInput(f"the NCCI file's line {number} has a date that is not YYYYMMDD") \
                from None
        if effective is None or cols[5] not in ("0", "1", "9"):
            raise BadInput(f"the NCCI file's line {number} is not a PTP edit (effective date "
                           "and modifier indicator 0, 1 or 9 expected)")
        edits.append({"column1": cols[0], "column2": cols[1], "effective": effective.isoformat(),
                      "deleted": deleted.isoformat() if deleted else None,
                      "indicator": cols[5]})
        newest = max(newest or effective, effective)
    if not edits:
        raise BadInput("no NCCI procedure-to-procedure edits found in that file (a tab-delimited "
                       "text file from CMS is expected)")
    named = re.search(r"(20\d\d)\s*[-_ ]?Q([1-4])", path.name, re.IGNORECASE)
    if named:
        quarter = f"{named.group(1)}Q{named.group(2)}"
    else:
        assert newest is not None
        quarter = f"{newest.year}Q{(newest.month - 1) // 3 + 1}"
    return edits, quarter
