"""What every check receives: one provider's records, the rules, the date, and what is derived
from them once (license views with the plugin override, CE progress, documents by kind). Pure."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any, Mapping

from credtrack import rules as R
from credtrack.compliance.ce import ce_progress
from credtrack.compliance.core import Override
from credtrack.compliance.licenses import license_views, rules_for
from credtrack.kinds import Records


class Context:
    """What every check (and plugins' findings/deadlines hooks) receives: one provider's records,
    the rules, the date, and what is derived from them once (license views, CE progress)."""

    def __init__(self, records: Records, states: Mapping[str, R.StateRules],
                 payers: Mapping[str, Any], as_of: date, override: Override | None = None):
        self.records, self.states, self.payers, self.as_of = records, states, payers, as_of
        self.override = override

    @cached_property
    def licenses(self) -> list:
        """Every license with its computed dates (credtrack.compliance.licenses.LicenseView)."""
        p = self.records.provider
        return license_views(self.records.licenses, p,
                             lambda lic: rules_for(self.states, lic, p), self.override,
                             self.as_of)

    @cached_property
    def ce(self) -> list:
        """CE progress of each license's current cycle (credtrack.compliance.ce.CEProgress)."""
        out = []
        for view in self.licenses:
            if view.license.privilege_of:  # a privilege holder meets the home state's CE
                continue
            progress = ce_progress(view, self.records.provider, self.records.ce, self.as_of)
            if progress is not None:
                out.append(progress)
        return out

    @cached_property
    def license_expiries(self) -> dict[str, date]:
        """Each state's license expiry (with the plugin override), to date license copies."""
        expiries: dict[str, date] = {}
        for view in self.licenses:
            when = view.expires
            if when is not None and (view.license.state not in expiries
                                     or when > expiries[view.license.state]):
                expiries[view.license.state] = when
        return expiries

    @cached_property
    def documents_by_kind(self) -> dict[str, list]:
        by_kind: dict[str, list] = {}
        for d in self.records.documents:
            by_kind.setdefault(d.kind, []).append(d)
        return by_kind
