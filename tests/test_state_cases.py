"""Issue 14: the case corpus (tests/cases/states/*.toml), derived from the sources, not the code.

Each case is one therapist with one license: the facts a user enters (issue and birth dates,
license number, renewals, CE credits, documents) and what the board's own rule says follows
(first expiry, file-by date, CE hours and subjects owed, findings), with the citation (URL and
section) and the arithmetic done by hand. Every case runs through the service
(``Credtrack.evaluate``, the one way in that the CLI and TUI use) with the bundled plugins.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from credtrack.kinds import Records
from credtrack.models import CECredit, Document, License, Provider
from credtrack.service import Credtrack

CASES_DIR = Path(__file__).parent / "cases" / "states"
PROFESSION_DIR = Path(__file__).parent / "cases" / "professions"  # issue 23: (state, profession)
AS_OF = "2026-11-22"
SHAPES = {  # every rule shape the issue lists
    "parity-year", "parity-number", "birth-month", "birthday", "anniversary",
    "first-term-minimum", "prorated", "halved", "tiers", "caps", "carry-over", "nested",
    "equivalent", "one-time", "file-by",
}


def _load(folder: Path = CASES_DIR) -> list[tuple[str, dict]]:
    out = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text())
        for case in data.get("case", []):
            case.setdefault("state", data.get("state", ""))
            case.setdefault("profession", data.get("profession", "massage-therapist"))
            out.append((f"{path.stem}:{case.get('id', '?')}", case))
    return out


CASES = _load()
PROFESSION_CASES = _load(PROFESSION_DIR)


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _records(case: dict) -> Records:
    provider = Provider("prv-case", "Case Therapist", birth_date=_d(case.get("birth")),
                        practicing_since=_d(case.get("practicing_since")),
                        provider_type=case.get("profession", "massage-therapist"))
    lic = License("lic-case", case["state"], number=case.get("number", ""),
                  issued=_d(case.get("issued")), expires=_d(case.get("expires")))
    credits = [CECredit(f"ce-{i:03d}", float(c["hours"]), c.get("subject", "general"),
                        date.fromisoformat(c["completed"]), delivery=c.get("delivery", "in-person"))
               for i, c in enumerate(case.get("ce", []))]
    docs = [Document(f"doc-{i:03d}", d["kind"], "0" * 64, "", "coi.pdf", 1, "application/pdf",
                     date(2026, 1, 1), expires=_d(d.get("expires")), per_claim=d.get("per_claim"),
                     aggregate=d.get("aggregate"), state=d.get("state", ""))
            for i, d in enumerate(case.get("documents", []))]
    return Records(provider, licenses=[lic], ce=credits, documents=docs)


def _renew(app: Credtrack, records: Records, renewals: list[str]) -> None:
    """Record renewals the way ``license renew --expires`` does: each one moves the expiry."""
    lic = records.licenses[0]
    for new in renewals:
        current = app.license_view(lic, records.provider).expires
        lic.renewals.append({"date": current.isoformat() if current else "",
                             "previous_expires": current.isoformat() if current else "",
                             "expires": new})
        lic.expires = date.fromisoformat(new)


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> Credtrack:
    return Credtrack(tmp_path_factory.mktemp("cases-home"))


def test_corpus_size_and_reach():
    """At least 120 cases, every one of the 51 jurisdictions, every rule shape of the issue."""
    from credtrack_states import all_rules

    assert len(CASES) >= 120, len(CASES)
    assert {c["state"] for _, c in CASES} == {r.code for r in all_rules()}
    covered = {s for _, c in CASES for s in c.get("shapes", [])}
    assert SHAPES <= covered, sorted(SHAPES - covered)
    assert len({name for name, _ in CASES}) == len(CASES), "case ids must be unique"


def test_every_profession_rule_has_cases():
    """Issue 23: every (state, profession) the bundled packages add has a case of its own."""
    from credtrack_states import every_rule

    added = {(r.code, r.profession) for r in every_rule() if r.profession != "massage-therapist"}
    assert {(c["state"], c["profession"]) for _, c in PROFESSION_CASES} == added


ALL_CASES = CASES + PROFESSION_CASES


@pytest.mark.parametrize("name,case", ALL_CASES, ids=[n for n, _ in ALL_CASES])
def test_case_cites_its_source_and_shows_its_arithmetic(name, case):
    """A case without a citation (URL and section) or without its hand arithmetic fails."""
    cite = case.get("cite", "")
    assert cite.startswith(("https://", "http://")), f"{name}: no citation URL"
    assert case.get("section", "").strip(), f"{name}: no section in the citation"
    assert case.get("arithmetic", "").strip(), f"{name}: no hand arithmetic"
    assert case.get("expect"), f"{name}: nothing expected"


def _check(case: dict, report, ctx) -> list[str]:
    exp, problems = case["expect"], []
    renew = [d for d in report.deadlines if d.kind == "license-renewal"]
    main = [d for d in renew if not d.key.startswith("file-by:")]
    file_by = [d for d in renew if d.key.startswith("file-by:")]
    codes = {f.code for f in report.findings}
    ce = ctx.ce[0] if ctx.ce else None

    def want(key, got):
        if key in exp and exp[key] != got:
            problems.append(f"{key}: expected {exp[key]!r}, got {got!r}")

    want("expiry", main[0].date.isoformat() if main else None)
    want("file_by", file_by[0].date.isoformat() if file_by else None)
    want("renewal_confidence", main[0].confidence if main else None)
    for code in exp.get("codes", []):
        if code not in codes:
            problems.append(f"finding {code} expected, got {sorted(codes)}")
    for code in exp.get("not_codes", []):
        if code in codes:
            problems.append(f"finding {code} not expected")
    if exp.get("no_ce"):
        if any(d.kind == "ce-due" for d in report.deadlines):
            problems.append("no CE deadline expected")
    if any(k.startswith("ce_") or k in ("missing", "missing_has", "in_person_owed", "counted",
                                        "first_period") for k in exp) and ce is None:
        return problems + ["CE progress expected, none computed"]
    if ce is not None:
        period = [ce.view.period_start.isoformat() if ce.view.period_start else None,
                  ce.view.period_end.isoformat() if ce.view.period_end else None]
        want("ce_period", period)
        want("ce_required", ce.required)
        want("ce_owed", ce.owed)
        want("counted", ce.counted)
        want("in_person_owed", ce.in_person_gap)
        want("first_period", ce.view.first_period)
        want("missing", ce.subject_gaps)
        for gap in exp.get("missing_has", []):
            if gap not in ce.subject_gaps:
                problems.append(f"missing subject {gap!r} expected, got {ce.subject_gaps}")
        due = [d for d in report.deadlines if d.kind == "ce-due"]
        want("ce_due", due[0].date.isoformat() if due else None)
        want("ce_confidence", due[0].confidence if due else None)
    return problems


@pytest.mark.parametrize("name,case", ALL_CASES, ids=[n for n, _ in ALL_CASES])
def test_case(service, name, case):
    records = _records(case)
    _renew(service, records, case.get("renewals", []))
    report, ctx = service.evaluate(records, date.fromisoformat(case.get("as_of", AS_OF)))
    problems = _check(case, report, ctx)
    assert not problems, f"{name} ({case['cite']} {case['section']}): " + "; ".join(problems)
