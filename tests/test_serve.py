"""`scripts/serve`, the newcomer's first command: at the port `PORT` names, as scripts/host takes
it, and a mistyped one refused in one line before anything is built."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request

import pytest
from helpers import ROOT, free_port

SERVE = ROOT / "scripts" / "serve"


@pytest.mark.parametrize("port", ["0", "65536", "80a", "-1"])
def test_a_port_that_is_not_one_stops_serve_in_one_line(port: str) -> None:
    result = subprocess.run([SERVE], env={**os.environ, "PORT": port}, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert result.stderr == f"PORT={port} is not a port: give a number from 1 to 65535, such as PORT=8000\n"
    assert result.stdout == ""


def test_serve_answers_at_the_port_it_is_given() -> None:
    port = free_port()
    serve = subprocess.Popen([SERVE], env={**os.environ, "PORT": str(port)}, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/safety/", timeout=5) as response:
                    assert response.status == 200
                    assert "<h1" in response.read().decode()
                    break
            except OSError:
                assert serve.poll() is None, serve.stderr.read() if serve.stderr else ""
                assert time.monotonic() < deadline, "scripts/serve did not answer within 3 minutes"
                time.sleep(0.5)
    finally:
        # SIGTERM, as a process manager stops it: a shell's background job ignores SIGINT.
        os.killpg(serve.pid, signal.SIGTERM)
        serve.wait(timeout=30)
