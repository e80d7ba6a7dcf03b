"""The service's actions for getting paid: cases (plans of care), authorizations, visits, claim
checks, imported NCCI edits and superbills. Part of the service (``Credtrack`` inherits it).

Patient data (the client's name, member id, diagnoses) stays out of every message; a case
cannot be added to a data dir without encryption at rest unless the user said once, with
``--no-phi-protection``, that they accept that (recorded in ``phi-unprotected.json``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from credtrack import validate as V
from credtrack.validate import check_dates as _dates, user_text as _text
from credtrack.errors import BadInput, CredtrackError
from credtrack.models import Authorization, Case, Visit, new_id

PHI_MARKER = "phi-unprotected.json"
NCCI_FILE = "ncci-edits.json"


class PhiRefused(CredtrackError):
    exit_code = 2


class CaseActions:
    """Mixed into :class:`credtrack.service.Credtrack` (uses its store, clock and rules)."""

    # -- patient data protection -----------------------------------------------------------
    def phi_unprotected(self) -> dict | None:
        marker = self.root / PHI_MARKER
        try:
            return json.loads(marker.read_text())
        except (OSError, ValueError):
            return None

    def _phi_gate(self, no_phi_protection: bool) -> None:
        if self.store.encrypted or self.phi_unprotected() is not None:
            return
        if not no_phi_protection:
            raise PhiRefused("cases hold patient data: turn on encryption at rest first "
                             "('credtrack encryption enable'), or pass --no-phi-protection once "
                             "to keep them unencrypted")
        from credtrack.fsio import atomic_write_bytes, ensure_private_dir

        ensure_private_dir(self.root)
        atomic_write_bytes(self.root / PHI_MARKER, json.dumps(
            {"accepted": self.today().isoformat(),
             "what": "cases stored without encryption at rest (--no-phi-protection)"}).encode())

    # -- cases -------------------------------------------------------------------------------
    def add_case(self, provider_id: str | None, client: str, payer: str, *,
                 diagnoses: list[str] = (), referring_name: str = "", referring_npi: str = "",
                 referring_specialty: str = "", visits: int | None = None,
                 start: date | None = None, end: date | None = None,
                 referral: Path | None = None, client_name: str = "", member_id: str = "",
                 state: str = "", note: str = "", no_phi_protection: bool = False
                 ) -> tuple[Case, list[tuple[str, str]]]:
        """A plan of care; returns it and each diagnosis with its description."""
        from credtrack import icd10
        pid = self.provider_id(provider_id)
        rules = self.payer_rules(payer)
        client = _text(client, "client label", 60).strip()
        if not client:
            raise BadInput("give the client a label of your own (e.g. 'Client A')")
        client_name = _text(client_name, "client name", 120).strip()
        if client_name and client.lower() == client_name.lower():
            raise BadInput("the client label must not be the client's name: calendars show it")
        coded = [icd10.check(d) for d in diagnoses]
        if referring_npi:
            referring_npi = V.parse_npi(referring_npi)
        _dates(start_date=start, end_date=end)
        if start and end and end < start:
            raise BadInput("the prescription's end date must not be before its start")
        if visits is not None and not 0 < visits <= 999:
            raise BadInput("visits prescribed must be between 1 and 999")
        case = Case(new_id(Case.PREFIX), client, rules.id, [c for c, _ in coded],
                    referring_name=_text(referring_name, "referring provider", 120),
                    referring_npi=referring_npi,
                    referring_specialty=_text(referring_specialty, "specialty", 80),
                    visits_prescribed=visits, start=start, end=end, client_name=client_name,
                    member_id=_text(member_id, "member id", 60),
                    state=V.parse_state(state) if state else "", note=_text(note, "note"))
        self._phi_gate(no_phi_protection)
        if referral is not None:
            make = self._document_maker("referral", issued=start)

            def with_case(stored) -> list:
                doc, *rest = make(stored)
                case.referral_document_id = doc.id
                return [doc, *rest, case]

            self.store.put_document(pid, Path(referral), with_case)
        else:
            with self.store.write(pid) as pf:
                pf.insert(case)
        return case, coded

    def _case(self, records, case_id: str) -> Case:
        case = next((c for c in records.cases if c.id == case_id), None)
        if case is None:
            from credtrack.errors import shown_id

            raise BadInput(f"no case {shown_id(case_id, 'with id ')} (see 'credtrack case list')")
        return case

    def close_case(self, provider_id: str | None, case_id: str, on: date | None = None) -> Case:
        pid = self.provider_id(provider_id)
        with self.store.write(pid) as pf:
            case = pf.get(Case, case_id)
            if case.status == "closed":
                raise BadInput("the case is already closed")
            case.status, case.closed = "closed", on or self.today()
            pf.update(case)
        return case

    def purge_case(self, provider_id: str | None, case_id: str) -> dict[str, int]:
        """Remove a case with its authorizations, visits and referral document for good: the
        records, the vault file (unless another record uses it) and every older copy of the
        provider's records that still holds them."""
        pid = self.provider_id(provider_id)
        records = self.records(pid)
        case = self._case(records, case_id)
        doc_ids = [case.referral_document_id] if case.referral_document_id else []
        with self.store.write(pid) as pf:
            auths = [a for a in pf.all(Authorization) if a.case_id == case.id]
            visits = [v for v in pf.all(Visit) if v.case_id == case.id]
            for rec in (*auths, *visits):
                pf.remove(type(rec), rec.id)
            pf.remove(Case, case.id)
        for doc_id in doc_ids:
            try:
                self.store.remove_document(pid, doc_id)
            except CredtrackError:
                pass  # removed by hand already
        self.store.forget_history(pid)
        return {"authorizations": len(auths), "visits": len(visits), "documents": len(doc_ids)}

    def add_authorization(self, provider_id: str | None, case_id: str, *, number: str = "",
                          vendor: str = "", visits: int | None = None,
                          units: dict[str, int] | None = None, start: date | None = None,
                          end: date | None = None, note: str = "") -> Authorization:
        pid = self.provider_id(provider_id)
        self._case(self.records(pid), case_id)
        _dates(start_date=start, end_date=end)
        if start and end and end < start:
            raise BadInput("the authorization's end date must not be before its start")
        if visits is not None and not 0 < visits <= 999:
            raise BadInput("visits approved must be between 1 and 999")
        if visits is None and not units:
            raise BadInput("give the visits (--visits) or units per code (--units) approved")
        auth = Authorization(new_id(Authorization.PREFIX), case_id, _text(number, "number", 60),
                             _text(vendor, "vendor", 80), visits, dict(units or {}), start, end,
                             _text(note, "note"))
        with self.store.write(pid) as pf:
            pf.insert(auth)
        return auth

    def add_visit(self, provider_id: str | None, case_id: str, on: date, lines: list,
                  override: bool = False, note: str = "") -> Visit:
        """Log a visit. A visit past an exhausted authorization is refused unless ``override``
        (then recorded as such)."""
        from credtrack.compliance.cases import auth_use, case_visits, covers
        pid = self.provider_id(provider_id)
        _dates(visit_date=on)
        with self.store.write(pid) as pf:
            records = pf.records()
            case = self._case(records, case_id)
            if case.status != "open":
                raise BadInput("the case is closed")
            visits = case_visits(case, records.visits)
            for auth in (a for a in records.authorizations
                         if a.case_id == case.id and covers(a, on)):
                use = auth_use(auth, visits)
                if auth.visits is not None and use.used >= auth.visits and not override:
                    raise CredtrackError(
                        f"authorization {auth.number or auth.id} has no visits left ({use.used} "
                        f"of {auth.visits} used); get more approved, or record this visit "
                        "anyway with --override", 1)
            visit = Visit(new_id(Visit.PREFIX), case.id, on, [x.to_dict() for x in lines],
                          override, _text(note, "note"))
            pf.insert(visit)
        return visit

    def case_info(self, provider_id: str | None, case_id: str, as_of: date) -> dict[str, Any]:
        from credtrack.compliance.cases import auth_use, case_visits

        pid = self.provider_id(provider_id)
        records = self.records(pid)
        case = self._case(records, case_id)
        visits = case_visits(case, records.visits)
        auths = [a for a in records.authorizations if a.case_id == case.id]
        ids = {case.id, *(a.id for a in auths), *(v.id for v in visits)}
        report, _ = self.evaluate(records, as_of)
        return {"case": case, "visits": visits,
                "authorizations": [auth_use(a, visits) for a in auths],
                "deadlines": [d for d in report.deadlines if d.subject in ids],
                "findings": [f for f in report.findings if f.subject in ids],
                "payer": self.registry.payer(case.payer)}

    # -- claims ------------------------------------------------------------------------------
    def claim_check(self, provider_id: str | None, case_id: str, lines: list, on: date,
                    diagnoses: list[str] = ()) -> list:
        from credtrack.claims import check_claim

        pid = self.provider_id(provider_id)
        records = self.records(pid)
        case = self._case(records, case_id)
        return check_claim(case, lines, on, records, self.registry.payer(case.payer),
                           self.ncci_edits(), records.provider.provider_type, diagnoses)

    def ncci_edits(self) -> list:
        from credtrack.claims import NcciEdit

        try:
            data = json.loads((self.root / NCCI_FILE).read_text())
        except (OSError, ValueError):
            return []
        return [NcciEdit(e["column1"], e["column2"], date.fromisoformat(e["effective"]),
                         date.fromisoformat(e["deleted"]) if e.get("deleted") else None,
                         e["indicator"], data.get("quarter", ""), data.get("file", ""))
                for e in data.get("edits", [])]

    def import_ncci(self, file: Path, quarter: str = "") -> dict[str, Any]:
        """Read a CMS NCCI PTP edit file (tab-delimited text) the user downloaded; keep its
        edits for ``claim check``. Replaces an earlier import."""
        from credtrack.fsio import atomic_write_bytes, ensure_private_dir
        from credtrack.ncci import parse_ptp

        edits, found_quarter = parse_ptp(Path(file))
        quarter = quarter or found_quarter
        ensure_private_dir(self.root)
        payload = {"file": Path(file).name[:120], "quarter": quarter, "imported":
                   self.today().isoformat(), "edits": edits}
        atomic_write_bytes(self.root / NCCI_FILE, json.dumps(payload).encode())
        return {"edits": len(edits), "quarter": quarter, "file": payload["file"]}

    # -- superbills --------------------------------------------------------------------------
    def superbill(self, provider_id: str | None, case_id: str, output: Path | None = None, *,
                  start: date | None = None, end: date | None = None, show_tin: bool = False,
                  letter: bool = False, force: bool = False) -> Path:
        """Write a superbill (or, with ``letter``, a letter of medical necessity) PDF for a
        case's visits in a date range; 0600, named as a PHI export."""
        from credtrack import superbill as S
        from credtrack.fsio import atomic_write_bytes, ensure_private_dir

        pid = self.provider_id(provider_id)
        records = self.records(pid)
        case = self._case(records, case_id)
        visits = [v for v in records.visits if v.case_id == case.id
                  and (start is None or v.date >= start) and (end is None or v.date <= end)]
        if not visits and not letter:
            raise BadInput("no visits in that date range to put on a superbill")
        plan = S.plan(records, case, sorted(visits, key=lambda v: (v.date, v.id)),
                      self.registry.payer(case.payer), self.today(), show_tin, letter)
        pdf = S.render(plan)
        kind = "letter-of-medical-necessity" if letter else "superbill"
        if output is None:
            folder = self.root / "exports"
            ensure_private_dir(folder)
            output = folder / f"PHI-{kind}-{case.id}-{self.today().isoformat()}.pdf"
        output = Path(output)
        if output.exists() and not force and not output.name.startswith("PHI-"):
            raise BadInput("that file exists and is not a credtrack PHI export: choose another "
                           "name or pass --force")
        atomic_write_bytes(output, pdf)
        output.chmod(0o600)
        return output
