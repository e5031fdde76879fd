"""Run the project's nginx configuration (deploy/nginx.conf) against a built site on 127.0.0.1.

scripts/host runs it in the foreground; the tests and the Lighthouse audit start it in the
background with `start_nginx`. Each run gets its own temporary prefix (configuration, pid file,
scratch folders), so it works from any checkout folder, as root or as an ordinary user.

Run: python deploy/local_nginx.py SITE_DIR PORT
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
TEMPLATE = DEPLOY / "nginx.conf"
SNIPPETS = DEPLOY / "nginx"


class NginxError(RuntimeError):
    """nginx is missing, or refused the configuration; the message says what to do."""


def nginx_executable() -> str:
    executable = shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)), None
    )
    if executable is None:
        raise NginxError("nginx is missing. On Debian/Ubuntu: sudo apt-get install -y nginx")
    return executable


def mime_types(executable: str) -> Path:
    """The mime.types file of the installed nginx, found from the configuration path it was built with."""
    built_with = subprocess.run([executable, "-V"], capture_output=True, text=True).stderr
    match = re.search(r"--conf-path=(\S+)", built_with)
    path = Path(match.group(1) if match else "/etc/nginx/nginx.conf").parent / "mime.types"
    if not path.is_file():
        raise NginxError(f"nginx's {path} is missing; reinstall nginx (on Debian/Ubuntu: nginx-common)")
    return path


def worker_user(site: Path) -> str:
    """As root, nginx's workers would drop to `nobody`, who may not reach a checkout under /root
    or a home folder; they run as the owner of the site's files instead, who can read them."""
    if os.geteuid() != 0:
        return ""
    owner = site.stat()
    return f"user {pwd.getpwuid(owner.st_uid).pw_name} {grp.getgrgid(owner.st_gid).gr_name};"


def write_config(site: Path, address: str, port: int, prefix: Path, access_log: str) -> Path:
    """The run's nginx.conf, with the snippets copied beside it as unstuck/, in prefix."""
    executable = nginx_executable()
    shutil.copytree(SNIPPETS, prefix / "unstuck")
    values = {
        "@USER@": worker_user(site),
        "@TEMP@": str(prefix),
        "@MIME_TYPES@": str(mime_types(executable)),
        "@ACCESS_LOG@": access_log,
        "@SITE@": str(site),
        "@ADDRESS@": address,
        "@PORT@": str(port),
    }
    config = TEMPLATE.read_text()
    for name, value in values.items():
        config = config.replace(name, value)
    path = prefix / "nginx.conf"
    path.write_text(config)
    return path


def make_prefix(site: Path) -> Path:
    if not (site / "_headers.nginx.conf").is_file():
        raise NginxError(f"{site} holds no _headers.nginx.conf: build the site first (mkdocs build)")
    prefix = Path(tempfile.mkdtemp(prefix="unstuck-nginx-"))
    # The workers may run as another user (see worker_user) and write their scratch folders here.
    prefix.chmod(0o755)
    return prefix


def command(config: Path) -> list[str]:
    # -e: before reading the configuration, nginx opens its built-in error log in /var/log,
    # which an ordinary user may not write. "daemon off": nginx stays the caller's child.
    return [nginx_executable(), "-p", str(config.parent), "-c", str(config), "-e", "stderr", "-g", "daemon off;"]


def wait_for_port(address: str, port: int, process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise NginxError(f"nginx stopped at start: {process.stderr.read().decode() if process.stderr else ''}")
        try:
            socket.create_connection((address, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise NginxError(f"nginx did not answer on {address}:{port} within {timeout} s")


def start_nginx(site: Path, port: int, address: str = "127.0.0.1") -> tuple[str, Callable[[], None]]:
    """Serve site on address:port in the background; return its base URL and a stop function.

    Any address of 127.0.0.0/8 works on Linux: a second loopback address makes a second origin.
    """
    prefix = make_prefix(site)
    try:
        config = write_config(site, address, port, prefix, access_log="off")
    except NginxError:
        shutil.rmtree(prefix, ignore_errors=True)
        raise
    process = subprocess.Popen(command(config), stderr=subprocess.PIPE)

    def stop() -> None:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(prefix, ignore_errors=True)

    try:
        wait_for_port(address, port, process)
    except NginxError:
        stop()
        raise

    return f"http://{address}:{port}/", stop


def request_log() -> str:
    """Requests to the terminal. nginx opens /dev/stdout by name, which fails where standard
    output is a file this user may not write (another user's log, for one)."""
    if os.access("/dev/stdout", os.W_OK):
        return "/dev/stdout"
    print("Requests are not logged: nginx may not write to this standard output.", file=sys.stderr)
    return "off"


def main(site: str, port: str) -> int:
    """Serve in the foreground, logging each request, until Ctrl-C."""
    prefix = make_prefix(Path(site).resolve())
    try:
        config = write_config(Path(site).resolve(), "127.0.0.1", int(port), prefix, access_log=request_log())
        print(f"Serving {site} through nginx at http://127.0.0.1:{port}/ (Ctrl-C stops)", flush=True)
        process = subprocess.Popen(command(config))
        # Whoever stops this script stops nginx with it: no server left behind on the port.
        for signal_number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signal_number, lambda number, frame: process.send_signal(signal.SIGTERM))
        return process.wait()
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        sys.exit(f"Usage: {sys.argv[0]} SITE_DIR PORT")
    try:
        sys.exit(main(*sys.argv[1:]))
    except NginxError as error:
        sys.exit(str(error))
