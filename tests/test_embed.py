"""The timer on an intranet page that MkDocs never built, behind a strict Content-Security-Policy.

Two servers on 127.0.0.1 stand for the two sides: the "intranet", serving its own page with
the timer's files copied beside it, and the Unstuck site, serving `embed/` for an iframe.
Both send a strict policy; nothing may break it, log an error, or leave the machine.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from breath_timer import parse_marker, render_timer, validate_defaults
from bs4 import BeautifulSoup
from budget import TIMER_BUDGET, gzipped
from helpers import ROOT, handler_with_policy, run_framed_session, serve
from playwright.sync_api import Page, expect
from timer_settings import words

STRICT = "default-src 'self'"

INTRANET_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
<script src="/static/breath-timer.js" defer></script></head>
<body><main><h1>Take a break</h1><breath-timer breaths="2" sides="2"></breath-timer></main></body></html>"""

FRAME_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head>
<body><main><h1>Take a break</h1>
<iframe src="{src}" title="Breath timer" width="360" height="560" allow="fullscreen; screen-wake-lock"></iframe>
</main></body></html>"""

# An intranet page that gives the timer its own words, as "Embed the timer" tells an admin to.
WORDS_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Intranet</title>
<script type="application/json" id="breath-timer-words">{words}</script>
<script src="/static/breath-timer.js" defer></script></head>
<body><main><h1>Take a break</h1><breath-timer breaths="2"></breath-timer></main></body></html>"""
ENGLISH = json.loads((Path(__file__).parent.parent / "hooks" / "breath-timer.words.json").read_text(encoding="utf-8"))["en"]

WATCH = """
window.policyViolations = [];
addEventListener("securitypolicyviolation", (event) => policyViolations.push(event.violatedDirective));
window.timerDone = 0;
addEventListener("breath-timer:done", () => timerDone++);
"""


@pytest.fixture(scope="module")
def strict_site(site_dir: Path) -> Iterator[str]:
    """The built site, served with a strict policy that lets any 127.0.0.1 page frame it."""
    url, stop = serve(site_dir, handler=handler_with_policy(f"{STRICT}; frame-ancestors http://127.0.0.1:*"))
    yield url
    stop()


@pytest.fixture(scope="module")
def intranet(site_dir: Path, strict_site: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("intranet")
    (root / "static").mkdir()
    shutil.copy(site_dir / "assets" / "breath-timer.js", root / "static")  # the one file to copy
    (root / "index.html").write_text(INTRANET_PAGE)
    (root / "favicon.ico").write_bytes(b"")  # the browser asks for one; a real intranet has it
    (root / "frame.html").write_text(FRAME_PAGE.format(src=strict_site + "embed/?breaths=2&sides=1"))
    url, stop = serve(root, handler=handler_with_policy(f"{STRICT}; frame-src {strict_site}"))
    yield url
    stop()


@pytest.fixture
def watched(page: Page) -> Page:
    """A page that records console errors and every request's address."""
    page.console_errors = []
    page.requests = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("request", lambda request: page.requests.append(request.url))
    page.add_init_script(WATCH)
    return page


def test_script_embed_runs_a_full_session_under_a_strict_policy(watched: Page, intranet: str) -> None:
    watched.clock.install(time=0)
    watched.goto(intranet)
    watched.clock.pause_at(60_000)
    watched.get_by_role("button", name="Start").click()  # the ready screen first
    watched.get_by_role("button", name="Start").click()
    watched.clock.run_for(40_000)
    assert watched.evaluate("timerDone") == 1
    expect(watched.locator("breath-timer .bt-shape")).to_be_visible()
    assert watched.evaluate("getComputedStyle(document.querySelector('breath-timer .bt-ui')).textAlign") == "center"
    assert watched.evaluate("policyViolations") == []
    assert watched.console_errors == []
    assert all(url.startswith(intranet) for url in watched.requests), watched.requests


def test_iframe_embed_runs_under_strict_policies_on_both_sides(watched: Page, intranet: str, strict_site: str) -> None:
    timer_frame = run_framed_session(watched, intranet + "frame.html")
    assert watched.evaluate("policyViolations") == []
    assert timer_frame.evaluate("policyViolations") == []
    assert watched.console_errors == []
    assert all(url.startswith((intranet, strict_site)) for url in watched.requests), watched.requests


def test_embed_page_takes_its_settings_from_the_query_string(page: Page, site_url: str) -> None:
    page.goto(site_url + "embed/?breaths=8&inhale=3&exhale=4&sides=1")
    timer = page.locator("breath-timer")
    expect(timer.locator(".bt-count")).to_have_text("8 breaths each side")
    assert page.evaluate("[...['inhale', 'exhale', 'sides']].map((n) => document.querySelector('breath-timer')[n])") == [3, 4, 1]


def test_embed_page_falls_back_on_bad_query_values(page: Page, site_url: str) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    page.goto(site_url + "embed/?breaths=abc&inhale=99")
    expect(page.locator("breath-timer .bt-count")).to_have_text("5 breaths each side")
    assert page.evaluate("document.querySelector('breath-timer').inhale") == 2.5
    assert any('breaths="abc"' in warning for warning in warnings)
    assert any('inhale="99"' in warning for warning in warnings)
    assert "NaN" not in page.locator("body").inner_text()


def test_embed_page_has_no_chrome_and_no_inline_code(built_page) -> None:
    soup = built_page("embed/")
    assert soup.select(".md-header, .md-sidebar, .md-footer, nav") == []
    # The timer's words in other languages come as JSON, data that a policy never runs.
    assert [script for script in soup.find_all("script") if not script.get("src") and script.get("type") != "application/json"] == []
    assert soup.find_all("style") == [] and soup.select("[style]") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_embed_page_follows_the_viewers_colour_scheme(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "embed/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background


def test_embed_snippet_states_the_size_and_permissions_the_tests_use(built_page) -> None:
    (snippet,) = [code.get_text() for code in built_page("embed-the-timer/").find_all("code") if "<iframe" in code.get_text()]
    assert 'width="360" height="560"' in snippet
    assert 'allow="fullscreen; screen-wake-lock"' in snippet


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("settings", [False, True], ids=["idle", "settings open"])
def test_embed_page_shows_the_whole_timer_at_the_suggested_size(page: Page, site_url: str, scheme: str, settings: bool) -> None:
    page.set_viewport_size({"width": 360, "height": 560})
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "embed/")
    if settings:
        page.get_by_role("button", name="Pace").click()
        expect(page.get_by_role("button", name="Slow")).to_be_visible()
    scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert scroll == [360, 560]
    box = page.locator("breath-timer .bt-ui").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 560, box
    expect(page.get_by_role("button", name="Start")).to_be_in_viewport()


def test_embed_view_fills_the_frame_where_fullscreen_is_not_allowed(watched: Page, intranet: str) -> None:
    said: list[str] = []
    watched.on("console", lambda message: said.append(f"{message.type}: {message.text}"))
    watched.goto(intranet + "frame.html")
    watched.evaluate("document.querySelector('iframe').setAttribute('allow', 'screen-wake-lock')")
    watched.evaluate("document.querySelector('iframe').src += ''")
    frame = watched.frame_locator("iframe")
    frame.get_by_role("button", name="Start").click()
    expect(frame.locator("breath-timer")).to_have_attribute("data-view", "")
    timer_frame = watched.frames[1]
    assert timer_frame.evaluate("document.fullscreenElement") is None
    assert timer_frame.evaluate("(() => { const r = document.querySelector('breath-timer .bt-ui').getBoundingClientRect(); return [r.width, r.height]; })()") == [360, 560]
    frame.get_by_role("button", name="Leave full view").click()
    expect(frame.locator("breath-timer")).not_to_have_attribute("data-view", "")
    # Full screen was never asked for, so the host's console says nothing about it.
    assert [line for line in said if "ullscreen" in line] == [], said


def test_the_timer_stays_within_its_budget_as_served(site_dir: Path) -> None:
    assert gzipped(site_dir / "assets" / "breath-timer.js") <= TIMER_BUDGET


@pytest.mark.parametrize(
    "query", ["?breaths=10&sides=1", "?breaths=3&inhale=2.5&exhale=1", "?breaths=abc&sides=9", "", "?breaths=1&inhale=1"]
)
def test_embed_page_paper_and_fallback_match_the_query(page: Page, site_url: str, query: str) -> None:
    """The embed page rewrites the hook's paper pacer for its query; both must say the same."""
    page.goto(site_url + "embed/" + query)
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    settings = page.evaluate("(({breaths, inhale, exhale, sides}) => ({breaths, inhale, exhale, sides}))(document.querySelector('breath-timer'))")
    words = " ".join(f"{name}={value}" for name, value in settings.items())
    expected = BeautifulSoup(render_timer(parse_marker(words, validate_defaults({}))), "html.parser")
    parts = ".breath-timer-fallback p, .breath-timer-fallback li"
    assert page.locator(parts).all_text_contents() == [tag.get_text() for tag in expected.select(parts)]
    if query == "?breaths=10&sides=1":
        page.emulate_media(media="print")
        text = page.locator("breath-timer .breath-timer-fallback").inner_text()
        assert "Hold each side for 10 breaths" in text and "Then turn left" not in text
        assert text.count("\u2610") == 10
    if query == "?breaths=1&inhale=1":
        assert page.locator(".breath-timer-fallback p").text_content().startswith("Hold each side for 1 breath. Breathe in for 1 second")


def test_embedding_snippets_carry_the_sites_own_address(built_page, site_url: str) -> None:
    text = " ".join(built_page("embed-the-timer/").select_one("article").get_text().split())
    assert f'<iframe src="{site_url}embed/?breaths=5' in text
    assert f"frame-src {site_url.rstrip('/')}" in text
    assert "your-site.example" not in text and "unstuck.example.org" not in text


def open_with_words(page: Page, intranet: str, lang: str, words: dict) -> Page:
    """The intranet's page with its own words for the timer, under the intranet's strict policy;
    the page records its warnings and errors."""
    page.warnings, page.errors = [], []
    page.on("console", lambda message: message.type == "warning" and page.warnings.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    body = WORDS_PAGE.format(lang=lang, words=json.dumps(words))
    page.route(intranet + "words.html", lambda route: route.fulfill(body=body, content_type="text/html", headers={"Content-Security-Policy": STRICT}))
    page.goto(intranet + "words.html")
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    return page


def test_intranet_words_missing_a_key_are_laid_over_english(page: Page, intranet: str) -> None:
    french = {"title": "Avant de commencer", "toggle": ["Démarrer", "Pause", "Reprendre", "Recommencer"]}
    open_with_words(page, intranet, "fr", {"fr": french})
    page.get_by_role("button", name="Démarrer").click()
    ready = page.locator("breath-timer .bt-ready")
    expect(ready.locator(".bt-title")).to_have_text("Avant de commencer")
    expect(ready.locator("li")).to_have_text(ENGLISH["signals"])  # the words it lacks, in English
    page.get_by_role("button", name="Démarrer").click()
    page.wait_for_function("document.querySelector('breath-timer').dataset.state === 'running'")
    assert page.errors == []
    assert '<breath-timer>: no "signals" in the words for lang="fr", so it says that in English.' in page.warnings


def test_intranet_english_words_change_only_the_words_they_give(page: Page, intranet: str) -> None:
    open_with_words(page, intranet, "en", {"en": {"title": "Before you begin", "signals": "not a list"}})
    page.get_by_role("button", name="Start").click()
    expect(page.locator("breath-timer .bt-title")).to_have_text("Before you begin")
    expect(page.locator("breath-timer .bt-ready li")).to_have_text(ENGLISH["signals"])
    assert page.errors == []


def test_intranet_words_are_text_not_markup(page: Page, intranet: str) -> None:
    markup = '<img src="x" alt="">Before you start & "begin"'
    words = {**ENGLISH, "title": markup, "signals": ["<b>sharp</b> pain", *ENGLISH["signals"][1:]], "fields": ['Breaths "each" side', *ENGLISH["fields"][1:]]}
    open_with_words(page, intranet, "en", {"en": words})
    page.get_by_role("button", name="Start").click()
    expect(page.locator("breath-timer .bt-title")).to_have_text(markup)
    expect(page.locator("breath-timer .bt-ready li").first).to_have_text("<b>sharp</b> pain")
    assert page.locator("breath-timer img, breath-timer li b").count() == 0
    expect(page.locator("breath-timer .bt-field button").first).to_have_attribute("aria-label", 'Breaths "each" side: less')
    assert page.errors == []


@pytest.mark.parametrize(("address", "safety"), [("embed/", {"en": "../safety/", "es": "../es/safety/"}), ("es/embed/", {"en": "../../safety/", "es": "../safety/"})])
def test_embed_page_carries_each_languages_emergency_line_and_safety_page(built_page, address: str, safety: dict[str, str]) -> None:
    table = json.loads(built_page(address).select_one("#breath-timer-words").string)
    site_words = yaml.safe_load((ROOT / "hooks" / "words.yml").read_text(encoding="utf-8"))
    for language in ("en", "es"):
        # The printed sheet's line, one source (hooks/words.yml), and the safety page beside this one.
        assert table[language]["emergency"] == [site_words[language]["emergency_label"], site_words[language]["emergency"]]
        assert table[language]["safety"] == safety[language]


def test_the_elements_own_english_emergency_line_is_the_printed_sheets() -> None:
    # The one-script embed has no page words: the element's English column carries the line.
    english = yaml.safe_load((ROOT / "hooks" / "words.yml").read_text(encoding="utf-8"))["en"]
    assert words("en")["emergency"] == [english["emergency_label"], english["emergency"]]
