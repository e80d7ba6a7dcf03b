"""Issue 13: one way in. Every screen shows the same license dates and checklists because they
all go through the service; a record kind is declared once; plugins check refuses a module with
nothing in it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from credtrack import hookimpl
from credtrack import kinds as K
from credtrack.models import Document, Record
from credtrack.service import Credtrack

AS_OF = "2026-11-22"
PLUGIN_DATE = "2031-03-03"  # no Florida rule gives this date: only the plugin can


class LateExpiry:
    """A plugin that knows better than the state rule (e.g. a board's extension)."""

    @hookimpl
    def credtrack_license_expiration(self, license, provider, rules):
        return date.fromisoformat(PLUGIN_DATE) if license.state == "FL" else None


@pytest.fixture
def override(register_plugin):
    register_plugin(LateExpiry(), "late-expiry")


def test_a_plugin_expiry_is_the_same_everywhere(cli, override, tmp_path):
    """status --json, license list --json, the packet's data sheet and license renew all use
    the plugin's date (before, only status and the TUI did)."""
    cli("init", "--name", "Dana Reyes", "--npi", "1234567893", "--birth-date", "1986-06-14")
    lic = cli("license", "add", "--state", "FL", "--number", "MA43221", "--issued",
              "2025-10-01", "--json").json()
    report = cli("status", "--json", "--as-of", AS_OF).json()
    renewals = [d for d in report["deadlines"] if d["kind"] == "license-renewal"
                and d["title"].startswith("Renew")]
    assert [d["date"] for d in renewals] == [PLUGIN_DATE]
    listed = cli("license", "list", "--json").json()
    assert [(x["effective_expires"], x["expiry_basis"]) for x in listed] == [(PLUGIN_DATE, "plugin")]

    app = cli("apply", "ash", "--state", "FL", "--json").json()
    out = tmp_path / "packet.pdf"
    built = cli("packet", "build", app["id"], "--draft", "-o", out)
    assert built.code == 0, built.err
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert PLUGIN_DATE in text

    renewed = cli("license", "renew", lic["id"], "--json").json()
    assert renewed["renewals"][-1]["previous_expires"] == PLUGIN_DATE
    assert renewed["expires"] > PLUGIN_DATE


def _practice(home: Path) -> tuple[Credtrack, str, str]:
    from credtrack.models import Provider

    svc = Credtrack(home, entry_points=False)
    p = svc.add_provider(Provider("prv-dana", "Dana Reyes", birth_date=date(1986, 6, 14)), use=True)
    svc.add_license(p.id, "FL", "MA43221", date(2025, 10, 1))
    pdf = home.parent / "coi.pdf"
    pdf.write_bytes(_tiny_pdf())
    svc.add_document(p.id, "liability-coi", pdf, expires=date(2026, 10, 15),
                     limits=(1_000_000, 3_000_000), today=date(2026, 9, 1))
    app, _ = svc.apply(p.id, "ash", ["FL"], on=date(2026, 9, 20))
    svc.set_status(p.id, app.id, "submitted", date(2026, 10, 1))
    return svc, p.id, app.id


def _tiny_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(612, 792)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def _dashboard(svc: Credtrack, pid: str, app_id: str, as_of: date) -> list[tuple[str, str]]:
    report = svc.report(as_of, pid)
    checklist = ("missing-document", "expired-document", "coverage-below-minimum")
    return sorted((f.code, f.message) for f in report.findings
                  if f.subject == app_id and f.code in checklist)


def _pane(svc: Credtrack, pid: str, app_id: str, as_of: date) -> list[tuple[str, str]]:
    info = svc.application(pid, app_id, as_of)
    return sorted((f.code, f.message) for f in info["findings"])


def test_dashboard_and_applications_pane_agree_on_one_date_rule(home):
    """Submitted 2026-10-01 with a COI valid until 2026-10-15: judged on the submission date,
    the COI is fine on both screens. Moved back to gathering, the checklist is judged today
    (2026-11-22) and both screens say the COI has expired."""
    svc, pid, app_id = _practice(home)
    as_of = date(2026, 11, 22)
    submitted = _dashboard(svc, pid, app_id, as_of)
    assert submitted == _pane(svc, pid, app_id, as_of)
    assert not [m for code, m in submitted if "insurance" in m.lower()]
    coi_item = next(i for i in svc.application(pid, app_id, as_of)["checklist"]
                    if i.kind == "liability-coi")
    assert coi_item.status == "ok"

    svc.set_status(pid, app_id, "gathering", date(2026, 11, 20))
    gathering = _dashboard(svc, pid, app_id, as_of)
    assert gathering == _pane(svc, pid, app_id, as_of)
    assert ("expired-document", next(m for c, m in gathering if c == "expired-document")) \
        in gathering
    assert any("2026-10-15" in m for c, m in gathering if c == "expired-document")


# -- a record kind declared once ------------------------------------------------------------

@dataclass
class Membership(Record):
    TABLE = "memberships"
    PREFIX = "mem"

    id: str
    organization: str
    expires: date | None = None


@pytest.fixture
def membership_kind():
    kind = K.register(K.RecordKind("membership", Membership, "memberships", "Membership",
                                   "memberships", ("id", "organization", "expires"),
                                   expiry_field="expires", title_field="organization"))
    yield kind
    K.unregister("membership")


def test_a_new_record_kind_is_listable_exportable_and_evaluable(cli, home, membership_kind,
                                                                 tmp_path):
    """Declared once (the fixture above): no CLI, TUI or calendar code names it."""
    cli("init", "--name", "Dana Reyes")
    svc = Credtrack(home, entry_points=False)
    pid = svc.provider_id()
    with svc.store.write(pid) as pf:
        pf.insert(Membership("mem-abc234", "AMTA", date(2026, 12, 31)))
    listed = cli("list", "membership", "--json")
    assert listed.code == 0, listed.err
    assert listed.json() == [{"id": "mem-abc234", "organization": "AMTA",
                              "expires": "2026-12-31"}]
    table = cli("list", "membership").out
    assert "AMTA" in table and "2026-12-31" in table

    out = tmp_path / "export.json"
    assert cli("export", out).code == 0
    import json

    exported = json.loads(out.read_text())
    assert exported["providers"][0]["memberships"] == [
        {"id": "mem-abc234", "organization": "AMTA", "expires": "2026-12-31"}]

    report = cli("status", "--json", "--as-of", "2027-01-05").json()
    mine = [d for d in report["deadlines"] if d["kind"] == "membership-expiry"]
    assert [(d["date"], d["title"], d["overdue"]) for d in mine] == [
        ("2026-12-31", "Membership AMTA expires", True)]
    assert [f["code"] for f in report["findings"] if f["subject"] == "mem-abc234"] == [
        "membership-expired"]

    ics = tmp_path / "c.ics"
    assert cli("ical", "export", "-o", ics).code == 0
    assert "Membership AMTA expires" in ics.read_text().replace("\r\n ", "")


def test_an_unknown_kind_is_one_clear_line(cli):
    from conftest import assert_clean_error

    cli("init", "--name", "Dana Reyes")
    assert_clean_error(cli("list", "memberships"))


def test_the_kind_table_drives_the_store_and_the_engine():
    """The bundled kinds are all there, each table once, with its deadline kinds."""
    names = [k.name for k in K.kinds()]
    assert names[:6] == ["license", "document", "ce", "application", "followup", "attestation"]
    assert K.by_model(Document).table == "documents"
    assert set(K.deadline_kinds()) >= {"license-renewal", "ce-due", "document-expiry",
                                        "follow-up", "caqh-attestation", "recredentialing"}
    with pytest.raises(ValueError):
        K.register(K.RecordKind("license2", Membership, "licenses", "x", "x"))


# -- actions ---------------------------------------------------------------------------------

def test_findings_carry_an_action_the_cli_renders(cli):
    cli("init", "--name", "Dana Reyes")
    app = cli("apply", "ash", "--state", "FL", "--json").json()
    report = cli("status", "--json", "--as-of", AS_OF).json()
    w9 = next(f for f in report["findings"] if f["code"] == "missing-document"
              and "W-9" in f["message"])
    assert w9["action"] == {"id": "document.add", "record": app["id"], "args": {"kind": "w9"}}
    assert "credtrack" not in w9["message"]  # no CLI words in what the TUI shows too
    assert "run: credtrack doc add w9 FILE" in cli("status", "--as-of", AS_OF).out


# -- plugins check -------------------------------------------------------------------------

def test_plugins_check_refuses_a_module_without_hooks(cli, tmp_path):
    empty = tmp_path / "nothing_here.py"
    empty.write_text('"""A module that provides nothing."""\nVALUE = 3\n')
    result = cli("plugins", "check", empty)
    assert result.code == 1
    assert "provides no credtrack hook" in result.out + result.err
