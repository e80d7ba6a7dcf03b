"""The full fault-injection run: writers SIGKILLed at random moments, hundreds of times per kind
of write (store records, vault copies of multi-MB files, packet builds, iCalendar and whole-
database exports, turning encryption on and off), the data dir checked after every kill.

    .venv/bin/python bench/faults.py [--scale 1.0] [--seed 1] [--scenario store ...] [--json FILE]

Prints one line per scenario and the total, e.g.

    faults: 1560 iterations, 1560 faults injected, 1560 stores recovered, 0 records lost

and exits 1 if a record was lost or any check failed. The CI runs a bounded variant of the same
scenarios (tests/reliability/test_faults.py); the disk-full, read-only, damaged-store and fuzz
cases at full size run with ``pytest -m full tests/reliability``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARNESS = ROOT / "tests" / "reliability" / "harness.py"
FULL = {"store": 600, "vault": 250, "packet": 60, "ical": 200, "export": 250,
        "encryption": 200}


def run(scenario: str, iterations: int, seed: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"credtrack-faults-{scenario}-") as tmp:
        env = dict(os.environ, CREDTRACK_DISABLE_PLUGINS="1")
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, str(HARNESS), scenario, str(Path(tmp) / "home"),
                               "--iterations", str(iterations), "--seed", str(seed)],
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            return {"scenario": scenario, "iterations": 0, "faults": 0, "recovered": 0,
                    "lost": 0, "problems": [f"harness failed: {proc.stderr[-2000:]}"],
                    "seconds": time.perf_counter() - started}
        stats = json.loads(proc.stdout)
        stats["seconds"] = time.perf_counter() - started
        return stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply the iterations (0.1 for a quick look)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scenario", action="append", choices=sorted(FULL),
                        help="only these (repeatable; default: all)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    results = []
    for scenario in args.scenario or list(FULL):
        n = max(1, round(FULL[scenario] * args.scale))
        stats = run(scenario, n, args.seed)
        results.append(stats)
        bad = stats["problems"] or not stats.get("healthy_after_repair", False)
        print(f"  {scenario:<11} {stats['iterations']:>5} iterations {stats['faults']:>5} faults "
              f"{stats['recovered']:>5} recovered {stats['lost']:>3} lost "
              f"{stats.get('acknowledged', 0):>6} writes acknowledged  "
              f"{stats['seconds']:6.1f} s{'  PROBLEMS' if bad else ''}", flush=True)
        for problem in stats["problems"][:10]:
            print(f"    {problem}")
    total = {k: sum(r[k] for r in results) for k in ("iterations", "faults", "recovered",
                                                      "lost")}
    print(f"faults: {total['iterations']} iterations, {total['faults']} faults injected, "
          f"{total['recovered']} stores recovered, {total['lost']} records lost")
    if args.json:
        args.json.write_text(json.dumps({"total": total, "scenarios": results}, indent=2))
    ok = total["lost"] == 0 and all(not r["problems"] and r.get("healthy_after_repair")
                                    for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
