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
def demo_app(home, monkeypatch):
    import credtrack.models as models
    from credtrack.demo import seed

    rng = random.Random(7)
    monkeypatch.setattr(models, "_SYSTEM_RANDOM", rng)
    service = Credtrack(home)
    seed(service, AS_OF)
    return make_app(service, as_of=AS_OF)


def test_snapshot_dashboard(demo_app, snap_compare):
    assert snap_compare(demo_app, terminal_size=(100, 30))


def test_snapshot_applications(demo_app, snap_compare):
    assert snap_compare(demo_app, press=["5"], terminal_size=(100, 30))


def test_snapshot_help(demo_app, snap_compare):
    assert snap_compare(demo_app, press=["question_mark"], terminal_size=(100, 30))


def test_export_icalendar_from_the_desk(dana, home):
    service = dana
    service.add_license(None, "FL", issued=date(2025, 10, 1))

    async def scenario():
        app = make_app(service, as_of=AS_OF)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("e")
            await app.workers.wait_for_complete()
            await pilot.pause()
            ics = home / "credtrack.ics"
            assert ics.exists() and b"Renew Florida license" in ics.read_bytes()
            assert oct(ics.stat().st_mode & 0o777) == "0o600"

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
