"""Shared fixtures: the site built once per session, a local server for it, and Chromium.

Tests that drive Chromium (through the `browser` fixture, or `page`, `context` and others built
on it) are marked `browser`, so `pytest -m "not browser"` runs every other test in seconds.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import CHROMIUM_ARGS, CHROMIUM_PROGRAMS, build_site, free_port, new_context, serve
from hypothesis import settings
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

# Property tests check behaviour, not speed: on a loaded machine an example may take longer than
# Hypothesis' default 200 ms deadline, which is no failure. Timings live in benchmarks/.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

# The timer's browser tests share a bare page to drive the element on (the timer_page fixture).
pytest_plugins = ["timer_pages"]


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """How many workers `-n auto` (scripts/test) starts: one a core, and one more when browser
    tests run, since a worker waiting on Chromium leaves its core idle. The fast lane's workers
    never wait, and a worker more only slows it (the README's figures)."""
    cores = len(os.sched_getaffinity(0))
    return cores if "not browser" in config.option.markexpr else cores + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if {"browser", *CHROMIUM_PROGRAMS} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    # Built for the address the tests serve it at: Material's instant navigation follows
    # only links its sitemap lists, and it matches them by host and port.
    site = tmp_path_factory.mktemp("site")
    result = build_site(site, {"SITE_URL": f"http://127.0.0.1:{site_port}/"})
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with OFFLINE=true, to be read from disk (file://). In this process: the
    offline zip as a reader gets it, from scripts/offline-zip, is test_offline.py's `unzipped`."""
    site = tmp_path_factory.mktemp("offline")
    result = build_site(site, {"OFFLINE": "true"}, in_process=True)
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


@pytest.fixture(scope="session")
def site_url(site_dir: Path, site_port: int) -> Iterator[str]:
    """Base URL of the built site, served from 127.0.0.1."""
    url, stop = serve(site_dir, site_port)
    yield url
    stop()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


def launch(playwright: Playwright, program: str) -> Iterator[Browser]:
    executable = shutil.which(program)
    assert executable, f"{program} is missing: scripts/system-packages --install installs it"
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def headless_shell(playwright: Playwright) -> Iterator[Browser]:
    yield from launch(playwright, CHROMIUM_PROGRAMS["headless_shell"])


@pytest.fixture(scope="session")
def full_chromium(playwright: Playwright) -> Iterator[Browser]:
    yield from launch(playwright, CHROMIUM_PROGRAMS["full_chromium"])


@pytest.fixture
def browser(request: pytest.FixtureRequest) -> Browser:
    """The headless shell, or the whole Chromium for a test marked full_chromium."""
    return request.getfixturevalue("full_chromium" if request.node.get_closest_marker("full_chromium") else "headless_shell")


@pytest.fixture
def context(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    context = new_context(browser, service_worker=request.node.get_closest_marker("service_worker") is not None)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(scope="module")
def tab(headless_shell: Browser) -> Iterator[Page]:
    """One tab for a module's sweep of the site's pages, each opened with helpers.first_visit.
    A context a page would start a new renderer for each, with nothing compiled yet: a fifth
    more CPU for the axe sweep. A test on it sets the palette and size it needs."""
    context = new_context(headless_shell)
    yield context.new_page()
    context.close()
