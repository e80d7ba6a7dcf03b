"""Mutation check for issue 14: plant each listed mutant, one at a time, run the tests that
should catch it, and report which were killed.

    .venv/bin/python bench/mutants.py            # all mutants
    .venv/bin/python bench/mutants.py --list     # what would be planted

A mutant is a single textual replacement in one file (it must match exactly once, so a mutant
that no longer applies is reported as an error, not as a kill). The file is restored afterwards
even if the run is interrupted. Exit status 0 only when every mutant is killed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = "src/credtrack"
STATES = "plugins/states/credtrack_states"
PAYERS = "plugins/payers/credtrack_payers"
TESTS = ["tests/test_states.py", "tests/test_mutants.py", "tests/test_payers.py",
         "tests/test_state_cases.py"]


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...] = tuple(TESTS)


MUTANTS = (
    Mutant("Colorado's parity flipped", f"{STATES}/co.py",
           "basis=FIXED_DATE, cycle_years=2, month=12, day=31, parity=EVEN,",
           "basis=FIXED_DATE, cycle_years=2, month=12, day=31, parity=ODD,"),
    Mutant("cap usage recorded only for the first matching cap", f"{SRC}/compliance/ce.py",
           "        for i in matching:\n            caps_used[i] += hours",
           "        for i in matching[:1]:\n            caps_used[i] += hours"),
    Mutant("Illinois' 180-day CAQH window only when all licenses are Illinois",
           f"{SRC}/compliance/caqh.py",
           'any(lic.state == "IL" for lic in records.licenses)',
           'all(lic.state == "IL" for lic in records.licenses)'),
    Mutant("a payer's 36-month recredentialing changed to 24", f"{PAYERS}/uhc.py",
           "recredential_months=36,", "recredential_months=24,"),
    Mutant("COI aggregate compared with the per-claim minimum",
           f"{SRC}/compliance/applications.py",
           "(req.min_aggregate and (best.aggregate or 0) < req.min_aggregate)",
           "(req.min_aggregate and (best.aggregate or 0) < req.min_per_claim)"),
    Mutant("half the hours if licensed late (AZ, NJ) not halved", f"{SRC}/compliance/ce.py",
           "return _First(required / 2, subjects,", "return _First(required, subjects,"),
    Mutant("North Dakota's seniority tiers ignored", f"{SRC}/rules.py",
           "            if years_in_practice is not None and years_in_practice >= "
           "tier.years_in_practice:\n                total = tier.hours",
           "            if years_in_practice is not None and years_in_practice >= "
           "tier.years_in_practice:\n                total = total"),
    Mutant("the 30-day document warning made 29", f"{SRC}/compliance/core.py",
           "DOC_WARN_DAYS = 30", "DOC_WARN_DAYS = 29"),
    # issue 14's engine fixes: each must stay fixed
    Mutant("one-time subjects owed every cycle (problem 1)", f"{SRC}/compliance/ce.py",
           "if not s.every_renewal and start is not None:",
           "if False and not s.every_renewal and start is not None:"),
    Mutant("first period by issue date, renewals ignored (problem 2)",
           f"{SRC}/compliance/licenses.py",
           "    if _renewed_before(lic, end):\n        return False\n", ""),
    Mutant("computed date from an unconfirmed rule shown as confirmed (problem 5)",
           f"{SRC}/compliance/licenses.py",
           "    return view.rules.renewal.confidence", "    return R.CONFIRMED"),
    Mutant("file-by date only for computed expiries (problem 6)",
           f"{SRC}/compliance/licenses.py",
           "    if rules is not None:\n        submit = ",
           "    if rules is not None and view.expiry_basis != \"license\":\n        submit = "),
    Mutant("a credit counts toward its own subject only (problem 7)", f"{SRC}/rules.py",
           "return subject == self.subject or subject in self.includes",
           "return subject == self.subject"),
    Mutant("carry-over one period back only (problem 7)", f"{SRC}/compliance/ce.py",
           "for _ in range(max(ce.carry_over_periods, 1)):", "for _ in range(1):"),
    Mutant("first-term minimum in days, months ignored (problem 8)", f"{SRC}/rules.py",
           "add_months(ctx.issued, max(self.min_first_term_months, 0)))", "ctx.issued)"),
    Mutant("CE cycle counted back from the expiry (problem 9)", f"{SRC}/compliance/licenses.py",
           "anchor = min(view.expires, as_of) if as_of and view.expires else (view.expires or as_of)",
           "anchor = end - timedelta(days=366 * (period_rule.cycle_years or 1))"),
    Mutant("live interactive not live (problem 10)", f"{SRC}/compliance/ce.py",
           "if c.delivery in ce.live_deliveries:", "if c.delivery == R.IN_PERSON:"),
    Mutant("carry-over fraction ignored (problem 10)", f"{SRC}/rules.py",
           "allowed = excess * self.carry_over_fraction if", "allowed = excess if"),
)


def run_tests(tests: tuple[str, ...]) -> int:
    present = [t for t in tests if (ROOT / t).exists()]
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *present]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True).returncode


def plant(m: Mutant) -> tuple[str, float]:
    """'killed', 'survived' or 'error: ...', and the seconds the run took."""
    path = ROOT / m.path
    original = path.read_text()
    if original.count(m.old) != 1:
        return f"error: the mutant matches {original.count(m.old)} times in {m.path}", 0.0
    started = time.monotonic()
    try:
        path.write_text(original.replace(m.old, m.new))
        code = run_tests(m.tests)
    finally:
        path.write_text(original)
    took = time.monotonic() - started
    return ("killed" if code != 0 else "survived"), took


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list the mutants and exit")
    args = ap.parse_args(argv)
    if args.list:
        for m in MUTANTS:
            print(f"{m.name}  ({m.path})")
        return 0
    if run_tests(tuple(TESTS)) != 0:
        print("the tests fail without any mutant: fix them first", file=sys.stderr)
        return 2
    killed = 0
    for m in MUTANTS:
        verdict, took = plant(m)
        killed += verdict == "killed"
        print(f"{verdict:9} {took:5.1f}s  {m.name}")
    print(f"mutation score: {killed}/{len(MUTANTS)} killed")
    return 0 if killed == len(MUTANTS) else 1


if __name__ == "__main__":
    sys.exit(main())
