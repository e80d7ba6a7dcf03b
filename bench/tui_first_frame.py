"""Time to the first frame of the TUI dashboard vs a bare Textual app with one DataTable.

Each sample is a whole process (interpreter start, imports, store read, rules engine, layout,
first paint), run headless; the app exits as soon as its first frame is drawn. Reports medians.
The reference is the one in perf-baseline.md (a bare app with a 500-row DataTable); a 10-row
variant is reported too, as the strictest comparison.

    .venv/bin/python bench/tui_first_frame.py [--runs 15] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BARE = """
import sys
from textual.app import App
from textual.widgets import DataTable, Footer

class Bare(App):
    def compose(self):
        yield DataTable()
        yield Footer()

    def on_mount(self):
        t = self.query_one(DataTable)
        t.add_columns("Date", "What", "Kind")
        for i in range(int(sys.argv[1])):
            t.add_row("2026-12-01", f"Deadline {i}", "license")
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""

CREDTRACK = """
import sys
from datetime import date
from credtrack.service import Credtrack
from credtrack.tui.app import make_app

app = make_app(Credtrack(sys.argv[1]), as_of=date(2026, 11, 22))
original = app._painted

def painted():
    original()
    app.exit()

app._painted = painted
app.run(headless=True)
"""


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users run it


def sample(code: str, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, env=ENV)
    return time.perf_counter() - start


def seed(n_providers: int = 1) -> Path:
    from credtrack.demo import seed as seed_demo
    from credtrack.service import Credtrack

    root = Path(tempfile.mkdtemp(prefix="credtrack-bench-"))
    seed_demo(Credtrack(root, entry_points=False), date(2026, 11, 22))
    return root


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    root = seed()
    sample(BARE, "500"), sample(BARE, "10"), sample(CREDTRACK, str(root))  # warm caches
    bare500, bare10, desk = [], [], []
    for _ in range(args.runs):  # interleaved so machine noise hits all alike
        bare500.append(sample(BARE, "500"))
        bare10.append(sample(BARE, "10"))
        desk.append(sample(CREDTRACK, str(root)))
    result = {"runs": args.runs, "bare_500_rows_s": statistics.median(bare500),
              "bare_10_rows_s": statistics.median(bare10),
              "credtrack_dashboard_s": statistics.median(desk)}
    result["ratio"] = result["credtrack_dashboard_s"] / result["bare_500_rows_s"]
    result["ratio_10_rows"] = result["credtrack_dashboard_s"] / result["bare_10_rows_s"]
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"bare Textual app, 500-row DataTable: {result['bare_500_rows_s']:.3f} s "
              f"(median of {args.runs})")
        print(f"bare Textual app, 10-row DataTable:  {result['bare_10_rows_s']:.3f} s")
        print(f"credtrack dashboard (demo practice): {result['credtrack_dashboard_s']:.3f} s")
        print(f"ratio: {result['ratio']:.2f}x the 500-row reference (target <= 1.5x); "
              f"{result['ratio_10_rows']:.2f}x the 10-row app")


if __name__ == "__main__":
    main()
