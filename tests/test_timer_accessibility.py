"""axe-core finds nothing wrong on a tutorial with its timer idle, its pace panel open, running
(on the page, after leaving the follow-along view) and done. The view itself: test_follow_along.py."""

from __future__ import annotations

import pytest
from helpers import axe_violations
from playwright.sync_api import Page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tutorial_timer_has_no_axe_violation_idle_running_or_done(page: Page, site_url: str, scheme: str) -> None:
    # axe waits on the page's own timers, so this runs on the real clock, with a short session.
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "chair-twist/")
    timer = page.locator("breath-timer")
    timer.get_by_role("button", name="Pace").click()
    assert axe_violations(page) == [], "idle, pace open"
    timer.get_by_role("button", name="Pace").click()
    page.evaluate("Object.assign(document.querySelector('breath-timer'), { prepare: 1, sides: 1, breaths: 1, exhale: 20 })")
    timer.get_by_role("button", name="Start").click()
    timer.get_by_role("button", name="Leave full view").click()
    page.wait_for_function("document.querySelector('breath-timer').dataset.phase === 'exhale'")
    assert axe_violations(page) == [], "running"
    timer.get_by_role("button", name="Reset").click()
    page.evaluate("document.querySelector('breath-timer').exhale = 1")
    timer.get_by_role("button", name="Start").click()
    page.wait_for_function("document.querySelector('breath-timer').dataset.state === 'done'", timeout=10_000)
    assert axe_violations(page) == [], "done, in the view"
