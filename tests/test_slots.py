"""Issue 17: documents fill named slots. Each checklist item takes its own document (the one the
user assigned, else the newest current one of its kind by issue date, then added time, never by
id); one document never fills two items unless the payer says so; the checklist, the packet's
contents and 'app show' name the same file for each item."""

from __future__ import annotations

import re
from datetime import date

import pypdf
import pytest

from conftest import assert_clean_error
from credtrack import compliance
from credtrack import rules as R
from credtrack.demo import sample_pdf
from credtrack.kinds import Records
from credtrack.models import Application, Document, Provider

AS_OF = "2026-11-22"


@pytest.fixture
def dana(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CREDTRACK_TODAY", AS_OF)
    assert cli("init", "--name", "Dana Reyes", "--npi", "1234567893").code == 0
    cli("license", "add", "--state", "FL", "--number", "MA43221", "--issued", "2014-05-01",
        "--expires", "2027-08-31")
    return tmp_path


def pdf(folder, name: str):
    path = folder / name
    path.write_bytes(sample_pdf(name, [f"the document {name}"]))
    return path


def doc_add(cli, *args) -> str:
    result = cli("doc", "add", *map(str, args), "--json")
    assert result.code == 0, result.err
    return result.json()["id"]


def items(cli, app_id) -> dict[str, dict]:
    shown = cli("app", "show", app_id, "--json")
    assert shown.code == 0, shown.err
    return {i["label"]: i for i in shown.json()["checklist"]}


OTHERS = ("Letter of Interest", "Signed Participating Provider Agreement")


def test_two_other_items_need_two_documents_and_attach_assigns_one(cli, dana):
    app_id = cli("apply", "optum", "--json").json()["id"]
    agreement = doc_add(cli, "other", pdf(dana, "ash-services-agreement.pdf"))
    got = items(cli, app_id)
    # one document, two items: it fills one of them and the other is still missing
    assert sorted(got[label]["status"] for label in OTHERS) == ["missing", "ok"]
    assert [got[label]["document"] for label in OTHERS].count(agreement) == 1
    letter = doc_add(cli, "other", pdf(dana, "letter-of-interest.pdf"))
    got = items(cli, app_id)
    assert {got[label]["document"] for label in OTHERS} == {agreement, letter}
    # the user says which is which; the other item takes the other document
    done = cli("app", "attach", app_id, "Signed Participating Provider Agreement", agreement,
               "--json")
    assert done.code == 0, done.err
    assert done.json()["assigned"] is True
    got = items(cli, app_id)
    assert got["Signed Participating Provider Agreement"]["document"] == agreement
    assert got["Signed Participating Provider Agreement"]["assigned"] is True
    assert got["Letter of Interest"]["document"] == letter
    assert got["Letter of Interest"]["assigned"] is False
    # the same document cannot fill the second item too, nor a W-9 slot
    assert_clean_error(cli("app", "attach", app_id, "Letter of Interest", agreement), 2)
    assert_clean_error(cli("app", "attach", app_id, "w9", letter), 2)
    assert_clean_error(cli("app", "attach", app_id, "no such item", letter), 2)
    # the packet's contents page and 'app show' name the same file for each item
    built = cli("packet", "build", app_id, "--draft", "--json")
    assert built.code == 0, built.err
    m = built.json()
    got = items(cli, app_id)
    files = {label: got[label]["document_file"] for label in got if got[label]["document"]}
    assert {d["label"]: d["file"] for d in m["documents"]} == files
    contents_page = m["sections"][1]["pages"][0]
    contents = pypdf.PdfReader(m["path"]).pages[contents_page - 1].extract_text()
    for label, file in files.items():
        assert re.search(re.escape(label) + r"\s+" + re.escape(file), contents), (label, file)
    # 'app show' prints the file next to each item
    text = cli("app", "show", app_id).out
    assert re.search(r"Letter of Interest <- letter-of-interest\.pdf", text)
    assert re.search(r"Signed Participating Provider Agreement <- ash-services-agreement\.pdf "
                     r"\(doc-\w+, assigned\)", text)


def test_detach_gives_the_item_back_to_the_newest_document(cli, dana):
    app_id = cli("apply", "optum", "--json").json()["id"]
    first = doc_add(cli, "other", pdf(dana, "a.pdf"))
    second = doc_add(cli, "other", pdf(dana, "b.pdf"))
    assert items(cli, app_id)["Letter of Interest"]["document"] == second  # the newest first
    assert cli("app", "attach", app_id, "1", first).code == 0  # by number, as 'app show' shows
    assert items(cli, app_id)["Letter of Interest"]["document"] == first
    assert cli("app", "detach", app_id, "Letter of Interest").code == 0
    assert items(cli, app_id)["Letter of Interest"]["document"] == second
    assert_clean_error(cli("app", "detach", app_id, "Letter of Interest"), 2)


def test_a_replacement_added_later_the_same_day_wins(cli, dana):
    """Five copies of one license, same issue and expiry dates, added one after the other on
    one day: each time the one just added fills the slot (by id it would be a lottery: the
    chance that five random ids come in increasing order is 1 in 120)."""
    app_id = cli("apply", "optum", "--json").json()["id"]
    for n in range(5):
        newest = doc_add(cli, "license", pdf(dana, f"license-copy-{n}.pdf"), "--state", "FL",
                         "--issued", "2025-08-01", "--expires", "2027-08-31")
        item = items(cli, app_id)["State license (FL)"]
        assert item["document"] == newest, n
        assert item["document_file"] == f"license-copy-{n}.pdf"


def _doc(doc_id: str, kind: str, added: date, added_at: str = "", issued=None, expires=None):
    return Document(doc_id, kind, "0" * 64, "vault/00/" + "0" * 64, f"{doc_id}.pdf", 1,
                    "application/pdf", added, issued, expires, added_at=added_at)


def test_the_newest_by_issue_date_then_added_time_never_the_id():
    p = Provider("prv-x", "Dana Reyes")
    payer = R.PayerRules(id="p", name="P", kind="network", provider_types=("massage-therapist",),
                         sources=("s",), verified="2026-01-01",
                         documents=(R.DocumentRequirement("w9", "W-9"),))
    app = Application("app-x", "p", states=["FL"])
    on = date(2026, 11, 22)

    def pick(*docs):
        records = Records(p, documents=list(docs))
        got = compliance.checklist(app, records, payer, {}, on)
        return next(i for i in got if i.kind == "w9").document.id

    # a later issue date wins over a later addition
    assert pick(_doc("doc-zzzzzz", "w9", date(2026, 5, 1), issued=date(2025, 1, 1)),
                _doc("doc-222222", "w9", date(2026, 1, 1), issued=date(2026, 1, 1))) == \
        "doc-222222"
    # same issue date: the later addition (day, then time) wins, whatever the ids
    assert pick(_doc("doc-zzzzzz", "w9", date(2026, 1, 1), "2026-01-01T09:00:00.000000+00:00"),
                _doc("doc-222222", "w9", date(2026, 1, 1), "2026-01-01T09:00:00.000001+00:00")) \
        == "doc-222222"
    assert pick(_doc("doc-222222", "w9", date(2026, 1, 1), "2026-01-01T10:00:00.000000+00:00"),
                _doc("doc-zzzzzz", "w9", date(2026, 1, 1), "2026-01-01T09:00:00.000000+00:00")) \
        == "doc-222222"
    # an expired copy never wins over a current one, however new
    assert pick(_doc("doc-aaaaaa", "w9", date(2026, 1, 1), issued=date(2020, 1, 1)),
                _doc("doc-bbbbbb", "w9", date(2026, 11, 1), issued=date(2026, 1, 1),
                     expires=date(2026, 6, 1))) == "doc-aaaaaa"


def test_one_document_fills_two_items_only_when_the_payer_says_so():
    p = Provider("prv-x", "Dana Reyes")
    docs = [_doc("doc-coi111", "liability-coi", date(2026, 1, 1), expires=date(2027, 1, 1))]
    on = date(2026, 11, 22)
    app = Application("app-x", "p", states=["FL"])

    def statuses(reuse: bool):
        payer = R.PayerRules(
            id="p", name="P", kind="network", provider_types=("massage-therapist",),
            sources=("s",), verified="2026-01-01",
            documents=(R.DocumentRequirement("liability-coi", "Malpractice certificate"),
                       R.DocumentRequirement("liability-coi", "Proof of coverage", reuse=reuse)))
        got = compliance.checklist(app, Records(p, documents=docs), payer, {}, on)
        return [(i.key, i.status, i.document.id if i.document else None)
                for i in got if i.kind == "liability-coi"]

    assert statuses(False) == [
        ("liability-coi/malpractice-certificate", "ok", "doc-coi111"),
        ("liability-coi/proof-of-coverage", "missing", None)]
    assert statuses(True) == [
        ("liability-coi/malpractice-certificate", "ok", "doc-coi111"),
        ("liability-coi/proof-of-coverage", "ok", "doc-coi111")]


def test_a_license_copy_carries_its_license_expiry(cli, dana):
    app_id = cli("apply", "optum", "--json").json()["id"]
    doc_add(cli, "license", pdf(dana, "fl-license.pdf"), "--state", "FL")  # no date on the copy
    item = items(cli, app_id)["State license (FL)"]
    assert item["status"] == "ok"
    assert item["document_expires"] == "2027-08-31" and item["expiry_basis"] == "license"
    # once the license lapses (on the packet date), its copy is expired too
    later = cli("app", "show", app_id, "--json", "--as-of", "2027-09-01").json()
    lic = next(i for i in later["checklist"] if i["kind"] == "license")
    assert lic["status"] == "expired" and "2027-08-31" in lic["detail"]


def test_the_desk_attaches_a_document_to_an_item(home, tmp_path):
    from datetime import date as _date

    from credtrack.service import Credtrack
    from credtrack.tui.app import make_app
    from test_tui import fill, run, save

    service = Credtrack(home)
    service.add_provider(Provider("prv-dana", "Dana Reyes"), use=True)
    service.add_license(None, "FL", "MA43221", _date(2014, 5, 1), _date(2027, 8, 31))
    service.apply(None, "optum", ["FL"], on=_date(2026, 11, 1))
    first = service.add_document(None, "other", pdf(tmp_path, "agreement.pdf"))
    second = service.add_document(None, "other", pdf(tmp_path, "letter.pdf"))
    key = "other/signed-participating-provider-agreement"

    def filled() -> str:
        records = service.records()
        items = service.checklist(records.applications[0], records, _date(2026, 11, 22))
        return next(i.document.id for i in items if i.key == key)

    assert filled() == first.id  # by default the older one is left for the second item

    async def scenario():
        desk = make_app(service, as_of=_date(2026, 11, 22))
        async with desk.run_test(size=(100, 30)) as pilot:
            await pilot.press("t")  # no application selected yet: a hint, no form
            assert type(desk.screen).__name__ != "FormScreen"
            await pilot.press("5")
            await pilot.pause()
            await pilot.press("t")
            await fill(pilot, {"item": key, "doc": second.id})
            await save(pilot)
            assert filled() == second.id
            detail = str(desk.query_one("#app-detail").render())
            assert "letter.pdf" in detail
            await pilot.press("q")

    run(scenario())
    stored = service.records().applications[0].assignments
    assert stored == {key: second.id}
