"""Issue 5: the TUI, driven by Textual's Pilot against a real store."""

from __future__ import annotations

import asyncio
import random
from datetime import date

import pytest
from textual.widgets import Label, Select, Static

from credtrack.service import Credtrack
from credtrack.tui.app import make_app
from credtrack.demo import sample_pdf

AS_OF = date(2026, 11, 22)


def run(coro):
    return asyncio.run(coro)


async def fill(pilot, values: dict[str, str]) -> None:
    screen = pilot.app.screen
    for name, value in values.items():
        widget = screen.query_one(f"#f-{name}")
        if isinstance(widget, Select):
            widget.value = value
        else:
            widget.value = value
    await pilot.pause()


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


@pytest.fixture
def dana(home) -> Credtrack:
    """A service whose store holds one provider."""
    from credtrack.models import Provider

    service = Credtrack(home)
    service.add_provider(Provider("x", "Dana Reyes"))
    return service


def error_of(pilot, name: str) -> str:
    return str(pilot.app.screen.query_one(f"#e-{name}", Label).render())


def topbar(app) -> str:
    return str(app.query_one("#topbar", Static).render())


def test_first_run_to_a_logged_call(home, tmp_path):
    w9 = tmp_path / "w9.pdf"
    w9.write_bytes(sample_pdf("w9", ["x"]))
    service = Credtrack(home)

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            assert type(app.screen).__name__ == "WelcomeScreen"
            await fill(pilot, {"name": "Dana Reyes", "npi": "1234567890", "birth_date": "1986-02-30"})
            await save(pilot)
            assert "check digit" in error_of(pilot, "npi")
            assert "does not exist" in error_of(pilot, "birth_date")
            assert service.store.entries() == []  # nothing saved
            await fill(pilot, {"npi": "1234567893", "birth_date": "1986-06-14"})
            await save(pilot)
            assert [e.name for e in service.store.entries()] == ["Dana Reyes"]
            assert "Dana Reyes" in topbar(app)

            await pilot.press("l")
            await fill(pilot, {"state": "FL", "number": "MA43221", "issued": "2025-10-01"})
            await save(pilot)
            assert [l.state for l in service.records().licenses] == ["FL"]
            assert "Renew Florida license" in topbar(app) or "Florida" in str(
                app.query_one("#dash-deadlines").get_row_at(0))

            await pilot.press("d")
            await fill(pilot, {"kind": "w9", "file": str(tmp_path / "missing.pdf")})
            await save(pilot)
            assert "no such file" in error_of(pilot, "file")
            assert service.records().documents == []
            await fill(pilot, {"file": str(w9), "expires": "2026-13-01"})
            await save(pilot)
            assert "does not exist" in error_of(pilot, "expires") or "YYYY" in error_of(pilot, "expires")
            await fill(pilot, {"expires": ""})
            await save(pilot)
            assert [d.kind for d in service.records().documents] == ["w9"]

            await pilot.press("a")
            await fill(pilot, {"payer": "ash", "state": "FL"})
            await save(pilot)
            apps = service.records().applications
            assert [a.payer for a in apps] == ["ash"]
            assert "1 open application" in str(app.query_one("#counts", Static).render())

            await pilot.press("s")
            await fill(pilot, {"status": "submitted"})
            await save(pilot)
            assert service.records().applications[0].status == "submitted"

            await pilot.press("f")
            await fill(pilot, {"contact": "Maria", "ref": "CR-48213"})
            await save(pilot)
            fus = service.records().followups
            assert [(f.ref, f.contact) for f in fus] == [("CR-48213", "Maria")]
            await pilot.press("5")
            detail = str(app.query_one("#app-detail", Static).render())
            assert "CR-48213" in detail and "Next call" in detail
            assert app.active_tab == "applications"
            titles = [str(app.query_one("#dash-deadlines").get_row_at(i)[3])
                      for i in range(app.query_one("#dash-deadlines").row_count)]
            assert any("Call American Specialty Health about" in t for t in titles)
            await pilot.press("q")

    run(scenario())


def test_enter_shows_rule_and_source(dana, home):
    service = dana
    service.add_license(None, "FL", issued=date(2025, 10, 1))

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            explain = str(app.query_one("#explain", Static).render())
            assert "rule:" in explain and "source:" in explain
            await pilot.press("enter")
            assert type(app.screen).__name__ == "DetailScreen"
            text = " ".join(str(w.render()) for w in app.screen.query(Static))
            assert "floridasmassagetherapy.gov" in text or "justia.com" in text
            await pilot.press("escape")
            await pilot.press("question_mark")
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            assert type(app.screen).__name__ != "HelpScreen"

    run(scenario())


def test_tab_bar_answers_the_mouse(dana, home):
    service = dana

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            bar = str(app.query_one("#tabbar", Static).render())
            x = bar.index("4 CE") + 1
            await pilot.click("#tabbar", offset=(x, 0))
            await pilot.pause()
            assert app.active_tab == "ce"
            assert "No license with a known CE cycle" in str(app.query_one("#ce-progress", Static).render())

    run(scenario())


def test_command_palette_lists_categorised_commands(dana, home):
    service = dana

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.press(*"license")
            await pilot.pause(0.3)
            from textual.command import CommandList

            options = app.screen.query_one(CommandList)
            prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert any("license: add" in p for p in prompts)
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "FormScreen"

    run(scenario())


def test_keymap_remaps_a_binding(dana, home):
    service = dana

    async def scenario():
        app = make_app(service, as_of=AS_OF, keymap={"license.add": "n"})
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("n")
            assert type(app.screen).__name__ == "FormScreen"

    run(scenario())


# -- snapshots of the demo practice at a fixed date ------------------------------------------

@pytest.fixture
def demo_service(home, monkeypatch):
    import credtrack.models as models
    from credtrack.demo import seed

    rng = random.Random(7)
    monkeypatch.setattr(models, "_SYSTEM_RANDOM", rng)
    service = Credtrack(home)
    seed(service, AS_OF)
    return service


@pytest.fixture
def demo_app(demo_service):
    return make_app(demo_service, as_of=AS_OF)


TABS = ["1", "2", "3", "4", "5", "6", "7"]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
@pytest.mark.parametrize("tab", TABS, ids=["dashboard", "licenses", "documents", "ce",
                                           "applications", "calendar", "cases"])
def test_snapshot_every_tab(demo_app, snap_compare, tab, size):
    assert snap_compare(demo_app, press=[tab], terminal_size=size)


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
def test_snapshot_help(demo_app, snap_compare, size):
    assert snap_compare(demo_app, press=["question_mark"], terminal_size=size)


async def settle(pilot) -> None:
    """Let a lazily mounted tab or a new screen draw itself."""
    await pilot.pause()
    await pilot.pause(0.2)


def widget_text(app) -> str:
    """The text of the current screen's widgets: statics, table rows, options, inputs."""
    from textual.widgets import DataTable, Input, OptionList

    screen = app.screen
    parts = [str(w.render()) for w in screen.query(Static)]
    for t in screen.query(DataTable):
        parts += [" ".join(str(c) for c in t.get_row_at(i)) for i in range(t.row_count)]
    for o in screen.query(OptionList):
        parts += [str(o.get_option_at_index(i).prompt) for i in range(o.option_count)]
    parts += [w.value for w in screen.query(Input)]
    return "\n".join(parts)


def screen_text(app) -> str:
    """What the screen shows, as text (the compositor's lines)."""
    return "\n".join("".join(seg.text for seg in strip).rstrip()
                     for strip in app.screen._compositor.render_strips())


def test_layouts_keep_every_key_hint_and_use_wide_terminals(demo_service):
    """At 80x24 the footer keeps all its hints (q Quit too) and the summary wraps instead of
    being cut; at 200 columns payer names are shown in full."""
    async def scenario():
        demo_app = make_app(demo_service, as_of=AS_OF)
        async with demo_app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            text = screen_text(demo_app)
            footer = text.splitlines()[-1]
            for hint in ("l License", "d Doc", "c CE", "a Apply", "f Call", "s Status",
                         "/ Search", "u Undo", "? Help", "q Quit"):
                assert hint in footer, footer
            assert "2 open applications" in text  # the last item of the summary line
            assert "6 Calendar  7 Cases" in text.splitlines()[1]  # every tab
            await pilot.press("5")
            await pilot.pause()
            text = screen_text(demo_app)
            assert "withdrawn 0" in text  # the pipeline line wraps, not cut
            assert "American Specialty Health (ASH Networks…" in text  # fitted to 80
        demo_app = make_app(demo_service, as_of=AS_OF)
        async with demo_app.run_test(size=(200, 50)) as pilot:
            await pilot.press("5")
            await pilot.pause()
            text = screen_text(demo_app)
            assert "American Specialty Health (ASH Networks / ASH Group)" in text
            assert "Medicare Advantage supplemental massage benefits" in text

    run(scenario())


def test_help_shows_keys_as_typed(demo_app):
    async def scenario():
        async with demo_app.run_test(size=(100, 30)) as pilot:
            await pilot.press("question_mark")
            text = screen_text(demo_app)
            assert "question_mark" not in text
            help_line = next(line for line in text.splitlines() if "[help]" in line)
            assert help_line.split()[1] == "?", help_line

    run(scenario())


def test_export_icalendar_from_the_desk(dana, home):
    service = dana
    service.add_license(None, "FL", issued=date(2025, 10, 1))

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("e")  # asks where and what first
            assert type(app.screen).__name__ == "FormScreen"
            assert app.screen.query_one("#f-path").value == str(home / "credtrack.ics")
            await fill(pilot, {"path": str(home / "mine.ics")})
            await save(pilot)
            await app.workers.wait_for_complete()
            await pilot.pause()
            ics = home / "mine.ics"
            assert ics.exists() and b"Renew Florida license" in ics.read_bytes()
            assert oct(ics.stat().st_mode & 0o777) == "0o600"
            assert not (home / "credtrack.ics").exists()

    run(scenario())


def test_build_packet_from_the_desk_with_progress(dana, home, monkeypatch):
    import pypdf

    service = dana
    service.add_license(None, "FL", "MA43221", date(2020, 1, 1), date(2027, 8, 31))
    service.apply(None, "ash", ["FL"], on=date(2026, 11, 1))

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("5")
            await pilot.press("b")  # documents are missing: refused, with the list
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not list((home / "packets").glob("*.pdf")) if (home / "packets").exists() else True
            await pilot.press("B")  # a draft builds anyway, with a progress bar
            await app.workers.wait_for_complete()
            await pilot.pause()
            pdfs = list((home / "packets").glob("*.pdf"))
            assert len(pdfs) == 1
            assert "DRAFT" in pypdf.PdfReader(pdfs[0]).pages[0].extract_text()
            assert service.records().applications[0].packets  # the manifest is recorded
            assert steps and steps[-1][0] == steps[-1][1]  # the bar reached its end

    from credtrack.tui.screens.misc import ProgressScreen

    steps = []
    original = ProgressScreen.step

    def record(self, done, total, label):
        steps.append((done, total, label))
        original(self, done, total, label)

    monkeypatch.setattr(ProgressScreen, "step", record)
    run(scenario())


# -- issue 20: the desk for daily use --------------------------------------------------------

def record_dicts(service, kind: str) -> list[dict]:
    return [r.to_dict() for r in service.list_records(None, kind)]


async def choose_action(pilot, action_id: str) -> None:
    """In a record's detail: highlight the action with this id and press Enter."""
    from textual.widgets import OptionList

    options = pilot.app.screen.query_one("#detail-actions", OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = ids.index(action_id)
    await pilot.press("enter")
    await pilot.pause()


@pytest.fixture
def desk(dana, tmp_path):
    """Dana with a FL license, a COI and two CE credits."""
    coi = tmp_path / "coi.pdf"
    coi.write_bytes(sample_pdf("coi", ["x"]))
    dana.add_license(None, "FL", "MA43221", date(2020, 1, 1), date(2027, 8, 31))
    dana.add_document(None, "liability-coi", coi, date(2025, 12, 1), date(2026, 12, 1),
                      (1_000_000, 3_000_000), today=AS_OF)
    dana.add_ce(None, 2, "ethics", date(2026, 3, 14), course="Ethics", today=AS_OF)
    dana.add_ce(None, 8, "hands-on", date(2026, 5, 6), course="Myofascial", today=AS_OF)
    return dana


def test_renew_edit_remove_and_undo_from_the_desk(desk):
    service = desk
    ce_before = record_dicts(service, "ce")

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("2", "enter")  # open the FL license
            await settle(pilot)
            assert type(app.screen).__name__ == "DetailScreen"
            assert "License: FL" in widget_text(app) and "MA43221" in widget_text(app)
            await choose_action(pilot, "license.renew")
            assert type(app.screen).__name__ == "FormScreen"
            await fill(pilot, {"expires": "2029-08-31"})
            await save(pilot)
            [lic] = service.records().licenses
            assert lic.expires == date(2029, 8, 31)
            assert lic.renewals == [{"date": "2026-11-22", "previous_expires": "2027-08-31",
                                     "expires": "2029-08-31"}]

            await pilot.press("3", "enter")  # the COI: change its expiry
            await choose_action(pilot, "document.edit")
            assert app.screen.query_one("#f-expires").value == "2026-12-01"
            await fill(pilot, {"expires": "2027-12-01"})
            await save(pilot)
            [doc] = service.records().documents
            assert (doc.expires, doc.per_claim, doc.aggregate) == (
                date(2027, 12, 1), 1_000_000, 3_000_000)

            await pilot.press("4")  # the newest credit first: hands-on, 8 h
            await pilot.press("enter")
            await choose_action(pilot, "ce.remove")
            assert type(app.screen).__name__ == "ConfirmScreen"
            await pilot.press("n")  # not removed
            assert record_dicts(service, "ce") == ce_before
            await pilot.press("enter")
            await choose_action(pilot, "ce.remove")
            await pilot.press("y")
            await pilot.pause()
            assert [c.subject for c in service.records().ce] == ["ethics"]
            assert "8" not in [row[1].plain for row in _rows(app, "#ce-table")]

            await pilot.press("u")  # brings it back exactly as it was
            await pilot.pause()
            assert record_dicts(service, "ce") == ce_before
            assert len(_rows(app, "#ce-table")) == 2
            await pilot.press("u")  # then the document edit
            await pilot.pause()
            assert service.records().documents[0].expires == date(2026, 12, 1)

    run(scenario())


def _rows(app, table_id: str) -> list:
    table = app.query_one(table_id)
    return [table.get_row_at(i) for i in range(table.row_count)]


def test_a_keymap_in_the_config_file_changes_a_binding(dana, tmp_path, monkeypatch):
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text('theme = "textual-light"\n[keymap]\n"license.add" = "n"\n'
                      '"search" = "ctrl+f"\n')
    monkeypatch.setenv("CREDTRACK_CONFIG", str(config))

    async def scenario():
        app = make_app(dana, as_of=AS_OF)  # reads the config file
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("l")  # no longer bound
            await pilot.pause()
            assert type(app.screen).__name__ == "Screen"
            await pilot.press("n")
            await settle(pilot)
            assert type(app.screen).__name__ == "FormScreen"
            assert "Add a state license" in widget_text(app)
            await pilot.press("escape")
            await pilot.press("ctrl+f")
            assert type(app.screen).__name__ == "PickScreen"
            assert app.key_for("license.add") == "n"
            assert app.theme == "textual-light"

    run(scenario())


def test_markup_in_user_strings_is_shown_as_text(home, tmp_path):
    from credtrack.models import Provider

    service = Credtrack(home)
    service.add_provider(Provider("x", "Dana [/] Reyes [bold]"))
    service.add_ce(None, 2, "ethics", date(2026, 3, 14), course="[@click=app.quit]Ethics",
                   today=AS_OF)

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            assert "Dana [/] Reyes [bold]" in topbar(app)
            await pilot.press("4")
            await settle(pilot)
            assert "[@click=app.quit]Ethics" in screen_text(app)  # drawn as typed
            table = app.query_one("#ce-table")
            region = table.region
            await pilot.click("#ce-table", offset=(region.width - 20, 1))  # on the course
            await settle(pilot)
            assert app.is_running and app.return_code is None  # not an action: text
            assert type(app.screen).__name__ == "DetailScreen"
            assert "[@click=app.quit]Ethics" in widget_text(app)
            await pilot.press("escape")
            await pilot.press("slash", *"click")
            await settle(pilot)
            assert type(app.screen).__name__ == "PickScreen"
            assert "[@click=app.quit]Ethics" in widget_text(app)
            assert app.is_running

    run(scenario())


def test_search_finds_any_record_and_opens_it(desk):
    async def scenario():
        app = make_app(desk, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("slash")
            assert type(app.screen).__name__ == "PickScreen"
            await pilot.press(*"myofascial")
            await settle(pilot)
            assert "1 of 4" in widget_text(app)  # 1 license, 1 document, 2 credits
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "DetailScreen"
            assert "CE credit: hands-on" in widget_text(app)

    run(scenario())


def test_the_provider_picker_filters_as_you_type(dana):
    from credtrack.models import Provider

    for i in range(40):
        dana.add_provider(Provider(f"p{i}", f"Provider {i:02d} Smith"))
    dana.add_provider(Provider("sam", "Sam Okafor"))

    async def scenario():
        app = make_app(dana, as_of=AS_OF)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("p")
            assert type(app.screen).__name__ == "PickScreen"
            await pilot.press(*"okaf")
            await settle(pilot)
            assert "1 of 42" in widget_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert "Sam Okafor" in topbar(app)

    run(scenario())


def test_the_palette_offers_the_actions_of_the_highlighted_record(desk):
    from textual.command import CommandList

    async def scenario():
        app = make_app(desk, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("3")
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            options = app.screen.query_one(CommandList)
            prompts = [str(options.get_option_at_index(i).prompt)
                       for i in range(options.option_count)]
            for wanted in ("document: replace liability-coi", "document: edit liability-coi",
                           "document: remove liability-coi", "license: add"):
                assert any(wanted in p for p in prompts), (wanted, prompts)
            await pilot.press(*"replace")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "FormScreen"
            assert "Replace liability-coi" in widget_text(app)

    run(scenario())


def test_b_builds_only_the_application_of_the_context(dana, home):
    dana.add_license(None, "FL", "MA43221", date(2020, 1, 1), date(2027, 8, 31))
    dana.apply(None, "aetna", ["FL"], on=date(2026, 11, 1))
    dana.add_document(None, "w9", _pdf(home), today=AS_OF)  # a finding-free first row

    async def scenario():
        app = make_app(dana, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            app.query_one("#dash-deadlines").move_cursor(row=0)
            found, item = app.context_item()
            assert found is None or found[0] != "application", (found, item)
            await pilot.press("b")  # the highlighted dashboard row is not an application
            await pilot.pause()
            assert type(app.screen).__name__ == "Screen"
            assert not (home / "packets").exists()

    run(scenario())


def _pdf(home):
    path = home.parent / "w9.pdf"
    path.write_bytes(sample_pdf("w9", ["x"]))
    return path


def test_a_finding_opens_with_the_action_it_carries(demo_service):
    """Enter on 'CPR certification expired' offers its action (document.add, kind cpr); the
    palette offers it too; both open the document form with the kind chosen."""
    from textual.command import CommandList

    async def scenario():
        app = make_app(demo_service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            findings = app.query_one("#dash-findings")
            findings.focus()
            row = next(i for i in range(findings.row_count)
                       if "CPR certification expired" in str(findings.get_row_at(i)[1]))
            findings.move_cursor(row=row)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "DetailScreen"
            assert "d  to do: add the current document" in widget_text(app)
            await choose_action(pilot, "todo")
            await settle(pilot)
            assert type(app.screen).__name__ == "FormScreen"
            assert app.screen.query_one("#f-kind").value == "cpr"
            await pilot.press("escape")
            await pilot.press("ctrl+p")
            await pilot.pause(0.3)
            options = app.screen.query_one(CommandList)
            prompts = [str(options.get_option_at_index(i).prompt)
                       for i in range(options.option_count)]
            ours = [p.splitlines()[0] for p in prompts]
            assert "to do: add the current document" in ours, ours
            assert ours.index("to do: add the current document") < ours.index("license: add")
            assert "document: replace cpr" in ours  # the finding's record, by its actions

    run(scenario())


def test_enter_on_a_calendar_row_explains_it_and_offers_its_action(demo_service):
    async def scenario():
        app = make_app(demo_service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("6")
            await settle(pilot)
            table = app.query_one("#calendar-table")
            row = next(i for i in range(table.row_count)
                       if "Renew Florida license" in str(table.get_row_at(i)[2]))
            table.move_cursor(row=row)
            await pilot.press("enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "DetailScreen"
            text = widget_text(app)
            assert "Renew Florida license" in text and "floridasmassagetherapy.gov" in text
            await choose_action(pilot, "todo")  # license.renew on that license
            await settle(pilot)
            assert type(app.screen).__name__ == "FormScreen"
            assert "Renew the FL license" in widget_text(app)

    run(scenario())


def test_a_conflict_reloads_the_desk_and_says_so(dana, monkeypatch):
    """Issue 22: a write refused because another coordinator changed the record first
    closes the form, reloads the records and tells the user; nothing is saved."""
    from credtrack.errors import Conflict

    def refuse(*args, **kwargs):
        raise Conflict("license lic-x was changed by alice at 10:02; nothing was saved")

    monkeypatch.setattr(dana, "add_license", refuse)

    async def go():
        app = make_app(dana, as_of=AS_OF)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            reloads = []
            original = app.refresh_data
            monkeypatch.setattr(app, "refresh_data", lambda: (reloads.append(1), original()))
            await pilot.press("l")
            await pilot.pause()
            await fill(pilot, {"state": "FL", "number": "MA1", "expires": "2027-08-31"})
            await save(pilot)
            await pilot.pause()
            assert reloads, "the desk did not reload"
            assert not isinstance(app.screen, type(None)) and "Form" not in type(app.screen).__name__
            notes = [n.message for n in app._notifications]
            assert any("changed by alice" in m and "reloaded" in m for m in notes)

    run(go())
    assert dana.records().licenses == []
