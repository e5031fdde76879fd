"""The offline build (OFFLINE=true): the whole site read from disk, with no server and no internet."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import copy_of_the_project, outside_references
from playwright.sync_api import Page, expect


@pytest.fixture
def requests(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("requestfailed", lambda request: seen.append("FAILED " + request.url))
    return seen


def test_offline_build_references_nothing_off_the_site(offline_site: Path) -> None:
    assert outside_references(offline_site) == []


def test_search_works_from_disk(page: Page, requests: list[str], offline_site: Path) -> None:
    page.goto((offline_site / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("sit bones", delay=50)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"^\d+ matching documents?$"), timeout=10_000)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert all(url.startswith("file://") for url in requests), requests


def test_timer_runs_from_disk(page: Page, requests: list[str], offline_site: Path) -> None:
    page.add_init_script("window.timerDone = 0; addEventListener('breath-timer:done', () => timerDone++);")
    page.clock.install(time=0)
    page.goto((offline_site / "chair-twist.html").as_uri())
    page.clock.pause_at(60_000)
    page.get_by_role("button", name="Start", exact=True).click()  # the ready screen, then its Start
    page.get_by_role("button", name="Start", exact=True).click()
    page.clock.run_for(70_000)
    assert page.evaluate("timerDone") == 1
    expect(page.locator("breath-timer .bt-ui")).to_have_css("text-align", "center")
    assert all(url.startswith("file://") for url in requests), requests


def test_build_without_an_address_prints_none_and_marks_the_snippets(offline_site: Path) -> None:
    from bs4 import BeautifulSoup

    def parse(name: str) -> BeautifulSoup:
        return BeautifulSoup((offline_site / name).read_text(encoding="utf-8"), "html.parser")

    assert parse("chair-twist.html").select(".print-address, link[rel=canonical], meta[property='og:url']") == []
    embed = parse("embed-the-timer.html")
    assert "Replace https://your-site.example/ with your site's address." in " ".join(embed.get_text(" ").split())
    assert "unstuck.example.org" not in embed.get_text()
    assert "Sitemap:" not in (offline_site / "robots.txt").read_text()


def unresolved_links(site: Path) -> dict[str, list[str]]:
    """Every address of a page, picture, script or style sheet that a built page gives and that
    opens no file from disk, with the pages that give it."""
    from urllib.parse import unquote, urlsplit

    from bs4 import BeautifulSoup

    unresolved: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img", "source", "iframe", "form", "area"]):
            address = tag.get("href") or tag.get("src") or tag.get("action")
            if not address or urlsplit(address).scheme:  # the web's own addresses, and mailto:
                continue
            path = unquote(urlsplit(address).path)
            if path and (path.startswith("/") or not (page.parent / path).resolve().is_file()):
                unresolved.setdefault(address, []).append(page.relative_to(site).as_posix())
    return unresolved


def test_every_link_of_the_offline_build_opens_a_file_from_disk(offline_site: Path) -> None:
    assert unresolved_links(offline_site) == {}


@pytest.mark.parametrize("start", ["chair-twist.html", "404.html"])
def test_report_a_mistake_and_the_404_pages_links_open_from_disk(page: Page, offline_site: Path, start: str) -> None:
    page.goto((offline_site / start).as_uri())
    # With no report address set (an offline copy), the link says where to read how to report.
    name = "How to report a mistake" if start != "404.html" else "chair twist"
    page.locator("article").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()
    expected = "about.html#report-a-mistake" if start != "404.html" else "chair-twist.html"
    assert page.url == (offline_site / expected.split("#")[0]).as_uri() + ("#report-a-mistake" if "#" in expected else "")
    expect(page.locator("article h1")).to_be_visible()


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What a reader gets: scripts/offline-zip run on a copy of the project, its zip unpacked."""
    project = copy_of_the_project(tmp_path_factory.mktemp("zip") / "unstuck")
    environment = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "OFFLINE")}
    result = subprocess.run([project / "scripts" / "offline-zip"], cwd=project, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    unpacked = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(project / "unstuck-offline.zip") as archive:
        archive.extractall(unpacked)
    return unpacked / "unstuck"


def test_the_zip_carries_both_languages_and_every_link_opens_a_file_in_it(unzipped: Path) -> None:
    pages = {path.relative_to(unzipped).as_posix() for path in unzipped.rglob("*.html")}
    english = {page for page in pages if not page.startswith("es/")}
    assert len(english) >= 11 and {f"es/{page}" for page in english} == pages - english
    assert unresolved_links(unzipped) == {}
    # What only a server or a search engine reads stays out, the sitemap's copies included.
    assert [path.name for path in unzipped.rglob("*") if path.name.startswith(("sitemap", "robots", "_headers", "404"))] == []


@pytest.mark.parametrize(("start", "twin"), [("chair-twist.html", "es/chair-twist.html"), ("es/safety.html", "safety.html"), ("index.html", "es/index.html")])
def test_language_switch_opens_the_twin_from_the_zip(page: Page, requests: list[str], unzipped: Path, start: str, twin: str) -> None:
    page.goto((unzipped / start).as_uri())
    for there in (twin, start):  # to the twin, and back from the twin the switch opened
        language = "es" if there.startswith("es/") else "en"
        page.wait_for_load_state("networkidle")  # nothing of this page cut short by leaving it
        page.locator(".md-header .md-select").hover()
        page.locator(f".md-select__link[hreflang='{language}']").click()
        expect(page).to_have_url((unzipped / there).as_uri())
        expect(page.locator("html")).to_have_attribute("lang", language)
    # Nothing from elsewhere; a request a page's leaving cuts short ("FAILED") still read the disk.
    assert [url for url in requests if not url.removeprefix("FAILED ").startswith("file://")] == []
