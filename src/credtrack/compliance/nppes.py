"""NPI Registry cross-check: a ``nppes-mismatch`` finding when the registry's record (the
snapshot stored on the provider by credtrack.nppes) disagrees with credtrack's: the NPI is not
found or deactivated (error), or a license number, a license state or the taxonomy differs
(warning). Messages name states and codes, never license numbers. Pure."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from credtrack.compliance.core import Finding, action

if TYPE_CHECKING:
    from credtrack.compliance.context import Context

NPPES_SOURCE = "https://npiregistry.cms.hhs.gov/"
CODE = "nppes-mismatch"


def _number(text: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", str(text or "").upper())


def registry_licenses(snapshot: dict) -> dict[str, set[str]]:
    """State -> the license numbers the registry's taxonomies carry for it."""
    out: dict[str, set[str]] = {}
    for t in snapshot.get("taxonomies") or []:
        state = str(t.get("state") or "").upper()
        if state and t.get("license"):
            out.setdefault(state, set()).add(_number(t["license"]))
    return out


def check_nppes(ctx: Context) -> Iterator[Finding]:
    p = ctx.records.provider
    snap = p.registry
    if not snap:
        return
    rule = f"the NPI Registry record read {snap.get('read', '')} ({snap.get('source', '')})"
    fix = action("provider.nppes")

    def finding(severity: str, message: str, subject: str = "") -> Finding:
        return Finding(severity, CODE, message, p.id, subject, rule, NPPES_SOURCE, fix)

    if not snap.get("found", True):
        yield finding("error", "the NPI is not in the NPI Registry: check the number, or "
                      "whether it was deactivated")
        return
    if snap.get("deactivated"):
        yield finding("error", "the NPI Registry shows the NPI as deactivated")
    if p.npi and snap.get("npi") and snap["npi"] != p.npi:
        yield finding("warning", "the registry record stored is for another NPI than the "
                      "provider's: read it again")
        return
    codes = [t.get("code") for t in snap.get("taxonomies") or [] if t.get("code")]
    if codes and p.taxonomy and p.taxonomy not in codes:
        yield finding("warning", f"the taxonomy code {p.taxonomy} is not among the registry's "
                      f"({', '.join(sorted(set(codes)))})")
    registry = registry_licenses(snap)
    if not registry:
        return
    ours = set()
    for lic in sorted(ctx.records.licenses, key=lambda x: (x.state, x.id)):
        ours.add(lic.state)
        if lic.state not in registry:
            yield finding("warning", f"the NPI Registry lists no {lic.state} license", lic.id)
        elif lic.number and _number(lic.number) not in registry[lic.state]:
            yield finding("warning", f"the {lic.state} license number differs from the NPI "
                          "Registry's", lic.id)
    for state in sorted(set(registry) - ours):
        yield finding("warning", f"the NPI Registry lists a {state} license that credtrack has "
                      "no record of")
