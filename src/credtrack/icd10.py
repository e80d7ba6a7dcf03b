"""ICD-10-CM diagnosis codes, checked against the CDC's public-domain tabular data shipped by
the ``simple-icd-10-cm`` package (loaded on first use: it takes about a second)."""

from __future__ import annotations

import re

from credtrack.errors import BadInput

SOURCE = "https://www.cdc.gov/nchs/icd/icd-10-cm/ (tabular list, via the simple-icd-10-cm package)"
SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$")


def _cm():
    import simple_icd_10_cm as cm

    return cm


def normalise(code: str) -> str:
    c = (code or "").strip().upper().replace(" ", "")
    if "." not in c and len(c) > 3:
        c = c[:3] + "." + c[3:]
    return c


def check(code: str) -> tuple[str, str]:
    """(the code in its dotted form, its description); BadInput for a code that is not a
    billable ICD-10-CM code. Only a code that is not a diagnosis (malformed or unknown) is named
    in the message; a real but non-billable category is not echoed back."""
    c = normalise(code)
    if not SHAPE.fullmatch(c):
        raise BadInput("a diagnosis must be an ICD-10-CM code such as M54.50")
    cm = _cm()
    if not cm.is_valid_item(c):
        raise BadInput(f"{c} is not an ICD-10-CM code")
    if not cm.is_leaf(c):
        raise BadInput("that ICD-10-CM code is a category, not a billable code: use one of its "
                       "more specific codes")
    return c, cm.get_description(c)


def describe(code: str) -> str:
    cm = _cm()
    c = normalise(code)
    return cm.get_description(c) if cm.is_valid_item(c) else ""
