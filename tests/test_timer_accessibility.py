"""axe-core finds nothing wrong on a tutorial with its timer idle, running and done."""

from __future__ import annotations

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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tutorial_timer_has_no_axe_violation_idle_running_or_done(page: Page, site_url: str, scheme: str) -> None:
    # axe waits on the page's own timers, so this runs on the real clock, with a short session.
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "chair-twist/")
    assert violations(page) == [], "idle"
    page.evaluate("Object.assign(document.querySelector('breath-timer'), { prepare: 1, sides: 1, breaths: 1, exhale: 20 })")
    page.get_by_role("button", name="Start").click()
    page.get_by_text("Pace and sound").click()
    page.wait_for_function("document.querySelector('breath-timer').dataset.phase === 'exhale'")
    assert violations(page) == [], "running"
    page.evaluate("document.querySelector('breath-timer').exhale = 1")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("document.querySelector('breath-timer').dataset.state === 'done'", timeout=10_000)
    assert violations(page) == [], "done"
