"""A throwaway PostgreSQL cluster for the tests: the Debian server programs (`initdb`, `pg_ctl` from
/usr/lib/postgresql/*/bin), a data folder of its own in a temporary folder, a Unix socket there
and a free loopback port, stopped and removed at the end.

PostgreSQL refuses to run as root: when the tests run as root (CI, containers), the cluster runs
as the `postgres` system user (`runuser -u postgres --`). Nothing is skipped: a server that cannot
start fails the test that needs it, with initdb's or the server's own words.

Roles: `postgres` (superuser, trusted on the socket and on loopback) and, for the tests of
passwords, `clerk` with a password, required over TCP (scram-sha-256).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

PASSWORD_ROLE = "clerk"
PASSWORD = "s3cret-clerk-pw"


class ServerError(RuntimeError):
    pass


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ServerError("PostgreSQL n'est pas installé (ni /usr/lib/postgresql/*/bin/initdb ni initdb sur le PATH) : "
                      "apt-get install postgresql (scripts/install.sh le fait)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, ssl: bool = False) -> None:
        self.bin = _bindir()
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="lawdesk-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.ssl = ssl
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
        self._initdb()

    # running the server's programs as its owner

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.base,
                                env={**os.environ, "LC_ALL": "C", "LANG": "C"})
        if result.returncode != 0:
            log = self.base / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise ServerError(f"{' '.join(args[:2])} a échoué ({result.returncode}) : {result.stderr.strip()}\n{tail}")
        return result

    def _initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        settings = [
            f"port = {self.port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{self.base}'",
            "fsync = off", "synchronous_commit = off", "full_page_writes = off",
            "max_connections = 60", "shared_buffers = 32MB", "log_min_messages = warning",
        ]
        if self.ssl:
            self._certificate()
            settings += ["ssl = on", "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'"]
        self._append(self.data / "postgresql.conf", "\n".join(settings) + "\n")
        hba = ["local all all trust", "host all postgres 127.0.0.1/32 trust"]
        hba.append(f"hostssl all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256" if self.ssl
                   else f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256")
        self._write(self.data / "pg_hba.conf", "\n".join(hba) + "\n")

    def _certificate(self) -> None:
        """A self-signed certificate: the server offers TLS, and for `clerk` requires it."""
        subprocess.run(["openssl", "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=127.0.0.1",
                        "-newkey", "rsa:2048", "-keyout", str(self.base / "server.key"), "-out", str(self.base / "server.crt")],
                       check=True, capture_output=True)
        for name in ("server.key", "server.crt"):
            self._run_shell_copy(self.base / name, self.data / name)

    def _run_shell_copy(self, source: Path, target: Path) -> None:
        shutil.copyfile(source, target)
        os.chmod(target, 0o600)
        if self.as_root:
            shutil.chown(target, "postgres", "postgres")

    def _append(self, path: Path, text: str) -> None:
        self._write(path, path.read_text() + text)

    def _write(self, path: Path, text: str) -> None:
        path.write_text(text)
        if self.as_root:
            shutil.chown(path, "postgres", "postgres")

    # the server

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "server.log"), "-m", "fast", "-w", "-t", "60",
                  "restart")

    def remove(self) -> None:
        with contextlib.suppress(ServerError, subprocess.TimeoutExpired):
            self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    # databases and URLs

    def superuser(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(host=str(self.base), port=self.port, user="postgres", dbname=database, autocommit=True)

    def new_database(self, template: str = "template1") -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with self.superuser() as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def url(self, database: str, user: str = "postgres", tcp: bool = False) -> str:
        """A URL as a user types it: over TCP to 127.0.0.1, or over the cluster's Unix socket."""
        if tcp:
            return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"
        return f"postgresql://{user}@/{database}?host={self.base}&port={self.port}"

    def add_password_role(self, database: str) -> None:
        with self.superuser() as connection:
            if not connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_ROLE,)).fetchone():
                connection.execute(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")
            connection.execute(f'GRANT ALL ON DATABASE "{database}" TO {PASSWORD_ROLE}')
        with self.superuser(database) as connection:
            connection.execute(f"GRANT ALL ON SCHEMA public TO {PASSWORD_ROLE}")


TEMPLATE = "lawdesk_template"


def start_cluster(ssl: bool = False, template: bool = False) -> Cluster:
    """A running cluster; with `template`, a database TEMPLATE holding the case store's schema, copied by
    `new_database(TEMPLATE)` in a tenth of a second."""
    cluster = Cluster(ssl=ssl)
    try:
        cluster.start()
        deadline = time.monotonic() + 30
        while True:
            try:
                cluster.superuser().close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        if template:
            from lawdesk.store.server import upgrade

            with cluster.superuser() as connection:
                connection.execute(f'CREATE DATABASE "{TEMPLATE}"')
            upgrade(cluster.url(TEMPLATE))
    except BaseException:
        cluster.remove()
        raise
    return cluster


class Proxy:
    """A TCP relay between LawDesk and the server, to cut the network: `cut()` drops every connection
    and refuses new ones (a cable pulled, a Wi-Fi gone), `resume()` lets them through again."""

    def __init__(self, port: int) -> None:
        import threading

        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.open = True
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while not self._closed:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                server = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.open = False
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for end in pair:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def resume(self) -> None:
        self.open = True

    def close(self) -> None:
        self._closed = True
        self.cut()
        self.listener.close()

    def url(self, database: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"
