"""Issue 22: `credtrack store copy` between a data dir and PostgreSQL, killed and rerun."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BIN, ROOT, assert_clean_error
from test_packet import files, plugins  # noqa: F401 (fixtures: the packet tests' practice)
from credtrack.demo import sample_pdf


@pytest.fixture(scope="session")
def practice300(tmp_path_factory) -> Path:
    """bench/generate.py's 300-provider practice (with its vault), made once per session."""
    home = tmp_path_factory.mktemp("practice300") / "data"
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(home),
                           "--providers", "300"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CREDTRACK_DISABLE_PLUGINS": "1"})
    assert proc.returncode == 0, proc.stderr
    return home


def _credtrack(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "credtrack"), *map(str, args)], capture_output=True,
                          text=True, timeout=300, **kw)


def _export(store: str, out: Path) -> bytes:
    proc = _credtrack("--store", store, "export", out)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


def _vault(home: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (home / "vault").glob("??/*")}


def _killed_copy(source: str, dest: str, at: str) -> None:
    """Start a copy and SIGKILL it when it reports ``at`` providers copied."""
    proc = subprocess.Popen([str(BIN / "credtrack"), "store", "copy", "--from", source,
                             "--to", dest], stderr=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True)
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith(f"copied {at}/"):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the copy finished before it could be killed"


def _count(store: str) -> int:
    proc = _credtrack("--store", store, "provider", "list", "--json")
    assert proc.returncode == 0, proc.stderr
    import json

    return len(json.loads(proc.stdout))


def test_copy_to_postgresql_and_back_is_identical_even_when_killed(practice300, pg_url,
                                                                    tmp_path):
    source = str(practice300)
    back = tmp_path / "back"
    original = _export(source, tmp_path / "original.json")

    _killed_copy(source, pg_url, "100")
    assert 0 < _count(pg_url) < 300  # whole providers only, some of them
    done = _credtrack("store", "copy", "--from", source, "--to", pg_url)
    assert done.returncode == 0, done.stderr
    assert "verified 300 providers" in done.stdout and "already there" in done.stdout
    assert _export(pg_url, tmp_path / "pg.json") == original

    _killed_copy(pg_url, str(back), "100")
    assert 0 < _count(str(back)) < 300
    done = _credtrack("store", "copy", "--from", pg_url, "--to", back)
    assert done.returncode == 0, done.stderr
    assert _export(str(back), tmp_path / "back.json") == original  # byte for byte
    assert _vault(back) == _vault(practice300)
    assert all(name == sha for name, sha in _vault(back).items())
    assert not list((back / "cache").glob(".copy-*"))  # no staging file left behind


def test_copy_refuses_a_destination_holding_another_practice(cli, pg_url, tmp_path,
                                                             monkeypatch):
    assert cli("init", "--name", "Dana Reyes").code == 0  # in PostgreSQL
    other = tmp_path / "other"
    monkeypatch.setenv("CREDTRACK_HOME", str(other))
    assert cli("--store", str(other), "init", "--name", "Sam Okafor").code == 0
    refused = cli("store", "copy", "--from", other, "--to", pg_url)
    assert_clean_error(refused, 1)
    assert "the destination holds 1 provider(s) the source does not" in refused.err
    assert [p["id"] for p in cli("provider", "list", "--json").json()] == ["dana-reyes"]
    assert_clean_error(cli("store", "copy", "--from", pg_url, "--to", pg_url), 2)


def test_copy_refuses_a_damaged_source_document(cli, pg_url, tmp_path, monkeypatch):
    src = tmp_path / "src"
    monkeypatch.setenv("CREDTRACK_HOME", str(src))
    cli("--store", str(src), "init", "--name", "Dana Reyes")
    pdf = tmp_path / "w9.pdf"
    pdf.write_bytes(sample_pdf("w9", [os.urandom(32).hex()]))
    doc = cli("--store", str(src), "doc", "add", "w9", pdf, "--json").json()
    (src / doc["vault_path"]).write_bytes(b"%PDF-1.4 tampered")
    refused = cli("store", "copy", "--from", src, "--to", pg_url)
    assert_clean_error(refused, 1)
    assert f"document {doc['id']} of the source: its file is missing or damaged" in refused.err
    assert cli("provider", "list", "--json").json() == []


def test_a_packet_from_either_store_is_the_same(home, plugins, files, pg_server, cli,
                                                monkeypatch, tmp_path):
    """The same application's packet, built from the data dir and from its copy in
    PostgreSQL: the same pages, the same attached documents byte for byte."""
    import zipfile

    from test_packet import ON, make_practice, texts

    pg_url = pg_server.database()
    _, app_id = make_practice(home, files)  # in the data dir
    monkeypatch.setenv("CREDTRACK_TODAY", ON.isoformat())
    assert cli("store", "copy", "--from", home, "--to", pg_url).code == 0
    built = {}
    for name, store in (("file", str(home)), ("postgresql", pg_url)):
        if name == "postgresql":
            import shutil

            shutil.rmtree(home / "vault")  # the documents come from the database now
        out = cli("--store", store, "packet", "build", app_id, "--zip", "-o",
                  tmp_path / f"{name}.pdf", "--json")
        assert out.code == 0, out.err
        built[name] = out.json()
    pdfs = {k: Path(v["path"]) for k, v in built.items()}
    assert texts(pdfs["file"]) == texts(pdfs["postgresql"])
    with zipfile.ZipFile(built["file"]["zip"]) as a, zipfile.ZipFile(built["postgresql"]["zip"]) as b:
        docs_a = sorted(n for n in a.namelist() if n.startswith("documents/"))
        assert len(docs_a) == 4
        assert docs_a == sorted(n for n in b.namelist() if n.startswith("documents/"))
        assert all(a.read(n) == b.read(n) for n in docs_a)
