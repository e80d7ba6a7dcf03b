"""status --all from cached per-provider results: the same bytes as evaluating everyone, and
only the providers whose file changed are evaluated again."""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from credtrack import hookimpl, reportcache
from credtrack.service import Credtrack
from credtrack.demo import sample_pdf

AS_OF = date(2026, 11, 22)


@pytest.fixture
def practice(cli, home, tmp_path, monkeypatch):
    monkeypatch.setenv("CREDTRACK_TODAY", AS_OF.isoformat())
    ids = []
    for n, (name, state) in enumerate((("Dana Reyes", "FL"), ("Sam Lee", "TX"),
                                       ("Ana Silva", "NY"))):
        pid = cli("provider", "add", "--name", name, "--json").json()["id"]
        ids.append(pid)
        assert cli("license", "add", "--provider", pid, "--state", state, "--number",
                   f"N{n}2345", "--issued", "2024-01-01", "--expires", "2026-12-31").code == 0
        cpr = tmp_path / f"cpr{n}.pdf"
        cpr.write_bytes(sample_pdf("cpr " + name, ["x"]))
        assert cli("doc", "add", "--provider", pid, "cpr", cpr, "--expires",
                   "2026-11-01").code == 0
        assert cli("apply", "--provider", pid, "cigna", "--state", state, "--force").code == 0
    return ids


def fresh(home) -> bytes:
    """What status --all --json prints when every provider is evaluated (no cache)."""
    app = Credtrack(home)
    total = None
    from credtrack import compliance

    total = compliance.Report(AS_OF)
    for entry in app.store.entries():
        report, _ = app._evaluate(app.store.read(entry.id).records(), AS_OF)
        total.extend(report)
    return orjson.dumps(total.sort().to_dict(), default=str, option=orjson.OPT_INDENT_2
                        | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)


def status_bytes(cli) -> bytes:
    result = cli("status", "--all", "--json")
    assert result.code == 0, result.err
    return result.out.encode().rstrip(b"\n")


def test_cached_status_is_byte_identical_and_evaluates_only_what_changed(
        cli, home, practice, monkeypatch):
    evaluated = []
    real = Credtrack._evaluate

    def counting(self, records, as_of):
        evaluated.append(records.provider.id)
        return real(self, records, as_of)

    monkeypatch.setattr(Credtrack, "_evaluate", counting)
    first = status_bytes(cli)
    assert sorted(evaluated) == sorted(practice)
    assert len(list((home / reportcache.CACHE_DIR).iterdir())) == 3
    evaluated.clear()
    assert status_bytes(cli) == first and evaluated == []  # nothing changed: nobody evaluated

    assert cli("ce", "add", "--provider", practice[1], "--hours", "2", "--subject", "ethics",
               "--completed", "2026-11-01").code == 0
    evaluated.clear()
    after = status_bytes(cli)
    assert evaluated == [practice[1]]  # the one provider written to
    monkeypatch.setattr(Credtrack, "_evaluate", real)
    assert after == fresh(home) and after != first


def test_text_status_and_due_read_the_cache_the_same(cli, home, practice):
    plain = cli("status", "--all").out
    due = cli("due", "--all", "--within", "90d", "--json").out
    assert (home / reportcache.CACHE_DIR).is_dir()
    assert cli("status", "--all").out == plain  # now from the cache
    assert cli("due", "--all", "--within", "90d", "--json").out == due
    assert "OVERDUE" in plain


class ErrorElsewhere:
    """An error finding about a subject no deadline is about: due keeps every error."""

    @staticmethod
    @hookimpl
    def credtrack_findings(context):
        from credtrack import compliance

        return [compliance.Finding("error", "test-unrelated", "an error about no deadline",
                                   context.records.provider.id, "elsewhere", "a test rule",
                                   "https://example.org/rule")]


@pytest.mark.parametrize("within", [38, 39])  # 2026-12-30 and 2026-12-31: the licenses' day
def test_due_from_the_cache_keeps_what_due_keeps(cli, home, practice, register_plugin, within):
    """due --all picks from the cached rows: the deadlines on or before the horizon (overdue
    ones too), the error findings and the findings about a kept deadline's subject; the same
    bytes as that rule applied to every provider evaluated afresh."""
    from datetime import timedelta

    from credtrack import compliance

    register_plugin(ErrorElsewhere, "error_elsewhere")
    app = Credtrack(home)
    horizon = AS_OF + timedelta(days=within)
    everything = compliance.Report(AS_OF)
    for entry in app.store.entries():
        everything.extend(app._evaluate(app.store.read(entry.id).records(), AS_OF)[0])
    everything.sort()
    kept = [d for d in everything.deadlines if d.date <= horizon]
    subjects = {d.subject for d in kept}
    expected = compliance.Report(AS_OF, kept, [f for f in everything.findings
                                               if f.severity == "error" or f.subject in subjects])
    # 3 overdue CPR cards; on the 39th day also the 5 deadlines of the licenses (2026-12-31)
    assert len(kept) == (3 if within == 38 else 8) and len(everything.deadlines) == 8
    assert sum(f.subject == "elsewhere" for f in expected.findings) == 3
    want = orjson.dumps(expected.to_dict(), default=str, option=orjson.OPT_INDENT_2
                        | orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS).decode()
    for _ in range(2):  # the run that fills the cache, then one that reads it
        got = cli("due", "--all", "--within", f"{within}d", "--json")
        assert got.out.rstrip("\n") == want
    assert (home / reportcache.CACHE_DIR).is_dir()


def test_a_damaged_or_foreign_cache_is_not_used(cli, home, practice):
    first = status_bytes(cli)
    for path in sorted((home / reportcache.CACHE_DIR).iterdir()):
        raw = path.read_bytes()
        path.write_bytes(raw.replace(reportcache.RS, b"", 3))  # items run together
        assert status_bytes(cli) == first
        for cut in range(len(raw) - 1, len(raw) // 2, -max(1, len(raw) // 20)):
            path.write_bytes(raw[:cut])  # cut short (a crash before the data was on disk)
            assert status_bytes(cli) == first, cut
        path.write_bytes(b"not a cache")
        assert status_bytes(cli) == first
    a, b = sorted((home / reportcache.CACHE_DIR).iterdir())[:2]
    a.write_bytes(b.read_bytes())  # another provider's record under this one's name
    assert status_bytes(cli) == first


def test_another_day_is_another_cache(cli, home, practice):
    today = status_bytes(cli)
    later = cli("status", "--all", "--json", "--as-of", "2027-06-01")
    assert later.code == 0 and later.out.encode().rstrip() != today
    assert '"as_of": "2027-06-01"' in later.out


def test_no_cache_in_an_encrypted_data_dir(cli, home, practice, monkeypatch):
    monkeypatch.setenv("CREDTRACK_PASSPHRASE", "correct horse battery staple")
    assert cli("encryption", "enable").code == 0
    import shutil

    shutil.rmtree(home / reportcache.CACHE_DIR, ignore_errors=True)
    assert cli("status", "--all", "--json").code == 0
    assert not (home / reportcache.CACHE_DIR).exists()
