"""The PostgreSQL store beside the file store, in one run (issue 22's figures).

    .venv/bin/python bench/pg.py [--providers 2000] [--runs 5] [--writes 500]
                                 [--url postgresql://...] [--out docs/performance.md]

Without ``--url`` it starts a throw-away server of its own (tests/pgserver.py: initdb on a
free loopback port in a temp dir, as the ``postgres`` user when run as root; fsync stays on,
the server's defaults otherwise), and stops it at the end. It generates a practice
(bench/generate.py), copies it into PostgreSQL with ``credtrack store copy``, then measures:

- ``status --all --json``, whole process, median of ``--runs``, the two stores interleaved;
- one write (``Credtrack.add_ce``, in process, connection open), median of 50, both stores;
  and the whole ``credtrack ce add`` process;
- two coordinators (two processes) each making ``--writes`` writes at once to the same
  provider: half additions, half edits of records they added; then counts what is there.

The figures replace the "PostgreSQL store" section of ``--out`` (default docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CREDTRACK = str(Path(sys.executable).parent / "credtrack")
ENV = {**os.environ, "CREDTRACK_DISABLE_PLUGINS": "1", "CREDTRACK_TODAY": "2026-11-22"}
ENV.pop("CREDTRACK_STORE", None)
BEGIN, END = "<!-- bench/pg.py: begin -->", "<!-- bench/pg.py: end -->"


def run(cmd: list[str], home: Path, store: str | None = None) -> float:
    env = dict(ENV, CREDTRACK_HOME=str(home))
    if store:
        env["CREDTRACK_STORE"] = store
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.decode()[-500:]}")
    return took


def status_times(home: Path, url: str, runs: int) -> tuple[float, float]:
    cmd = [CREDTRACK, "status", "--all", "--json"]
    run(cmd, home), run(cmd, home, url)  # warm both
    file_t, pg_t = [], []
    for _ in range(runs):
        file_t.append(run(cmd, home))
        pg_t.append(run(cmd, home, url))
    return statistics.median(file_t), statistics.median(pg_t)


def write_times(home: Path, url: str, n: int = 50) -> tuple[float, float]:
    """In-process ``add_ce`` latency (median seconds) on each store."""
    os.environ.update(CREDTRACK_DISABLE_PLUGINS="1")
    from credtrack.service import Credtrack

    out = []
    for store in (str(home), url):
        app = Credtrack(home, store=store)
        pid = app.store.entries()[0].id
        app.add_ce(pid, 1, "general", date(2026, 1, 2))  # warm: connection, registry
        samples = []
        for i in range(n):
            start = time.perf_counter()
            app.add_ce(pid, 1, "general", date(2026, 1, 1 + i % 28))
            samples.append(time.perf_counter() - start)
        out.append(statistics.median(samples))
    return out[0], out[1]


COORDINATOR = textwrap.dedent("""
    import sys, time
    from datetime import date
    from dataclasses import replace
    from pathlib import Path
    from credtrack.models import CECredit
    from credtrack.service import Credtrack
    home, url, pid, writes, who, start = sys.argv[1:7]
    app = Credtrack(home, store=url)
    app.store.entries()
    while time.time() < float(start):
        time.sleep(0.001)
    mine = []
    t0 = time.perf_counter()
    for i in range(int(writes)):
        if i % 2 == 0 or not mine:
            mine.append(app.add_ce(pid, 1, "general", date(2026, 1, 1 + i % 28),
                                   course=f"{who} {i}").id)
        else:
            with app.store.write(pid) as rs:
                ce = rs.get(CECredit, mine[(i // 2) % len(mine)])
                rs.update(replace(ce, sponsor=f"{who} edit {i}"))
    print(len(mine), time.perf_counter() - t0)
""")


def coordinators(home: Path, url: str, writes: int) -> dict[str, float]:
    from credtrack.service import Credtrack

    app = Credtrack(home, store=url)
    pid = app.store.entries()[-1].id
    before = len(app.records(pid).ce)
    audit_before = app.store.conn.execute("SELECT count(*) FROM ct_audit").fetchone()[0]
    start = time.time() + 2
    script = Path(tempfile.mkdtemp()) / "coordinator.py"
    script.write_text(COORDINATOR)
    procs = [subprocess.Popen([sys.executable, str(script), str(home), url, pid, str(writes),
                               who, str(start)], stdout=subprocess.PIPE, text=True,
                              env=dict(ENV, CREDTRACK_USER=who)) for who in ("ann", "ben")]
    outs = [p.communicate(timeout=600)[0].split() for p in procs]
    if any(p.returncode for p in procs):
        raise SystemExit("a coordinator failed")
    added = sum(int(o[0]) for o in outs)
    records = Credtrack(home, store=url).records(pid).ce
    ours = [c for c in records if c.course.startswith(("ann ", "ben "))]
    edited = {c.id for c in ours if c.sponsor.startswith(("ann edit", "ben edit"))}
    audit = app.store.conn.execute("SELECT count(*) FROM ct_audit").fetchone()[0] - audit_before
    return {"added": added, "present": len(records) - before, "ours": len(ours),
            "edited": len(edited), "audit": audit, "seconds": max(float(o[1]) for o in outs),
            "writes": 2 * writes}


def section(n: int, runs: int, st: tuple[float, float], wr: tuple[float, float],
            cmd_write: tuple[float, float], co: dict[str, float], server: str) -> str:
    ratio = st[1] / st[0]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lost = co["added"] - co["ours"]
    return textwrap.dedent(f"""\
        {BEGIN}
        ## PostgreSQL store

        Measured by `bench/pg.py` on {date.today()} ({platform.machine()}, {os.cpu_count()} cores,
        Python {platform.python_version()}, {server}; load average {load} while it ran, the
        machine shared with other jobs), the file store beside it in the same run:
        a practice of {n} providers from `bench/generate.py`, copied into PostgreSQL with
        `credtrack store copy`.

        | measure | file store | PostgreSQL | target |
        |---|---|---|---|
        | `status --all --json`, N={n}, median of {runs} whole-process runs | {st[0]*1000:.0f} ms | {st[1]*1000:.0f} ms ({ratio:.2f}x) | PostgreSQL <= 1.5x |
        | one write (`add_ce`, in process), median of 50 | {wr[0]*1000:.1f} ms | {wr[1]*1000:.1f} ms | < 50 ms |
        | one write as a command (`credtrack ce add`), whole process | {cmd_write[0]*1000:.0f} ms | {cmd_write[1]*1000:.0f} ms | |

        Two coordinators (two processes, users `ann` and `ben`) each made {co['writes']//2} writes
        to the same provider at once (half additions, half edits of their own records):
        {co['added']} additions acknowledged, {co['ours']} present afterwards ({lost} lost),
        {co['edited']} of them carrying an edit, {co['audit']} audit entries for the
        {co['writes']} writes; both finished within {co['seconds']:.1f} s.

        A whole `ce add` process costs more on PostgreSQL than the write itself: importing the
        driver (psycopg loads asyncio), connecting and checking the schema version.
        {END}
        """)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--providers", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--writes", type=int, default=500)
    ap.add_argument("--url", help="an empty database to use (default: start a server)")
    ap.add_argument("--data", type=Path, help="use (or keep) this generated practice instead "
                    "of a throw-away one")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    args = ap.parse_args()
    server = None
    work = Path(tempfile.mkdtemp(prefix="credtrack-pgbench-"))
    if args.url is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from pgserver import PgServer

        server = PgServer(durable=True)
    try:
        url = args.url or server.database("bench")  # type: ignore[union-attr]
        version = subprocess.run(["psql", "--version"], capture_output=True, text=True)
        label = version.stdout.strip().replace("psql (PostgreSQL) ", "PostgreSQL ") or \
            "PostgreSQL"
        home = args.data or work / "data"
        if not (home / "practice.json").exists():
            t = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(home),
                            "--providers", str(args.providers)], check=True, env=ENV,
                           stdout=subprocess.DEVNULL)
            print(f"generated {args.providers} providers in {time.perf_counter() - t:.1f} s")
        args.providers = len(list((home / "providers").glob("*.json")))
        t = time.perf_counter()
        run([CREDTRACK, "store", "copy", "--from", str(home), "--to", url], home)
        print(f"copied into PostgreSQL in {time.perf_counter() - t:.1f} s")
        st = status_times(home, url, args.runs)
        print(f"status --all --json: file {st[0]:.3f} s, PostgreSQL {st[1]:.3f} s")
        wr = write_times(home, url)
        print(f"one write: file {wr[0]*1000:.1f} ms, PostgreSQL {wr[1]*1000:.1f} ms")
        ce = [CREDTRACK, "ce", "add", "--hours", "1", "--subject", "general", "--completed",
              "2026-01-05"]
        cmd_write = (statistics.median(run(ce, home) for _ in range(5)),
                     statistics.median(run(ce, home, url) for _ in range(5)))
        co = coordinators(home, url, args.writes)
        print(f"coordinators: {co}")
        md = section(args.providers, args.runs, st, wr, cmd_write, co, label)
        text = args.out.read_text() if args.out.exists() else "# credtrack performance\n"
        if BEGIN in text:
            text = text[:text.index(BEGIN)] + md + text[text.index(END) + len(END) + 1:]
        else:
            text = text.rstrip("\n") + "\n\n" + md
        args.out.write_text(text)
        print(f"wrote {args.out}")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
