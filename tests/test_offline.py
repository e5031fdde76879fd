"""The offline build (OFFLINE=true): the whole site read from disk, with no server and no internet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import outside_references
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
    page.get_by_role("button", name="Start").click()
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
