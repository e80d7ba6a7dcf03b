"""Fault-injection and fuzz tallies, reported at the end of the run (visible in CI output)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest


@dataclass
class Tally:
    iterations: int = 0
    faults: int = 0
    recovered: int = 0
    lost: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    fuzz_cases: int = 0
    fuzz_tracebacks: int = 0
    fuzz_by_exit: dict[int, int] = field(default_factory=dict)

    def add(self, kind: str, *, iterations: int, faults: int, recovered: int,
            lost: int) -> None:
        """Count what a case observed (call it before asserting, so a failing case is in the
        summary too): how many iterations, how many faults were really injected, after how
        many everything checked out, and how many acknowledged records were missing."""
        self.iterations += iterations
        self.faults += faults
        self.recovered += recovered
        self.lost += lost
        row = self.by_kind.setdefault(kind, [0, 0, 0, 0])
        for i, n in enumerate((iterations, faults, recovered, lost)):
            row[i] += n


    @contextmanager
    def observe(self, kind: str, faults: int = 1, iterations: int = 1):
        """Count one case, whatever its outcome: the block sets ``case.lost`` from what it
        measured; it is recovered if the block completes and nothing was lost."""
        case = Case()
        try:
            yield case
        except BaseException:
            self.add(kind, iterations=iterations, faults=faults, recovered=0, lost=case.lost)
            raise
        self.add(kind, iterations=iterations, faults=faults,
                 recovered=iterations if case.lost == 0 else 0, lost=case.lost)
        assert case.lost == 0, f"{kind}: {case.lost} acknowledged record(s) lost"


@dataclass
class Case:
    lost: int = 0


TALLY = Tally()


@pytest.fixture(scope="session")
def tally() -> Tally:
    return TALLY


def pytest_terminal_summary(terminalreporter):
    t = TALLY
    if not t.iterations and not t.fuzz_cases:
        return
    tr = terminalreporter
    tr.section("reliability")
    if t.iterations:
        tr.write_line(f"faults: {t.iterations} iterations, {t.faults} faults injected, "
                      f"{t.recovered} stores recovered, {t.iterations - t.recovered} not "
                      f"recovered, {t.lost} records lost")
        for kind, (n, f, r, lost) in sorted(t.by_kind.items()):
            tr.write_line(f"  {kind:<34} {n:>5} iterations {f:>5} faults {r:>5} recovered "
                          f"{lost:>3} lost")
    if t.fuzz_cases:
        exits = ", ".join(f"exit {k}: {v}" for k, v in sorted(t.fuzz_by_exit.items()))
        tr.write_line(f"fuzz: {t.fuzz_cases} cases, {t.fuzz_tracebacks} tracebacks ({exits})")
