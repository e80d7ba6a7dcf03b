"""Import of large export files: time `credtrack import` at several sizes in one run.

The export is synthesised directly as JSON (50 records per provider: 2 licenses, 15 documents,
15 CE credits, 8 applications with 8 follow-ups and 2 attestations), so the sizes below are
records, not providers. The smallest size is the baseline: time per record should stay flat
(linear import); the issue's target is 100,000 records in under 10 s on this 2-core machine.

    .venv/bin/python bench/import_big.py [--records 2000 10000 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATES = ("FL", "TX", "NY", "WA", "OR", "CA", "IL", "GA")


def provider(n: int) -> dict:
    p = {"provider": {"id": f"p{n}", "name": f"Provider {n:06d}", "npi": "1234567893"},
         "licenses": [], "documents": [], "ce": [], "applications": [], "followups": [],
         "attestations": []}
    for i in range(2):
        p["licenses"].append({"id": f"lic-{n}-{i}", "state": STATES[(n + i) % len(STATES)],
                              "number": f"MA{n}{i}", "expires": "2027-08-31"})
    for i in range(15):
        sha = hashlib.sha256(f"{n}-{i}".encode()).hexdigest()
        p["documents"].append({"id": f"doc-{n}-{i}", "kind": "other", "sha256": sha,
                               "vault_path": f"vault/{sha[:2]}/{sha}", "original_name": "x.pdf",
                               "size": 1000, "media_type": "application/pdf",
                               "added": "2026-01-05"})
    for i in range(15):
        p["ce"].append({"id": f"ce-{n}-{i}", "hours": 1.5, "subject": "general",
                        "completed": "2026-03-14", "course": f"course {i}"})
    for i in range(8):
        app = f"app-{n}-{i}"
        p["applications"].append({"id": app, "payer": "ash", "status": "submitted",
                                  "states": ["FL"], "created": "2026-10-01",
                                  "history": [{"status": "draft", "date": "2026-10-01",
                                               "note": ""},
                                              {"status": "submitted", "date": "2026-10-05",
                                               "note": ""}]})
        p["followups"].append({"id": f"fu-{n}-{i}", "application_id": app,
                               "date": "2026-10-20", "ref": f"R{i}"})
    for i in range(2):
        p["attestations"].append({"id": f"att-{n}-{i}", "date": "2026-06-01"})
    return p


PER_PROVIDER = 50


def run(records: int, work: Path) -> float:
    n = max(1, records // PER_PROVIDER)
    export = work / f"export-{records}.json"
    export.write_text(json.dumps({"credtrack_export": 1, "schema": 1, "current": None,
                                  "providers": [provider(i) for i in range(n)]}))
    home = work / f"home-{records}"
    env = dict(os.environ, CREDTRACK_DISABLE_PLUGINS="1")
    cmd = [sys.executable, "-m", "credtrack", "--data-dir", str(home), "import", str(export)]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    took = time.perf_counter() - started
    if proc.returncode not in (0,):
        raise SystemExit(f"import of {records} records failed: {proc.stderr.strip()}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, nargs="+", default=[2000, 10000, 100000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="credtrack-import-bench-") as tmp:
        base = None
        for records in args.records:
            took = run(records, Path(tmp))
            per = took / records * 1e6
            base = base or per
            print(f"import {records:>7} records ({records // PER_PROVIDER} providers): "
                  f"{took:6.2f} s, {per:6.1f} us/record ({per / base:4.2f}x the smallest)")


if __name__ == "__main__":
    main()
