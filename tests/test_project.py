"""The project as a newcomer meets it: a page left out of the menu, the README's facts, and
each page loading only the scripts and style sheets it uses, instant navigation included."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from helpers import (
    PAGES,
    ROOT,
    TUTORIALS,
    Build,
    build_environment,
    build_site,
    copy_of_the_project,
    goto_for_instant_navigation,
)
from playwright.sync_api import Page, expect
from security_headers import COMMON_HEADERS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_section(title: str) -> str:
    """The README's text under a heading, up to the next heading of any level."""
    return re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^#)", README, re.MULTILINE | re.DOTALL)[1]


@pytest.fixture(scope="module")
def careless_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A copy of the project with two slips a newcomer makes, built once with --strict: a page left
    out of the nav, and a link to an anchor that is not there. Each slip is a warning, and --strict
    stops the build on any warning, so each test below holds one slip to its own warning."""
    project = copy_of_the_project(tmp_path_factory.mktemp("careless"))
    # In both languages, so that it is the nav, not a missing twin, that stops the build.
    for name in ("stray.md", "stray.es.md"):
        (project / "docs" / name).write_text("---\nreviewed: 2026-11-25\nreview_due: 2027-11-25\n---\n\n# Stray\n")
    with (project / "docs" / "mistakes.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the stop signals](safety.md#stop-signs-that-are-not-there).\n")
    return build_site(project=project, in_process=True)


def test_a_page_left_out_of_nav_fails_the_build(careless_build: Build) -> None:
    assert careless_build.returncode == 1
    assert ('WARNING -  The following pages exist in the docs directory, but are not included in the "nav" '
            "configuration:\n  - stray.md\n") in careless_build.stderr, careless_build.stderr  # fmt: skip


def test_a_link_to_a_missing_anchor_fails_the_build(careless_build: Build) -> None:
    assert careless_build.returncode == 1
    warnings = [line for line in careless_build.stderr.splitlines() if line.startswith("WARNING")]
    assert [line for line in warnings if "mistakes.md" in line and "'#stop-signs-that-are-not-there'" in line], careless_build.stderr


def test_the_readme_deploy_commands_build_a_hosted_copy_as_written(tmp_path: Path) -> None:
    """On a fresh copy, as a host would paste them: the hosted build needs what it says it sets."""
    commands = re.search(r"```sh\n(.*?)```", readme_section("Deploy"), re.DOTALL)[1]
    copy_of_the_project(tmp_path)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", commands], cwd=tmp_path, capture_output=True, text=True,
                            env={**build_environment(None), "NO_MKDOCS_2_WARNING": "1"}, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://your.host/">' in home


def test_readme_names_every_response_header_the_hook_sends_and_no_other() -> None:
    named = set(re.findall(r"`([A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]+)+)", readme_section("Security headers")))
    assert named == {"Content-Security-Policy", *COMMON_HEADERS}


def test_readme_takes_the_system_packages_from_the_one_list() -> None:
    assert "scripts/system-packages" in README
    assert not re.search(r"apt-get install[^\n]*chromium", README), "the list lives in scripts/system-packages"


def test_readme_names_the_fast_lane() -> None:
    assert 'scripts/test -m "not browser"' in README


# Each page loads what it uses


def own_files(built_page, url: str) -> set[str]:
    soup = built_page(url)
    links = [tag["href"] for tag in soup.select("link[rel=stylesheet]")] + [tag["src"] for tag in soup.select("script[src]")]
    return {Path(link).name for link in links if "assets/" not in link}  # not Material's, nor the timer's


def test_every_page_loads_the_print_script_and_the_site_styles_and_no_more_than_it_uses(built_page) -> None:
    for url in PAGES:
        # The header's switch; the offline app's registration (hooks/offline_app.py).
        expected = {"site.css", "print.css", "print.js", "language-switch.js", "offline-app.js"}
        expected |= {"guided-start.js"} if url in TUTORIALS else set()
        expected |= {"habit.js", "habit.css"} if url == "daily-habit/" else set()
        expected |= {"code-actions.js"} if url == "embed-the-timer/" else set()
        assert own_files(built_page, url) == expected, url


def test_the_habit_page_reached_by_instant_navigation_sets_up_its_forms(page: Page, site_url: str) -> None:
    goto_for_instant_navigation(page, site_url)
    page.evaluate("window.arrivedByInstantNavigation = true")
    page.locator(".md-nav__link", has_text="Make it a habit").first.click()
    expect(page.locator("#habit-calendar")).to_be_visible()
    page.locator(".md-nav__link", has_text="Safety").first.click()
    page.locator(".md-nav__link", has_text="Make it a habit").first.click()
    expect(page.locator("#habit-calendar")).to_be_visible()
    assert page.evaluate("window.arrivedByInstantNavigation") is True
    # habit.css came with the page: the form's fieldsets have its border.
    assert page.locator("#habit-calendar fieldset").first.evaluate("fieldset => getComputedStyle(fieldset).borderTopStyle") == "solid"


@pytest.mark.parametrize("visits", [1, 2])
def test_the_guided_start_opens_the_ready_screen_once_however_often_the_page_is_visited(page: Page, site_url: str, visits: int) -> None:
    goto_for_instant_navigation(page, site_url)
    page.evaluate("window.arrivedByInstantNavigation = true")
    for _ in range(visits):
        page.locator(".md-nav__link", has_text="Chair twist").first.click()
        page.wait_for_url("**/chair-twist/")
        page.locator(".md-nav__link", has_text="Safety").first.click()
        page.wait_for_url("**/safety/")
    page.locator(".md-nav__link", has_text="Chair twist").first.click()
    page.wait_for_url("**/chair-twist/")
    page.wait_for_function("() => !!document.querySelector('breath-timer')?.ready")
    page.evaluate("""() => {
      window.readies = 0;
      const timer = document.querySelector('breath-timer');
      const ready = timer.ready.bind(timer);
      timer.ready = () => { window.readies++; ready(); };
    }""")
    page.get_by_role("button", name="Start the guided twist").click()
    assert page.evaluate("[window.arrivedByInstantNavigation, window.readies]") == [True, 1]
    expect(page.locator("breath-timer")).to_have_attribute("data-state", "ready")
