"""axe-core finds no violation on any built page, in the light and the dark palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import axe_violations, built_pages
from playwright.sync_api import Page


# Each language on its own: both at once take longer than a test may on a busy machine.
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_axe_violation(page: Page, site_dir: Path, site_url: str, scheme: str, language: str) -> None:
    page.emulate_media(color_scheme=scheme)
    found = {}
    for url in [url for url in built_pages(site_dir) if url.startswith("es/") == (language == "es")]:
        page.goto(site_url + url)
        found[url] = axe_violations(page)
    assert {url: v for url, v in found.items() if v} == {}
    assert len(found) >= 10


@pytest.mark.parametrize("width", [1280, 390])
def test_warning_box_text_is_never_smaller_than_body_text(page: Page, site_url: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site_url + "safety/")
    body, box_items, box_titles = (
        page.eval_on_selector_all(selector, "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
        for selector in ["article > p", "article .admonition li", "article .admonition-title"]
    )
    assert box_items and min(box_items) >= max(body)
    assert min(box_titles) >= max(body)


@pytest.mark.parametrize(("home", "query"), [("", "chair"), ("es/", "silla")])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_with_its_results_showing_has_no_axe_violation(page: Page, site_url: str, scheme: str, home: str, query: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + home)
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.locator(".md-search-result__meta").wait_for()
    page.locator(".md-search-result__item").first.wait_for()
    assert axe_violations(page) == []
