"""A real MariaDB for the audit tests: Debian's mariadbd on 127.0.0.1, a temporary
datadir, a free port, started once per session (as the `mysql` user when the tests run
as root, which mariadbd refuses to run as). Skipped, saying why, only when the binaries
or PyMySQL are absent."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

BINARIES = ("mariadbd", "mariadb-install-db")


def _binary(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class MariaDB:
    port: int
    socket: str
    admin_password: str = "admin-pw"

    def admin(self, database: str | None = None):
        import pymysql
        return pymysql.connect(host="127.0.0.1", port=self.port, user="admin",
                               password=self.admin_password, database=database, autocommit=True,
                               charset="utf8mb4")

    def url(self, database: str, user: str = "reader", password: str = "reader-pw") -> str:
        return f"mysql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def load(self, database: str, sql: str) -> None:
        """A fresh database from `sql` (statements separated by ;\\n), readable by reader."""
        with self.admin() as conn, conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{database}`")
            cur.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8mb4")
            cur.execute(f"USE `{database}`")
            for statement in filter(str.strip, sql.split(";\n")):
                cur.execute(statement)
            cur.execute(f"GRANT SELECT ON `{database}`.* TO 'reader'@'127.0.0.1'")

    def checksums(self, database: str) -> dict:
        with self.admin(database) as conn, conn.cursor() as cur:
            cur.execute("SHOW TABLES")
            tables = [row[0] for row in cur.fetchall()]
            cur.execute("CHECKSUM TABLE " + ", ".join(f"`{t}`" for t in tables))
            return dict(cur.fetchall())


@pytest.fixture(scope="session")
def mariadb():
    pytest.importorskip("pymysql", reason="PyMySQL (the audit extra) is not installed")
    missing = [b for b in BINARIES if _binary(b) is None]
    if missing:
        pytest.skip(f"MariaDB binaries not found ({', '.join(missing)}): apt-get install mariadb-server")
    root = Path(tempfile.mkdtemp(prefix="promolint-mariadb-"))
    os.chmod(root, 0o755)
    data, sock = root / "data", str(root / "mysqld.sock")
    data.mkdir()
    user = ["--user=mysql"] if os.geteuid() == 0 else []
    if user:
        shutil.chown(root, "mysql")
        shutil.chown(data, "mysql")
    subprocess.run([_binary("mariadb-install-db"), "--no-defaults", f"--datadir={data}",
                    "--auth-root-authentication-method=normal", "--skip-test-db", *user],
                   check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [_binary("mariadbd"), "--no-defaults", f"--datadir={data}", f"--socket={sock}",
         f"--port={port}", "--bind-address=127.0.0.1", "--skip-name-resolve",
         f"--pid-file={root / 'mysqld.pid'}", f"--log-error={root / 'error.log'}",
         "--innodb-buffer-pool-size=16M", "--skip-log-bin", *user],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        db = MariaDB(port, sock)
        _setup(db, server, root)
        yield db
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(root, ignore_errors=True)


def _setup(db: MariaDB, server, root: Path) -> None:
    """Wait for the server, then make the accounts: admin (all) and reader (SELECT only,
    granted per database by MariaDB.load)."""
    import pymysql
    deadline = time.monotonic() + 60
    while True:
        try:
            conn = pymysql.connect(unix_socket=db.socket, user="root", password="", autocommit=True)
            break
        except pymysql.err.OperationalError:
            if server.poll() is not None or time.monotonic() > deadline:
                log = (root / "error.log").read_text(errors="replace")[-2000:] \
                    if (root / "error.log").exists() else ""
                pytest.fail(f"mariadbd did not start: {log}")
            time.sleep(0.2)
    with conn, conn.cursor() as cur:
        for statement in (
                f"CREATE USER 'admin'@'127.0.0.1' IDENTIFIED BY '{db.admin_password}'",
                "GRANT ALL ON *.* TO 'admin'@'127.0.0.1' WITH GRANT OPTION",
                "CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY 'reader-pw'"):
            cur.execute(statement)
