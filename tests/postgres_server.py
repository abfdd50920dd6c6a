"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, started once
per test session on a Unix socket of its own (no port to collide with), stopped at the end.

Each test gets a fresh database copied from a migrated template (CREATE DATABASE … TEMPLATE
takes milliseconds, migrating takes a second). The server runs as the `postgres` user when
the tests run as root, since PostgreSQL refuses to run as root.
"""

import os
import pwd
import shutil
import subprocess
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


def binaries() -> Path | None:
    """The folder with initdb and pg_ctl, or None when PostgreSQL is not installed."""
    for folder in (os.environ.get("JIMO_PG_BIN"), *_BIN_FOLDERS):
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


class Server:
    def __init__(self, bin_folder: Path):
        self._bin = bin_folder
        self._folder = Path(tempfile.mkdtemp(prefix="jimo-pg-"))
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            owner = pwd.getpwnam("postgres")
            os.chown(self._folder, owner.pw_uid, owner.pw_gid)
        self._numbers = count(1)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        subprocess.run(
            [*prefix, *command], check=True, cwd=self._folder, capture_output=True, timeout=120
        )

    def start(self) -> None:
        data = self._folder / "data"
        self._run(
            str(self._bin / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-k {self._folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
            " -c full_page_writes=off -c max_connections=60"
        )
        self._run(
            str(self._bin / "pg_ctl"), "-D", str(data), "-o", options,
            "-l", str(self._folder / "server.log"), "-w", "start",
        )  # fmt: skip
        self._stop_when_gone(os.getpid())
        with self._admin() as admin:
            admin.execute(f"CREATE DATABASE {TEMPLATE}")
        open_database(self.address(TEMPLATE)).close()

    def _stop_when_gone(self, pid: int) -> None:
        """A test run that dies (a crash, a kill) never tears down: a watcher of its own
        stops the server and removes its folder once the run's process is gone."""
        prefix = "runuser -u postgres -- " if self._as_postgres else ""
        script = (
            f"while kill -0 {pid} 2>/dev/null; do sleep 1; done; "
            f"{prefix}{self._bin / 'pg_ctl'} -D {self._folder / 'data'} -m immediate stop"
            f" >/dev/null 2>&1; rm -rf {self._folder}"
        )
        subprocess.Popen(
            ["sh", "-c", script],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def stop(self) -> None:
        self._run(
            str(self._bin / "pg_ctl"), "-D", str(self._folder / "data"), "-m", "immediate", "stop"
        )
        shutil.rmtree(self._folder, ignore_errors=True)

    def address(self, name: str, user: str = "postgres") -> str:
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
