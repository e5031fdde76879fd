"""The <breath-timer> element in Chromium: its schedule, controls, cues and clean-up.

Playwright's clock runs minutes of breathing in milliseconds. Every breath-timer event is
logged with its performance.now(), whether or not the element is still in the page, so a
timer left running after removal shows up too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from timer_pages import FAKE_WAKE_LOCK, FRAME_MS, RECORD_EVENTS, begin, events, expected_schedule, start


def test_full_two_sided_session_follows_the_schedule_to_the_frame(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    started = start(page)
    page.clock.run_for(70_000)
    phases = events(page)
    assert [(e["detail"]["phase"], e["detail"]["side"], e["detail"]["breath"]) for e in phases] == [
        (phase, side, breath) for phase, side, breath, _ in expected_schedule()
    ]
    for event, (*_, at) in zip(phases, expected_schedule()):
        assert abs(event["at"] - started - at) <= FRAME_MS, event
    assert all(e["detail"]["breaths"] == 5 for e in phases)


def test_done_fires_once_at_the_scheduled_end(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    started = start(page)
    page.clock.run_for(67_900)
    assert events(page, "breath-timer:done") == []
    page.clock.run_for(200_000)
    (done,) = events(page, "breath-timer:done")
    assert abs(done["at"] - started - 68_000) <= FRAME_MS
    expect(page.locator("breath-timer .bt-cue")).to_have_text("Well done")
    expect(page.get_by_role("button", name="Again")).to_be_visible()
    page.get_by_role("button", name="Done").click()
    expect(page.get_by_role("button", name="Start again")).to_be_visible()


def test_decimal_seconds_and_one_side_are_honoured(timer_page) -> None:
    page = timer_page('<breath-timer breaths="2" inhale="1.5" exhale="2.5" sides="1" prepare="1"></breath-timer>')
    started = start(page)
    page.clock.run_for(20_000)
    schedule = expected_schedule(breaths=2, inhale=1.5, exhale=2.5, sides=1, prepare=1)
    assert [e["at"] - started for e in events(page)] == [at for *_, at in schedule]


def test_pause_keeps_the_exact_time_left(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    started = start(page)
    page.clock.run_for(10_000)
    page.get_by_role("button", name="Pause").click()
    count = len(events(page))
    page.clock.run_for(60_000)
    assert len(events(page)) == count
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
    resumed = page.evaluate("performance.now()")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(60_000)
    (done,) = events(page, "breath-timer:done")
    assert abs(done["at"] - resumed - (68_000 - 10_000)) <= FRAME_MS
    assert resumed - started > 69_000


def test_reset_returns_to_the_start_and_stops(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    start(page)
    page.clock.run_for(10_000)
    page.get_by_role("button", name="Leave full view").click()
    page.get_by_role("button", name="Reset").click()
    count = len(events(page))
    page.clock.run_for(70_000)
    assert len(events(page)) == count
    expect(page.locator("breath-timer .bt-cue")).to_have_text("Press Start")
    expect(page.get_by_role("button", name="Start", exact=True)).to_be_visible()


def test_keyboard_alone_starts_and_pauses_the_timer(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.keyboard.press("Tab")  # the cue choice, one stop for its three radios
    expect(page.get_by_role("radio", name="Tones")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start")).to_be_focused()
    page.keyboard.press("Enter")
    # The ready screen, its title focused; past the cue choice, its Start.
    expect(page.locator("breath-timer .bt-title")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Start")).to_be_focused()
    page.keyboard.press("Enter")
    page.clock.run_for(4_000)
    expect(page.locator("breath-timer .bt-cue")).to_have_text("In")
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Resume")).to_be_focused()


def test_bad_attributes_fall_back_to_defaults_with_a_warning(page: Page, timer_page) -> None:
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    timer_page('<breath-timer breaths="lots" inhale="-2" exhale="NaN" sides="3" prepare="" switch="1e9"></breath-timer>')
    for name in ("breaths", "inhale", "exhale", "sides", "prepare", "switch"):
        assert sum(f' {name}="' in warning for warning in warnings) == 1, (name, warnings)
    expect(page.locator("breath-timer .bt-count")).to_have_text("5 breaths each side")
    started = start(page)
    page.clock.run_for(70_000)
    (done,) = events(page, "breath-timer:done")
    assert abs(done["at"] - started - 68_000) <= FRAME_MS
    assert "NaN" not in page.locator("breath-timer").inner_text()


def test_properties_read_and_write_the_attributes(timer_page) -> None:
    page = timer_page('<breath-timer inhale="4"></breath-timer>')
    assert page.evaluate("document.querySelector('breath-timer').inhale") == 4
    assert page.evaluate("document.querySelector('breath-timer').breaths") == 5
    page.evaluate("document.querySelector('breath-timer').breaths = 3")
    expect(page.locator("breath-timer")).to_have_attribute("breaths", "3")
    expect(page.locator("breath-timer .bt-count")).to_have_text("3 breaths each side")


def test_shape_grows_on_the_in_breath_and_shrinks_on_the_out_breath(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    shape_width = "() => document.querySelector('breath-timer .bt-shape div').getBoundingClientRect().width"
    start(page)
    page.clock.run_for(3_200)
    early_in = page.evaluate(shape_width)
    page.clock.run_for(1_600)
    late_in = page.evaluate(shape_width)
    page.clock.run_for(2_500)
    late_out = page.evaluate(shape_width)
    assert early_in < late_in
    assert late_out < late_in


def test_reduced_motion_keeps_the_shape_still_and_shows_progress(page: Page, timer_page) -> None:
    page.emulate_media(reduced_motion="reduce")
    timer_page("<breath-timer></breath-timer>")
    shape_width = "() => document.querySelector('breath-timer .bt-shape div').getBoundingClientRect().width"
    bar_width = "() => document.querySelector('breath-timer .bt-bar div').getBoundingClientRect().width"
    start(page)
    page.clock.run_for(3_200)
    widths = [page.evaluate(shape_width)], [page.evaluate(bar_width)]
    page.clock.run_for(1_600)
    widths[0].append(page.evaluate(shape_width))
    widths[1].append(page.evaluate(bar_width))
    assert widths[0][0] == widths[0][1]
    assert widths[1][0] < widths[1][1]


def test_live_region_announces_each_phase_and_side_but_never_counts_seconds(timer_page) -> None:
    page = timer_page('<breath-timer breaths="2"></breath-timer>')
    status = page.get_by_role("status")
    expect(status).to_have_text("")
    page.evaluate(
        """() => {
          window.announcements = [];
          const region = document.querySelector('breath-timer [role=status]');
          new MutationObserver(() => announcements.push(region.textContent))
            .observe(region, { childList: true, characterData: true, subtree: true });
        }"""
    )
    start(page)
    page.clock.run_for(40_000)
    comfort = "only as far as is comfortable"
    assert page.evaluate("announcements") == [
        f"Get ready. Turn right first, {comfort}.",
        "1 of 2, in",
        "2 of 2, in",
        f"Change sides. Now turn left, {comfort}.",
        "1 of 2, in",
        "2 of 2, in",
        "Well done. Both sides done.",
    ]
    assert page.evaluate("document.querySelector('breath-timer [role=status]').getAttribute('aria-live')") in (None, "polite")


def test_removal_mid_run_stops_everything(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    start(page)
    page.clock.run_for(5_000)
    assert page.evaluate("wakeLocks.held") == 1
    page.evaluate("document.querySelector('breath-timer').remove()")
    count = len(events(page))
    page.clock.run_for(70_000)
    assert len(events(page)) == count
    assert page.evaluate("wakeLocks.held") == 0


# Records which listeners a frame's speech holds: the browser's own, with a note of each.
FRAME_SPEECH_LISTENERS = """() => {
  const speech = document.querySelector('iframe').contentWindow.speechSynthesis;
  const { addEventListener, removeEventListener } = speech;
  window.frameSpeechListeners = new Set();
  speech.addEventListener = function (type, listener) { frameSpeechListeners.add(listener); return addEventListener.call(this, type, listener); };
  speech.removeEventListener = function (type, listener) { frameSpeechListeners.delete(listener); return removeEventListener.call(this, type, listener); };
}"""


def test_a_timer_moved_into_a_frame_and_removed_leaves_no_listener_behind(page: Page, timer_page) -> None:
    """The timer listens to its window's speech (whose voices may change) while it lives there, and no longer."""
    timer_page('<breath-timer></breath-timer><iframe title="Frame"></iframe>')
    page.evaluate(FRAME_SPEECH_LISTENERS)
    page.evaluate("document.querySelector('iframe').contentDocument.body.append(document.querySelector('breath-timer'))")
    assert page.evaluate("frameSpeechListeners.size") == 1
    page.evaluate("document.querySelector('iframe').contentDocument.querySelector('breath-timer').remove()")
    assert page.evaluate("frameSpeechListeners.size") == 0


def test_wake_lock_is_held_only_while_running(timer_page) -> None:
    page = timer_page('<breath-timer breaths="1" sides="1"></breath-timer>')
    start(page)
    page.clock.run_for(1_000)
    assert page.evaluate("wakeLocks.held") == 1
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(100)
    assert page.evaluate("wakeLocks.held") == 0
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(20_000)
    assert page.evaluate("wakeLocks") == {"held": 0, "requested": 2}


def test_two_timers_on_a_page_run_independently(timer_page) -> None:
    page = timer_page(
        '<breath-timer id="a" breaths="1" sides="1" prepare="1"></breath-timer>'
        '<breath-timer id="b" breaths="2" sides="1" prepare="1"></breath-timer>'
    )
    first = start(page, "#a")
    page.clock.run_for(2_000)
    second = start(page, "#b")
    page.clock.run_for(20_000)
    done = {event["id"]: event["at"] for event in events(page, "breath-timer:done")}
    assert abs(done["a"] - first - 7_000) <= FRAME_MS
    assert abs(done["b"] - second - 13_000) <= FRAME_MS
    assert len(events(page, "breath-timer:done")) == 2


def test_reader_changes_the_pace_and_it_is_remembered(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.get_by_role("button", name="Pace").click()
    page.get_by_label("Breaths each side", exact=True).fill("3")
    page.get_by_label("Breaths each side", exact=True).press("Enter")
    page.get_by_label("Seconds breathing out", exact=True).fill("4")
    page.get_by_label("Seconds breathing out", exact=True).press("Tab")
    expect(page.locator("breath-timer .bt-count")).to_have_text("3 breaths each side")
    page.reload()
    page.wait_for_function("() => !!customElements.get('breath-timer')")
    expect(page.locator("breath-timer .bt-count")).to_have_text("3 breaths each side")
    started = start(page)
    page.clock.run_for(60_000)
    (done,) = events(page, "breath-timer:done")
    assert abs(done["at"] - started - (3_000 + 2 * 3 * 6_500 + 5_000)) <= FRAME_MS


def test_out_of_range_pace_is_not_taken(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.get_by_role("button", name="Pace").click()
    page.get_by_label("Breaths each side", exact=True).fill("50")
    page.get_by_label("Breaths each side", exact=True).press("Tab")
    expect(page.get_by_label("Breaths each side", exact=True)).to_have_value("5")
    expect(page.locator("breath-timer .bt-count")).to_have_text("5 breaths each side")


def test_returning_to_a_hidden_tab_jumps_ahead_without_replaying_cues(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    start(page)
    page.evaluate(
        """() => {
          window.realTimeout = window.setTimeout;
          window.setTimeout = () => 0;
          window.requestAnimationFrame = () => 0;
        }"""
    )
    page.clock.run_for(29_000)
    count = len(events(page))
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    new = events(page)[count:]
    assert [(e["detail"]["phase"], e["detail"]["side"], e["detail"]["breath"]) for e in new] == [("inhale", 1, 5)]


def test_plain_instruction_shows_until_the_script_runs(page: Page, site_url: str) -> None:
    page.route("**/breath-timer.js", lambda route: route.abort())
    page.goto(site_url + "chair-twist/")
    expect(page.locator("breath-timer .breath-timer-fallback")).to_be_visible()
    expect(page.locator("breath-timer .breath-timer-fallback")).to_contain_text("Breathe in for 2.5 seconds to lengthen")


def test_upgraded_timer_hides_the_paper_pacer_on_screen(page: Page, site_url: str) -> None:
    page.goto(site_url + "chair-twist/")
    expect(page.locator("breath-timer .bt-ui")).to_be_visible()
    expect(page.locator("breath-timer .breath-timer-fallback")).to_be_hidden()


def test_instant_navigation_away_and_back_leaves_one_working_timer(page: Page, site_url: str) -> None:
    page.add_init_script(RECORD_EVENTS)
    page.add_init_script(FAKE_WAKE_LOCK)
    page.clock.install(time=0)
    page.goto(site_url + "chair-twist/")
    page.clock.pause_at(60_000)
    begin(page.locator("breath-timer"))
    page.clock.run_for(5_000)
    page.get_by_role("button", name="Leave full view").click()
    page.evaluate("window.samePage = true")
    page.locator(".md-sidebar--primary a[href$=\"floor-twist/\"]").click()
    expect(page).to_have_url(site_url + "floor-twist/")
    assert page.evaluate("window.samePage"), "Material's instant navigation did not run"
    assert page.evaluate("document.querySelectorAll('breath-timer').length") == 1
    count = len(events(page))
    page.clock.run_for(70_000)
    assert len(events(page)) == count
    assert page.evaluate("wakeLocks.held") == 0
    page.go_back()
    expect(page).to_have_url(site_url + "chair-twist/")
    begin(page.locator("breath-timer"))
    page.clock.run_for(70_000)
    assert len(events(page, "breath-timer:done")) == 1


def test_phase_changes_come_in_order_and_never_early_in_real_time(timer_page) -> None:
    """The one test on the real clock: the phases of a short session, in order, none before its
    time. A loaded machine makes them late, never early, so this holds under load; how close to
    its time each change comes is measured by benchmarks/timer_benchmark.py.
    """
    page = timer_page('<breath-timer breaths="1" sides="2" prepare="1" inhale="1" exhale="1" switch="1"></breath-timer>', clock=False)
    pressed = start(page)
    page.wait_for_function("() => timerEvents.some((event) => event.type === 'breath-timer:done')", timeout=30_000)
    schedule = expected_schedule(breaths=1, sides=2, prepare=1, inhale=1, exhale=1, switch=1)
    assert [(e["detail"]["phase"], e["detail"]["side"], e["detail"]["breath"]) for e in events(page)] == [
        (phase, side, breath) for phase, side, breath, _ in schedule
    ]
    early = [at - (event["at"] - pressed) for event, (*_, at) in zip(events(page), schedule) if event["at"] - pressed < at - 1]
    assert early == []


GRAMMAR = json.loads((Path(__file__).parent / "number_grammar.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [name for name in GRAMMAR if name != "about"])
def test_attributes_follow_the_shared_number_grammar(page: Page, timer_page, name: str) -> None:
    """The hook's accept/reject cases, fed to the element: what it uses, and one warning per bad value."""
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    page = timer_page('<breath-timer sides="1" prepare="1"></breath-timer>')
    default = page.evaluate(f"document.createElement('breath-timer').{name}")
    used = """([name, value]) => {
      const timer = document.querySelector('breath-timer');
      timer.setAttribute(name, value);
      return [timer[name], timer.querySelector('.bt-count').textContent];
    }"""
    for value, expected in GRAMMAR[name]["accept"].items():
        number, count = page.evaluate(used, [name, value])
        assert number == expected, value
        if name == "breaths":
            assert count == f"{expected} breath{'s' * (expected != 1)} each side"
    assert warnings == []
    for value in GRAMMAR[name]["reject"]:
        number, count = page.evaluate(used, [name, value])
        assert number == default, value
        assert sum(f'{name}="{value}"' in warning for warning in warnings) == 1, (value, warnings)
    assert "NaN" not in page.locator("breath-timer").inner_text()


def test_seconds_the_grammar_accepts_are_the_seconds_the_timer_keeps(timer_page) -> None:
    page = timer_page('<breath-timer breaths="1" sides="1" prepare="1" inhale="02.50" exhale="1"></breath-timer>')
    started = start(page)
    page.clock.run_for(10_000)
    assert [event["at"] - started for event in events(page)] == [0, 1_000, 3_500, 4_500]


def test_start_and_reset_on_a_timer_never_put_in_a_page_do_nothing(page: Page, timer_page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page = timer_page("")
    page.evaluate("window.loose = document.createElement('breath-timer'); loose.start(); loose.pause(); loose.reset(); loose.start()")
    page.clock.run_for(70_000)
    assert errors == []
    assert events(page) == []
    assert page.evaluate("wakeLocks.requested") == 0


def test_start_after_removal_leaves_no_timer_running(timer_page) -> None:
    page = timer_page("<breath-timer></breath-timer>")
    page.evaluate("window.removed = document.querySelector('breath-timer'); removed.remove(); removed.start()")
    page.clock.run_for(70_000)
    assert events(page) == []
    assert page.evaluate("wakeLocks.held") == 0


def test_wake_lock_granted_after_removal_is_released(page: Page, timer_page) -> None:
    page.add_init_script(
        """window.grantLock = null;
        Object.defineProperty(navigator, "wakeLock", { value: { request: () => new Promise((grant) => {
          grantLock = () => { wakeLocks.held++; grant({ release: async () => { wakeLocks.held--; } }); };
        }) } });"""
    )
    page = timer_page("<breath-timer></breath-timer>")
    start(page)
    page.evaluate("document.querySelector('breath-timer').remove()")
    page.evaluate("grantLock()")
    page.clock.run_for(1_000)
    assert page.evaluate("wakeLocks.held") == 0


@pytest.mark.parametrize("value", ["6", "3"], ids=["the same value", "a new value"])
def test_an_attribute_set_mid_session_does_not_reset_it_and_applies_at_the_next_start(timer_page, value: str) -> None:
    page = timer_page('<breath-timer breaths="6" sides="1"></breath-timer>')
    started = start(page)
    page.clock.run_for(10_000)
    page.evaluate(f"document.querySelector('breath-timer').setAttribute('breaths', '{value}')")
    expect(page.locator("breath-timer .bt-cue")).not_to_have_text("Press Start")
    page.clock.run_for(40_000)
    (done,) = events(page, "breath-timer:done")
    assert abs(done["at"] - started - 39_000) <= FRAME_MS
    again = start(page)
    page.clock.run_for(40_000)
    assert abs(events(page, "breath-timer:done")[1]["at"] - again - (3_000 + int(value) * 6_000)) <= FRAME_MS


def test_an_attribute_set_while_paused_keeps_the_place(timer_page) -> None:
    page = timer_page('<breath-timer breaths="6" sides="1"></breath-timer>')
    start(page)
    page.clock.run_for(10_000)
    page.evaluate("document.querySelector('breath-timer').pause(); document.querySelector('breath-timer').inhale = 2")
    expect(page.locator("breath-timer .bt-count")).to_have_text("Breath 2 of 6")
    expect(page.get_by_role("button", name="Resume")).to_be_visible()
