"""The TUI's Practice view (g), driven by Pilot against a real store."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from textual.widgets import DataTable, Static

from credtrack.service import Credtrack
from credtrack.tui.app import make_app
from credtrack.tui.screens.practice import PracticeScreen

AS_OF = date(2026, 11, 22)


@pytest.fixture
def group(cli, home) -> Credtrack:
    for name in ("Dana Reyes", "Sam Okafor", "Lee Kim"):
        assert cli("provider", "add", "--name", name).code == 0
    assert cli("provider", "use", "lee-kim").code == 0
    # Dana: an expired FL license (1 overdue renewal + CE, errors); Sam: a TX license due in
    # 20 days; Lee: nothing
    cli("license", "add", "--provider", "dana-reyes", "--state", "FL", "--number", "MA1",
        "--issued", "2023-09-01", "--expires", "2025-08-31")
    cli("license", "add", "--provider", "sam-okafor", "--state", "TX", "--number", "MT2",
        "--issued", "2024-12-12", "--expires", "2026-12-12")
    return Credtrack(home)


def names(table: DataTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def cell(table: DataTable, row: int, col: int) -> str:
    return str(table.get_row_at(row)[col])


async def settle(pilot, screen) -> None:
    for _ in range(400):
        if screen.done:
            break
        await pilot.pause(0.01)
    await pilot.pause()


def test_practice_view_counts_sorts_filters_and_opens(group):
    async def go():
        app = make_app(group, as_of=AS_OF)
        async with app.run_test(size=(110, 30)) as pilot:
            await pilot.press("g")
            screen = app.screen
            assert isinstance(screen, PracticeScreen)
            await settle(pilot, screen)
            table = screen.query_one(DataTable)
            assert names(table) == ["Dana Reyes", "Lee Kim", "Sam Okafor"]
            counts = {n: screen.counts[pid] for pid, n in screen.entries.items()}
            report = group.report(AS_OF, "dana-reyes")
            assert counts["Dana Reyes"][0] == sum(d.overdue for d in report.deadlines) >= 1
            assert counts["Dana Reyes"][1] == sum(f.severity == "error"
                                                  for f in report.findings) >= 1
            assert counts["Lee Kim"] == (0, 0, 0)
            assert counts["Sam Okafor"][0] == 0 and counts["Sam Okafor"][2] >= 1
            await pilot.press("ctrl+d")  # most due soon first
            assert names(table)[0] == "Sam Okafor"
            await pilot.press("ctrl+o")  # most overdue first
            assert names(table)[0] == "Dana Reyes"
            assert cell(table, 0, 1) == str(counts["Dana Reyes"][0])
            await pilot.press("o", "k", "a")  # typed into the filter
            assert names(table) == ["Sam Okafor"]
            assert "1 match" in str(screen.query_one("#practice-status", Static).render())
            await pilot.press("backspace", "backspace", "backspace", "k", "i", "m")
            assert names(table) == ["Lee Kim"]
            await pilot.press("backspace", "backspace", "backspace")
            assert len(names(table)) == 3
            await pilot.press("enter")  # to the list; the cursor is on the first row
            assert table.has_focus
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, PracticeScreen)
            assert app.provider_id == "dana-reyes"
            assert str(app.query_one("#topbar", Static).render()).startswith("Dana Reyes")
            await pilot.press("g", "escape")
            assert app.provider_id == "dana-reyes"

    asyncio.run(go())
