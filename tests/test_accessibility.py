"""axe-core finds no violation on any built page, in the light and the dark palette."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import axe_violations, built_pages, dark_palette, every_page, first_visit
from playwright.sync_api import Page, expect


def test_the_sweeps_below_cover_every_built_page(site_dir: Path) -> None:
    assert sorted(every_page()) == sorted(built_pages(site_dir))


@pytest.mark.parametrize("url", every_page())
def test_every_page_has_no_axe_violation_in_either_palette(tab: Page, site_url: str, url: str) -> None:
    # One load a page: light as loaded, then dark in the same load.
    tab.emulate_media(color_scheme="light")
    first_visit(tab, site_url + url)
    expect(tab.locator("body")).not_to_have_attribute("data-md-color-scheme", "slate")  # nothing kept from the page before
    found = {"light": axe_violations(tab)}
    dark_palette(tab)
    found["dark"] = axe_violations(tab)
    assert found == {"light": [], "dark": []}


def test_warning_box_text_is_never_smaller_than_body_text(page: Page, site_url: str) -> None:
    page.goto(site_url + "safety/")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        body, box_items, box_titles = (
            page.eval_on_selector_all(selector, "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
            for selector in ["article > p", "article .admonition li", "article .admonition-title"]
        )
        assert box_items and min(box_items) >= max(body), width
        assert min(box_titles) >= max(body), width


def show_search_results(page: Page, query: str) -> None:
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("")
    page.keyboard.type(query)
    page.locator(".md-search-result__meta").wait_for()
    page.locator(".md-search-result__item").first.wait_for()


@pytest.mark.parametrize(("home", "query"), [("", "chair"), ("es/", "silla")])
def test_search_with_its_results_showing_has_no_axe_violation(page: Page, site_url: str, home: str, query: str) -> None:
    # One load: light as loaded, then dark as the toggle sets it, the results shown again.
    page.emulate_media(color_scheme="light")
    page.goto(site_url + home)
    show_search_results(page, query)
    found = {"light": axe_violations(page)}
    page.keyboard.press("Escape")
    dark_palette(page)
    show_search_results(page, query)
    found["dark"] = axe_violations(page)
    assert found == {"light": [], "dark": []}
