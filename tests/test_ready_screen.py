"""The ready screen before the first breath, and the timer's words: who should check first and
the stop signals before anything plays, the comfort limit on screen and aloud, the pace kept
to what a page could teach, and what a screen reader hears over a whole session."""

from __future__ import annotations

import re

import pytest
from helpers import TUTORIALS, axe_violations, new_context
from playwright.sync_api import Browser, Page, expect
from timer_pages import BUTTONS, FAKE_CUES, ONE_VOICE, RECORD_EVENTS, begin

# The conditions and the four stop signals of ../shared/decisions.md, as a reader sees them.
CONDITIONS = ["slipped disc", "sciatica", "weak bones", "hip replacement", "recent surgery", "pregnant"]
STOP_SIGNALS = [
    "sharp, stabbing or burning pain",
    "pain that shoots down an arm or a leg",
    "new numbness or tingling",
    "dizzy or faint",
]
COMFORT = "only as far as is comfortable"

# Counts the audio the page makes: a context is the start of any sound.
COUNT_AUDIO = "window.audioContexts = 0; { const Real = window.AudioContext; window.AudioContext = class extends Real { constructor() { super(); audioContexts++; } }; }"

# Every text the live region takes, in order, as a screen reader would be given it.
RECORD_LIVE = """
window.heard = [];
new MutationObserver(() => {
  const live = document.querySelector("breath-timer .bt-live");
  if (live && live.textContent && live.textContent !== heard.at(-1)) heard.push(live.textContent);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""

SIZES = [(320, 568), (360, 640), (390, 844), (844, 390), (1280, 800)]

# The printed sheet's emergency line (hooks/words.yml), as the embed's ready screen shows it.
EMERGENCY = {"en": "Call 999 (or your local emergency number) now.", "es": "o al número de emergencias de su país."}


def open_chair_twist(page: Page, site_url: str) -> Page:
    page.clock.install(time=0)
    page.goto(site_url + "chair-twist/")
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    page.clock.pause_at(60_000)
    return page


def test_guided_start_shows_the_ready_screen_and_starts_nothing_until_its_start(page: Page, site_url: str) -> None:
    page.add_init_script(FAKE_CUES)
    page.add_init_script(COUNT_AUDIO)
    page.add_init_script(RECORD_EVENTS)
    open_chair_twist(page, site_url)
    page.get_by_role("button", name="Start the guided twist").click()
    timer = page.locator("breath-timer")
    ready = timer.locator(".bt-ready")
    expect(ready).to_be_visible()
    expect(timer).to_have_attribute("data-view", "")
    text = ready.inner_text()
    for condition in CONDITIONS:
        assert condition in text, condition
    assert "floor" not in text  # the chair page's timer: no floor condition
    assert [item.inner_text() for item in ready.locator("li").all()] == STOP_SIGNALS
    expect(ready.get_by_role("link", name="Is this twist right for you?")).to_have_attribute("href", "#is-this-twist-right-for-you")
    cues = timer.get_by_role("group", name="Sound")
    expect(cues).to_be_visible()
    expect(cues.get_by_role("radio")).to_have_count(3)
    expect(cues.get_by_role("radio", name="Tones")).to_be_checked()
    expect(ready).to_contain_text("5 breaths each side: breathe in for 2.5 seconds, out for 3.5 seconds.")
    starts = timer.get_by_role("button", name="Start", exact=True)
    expect(starts).to_have_count(1)
    # A minute on the ready screen: no sound, no vibration, no breath, nothing said.
    page.clock.run_for(60_000)
    assert page.evaluate("[audioContexts, cues.tones.length, cues.vibrations, timerEvents.length]") == [0, 0, 0, 0]
    expect(timer.locator(".bt-live")).to_have_text("")
    expect(timer).to_have_attribute("data-state", "ready")
    starts.click()
    page.clock.run_for(4_000)
    expect(timer).to_have_attribute("data-state", "running")
    expect(timer.locator(".bt-cue")).to_have_text("In")
    assert page.evaluate("audioContexts") == 1 and len(page.evaluate("cues.tones")) == 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_ready_screen_has_no_axe_violation(page: Page, site_url: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_url + "chair-twist/")
    page.get_by_role("button", name="Start the guided twist").click()
    page.wait_for_function("document.querySelector('breath-timer').dataset.state === 'ready'")
    assert axe_violations(page) == []


@pytest.mark.full_chromium
@pytest.mark.parametrize("language", ["", "es/"])
def test_the_check_link_leaves_the_view_and_focuses_the_pages_own_check(page: Page, site_url: str, language: str) -> None:
    page.goto(site_url + language + "chair-twist/")
    page.locator(".guided-start").click()
    timer = page.locator("breath-timer")
    timer.locator(".bt-check").press("Enter")
    expect(timer).not_to_have_attribute("data-view", "")
    expect(timer).to_have_attribute("data-state", "idle")
    check = page.locator("#is-this-twist-right-for-you")
    expect(check).to_be_in_viewport()
    # The same timer, not one Material rendered afresh, and the reader's focus on the check.
    assert timer.evaluate("(timer) => timer.isConnected && !!timer.querySelector('.bt-ui')")
    expect(check).to_be_focused()


# Full screen that comes a moment late, as on a slow phone: the browser's own call, 300 ms on;
# lateFullScreen settles once it has come. Chromium takes the focus from the page as it goes full
# screen, in some runs before it tells the page: here always before, so the test never depends
# on which came first.
LATE_FULL_SCREEN = """
const ask = Element.prototype.requestFullscreen;
window.lateFullScreen = new Promise((came) => {
  Element.prototype.requestFullscreen = function () {
    return new Promise((done) => setTimeout(() => {
      document.activeElement.blur();
      ask.call(this).then(came, came).then(done);
    }, 300));
  };
});
"""


@pytest.mark.full_chromium
def test_full_screen_that_comes_after_the_reader_left_for_the_check_goes_again(page: Page, site_url: str) -> None:
    page.add_init_script(LATE_FULL_SCREEN)
    page.goto(site_url + "chair-twist/")
    page.locator(".guided-start").click()
    page.locator("breath-timer .bt-check").press("Enter")
    check = page.locator("#is-this-twist-right-for-you")
    expect(check).to_be_focused()
    page.evaluate("lateFullScreen")
    page.wait_for_function("() => !document.fullscreenElement")
    expect(check).to_be_in_viewport()
    expect(check).to_be_focused()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("tutorial", TUTORIALS)
def test_a_shared_link_to_time_your_breaths_meets_the_ready_screen_before_any_phase(page: Page, site_url: str, tutorial: str, language: str) -> None:
    # Calendar events, reminders, search results and shared addresses land here, past the check.
    page.add_init_script(RECORD_EVENTS)
    page.clock.install(time=0)
    page.goto(site_url + ("" if language == "en" else f"{language}/") + tutorial + "#time-your-breaths")
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    page.clock.pause_at(60_000)
    timer = page.locator("breath-timer")
    timer.get_by_role("button", name=BUTTONS[language]["start"], exact=True).click()
    expect(timer).to_have_attribute("data-state", "ready")
    expect(timer.locator(".bt-ready li")).to_have_count(len(STOP_SIGNALS))
    page.clock.run_for(30_000)
    assert page.evaluate("timerEvents") == []
    timer.get_by_role("button", name=BUTTONS[language]["start"], exact=True).click()
    page.clock.run_for(1_000)
    assert [event["detail"]["phase"] for event in page.evaluate("timerEvents")] == ["prepare"]


@pytest.mark.parametrize(("address", "language", "safety"), [("embed/", "en", "safety/"), ("es/embed/", "es", "es/safety/"), ("embed/?lang=es", "es", "es/safety/")])
def test_embed_ready_screen_carries_the_emergency_line_and_links_the_safety_page_in_its_language(page: Page, site_url: str, address: str, language: str, safety: str) -> None:
    page.add_init_script(FAKE_CUES)
    page.clock.install(time=0)
    page.goto(site_url + address)
    timer = page.locator("breath-timer")
    timer.get_by_role("button", name=BUTTONS[language]["start"], exact=True).click()
    expect(timer).to_have_attribute("data-state", "ready")
    ready = timer.locator(".bt-ready")
    expect(ready.locator(".bt-emergency")).to_be_visible()
    expect(ready.locator(".bt-emergency")).to_contain_text(EMERGENCY[language])
    # Opened outside the frame: the safety page refuses to be framed.
    check = ready.locator(".bt-check")
    expect(check).to_have_attribute("target", "_blank")
    assert check.evaluate("(link) => link.href") == site_url + safety
    page.clock.run_for(30_000)
    assert page.evaluate("cues.vibrations") == 0
    timer.get_by_role("button", name=BUTTONS[language]["start"], exact=True).click()
    expect(timer).to_have_attribute("data-state", "running")


def test_a_tutorials_ready_screen_leaves_the_emergency_line_to_its_page(page: Page, site_url: str) -> None:
    open_chair_twist(page, site_url)
    page.get_by_role("button", name="Start the guided twist").click()
    expect(page.locator("breath-timer .bt-emergency")).to_be_hidden()


def test_the_one_script_embed_carries_the_printed_sheets_emergency_line_in_english(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.locator("breath-timer").evaluate("(timer) => timer.ready()")
    emergency = page.locator("breath-timer .bt-emergency")
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("Emergency: numbness around your genitals or bottom")
    expect(emergency).to_contain_text(EMERGENCY["en"])


@pytest.mark.parametrize(("address", "language"), [("chair-twist/", "en"), ("es/floor-twist/", "es"), ("embed/?lang=es", "es")])
def test_the_ready_screens_dialog_is_named_by_its_title_and_described_by_the_check_and_stop_signals(page: Page, site_url: str, address: str, language: str) -> None:
    page.goto(site_url + address)
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    page.locator("breath-timer").evaluate("(timer) => timer.ready()")
    expect(page.locator("breath-timer")).to_have_attribute("data-state", "ready")
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    dialogs = [node for node in nodes if node.get("role", {}).get("value") == "dialog"]
    assert len(dialogs) == 1
    properties = {item["name"]: item["value"].get("value") for item in dialogs[0].get("properties", [])}
    assert properties.get("modal") is True
    name = dialogs[0]["name"]["value"]
    description = dialogs[0].get("description", {}).get("value", "")
    assert name == {"en": "Before you start", "es": "Antes de empezar"}[language]
    for words in {"en": [CONDITIONS[0], CONDITIONS[-1], "Stop at once", *STOP_SIGNALS], "es": ["hernia de disco", "embarazada", "dolor que baja por un brazo o una pierna"]}[language]:
        assert words in description, (words, description)
    # Focus on the title, at the top, so a reader starts there, not on Start past the safety text.
    title = page.locator("breath-timer .bt-title")
    expect(title).to_be_focused()
    expect(title).to_have_js_property("tagName", "H2")


def test_ready_screen_links_the_given_check_and_names_the_floor_where_the_page_says(timer_page) -> None:
    page = timer_page('<breath-timer position="floor" check="https://example.org/safety/"></breath-timer>')
    page.locator("breath-timer").evaluate("(timer) => timer.ready()")
    ready = page.locator("breath-timer .bt-ready")
    expect(ready).to_contain_text("cannot get down to the floor")
    expect(ready.get_by_role("link", name="Is this twist right for you?")).to_have_attribute("href", "https://example.org/safety/")


def test_ready_screen_without_a_check_to_link_has_no_link_at_all(timer_page) -> None:
    # An <a> with no address is no link for a keyboard, a screen reader or a search engine.
    page = timer_page("<breath-timer></breath-timer>")
    page.locator("breath-timer").evaluate("(timer) => timer.ready()")
    expect(page.locator("breath-timer .bt-ready")).to_contain_text("Stop at once if you feel")
    assert page.locator("breath-timer a").count() == 0


def test_leaving_the_ready_screen_goes_back_to_idle(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    timer = page.locator("breath-timer")
    timer.get_by_role("button", name="Start").click()
    expect(timer).to_have_attribute("data-state", "ready")
    # The live region holds nothing from a session before: a screen reader reads it in order.
    expect(timer.locator(".bt-live")).to_have_text("")
    page.keyboard.press("Escape")
    expect(timer).to_have_attribute("data-state", "idle")
    expect(timer.get_by_role("button", name="Start")).to_be_visible()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_ready_screen_shows_whole_with_big_targets(page: Page, site_url: str, size: tuple[int, int]) -> None:
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    open_chair_twist(page, site_url)
    page.get_by_role("button", name="Start the guided twist").click()
    view = page.locator("breath-timer .bt-ui")
    expect(page.locator("breath-timer .bt-ready")).to_be_visible()
    # Only the ready screen, from its top, its title focused: the face waits for the first breath.
    expect(page.locator("breath-timer .bt-cue")).to_be_hidden()
    assert view.evaluate("(view) => view.scrollTop") == 0
    expect(page.locator("breath-timer .bt-title")).to_be_focused()
    expect(page.locator("breath-timer .bt-title")).to_be_in_viewport(ratio=1)
    # Every line and control is on screen, or reached by scrolling the view from its top.
    overflow = view.evaluate("(view) => [view.scrollWidth - view.clientWidth, view.scrollHeight - view.clientHeight]")
    assert overflow[0] <= 0, overflow
    shown = view.evaluate(
        """(view) => [...view.querySelectorAll('.bt-ready p, .bt-ready li, legend, button, a')]
             .filter((element) => element.getClientRects().length)
             .map((element) => { const r = element.getBoundingClientRect(); return [element.textContent.trim(), r.left, r.top + view.scrollTop, r.right, r.bottom + view.scrollTop, r.width, r.height]; })"""
    )
    for text, left, top, right, bottom, *_ in shown:
        assert left >= 0 and right <= width and top >= 0 and bottom <= view.evaluate("(view) => view.scrollHeight"), (text, size)
    shown += view.evaluate(
        """(view) => [...view.querySelectorAll('.bt-cues label')]
             .map((element) => { const r = element.getBoundingClientRect(); return [element.textContent.trim(), r.left, r.top + view.scrollTop, r.right, r.bottom + view.scrollTop, r.width, r.height]; })"""
    )
    for text, *_, box_width, box_height in [item for item in shown if item[0] in {"Start", "Leave full view", "silent", "tones", "voice", "Is this twist right for you?"}]:
        assert box_width >= 44 and box_height >= 44, (text, box_width, box_height)


def test_get_ready_and_change_sides_carry_the_comfort_limit_shown_and_spoken(page: Page, timer_page) -> None:
    page.add_init_script(FAKE_CUES)
    page.add_init_script(ONE_VOICE)
    timer_page('<breath-timer breaths="1" sides="2" prepare="2" switch="2"></breath-timer>')
    timer = page.locator("breath-timer")
    timer.get_by_role("radio", name="Voice").check()
    begin(timer)
    page.clock.run_for(1_000)
    expect(timer.locator(".bt-cue")).to_have_text("Get ready")
    expect(timer.locator(".bt-hint")).to_have_text(f"Turn right first, {COMFORT}")
    page.clock.run_for(2_000 + 2_500 + 3_500)
    expect(timer.locator(".bt-cue")).to_have_text("Change sides")
    expect(timer.locator(".bt-hint")).to_have_text(f"Now turn left, {COMFORT}")
    spoken = page.evaluate("cues.spoken")
    assert spoken[0] == f"Get ready. Turn right first, {COMFORT}."
    assert spoken[3] == f"Change sides. Now turn left, {COMFORT}."
    assert spoken[1:3] == ["Breathe in to lengthen", "Breathe out to twist"]
    # The next cue never cuts them short: the comfort limit is heard to its end.
    assert not [line for line in page.evaluate("cutShort") if line and COMFORT in line]


def test_screen_reader_hears_each_breath_once_with_its_count_and_pause_once(page: Page, timer_page) -> None:
    page.add_init_script(RECORD_LIVE)
    timer_page('<breath-timer breaths="2" sides="2" prepare="2" switch="2"></breath-timer>')
    timer = page.locator("breath-timer")
    begin(timer)
    page.clock.run_for(3_000)
    timer.get_by_role("button", name="Pause").click()
    page.clock.run_for(10_000)
    timer.get_by_role("button", name="Resume").click()
    page.clock.run_for(60_000)
    assert page.evaluate("heard") == [
        f"Get ready. Turn right first, {COMFORT}.",
        "1 of 2, in",
        "Paused",
        "Going on",
        "2 of 2, in",
        f"Change sides. Now turn left, {COMFORT}.",
        "1 of 2, in",
        "2 of 2, in",
        "Well done. Both sides done.",
    ]


def test_with_the_voice_cue_the_live_region_stays_quiet(page: Page, timer_page) -> None:
    page.add_init_script(FAKE_CUES)
    page.add_init_script(ONE_VOICE)
    page.add_init_script(RECORD_LIVE)
    timer_page('<breath-timer breaths="1" sides="2" prepare="1" switch="1"></breath-timer>')
    timer = page.locator("breath-timer")
    timer.get_by_role("radio", name="Voice").check()
    begin(timer)
    page.clock.run_for(2_000)
    timer.get_by_role("button", name="Pause").click()
    timer.get_by_role("button", name="Resume").click()
    page.clock.run_for(20_000)
    assert page.evaluate("heard") == []
    assert len(page.evaluate("cues.spoken")) == 7  # the voice says every phase instead


@pytest.mark.parametrize("touch", [True, False], ids=["touch screen", "keyboard"])
def test_paused_says_tap_where_there_is_no_keyboard(browser: Browser, site_url: str, touch: bool) -> None:
    context = new_context(browser, has_touch=touch, is_mobile=touch, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + "embed/")
    timer = page.locator("breath-timer")
    timer.evaluate("(timer) => { timer.start(); timer.pause(); }")
    expect(timer.locator(".bt-hint")).to_have_text("Tap Resume to go on" if touch else "Press Resume or Space to go on")
    context.close()


def pace(page: Page) -> tuple[float, float, float]:
    return tuple(float(page.get_by_label(label, exact=True).input_value()) for label in ("Breaths each side", "Seconds breathing in", "Seconds breathing out"))


def test_default_and_presets_keep_to_the_limits_and_none_is_faster_than_the_default(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.get_by_role("button", name="Pace").click()
    default = pace(page)
    assert default == (5, 2.5, 3.5)  # 30 s a side, 10 breaths a minute
    presets = page.locator("breath-timer [data-preset]")
    assert presets.count() >= 2
    for preset in presets.all():
        preset.click()
        breaths, inhale, exhale = pace(page)
        assert 1 <= breaths <= 10 and 1 <= inhale <= 8 and 1 <= exhale <= 8, preset.inner_text()
        assert inhale + exhale >= default[1] + default[2], preset.inner_text()


@pytest.mark.parametrize(
    ("label", "typed", "message"),
    [
        ("Breaths each side", "12", "Breaths each side must be a whole number from 1 to 10, so the timer uses 5."),
        ("Seconds breathing in", "0.5", "Seconds breathing in must be a number of seconds from 1 to 8, so the timer uses 2.5."),
        ("Seconds breathing out", "9", "Seconds breathing out must be a number of seconds from 1 to 8, so the timer uses 3.5."),
    ],
)
def test_a_typed_pace_outside_the_limits_is_refused_in_plain_words(timer_page, label: str, typed: str, message: str) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.get_by_role("button", name="Pace").click()
    field = page.get_by_label(label, exact=True)
    field.fill(typed)
    field.press("Enter")
    field.blur()
    expect(page.locator("breath-timer .bt-out")).to_have_text(message)
    expect(field).not_to_have_value(typed)
    page.get_by_role("button", name="Standard").click()
    expect(page.locator("breath-timer .bt-out")).to_have_text("")


def test_an_attribute_outside_the_limits_falls_back_and_says_so(page: Page, timer_page) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    timer_page('<breath-timer breaths="12" inhale="9"></breath-timer>')
    expect(page.locator("breath-timer .bt-count")).to_have_text("5 breaths each side")
    assert any(re.search(r'breaths="12" must be a whole number from 1 to 10, so the timer uses 5\.', text) for text in warnings), warnings
    assert any('inhale="9" must be a number of seconds from 1 to 8' in text for text in warnings), warnings


# The floor's change of sides: the legs swap before the turn (the brief's fourth edition), said
# on screen and aloud, in each language, from the page's words.
FLOOR_SWITCH = {
    "en": ("Change sides", "Swap legs, then turn left, only as far as is comfortable"),
    "es": ("Cambie de lado", "Cambie de pierna y gire a la izquierda, solo hasta donde le sea cómodo"),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_floor_timer_says_to_swap_legs_at_the_change_of_sides(page: Page, site_url: str, language: str) -> None:
    page.add_init_script(RECORD_EVENTS)
    page.add_init_script(RECORD_LIVE)
    page.clock.install(time=0)
    page.goto(site_url + ("" if language == "en" else "es/") + "floor-twist/")
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    page.clock.pause_at(60_000)
    timer = page.locator("breath-timer")
    begin(timer, BUTTONS[language]["start"])
    page.clock.run_for(10_000 + 5 * 6_000 + 1_000)  # get ready, five breaths, into the change
    word, line = FLOOR_SWITCH[language]
    expect(timer.locator(".bt-cue")).to_have_text(word)
    expect(timer.locator(".bt-hint")).to_have_text(line)
    assert f"{word}. {line}." in page.evaluate("heard")
