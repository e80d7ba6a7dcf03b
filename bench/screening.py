"""Exclusion screening at practice scale: ``credtrack screen`` over a practice of N providers
(bench/generate.py) against a synthetic LEIE file of R rows (the real file's 18 columns and
quoting; a few rows match providers by NPI, by name and birth date, by name only). Whole
processes, medians; the reference in the same run is reading the same file with Python's csv
module and hashing it (the floor of any screening).

    .venv/bin/python bench/screening.py [--providers 2000] [--rows 80000] [--dir DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

HEADER = ("LASTNAME", "FIRSTNAME", "MIDNAME", "BUSNAME", "GENERAL", "SPECIALTY", "UPIN", "NPI",
          "DOB", "ADDRESS", "CITY", "STATE", "ZIP", "EXCLTYPE", "EXCLDATE", "REINDATE",
          "WAIVERDATE", "WVRSTATE")
LAST = ("SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "WILSON",
        "TAYLOR", "CLARK", "LEWIS", "WALKER", "HALL", "YOUNG", "KING")
FIRST = ("JAMES", "MARY", "ROBERT", "PATRICIA", "JOHN", "JENNIFER", "MICHAEL", "LINDA",
         "DAVID", "ELIZABETH", "WILLIAM", "BARBARA")


def leie_file(path: Path, rows: int, providers: list, seed: int = 7) -> None:
    rng = random.Random(seed)

    def q(cells):
        return ",".join(f'"{c}"' for c in cells) + "\r\n"

    with open(path, "w", newline="") as f:
        f.write(q(HEADER))
        for i in range(rows):
            npi = "0000000000" if rng.random() < 0.9 else f"1{rng.randrange(10**9):09d}"
            dob = f"{rng.randrange(1940, 2000)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
            rein = "00000000" if rng.random() < 0.97 else "20230101"
            f.write(q([rng.choice(LAST) + str(i % 97), rng.choice(FIRST), "", "", "", "", "",
                       npi, dob, "1 MAIN ST", "TAMPA", "FL", "33601", "1128b4", "20200115",
                       rein, "00000000", ""]))
        for p in providers[:5]:  # some real matches
            last, first = p.name.split()[-2].upper(), p.name.split()[0].upper()
            f.write(q([last, first, "", "", "", "", "", p.npi, "19700101", "", "", "", "",
                       "1128b4", "20210101", "00000000", "00000000", ""]))


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--providers", type=int, default=2000)
    ap.add_argument("--rows", type=int, default=80000)
    ap.add_argument("--dir", type=Path, help="a data dir bench/generate.py made (it gains "
                    "screening receipts)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="credtrack-screen-"))
    root = args.dir
    if root is None:
        from generate import generate

        root = work / "data"
        print(f"generated {args.providers} providers in {generate(root, args.providers):.1f} s")
    from credtrack.service import Credtrack

    app = Credtrack(root, entry_points=False)
    providers = [app.store.read(e.id).provider for e in app.store.entries()]
    leie = work / "UPDATED.csv"
    leie_file(leie, args.rows, providers)
    print(f"LEIE file: {args.rows + 5} rows, {leie.stat().st_size / 2**20:.1f} MB")
    env = dict(os.environ, CREDTRACK_HOME=str(root), CREDTRACK_DISABLE_PLUGINS="1")
    credtrack = str(Path(sys.executable).with_name("credtrack"))
    floor = [sys.executable, "-c", "import csv,hashlib,sys; b=open(sys.argv[1],'rb').read(); "
             "hashlib.sha256(b).hexdigest(); sum(1 for _ in csv.reader(b.decode().splitlines()))",
             str(leie)]
    screen = [credtrack, "screen", "--leie", str(leie), "--date", "2026-11-22"]
    ref, runs = [], []
    for _ in range(args.runs):
        ref.append(timed(floor, env))
        runs.append(timed(screen, env))
    print(f"reference (csv + sha256 of the file):  {statistics.median(ref):.2f} s")
    print(f"credtrack screen, {len(providers)} providers:   {statistics.median(runs):.2f} s "
          "(target < 5 s)")
    print(f"(medians of {args.runs} whole-process runs)")


if __name__ == "__main__":
    main()
