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


# Paths go into nginx.conf in double quotes, where these would end the string or name a variable.
NGINX_UNQUOTABLE = re.compile(r'["\\$\x00-\x1f]')


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


# Who nginx's workers run as when it is started as root, in order of preference: never root.
UNPRIVILEGED_USERS = ("nobody", "www-data")


def can_read(account: pwd.struct_passwd, site: Path) -> bool:
    """Whether this user can open the site's folder and its home page, tried as that user."""
    check = ["test", "-x", str(site), "-a", "-r", str(site / "index.html")]
    return subprocess.run(check, user=account.pw_uid, group=account.pw_gid, extra_groups=[]).returncode == 0


def readable_by_others(site: Path, prefix: Path) -> Path:
    """A copy of the site in this run's own folder, readable by every user."""
    copy = Path(shutil.copytree(site, prefix / "site", symlinks=True))
    for path in [copy, *copy.rglob("*")]:
        if not path.is_symlink():
            path.chmod(path.stat().st_mode | (0o555 if path.is_dir() else 0o444))
    return copy


def worker_user(site: Path, prefix: Path) -> tuple[str, Path]:
    """The `user` line for nginx, and the folder its workers serve.

    Started as root, nginx's workers would otherwise run as `nobody`, who may not reach a
    checkout under /root or a home folder. They run as the owner of the site's files, unless
    that is root: then as nobody or www-data, and where neither can read the site in place,
    from a copy of it in this run's folder. Workers never run as root."""
    if os.geteuid() != 0:
        return "", site
    owner = site.stat()
    if owner.st_uid != 0:
        return f"user {pwd.getpwuid(owner.st_uid).pw_name} {grp.getgrgid(owner.st_gid).gr_name};", site
    accounts = []
    for name in UNPRIVILEGED_USERS:
        try:
            accounts.append(pwd.getpwnam(name))
        except KeyError:
            continue
    if not accounts:
        raise NginxError(f"nginx runs as root here, and its workers must not: there is no {' or '.join(UNPRIVILEGED_USERS)} user")
    account = next((account for account in accounts if can_read(account, site)), accounts[0])
    served = site if can_read(account, site) else readable_by_others(site, prefix)
    return f"user {account.pw_name} {grp.getgrgid(account.pw_gid).gr_name};", served


def write_config(site: Path, address: str, port: int, prefix: Path, access_log: str) -> Path:
    """The run's nginx.conf, with the snippets copied beside it as unstuck/, in prefix."""
    executable = nginx_executable()
    shutil.copytree(SNIPPETS, prefix / "unstuck")
    user, site = worker_user(site, prefix)
    values = {
        "@USER@": user,
        "@TEMP@": str(prefix),
        "@MIME_TYPES@": str(mime_types(executable)),
        "@ACCESS_LOG@": access_log,
        "@SITE@": str(site),
        "@ADDRESS@": address,
        "@PORT@": str(port),
    }
    for name in ("@SITE@", "@TEMP@", "@MIME_TYPES@"):
        if unquotable := NGINX_UNQUOTABLE.search(values[name]):
            raise NginxError(f"nginx cannot serve from {values[name]!r}: its path holds {unquotable[0]!r}; move the checkout")
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


def checked_port(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 65535:
        raise NginxError(f"PORT={text!r} is not a port: give a number from 1 to 65535, such as PORT=8080")
    return int(text)


def check_port_free(address: str, port: int) -> None:
    """A port already taken would answer for nginx, which gives up on it only seconds later."""
    with socket.socket() as probe:
        try:
            probe.bind((address, port))
        except OSError as error:
            raise NginxError(f"{address}:{port} cannot be served ({error.strerror}); choose another, such as PORT=8081") from None


def main(site: str, port: str) -> int:
    """Serve in the foreground, logging each request, until Ctrl-C. "Serving" is said only once
    nginx answers: a port in use or refused stops here with nginx's own reason."""
    number = checked_port(port)
    check_port_free("127.0.0.1", number)
    prefix = make_prefix(Path(site).resolve())
    try:
        config = write_config(Path(site).resolve(), "127.0.0.1", number, prefix, access_log=request_log())
        process = subprocess.Popen(command(config))
        # Whoever stops this script stops nginx with it: no server left behind on the port.
        for signal_number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signal_number, lambda number, frame: process.send_signal(signal.SIGTERM))
        try:
            wait_for_port("127.0.0.1", number, process)
        except NginxError:
            process.terminate()
            process.wait()
            raise
        print(f"Serving {site} through nginx at http://127.0.0.1:{number}/ (Ctrl-C stops)", flush=True)
        return process.wait()
    finally:
        shutil.rmtree(prefix, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(f"Usage: {sys.argv[0]} SITE_DIR PORT")
    try:
        sys.exit(main(*sys.argv[1:]))
    except NginxError as error:
        sys.exit(str(error))
