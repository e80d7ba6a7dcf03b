"""A real PostgreSQL server for the tests: started once per session on a free loopback port in
a temp dir (initdb refuses root: then it runs as the ``postgres`` user), stopped at the end.

Where no server can be started the tests that need one skip with the reason, unless
``CREDTRACK_REQUIRE_POSTGRES=1`` (set by .ci/run): then they fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

BIN_DIRS = [Path(p) for p in os.environ.get("CREDTRACK_PG_BIN", "").split(os.pathsep) if p] + \
    sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
ADMIN = "ct_admin"


def _bin() -> Path | None:
    for d in BIN_DIRS:
        if (d / "initdb").exists() and (d / "pg_ctl").exists():
            return d
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """One server; ``database()`` makes a fresh, empty database and returns its URL."""

    def __init__(self, durable: bool = False) -> None:
        """``durable``: keep fsync on (benchmarks); the tests turn it off for speed."""
        self.bin = _bin()
        if self.bin is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
        self.dir = Path(tempfile.mkdtemp(prefix="credtrack-pg-"))
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            import pwd

            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no 'postgres' user to run "
                                   "initdb as") from None
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.data = self.dir / "data"
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", ADMIN, "-E", "UTF8",
                  "--no-sync", "--no-instructions")
        self._counter = itertools.count(1)
        for attempt in range(5):
            self.port = _free_port()
            opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
                    "-c max_connections=60")
            if not durable:
                opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            proc = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.dir / "log"), "-w",
                             "-t", "30", "-o", opts, "start", check=False)
            if proc.returncode == 0:
                break
        else:
            raise RuntimeError("the PostgreSQL server did not start: "
                               + (self.dir / "log").read_text()[-500:])
        self.admin_url = self.url("postgres")

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run([*self.as_user, str(self.bin / tool), *args], capture_output=True,
                              text=True, timeout=120, cwd=self.dir)
        if check and proc.returncode != 0:
            raise RuntimeError(f"{tool} failed: {(proc.stderr or proc.stdout)[-500:]}")
        return proc

    def url(self, db: str, user: str = ADMIN) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{db}"

    def sql(self, statement: str, db: str = "postgres") -> list:
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True) as conn:
            cur = conn.execute(statement)
            return cur.fetchall() if cur.description else []

    def database(self, prefix: str = "t") -> str:
        name = f"{prefix}{os.getpid()}_{next(self._counter)}"
        self.sql(f"CREATE DATABASE {name} TEMPLATE template0 STRATEGY FILE_COPY")
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        for _ in range(50):
            if not (self.data / "postmaster.pid").exists():
                break
            time.sleep(0.1)
        shutil.rmtree(self.dir, ignore_errors=True)
