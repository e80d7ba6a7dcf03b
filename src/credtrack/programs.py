"""The service's actions for program enrollment (Original Medicare): part of the service
(``Credtrack`` inherits it)."""

from __future__ import annotations

from datetime import date

from credtrack.errors import BadInput, CredtrackError
from credtrack.models import ENROLLMENT_CHANGES, Enrollment, new_id
from credtrack.validate import check_dates as _dates, user_text as _text


class EnrollmentActions:
    def _medicare_answer(self, provider) -> None:
        payer = self.registry.payer("medicare")
        credential = getattr(payer, "credential", None)
        if credential is None:
            return
        answer = credential(provider.provider_type)
        if answer.answer == "no":
            raise CredtrackError(f"Original Medicare does not enroll "
                                 f"{provider.provider_type.replace('-', ' ')}s ({answer.text}; "
                                 f"source: {answer.source})", 1)

    def enroll(self, provider_id: str | None, on: date, ptan: str = "",
               revalidated: date | None = None, due: date | None = None) -> Enrollment:
        _dates(enrollment_date=on, revalidation_date=revalidated, due_date=due)
        pid = self.provider_id(provider_id)
        with self.store.write(pid) as pf:
            self._medicare_answer(pf.provider)
            if any(e.program == "medicare" for e in pf.all(Enrollment)):
                raise BadInput("a Medicare enrollment is already recorded: edit it with "
                               "'credtrack medicare revalidated' or 'medicare change'")
            e = Enrollment(new_id(Enrollment.PREFIX), "medicare", on, _text(ptan, "PTAN", 20),
                           revalidated, due)
            pf.insert(e)
        return e

    def _medicare(self, pf) -> Enrollment:
        found = [e for e in pf.all(Enrollment) if e.program == "medicare"]
        if not found:
            raise BadInput("no Medicare enrollment recorded ('credtrack medicare enroll')")
        return found[0]

    def revalidated(self, provider_id: str | None, on: date,
                    next_due: date | None = None) -> Enrollment:
        _dates(revalidation_date=on, due_date=next_due)
        with self.store.write(self.provider_id(provider_id)) as pf:
            e = self._medicare(pf)
            if on < e.enrolled:
                raise BadInput("the revalidation date is before the enrollment")
            e.revalidated, e.revalidation_due = on, next_due
            pf.update(e)
        return e

    def medicare_change(self, provider_id: str | None, kind: str, on: date,
                        reported: date | None = None) -> Enrollment:
        from credtrack import validate as V

        kind = V.parse_choice(kind, ENROLLMENT_CHANGES, "change")
        _dates(change_date=on, report_date=reported)
        with self.store.write(self.provider_id(provider_id)) as pf:
            e = self._medicare(pf)
            changes = [c for c in e.changes if not (c["date"] == on.isoformat()
                                                    and c["kind"] == kind)]
            changes.append({"date": on.isoformat(), "kind": kind,
                            "reported": reported.isoformat() if reported else ""})
            e.changes = sorted(changes, key=lambda c: (c["date"], c["kind"]))
            pf.update(e)
        return e
