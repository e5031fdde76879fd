"""axe-core finds no violation on any built page, in the light and the dark palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
}


def violations(page: Page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS).response
    return [f"{v['id']}: {[node['target'] for node in v['nodes']]}" for v in results["violations"]]


def page_urls(site: Path) -> list[str]:
    return sorted(
        "" if path.name == "index.html" and path.parent == site else path.relative_to(site).as_posix().removesuffix("index.html")
        for path in site.rglob("*.html")
        if not path.parent.name == "search"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_axe_violation(page: Page, site_dir: Path, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    found = {}
    for url in page_urls(site_dir):
        page.goto(site_url + url)
        found[url] = violations(page)
    assert {url: v for url, v in found.items() if v} == {}
    assert len(found) >= 10
