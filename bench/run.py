"""credtrack's performance at practice scale, measured in one run on this machine.

Every figure is the median of several whole-process runs, interleaved with the machine's own
baselines (`python -c pass`, `python -c "import click"`) so that ratios compare like with like.
Practices are made by bench/generate.py (deterministic) for each N.

    .venv/bin/python bench/run.py [--sizes 1,100,500,2000] [--runs 7] [--out docs/performance.md]

Writes a markdown table (stdout and --out) and JSON (--json FILE).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from tui_first_frame import CREDTRACK as FIRST_FRAME  # noqa: E402  (the same first-frame probe)

PY = sys.executable
CREDTRACK = str(Path(sys.executable).with_name("credtrack"))
AS_OF = "2026-11-22"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users run it
ENV.update({"CREDTRACK_DISABLE_PLUGINS": "1", "CREDTRACK_TODAY": AS_OF})



COVER_ONLY = """
import sys
from datetime import date
from pathlib import Path
from credtrack import packet
from credtrack.service import Credtrack

plan = packet.gather(Credtrack(sys.argv[1]), sys.argv[2], on=date(2026, 11, 22))
pdf, _, _ = packet._generated(plan, [1] * len(plan.attachments), ["0" * 64] * len(plan.attachments))
Path(sys.argv[3]).write_bytes(pdf)
"""


PEAKS: dict[str, int] = {}  # case -> the largest peak resident memory of its runs (KB)
CPU: dict[str, list[float]] = {}  # case -> user + system seconds of each run


def run(cmd: list[str], home: Path | None = None, check: bool = True,
        plugins: bool = False, name: str = "") -> float:
    env = dict(ENV)
    if plugins:
        env.pop("CREDTRACK_DISABLE_PLUGINS")
    if home is not None:
        env["CREDTRACK_HOME"] = str(home)
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)  # the child's own peak memory, too
        took = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if check and proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed: {err.read().decode()[-500:]}")
    if name:
        PEAKS[name] = max(PEAKS.get(name, 0), usage.ru_maxrss)
        CPU.setdefault(name, []).append(usage.ru_utime + usage.ru_stime)
    return took


def median_of(cases: dict[str, tuple[list[str], Path | None]], runs: int,
              plugins: bool = False, tag: str = "") -> dict[str, float]:
    """Median seconds per case, the cases interleaved run by run."""
    samples: dict[str, list[float]] = {k: [] for k in cases}
    for cmd, home in cases.values():
        run(cmd, home, plugins=plugins)  # warm caches (bytecode, file cache, entry points)
    for _ in range(runs):
        for name, (cmd, home) in cases.items():
            samples[name].append(run(cmd, home, plugins=plugins, name=f"{tag}{name}"))
    return {k: statistics.median(v) for k, v in samples.items()}


def without_cache(home: Path, remove: str, *args: str) -> list[str]:
    """The command run on a data dir whose caches are gone: the baseline of the cached one."""
    return ["sh", "-c", f'cd "{home}" && rm -rf {remove} && exec "$0" "$@"', CREDTRACK, *args]


CALENDAR_CACHE = "cache/calendar calendar-state.json"
REPORT_CACHE = "cache/report"


def one_write(home: Path) -> list[str]:
    return [CREDTRACK, "ce", "add", "--hours", "1", "--subject", "general",
            "--completed", "2026-11-01"]


def packet_case(workdir: Path, runs: int) -> dict[str, float] | None:
    """packet build of a 40-document application vs pdfunite + a cover-only WeasyPrint render."""
    try:
        from credtrack import packet  # noqa: F401
    except ImportError:
        return None
    import importlib.util

    if importlib.util.find_spec("weasyprint") is None:
        return None
    from credtrack.demo import sample_pdf
    from credtrack.models import Provider
    from credtrack.service import Credtrack

    from credtrack.jurisdictions import CODES

    home = workdir / "packet-home"
    app = Credtrack(home, entry_points=False)
    app.add_provider(Provider("x", "Dana Reyes", npi="1234567893"), use=True)
    plugin = home / "plugins"
    plugin.mkdir(parents=True, exist_ok=True)
    (plugin / "forty.py").write_text(  # a payer that wants a license copy per state
        "from credtrack import hookimpl\n"
        "from credtrack.rules import DocumentRequirement, PayerRules\n"
        "@hookimpl\n"
        "def credtrack_payers():\n"
        "    return [PayerRules(id='forty', name='Forty States Health', kind='commercial',\n"
        "        provider_types=('massage-therapist',),\n"
        "        documents=(DocumentRequirement('license', 'License copy', per_state=True),),\n"
        "        sources=('https://example.org/forty',), verified='2026-11-01')]\n")
    files = []
    rules = app.states()  # states whose rules add no documents of their own
    states = [c for c in CODES if c in rules and not rules[c].document_kinds][:40]
    for i, state in enumerate(states):  # 40 documents: one license copy per state
        f = workdir / f"doc-{i:02d}.pdf"
        f.write_bytes(sample_pdf(f"{state} license copy", ["benchmark page"]))
        files.append(f)
        app.add_license(None, state, f"N{i:05d}", date(2020, 1, 1), date(2027, 8, 31))
        app.add_document(None, "license", f, state=state, expires=date(2027, 8, 31))
    env_home = home
    app2 = Credtrack(home)
    application, _ = app2.apply(None, "forty", list(states), force=True, on=date(2026, 11, 1))
    cases: dict[str, tuple[list[str], Path | None]] = {
        "packet build (40 documents)": ([CREDTRACK, "packet", "build", application.id, "-o",
                                         str(workdir / "out.pdf"), "--date", AS_OF], env_home),
    }
    unite = shutil.which("pdfunite")
    # the reference render: the packet's own cover pages (cover letter, contents, checklist,
    # data sheet) laid out and written by WeasyPrint once, in a process of their own
    render_cover = [PY, "-c", COVER_ONLY, str(home), application.id, str(workdir / "cover.pdf")]
    cases["weasyprint cover render"] = (render_cover, home)
    if unite:
        cases["pdfunite 40 PDFs"] = ([unite, *map(str, files), str(workdir / "united.pdf")], None)
    return median_of(cases, runs, plugins=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,100,500,2000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--out", type=Path, help="also write the markdown here")
    ap.add_argument("--json", type=Path, help="write the numbers as JSON here")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from generate import generate

    work = Path(tempfile.mkdtemp(prefix="credtrack-bench-"))
    results: dict = {"date": time.strftime("%Y-%m-%d"), "python": platform.python_version(),
                     "machine": f"{platform.machine()}, {os.cpu_count()} cores", "runs": args.runs,
                     "sizes": {}}
    try:
        homes = {}
        for n in sizes:
            homes[n] = work / f"n{n}"
            took = generate(homes[n], n)
            print(f"generated N={n} in {took:.1f} s", file=sys.stderr)
        base = median_of({
            "python -c pass": ([PY, "-c", "pass"], None),
            'python -c "import click"': ([PY, "-c", "import click"], None),
            "credtrack --help": ([CREDTRACK, "--help"], None),
            "credtrack status (1 provider)": ([CREDTRACK, "status", "--json"], homes[sizes[0]]),
        }, args.runs)
        results["baseline"] = base
        for n in sizes:
            home = homes[n]
            ics = str(work / f"n{n}.ics")
            cases = {
                "status --all --json": ([CREDTRACK, "status", "--all", "--json"], home),
                "status --all --json, no cache": (without_cache(
                    home, REPORT_CACHE, "status", "--all", "--json"), home),
                "due --all --within 90d": ([CREDTRACK, "due", "--all", "--within", "90d"], home),
                "ical export --all": ([CREDTRACK, "ical", "export", "--all", "-o", ics], home),
                "TUI first frame": ([PY, "-c", FIRST_FRAME, str(home)], home),
                "one write (ce add)": (one_write(home), home),
            }
            if n <= 500:  # every component serialised again: seconds per run
                cases["ical export --all, no cache"] = (without_cache(
                    home, CALENDAR_CACHE, "ical", "export", "--all", "-o", ics), home)
            print(f"measuring N={n}", file=sys.stderr)
            results["sizes"][str(n)] = median_of(cases, args.runs, tag=f"{n}:")
        big = sizes[-1]
        if big > 500:  # the baseline at the largest size: one run (about 20 s)
            name = "ical export --all, no cache"
            results["sizes"][str(big)][name] = run(without_cache(
                homes[big], CALENDAR_CACHE, "ical", "export", "--all", "-o",
                str(work / "cold.ics")), homes[big], name=f"{big}:{name}")
            run([CREDTRACK, "ical", "export", "--all", "-o", str(work / "cold.ics")], homes[big])
        results["peak_kb"] = dict(PEAKS)
        results["cpu_s"] = {k: statistics.median(v) for k, v in CPU.items()}
        results["packet"] = packet_case(work, max(3, args.runs // 2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    md = markdown(results, sizes)
    print(md)
    if args.out:  # the measured part; a file's own notes and later sections (from "## Notes") stay
        kept = args.out.read_text() if args.out.exists() else ""
        tail = kept[kept.index("\n## Notes"):] if "\n## Notes" in kept else ""
        args.out.write_text(md.rstrip("\n") + "\n" + tail)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def _practice_targets(r: dict, lo: str, hi: str) -> list[str]:
    """The calendar and the practice-wide status against their uncached baselines."""
    s, peak = r["sizes"], r.get("peak_kb", {})

    cpu = r.get("cpu_s", {})

    def mb(case: str, n: str = hi) -> str:
        kb = peak.get(f"{n}:{case}")
        return f"{kb / 1024:.0f} MB" if kb else "n/a"

    def secs(case: str) -> str:
        wall, used = s[hi][case], cpu.get(f"{hi}:{case}")
        return f"{wall:.2f} s" + (f" ({used:.2f} s CPU)" if used is not None else "")

    ical = s[hi]["ical export --all"]
    out = [
        "",
        f"## Calendar and status at N={hi}, against their baselines",
        "",
        "Each beside the same command on the same data with its cache removed first (the "
        "baseline: every provider evaluated, every event and to-do serialised by icalendar), "
        "in the same run. Wall-clock medians, with the median CPU time (user + system) of the "
        "process: on a shared machine the wall clock also counts time spent waiting for a "
        "core. Peak memory is the largest resident size of the runs.",
        "",
        "| command | median | peak memory | baseline (no cache) | baseline peak | target |",
        "|---|---|---|---|---|---|",
        f"| `ical export --all` | {secs('ical export --all')} | {mb('ical export --all')} | "
        f"{secs('ical export --all, no cache')} | {mb('ical export --all, no cache')} "
        "| <= 2 s, <= 200 MB |",
        f"| `status --all --json` | {secs('status --all --json')} | "
        f"{mb('status --all --json')} | {secs('status --all --json, no cache')} | "
        f"{mb('status --all --json, no cache')} | <= 0.4 s |",
    ]
    if lo != hi and "ical export --all" in s[lo]:
        growth = (ical / s[lo]["ical export --all"]) / (int(hi) / int(lo))
        out.append(f"\n`ical export --all` growth N={lo} -> {hi}: time ratio / N ratio = "
                   f"{growth:.2f} (linear: <= 1).")
    return out


def markdown(r: dict, sizes: list[int]) -> str:
    b = r["baseline"]
    click_s = b['python -c "import click"']
    lines = [
        "# credtrack performance",
        "",
        f"Measured by `bench/run.py` on {r['date']} ({r['machine']}, Python {r['python']}): "
        f"medians of {r['runs']} whole-process runs, interleaved with the baselines. Practices "
        "from `bench/generate.py` (each provider: 1-3 licenses, 10-20 documents, 5-15 CE "
        "credits, 3-10 applications with follow-ups).",
        "",
        "## Start-up",
        "",
        "| command | median | ratio to `import click` | target |",
        "|---|---|---|---|",
        f"| `python -c pass` | {b['python -c pass'] * 1000:.0f} ms | | |",
        f"| `python -c \"import click\"` | {click_s * 1000:.0f} ms | 1.00x | |",
        f"| `credtrack --help` | {b['credtrack --help'] * 1000:.0f} ms | "
        f"{b['credtrack --help'] / click_s:.2f}x | <= 2.0x |",
        f"| `credtrack status` (1 provider) | {b['credtrack status (1 provider)'] * 1000:.0f} ms | "
        f"{b['credtrack status (1 provider)'] / click_s:.2f}x | <= 2.5x |",
        "",
        "## At practice scale (N providers)",
        "",
        "| N | " + " | ".join(next(iter(r["sizes"].values())).keys()) + " |",
        "|---|" + "---|" * len(next(iter(r["sizes"].values()))),
    ]
    for n in sizes:
        row = r["sizes"][str(n)]
        lines.append(f"| {n} | " + " | ".join(f"{v * 1000:.0f} ms" for v in row.values()) + " |")
    lo, hi = str(sizes[1] if len(sizes) > 2 else sizes[0]), str(sizes[-1])
    s = r["sizes"]
    growth = (s[hi]["status --all --json"] / s[lo]["status --all --json"]) / (int(hi) / int(lo))
    frame_ratio = None
    if "500" in s and str(sizes[0]) in s:
        frame_ratio = s["500"]["TUI first frame"] / s[str(sizes[0])]["TUI first frame"]
    lines += [
        "",
        "## Targets",
        "",
        f"- `status --json` at N={hi}: {s[hi]['status --all --json']:.2f} s (target <= 1 s).",
        f"- growth N={lo} -> {hi}: time ratio / N ratio = {growth:.2f} (target <= 1.3).",
    ]
    if frame_ratio is not None:
        lines.append(f"- TUI first frame at N=500 / at N={sizes[0]}: {frame_ratio:.2f}x "
                     "(target <= 2x).")
    lines.append(f"- one write at N={hi}: {s[hi]['one write (ce add)'] * 1000:.0f} ms "
                 "(target <= 150 ms).")
    lines += _practice_targets(r, lo, hi)
    p = r.get("packet")
    if p:
        lines += ["", "## Packets", "", "| case | median |", "|---|---|"]
        lines += [f"| {k} | {v:.2f} s |" for k, v in p.items()]
        if "pdfunite 40 PDFs" in p:
            ref = p["pdfunite 40 PDFs"] + p["weasyprint cover render"]
            lines.append(f"\n`packet build` / (pdfunite + cover render) = "
                         f"{p['packet build (40 documents)'] / ref:.2f}x (target <= 2x).")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
