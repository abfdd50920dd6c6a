"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, started once
per test session and stopped at the end. On Linux it listens on a Unix socket of its own (no
port to collide with); on Windows, which has no such socket for libpq, on a free port of the
loopback. The Windows runner's own PostgreSQL is found through PGBIN.

Each test gets a fresh database copied from a migrated template (CREATE DATABASE … TEMPLATE
takes milliseconds, migrating takes a second). The server runs as the `postgres` user when
the tests run as root, since PostgreSQL refuses to run as root.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from itertools import count
from pathlib import Path

import psycopg

from jimo_desktop.store.database import open_database

TEMPLATE = "jimo_template"
_BIN_FOLDERS = (
    "/usr/lib/postgresql/15/bin",
    "/usr/lib/postgresql/16/bin",
    "/usr/lib/postgresql/17/bin",
)


_PROGRAMS = ("initdb", "pg_ctl")
ON_WINDOWS = sys.platform == "win32"
_SUFFIX = ".exe" if ON_WINDOWS else ""
# Stops the server and removes its folder once the test run's process is gone, however it
# ended (a crash, a kill): the run holds this watcher's stdin, which closes with the run.
_WATCHER = """
import shutil, subprocess, sys
sys.stdin.buffer.read()
subprocess.run(sys.argv[1:-1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
shutil.rmtree(sys.argv[-1], ignore_errors=True)
"""


def binaries() -> Path | None:
    """The folder with initdb and pg_ctl, or None when PostgreSQL is not installed."""
    for folder in (os.environ.get("JIMO_PG_BIN"), os.environ.get("PGBIN"), *_BIN_FOLDERS):
        if folder and all((Path(folder) / f"{name}{_SUFFIX}").is_file() for name in _PROGRAMS):
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, bin_folder: Path):
        self._bin = bin_folder
        self._folder = Path(tempfile.mkdtemp(prefix="jimo-pg-"))
        self._as_postgres = not ON_WINDOWS and os.geteuid() == 0
        if self._as_postgres:
            import pwd

            owner = pwd.getpwnam("postgres")
            os.chown(self._folder, owner.pw_uid, owner.pw_gid)
        self._port = _free_port() if ON_WINDOWS else None
        self._numbers = count(1)

    def _command(self, program: str, *arguments: str) -> list[str]:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        return [*prefix, str(self._bin / f"{program}{_SUFFIX}"), *arguments]

    def _run(self, program: str, *arguments: str) -> None:
        """Output to a file, not a pipe: on Windows the server pg_ctl starts inherits the
        pipe, and reading it to its end would wait for the server to stop."""
        log = self._folder / "commands.log"
        with log.open("ab") as output:
            finished = subprocess.run(
                self._command(program, *arguments),
                cwd=self._folder,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=120,
            )
        if finished.returncode:
            said = log.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"{program} 退出码 {finished.returncode}：\n{said}")

    def start(self) -> None:
        data = self._folder / "data"
        # Windows knows no C.UTF-8 locale; the schema sorts text by "C" on every server.
        locale = "--locale=C" if ON_WINDOWS else "--locale=C.UTF-8"
        self._run(
            "initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", locale,
            "--no-sync",
        )  # fmt: skip
        listen = (
            f"-c listen_addresses=127.0.0.1 -p {self._port}"
            if ON_WINDOWS
            else f"-k {self._folder} -c listen_addresses=''"
        )
        options = (
            f"{listen} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=60"
        )
        self._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(self._folder / "server.log"),
            "-w", "start",
        )  # fmt: skip
        self._stop_when_gone()
        with self._admin() as admin:
            admin.execute(f"CREATE DATABASE {TEMPLATE}")
        open_database(self.address(TEMPLATE)).close()

    def _stop_when_gone(self) -> None:
        stop = self._command("pg_ctl", "-D", str(self._folder / "data"), "-m", "immediate", "stop")
        self._watcher = subprocess.Popen(
            [sys.executable, "-c", _WATCHER, *stop, str(self._folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        """The watcher stops the server and removes its folder once told the run is over."""
        self._watcher.stdin.close()
        self._watcher.wait(timeout=120)

    def address(self, name: str, user: str = "postgres") -> str:
        if ON_WINDOWS:
            return f"postgresql://{user}@127.0.0.1:{self._port}/{name}"
        return f"postgresql://{user}@/{name}?host={self._folder}"

    def new_database(self, template: str = TEMPLATE) -> str:
        """A fresh database (migrated and seeded, unless `template` is template0)."""
        name = f"test_{next(self._numbers)}"
        with self._admin() as admin:
            admin.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
        return name

    def drop(self, name: str) -> None:
        with self._admin() as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def execute(self, name: str, statement: str) -> None:
        """A statement as the server's superuser (roles, grants) in database `name`."""
        with psycopg.connect(self.address(name), autocommit=True) as connection:
            connection.execute(statement)

    def reader(self, address: str, role: str) -> str:
        """The address of `address`'s database for a role that may read it and nothing else
        (a leader's, given SELECT only)."""
        name = address.split("/")[3].split("?")[0]
        self.execute(
            name,
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN"
            f" CREATE ROLE {role} LOGIN; END IF; END $$",
        )
        self.execute(name, f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        return self.address(name, user=role)

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(self.address("postgres"), autocommit=True)
