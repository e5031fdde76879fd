"""axe-core finds nothing wrong on a tutorial with its timer idle, its pace panel open, paused
(on the page, after leaving the follow-along view) and done; and what axe does not see: at 400 %
zoom and at 200 % with WCAG text spacing, every word of the running view and the ready screen is
reached by scrolling, and the ready screen opens with its focused title on screen. The view
itself: test_follow_along.py."""

from __future__ import annotations

import pytest
from helpers import axe_violations
from playwright.sync_api import Page, expect
from timer_pages import begin


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tutorial_timer_has_no_axe_violation_idle_running_or_done(page: Page, site_url: str, scheme: str) -> None:
    # axe waits on the page's own timers, so this runs on the real clock, with a short session.
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "chair-twist/")
    timer = page.locator("breath-timer")
    timer.get_by_role("button", name="Pace").click()
    assert axe_violations(page) == [], "idle, pace open"
    timer.get_by_role("button", name="Pace").click()
    page.evaluate("Object.assign(document.querySelector('breath-timer'), { prepare: 1, sides: 1, breaths: 1, inhale: 1, exhale: 20 })")
    begin(timer)
    page.wait_for_function("document.querySelector('breath-timer').dataset.phase === 'exhale'")
    timer.get_by_role("button", name="Leave full view").click()
    assert axe_violations(page) == [], "paused"
    timer.get_by_role("button", name="Reset").click()
    page.evaluate("document.querySelector('breath-timer').exhale = 1")
    begin(timer)
    page.wait_for_function("document.querySelector('breath-timer').dataset.state === 'done'", timeout=10_000)
    assert axe_violations(page) == [], "done, in the view"


# WCAG 1.4.12's text spacing, as a reader's style sheet or bookmarklet sets it.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p, li { margin-bottom: 2em !important; }"""

# Each word of the view that shows, and whether scrolling the view from its top reaches it whole.
UNREACHABLE = """() => {
  const view = document.querySelector('breath-timer .bt-ui');
  const frame = view.getBoundingClientRect();
  return [...view.querySelectorAll('p, li, h2, legend, label, button, a')]
    .filter((element) => element.getClientRects().length && element.textContent.trim())
    .map((element) => { const r = element.getBoundingClientRect(); return [element.textContent.trim(), r.top - frame.top + view.scrollTop, r.bottom - frame.top + view.scrollTop, r.left, r.right]; })
    .filter(([, top, bottom, left, right]) => top < 0 || bottom > view.scrollHeight || left < 0 || right > innerWidth);
}"""

# 400 % zoom of a 1280 x 1024 screen, and 200 % with text spacing.
ZOOMS = {"400 %": ((320, 256), False), "200 % with text spacing": ((640, 400), True)}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("zoom", ZOOMS)
def test_every_word_of_the_running_view_is_reachable_at_zoom(page: Page, tutorial, zoom: str, language: str) -> None:
    size, spacing = ZOOMS[zoom]
    tutorial(size, language=language)
    if spacing:
        page.add_style_tag(content=TEXT_SPACING)
    for moment in (1_000, 3_000, 30_000):  # getting ready, breathing, changing sides
        page.clock.run_for(moment)
        assert page.evaluate(UNREACHABLE) == [], (zoom, moment)


@pytest.mark.parametrize("language", ["", "es/"])
@pytest.mark.parametrize("zoom", ZOOMS)
def test_the_ready_screen_at_zoom_is_reachable_and_opens_on_its_focused_title(page: Page, site_url: str, zoom: str, language: str) -> None:
    size, spacing = ZOOMS[zoom]
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(site_url + language + "chair-twist/")
    if spacing:
        page.add_style_tag(content=TEXT_SPACING)
    page.locator(".guided-start").click()
    title = page.locator("breath-timer .bt-title")
    expect(title).to_be_focused()
    expect(title).to_be_in_viewport()
    assert page.evaluate(UNREACHABLE) == []
