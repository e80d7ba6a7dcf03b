"""The TUI's Practice view at practice scale: how long after the dashboard it opens, how long
until every provider's counts are in, and how fast the filter answers a keystroke.

The practice comes from bench/generate.py (2,000 providers by default; pass a data dir made by
it to reuse one). In one process, headless, driven by Textual's Pilot: the dashboard's first
frame, then ``g``; "opens" is the Practice screen drawn with its rows, "counts" is the last
batch of counts drawn. The reference, measured in the same run, is a bare Textual app pushing
a screen with a 200-row DataTable. Reports medians.

    .venv/bin/python bench/practice_view.py [--providers 2000] [--dir DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

AS_OF = date(2026, 11, 22)


async def until(pilot, test, limit: float = 60.0, step: float = 0.005) -> float:
    start = time.perf_counter()
    while not test():
        if time.perf_counter() - start > limit:
            raise TimeoutError("the view did not settle")
        await pilot.pause(step)
    return time.perf_counter()


async def practice_once(root: Path) -> dict[str, float]:
    from textual.widgets import DataTable

    from credtrack.service import Credtrack
    from credtrack.tui.app import make_app
    from credtrack.tui.screens.practice import PracticeScreen

    app = make_app(Credtrack(root, entry_points=False), as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.first_frame is not None)
        start = time.perf_counter()
        await pilot.press("g")

        def table():
            screen = app.screen
            return screen.query_one(DataTable) if isinstance(screen, PracticeScreen) else None

        opened = await until(pilot, lambda: table() is not None and table().row_count > 0)
        counted = await until(pilot, lambda: app.screen.done, step=0.05)  # polls cost too
        typed_at = time.perf_counter()
        await pilot.press("0", "0", "4", "2")
        typed = await until(pilot, lambda: 0 < table().row_count < 20)  # names and NPIs
        return {"opens_s": opened - start, "counts_s": counted - start,
                "filter_4_keys_s": typed - typed_at}


async def bare_once() -> float:
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Input

    class Rows(Screen):
        def compose(self):
            yield Input()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            t = self.query_one(DataTable)
            t.add_columns("Provider", "Overdue", "Errors", "Soon", "NPI")
            for i in range(200):
                t.add_row(f"Provider {i}", "1", "2", "3", "1234567893")

    class Bare(App):
        def compose(self):
            yield DataTable()

    app = Bare()
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        app.push_screen(Rows())
        def ready():
            tables = app.screen.query(DataTable) if isinstance(app.screen, Rows) else []
            return bool(tables) and tables.first().row_count == 200

        return await until(pilot, ready) - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--providers", type=int, default=2000)
    ap.add_argument("--dir", type=Path, help="a data dir bench/generate.py made")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root = args.dir
    if root is None:
        from generate import generate

        root = Path(tempfile.mkdtemp(prefix="credtrack-practice-")) / "data"
        took = generate(root, args.providers)
        print(f"generated {args.providers} providers in {took:.1f} s ({root})")
    runs, bare = [], []
    for _ in range(args.runs):  # interleaved so machine noise hits both alike
        bare.append(asyncio.run(bare_once()))
        runs.append(asyncio.run(practice_once(root)))
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    print(f"bare Textual screen, 200-row DataTable:      {statistics.median(bare):.3f} s")
    print(f"Practice view opens after the dashboard:     {med['opens_s']:.3f} s (target < 1 s)")
    print(f"... every provider's counts drawn:           {med['counts_s']:.3f} s")
    print(f"filter: 4 keystrokes, list narrowed:           {med['filter_4_keys_s']:.3f} s")
    print(f"(medians of {args.runs} runs)")


if __name__ == "__main__":
    main()
