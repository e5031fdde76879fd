"""The follow-along view, for someone twisted round a metre or two from the screen.

Sizes are measured from the rendered page at a laptop's 1280x800 and a phone's 390x844.
"""

from __future__ import annotations

import pytest
from helpers import axe_violations
from playwright.sync_api import Page, expect
from timer_pages import CONTRAST, begin, events, start

SCREENS = {"laptop": (1280, 800), "phone": (390, 844)}

# Measures of the timer in page pixels: font sizes, boxes, and the viewport.
MEASURE = """() => {
  const timer = document.querySelector('breath-timer');
  const box = (selector) => { const r = timer.querySelector(selector).getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const font = (selector) => parseFloat(getComputedStyle(timer.querySelector(selector)).fontSize);
  return { width: innerWidth, height: innerHeight, cue: font('.bt-cue'), side: font('.bt-side'), countdown: font('.bt-countdown'),
           view: box('.bt-ui'), shape: box('.bt-shape'), breath: box('.bt-shape div'), cueBox: box('.bt-cue'), sideBox: box('.bt-side'),
           buttons: box('.bt-buttons'), dots: box('.bt-dots') };
}"""

# WCAG contrast of two computed colours, in the page, where the browser resolves color-mix().
def inside(box: list[float], width: int, height: int) -> bool:
    left, top, right, bottom = box
    return left >= 0 and top >= 0 and right <= width and bottom <= height



@pytest.mark.parametrize("screen", SCREENS)
def test_view_fills_the_screen_with_cue_side_and_shape_readable_from_a_distance(tutorial, screen: str) -> None:
    page = tutorial(SCREENS[screen])
    page.clock.run_for(5_490)  # the in-breath's peak: the breath fills its outline
    size = page.evaluate(MEASURE)
    width, height = size["width"], size["height"]
    assert size["view"] == [0, 0, width, height]
    assert size["cue"] >= 0.08 * height
    assert size["side"] >= 0.05 * height
    shape_width = size["shape"][2] - size["shape"][0]
    assert shape_width >= 0.3 * min(width, height)
    assert abs((size["breath"][2] - size["breath"][0]) - shape_width) <= 0.02 * shape_width
    for part in ("cueBox", "sideBox", "shape", "dots", "buttons"):
        assert inside(size[part], width, height), (part, size[part])
    expect(page.locator("breath-timer .bt-cue")).to_have_text("In")
    expect(page.locator("breath-timer .bt-hint")).to_have_text("Breathe in to lengthen")
    expect(page.locator("breath-timer .bt-side")).to_have_text("→ Right")


@pytest.mark.parametrize("screen", SCREENS)
def test_changing_sides_shows_a_large_countdown_and_the_new_side(tutorial, screen: str) -> None:
    page = tutorial(SCREENS[screen])
    page.clock.run_for(33_500)
    countdown = page.locator("breath-timer .bt-countdown")
    expect(page.locator("breath-timer .bt-cue")).to_have_text("Change sides")
    expect(page.locator("breath-timer .bt-side")).to_have_text("← Left")
    expect(countdown).to_have_text("5")
    page.clock.run_for(2_000)
    expect(countdown).to_have_text("3")
    size = page.evaluate(MEASURE)
    assert size["countdown"] >= 0.08 * size["height"]
    page.clock.run_for(3_000)
    expect(countdown).to_be_hidden()


def test_dots_show_breaths_done_now_and_to_go(tutorial) -> None:
    page = tutorial(SCREENS["laptop"])
    page.clock.run_for(3_000 + 2 * 6_000 + 1_000)  # in breath 3 of 5
    dots = page.evaluate("[...document.querySelectorAll('breath-timer .bt-dots span')].map((dot) => dot.className)")
    assert dots == ["bt-did", "bt-did", "bt-now", "", ""]
    expect(page.locator("breath-timer .bt-count")).to_have_text("Breath 3 of 5")
    filled, hollow = (page.locator(f"breath-timer .bt-dots span >> nth={n}").evaluate("(dot) => getComputedStyle(dot).backgroundColor") for n in (0, 4))
    assert filled != hollow


def test_in_and_out_breaths_differ_in_fill_and_movement_and_sides_in_colour(tutorial) -> None:
    page = tutorial(SCREENS["laptop"])
    fill = "() => getComputedStyle(document.querySelector('breath-timer .bt-shape div')).backgroundColor"
    width = "() => document.querySelector('breath-timer .bt-shape div').getBoundingClientRect().width"
    page.clock.run_for(3_500)
    inhale = page.evaluate(fill), page.evaluate(width)
    page.clock.run_for(1_000)
    assert page.evaluate(width) > inhale[1]
    page.clock.run_for(1_000)
    exhale = page.evaluate(fill), page.evaluate(width)
    page.clock.run_for(1_000)
    assert page.evaluate(width) < exhale[1]
    assert inhale[0] != exhale[0]
    right = page.evaluate("getComputedStyle(document.querySelector('breath-timer .bt-side')).color")
    page.clock.run_for(35_000)
    expect(page.locator("breath-timer .bt-side")).to_have_text("← Left")
    assert page.evaluate("getComputedStyle(document.querySelector('breath-timer .bt-side')).color") != right


def left_paused_and_resumes_from_the_same_place(page: Page) -> None:
    """Out of the view, the session waits: no phase, no sound, nothing said, for as long as the
    reader needs; the page's Resume opens the view again and goes on from the same breath."""
    timer = page.locator("breath-timer")
    expect(timer).not_to_have_attribute("data-view", "")
    expect(timer).to_have_attribute("data-state", "paused")
    assert page.evaluate("document.fullscreenElement") is None
    expect(timer.get_by_role("button", name="Resume")).to_be_focused()
    count, said = len(events(page)), timer.locator(".bt-live").text_content()
    page.clock.run_for(12_000)
    assert len(events(page)) == count
    expect(timer.locator(".bt-live")).to_have_text(said)
    expect(timer.locator(".bt-count")).to_have_text("Breath 2 of 5")
    timer.get_by_role("button", name="Resume").click()
    expect(timer).to_have_attribute("data-view", "")
    expect(timer).to_have_attribute("data-state", "running")
    page.clock.run_for(4_000)  # the breath left at 10 s, on from there: the next begins at 15 s
    expect(timer.locator(".bt-count")).to_have_text("Breath 2 of 5")
    page.clock.run_for(2_000)
    expect(timer.locator(".bt-count")).to_have_text("Breath 3 of 5")
    page.clock.run_for(60_000)
    assert len(events(page, "breath-timer:done")) == 1


@pytest.mark.full_chromium
def test_leave_full_view_pauses_and_resume_goes_on_from_the_same_place(tutorial) -> None:
    page = tutorial(SCREENS["laptop"])
    page.clock.run_for(10_000)
    page.get_by_role("button", name="Leave full view").click()
    left_paused_and_resumes_from_the_same_place(page)


@pytest.mark.full_chromium
def test_escape_pauses_and_resume_goes_on_from_the_same_place(tutorial) -> None:
    page = tutorial(SCREENS["phone"])
    page.clock.run_for(10_000)
    page.keyboard.press("Escape")
    left_paused_and_resumes_from_the_same_place(page)


@pytest.mark.full_chromium
def test_leaving_fullscreen_by_the_browser_pauses(tutorial) -> None:
    page = tutorial(SCREENS["laptop"])
    page.clock.run_for(10_000)
    assert page.evaluate("document.fullscreenElement?.localName") == "breath-timer"
    page.evaluate("document.exitFullscreen()")
    left_paused_and_resumes_from_the_same_place(page)


def test_without_fullscreen_the_view_is_a_layer_over_the_whole_page(timer_page) -> None:
    page = timer_page("<p>Page text</p><breath-timer></breath-timer>" + "<p>More</p>" * 100)
    page.evaluate("() => { Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Full screen is not allowed here')); }")
    start(page)
    page.clock.run_for(4_000)
    assert page.evaluate("document.fullscreenElement") is None
    size = page.evaluate(MEASURE)
    assert size["view"] == [0, 0, size["width"], size["height"]]
    assert page.evaluate("document.elementFromPoint(5, 5).closest('breath-timer') !== null")


def test_space_pauses_and_resumes_and_paused_is_plain_to_see(tutorial) -> None:
    page = tutorial(SCREENS["laptop"])
    page.clock.run_for(4_000)
    page.locator("breath-timer .bt-cue").click()  # focus off the buttons, as after a glance away
    page.keyboard.press("Space")
    expect(page.locator("breath-timer .bt-cue")).to_have_text("Paused")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('breath-timer .bt-shape')).borderTopStyle") == "dashed"
    count = len(events(page))
    page.clock.run_for(30_000)
    assert len(events(page)) == count
    page.keyboard.press("Space")
    expect(page.locator("breath-timer .bt-cue")).to_have_text("In")


def test_the_end_is_calm_with_again_and_done(tutorial) -> None:
    page = tutorial(SCREENS["phone"])
    page.clock.run_for(70_000)
    expect(page.locator("breath-timer .bt-cue")).to_have_text("Well done")
    expect(page.get_by_role("button", name="Pause")).to_be_hidden()
    # Focus goes from the hidden Pause to Again, in the view, not to the page behind it.
    expect(page.get_by_role("button", name="Again")).to_be_focused()
    page.keyboard.press("Enter")
    # Again begins on the ready screen too, in the view, its title focused.
    expect(page.locator("breath-timer")).to_have_attribute("data-state", "ready")
    expect(page.locator("breath-timer .bt-title")).to_be_focused()
    # Nothing left in the live region from the session before, read in order on the ready screen.
    expect(page.locator("breath-timer .bt-live")).to_have_text("")
    page.locator("breath-timer").get_by_role("button", name="Start").click()
    expect(page.locator("breath-timer .bt-cue")).to_have_text("Get ready")
    expect(page.locator("breath-timer")).to_have_attribute("data-view", "")
    page.clock.run_for(70_000)
    page.get_by_role("button", name="Done").click()
    expect(page.locator("breath-timer")).not_to_have_attribute("data-view", "")
    expect(page.locator("breath-timer").get_by_role("button", name="Start again")).to_be_visible()


def test_reduced_motion_keeps_everything_still_and_readable(page: Page, tutorial) -> None:
    page.emulate_media(reduced_motion="reduce")
    tutorial(SCREENS["laptop"])
    width = "() => document.querySelector('breath-timer .bt-shape div').getBoundingClientRect().width"
    page.clock.run_for(3_500)
    sizes = [page.evaluate(width)]
    page.clock.run_for(3_000)
    sizes.append(page.evaluate(width))
    assert sizes[0] == sizes[1]
    assert page.evaluate("document.getAnimations().length") == 0
    expect(page.locator("breath-timer .bt-cue")).to_have_text("Out")


def test_forced_colours_keep_the_shape_bar_and_dots_visible(page: Page, tutorial) -> None:
    """Each part's fill is drawn: its container looks different with the fill taken away."""
    page.emulate_media(forced_colors="active")
    tutorial(SCREENS["laptop"])
    page.clock.run_for(3_000 + 6_000 + 1_000)
    for container, part in ((".bt-shape", ".bt-shape div"), (".bt-bar", ".bt-bar div"), (".bt-dots", ".bt-dots .bt-did")):
        area = page.locator("breath-timer " + container)
        shown = area.screenshot()
        page.evaluate(f"document.querySelector('breath-timer {part}').style.setProperty('background', 'none', 'important')")
        assert area.screenshot() != shown, part
        page.evaluate(f"document.querySelector('breath-timer {part}').style.removeProperty('background')")
    assert page.evaluate("getComputedStyle(document.querySelector('breath-timer .bt-shape')).borderTopStyle") == "solid"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_colours_hold_contrast_on_both_sides_in_both_palettes(tutorial, scheme: str) -> None:
    page = tutorial(SCREENS["laptop"], scheme)
    for moment in (4_000, 35_000):  # right side, then left
        page.clock.run_for(moment)
        for selector in (".bt-cue", ".bt-side", ".bt-hint", ".bt-count", ".bt-leave"):
            assert page.evaluate(CONTRAST, ["breath-timer " + selector, "color", None]) >= 4.5, (scheme, selector)
        for selector, part in ((".bt-shape div", "backgroundColor"), (".bt-shape", "borderTopColor"), (".bt-bar div", "backgroundColor"), (".bt-leave", "borderTopColor")):
            assert page.evaluate(CONTRAST, ["breath-timer " + selector, part, None]) >= 3, (scheme, selector)
        toggle = page.evaluate("getComputedStyle(document.querySelector('breath-timer .bt-toggle')).backgroundColor")
        assert page.evaluate(CONTRAST, ["breath-timer .bt-toggle", "color", toggle]) >= 4.5, scheme


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_view_has_no_axe_violation_while_running(page: Page, site_url: str, scheme: str) -> None:
    # axe waits on the page's own timers, so this runs on the real clock.
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "chair-twist/")
    page.evaluate("Object.assign(document.querySelector('breath-timer'), { prepare: 1, inhale: 20 })")
    begin(page.locator("breath-timer"))
    page.wait_for_function("document.querySelector('breath-timer').dataset.phase === 'inhale'")
    expect(page.locator("breath-timer")).to_have_attribute("data-view", "")
    assert axe_violations(page) == []
