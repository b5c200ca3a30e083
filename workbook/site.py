"""Start the two Voila servers: the trainee site and the supervisor dashboard.

They are separate processes with separate roots, so nothing under the dashboard's folder (or the
private data directory) can be rendered or downloaded from the trainee site, whatever URL is tried.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from workbook import config
from workbook.database import dialect_for

TOKEN_ENV = "WORKBOOK_SUPERVISOR_TOKEN"
TRAINEE_TEMPLATE = "workbook"
SUPERVISOR_TEMPLATE = "workbook-supervisor"  # the same look; its root page opens the dashboard
START_TIMEOUT = 90.0


class SiteError(RuntimeError):
    """The site cannot start as asked (a port in use, a data folder inside a served folder, ...)."""


@dataclass(frozen=True)
class Server:
    name: str
    root: Path
    host: str
    port: int
    template: str
    token: str | None = None
    preheat: int = 0  # kernels kept ready per notebook (Voila's preheated kernel pools)

    @property
    def url(self) -> str:
        shown = "localhost" if self.host in ("127.0.0.1", "localhost") else self.host
        query = f"?token={self.token}" if self.token else ""
        return f"http://{shown}:{self.port}/{query}"


def voila_settings(template: str) -> list[str]:
    """How every course page is served, standalone or on a hub: our template, no sources, no tracebacks,
    no files, no switching template or theme from the URL, idle kernels culled."""
    return [
        f"--VoilaConfiguration.template={template}",
        "--VoilaConfiguration.theme=light",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        "--VoilaConfiguration.allow_template_override=NO",
        "--VoilaConfiguration.allow_theme_override=NO",
        "--VoilaConfiguration.file_allowlist=(?!)",  # a pattern nothing matches: serve no files at all
        "--MappingKernelManager.cull_idle_timeout=600",  # a closed tab's kernel goes after 10 minutes
        "--MappingKernelManager.cull_interval=60",
    ]


def voila_command(server: Server) -> list[str]:
    """The Voila command line for one server, with every safety setting spelled out."""
    return [
        sys.executable, "-m", "voila", str(server.root),
        "--no-browser",
        f"--Voila.ip={server.host}",
        f"--port={server.port}",
        "--Voila.port_retries=0",  # fail loudly rather than drift to another port
        *voila_settings(server.template),
        "--Voila.log_level=WARN",
        f"--token={server.token or ''}",
        *(["--preheat_kernel=True", f"--pool_size={server.preheat}"] if server.preheat else []),
    ]


def server_environment(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env[config.DATA_DIR_ENV] = str(data_dir)
    if database_url:
        env[config.DATABASE_URL_ENV] = database_url
    jupyter_path = [str(config.template_root())]
    if env.get("JUPYTER_PATH"):
        jupyter_path.append(env["JUPYTER_PATH"])
    env["JUPYTER_PATH"] = os.pathsep.join(jupyter_path)
    return env


def check_data_dir(data_dir: Path) -> None:
    """Refuse a data folder that a server would expose."""
    for served in (config.notebooks_dir(), config.supervisor_dir()):
        if data_dir == served or served in data_dir.parents:
            raise SiteError(f"The data folder {data_dir} is inside {served}, which is served; choose a folder outside it.")


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _wait_until_listening(process: subprocess.Popen, server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    target = "127.0.0.1" if server.host in ("0.0.0.0", "") else server.host
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SiteError(f"The {server.name} stopped while starting (exit code {process.returncode}); see the log above.")
        try:
            with socket.create_connection((target, server.port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SiteError(f"The {server.name} did not start within {START_TIMEOUT:.0f} seconds.")


def start(servers: list[Server], data_dir: Path, database_url: str | None = None) -> list[subprocess.Popen]:
    """Start every server and wait until each listens; stops them all if one fails."""
    check_data_dir(data_dir)
    for server in servers:
        if not _port_free(server.host, server.port):
            raise SiteError(f"Port {server.port} is already in use; choose another with --port or --dashboard-port.")
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    env = server_environment(data_dir, database_url)
    processes: list[subprocess.Popen] = []
    try:
        for server in servers:
            process = subprocess.Popen(voila_command(server), env=env, cwd=server.root, start_new_session=True)
            processes.append(process)
            _wait_until_listening(process, server)
    except BaseException:
        stop(processes)
        raise
    return processes


def stop(processes: list[subprocess.Popen], timeout: float = 15.0) -> None:
    """Stop servers started in their own session, with everything they started (kernels, proxies)."""
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def supervisor_token(given: str | None) -> str:
    return given or os.environ.get(TOKEN_ENV) or secrets.token_urlsafe(24)


def _stop_on_sigterm(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # a service manager's stop behaves like Ctrl-C: both servers go down with us


def _announce(servers: list[Server], data_dir: Path, database_url: str | None) -> None:
    print("\nSocial Media and Client Confidentiality is running.", flush=True)
    for server in servers:
        print(f"  {server.name:<22} {server.url}", flush=True)
    stored_in = dialect_for(database_url).description if database_url else data_dir
    print(f"  {'answers are stored in':<22} {stored_in}", flush=True)
    if any(s.host == "0.0.0.0" for s in servers):
        print("  Trainees in the room use this machine's network address in place of 0.0.0.0.", flush=True)
    print("Press Ctrl-C to stop.\n", flush=True)


def _run(servers: list[Server], data_dir: Path, database_url: str | None) -> int:
    """Start the servers and keep them until Ctrl-C or SIGTERM, which may come at any moment (even while
    starting or printing the addresses): every path out stops every server."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    processes: list[subprocess.Popen] = []
    try:
        processes = start(servers, data_dir, database_url)
        _announce(servers, data_dir, database_url)
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except SiteError as error:
        print(f"workbook: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    finally:
        stop(processes)
    return 0


def serve(*, data_dir: Path, host: str, port: int, dashboard_port: int, token: str | None, dashboard: bool,
          database_url: str | None = None, preheat: int = 0) -> int:
    if preheat < 0:
        print("workbook: --preheat must be 0 or more.", file=sys.stderr)
        return 2
    servers = [Server("trainee site", config.notebooks_dir(), host, port, TRAINEE_TEMPLATE, preheat=preheat)]
    if dashboard:
        servers.append(_dashboard(dashboard_port, token))
    return _run(servers, data_dir, database_url)


def _dashboard(port: int, token: str | None) -> Server:
    """The supervisor server: always bound to this machine only, always behind a token."""
    return Server("supervisor dashboard", config.supervisor_dir(), "127.0.0.1", port, SUPERVISOR_TEMPLATE,
                  supervisor_token(token))


def supervise(*, data_dir: Path, port: int, token: str | None, database_url: str | None = None) -> int:
    return _run([_dashboard(port, token)], data_dir, database_url)
