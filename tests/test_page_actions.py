"""What each page puts first: the tutorial's guided start, the home page's two actions, the admins'
page out of the readers' menu, and pages that load where the browser blocks storage."""

from __future__ import annotations

import pytest
from helpers import TUTORIALS
from playwright.sync_api import Page, expect
from timer_pages import BLOCKED_STORAGE

SCREENS = {"laptop": (1280, 800), "phone": (390, 844)}


def in_first_screen(page: Page, selector: str) -> bool:
    return page.locator(selector).first.evaluate("(element) => element.getBoundingClientRect().bottom <= innerHeight")


# Each language's words for the tutorial's actions: the Spanish ones are longer.
ACTIONS = {"": ("Start the guided twist", "Print this page"), "es/": ("Empezar el giro guiado", "Imprimir esta página")}


@pytest.mark.parametrize("tutorial", TUTORIALS)
@pytest.mark.parametrize("language", ACTIONS)
def test_guided_start_shows_in_the_first_screen_after_the_safety_box(page: Page, site_url: str, language: str, tutorial: str) -> None:
    guided_start, print_page = ACTIONS[language]
    page.goto(site_url + language + tutorial)
    start = page.get_by_role("button", name=guided_start)
    expect(start).to_be_visible()
    for screen, (width, height) in SCREENS.items():  # the page as opened, on each screen in turn
        page.set_viewport_size({"width": width, "height": height})
        assert in_first_screen(page, ".guided-start"), screen
        assert in_first_screen(page, ".admonition.warning"), screen
    order = page.evaluate(
        """() => [...document.querySelectorAll('article .admonition.warning, article .guided-start, article button, article breath-timer')]
             .map((element) => element.matches('.admonition') ? 'safety' : element.matches('.guided-start') ? 'start' : element.localName === 'breath-timer' ? 'timer' : element.textContent.trim())"""
    )
    assert order[:3] == ["safety", "start", "timer"], order
    assert order.index(print_page) > order.index("timer")


def test_guided_start_scrolls_to_the_timer_and_starts_it_from_its_ready_screen(page: Page, site_url: str) -> None:
    page.clock.install(time=0)
    page.goto(site_url + "chair-twist/")
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    page.get_by_role("button", name="Start the guided twist").click()
    page.locator("breath-timer").get_by_role("button", name="Start").click()
    page.clock.run_for(4_000)
    timer = page.locator("breath-timer")
    expect(timer).to_have_attribute("data-state", "running")
    expect(timer).to_have_attribute("data-view", "")
    expect(timer.locator(".bt-cue")).to_have_text("In")
    timer.get_by_role("button", name="Leave full view").click()
    expect(timer).to_be_in_viewport()


@pytest.mark.parametrize("language", ACTIONS)
def test_guided_start_is_a_button_that_opens_a_dialog_and_takes_space(page: Page, site_url: str, language: str) -> None:
    # What a screen reader says of it, from Chromium's accessibility tree, and Space as a
    # keyboard user presses a button: the ready screen opens and the page does not scroll away.
    page.goto(site_url + language + "chair-twist/")
    start = page.get_by_role("button", name=ACTIONS[language][0])
    expect(start).to_have_attribute("aria-haspopup", "dialog")
    start.focus()
    page.keyboard.press("Space")
    timer = page.locator("breath-timer")
    expect(timer).to_have_attribute("data-state", "ready")
    expect(timer.locator(".bt-title")).to_be_focused()


@pytest.mark.parametrize("tutorial", TUTORIALS)
def test_guided_start_is_a_link_to_the_timer_that_works_without_a_script(built_page, tutorial: str) -> None:
    soup = built_page(tutorial)
    link = soup.select_one("a.guided-start")
    assert link["href"] == "#time-your-breaths"
    heading = soup.find(id="time-your-breaths")
    assert heading.name == "h2" and heading.get_text(strip=True).startswith("Time your breaths")
    assert heading.find_next("breath-timer") is not None


@pytest.mark.parametrize("screen", SCREENS)
def test_home_page_leads_with_the_chair_twist_and_a_safety_check(page: Page, site_url: str, screen: str) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), SCREENS[screen])))
    page.goto(site_url)
    buttons = page.locator("article a.md-button")
    expect(buttons).to_have_count(2)
    assert buttons.nth(0).get_attribute("href").endswith("chair-twist/")
    assert "md-button--primary" in buttons.nth(0).get_attribute("class")
    assert buttons.nth(1).get_attribute("href").endswith("safety/")
    assert in_first_screen(page, "article a.md-button >> nth=1")


def test_embed_page_is_built_and_linked_from_the_footer_but_not_in_the_readers_menu(built_page) -> None:
    for url in ("", "chair-twist/", "safety/"):
        soup = built_page(url)
        assert not [a for a in soup.select(".md-nav a") if "embed-the-timer" in a.get("href", "")], url
        assert [a for a in soup.select(".md-footer a") if a["href"].rstrip("/").endswith("embed-the-timer")], url
    assert built_page("embed-the-timer/").find("h1").get_text(strip=True).startswith("Embed the timer")


@pytest.mark.parametrize("url", ["", "chair-twist/", "embed-the-timer/", "es/", "es/chair-twist/", "es/embed-the-timer/"])
def test_pages_load_without_errors_where_storage_is_blocked(page: Page, site_url: str, url: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(BLOCKED_STORAGE)
    page.goto(site_url + url)
    page.wait_for_load_state("load")
    page.locator("[data-md-component=palette] label:visible").first.click()  # the palette toggle still works
    assert errors == []
    if url.endswith("chair-twist/"):
        page.locator("breath-timer .bt-buttons .bt-toggle").click()  # the ready screen, then its Start
        page.locator("breath-timer .bt-buttons .bt-toggle").click()
        expect(page.locator("breath-timer")).to_have_attribute("data-state", "running")
        assert errors == []
