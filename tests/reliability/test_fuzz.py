"""CLI fuzz pass: every command, random and hostile arguments; exit 0/1/2 only, never a
traceback, one line on stderr for an error, the store unchanged when a command fails.

The commands come from walking the click tree (a new command is fuzzed without editing this
file). Each case draws, for every parameter of the command, nothing, a valid value (so deeper
code runs) or a hostile one: huge numbers, unicode, control characters, paths with .., FIFOs,
directories, 10 MB strings, impossible dates. A seeded generator keeps a failure reproducible:
the assertion message holds the arguments.

Skipped: what would block or leave the sandbox by design (the TUI, ``demo``, ``ical serve``).
Output paths are kept inside the sandbox (OUTPUTS); input paths may point at /dev and /proc.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import click
import pytest

from credtrack.cli import cli as ROOT
from reliability.practice import copy_practice, seed, snapshot

SKIP = {("demo",), ("ical", "serve")}
# parameters that name a file or folder credtrack writes: kept inside the sandbox
OUTPUTS = {(("export",), "file"), (("packet", "build"), "output"),
           (("ical", "export"), "output"), (("plugins", "new"), "directory"),
           (("backup",), "file")}
CI_CASES, FULL_CASES = 2000, 20000
MB10 = "x" * (10 * 1024 * 1024)


def commands(group: click.Group = ROOT, prefix: tuple[str, ...] = ()):
    table = group.all_commands() if hasattr(group, "all_commands") else group.commands
    for name, cmd in sorted(table.items()):
        path = prefix + (name,)
        if path in SKIP:
            continue
        if isinstance(cmd, click.Group):
            if cmd.invoke_without_command:
                yield path, cmd
            yield from commands(cmd, path)
        else:
            yield path, cmd


class Values:
    """Valid and hostile values for a parameter, by its type and name."""

    def __init__(self, rng: random.Random, ids: dict[str, str], sandbox: Path):
        self.rng, self.ids, self.box = rng, ids, sandbox
        self.hostile_text = [
            "", " ", "-", "--", "--help", "\x00", "a\x00b", "\x1b[2J\x1b[31mred", "line\nbreak",
            "tab\there", "\u202eevil", "Ωmega 😀 ünïcödé", "Ｆ Ｌ", "'; DROP TABLE x; --", "%s%n",
            "{0}{1}", "../../../../etc/passwd", "..", "/", "~", "$HOME", "`id`", "9" * 400,
            "\udcff", "R\udce9sum\udce9", "\x9b31m", "\x1b]0;PWNED\x07", "913-57-2468",
            "-1", "1e309", "nan", "inf", "0x10", "\ud800".encode("utf-8", "surrogatepass")
            .decode("utf-8", "replace"), "NUL\u0000", "\u0085next", "\u2028sep", "a" * 501,
        ]
        self.dates = ["2026-02-30", "0000-00-00", "9999-12-31", "0001-01-01", "99999-01-01",
                      "2026-1-1", "2026/01/01", "01/02/2026", "２０２６-01-01", "2024-02-29",
                      "2025-02-29", "2026-13-01", "today", "2026-01-01T00:00", "-2026-01-01"]
        self.paths = self._paths()

    def _paths(self) -> list[str]:
        box = self.box
        fifo = box / "fifo"
        if not fifo.exists():
            os.mkfifo(fifo)
        loop = box / "loop"
        if not loop.is_symlink():
            loop.symlink_to(loop)
        (box / "a dir").mkdir(exist_ok=True)
        (box / "small.pdf").write_bytes(b"%PDF-1.4\n% tiny\n")
        (box / "empty.pdf").write_bytes(b"")
        (box / "ünï ✓.json").write_text('{"credtrack_export": 1, "providers": [{}]}')
        (box / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
        (box / "list.json").write_text("[1, 2]")
        latin1 = os.fsdecode(os.path.join(os.fsencode(box), b"R\xe9sum\xe9.pdf"))
        Path(latin1).write_bytes(b"%PDF-1.4\n% not UTF-8 named\n")
        (box / "nan.json").write_text('{"credtrack_export": 1, "providers": [{"provider": '
                                      '{"id": "x", "name": "X"}, "ce": [{"id": "ce-1", '
                                      '"hours": NaN, "subject": "general", '
                                      '"completed": "2026-01-01"}]}]}')
        return [str(p) for p in (fifo, loop, box / "a dir", box / "small.pdf", box / "empty.pdf",
                                 box / "ünï ✓.json", box / "deep.json", box / "list.json",
                                 box / "missing" / "x.pdf", box / "nan.json", latin1)] + \
            ["out.ics", "out.pdf", "out.json", "../escape.json", "a dir/../out2.json",
             "sub/../../x.pdf", "", ".", "..", "nul\x00.pdf", "x" * 5000]

    def input_paths(self) -> list[str]:
        return self.paths + ["/dev/null", "/dev/zero", "/proc/self/status", "/etc/hostname"]

    def value(self, command: tuple[str, ...], param: click.Parameter) -> str:
        rng = self.rng
        if rng.random() < 0.02:
            return MB10
        hostile = rng.random() < 0.5
        t = param.type
        name = param.name or ""
        if isinstance(t, click.Choice):
            return rng.choice(list(t.choices)) if not hostile else rng.choice(self.hostile_text)
        if (command, name) in OUTPUTS:
            return rng.choice(self.paths)
        if isinstance(t, click.Path) or name == "file":
            return rng.choice(self.input_paths())
        tn = t.name
        if tn == "DATE":
            return rng.choice(self.dates) if hostile else \
                f"{rng.randint(1990, 2040)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if tn == "NPI":
            return rng.choice(["1234567890", "१२३४५६७८९३", "12345678901", "123456789 3"]) \
                if hostile else rng.choice(["1234567893", "1245319599"])
        if tn == "TIN":
            return rng.choice(["111111111", "12-34567", "１２３４５６７８９"]) if hostile \
                else rng.choice(["876-54-3219", "12-3456789"])
        if tn == "HOURS":
            return rng.choice(["0", "-1", "1e309", "nan", "inf", "1001", "9" * 400, "1_0",
                               "0.001", "½"]) if hostile else rng.choice(["1", "2.5", "12"])
        if tn == "XX":
            return rng.choice(["ZZ", "Florida", "fl ", "XX", "ＦＬ"]) if hostile \
                else rng.choice(["FL", "NY", "TX", "OR", "ca"])
        if tn == "PER/AGG":
            return rng.choice(["1/0", "3000000/1000000", "9" * 40 + "/" + "9" * 41, "$/$",
                               "-1/-1"]) if hostile else "1000000/3000000"
        if tn == "SPAN":
            return rng.choice(["99999y", "-1d", "0", "1.5d", "d"]) if hostile \
                else rng.choice(["30d", "12w", "6m", "1y"])
        if tn == "CODE":
            return rng.choice(["225700000", "X", "ＡＢ"]) if hostile else "225700000X"
        if tn == "ID":
            return rng.choice(["12ab", "1" * 11]) if hostile else "1515151"
        if tn == "integer range" or tn == "integer":
            return rng.choice(["-1", "99999999999999999999", "0x10", "1"])
        if hostile:
            return rng.choice(self.hostile_text)
        known = {"provider_id": ["dana-reyes", "sam-lee"], "app_id": [self.ids["app"],
                 self.ids["draft"]], "license_id": [self.ids["license"]],
                 "doc_id": [self.ids["w9"], self.ids["coi"]], "credit_id": [self.ids["ce"]],
                 "payer_id": ["aetna", "ash", "cigna", "AETNA ", "medicare"],
                 "kind": ["w9", "liability-coi", "other", "license"],
                 "subject": ["general", "ethics", "Ethics"], "code": ["FL", "NY"],
                 "new_status": ["submitted", "in-review", "approved"],
                 "reminder_specs": ["license-renewal=90,30", "follow-up=0", "ce-due=none"],
                 "target": ["credtrack_states", "x.py"]}
        return rng.choice(known.get(name, ["Dana Reyes", "note", "R-1", "x@example.com"]))


def argv_for(path: tuple[str, ...], cmd: click.Command, values: Values) -> list[str]:
    rng = values.rng
    args: list[str] = list(path)
    positional: list[str] = []
    for param in cmd.params:
        if param.name == "help":
            continue
        if isinstance(param, click.Argument):
            if rng.random() < 0.93:
                positional.append(values.value(path, param))
            continue
        if rng.random() < (0.75 if param.required else 0.35):
            opt = rng.choice(param.opts)
            if getattr(param, "is_flag", False):
                args.append(opt)
            else:
                for _ in range(rng.randint(1, 3) if param.multiple else 1):
                    args += [opt, values.value(path, param)]
    if rng.random() < 0.05:
        positional.append(rng.choice(["extra", "--nope", "-z"]))
    if positional and rng.random() < 0.3:
        args.append("--")  # from here on, everything is positional (even "-x")
    return args + positional


def _fuzz(cases: int, seed_: int, cli, tmp_path, tally, monkeypatch) -> None:
    root = tmp_path / "template"
    ids = seed(root / "home", root / "files")
    sandbox = tmp_path / "sandbox"
    sandbox.mkdir()
    monkeypatch.chdir(sandbox)
    rng = random.Random(seed_)
    values = Values(rng, ids, sandbox)
    paths = list(commands())
    home = copy_practice(root, tmp_path / "run-0")
    skip = ("calendar-state.json", "credtrack.ics", "cache/", "packets/")
    before = snapshot(home, skip)
    failures: list[str] = []
    for n in range(cases):
        if n and n % 250 == 0:  # a fresh copy now and then: successes pile records up
            home = copy_practice(root, tmp_path / f"run-{n}")
            before = snapshot(home, skip)
        path, cmd = rng.choice(paths)
        argv = argv_for(path, cmd, values)
        result = cli("--data-dir", str(home), *argv)
        tally.fuzz_cases += 1
        tally.fuzz_by_exit[result.code] = tally.fuzz_by_exit.get(result.code, 0) + 1
        shown = [a if len(a) < 200 else f"<{len(a)} chars>" for a in argv]
        text = result.out + result.err
        if "Traceback" in text or "internal error" in result.err:
            tally.fuzz_tracebacks += 1
            failures.append(f"{shown}: {result.err[-300:]}")
            continue
        # exit 3 is status/due --fail-on saying an item matched: a report, which writes nothing
        fail_on = result.code == 3 and "--fail-on" in argv
        if result.code not in (0, 1, 2) and not fail_on:
            failures.append(f"{shown}: exit {result.code}")
            continue
        if fail_on:
            if not any(line.startswith("credtrack: --fail-on")
                       for line in result.err.splitlines()):
                failures.append(f"{shown}: exit 3 without the --fail-on line")
            if snapshot(home, skip) != before:
                failures.append(f"{shown}: --fail-on changed the store")
        if result.code == 0 or fail_on:
            before = snapshot(home, skip)
            continue
        lines = [line for line in result.err.splitlines() if line.strip()]
        errors = [line for line in lines if not line.startswith("credtrack: warning:")]
        if not errors and result.out.strip():
            pass  # a report on stdout says why (doctor, plugins check: exit 1 = problems)
        elif len(errors) != 1 or not errors[0].startswith(("credtrack: error:",
                                                           "credtrack: aborted")):
            failures.append(f"{shown}: stderr {result.err[:300]!r}")
        after = snapshot(home, skip)
        if after != before:
            changed = sorted(set(after) ^ set(before) | {k for k in after if k in before
                                                         and after[k] != before[k]})
            failures.append(f"{shown}: failed (exit {result.code}) but changed {changed[:5]}")
            before = after
    assert not failures, f"{len(failures)} of {cases} cases:\n" + "\n".join(failures[:15])


def test_fuzz_every_command(cli, tmp_path, tally, monkeypatch):
    _fuzz(CI_CASES, 20261122, cli, tmp_path, tally, monkeypatch)


@pytest.mark.full
def test_fuzz_every_command_full(cli, tmp_path, tally, monkeypatch):
    _fuzz(FULL_CASES, int(os.environ.get("CREDTRACK_FUZZ_SEED", "1")), cli, tmp_path, tally,
          monkeypatch)


def test_the_fuzz_reaches_every_command():
    """A new command is fuzzed without editing this file (and none is skipped by accident)."""
    found = {" ".join(p) for p, _ in commands()}
    assert {"doctor", "encryption enable", "license add", "doc add", "packet build",
            "ical export", "import", "export", "provider remove"} <= found
    assert "ical serve" not in found and "demo" not in found
