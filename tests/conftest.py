"""Shared fixtures: the site built once per session, a local server for it, and Chromium."""

from __future__ import annotations

import functools
import re
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Frame, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent

# Flags that keep Chromium from calling home: this machine, and an intranet, may have no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
}


def axe_violations(page: Page) -> list[str]:
    """What axe-core finds wrong in the page as it is now: each rule with the elements that break it."""
    results = Axe().run(page, options=AXE_OPTIONS).response
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in results["violations"]]


def build_site(site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` into site_dir; the result carries MkDocs' log."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def outside_references(site: Path) -> list[tuple[str, str]]:
    """Every script, style, font, image or frame that a built page would fetch from elsewhere."""
    outside = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["script", "link", "img", "source", "iframe", "video", "audio"]):
            target = tag.get("src") or (tag.get("href") if tag.name == "link" else None)
            if target and urlparse(target).netloc and tag.get("rel") != ["canonical"]:
                outside.append((path.relative_to(site).as_posix(), target))
    for path in site.rglob("*.css"):
        outside += [(path.name, url) for url in re.findall(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", path.read_text())]
    return outside


@pytest.fixture(scope="session")
def site_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    # Built for the address the tests serve it at: Material's instant navigation follows
    # only links its sitemap lists, and it matches them by host and port.
    site = tmp_path_factory.mktemp("site")
    result = build_site(site, env={**os.environ, "SITE_URL": f"http://127.0.0.1:{site_port}/"})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with OFFLINE=true, to be read from disk (file://)."""
    site = tmp_path_factory.mktemp("offline")
    result = build_site(site, env={**os.environ, "OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def built_page(site_dir: Path) -> Callable[[str], BeautifulSoup]:
    """Parse a built page by its URL path, e.g. built_page("chair-twist/")."""

    @functools.cache
    def parse(url_path: str) -> BeautifulSoup:
        path = site_dir / url_path
        if url_path == "" or url_path.endswith("/"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    return parse


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(
    directory: Path, port: int = 0, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler
) -> tuple[str, Callable[[], None]]:
    """Serve a directory on 127.0.0.1 (any free port by default); return its base URL and a stop function."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return f"http://127.0.0.1:{server.server_port}/", stop


@pytest.fixture(scope="session")
def site_url(site_dir: Path, site_port: int) -> Iterator[str]:
    """Base URL of the built site, served from 127.0.0.1."""
    url, stop = serve(site_dir, site_port)
    yield url
    stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    assert executable, "Chromium is missing. On Debian/Ubuntu: sudo apt-get install -y chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def run_framed_session(page: Page, url: str) -> Frame:
    """Open a page that frames embed/, run a whole session in the frame on the test clock, and
    return the frame, once its timer is done."""
    page.clock.install(time=0)
    page.goto(url)
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("button", name="Start")).to_be_visible()
    page.clock.pause_at(60_000)
    frame.get_by_role("button", name="Start").click()  # the ready screen first
    frame.get_by_role("button", name="Start").click()
    page.clock.run_for(20_000)
    timer_frame = page.frames[1]
    assert timer_frame.evaluate("timerDone") == 1
    return timer_frame
